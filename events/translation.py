"""The events app's fields with a Spanish and an English version (see
rcm_site.translated). Slugs, dates, figures' sources and links stay one value, and so
does a Source's title, which is in the source's own language.

History is registered in history.py, from the app's ready(), after these columns exist:
every version keeps both languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Body,
    Document,
    Event,
    EventOrganization,
    KeyFigure,
    KeyPoint,
    Photo,
    Presidency,
    Resource,
    Sector,
    Session,
    Statement,
    Topic,
)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ["name", "description"]


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ["name"]


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ["title", "short_title", "description"]


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ["title", "venue", "city", "summary", "body"]


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ["title", "room"]


@register(EventOrganization)
class EventOrganizationTranslation(TranslationOptions):
    fields = ["note"]


@register(Statement)
class StatementTranslation(TranslationOptions):
    fields = ["text"]


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ["value", "label", "source"]


@register(KeyPoint)
class KeyPointTranslation(TranslationOptions):
    fields = ["text"]


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ["caption", "alt_text"]


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ["name", "acronym", "description"]


@register(Presidency)
class PresidencyTranslation(TranslationOptions):
    fields = ["note"]


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ["title"]
