"""Columns of the meeting and statement downloads. Field names are stable: add new
ones, never rename or remove one."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from rcm_site.exports import (
    Column,
    ExportView,
    RecordsColumn,
    in_each_language,
    page_path,
    spreadsheet_safe,
)
from rcm_site.publishing import shown

from .filters import EventFilter, StatementFilter
from .models import Document, Event, Source, Statement


def slugs(items):
    return [item.slug for item in items]


def text_or_null(description, **schema):
    return {"type": ["string", "null"], "description": description, **schema}


SOURCE_FIELDS = {
    "title": text_or_null(_("Title, in the source's own language.")),
    "url": text_or_null(_("Link."), format="uri"),
    "publisher": text_or_null(_("Slug of the organization that published it.")),
    "publisher_name": text_or_null(_("Name of that organization.")),
    "kind": text_or_null(_("press_release, news, report, concept_note, agenda…")),
    "date": text_or_null(_("Publication date, where known."), format="date"),
    "language": text_or_null(_("es, en or other; empty where not stated.")),
}


def source_record(source):
    """A source as the downloads give it; a draft publisher is not named."""
    publisher = source.public_publisher
    return {
        "title": source.title or None,
        "url": source.url or None,
        "publisher": publisher.slug if publisher else None,
        "publisher_name": publisher.name if publisher else None,
        "kind": source.kind or None,
        "date": source.date.isoformat() if source.date else None,
        "language": source.language or None,
    }


class SourcesColumn(Column):
    """A list of objects in JSON; in CSV, each source's link (its title where it has
    none), joined by " | "."""

    def __init__(self, description):
        super().__init__(
            "sources",
            lambda record: [source_record(s) for s in record.sources_list],
            description,
            type="objects",
            items=SOURCE_FIELDS,
        )

    def csv(self, obj, origin):
        return spreadsheet_safe(
            " | ".join(
                source["url"] or source["title"] for source in self.json(obj, origin)
            )
        )


def prefetch_sources():
    return Prefetch("sources", Source.objects.for_display(), to_attr="sources_list")


def prefetch_lists(*relations):
    """Related records as plain lists (topics_list…): a prefetch into the related
    managers builds a filtered queryset per record and relation, which was a third of
    the time of a download."""
    return [Prefetch(relation, to_attr=f"{relation}_list") for relation in relations]


DOCUMENT_FIELDS = [
    Column("kind", lambda d: d.kind, _("concept_note, agenda, presentation, report…")),
    Column("title", lambda d: d.title, _("Title.")),
    Column("url", lambda d: d.link, _("The file or the page to read it."), type="url"),
    Column(
        "languages",
        lambda d: d.language_codes,
        _("Languages it is written in (es, en); empty where not stated."),
        type="list",
    ),
    Column("date", lambda d: d.date, _("Date, where known."), type="date"),
    Column(
        "session",
        lambda d: d.session.slug if d.session else None,
        _("Slug of the session it belongs to; empty for the whole meeting."),
    ),
    Column(
        "size",
        lambda d: d.size,
        _("Size in bytes, where known."),
        type="integer",
    ),
    *in_each_language("title", _("Title.")),
]

EVENT_COLUMNS = [
    Column("slug", lambda e: e.slug, _("Stable identifier of the meeting.")),
    Column(
        "url",
        page_path("events:event_detail", "slug"),
        _("The meeting's page."),
        type="url",
    ),
    Column("title", lambda e: e.title, _("Title.")),
    Column(
        "kind", lambda e: e.kind, _("workshop, vice_ministerial, technical_meeting…")
    ),
    Column(
        "format",
        lambda e: e.format or None,
        _("in_person, virtual or hybrid; empty where the sources do not say."),
    ),
    Column("status", lambda e: e.event_status, _("scheduled, postponed or cancelled.")),
    Column(
        "start_date",
        lambda e: e.start_date,
        _("First day, local to the meeting."),
        type="date",
    ),
    Column(
        "end_date",
        lambda e: e.end_date,
        _("Last day, local to the meeting."),
        type="date",
    ),
    Column(
        "days",
        lambda e: [day.isoformat() for day in e.session_days] or None,
        _(
            "The days of its sessions, where its programme is recorded: a meeting "
            "held on separate days met on these only."
        ),
        type="list",
    ),
    Column(
        "timezone",
        lambda e: e.timezone or None,
        _("IANA time zone of the meeting, where the source gives one."),
    ),
    Column("venue", lambda e: e.venue, _("Venue.")),
    Column("city", lambda e: e.city, _("City.")),
    Column(
        "country",
        lambda e: e.country.iso_code if e.country else None,
        _("ISO 3166-1 code of the country the meeting took place in."),
    ),
    Column(
        "participant_count",
        lambda e: e.participant_count,
        _("Number of participants, where known."),
        type="integer",
    ),
    Column(
        "participant_count_qualifier",
        lambda e: (
            e.participant_count_qualifier if e.participant_count is not None else None
        ),
        _("How the number reads: exact, more_than, about or fewer_than."),
    ),
    Column("topics", lambda e: slugs(e.topics_list), _("Topic slugs."), type="list"),
    Column("summary", lambda e: e.summary, _("One or two sentences.")),
    Column(
        "source_url",
        lambda e: next((s.url for s in e.sources_list if s.url), None),
        _("Link of the first of the meeting's sources that has one."),
        type="url",
    ),
    SourcesColumn(
        _(
            "Where the account comes from: title, link, publisher, kind, date and "
            "language of each source."
        )
    ),
    Column("updated_at", lambda e: e.updated_at, _("Last change."), type="datetime"),
    *in_each_language("title", _("Title.")),
    *in_each_language("summary", _("One or two sentences.")),
    Column(
        "host_country",
        lambda e: e.host_country.iso_code if e.host_country else None,
        _("ISO 3166-1 code of the host country, where the source names one."),
    ),
    Column(
        "body",
        lambda e: getattr(shown(e.rcm_body), "slug", None),
        _("Slug of the RCM body that met."),
    ),
    Column(
        "presidency",
        lambda e: getattr(shown(e.presidency), "year", None),
        _("Year of the Pro-Tempore Presidency the meeting fell under."),
        type="integer",
    ),
    RecordsColumn(
        "documents",
        lambda e: e.documents_list,
        _("The meeting's documents: kind, title, link, languages, date and size."),
        DOCUMENT_FIELDS,
    ),
    Column(
        "site_translated",
        lambda e: e.site_translated,
        _("The texts this site translated itself (title_es…)."),
        type="list",
    ),
]

STATEMENT_COLUMNS = [
    Column(
        "id",
        lambda s: s.pk,
        _("Stable number of the statement, as in its page address."),
        type="integer",
    ),
    Column(
        "url",
        page_path("events:statement_detail", "pk"),
        _("The statement's page."),
        type="url",
    ),
    Column("text", lambda s: s.text, _("The words, as published.")),
    Column(
        "kind",
        lambda s: s.kind,
        _("verbatim (the words as said), reported (reported speech) or summary."),
    ),
    Column(
        "language",
        lambda s: s.language or None,
        _("Language the words were said in (es or en); empty where not stated."),
    ),
    Column(
        "speaker",
        lambda s: s.speaker.slug if s.speaker else None,
        _("Slug of the speaker."),
    ),
    Column(
        "speaker_name",
        lambda s: s.speaker.name_with_honorific if s.speaker else None,
        _("Speaker's name with honorific."),
    ),
    Column(
        "position",
        lambda s: s.position.title if s.position else None,
        _("The post the speaker held then."),
    ),
    Column(
        "organization",
        lambda s: s.organization.slug if s.organization else None,
        _("Slug of the organization spoken for."),
    ),
    Column(
        "organization_name",
        lambda s: s.organization.name if s.organization else None,
        _("Name of that organization."),
    ),
    Column(
        "country",
        lambda s: s.country.iso_code if s.country else None,
        _("ISO code of the country spoken for."),
    ),
    Column(
        "event", lambda s: s.event.slug if s.event else None, _("Slug of the meeting.")
    ),
    Column(
        "event_title",
        lambda s: s.event.title if s.event else None,
        _("Title of the meeting."),
    ),
    Column(
        "session",
        lambda s: s.session.slug if s.session else None,
        _("Slug of the session it was said at, within its meeting, where known."),
    ),
    Column(
        "date",
        lambda s: s.date,
        _("Day said, where the source gives it; empty otherwise."),
        type="date",
    ),
    Column("topics", lambda s: slugs(s.topics_list), _("Topic slugs."), type="list"),
    Column(
        "references",
        lambda s: slugs(s.references_list),
        _("Slugs of instruments referred to."),
        type="list",
    ),
    SourcesColumn(
        _(
            "Where the words were published: title, link, publisher, kind, date and "
            "language of each source."
        )
    ),
    *in_each_language("text", _("The words, as published.")),
]


class EventExport(ExportView):
    filterset_class = EventFilter
    columns = EVENT_COLUMNS
    name = "meetings"

    def get_queryset(self):
        return (
            Event.objects.published()
            .for_list()
            .select_related("host_country", "rcm_body", "presidency")
            .prefetch_related(
                *prefetch_lists("topics"),
                Prefetch(
                    "documents",
                    Document.objects.select_related("session"),
                    to_attr="documents_list",
                ),
                prefetch_sources(),
            )
        )


class StatementExport(ExportView):
    filterset_class = StatementFilter
    columns = STATEMENT_COLUMNS
    name = "statements"

    def get_queryset(self):
        # Related records by one query per batch and table rather than by joins: a
        # thousand statements in date order name a few dozen meetings, people and
        # organizations, and building each once instead of once per row halves the
        # time spent making model instances.
        return (
            Statement.objects.published()
            .latest_first()
            .prefetch_related(
                "event",
                "session",
                "speaker",
                "position",
                "organization",
                "country",
                *prefetch_lists("topics", "references"),
                prefetch_sources(),
            )
        )
