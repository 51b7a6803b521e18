"""Admin behaviour shared by the records staff publish: who may publish, the publish
actions, the state column, the link to the public page or its preview, and refusing a
save over someone else's newer edit."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import router, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import is_historic

from . import usage
from .publishing import PublicationStatus


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


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, answering 404 rather than 500 to an address
    or a prefilled value that is not a key (/admin/…/1/change/history/,
    /add/?speaker=abc)."""

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
    get_readonly_fields does not call the next class's."""

    form = VersionCheckForm
    actions = ["publish_now", "unpublish"]
    publication_fieldset = (
        _("Publication"),
        {"fields": ["publication_status", "publish_at", "opened_version"]},
    )

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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The version check's row lock needs a transaction to the end of the save:
        # Django's change view opens one, django-simple-history's restore view not.
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )

    def save_model(self, request, obj, form, change):
        # Saving an unchanged record would only add an empty version to its history
        # and refuse the forms others have open. (A restored version also leaves its
        # form unchanged, but it is older than the stored record, so it is saved.)
        if change and not form.has_changed() and obj.version == obj.stored_version():
            return
        keep_publication_state(request, obj)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish selected now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        changed = 0
        for obj in queryset:
            if not obj.is_published():
                obj.publication_status, obj.publish_at = (
                    PublicationStatus.PUBLISHED,
                    timezone.now(),
                )
                obj._history_user = request.user
                obj.save()
                changed += 1
        self.message_user(
            request,
            ngettext("%d record published.", "%d records published.", changed)
            % changed,
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
