"""The meetings app's content models, named here and nowhere else: each keeps a change
history and each committed change to one starts a new page-cache version
(rcm_site.content). EventsConfig.ready() registers them, after modeltranslation has
added the language columns, so that every version keeps both languages."""

from rcm_site import content

from .models import (
    Body,
    Document,
    Event,
    EventOrganization,
    KeyFigure,
    KeyPoint,
    MediaContact,
    Participation,
    Photo,
    Presidency,
    Resource,
    Sector,
    Session,
    Source,
    Statement,
    Topic,
)


def register():
    content.register(Event, m2m_fields=["sectors", "topics", "resources", "sources"])
    # public_at follows from the records a statement names: worked out again on restore.
    content.register(
        Statement,
        m2m_fields=["topics", "references", "sources"],
        excluded_fields=["public_at"],
    )
    content.register(Resource, m2m_fields=["issuers"])
    for model in (
        Topic,
        Sector,
        Source,
        EventOrganization,
        Session,
        Participation,
        KeyFigure,
        KeyPoint,
        Photo,
        MediaContact,
        Body,
        Presidency,
        Document,
    ):
        content.register(model)
