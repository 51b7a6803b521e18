"""A statement and its rules: who it is attributed to (speaker, post, organization,
country), the day it was said (said_on, kept for sorting) and when it becomes public
(public_at: once it, its meeting, speaker and organization all are). The model holds
the rules; events/signals.py applies them on every save, seed_demo on its bulk inserts.
"""

import copy

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from people.models import Country, Organization, Person, Position
from rcm_site import search
from rcm_site.dates import day_shown
from rcm_site.natural_keys import UUIDKeyed, UUIDKeyQuerySet
from rcm_site.publishing import (
    PublicationStatus,
    Publishable,
    PublishableQuerySet,
    lock_publication,
    public_at,
)
from rcm_site.translated import Translated

from ..enums import LANGUAGE_NOT_STATED, TRANSLATION_NOTES, Language, StatementKind
from .sources import Source
from .topics import Resource, Topic


class StatementQuerySet(PublishableQuerySet, UUIDKeyQuerySet):
    def published(self):
        """Published statements whose meeting, speaker and organization are public too:
        a public page must never name a draft through a quote (see public_at)."""
        return self.filter(public_at__lte=timezone.now())

    def refresh_public_at(self, using):
        """Work out again when these statements become public, after a change to a
        record they name; writes only the rows whose time changed."""
        lock_publication(using)
        changed = []
        for statement in self.using(using).select_related(
            "event", "speaker", "organization"
        ):
            value = statement.named_public_at()
            if value != statement.public_at:
                statement.public_at = value
                changed.append(statement)
        self.model.objects.using(using).bulk_update(
            changed, ["public_at"], batch_size=500
        )

    def search(self, text):
        """The words of the quote, or the speaker's or organization's name."""
        return self.filter(search.matching(self.model, text))

    def for_search_index(self):
        return self.select_related("speaker", "organization")

    def in_year(self, year):
        return self.filter(said_on__year=year)

    def latest_first(self):
        return self.order_by("-said_on", "order", "id")

    def in_order_said(self):
        """As they were said at their meeting."""
        return self.order_by("order", "id")

    def with_attribution(self):
        """With the speaker, post, organization and session a card names."""
        return self.select_related(
            "speaker", "position__organization", "organization", "session"
        )

    def for_cards(self):
        """Latest first, with what a statement card shows, its meeting too."""
        return self.with_attribution().select_related("event").latest_first()


class Statement(Translated, UUIDKeyed, Publishable):
    """Words said at a meeting (or issued on their own), attributed as they were said."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("Where the source says in which session it was said."),
    )
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("Leave empty for an organization's own statement."),
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("speaker's post then"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("Filled from the post when left empty."),
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("for country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_(
            "The country the speaker spoke for. Filled from the organization or the "
            "speaker when left empty."
        ),
    )
    text = models.TextField(
        _("text"),
        help_text=_(
            "The words as published, in either language or both; leave a language "
            "empty rather than translate a quote yourself."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=StatementKind,
        default=StatementKind.VERBATIM,
        help_text=_(
            "Only the words as said are a verbatim quote, shown in quotation marks; "
            "a source's account of them is reported speech or a summary."
        ),
    )
    language = models.CharField(
        _("language spoken"),
        max_length=5,
        choices=LANGUAGE_NOT_STATED + Language.choices,
        blank=True,
        help_text=_(
            "The language the words were said in, where the source says; else not "
            "stated."
        ),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "When it was said, where the source says; leave empty otherwise (lists "
            "then sort it by its session's day, else its meeting's first day, but "
            "show no date of its own)."
        ),
    )
    said_on = models.DateField(
        _("said on"),
        editable=False,
        help_text=_(
            "The date, else the session's day, else the meeting's first day, else "
            "the publication day: kept here so that lists sort latest first from an "
            "index, without a join."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    public_at = models.DateTimeField(
        _("public at"),
        null=True,
        editable=False,
        help_text=_(
            "When the statement, its meeting, speaker and organization are all "
            "public; empty while any of them is a draft. Kept by every save of "
            "them, so that a list counts and sorts public statements without joins."
        ),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="statements"
    )
    references = models.ManyToManyField(
        Resource,
        verbose_name=_("resources referred to"),
        blank=True,
        related_name="statements",
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="statements"
    )

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [("publish_statement", _("Can publish and unpublish statements"))]
        ordering = ["order", "id"]
        # Latest first, for the lists and the feed: one index both gives the order
        # and, with public_at in it, tells the public statements, so neither
        # database sorts 100,000 statements to show twenty.
        indexes = [
            # public_at last, not first: the lists read these in order and stop at
            # a page, and a count reads the whole index without the table. Led by
            # public_at, SQLite took it to select and then sorted every row.
            models.Index(
                fields=["-said_on", "order", "id", "public_at"],
                name="statement_latest_public",
            ),
            models.Index(
                fields=["country", "-said_on", "order", "id", "public_at"],
                name="statement_country_public",
            ),
            # A meeting's page shows its first twenty in the order said: read so, the
            # speakers, posts and organizations of those twenty are joined, not of
            # all its statements (a hundred at the busiest) before sorting them.
            models.Index(
                fields=["event", "order", "id", "public_at"],
                name="statement_meeting_public",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | Q(organization__isnull=False),
                name="statement_has_attribution",
                violation_error_message=_(
                    "Name the speaker, or the organization for its own statement."
                ),
            ),
        ]

    def __str__(self):
        return Truncator(self.text).words(12)

    def get_absolute_url(self):
        return reverse("events:statement_detail", args=[self.pk])

    @property
    def translation_note(self):
        """ "English translation of the original Spanish" when the words shown are not
        in the language they were said in; empty otherwise, and when that language is
        not stated."""
        if not self.language:
            return ""
        return TRANSLATION_NOTES.get((self.language_of("text"), self.language), "")

    @property
    def date_shown(self):
        """Its own date, "4 September 2018"; empty when the source gives none."""
        return day_shown(self.date)

    @property
    def is_quote(self):
        """Only a verbatim quote is shown in quotation marks."""
        return self.kind == StatementKind.VERBATIM

    def named_public_at(self):
        return public_at(self, self.event, self.speaker, self.organization)

    def drafts_named(self):
        """The drafts that keep it hidden while they are drafts (public_at): its
        meeting, speaker and organization."""
        return [
            record
            for record in (self.event, self.speaker, self.organization)
            if record is not None
            and record.publication_status == PublicationStatus.DRAFT
        ]

    def fill_attribution(self):
        """Where left empty, the organization from the post, and the country from the
        organization, else from the speaker. A save does it (events.signals), and
        seed_demo for its bulk inserts; reads the post, organization and speaker from
        the database unless they are on the instance already."""
        if self.organization_id is None and self.position_id is not None:
            self.organization = self.position.organization
        if self.country_id is None:
            for named in (self.organization, self.speaker):
                if named is not None and named.country_id is not None:
                    self.country_id = named.country_id
                    break

    def fill_said_on(self):
        """The date, else the session's day, else the meeting's first day, else the
        publication day."""
        if self.date:
            self.said_on = self.date
        elif self.session_id and self.session.date:
            self.said_on = self.session.date
        elif self.event_id:
            self.said_on = self.event.start_date
        else:
            self.said_on = timezone.localdate(self.publish_at or timezone.now())

    def search_text(self):
        parts = self.in_all_languages("text")
        if self.speaker:
            parts.append(self.speaker.name_text())
        if self.organization:
            parts += self.organization.in_all_languages("name", "acronym")
        return " ".join(parts)

    def clean(self):
        super().clean()
        if not (self.text_en or self.text_es):
            raise ValidationError(
                {"text_en": _("Give the words in English, in Spanish or in both.")}
            )
        if (
            self.position_id
            and self.speaker_id
            and self.position.person_id != self.speaker_id
        ):
            raise ValidationError(
                {
                    "position": _(
                        "This post belongs to someone else; pick one of the speaker's posts."
                    )
                }
            )
        if self.session_id and self.session.event_id != self.event_id:
            raise ValidationError(
                {"session": _("Pick a session of the statement's meeting.")}
            )
        # A post names its organization, which a save fills in (fill_attribution).
        if not (self.speaker_id or self.organization_id or self.position_id):
            raise ValidationError(
                {
                    "speaker": _(
                        "Name the speaker, or the organization for its own statement."
                    )
                }
            )

    def validate_constraints(self, exclude=None):
        # Against the row as a save will store it, with the organization its post
        # names, on a copy: validating changes nothing.
        stored = copy.copy(self)
        if stored.organization_id is None and stored.position_id is not None:
            stored.organization_id = self.position.organization_id
        super(Statement, stored).validate_constraints(exclude=exclude)
