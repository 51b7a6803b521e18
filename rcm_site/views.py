from django import forms
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from django.views.static import serve

from events.exports import EVENT_COLUMNS, STATEMENT_COLUMNS
from events.models import Body, Event, KeyFigure, Statement, Topic
from people.exports import ORGANIZATION_COLUMNS, PERSON_COLUMNS
from people.models import Country, Organization, Person

from . import heavy, page_cache, pictures, search, uploads
from .exports import schema
from .pages import MAX_QUERY_LENGTH, MatchesPaginator
from .publishing import published_q

# name: (title, list page, CSV, JSON, columns)
DOWNLOADS = {
    "meetings": (
        _("Meetings"),
        "events:event_list",
        "events:event_csv",
        "events:event_json",
        EVENT_COLUMNS,
    ),
    "statements": (
        _("Statements"),
        "events:statement_list",
        "events:statement_csv",
        "events:statement_json",
        STATEMENT_COLUMNS,
    ),
    "people": (
        _("People"),
        "people:person_list",
        "people:person_csv",
        "people:person_json",
        PERSON_COLUMNS,
    ),
    "organizations": (
        _("Organizations"),
        "people:organization_list",
        "people:organization_csv",
        "people:organization_json",
        ORGANIZATION_COLUMNS,
    ),
}


class HomeView(TemplateView):
    """The latest of the record whether or not a meeting is announced: the coming
    meetings show only when there are some, above the recent ones."""

    template_name = "home.html"
    # Topics and RCM bodies are a short, edited vocabulary: all of them, but bounded.
    browse_limit = 30

    def get_context_data(self, **kwargs):
        events = Event.objects.published().for_list()
        return super().get_context_data(
            upcoming=list(events.upcoming()[:5]),
            recent=events.past()[:5],
            statements=Statement.objects.published().for_cards()[:4],
            key_figures=(
                KeyFigure.objects.filter(published_q("event"))
                .select_related("event")
                .order_by("-event__start_date", "order")[:4]
            ),
            countries=Country.objects.members(),
            topics=Topic.objects.all()[: self.browse_limit],
            bodies=Body.objects.published()[: self.browse_limit],
            **kwargs,
        )


@require_GET
def favicon(request, name="favicon.svg"):
    """The site's emblem where browsers look for it, for the admin and public pages
    alike: the static file, which its own address lets them cache. /favicon.ico, for
    browsers and feed readers that ask for no other, is a raster copy of it."""
    return redirect(staticfiles_storage.url(f"img/{name}"))


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}"]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


class DataView(TemplateView):
    """ "Data and feeds": what can be downloaded or followed, and the field names."""

    template_name = "data.html"

    def get_context_data(self, **kwargs):
        downloads = [
            {
                "name": name,
                "title": title,
                "list_url": reverse(list_url),
                "csv_url": reverse(csv_url),
                "json_url": reverse(json_url),
                "columns": columns,
            }
            for name, (title, list_url, csv_url, json_url, columns) in DOWNLOADS.items()
        ]
        calendar_url = self.request.build_absolute_uri(reverse("events:calendar"))
        return super().get_context_data(
            downloads=downloads,
            calendar_url=calendar_url,
            calendar_years=Event.objects.published().dates(
                "start_date", "year", order="DESC"
            ),
            **kwargs,
        )


def download_schema(request, name):
    """The JSON Schema of a JSON download, generated from its column definitions."""
    if name not in DOWNLOADS:
        raise Http404
    title, *_urls, columns = DOWNLOADS[name]
    return JsonResponse(schema(columns, str(title)), json_dumps_params={"indent": 2})


def health_problems():
    """What would stop the site rendering a page, in words for the operator; nothing
    sensitive (no addresses, paths or exception text)."""
    problems = []
    try:
        page_cache.current_version()
    except DatabaseError:
        problems.append("database: unavailable or not migrated")
    try:
        cache.set("healthz", "ok", 10)
        if cache.get("healthz") != "ok":
            problems.append("cache: does not keep what is stored")
    except Exception:  # noqa: BLE001 (any backend's failure means the same)
        problems.append("cache: unavailable")
    try:
        staticfiles_storage.url("css/site.css")
    except ValueError:
        problems.append("static files: not collected (run collectstatic)")
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        problems.append("templates: base.html not found")
    if heavy.exports_root_problem():
        problems.append(
            "downloads: EXPORTS_ROOT not writable (manage.py check says why)"
        )
    return problems


@never_cache
def healthz(request):
    """200 when the site can render pages, 503 naming what stops it: for the load
    balancer and the operator."""
    problems = health_problems()
    if problems:
        return HttpResponse(
            "".join(f"{problem}\n" for problem in problems),
            status=503,
            content_type="text/plain",
        )
    return HttpResponse("ok\n", content_type="text/plain")


def media(request, path):
    """Uploaded files, on a single machine where no proxy serves /media/: those of
    public records, and drafts' to staff, who preview them; a picture's renditions
    to whoever may see the picture, made here if they are not yet."""
    source = pictures.source_of(path)
    # A NUL names no file, and PostgreSQL refuses it in a query.
    if "\x00" in path or not (
        request.user.is_staff or uploads.is_public(source or path)
    ):
        raise Http404(_("No such file."))
    if source and not default_storage.exists(path):
        pictures.make(default_storage, source)
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# Ranked ids beyond a section's ten, for records in the index that the public may not
# see (drafts); each is one more record to read when the results are rendered.
SPARE_RESULTS = 5


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class SearchView(TemplateView):
    """/search/?q=: the best matches among meetings, statements, people,
    organizations and RCM bodies, each kind with its count and a link to its full
    filtered list; the kinds with none are left out, and with none at all the page
    suggests what to try instead."""

    template_name = "search.html"
    query_parameters = ("q",)
    per_section = 10
    # Each kind with only the related records its results show.
    sections = [
        (_("Meetings"), Event, "events:event_list", lambda qs: qs.for_list()),
        (
            _("Statements"),
            Statement,
            "events:statement_list",
            lambda qs: qs.select_related("event", "speaker", "organization"),
        ),
        (
            _("People"),
            Person,
            "people:person_list",
            lambda qs: qs.select_related("country"),
        ),
        (
            _("Organizations"),
            Organization,
            "people:organization_list",
            lambda qs: qs.for_list(),
        ),
        (_("RCM bodies"), Body, "events:body_list", lambda qs: qs),
    ]

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET or None)
        valid = form.is_valid() if form.is_bound else True
        query = form.cleaned_data.get("q", "") if valid and form.is_bound else ""
        results = (
            [self.section(*section, query) for section in self.sections]
            if query
            else []
        )
        context = self.get_context_data(
            form=form,
            query=query,
            results=results,
            found=any(section["count"] for section in results),
            **kwargs,
        )
        return self.render_to_response(context, status=200 if valid else 400)

    def section(self, title, model, list_url, shape, query):
        ranked = search.ranked_ids(model, query, self.per_section + SPARE_RESULTS)
        found = shape(model.objects.published()).filter(pk__in=ranked).in_bulk()
        matches = MatchesPaginator(
            model.objects.published().search(query), self.per_section
        )
        return {
            "title": title,
            "kind": model._meta.model_name,
            "items": [found[pk] for pk in ranked if pk in found][: self.per_section],
            "count": matches.count,
            "more_than_counted": matches.more_than_counted,
            "list_url": reverse(list_url),
        }
