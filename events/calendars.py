"""Meetings as iCalendar (RFC 5545), built with the icalendar library.

Meetings are all-day events on the meeting's own calendar days: DTSTART is the first
day and DTEND the day after the last (the end is exclusive), so they land on the right
days in any calendar, whatever its time zone, and need no zone of their own. A
meeting's IANA zone, where recorded, travels along as a VTIMEZONE and X-WR-TIMEZONE for
calendars that show it; a meeting without one gets none rather than a guess.

A meeting with a programme is one event per session instead, so that a meeting held on
3, 10 and 17 March never reads as a fortnight: timed in the meeting's zone (TZID) when
the session's times and that zone are both known, since a time without a zone names no
moment; an all-day event on the session's day otherwise.

A calendar is in the language of the address it was fetched from (/en/ or /es/): its
name, and each meeting's summary and description, carry that language (RFC 5545
LANGUAGE parameter), or the other where a meeting has no text in it yet.
"""

import datetime
import zoneinfo

import icalendar
from django.utils.translation import gettext as _

from rcm_site.translated import active_language

from .enums import EventFormat, EventStatus, OrganizationRole

PRODID = "-//Regional Conference on Migration//RCM meetings site//EN"
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}
ORGANIZER_ROLES = [
    OrganizationRole.HOST,
    OrganizationRole.CONVENER,
    OrganizationRole.ORGANIZER,
]


def calendar(events, request, name):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name, parameters={"LANGUAGE": active_language()})
    zones = set()
    for event in events:
        # A session of unknown day has no place in a calendar.
        sessions = [session for session in event.sessions.all() if session.date]
        if sessions:
            for session in sessions:
                cal.add_component(session_vevent(session, event, request))
        else:
            cal.add_component(vevent(event, request))
        if event.timezone:
            zones.add(event.timezone)
    if len(zones) == 1:
        cal.add("x-wr-timezone", zones.copy().pop())
    for zone in sorted(zones):
        cal.add_component(icalendar.Timezone.from_tzid(zone))
    return cal.to_ical()


def vevent(event, request):
    """One meeting. Expects event.page_roles (Event.objects.for_calendar)."""
    url = request.build_absolute_uri(event.get_absolute_url())
    item = icalendar.Event()
    item.add("uid", f"{event.uuid}@rcm-meetings")
    item.add(
        "summary", event.title, parameters={"LANGUAGE": event.language_of("title")}
    )
    item.add("dtstart", event.start_date)
    item.add("dtend", event.end_date + datetime.timedelta(days=1))
    describe(item, event, url, request)
    place = [event.venue, event.city, event.country.name if event.country else ""]
    location = ", ".join(part for part in place if part)
    item.add("location", location or _("Online"))
    return item


def session_vevent(session, event, request):
    """One session of a meeting's programme."""
    url = request.build_absolute_uri(
        f"{event.get_absolute_url()}#session-{session.slug}"
    )
    item = icalendar.Event()
    item.add("uid", f"{session.uuid}@rcm-meetings")
    item.add(
        "summary",
        f"{session.title} · {event.title}",
        parameters={"LANGUAGE": session.language_of("title")},
    )
    if session.start_time and event.timezone:
        zone = zoneinfo.ZoneInfo(event.timezone)
        item.add(
            "dtstart", datetime.datetime.combine(session.date, session.start_time, zone)
        )
        # Without an end time, none: calendars show the session at its start, and
        # any end would be a guess.
        if session.end_time:
            item.add(
                "dtend",
                datetime.datetime.combine(session.date, session.end_time, zone),
            )
    else:
        item.add("dtstart", session.date)
        item.add("dtend", session.date + datetime.timedelta(days=1))
    describe(item, event, url, request)
    if (session.format or event.format) == EventFormat.VIRTUAL:
        place = [session.online_link or _("Online")]
    else:
        place = [
            session.room,
            event.venue,
            event.city,
            event.country.name if event.country else "",
        ]
    location = ", ".join(part for part in place if part)
    item.add("location", location or _("Online"))
    if session.online_link:
        item.add("conference", session.online_link, parameters={"VALUE": "URI"})
    return item


def describe(item, event, url, request):
    """What a meeting's and its sessions' events share."""
    item.add("dtstamp", event.updated_at)
    item.add("last-modified", event.updated_at)
    item.add("status", ICAL_STATUS[event.event_status])
    item.add("url", url)
    item.add(
        "description",
        f"{event.summary}\n\n{url}",
        parameters={"LANGUAGE": event.language_of("summary")},
    )
    item.add("categories", [event.get_kind_display()])
    organizers = [r for r in event.page_roles if r.role in ORGANIZER_ROLES]
    if organizers:
        organization = organizers[0].organization
        organizer = icalendar.vCalAddress(
            request.build_absolute_uri(organization.get_absolute_url())
        )
        organizer.params["cn"] = icalendar.vText(organization.name)
        item.add("organizer", organizer)
