"""The admin's "Import a press release": read a release, review what was found, then
create it all as drafts. Views of the admin site (rcm_site.urls wraps them in
admin_view: staff only, CSRF-protected)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.signing import BadSignature
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .drafts import create_drafts
from .extract import extract
from .forms import ImportForm, ReviewForm, sign, unsign
from .marks import marked

# An import creates meetings, statements, people, organizations and their posts: what
# the Editor and Publisher groups may add (events/migrations/0004_editorial_groups).
PERMISSIONS = [
    "events.add_event",
    "events.add_statement",
    "people.add_person",
    "people.add_organization",
    "people.add_position",
]


def may_import(user):
    return user.has_perms(PERMISSIONS)


def page(request, template, title, **context):
    return TemplateResponse(
        request,
        template,
        {
            **admin.site.each_context(request),
            # The release and its findings side by side need the whole width.
            "is_nav_sidebar_enabled": False,
            "title": title,
            **context,
        },
    )


def import_release(request):
    if not may_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extraction = extract(data["text"], published=data["published"])
        review = ReviewForm(
            extraction,
            initial={"release": sign(data["text"], data["published"], data["url"])},
        )
        return review_page(request, review)
    return page(
        request,
        "admin/releases/import.html",
        _("Import a press release"),
        form=form,
    )


def review_page(request, form):
    return page(
        request,
        "admin/releases/review.html",
        _("Review the press release"),
        form=form,
        marked=marked(form.extraction),
    )


def review_release(request):
    """Confirms or cancels a review; nothing is written before the editor confirms."""
    if not may_import(request.user):
        raise PermissionDenied
    start = reverse("releases:import")
    if request.method != "POST":
        return redirect(start)
    if "_cancel" in request.POST:
        messages.info(request, _("Nothing was imported."))
        return redirect(start)
    try:
        text, published, url = unsign(request.POST.get("release", ""))
    except BadSignature:
        messages.error(
            request,
            _("This review is too old or was altered: read the release again."),
        )
        return redirect(start)
    form = ReviewForm(extract(text, published=published), request.POST)
    if form.is_valid():
        try:
            event = create_drafts(
                form.extraction,
                form.decisions(),
                request.user,
                url=url,
                date=published,
                review_url=(
                    (lambda event: publish_url(request, event))
                    if form.cleaned_data["ready_for_review"]
                    else None
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Imported as drafts: %(meeting)s. Check it below, fill in what "
                    "the release did not say, and cut its account down to the "
                    "meeting's own story."
                )
                % {"meeting": event},
            )
            return redirect("admin:events_event_change", event.pk)
    return review_page(request, form)


def publish_url(request, event):
    return request.build_absolute_uri(
        reverse("admin:events_event_publish", args=[event.pk])
    )
