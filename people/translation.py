"""The people app's fields with a Spanish and an English version (see
rcm_site.translated). Slugs, codes and names of people stay one value in both.

History is registered in history.py, from the app's ready(), after these columns exist:
every version keeps both languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import Country, Organization, Person, Position


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ["name"]


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ["name", "acronym", "description"]


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ["honorific", "bio", "photo_alt"]


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ["title"]
