"""Meetings and what happens at them.

topics       Topic, Sector, Resource: what meetings are about, who attends, what they cite
meetings     Event, a meeting, and EventQuerySet: the lists' and the page's queries
roles        EventOrganization (an organization's role at a meeting), Participation
statements   Statement: words said, attributed as they were said; when one is public
programme    Session: the programme, which participations and statements may name
record       KeyFigure, KeyPoint, Photo, MediaContact: the rest of a meeting's record
"""

from .meetings import Event, EventQuerySet, validate_time_zone
from .programme import Session, SessionQuerySet
from .record import KeyFigure, KeyPoint, MediaContact, MediaContactQuerySet, Photo
from .roles import (
    EventOrganization,
    EventOrganizationQuerySet,
    Participation,
    ParticipationQuerySet,
)
from .statements import Statement, StatementQuerySet
from .topics import Resource, Sector, Topic

__all__ = [
    "Event",
    "EventOrganization",
    "EventOrganizationQuerySet",
    "EventQuerySet",
    "KeyFigure",
    "KeyPoint",
    "MediaContact",
    "MediaContactQuerySet",
    "Participation",
    "ParticipationQuerySet",
    "Photo",
    "Resource",
    "Sector",
    "Session",
    "SessionQuerySet",
    "Statement",
    "StatementQuerySet",
    "Topic",
    "validate_time_zone",
]
