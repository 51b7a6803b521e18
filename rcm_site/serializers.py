"""JSON fixtures that fail with a message naming the problem.

The "fixture" format (SERIALIZATION_MODULES): Django's JSON, read from files named
*.fixture, so that loaddata finds the project's fixtures by name as before while "json"
stays Django's own for dumpdata, tests and everyone else. Django's deserializer reports
bad JSON with an empty message, and a required reference to a record that does not
exist as "Participation has no person"; this one says which text or which key is wrong.
"""

from django.core.serializers import base
from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import Serializer  # noqa: F401  (the format's writer)


class Deserializer(JSONDeserializer):
    def __init__(self, stream_or_string, **options):
        try:
            super().__init__(stream_or_string, **options)
        except base.DeserializationError as exc:
            if exc.args or exc.__cause__ is None:
                raise
            raise base.DeserializationError(f"Not valid JSON: {exc.__cause__}") from exc

    def _handle_fk_field_node(self, field, field_value):
        value = super()._handle_fk_field_node(field, field_value)
        # A forward reference can only be resolved after the row is saved, which a
        # required column does not allow: the record it names must already exist.
        if value is base.DEFER_FIELD and not field.null:
            model = field.remote_field.model._meta.label_lower
            raise base.DeserializationError(
                f"{field.name} refers to {model} {field_value!r}, which does not exist "
                "in the database or earlier in the fixtures"
            )
        return value
