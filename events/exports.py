"""Columns of the meeting and statement downloads. Field names are stable: add new
ones, never rename or remove one."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from rcm_site.exports import Column, ExportView, in_each_language, page_path

from .filters import EventFilter, StatementFilter
from .models import Event, Statement


def slugs(items):
    return [item.slug for item in items]


def prefetch_lists(*relations):
    """Related records as plain lists (topics_list…): a prefetch into the related
    managers builds a filtered queryset per record and relation, which was a third of
    the time of a download."""
    return [Prefetch(relation, to_attr=f"{relation}_list") for relation in relations]


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
    Column("format", lambda e: e.format, _("in_person, virtual or hybrid.")),
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
        _("ISO 3166-1 code of the host country."),
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
        lambda e: e.source_url or None,
        _("Where the account comes from."),
        type="url",
    ),
    Column("updated_at", lambda e: e.updated_at, _("Last change."), type="datetime"),
    *in_each_language("title", _("Title.")),
    *in_each_language("summary", _("One or two sentences.")),
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
            .prefetch_related(*prefetch_lists("topics"))
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
            )
        )
