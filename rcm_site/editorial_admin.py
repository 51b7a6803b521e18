"""Admin behaviour shared by the records staff publish: who may publish, the publish
actions, the state column, the link to the public page or its preview, and refusing a
save over someone else's newer edit."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import is_historic

from . import review, usage
from .enums import ReviewState
from .history_admin import HistoryViews
from .models import ReviewRequest
from .presence import PresenceAdmin
from .publishing import PublicationStatus, Publishable


class VersionCheckForm(forms.ModelForm):
    """Carries the version the editor opened; refuses to save over a newer one.

    The form comes back with the editor's own changes in it, so nothing typed is lost.
    Of two simultaneous saves of a record, the second waits for the first to commit
    and is then refused.
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A restored old version is edited over the stored record, not over
            # itself.
            self.fields["opened_version"].initial = (
                self.instance.stored_version()
                if is_historic(self.instance)
                else self.instance.version
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("opened_version") != self.locked_version():
            raise ValidationError(
                _(
                    "Someone else saved this record after you opened it, so your "
                    "changes were not saved. Your version is still in the form below: "
                    "copy what you need, reload the page to see their changes, then "
                    "make yours again."
                ),
                code="stale",
            )
        return cleaned

    def locked_version(self):
        # Locked while validating, not checked in the UPDATE, so a refusal can re-show
        # the form; SQLite ignores the lock, its IMMEDIATE transactions queue anyway.
        return (
            type(self.instance)
            .objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )


class PublishableForm(VersionCheckForm):
    """Besides the record, what an editor says to the publishers: the draft is ready,
    and when they suggest it becomes public."""

    ready_for_review = forms.BooleanField(
        label=_("Ready for review"),
        required=False,
        help_text=_(
            "Tick when the draft is finished: the publishers are told and decide. "
            "Untick to take it back."
        ),
    )
    proposed_publish_at = forms.SplitDateTimeField(
        label=_("Proposed publish time"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_(
            "When you suggest it becomes public, in the site's time zone; empty for "
            "as soon as a publisher publishes it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "ready_for_review" in self.fields:
            latest = review.latest_review(self.instance)
            if latest is not None and latest.state == ReviewState.READY:
                self.fields["ready_for_review"].initial = True
                self.fields["proposed_publish_at"].initial = latest.proposed_publish_at


class PublishForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=_("Publish at"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_(
            "Empty to publish now; a future time schedules it. Filled in with the "
            "time the editor proposed, if any."
        ),
    )
    comment = forms.CharField(
        label=_("Comment for the editor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to send the record back: what should change."),
    )


def to_review_url():
    return (
        reverse("admin:rcm_site_reviewrequest_changelist")
        + f"?state__exact={ReviewState.READY}"
    )


def names(records):
    """ "meeting Zeta Meeting; person Zoe Zamora": records of any kinds, named."""
    return "; ".join(f"{record._meta.verbose_name} {record}" for record in records)


def draft_key(record):
    """ "events.statement:12": a record of any kind, in a form field."""
    return f"{record._meta.label_lower}:{record.pk}"


def may_publish(request, model):
    opts = model._meta
    return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def keep_publication_state(request, obj):
    """Whatever a form, a restored version or a crafted POST says, someone without the
    publish permission leaves the publication state as it was: a new record is a
    draft, an existing one keeps its stored state."""
    if may_publish(request, type(obj)):
        return
    stored = (
        type(obj)
        .objects.filter(pk=obj.pk)
        .values("publication_status", "publish_at")
        .first()
        if obj.pk
        else None
    )
    if stored:
        obj.publication_status, obj.publish_at = (
            stored["publication_status"],
            stored["publish_at"],
        )
    else:
        obj.publication_status, obj.publish_at = PublicationStatus.DRAFT, None


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("published", _("Published")),
            ("scheduled", _("Scheduled")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "published":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.filter(
                publication_status=PublicationStatus.PUBLISHED, publish_at__gt=now
            )
        if self.value() == "draft":
            return queryset.filter(publication_status=PublicationStatus.DRAFT)
        return queryset


class HistoryAdmin(PresenceAdmin, HistoryViews, SimpleHistoryAdmin):
    """django-simple-history's admin, with the history of the records edited inline
    (rcm_site.history_admin) and a notice of who else has the form open
    (rcm_site.presence), answering 404 rather than 500 to an address or a prefilled
    value that is not a key (/admin/…/1/change/history/, /add/?speaker=abc)."""

    def may_remove_restored(self, request, record):
        return not (
            isinstance(record, Publishable)
            and record.publication_status == PublicationStatus.PUBLISHED
            and not may_publish(request, type(record))
        )

    def prepare_restored(self, request, record):
        if isinstance(record, Publishable):
            keep_publication_state(request, record)

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(_("No such record.")) from None
        return super().history_view(request, object_id, extra_context)

    def get_changeform_initial_data(self, request):
        """Drops a prefilled reference that is not a key: the autocomplete widget
        would look it up as one."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation and not field.many_to_many:
                try:
                    field.target_field.to_python(value)
                except ValidationError:
                    del initial[name]
        return initial


class PublicationFieldsReadOnly:
    """Without the publish permission the publication fields are read-only, on a
    record's own form and in an inline alike (the server enforces it on save too)."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not may_publish(request, self.model):
            readonly += ["publication_status", "publish_at"]
        return readonly


class PublishableAdmin(PublicationFieldsReadOnly, TranslationAdmin, HistoryAdmin):
    """Every publishable record has translated fields (modeltranslation's admin shows
    them side by side). PublicationFieldsReadOnly comes first: modeltranslation's
    get_readonly_fields does not call the next class's.

    The publication fieldset differs by who opens the form: a publisher sets the
    state and time, an editor sees them and says the draft is ready for review."""

    form = PublishableForm
    actions = ["publish_now", "unpublish", "submit_for_review"]
    publication_fieldset = (
        _("Publication"),
        {"fields": ["publication_status", "publish_at", "opened_version"]},
    )
    publisher_fields = ["publication_status", "publish_at", "review_decision"]
    editor_fields = [
        "publication_state",
        "review_state",
        "ready_for_review",
        "proposed_publish_at",
    ]

    def has_publish_permission(self, request):
        return may_publish(request, self.model)

    def has_delete_permission(self, request, obj=None):
        if (
            obj is not None
            and obj.publication_status == PublicationStatus.PUBLISHED
            and not self.has_publish_permission(request)
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete cannot tell drafts from published records; editors delete
        # drafts one at a time, where has_delete_permission sees the record.
        if not self.has_publish_permission(request):
            actions.pop("delete_selected", None)
        return actions

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name=f"{opts.app_label}_{opts.model_name}_publish",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        """With the state and comment of each record's latest review request, for
        the lists' review column."""
        # The content type by name, joined, not looked up: a list costs the same
        # number of queries whether or not the content types are cached yet.
        opts = self.model._meta
        latest = ReviewRequest.objects.filter(
            content_type__app_label=opts.app_label,
            content_type__model=opts.model_name,
            object_id=OuterRef("pk"),
        ).order_by("-submitted_at", "-pk")
        return (
            super()
            .get_queryset(request)
            .annotate(
                review=Subquery(latest.values("state")[:1]),
                review_comment=Subquery(latest.values("comment")[:1]),
            )
        )

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if "publication_state" in columns:
            columns.append("review_column")
        return columns

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            "publication_state",
            "review_state",
            "review_decision",
        ]

    def get_fieldsets(self, request, obj=None):
        if self.has_publish_permission(request):
            fields = self.publisher_fields
        elif obj is not None and obj.publication_status == PublicationStatus.PUBLISHED:
            fields = self.editor_fields[:2]
        else:
            fields = self.editor_fields
        return [
            (name, {**options, "fields": [*fields, "opened_version"]})
            if "opened_version" in options["fields"]
            else (name, options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self.has_publish_permission(request):
            for name in review.FORM_FIELDS:
                form.base_fields.pop(name, None)
        return form

    def save_model(self, request, obj, form, change):
        # Saving an unchanged record would only add an empty version to its history
        # and refuse the forms others have open. (A restored version also leaves its
        # form unchanged, but it is older than the stored record, so it is saved.)
        record_changed = set(form.changed_data) - review.FORM_FIELDS
        if not change or record_changed or obj.version != obj.stored_version():
            keep_publication_state(request, obj)
            super().save_model(request, obj, form, change)
        if self.has_publish_permission(request):
            review.close_reviews([obj], request.user)
        elif obj.publication_status == PublicationStatus.DRAFT:
            self.save_review(request, obj, form)

    def save_review(self, request, obj, form):
        if form.cleaned_data.get("ready_for_review"):
            review.submit(
                obj,
                request.user,
                form.cleaned_data.get("proposed_publish_at"),
                self.publish_url(request, obj),
            )
        elif "ready_for_review" in form.changed_data:
            review.withdraw(obj, request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if self.has_publish_permission(request) and (
            obj.publication_status == PublicationStatus.PUBLISHED
        ):
            drafts = obj.drafts_named()
            if drafts:
                self.message_user(
                    request,
                    format_html(
                        '{} {} <a href="{}">{}</a>',
                        _(
                            "Published without the drafts it names, which its page "
                            "leaves out until they are published too:"
                        ),
                        names(drafts),
                        self.publish_url(request, obj),
                        _("Publish them too"),
                    ),
                    messages.WARNING,
                )

    def publish_url(self, request, obj):
        opts = self.model._meta
        return request.build_absolute_uri(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_publish",
                args=[obj.pk],
                current_app=self.admin_site.name,
            )
        )

    def publish_view(self, request, object_id):
        """Publish or schedule one record, with the drafts it names or alone, or send
        its review request back to the editor with a comment."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such record."))
        open_review = ReviewRequest.objects.of(obj).open().first()
        # A scheduled record keeps its time unless changed; one already public
        # publishes the drafts it names now.
        proposed = (
            obj.publish_at
            if obj.is_scheduled()
            else getattr(open_review, "proposed_publish_at", None)
        )
        form = PublishForm(request.POST or None, initial={"publish_at": proposed})
        if open_review is None:
            del form.fields["comment"]
        drafts = self.drafts_to_publish(request, [obj])
        if request.method == "POST" and form.is_valid():
            if "_send_back" in request.POST:
                if open_review is None:
                    form.add_error(None, _("This record is not waiting for review."))
                elif not form.cleaned_data.get("comment"):
                    form.add_error("comment", _("Say what the editor should change."))
                else:
                    review.send_back(
                        open_review, request.user, form.cleaned_data["comment"]
                    )
                    self.message_user(
                        request,
                        _("Sent back to the editor: %(record)s") % {"record": obj},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(to_review_url())
            else:
                published = [] if "_publish_alone" in request.POST else drafts
                when = form.cleaned_data["publish_at"]
                review.publish([obj, *published], request.user, when)
                self.report_published([obj], published, request, when)
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist"
                    )
                )
        return self.publish_page(
            request,
            [obj],
            drafts,
            form=form,
            review=open_review,
            changes=review.changes_since_published(obj),
        )

    def publish_page(self, request, records, drafts, **context):
        opts = self.model._meta
        return TemplateResponse(
            request,
            "admin/rcm_site/publish.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Publish"),
                "opts": opts,
                "records": records,
                "drafts": drafts,
                "draft_rows": [
                    (
                        draft._meta.verbose_name,
                        draft,
                        reverse(
                            f"admin:{draft._meta.app_label}_{draft._meta.model_name}_change",
                            args=[draft.pk],
                        ),
                        draft_key(draft),
                    )
                    for draft in drafts
                ],
                **context,
            },
        )

    def drafts_to_publish(self, request, records):
        """The drafts these records name that this user may publish. Once the
        confirmation page has listed them, only those listed: a draft named since
        is not published unseen."""
        drafts = [
            draft
            for draft in review.drafts_to_publish(records)
            if may_publish(request, type(draft))
        ]
        if "_publish_all" in request.POST and "_listed" in request.POST:
            listed = set(request.POST.getlist("_draft"))
            drafts = [draft for draft in drafts if draft_key(draft) in listed]
        return drafts

    def report_published(self, records, drafts, request, when=None):
        when = when or timezone.now()
        if when > timezone.now():
            message = _("Scheduled for %(when)s: %(records)s") % {
                "when": date_format(timezone.localtime(when), "DATETIME_FORMAT"),
                "records": names(records),
            }
        else:
            message = _("Published: %(records)s") % {"records": names(records)}
        if drafts:
            message += " " + ngettext(
                "With it, %(count)d draft it names: %(drafts)s",
                "With them, %(count)d drafts they name: %(drafts)s",
                len(drafts),
            ) % {"count": len(drafts), "drafts": names(drafts)}
        self.message_user(request, message, messages.SUCCESS)
        # Left alone, not this user's to publish, or named since the page was shown.
        hidden = review.drafts_to_publish(records)
        if hidden:
            self.message_user(
                request,
                _(
                    "These drafts stay hidden, and its page does not name them until "
                    "they are published: %(drafts)s"
                )
                % {"drafts": names(hidden)},
                messages.WARNING,
            )

    @admin.action(description=_("Publish selected now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        """Publishes the selected records; when they name drafts, first asks whether
        to publish those with them (as delete asks before deleting)."""
        records = [obj for obj in queryset if not obj.is_published()]
        drafts = self.drafts_to_publish(request, records)
        decided = {"_publish_all", "_publish_alone"} & set(request.POST)
        if drafts and not decided:
            return self.publish_page(
                request,
                records,
                drafts,
                selected=request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
            )
        published = [] if "_publish_alone" in request.POST else drafts
        review.publish([*records, *published], request.user)
        if records:
            self.report_published(records, published, request)
        else:
            self.message_user(request, _("Nothing to publish."), messages.INFO)

    @admin.action(description=_("Submit selected for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        submitted = 0
        for obj in queryset.filter(publication_status=PublicationStatus.DRAFT):
            if obj.review == ReviewState.READY:
                continue
            review.submit(obj, request.user, None, self.publish_url(request, obj))
            submitted += 1
        self.message_user(
            request,
            ngettext(
                "%d draft submitted for review.",
                "%d drafts submitted for review.",
                submitted,
            )
            % submitted,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected"), permissions=["publish"])
    def unpublish(self, request, queryset):
        changed = 0
        for obj in queryset.exclude(publication_status=PublicationStatus.DRAFT):
            obj.publication_status = PublicationStatus.DRAFT
            obj._history_user = request.user
            obj.save()
            changed += 1
        self.message_user(
            request,
            ngettext("%d record unpublished.", "%d records unpublished.", changed)
            % changed,
            messages.SUCCESS,
        )

    @admin.display(description=_("State"), ordering="publish_at")
    def publication_state(self, obj):
        if obj.is_published():
            return _("Published")
        if obj.is_scheduled():
            when = date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
            return _("Scheduled for %(when)s") % {"when": when}
        return _("Draft")

    @admin.display(description=_("Review"))
    def review_column(self, obj):
        if obj.publication_status != PublicationStatus.DRAFT:
            return ""
        if obj.review == ReviewState.READY:
            return _("Ready for review")
        if obj.review == ReviewState.SENT_BACK:
            return _("Sent back: %(comment)s") % {"comment": obj.review_comment}
        return ""

    @admin.display(description=_("Review"))
    def review_state(self, obj):
        latest = review.latest_review(obj) if obj.pk else None
        if latest is None:
            return _("Not submitted for review.")
        context = {
            "who": latest.submitted_by or "",
            "when": date_format(
                timezone.localtime(latest.submitted_at), "DATETIME_FORMAT"
            ),
            "decider": latest.decided_by or "",
            "decided": date_format(
                timezone.localtime(latest.decided_at or latest.submitted_at),
                "DATETIME_FORMAT",
            ),
            "comment": latest.comment,
        }
        return {
            ReviewState.READY: _("Submitted for review by %(who)s, %(when)s."),
            ReviewState.SENT_BACK: _(
                "Sent back by %(decider)s, %(decided)s: %(comment)s"
            ),
            ReviewState.PUBLISHED: _("Published by %(decider)s, %(decided)s."),
            ReviewState.WITHDRAWN: _("Taken back from review, %(decided)s."),
        }[latest.state] % context

    @admin.display(description=_("Review"))
    def review_decision(self, obj):
        """The review state, and for a saved record the way to publish it with the
        drafts it names, schedule it, or send it back."""
        if not obj.pk:
            return self.review_state(obj)
        opts = self.model._meta
        return format_html(
            '{} <a href="{}">{}</a>',
            self.review_state(obj),
            reverse(f"admin:{opts.app_label}_{opts.model_name}_publish", args=[obj.pk]),
            _("Publish, schedule or send back…"),
        )

    @admin.display(description=_("Page"))
    def page_link(self, obj):
        label = _("View") if obj.is_published() else _("Preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)


class WhereUsedAdmin:
    """Lists on the change form and the delete confirmation the records that name this
    one (rcm_site.usage), so that an editor sees what a merge or a delete touches."""

    change_form_template = "admin/where_used_change_form.html"
    delete_confirmation_template = "admin/where_used_delete_confirmation.html"

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and obj.pk:
            context["where_used"] = usage.where_used(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_delete_form(self, request, context):
        context["where_used"] = usage.where_used(context["object"])
        return super().render_delete_form(request, context)


class PostOfChosenPerson:
    """The post ("held then") autocomplete offers only the posts of the person chosen
    beside it, in the field named person_field: static/js/admin.js sends that person
    with each search, and the post admin's get_search_results narrows to them."""

    person_field = "person"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "position" and formfield is not None:
            formfield.widget.attrs["data-forward-person"] = self.person_field
        return formfield
