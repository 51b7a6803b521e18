"""schema.org JSON-LD for meetings and statements, for search engines."""

import datetime
import zoneinfo

from .enums import EventFormat, EventStatus, OrganizationRole, SourceKind

SCHEMA = "https://schema.org/"
ATTENDANCE_MODE = {
    EventFormat.IN_PERSON: SCHEMA + "OfflineEventAttendanceMode",
    EventFormat.VIRTUAL: SCHEMA + "OnlineEventAttendanceMode",
    EventFormat.HYBRID: SCHEMA + "MixedEventAttendanceMode",
}
EVENT_STATUS = {
    EventStatus.SCHEDULED: SCHEMA + "EventScheduled",
    EventStatus.POSTPONED: SCHEMA + "EventPostponed",
    EventStatus.CANCELLED: SCHEMA + "EventCancelled",
}
ORGANIZER_ROLES = {
    OrganizationRole.HOST,
    OrganizationRole.CONVENER,
    OrganizationRole.ORGANIZER,
    OrganizationRole.CO_ORGANIZER,
}
SPONSOR_ROLES = {OrganizationRole.SUPPORTER, OrganizationRole.FUNDER}
SOURCE_TYPES = {
    SourceKind.NEWS: "NewsArticle",
    SourceKind.REPORT: "Report",
    SourceKind.VIDEO: "VideoObject",
}


def link(obj, request):
    return request.build_absolute_uri(obj.get_absolute_url())


def organization_ref(organization, request):
    data = {
        "@type": "Organization",
        "name": organization.name,
        "url": link(organization, request),
    }
    if organization.acronym:
        data["alternateName"] = organization.acronym
    return data


def person_ref(person, request):
    return {"@type": "Person", "name": person.full_name, "url": link(person, request)}


def source_ref(source, request):
    """Only what is known of the source: no empty name, date or language."""
    data = {"@type": SOURCE_TYPES.get(source.kind, "CreativeWork")}
    if source.title:
        data["name"] = source.title
    if source.url:
        data["url"] = source.url
    if publisher := source.public_publisher:
        data["publisher"] = organization_ref(publisher, request)
    if source.date:
        data["datePublished"] = source.date.isoformat()
    if source.title_language:
        data["inLanguage"] = source.language
    return data


def event_data(event, request):
    """Expects Event.objects.for_page(): roles, photos and sources come prefetched."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "inLanguage": event.language_of("title"),
        "url": link(event, request),
        "startDate": event.start_date.isoformat(),
        "endDate": event.end_date.isoformat(),
        "eventStatus": EVENT_STATUS[event.event_status],
    }
    # A format the sources do not state is left out, not guessed; the place, where
    # known, is still where it met.
    if event.format:
        data["eventAttendanceMode"] = ATTENDANCE_MODE[event.format]
    locations = []
    if event.format != EventFormat.VIRTUAL and (event.city or event.country):
        address = {"@type": "PostalAddress", "addressLocality": event.city}
        if event.country:
            address["addressCountry"] = event.country.iso_code
        locations.append(
            {"@type": "Place", "name": event.venue or event.city, "address": address}
        )
    if event.format in (EventFormat.VIRTUAL, EventFormat.HYBRID):
        locations.append({"@type": "VirtualLocation", "url": data["url"]})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations

    def organizations(roles):
        seen = {}
        for role in event.page_roles:
            if role.role in roles:
                seen.setdefault(role.organization.pk, role.organization)
        return [organization_ref(org, request) for org in seen.values()]

    if organizers := organizations(ORGANIZER_ROLES):
        data["organizer"] = organizers
    if sponsors := organizations(SPONSOR_ROLES):
        data["sponsor"] = sponsors
    if sessions := [session_data(s, event, data["url"]) for s in event.sessions.all()]:
        data["subEvent"] = sessions
    if event.card_image:
        data["image"] = request.build_absolute_uri(event.card_image.link_preview.url)
    if event.page_sources:
        data["subjectOf"] = [source_ref(s, request) for s in event.page_sources]
    return data


def session_data(session, event, url):
    """A session's day, or its local times with their offset where the times and the
    meeting's zone are known: a time without a zone names no moment."""
    data = {
        "@type": "Event",
        "name": session.title,
        "url": f"{url}#session-{session.slug}",
    }
    if session.date:
        data["startDate"] = session.date.isoformat()
    if session.date and session.start_time and event.timezone:
        zone = zoneinfo.ZoneInfo(event.timezone)
        data["startDate"] = datetime.datetime.combine(
            session.date, session.start_time, zone
        ).isoformat()
        if session.end_time:
            data["endDate"] = datetime.datetime.combine(
                session.date, session.end_time, zone
            ).isoformat()
    return data


def statement_data(statement, request):
    """A verbatim quote is a Quotation spoken by its speaker; reported speech or a
    summary is the source's text about what was said. Expects the statement page's
    queryset: its sources come prefetched."""
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation" if statement.is_quote else "CreativeWork",
        "text": statement.text,
        "url": link(statement, request),
        "inLanguage": statement.language_of("text"),
    }
    if statement.translation_note:
        # The words shown are a translation of what was said.
        data["translationOfWork"] = {
            "@type": data["@type"],
            "inLanguage": statement.language,
        }
    # A statement names its speaker or its organization (a database constraint).
    if statement.speaker:
        speaker = person_ref(statement.speaker, request)
    else:
        speaker = organization_ref(statement.organization, request)
    if not statement.is_quote:
        data["about"] = speaker
    elif statement.speaker:
        data["spokenByCharacter"] = data["creator"] = speaker
    else:
        data["creator"] = speaker
    if statement.event:
        data["isPartOf"] = {
            "@type": "Event",
            "name": statement.event.title,
            "url": link(statement.event, request),
            "startDate": statement.event.start_date.isoformat(),
        }
    if statement.publish_at:
        data["datePublished"] = statement.publish_at.isoformat()
    if statement.page_sources:
        # Where the words were published, which this record follows.
        data["isBasedOn"] = [source_ref(s, request) for s in statement.page_sources]
    return data
