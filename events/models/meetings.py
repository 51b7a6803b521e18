"""A meeting, and the queries its lists, calendars and page make."""

import functools
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from people.models import Country, Organization, Person
from rcm_site import search
from rcm_site.dates import days_shown
from rcm_site.natural_keys import SlugKeyed, SlugKeyQuerySet, slug_required
from rcm_site.publishing import PublicationStatus, Publishable, PublishableQuerySet
from rcm_site.translated import SiteTranslatedField, Translated, translation_notice

from ..enums import (
    HELD,
    PARTICIPANT_COUNTS,
    CountQualifier,
    EventFormat,
    EventKind,
    EventStatus,
)
from .record import KeyFigure, KeyPoint, MediaContact
from .roles import EventOrganization, Participation
from .sources import Source
from .structure import Body, Presidency
from .topics import Resource, Sector, Topic


@functools.cache
def _time_zones():
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in _time_zones():
        raise ValidationError(
            _("%(value)s is not an IANA time zone name (e.g. America/Mexico_City)."),
            params={"value": value},
        )


class EventQuerySet(PublishableQuerySet, SlugKeyQuerySet):
    def upcoming(self):
        return self.filter(end_date__gte=timezone.localdate()).order_by("start_date")

    def past(self):
        return self.filter(end_date__lt=timezone.localdate()).order_by("-start_date")

    def search(self, text):
        return self.filter(search.matching(self.model, text))

    def for_list(self):
        """With the country and the sessions a card's dates need (Event.dates_shown)."""
        return self.select_related("country").prefetch_related("sessions")

    def with_roles(self, preview=False, also=()):
        """Organizations and their roles in page_roles, hosts first; `also` names
        more of the roles' relations to fetch with them."""
        return self.prefetch_related(
            Prefetch(
                "roles",
                EventOrganization.objects.visible(preview)
                .select_related("organization", *also)
                .in_role_order(),
                to_attr="page_roles",
            )
        )

    def for_search_index(self):
        return self.select_related("country")

    def for_calendar(self):
        return self.select_related("country").with_roles().prefetch_related("sessions")

    def for_page(self, preview=False):
        """A meeting with everything its page lists but its statements, which the page
        shows a page of. Each list holds only public records, or drafts too when staff
        preview the page."""
        return (
            self.select_related(
                "country", "host_country", "rcm_body", "presidency__country"
            )
            .with_roles(preview, also=["cited_source__publisher"])
            .prefetch_related(
                Prefetch(
                    "participations",
                    Participation.objects.visible(preview)
                    .select_related("person", "position__organization")
                    .in_role_order(),
                    to_attr="page_participations",
                ),
                Prefetch(
                    "media_contacts",
                    MediaContact.objects.visible(preview).select_related(
                        "person", "organization"
                    ),
                    to_attr="page_media_contacts",
                ),
                Prefetch(
                    "resources",
                    Resource.objects.prefetch_related(
                        Prefetch("issuers", Organization.objects.visible(preview))
                    ),
                ),
                Prefetch(
                    "sources", Source.objects.for_display(), to_attr="page_sources"
                ),
                Prefetch(
                    "key_figures",
                    KeyFigure.objects.select_related("cited_source__publisher"),
                ),
                Prefetch("key_points", KeyPoint.objects.in_page_order()),
                "documents",
                "sessions",
                "photos",
                "sectors",
                "topics",
            )
        )


class Event(Translated, SlugKeyed, Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120)
    uuid = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Names the meeting in calendars, whatever becomes of its slug."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind)
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=EventFormat,
        blank=True,
        help_text=_(
            "Leave empty when the sources do not say whether anyone took part online."
        ),
    )
    event_status = models.CharField(
        _("status"), max_length=10, choices=EventStatus, default=EventStatus.SCHEDULED
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_(
            "IANA name of the meeting's local time zone, e.g. America/Mexico_City. "
            "Leave empty unless the source gives it (a meeting across the region "
            "online has none)."
        ),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Empty for a virtual meeting."),
    )
    host_country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        help_text=_(
            "The country that hosted the meeting, where the source names one; it may "
            "differ from where the meeting took place, and a virtual meeting has one too."
        ),
    )
    # "body" is the account of the meeting (a text field) already.
    rcm_body = models.ForeignKey(
        Body,
        verbose_name=_("RCM body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("The part of the RCM that met, where the source says."),
    )
    presidency = models.ForeignKey(
        Presidency,
        verbose_name=_("Pro-Tempore Presidency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("The presidency the meeting fell under, where the source says."),
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences."))
    body = models.TextField(_("account of the meeting"), blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    participant_count_qualifier = models.CharField(
        _("the number is"),
        max_length=10,
        choices=CountQualifier,
        default=CountQualifier.EXACT,
        help_text=_('"More than 130 people": 130, more than.'),
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors represented"), blank=True, related_name="events"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="events"
    )
    resources = models.ManyToManyField(
        Resource, verbose_name=_("resources cited"), blank=True, related_name="events"
    )
    site_translated = SiteTranslatedField()
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="events"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        permissions = [("publish_event", _("Can publish and unpublish meetings"))]
        ordering = ["-start_date", "title"]
        # The lists' order, behind the publication status: the latest meetings are
        # read from the index instead of sorting every meeting on each page.
        indexes = [
            models.Index(
                fields=["publication_status", "-start_date"], name="event_latest_first"
            ),
        ]
        constraints = [
            slug_required("event"),
            models.UniqueConstraint(
                Lower("slug"),
                name="event_unique_slug",
                violation_error_message=_("A meeting with this slug already exists."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_end_not_before_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", args=[self.slug])

    def search_text(self):
        country = self.country.in_all_languages("name") if self.country else []
        return " ".join(
            [
                *self.in_all_languages("title", "summary", "body", "venue", "city"),
                *country,
            ]
        )

    @property
    def translation_notice(self):
        """Covers what the meeting page shows of its own: figures, points, photos.
        Statements carry their own marking."""
        return translation_notice(
            self,
            *self.key_figures.all(),
            *self.key_points.all(),
            *self.photos.all(),
            *self.documents.all(),
            *self.sessions.all(),
            *(role for role in getattr(self, "page_roles", []) if role.note),
        )

    @property
    def objectives(self):
        """The key points that are objectives, general first (key_points prefetched
        in page order)."""
        return [point for point in self.key_points.all() if point.is_objective]

    @property
    def findings(self):
        """The other key points: challenges, recommendations, conclusions…"""
        return [point for point in self.key_points.all() if not point.is_objective]

    @cached_property
    def listed_sources(self):
        """The sources the page lists and numbers: the meeting's own, then those that
        only one of its roles or key figures cites (all prefetched by for_page)."""
        sources = list(self.page_sources)
        listed = {source.pk for source in sources}
        for record in (*self.page_roles, *self.key_figures.all()):
            source = record.cited_source
            if source is not None and source.pk not in listed:
                sources.append(source)
                listed.add(source.pk)
        return sources

    @cached_property
    def source_numbers(self):
        """Each listed source's number, by primary key, for the citations."""
        return {source.pk: n for n, source in enumerate(self.listed_sources, 1)}

    @property
    def session_days(self):
        """The days of its sessions, in order (sessions prefetched)."""
        return sorted({s.date for s in self.sessions.all() if s.date is not None})

    @property
    def dates_shown(self):
        """ "4–5 September 2018"; a meeting held in sessions on separate days reads
        as those days, "3, 10 and 17 March 2021", never as one continuous range.
        Its first and last day count as days it met, whatever the programme records
        (sessions prefetched)."""
        return days_shown([self.start_date, self.end_date, *self.session_days])

    @cached_property
    def programme_days(self):
        """(day, sessions) in order, each session with its page_participations and
        page_documents: those of the meeting's that name it (Event.objects.for_page)."""
        by_session, documents = {}, {}
        for participation in self.page_participations:
            by_session.setdefault(participation.session_id, []).append(participation)
        for document in self.documents.all():
            documents.setdefault(document.session_id, []).append(document)
        days = {}
        for session in self.sessions.all():
            session.page_participations = by_session.get(session.pk, [])
            session.page_documents = documents.get(session.pk, [])
            days.setdefault(session.date, []).append(session)
        return list(days.items())

    @property
    def meeting_documents(self):
        """The documents of the meeting as a whole; a session's are listed under it
        in the programme (documents prefetched)."""
        return [d for d in self.documents.all() if d.session_id is None]

    @property
    def meeting_participations(self):
        """Who took part in the meeting as a whole, not in one session."""
        return [p for p in self.page_participations if p.session_id is None]

    @property
    def participants_shown(self):
        """ "More than 130 participants"; empty when the count is unknown."""
        if self.participant_count is None:
            return ""
        return PARTICIPANT_COUNTS[self.participant_count_qualifier] % {
            "counter": self.participant_count
        }

    @property
    def status_shown(self):
        """The status as the page states it: "Held" for a scheduled meeting that is
        over, nothing for one still to come (its dates say it), else the status."""
        if self.event_status != EventStatus.SCHEDULED:
            return self.get_event_status_display()
        if self.end_date < timezone.localdate():
            return HELD
        return ""

    @property
    def card_image(self):
        """The first photo's picture, for link previews (photos prefetched)."""
        return next(
            (photo.picture for photo in self.photos.all() if photo.picture), None
        )

    def drafts_named(self):
        """What the meeting's page would name but leaves out while it is a draft: its
        body and presidency, the organizations and people in its roles, programme,
        statements, media contacts, resources and sources, and its statements."""
        draft = Q(publication_status=PublicationStatus.DRAFT)
        organizations = Organization.objects.filter(
            draft,
            Q(pk__in=self.roles.values("organization"))
            | Q(pk__in=self.participations.values("position__organization"))
            | Q(pk__in=self.statements.values("organization"))
            | Q(pk__in=self.statements.values("position__organization"))
            | Q(pk__in=self.media_contacts.values("organization"))
            | Q(pk__in=self.resources.values("issuers"))
            | Q(pk__in=self.sources.values("publisher"))
            | Q(pk__in=self.roles.values("cited_source__publisher"))
            | Q(pk__in=self.key_figures.values("cited_source__publisher")),
        )
        people = Person.objects.filter(
            draft,
            Q(pk__in=self.participations.values("person"))
            | Q(pk__in=self.statements.values("speaker"))
            | Q(pk__in=self.media_contacts.values("person")),
        )
        named = [self.rcm_body, self.presidency]
        return [
            *(
                record
                for record in named
                if record and record.publication_status == PublicationStatus.DRAFT
            ),
            *organizations,
            *people,
            *self.statements.filter(draft),
        ]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("A meeting cannot end before it starts.")}
            )
