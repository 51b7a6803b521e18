"""A record's history as editors read it: one entry per save, holding the changes to
the records edited inline with it (a meeting's sessions, roles, statements…).

Every history row written while answering one request is filed under that request's
save: one id and one time (``history_save``, ``history_date``). A record saved several
times in one request (its form, then each many-to-many field, then again for its
inlines) keeps one row per save, the last state, so one save of a meeting is one
entry of its history, and the rows of its inline records share its id and time:
``as_of`` that time sees the meeting and its inline records as that save left them.
Rows written outside a request (a shell, a command) are each an entry of their own.
"""

import dataclasses
import uuid
from dataclasses import dataclass

from django.contrib.admin.utils import display_for_value
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.models import HistoricalRecords, to_historic
from simple_history.signals import pre_create_historical_record
from simple_history.utils import get_m2m_reverse_field_name


class SavedTogether(models.Model):
    """The base of every history model here: the save the row belongs to."""

    history_save = models.UUIDField(
        null=True, blank=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Save:
    id: uuid.UUID
    time: object


def current_save():
    """The save being answered, or None outside a request."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return None
    if not hasattr(request, "history_save"):
        request.history_save = Save(uuid.uuid4(), timezone.now())
    return request.history_save


class SaveGroupedRecords(HistoricalRecords):
    def create_historical_record(self, instance, history_type, using=None):
        save = current_save()
        if save is None:
            return super().create_historical_record(instance, history_type, using)
        earlier = getattr(instance, self.manager_name).filter(history_save=save.id)
        for row in earlier:
            if row.history_type == "+" and history_type == "~":
                history_type = "+"
            for m2m in row._history_m2m_fields:
                getattr(row, m2m.name).all().delete()
            row.delete()
        instance._history_date = save.time
        try:
            super().create_historical_record(instance, history_type, using)
        finally:
            del instance._history_date


@receiver(pre_create_historical_record)
def file_under_current_save(sender, history_instance, **kwargs):
    save = current_save()
    if save is not None and hasattr(history_instance, "history_save"):
        history_instance.history_save = save.id


def language_mirrors(model):
    """The fields modeltranslation keeps beside their language columns (``title``
    beside ``title_en`` and ``title_es``): a history shows each language once."""
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def name_of(record):
    """What a record is called, even when a record its name reads was deleted since
    (a participation names its person)."""
    try:
        return str(record)
    except ObjectDoesNotExist:
        return f"{capfirst(record._meta.verbose_name)} {record.pk}"


def shown_values(row):
    """{label: text} of what an editor enters on a record, as the history row `row`
    holds it, translated fields once per language ("Title [es]")."""
    model = row.instance_type
    mirrors = language_mirrors(model)
    values = {}
    for field in row.tracked_fields:
        if not field.editable or field.primary_key or field.name in mirrors:
            continue
        if field.is_relation:
            try:
                value = getattr(row, field.name)
            except ObjectDoesNotExist:
                value = _("(deleted)")
        else:
            value = getattr(row, field.attname)
            if field.choices:
                value = dict(field.flatchoices).get(value, value)
        values[capfirst(field.verbose_name)] = str(display_for_value(value, ""))
    for m2m in row._history_m2m_fields:
        target = get_m2m_reverse_field_name(m2m)
        related = getattr(row, m2m.name).select_related(target)
        values[capfirst(m2m.verbose_name)] = ", ".join(
            sorted(str(getattr(link, target)) for link in related)
        )
    return values


@dataclass
class Part:
    """Records edited inline with another: `model`, pointing at it by `fk`."""

    model: type
    fk: models.ForeignKey

    @property
    def label(self):
        return capfirst(self.model._meta.verbose_name)

    def history(self, parent_pk):
        return self.model.history.filter(**{self.fk.attname: parent_pk})

    def as_of(self, parent_pk, when):
        """The records as they stood at `when`, by primary key."""
        records = self.model.history.as_of(when).filter(**{self.fk.attname: parent_pk})
        return {record.pk: record for record in records}


def parts_of(parent, inline_models):
    parts = []
    for model in inline_models:
        if not hasattr(model, "history"):
            continue
        for fk in model._meta.concrete_fields:
            if fk.is_relation and fk.many_to_one and fk.related_model is parent:
                parts.append(Part(model, fk))
                break
    return parts


@dataclass
class PartChange:
    part: Part
    name: str
    action: str
    changes: list = dataclasses.field(default_factory=list)


ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("deleted")}


def part_changes(parts, parent_pk, saves):
    """{save id: [PartChange]} of the inline records' rows filed under `saves`."""
    found = {}
    for part in parts:
        rows = part.history(parent_pk).filter(history_save__in=saves)
        for row in rows.order_by("history_id"):
            change = PartChange(
                part, name_of(row.history_object), ACTIONS[row.history_type]
            )
            if row.history_type == "~" and row.prev_record is not None:
                before, after = shown_values(row.prev_record), shown_values(row)
                change.changes = [
                    (label, before.get(label, ""), value)
                    for label, value in after.items()
                    if before.get(label, "") != value
                ]
            found.setdefault(row.history_save, []).append(change)
    return found


@dataclass
class Comparison:
    label: str
    # (name, in the older?, in the newer?, [(label, old, new, True)], changed?)
    rows: list


def compare_rows(before, after):
    """(label, old, new, changed) for each field of two {label: text}."""
    labels = list(dict.fromkeys([*before, *after]))
    return [
        (label, before.get(label, ""), after.get(label, ""))
        + (before.get(label, "") != after.get(label, ""),)
        for label in labels
    ]


def compare_parts(parts, parent_pk, old_time, new_time):
    """Each inline kind's records at two times, side by side."""
    comparisons = []
    for part in parts:
        old, new = part.as_of(parent_pk, old_time), part.as_of(parent_pk, new_time)
        rows = []
        for pk in sorted(old.keys() | new.keys()):
            before = shown_values(to_historic(old[pk])) if pk in old else {}
            after = shown_values(to_historic(new[pk])) if pk in new else {}
            name = name_of(new.get(pk) or old[pk])
            fields = [row for row in compare_rows(before, after) if row[3]]
            rows.append((name, pk in old, pk in new, fields, before != after))
        if rows:
            comparisons.append(Comparison(part.label, rows))
    return comparisons


class RestoreRefused(Exception):
    pass


@dataclass
class PartRestore:
    part: Part
    remove: list
    bring_back: list
    revert: list

    def lines(self):
        """(name, what the restore does to it) of each record, for the editor."""
        return (
            [(name_of(r), _("comes back")) for r in self.bring_back]
            + [(name_of(r), _("goes back to what it was then")) for r in self.revert]
            + [(name_of(r), _("added since, is removed")) for r in self.remove]
        )


def editable_state(record):
    """What a restore compares: the editable fields and many-to-many links."""
    names = [
        f.attname
        for f in record._meta.concrete_fields
        if f.editable and not f.primary_key
    ]
    return [getattr(record, name) for name in names]


def m2m_targets(historic_record):
    """{field: [target pk]} of the many-to-many links a history row holds."""
    row = to_historic(historic_record)
    targets = {}
    for m2m in row._history_m2m_fields:
        target = get_m2m_reverse_field_name(m2m)
        targets[m2m.name] = sorted(
            getattr(row, m2m.name).values_list(f"{target}_id", flat=True)
        )
    return targets


def current_m2m(record, historic_record):
    return {
        name: sorted(getattr(record, name).values_list("pk", flat=True))
        for name in m2m_targets(historic_record)
    }


def restore_plan(parts, parent_pk, when):
    """What restoring the parent as it was at `when` does to its inline records:
    records added since are removed, records deleted since come back, changed ones
    go back. A record with no history from before `when` (loaded from a fixture,
    first edited later) is left alone: its state then is unknown."""
    plans = []
    for part in parts:
        then = part.as_of(parent_pk, when)
        now = {r.pk: r for r in part.model.objects.filter(**{part.fk.name: parent_pk})}
        added_since = set(
            part.model.history.filter(
                history_type="+",
                history_date__gt=when,
                **{f"{part.model._meta.pk.attname}__in": now.keys() - then.keys()},
            ).values_list(part.model._meta.pk.attname, flat=True)
        )
        plans.append(
            PartRestore(
                part,
                remove=[now[pk] for pk in sorted(added_since)],
                bring_back=[then[pk] for pk in sorted(then.keys() - now.keys())],
                revert=[
                    then[pk]
                    for pk in sorted(then.keys() & now.keys())
                    if editable_state(then[pk]) != editable_state(now[pk])
                    or m2m_targets(then[pk]) != current_m2m(now[pk], then[pk])
                ],
            )
        )
    return [plan for plan in plans if plan.remove or plan.bring_back or plan.revert]


def carry_out(plans, user, may_remove, prepare):
    """Restores the inline records as `plans` say, in the caller's transaction:
    first those that come back or go back, which may be named by records removed
    next. `may_remove(record)` says whether the user may delete it; `prepare(record)`
    applies the rules a save by this user follows (the publication state)."""
    for plan in plans:
        for record in plan.bring_back + plan.revert:
            record._state.adding = record in plan.bring_back
            check_references(record)
            targets = m2m_targets(record)
            prepare(record)
            record._history_user = user
            record.save()
            for name, pks in targets.items():
                getattr(record, name).set(pks)
    for plan in reversed(plans):
        for record in plan.remove:
            if not may_remove(record):
                raise RestoreRefused(
                    _(
                        "You cannot restore this version: it would remove "
                        "%(kind)s “%(name)s”, added since, which only a publisher "
                        "may delete."
                    )
                    % {"kind": record._meta.verbose_name, "name": name_of(record)}
                )
            record._history_user = user
            record.delete()


def check_references(record):
    """Refuses a restored record that names one deleted since."""
    for fk in record._meta.concrete_fields:
        if fk.is_relation and getattr(record, fk.attname) is not None:
            try:
                fk.validate(getattr(record, fk.attname), record)
            except ValidationError:
                raise RestoreRefused(
                    _(
                        "This version cannot be restored: %(kind)s “%(name)s” "
                        "names a %(target)s deleted since."
                    )
                    % {
                        "kind": record._meta.verbose_name,
                        "name": name_of(record),
                        "target": fk.related_model._meta.verbose_name,
                    }
                ) from None
