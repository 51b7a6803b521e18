"""Drafts from a reviewed press release: the meeting and everything the editor kept,
created together in one transaction, nothing public.

A proposal the editor linked to an existing record (``Decision.match``) is linked as
it stands, never changed; one kept without a match becomes a new record with the
proposal's fields as the editor left them, in the release's language column. A field
the release does not state stays empty, even where the admin's form would ask for it
(a meeting's summary, a photo's alt text): the editor lands on the meeting's form,
which asks for them before the next save.
"""

from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from events.enums import ParticipantRole, SourceKind
from events.models import (
    Event,
    EventOrganization,
    KeyFigure,
    KeyPoint,
    MediaContact,
    Participation,
    Photo,
    Resource,
    Sector,
    Source,
    Statement,
    Topic,
)
from people.enums import OrganizationKind
from people.models import Country, Organization, Person, Position
from rcm_site import review
from rcm_site.publishing import PublicationStatus

# The record each kind of proposal becomes, in the order they are created: what a
# proposal refers to is created before it.
MODELS = {
    "country": Country,
    "sector": Sector,
    "topic": Topic,
    "resource": Resource,
    "organization": Organization,
    "person": Person,
    "post": Position,
    "meeting": Event,
    "role": EventOrganization,
    "statement": Statement,
    "figure": KeyFigure,
    "keypoint": KeyPoint,
    "photo": Photo,
    "media_contact": MediaContact,
}

# Kinds only ever linked to an existing record: a release names a sector or a
# country, it does not define one.
MATCH_ONLY = {"country", "sector", "topic"}

# A proposal's reference named otherwise than the model's field.
REF_FIELDS = {"post": "position"}


@dataclass
class Decision:
    """What the editor decided about one proposal: drop it (keep=False), link it to
    an existing record (match), or create it from `fields`."""

    keep: bool = True
    match: object = None
    fields: dict = field(default_factory=dict)


def accept_all(extraction):
    """Every proposal as the extraction made it, matches included."""
    return {
        proposal.key: Decision(match=proposal.match, fields=dict(proposal.fields))
        for proposal in extraction.proposals
    }


def translated_fields(model):
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def set_value(record, name, value, language):
    """Sets a plain field of `record`, a translated one in `language`'s column; a name
    the model does not have, or a relation, is not a value to set."""
    try:
        model_field = record._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if model_field.is_relation or not model_field.concrete:
        return
    if value is None and not model_field.null:
        value = ""
    column = f"{name}_{language}" if name in translated_fields(type(record)) else name
    setattr(record, column, value)


def free_slug(model, text, max_length):
    """A slug for `text` that no record of `model` has, whatever the case."""
    base = slugify(text)[: max_length - 4].strip("-") or model._meta.model_name
    taken = set(
        model.objects.annotate(lower=Lower("slug"))
        .filter(lower__startswith=base.lower())
        .values_list("lower", flat=True)
    )
    slug, n = base, 2
    while slug.lower() in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class Drafts:
    """One import: the records made so far, by proposal key."""

    def __init__(self, extraction, decisions, user):
        self.extraction = extraction
        self.language = extraction.language
        self.decisions = decisions
        self.user = user
        self.records = {}
        self.event = None
        self.source = None

    def kept(self, kind):
        for proposal in self.extraction.of_kind(kind):
            decision = self.decisions.get(proposal.key)
            if decision is not None and decision.keep:
                yield proposal, decision

    def new(self, model, proposal, decision, **values):
        record = model(**values)
        for name, value in decision.fields.items():
            set_value(record, name, value, self.language)
        for name, key in proposal.refs.items():
            name = REF_FIELDS.get(name, name)
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if model_field.many_to_one:
                setattr(record, name, self.records.get(key))
        return record

    def save(self, record, proposal=None):
        try:
            record.validate_constraints()
        except ValidationError as error:
            raise ValidationError(
                _("%(record)s: %(problem)s")
                % {
                    "record": proposal.key if proposal else record._meta.verbose_name,
                    "problem": " ".join(error.messages),
                }
            ) from None
        record._history_user = self.user
        record.save()
        if proposal is not None:
            self.records[proposal.key] = record
        return record

    def refused(self, proposal, message):
        return ValidationError(
            _("%(record)s: %(problem)s") % {"record": proposal.key, "problem": message}
        )

    def link_or_create(self, kind, make):
        for proposal, decision in self.kept(kind):
            if decision.match is not None:
                self.records[proposal.key] = decision.match
            elif kind not in MATCH_ONLY:
                record = make(proposal, decision)
                if record is not None:
                    self.save(record, proposal)

    def resource(self, proposal, decision):
        if not decision.fields.get("title"):
            return None
        record = self.new(Resource, proposal, decision)
        record.slug = free_slug(Resource, decision.fields["title"], 120)
        record.kind = record.kind or "other"
        return record

    def organization(self, proposal, decision):
        record = self.new(
            Organization,
            proposal,
            decision,
            publication_status=PublicationStatus.DRAFT,
        )
        name = decision.fields.get("name") or ""
        if not name:
            raise self.refused(proposal, _("give the organization's name."))
        # The admin asks an organization's kind; a release rarely states it, and
        # "other" is what the editor changes on the organization's form.
        record.kind = record.kind or OrganizationKind.OTHER
        record.slug = free_slug(
            Organization, decision.fields.get("acronym") or name, 100
        )
        return record

    def person(self, proposal, decision):
        record = self.new(
            Person, proposal, decision, publication_status=PublicationStatus.DRAFT
        )
        name = f"{record.given_name} {record.family_name}".strip()
        if not name:
            raise self.refused(proposal, _("give the person's name."))
        record.slug = free_slug(Person, name, 120)
        return record

    def post(self, proposal, decision):
        record = self.new(Position, proposal, decision)
        if record.person_id is None or record.organization_id is None:
            # A post is someone's in an organization: without either, there is none.
            return None
        title = getattr(record, f"title_{self.language}")
        existing = Position.objects.filter(
            person=record.person,
            organization=record.organization,
            start_date__isnull=True,
            **{f"title_{self.language}": title},
        ).first()
        if existing is not None:
            self.records[proposal.key] = existing
            return None
        # A post has no status of its own: one more post of a published person
        # would be listed on their public page before anyone reviewed it.
        if record.person.publication_status == PublicationStatus.PUBLISHED:
            raise self.refused(
                proposal,
                _(
                    "%(person)s is published, and a new post of theirs would be "
                    "public at once: drop the post, or choose one they hold."
                )
                % {"person": record.person},
            )
        return record

    def meeting(self):
        kept = list(self.kept("meeting"))
        if not kept:
            raise ValidationError(_("Keep the meeting: everything else belongs to it."))
        proposal, decision = kept[0]
        if decision.match is not None:
            # Figures, photos, roles, contacts and sources have no status of their
            # own: added to a published meeting they would be public unreviewed.
            if decision.match.publication_status == PublicationStatus.PUBLISHED:
                raise self.refused(
                    proposal,
                    _(
                        "%(meeting)s is published, and what the release adds to it "
                        "would be public at once: link a draft meeting or create a "
                        "new one."
                    )
                    % {"meeting": decision.match},
                )
            self.event = decision.match
            return
        event = self.new(
            Event, proposal, decision, publication_status=PublicationStatus.DRAFT
        )
        missing = [
            str(Event._meta.get_field(name).verbose_name)
            for name in ("title", "start_date", "end_date")
            if not decision.fields.get(name)
        ]
        if missing:
            raise self.refused(
                proposal,
                _("the release does not state the %(fields)s; enter them.")
                % {"fields": ", ".join(missing)},
            )
        event.slug = free_slug(
            Event,
            f"{decision.fields['start_date']:%Y-%m} {decision.fields['title']}",
            120,
        )
        # The release is the account to start from: the editor cuts it down to the
        # meeting's own story on the form.
        setattr(event, f"body_{self.language}", self.extraction.text)
        self.event = self.save(event, proposal)

    def parts(self):
        """The records that belong to the meeting, each kind in the release's order."""
        for proposal, decision in self.kept("role"):
            record = self.new(EventOrganization, proposal, decision, event=self.event)
            if record.organization_id is None or not record.role:
                continue
            if not EventOrganization.objects.filter(
                event=self.event, organization=record.organization, role=record.role
            ).exists():
                self.save(record, proposal)
        for kind, m2m in (
            ("sector", "sectors"),
            ("topic", "topics"),
            ("resource", "resources"),
        ):
            linked = [self.records.get(p.key) for p, _decision in self.kept(kind)]
            linked = [record for record in linked if record is not None]
            if linked:
                getattr(self.event, m2m).add(*linked)
        spoke = set()
        for n, (proposal, decision) in enumerate(self.kept("statement")):
            record = self.new(
                Statement,
                proposal,
                decision,
                event=self.event,
                order=n + 1,
                publication_status=PublicationStatus.DRAFT,
            )
            if not (record.speaker_id or record.organization_id or record.position_id):
                raise self.refused(
                    proposal,
                    _("keep its speaker or organization, or drop the statement."),
                )
            if not decision.fields.get("text"):
                raise self.refused(proposal, _("a statement needs its words."))
            self.save(record, proposal)
            record.sources.add(self.source)
            if record.speaker_id and record.speaker_id not in spoke:
                spoke.add(record.speaker_id)
                if Participation.objects.filter(
                    event=self.event,
                    person=record.speaker,
                    role=ParticipantRole.SPEAKER,
                    session__isnull=True,
                ).exists():
                    continue
                self.save(
                    Participation(
                        event=self.event,
                        person=record.speaker,
                        position=record.position,
                        role=ParticipantRole.SPEAKER,
                        order=len(spoke),
                    )
                )
        for kind, model in (
            ("figure", KeyFigure),
            ("keypoint", KeyPoint),
            ("photo", Photo),
            ("media_contact", MediaContact),
        ):
            for n, (proposal, decision) in enumerate(self.kept(kind)):
                self.save(
                    self.new(model, proposal, decision, event=self.event, order=n + 1),
                    proposal,
                )

    def keep_source(self, url, publisher, date):
        """The release as the meeting's source: one per address, so a release
        imported twice names the source already recorded."""
        source = Source.objects.filter(url=url).first() if url else None
        if source is None:
            headline = self.extraction.text.strip().split("\n", 1)[0].strip()
            source = self.save(
                Source(
                    title=headline[:300],
                    url=url,
                    publisher=publisher,
                    kind=SourceKind.PRESS_RELEASE,
                    date=date,
                    language=self.language,
                )
            )
        self.source = source
        self.event.sources.add(source)

    def log(self):
        if self.user is None:
            return
        LogEntry.objects.log_actions(
            self.user.pk,
            [self.event],
            ADDITION,
            change_message=[{"added": {}}],
            single_object=True,
        )


def create_drafts(
    extraction,
    decisions,
    user,
    *,
    url="",
    publisher=None,
    date=None,
    review_url=None,
):
    """Creates the meeting and what the editor kept of the release, all as drafts,
    in one transaction, and returns the meeting. `url`, `publisher` and `date`
    describe the release, kept as the meeting's source; given `review_url` (the
    meeting -> the address of its publish page), the meeting is submitted for
    review. Raises ValidationError, having written nothing, when a kept proposal
    cannot be recorded."""
    drafts = Drafts(extraction, decisions, user)
    with transaction.atomic():
        drafts.link_or_create("country", None)
        drafts.link_or_create("sector", None)
        drafts.link_or_create("topic", None)
        drafts.link_or_create("resource", drafts.resource)
        drafts.link_or_create("organization", drafts.organization)
        drafts.link_or_create("person", drafts.person)
        drafts.link_or_create("post", drafts.post)
        drafts.meeting()
        drafts.keep_source(url, publisher, date)
        drafts.parts()
        if review_url is not None and user is not None:
            review.submit(drafts.event, user, None, review_url(drafts.event))
        drafts.log()
    return drafts.event
