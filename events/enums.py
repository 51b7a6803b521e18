from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy


class EventKind(models.TextChoices):
    VICE_MINISTERIAL = "vice_ministerial", _("Vice-ministerial meeting")
    WORKSHOP = "workshop", _("Workshop")
    TECHNICAL_MEETING = "technical_meeting", _("Technical meeting")
    WORKING_GROUP = "working_group", _("Working-group session")
    LIAISON_OFFICERS = "liaison_officers", _("Liaison officers' meeting")
    SEMINAR = "seminar", _("Seminar")
    OTHER = "other", _("Other meeting")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# How a meeting's status reads once it is over: "scheduled" is what it was, not is.
HELD = _("Held")


class CountQualifier(models.TextChoices):
    """How exact a participant count is, as the source gives it ("more than 130")."""

    EXACT = "exact", _("Exact")
    MORE_THAN = "more_than", _("More than")
    ABOUT = "about", pgettext_lazy("approximately", "About")
    FEWER_THAN = "fewer_than", _("Fewer than")


# The count as it reads on a meeting's page, by qualifier.
PARTICIPANT_COUNTS = {
    CountQualifier.EXACT: ngettext_lazy(
        "%(counter)s participant", "%(counter)s participants", "counter"
    ),
    CountQualifier.MORE_THAN: ngettext_lazy(
        "More than %(counter)s participant",
        "More than %(counter)s participants",
        "counter",
    ),
    CountQualifier.ABOUT: ngettext_lazy(
        "About %(counter)s participant", "About %(counter)s participants", "counter"
    ),
    CountQualifier.FEWER_THAN: ngettext_lazy(
        "Fewer than %(counter)s participant",
        "Fewer than %(counter)s participants",
        "counter",
    ),
}


class OrganizationRole(models.TextChoices):
    """Ordered as the RCM names them: the Pro-Tempore Presidency and the technical
    secretariat it works through, then who hosted, convened, organized and helped."""

    PRESIDENCY = "presidency", _("Pro-Tempore Presidency")
    TECHNICAL_SECRETARIAT = "technical_secretariat", _("Technical secretariat")
    HOST = "host", _("Host")
    CONVENER = "convener", _("Convener")
    ORGANIZER = "organizer", _("Organizer")
    CO_ORGANIZER = "co_organizer", _("Co-organizer")
    SUPPORTER = "supporter", _("Supporter")
    FUNDER = "funder", _("Funder")
    # Who took part without a hand in running it: member delegations, observer
    # organizations, civil society (an RCM meeting names them so).
    PARTICIPANT = "participant", _("Participating organization")
    OBSERVER = "observer", _("Observer")


class ParticipantRole(models.TextChoices):
    """Ordered as a meeting's page lists its people: who chaired, who ran the
    sessions, who spoke, then who attended."""

    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
    MODERATOR = "moderator", _("Moderator")
    COORDINATOR = "coordinator", _("Coordinator")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    OPENING_REMARKS = "opening_remarks", _("Opening remarks")
    CLOSING_REMARKS = "closing_remarks", _("Closing remarks")
    KEYNOTE = "keynote", _("Keynote speaker")
    PRESENTER = "presenter", _("Presenter")
    PANELIST = "panelist", _("Panelist")
    SPEAKER = "speaker", _("Speaker")
    PARTICIPANT = "participant", _("Participant")


class Language(models.TextChoices):
    """The language a statement was spoken in; the site's two languages."""

    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")


# A statement's language spoken when the source does not say: a value, not a guess.
LANGUAGE_NOT_STATED = [("", _("Not stated"))]


class SourceKind(models.TextChoices):
    PRESS_RELEASE = "press_release", _("Press release")
    NEWS = "news", _("News item")
    REPORT = "report", _("Official report")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")
    VIDEO = "video", _("Video")
    OTHER = "other", _("Other")


# A source's language: the site's two, another, or not stated (empty).
SOURCE_LANGUAGES = [
    *LANGUAGE_NOT_STATED,
    *Language.choices,
    ("other", _("Another language")),
]


class StatementKind(models.TextChoices):
    """Only a verbatim quote is shown in quotation marks."""

    VERBATIM = "verbatim", _("Verbatim quote")
    REPORTED = "reported", _("Reported speech")
    SUMMARY = "summary", _("Summary")


# (language shown, language spoken): how the RCM marks a translated declaration.
TRANSLATION_NOTES = {
    ("en", "es"): _("English translation of the original Spanish"),
    ("es", "en"): _("Spanish translation of the original English"),
}


class ResourceKind(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    FRAMEWORK = "framework", _("Framework")
    GUIDELINES = "guidelines", _("Principles and guidelines")
    DECLARATION = "declaration", _("Declaration")
    REPORT = "report", _("Report")
    PRESENTATION = "presentation", _("Presentation")
    INDICATOR = "indicator", _("Indicator")
    SYSTEM = "system", _("System or tool")
    INITIATIVE = "initiative", _("Initiative")
    STANDARD = "standard", _("Definition or standard")
    OTHER = "other", _("Other")


class DocumentKind(models.TextChoices):
    CONCEPT_NOTE = "concept_note", _("Concept note")
    AGENDA = "agenda", _("Agenda")
    PRESENTATION = "presentation", _("Presentation")
    REPORT = "report", _("Report")
    DECLARATION = "declaration", _("Declaration")
    PARTICIPANTS = "participants", _("List of participants")
    OTHER = "other", _("Other document")


class DocumentLanguages(models.TextChoices):
    """The language or languages a document is written in; empty when not stated. A
    single value rather than a many-to-many: two languages make three cases."""

    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    BOTH = "es,en", _("Spanish and English")


class KeyPointKind(models.TextChoices):
    GENERAL_OBJECTIVE = "general_objective", _("General objective")
    SPECIFIC_OBJECTIVE = "specific_objective", _("Specific objective")
    CHALLENGE = "challenge", _("Challenge")
    RECOMMENDATION = "recommendation", _("Recommendation")
    CONCLUSION = "conclusion", _("Conclusion")
    AGREEMENT = "agreement", _("Agreement")


# What a meeting set out to do; its page lists them first, general before specific.
OBJECTIVE_KINDS = [KeyPointKind.GENERAL_OBJECTIVE, KeyPointKind.SPECIFIC_OBJECTIVE]

KEY_POINT_HEADINGS = {
    KeyPointKind.GENERAL_OBJECTIVE: _("General objective"),
    KeyPointKind.SPECIFIC_OBJECTIVE: _("Specific objectives"),
    KeyPointKind.CHALLENGE: _("Challenges"),
    KeyPointKind.RECOMMENDATION: _("Recommendations"),
    KeyPointKind.CONCLUSION: _("Conclusions"),
    KeyPointKind.AGREEMENT: _("Agreements"),
}


class BodyKind(models.TextChoices):
    VICE_MINISTERIAL = "vice_ministerial", _("Vice-ministerial meeting")
    CONSULTATION_GROUP = "consultation_group", _("Regional consultation group")
    WORKING_GROUP = "working_group", _("Working group")
    NETWORK = "network", _("Network")
    AD_HOC_GROUP = "ad_hoc_group", _("Ad hoc group")
