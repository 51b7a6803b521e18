"""Content in two languages, with django-modeltranslation.

Each translated field has a column per language on the record's own table
(``title_en``, ``title_es``), so a page reads both with the same query it always made,
and lists filter, search and sort on plain columns. The model's own attribute
(``event.title``) gives the active language's text, or the other language's when that
one is empty (MODELTRANSLATION_FALLBACK_LANGUAGES in settings).

``Translated`` is the one place that says which language a shown value is in, for the
notice on an untranslated page and the ``lang`` attribute on the fallback text, and
whether that text is this site's own translation: a record lists the columns the site
translated (``site_translated = ["title_es", "summary_es"]``), one by one, since a
source may publish a meeting's title in both languages and its summary in one.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def active_language():
    """The page's language: "en" or "es" (a regional variant counts as its language)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


class Translated:
    """For models registered with modeltranslation."""

    @classmethod
    def translated_fields(cls):
        return list(translator.get_options_for_model(cls).fields)

    def language_of(self, field):
        """The language of the text shown for `field` on a page in the active language:
        the active one, or the other when the active one is empty."""
        active = active_language()
        for code in [active, *(c for c in LANGUAGE_CODES if c != active)]:
            if getattr(self, build_localized_fieldname(field, code)):
                return code
        return active

    @property
    def translation_notice(self):
        return translation_notice(self)

    def in_all_languages(self, *fields):
        """The text of these fields in every language, for the search index, so that a
        search finds a record in either language whatever the page's language."""
        return [
            getattr(self, build_localized_fieldname(field, code)) or ""
            for field in fields
            for code in LANGUAGE_CODES
        ]

    def translated_by_site(self, field):
        """Whether the text shown for `field` is this site's translation."""
        column = build_localized_fieldname(field, self.language_of(field))
        return column in getattr(self, "site_translated", ()) and bool(
            getattr(self, column)
        )

    def untranslated_fields(self):
        """The translated fields that have text, but not in the active language."""
        active = active_language()
        return [
            field
            for field in self.translated_fields()
            if self.language_of(field) != active
        ]


class TranslatedSelect(forms.Select):
    """A dropdown of translated records whose options name their language where it is
    the other one (a missing translation), as the text of a page does."""

    def __init__(self, field="name", **kwargs):
        super().__init__(**kwargs)
        self.field = field

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        record = getattr(option["value"], "instance", None)
        code = record.language_of(self.field) if record is not None else None
        if code and code != active_language():
            option["attrs"]["lang"] = code
        return option


def localized_columns(model):
    """(column, label) of each language's column of the model's translated fields."""
    return [
        (
            build_localized_fieldname(field, code),
            f"{model._meta.get_field(field).verbose_name} [{code}]",
        )
        for field in translator.get_options_for_model(model).fields
        for code in LANGUAGE_CODES
    ]


class SiteTranslatedField(models.JSONField):
    """The names of the record's language columns whose text this site translated,
    edited as a checkbox per column. A list in a JSON column rather than a boolean
    per column, so a model's translated fields can change without a migration here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("translated by this site"))
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault(
            "help_text",
            _(
                "Tick each text this site translated itself, where the source "
                "published none in that language; the page marks it."
            ),
        )
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        columns = {column for column, _label in localized_columns(self.model)}
        unknown = sorted(set(value or []) - columns)
        if unknown:
            raise ValidationError(
                _("Not a translated text of this record: %(columns)s."),
                params={"columns": ", ".join(unknown)},
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            required=False,
            choices=localized_columns(self.model),
            widget=forms.CheckboxSelectMultiple,
        )


# (page language, everything missing?): the notice on a page shown partly or wholly in
# the other language.
NOTICES = {
    ("es", True): _(
        "This page is not yet translated into Spanish; the English text is shown."
    ),
    ("es", False): _(
        "Parts of this page are not yet translated into Spanish; they are shown in "
        "English."
    ),
    ("en", True): _(
        "This page is not yet translated into English; the Spanish text is shown."
    ),
    ("en", False): _(
        "Parts of this page are not yet translated into English; they are shown in "
        "Spanish."
    ),
}


def translation_notice(*records):
    """What a page about these records says when some of their text is shown in the
    other language, or an empty string."""
    shown = missing = 0
    for record in records:
        for field in record.translated_fields():
            if getattr(record, field):
                shown += 1
                missing += record.language_of(field) != active_language()
    if not missing:
        return ""
    return NOTICES[(active_language(), missing == shown)]
