"""Meetings and what happens at them.

topics       Topic, Sector, Resource: what meetings are about, who attends, what they cite
meetings     Event, a meeting, and EventQuerySet: the lists' and the page's queries
roles        EventOrganization (an organization's role at a meeting), Participation
statements   Statement: words said, attributed as they were said; when one is public
programme    Session: the programme, which participations and statements may name
record       KeyFigure, KeyPoint, Photo, MediaContact: the rest of a meeting's record
sources      Source: where a meeting's or a statement's record comes from
structure    Body, Presidency: the part of the RCM that met, the presidency it fell under
documents    Document: a meeting's concept note, agenda, report…, uploaded or linked
"""

from .documents import Document
from .meetings import Event, EventQuerySet, validate_time_zone
from .programme import Session, SessionQuerySet
from .record import (
    KeyFigure,
    KeyPoint,
    KeyPointQuerySet,
    MediaContact,
    MediaContactQuerySet,
    Photo,
)
from .roles import (
    EventOrganization,
    EventOrganizationQuerySet,
    Participation,
    ParticipationQuerySet,
)
from .sources import Source, SourceQuerySet
from .statements import Statement, StatementQuerySet
from .structure import Body, BodyQuerySet, Presidency, PresidencyQuerySet
from .topics import Resource, Sector, Topic

__all__ = [
    "Body",
    "BodyQuerySet",
    "Document",
    "Event",
    "EventOrganization",
    "EventOrganizationQuerySet",
    "EventQuerySet",
    "KeyFigure",
    "KeyPoint",
    "KeyPointQuerySet",
    "MediaContact",
    "MediaContactQuerySet",
    "Participation",
    "ParticipationQuerySet",
    "Photo",
    "Presidency",
    "PresidencyQuerySet",
    "Resource",
    "Sector",
    "Session",
    "SessionQuerySet",
    "Source",
    "SourceQuerySet",
    "Statement",
    "StatementQuerySet",
    "Topic",
    "validate_time_zone",
]
