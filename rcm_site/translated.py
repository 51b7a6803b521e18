"""Content in two languages, with django-modeltranslation.

Each translated field has a column per language on the record's own table
(``title_en``, ``title_es``), so a page reads both with the same query it always made,
and lists filter, search and sort on plain columns. The model's own attribute
(``event.title``) gives the active language's text, or the other language's when that
one is empty (MODELTRANSLATION_FALLBACK_LANGUAGES in settings).

``Translated`` is the one place that says which language a shown value is in, for the
notice on an untranslated page and the ``lang`` attribute on the fallback text.
"""

from django.conf import settings
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

    def untranslated_fields(self):
        """The translated fields that have text, but not in the active language."""
        active = active_language()
        return [
            field
            for field in self.translated_fields()
            if self.language_of(field) != active
        ]


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
