"""Django's loaddata (as modeltranslation extends it), refusing any row that the
admin would refuse or that would overwrite a record other than the one it names.

Each row is matched by its natural key. A row whose primary key belongs to a different
record, or whose natural key came earlier in the same load, stops the load; so does a
row that fails the model's validation (lengths, required fields, choices, slugs,
constraints, clean()). loaddata runs in one transaction, so the database is left as it
was, and the message names the model, the natural key, the field and the problem.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from modeltranslation.management.commands import loaddata


def describe(record):
    """The record as a fixture names it: its natural key, else its primary key."""
    try:
        key = record.natural_key()
    except (AttributeError, ObjectDoesNotExist):
        return f"{record._meta.label_lower} pk={record.pk}"
    return f"{record._meta.label_lower} {list(key)}"


class Command(loaddata.Command):
    help = loaddata.Command.help + (
        " Every row is validated as the admin would and matched by its natural key."
    )

    def loaddata(self, fixture_labels):
        self.natural_keys_loaded = set()
        super().loaddata(fixture_labels)

    def save_obj(self, obj):
        self.check_identity(obj.object)
        self.validate(obj)
        return super().save_obj(obj)

    def check_identity(self, record):
        model = type(record)
        manager = model._default_manager.db_manager(self.using)
        if not hasattr(record, "natural_key"):
            # So that validation checks uniqueness against the other records only.
            record._state.adding = not (
                record.pk is not None and manager.filter(pk=record.pk).exists()
            )
            return
        key = (model._meta.label_lower, tuple(record.natural_key()))
        if key in self.natural_keys_loaded:
            raise DeserializationError(
                f"{describe(record)} appears twice in this load; "
                "each record may appear once."
            )
        self.natural_keys_loaded.add(key)
        try:
            named = manager.get_by_natural_key(*record.natural_key())
        except model.DoesNotExist:
            named = None
        record._state.adding = named is None
        if record.pk is None:
            return
        if named is not None and named.pk != record.pk:
            raise DeserializationError(
                f"{describe(record)} is pk={named.pk} in the database, but the row "
                f"gives pk={record.pk}; remove the pk and let the natural key match."
            )
        if named is None:
            occupant = manager.filter(pk=record.pk).first()
            if occupant is not None:
                raise DeserializationError(
                    f"{describe(record)} gives pk={record.pk}, which is "
                    f"{describe(occupant)}; loading it would overwrite that record. "
                    "Remove the pk and let the natural key match."
                )

    def validate(self, obj):
        record = obj.object
        # A reference to a record later in the fixtures is resolved after the save;
        # it cannot be validated yet.
        deferred = [field.name for field in obj.deferred_fields or ()]
        try:
            record.full_clean(exclude=deferred)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'' if field == NON_FIELD_ERRORS else field + ': '}{message}"
                for field, messages in exc.message_dict.items()
                for message in messages
            )
            missing = "".join(
                f" ({field.name} names {obj.deferred_fields[field]!r}, which is not "
                "in the database or earlier in the fixtures)"
                for field in obj.deferred_fields or ()
            )
            raise DeserializationError(
                f"{describe(record)}: {problems}{missing}"
            ) from exc
