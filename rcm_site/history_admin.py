"""The admin's history pages for a record and the records edited inline with it (see
rcm_site.history): the list of saves, a side-by-side comparison of two versions, and
a restore that brings the inline records back too."""

import itertools
from functools import partial

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from simple_history.models import to_historic

from . import review
from .history import (
    RestoreRefused,
    carry_out,
    compare_parts,
    compare_rows,
    m2m_targets,
    part_changes,
    parts_of,
    restore_plan,
    shown_values,
)


class HistoryViews:
    object_history_template = "admin/record_history.html"
    object_history_list_template = "admin/record_history_list.html"
    object_history_form_template = "admin/record_history_form.html"

    def history_parts(self):
        return parts_of(self.model, [inline.model for inline in self.inlines])

    def may_remove_restored(self, request, record):
        """Whether restoring may delete `record`, added since the version."""
        return True

    def prepare_restored(self, request, record):
        """The rules a save of `record` by this user follows, before a restore."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_history_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        """Each version's changes, translated fields once per language, dates and
        choices as the forms show them, and, for a record with inline records, theirs
        made in the same save."""
        records = list(historical_records)
        values = [shown_values(record) for record in records]
        for (current, now), (_previous, then) in itertools.pairwise(
            zip(records, values, strict=True)
        ):
            current.history_delta_changes = [
                {"field": label, "old": old, "new": new}
                for label, old, new, changed in compare_rows(then, now)
                if changed
            ]
        parts = self.history_parts()
        if not parts or not records:
            return
        pk = getattr(records[0], self.opts.pk.attname)
        found = part_changes(
            parts, pk, [r.history_save for r in records if r.history_save]
        )
        for record in records:
            record.part_changes = found.get(record.history_save, [])

    def compare_view(self, request, object_id):
        object_id = unquote(object_id)
        try:
            self.opts.pk.to_python(object_id)
        except ValidationError:
            raise Http404(_("No such record.")) from None
        history = self.model.history.filter(**{self.opts.pk.attname: object_id})
        obj = self.get_object(request, object_id)
        if obj is None:
            latest = history.first()
            if latest is None:
                raise Http404(_("No such record."))
            obj = latest.instance
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        try:
            versions = sorted(
                (history.get(history_id=request.GET[side]) for side in ("old", "new")),
                key=lambda row: (row.history_date, row.history_id),
            )
        except (KeyError, ValueError, ValidationError, ObjectDoesNotExist):
            self.message_user(
                request, _("Choose two versions to compare."), messages.ERROR
            )
            return HttpResponseRedirect(
                reverse(
                    f"{self.admin_site.name}:{self.opts.app_label}_"
                    f"{self.opts.model_name}_history",
                    args=[object_id],
                )
            )
        old, new = versions
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions: %s") % obj,
            "opts": self.opts,
            "object": obj,
            "old": old,
            "new": new,
            "fields": compare_rows(shown_values(old), shown_values(new)),
            "parts": compare_parts(
                self.history_parts(), object_id, old.history_date, new.history_date
            ),
        }
        request.current_app = self.admin_site.name
        return render(request, "admin/record_history_compare.html", context)

    def get_form(self, request, obj=None, **kwargs):
        """On a restore, the version's many-to-many links, not today's."""
        form = super().get_form(request, obj, **kwargs)
        if obj is None or to_historic(obj) is None:
            return form
        then = {
            name: pks
            for name, pks in m2m_targets(obj).items()
            if name in form.base_fields
        }

        class RestoreForm(form):
            def __init__(self, *args, initial=None, **kwargs):
                super().__init__(*args, initial={**then, **(initial or {})}, **kwargs)

        return RestoreForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            self.opts.pk.to_python(unquote(object_id))
            int(version_id)
        except (ValidationError, ValueError):
            raise Http404(_("No such record.")) from None
        parts = self.history_parts()
        if parts and request.method != "POST":
            version = self.model.history.filter(
                **{self.opts.pk.attname: unquote(object_id)}, history_id=version_id
            ).first()
            if version is not None:
                extra_context = {
                    **(extra_context or {}),
                    "restore_plans": restore_plan(
                        parts, unquote(object_id), version.history_date
                    ),
                }
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        try:
            # Everything or nothing: the record, and each of its inline records.
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(
                    request, object_id, version_id, extra_context
                )
        except RestoreRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        except (IntegrityError, ProtectedError, RestrictedError):
            self.message_user(
                request,
                _(
                    "This version cannot be restored: records changed since "
                    "stand in its way. Compare it with the current version."
                ),
                messages.ERROR,
            )
        return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        historic = to_historic(obj)
        if historic is not None and self.history_parts():
            carry_out(
                restore_plan(self.history_parts(), obj.pk, historic.history_date),
                request.user,
                partial(self.may_remove_restored, request),
                partial(self.prepare_restored, request),
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The review fields are the editor's word on the record, not a change of it.
        if (
            change
            and not set(form.changed_data) - review.FORM_FIELDS
            and any(formset.has_changed() for formset in formsets)
        ):
            # A save that changes only inline records is a save of this record all
            # the same: a new version, which refuses forms opened before it, and an
            # entry in its history that lists those changes.
            form.instance._history_user = request.user
            form.instance.save()
