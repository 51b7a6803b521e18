import functools
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Prefetch, Q, When
from django.db.models.functions import Lower
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people.models import Country, Organization, Person, Position
from rcm_site import search
from rcm_site.natural_keys import SlugKeyed, SlugKeyQuerySet, UUIDKeyed, UUIDKeyQuerySet
from rcm_site.publishing import (
    Publishable,
    PublishableQuerySet,
    VisibleQuerySet,
    lock_publication,
    public_at,
    published_q,
)
from rcm_site.translated import Translated, active_language, translation_notice
from rcm_site.uploads import DOCUMENT_VALIDATORS, IMAGE_VALIDATORS

from .enums import (
    KEY_POINT_HEADINGS,
    SITE_TRANSLATION_NOTES,
    TRANSLATION_NOTES,
    EventFormat,
    EventKind,
    EventStatus,
    KeyPointKind,
    Language,
    OrganizationRole,
    ParticipantRole,
    ResourceKind,
)


@functools.cache
def _time_zones():
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in _time_zones():
        raise ValidationError(
            _("%(value)s is not an IANA time zone name (e.g. America/Mexico_City)."),
            params={"value": value},
        )


class Topic(Translated, SlugKeyed):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    objects = SlugKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("slug"),
                name="topic_unique_slug",
                violation_error_message=_("A topic with this slug already exists."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:topic_detail", args=[self.slug])


class Sector(Translated, SlugKeyed):
    """A kind of institution represented at a meeting: ministries of labour, unions…"""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    objects = SlugKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("slug"),
                name="sector_unique_slug",
                violation_error_message=_("A sector with this slug already exists."),
            )
        ]

    def __str__(self):
        return self.name


class Resource(Translated, SlugKeyed):
    """An instrument or document referred to at a meeting: a convention, a framework…"""

    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(
        _("short title"), max_length=100, blank=True, help_text=_("E.g. ILO C97.")
    )
    slug = models.SlugField(_("slug"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind)
    issuer = models.ForeignKey(
        Organization,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(
        _("file"), upload_to="resources/", blank=True, validators=DOCUMENT_VALIDATORS
    )
    description = models.TextField(_("description"), blank=True)

    objects = SlugKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                Lower("slug"),
                name="resource_unique_slug",
                violation_error_message=_("A resource with this slug already exists."),
            ),
        ]

    def __str__(self):
        return self.title


class EventQuerySet(PublishableQuerySet, SlugKeyQuerySet):
    def upcoming(self):
        return self.filter(end_date__gte=timezone.localdate()).order_by("start_date")

    def past(self):
        return self.filter(end_date__lt=timezone.localdate()).order_by("-start_date")

    def search(self, text):
        return self.filter(search.matching(self.model, text))

    def for_list(self):
        return self.select_related("country")

    def with_roles(self):
        """Organizations and their roles in page_roles, hosts first."""
        return self.prefetch_related(role_prefetch())

    def for_search_index(self):
        return self.select_related("country")

    def for_calendar(self):
        return self.select_related("country").with_roles()

    def for_page(self, preview=False):
        """A meeting with everything its page lists but its statements, which the page
        shows a page of (see page_relations)."""
        return self.select_related("country", "source_publisher").prefetch_related(
            *page_relations(preview)
        )


def role_prefetch(preview=False):
    return Prefetch(
        "roles",
        EventOrganization.objects.visible(preview)
        .select_related("organization")
        .in_role_order(),
        to_attr="page_roles",
    )


def page_relations(preview=False):
    """Everything a meeting's page lists; each list holds only public records, or
    drafts too when staff preview the page."""
    return [
        role_prefetch(preview),
        Prefetch(
            "participations",
            Participation.objects.visible(preview).select_related(
                "person", "position__organization"
            ),
            to_attr="page_participations",
        ),
        Prefetch(
            "media_contacts",
            MediaContact.objects.visible(preview).select_related(
                "person", "organization"
            ),
            to_attr="page_media_contacts",
        ),
        Prefetch("resources", Resource.objects.select_related("issuer")),
        "key_figures",
        "key_points",
        "photos",
        "sectors",
        "topics",
    ]


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
        _("format"), max_length=10, choices=EventFormat, default=EventFormat.IN_PERSON
    )
    event_status = models.CharField(
        _("status"), max_length=10, choices=EventStatus, default=EventStatus.SCHEDULED
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_(
            "IANA name of the meeting's local time zone, e.g. America/Mexico_City."
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
    summary = models.TextField(_("summary"), help_text=_("One or two sentences."))
    body = models.TextField(_("account of the meeting"), blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
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
    site_translation = models.CharField(
        _("translated by this site"),
        max_length=5,
        choices=Language,
        blank=True,
        help_text=_(
            "The language of a title and summary this site translated itself, where "
            "the source published none in it; the page says so."
        ),
    )
    source_title = models.CharField(_("source title"), max_length=300, blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    source_publisher = models.ForeignKey(
        Organization,
        verbose_name=_("source published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        permissions = [("publish_event", _("Can publish and unpublish meetings"))]
        ordering = ["-start_date", "title"]
        # The lists' order, behind status as for statements: the latest meetings are
        # read from the index instead of sorting every meeting on each page.
        indexes = [
            models.Index(fields=["status", "-start_date"], name="event_latest_first"),
        ]
        constraints = [
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
            *(role for role in getattr(self, "page_roles", []) if role.note),
        )

    @property
    def site_translation_note(self):
        """Said on the page when its title and summary are this site's translation."""
        if self.site_translation and self.site_translation == active_language():
            return SITE_TRANSLATION_NOTES[self.site_translation]
        return ""

    @property
    def card_image(self):
        """The first photo that has a file, for link previews (photos prefetched)."""
        return next((photo.image for photo in self.photos.all() if photo.image), None)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("A meeting cannot end before it starts.")}
            )


class EventOrganizationQuerySet(VisibleQuerySet):
    def get_by_natural_key(self, event_slug, organization_slug, role):
        return self.get(
            event__slug=event_slug, organization__slug=organization_slug, role=role
        )

    def published(self):
        return self.filter(published_q("event", "organization"))

    def in_role_order(self):
        """Hosts first, funders last, as OrganizationRole lists them."""
        return self.order_by(
            Case(
                *[When(role=role, then=i) for i, role in enumerate(OrganizationRole)],
                output_field=models.IntegerField(),
            ),
            "id",
        )


class EventOrganization(Translated, models.Model):
    """One role an organization played at a meeting; an organization may hold several."""

    event = models.ForeignKey(
        Event, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="roles"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="event_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganizationRole)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. through its Mesoamerica Program."),
    )

    objects = EventOrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization role")
        verbose_name_plural = _("organizations and their roles")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"],
                name="eventorganization_one_role_per_org",
            ),
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_role_display()}"

    def natural_key(self):
        return (self.event.slug, self.organization.slug, self.role)

    natural_key.dependencies = ["events.event", "people.organization"]


class ParticipationQuerySet(VisibleQuerySet):
    def get_by_natural_key(self, event_slug, person_slug):
        return self.get(event__slug=event_slug, person__slug=person_slug)

    def published(self):
        """Public meeting, public person, and a post (if any) at a public organization:
        a byline must not name a draft."""
        return self.filter(
            published_q("event", "person", optional=["position__organization"])
        )


class Participation(models.Model):
    event = models.ForeignKey(
        Event,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("post held then"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole,
        default=ParticipantRole.PARTICIPANT,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ParticipationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="participation_once_per_event"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if (
            self.position_id
            and self.person_id
            and self.position.person_id != self.person_id
        ):
            raise ValidationError(
                {
                    "position": _(
                        "This post belongs to someone else; pick one of this person's posts."
                    )
                }
            )

    def natural_key(self):
        return (self.event.slug, self.person.slug)

    natural_key.dependencies = ["events.event", "people.person", "people.position"]


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
        """With the speaker, post and organization a card names."""
        return self.select_related("speaker", "position__organization", "organization")

    def for_cards(self):
        """Latest first, with what a statement card shows, its meeting too."""
        return self.with_attribution().select_related("event").latest_first()


class Statement(Translated, UUIDKeyed, Publishable):
    """Words said at a meeting (or issued on their own), attributed as they were said."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
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
    language = models.CharField(
        _("language spoken"),
        max_length=5,
        choices=Language,
        help_text=_("The language the words were said in."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("When it was said, if not on the meeting's first day."),
    )
    said_on = models.DateField(
        _("said on"),
        editable=False,
        help_text=_(
            "The date, else the meeting's first day, else the publication day: kept "
            "here so that lists sort latest first from an index, without a join."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
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

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [("publish_statement", _("Can publish and unpublish statements"))]
        ordering = ["order", "id"]
        # Latest first, for the lists and the feed: with status in front one index
        # both narrows to published statements and gives the order, so neither
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
        in the language they were said in; empty otherwise."""
        return TRANSLATION_NOTES.get((self.language_of("text"), self.language), "")

    def named_public_at(self):
        return public_at(self, self.event, self.speaker, self.organization)

    def search_text(self):
        parts = self.in_all_languages("text")
        if self.speaker:
            parts.append(self.speaker.search_text())
        if self.organization:
            parts += self.organization.in_all_languages("name", "acronym")
        return " ".join(parts)

    def clean(self):
        super().clean()
        if not (self.text_en or self.text_es):
            raise ValidationError(
                {"text_en": _("Give the words in English, in Spanish or in both.")}
            )
        if self.position_id:
            if self.speaker_id and self.position.person_id != self.speaker_id:
                raise ValidationError(
                    {
                        "position": _(
                            "This post belongs to someone else; pick one of the speaker's posts."
                        )
                    }
                )
            if not self.organization_id:
                self.organization_id = self.position.organization_id
        if not self.speaker_id and not self.organization_id:
            raise ValidationError(
                {
                    "speaker": _(
                        "Name the speaker, or the organization for its own statement."
                    )
                }
            )


class KeyFigure(Translated, UUIDKeyed):
    event = models.ForeignKey(
        Event,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="key_figures",
    )
    value = models.CharField(
        _("value"), max_length=50, help_text=_("E.g. Over 25 million.")
    )
    label = models.CharField(
        _("label"), max_length=300, help_text=_("What the value counts.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = UUIDKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.value} {self.label}"


class KeyPoint(Translated, UUIDKeyed):
    """A challenge named, a recommendation made or a conclusion reached at a meeting."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="key_points",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KeyPointKind)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = UUIDKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("key point")
        verbose_name_plural = _("key points")
        ordering = ["order", "id"]

    def __str__(self):
        return Truncator(self.text).words(12)

    @property
    def heading(self):
        """The heading over points of this kind on a meeting page: "Challenges"."""
        return KEY_POINT_HEADINGS[self.kind]


class Photo(Translated, UUIDKeyed):
    event = models.ForeignKey(
        Event,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ImageField(
        _("image"), upload_to="photos/%Y/", blank=True, validators=IMAGE_VALIDATORS
    )
    caption = models.CharField(_("caption"), max_length=300)
    credit = models.CharField(
        _("credit"), max_length=200, help_text=_("E.g. IOM / Cesia Chavarria.")
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the photo shows, for screen readers."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = UUIDKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "id"]

    def __str__(self):
        return self.caption


class MediaContactQuerySet(VisibleQuerySet, UUIDKeyQuerySet):
    def published(self):
        return self.filter(published_q("event", optional=["person", "organization"]))


class MediaContact(UUIDKeyed):
    event = models.ForeignKey(
        Event,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="media_contacts",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="media_contacts",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="media_contacts",
    )
    office = models.CharField(
        _("office"), max_length=100, blank=True, help_text=_("E.g. San José.")
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MediaContactQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("media contact")
        verbose_name_plural = _("media contacts")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False),
                name="mediacontact_has_person_or_organization",
                violation_error_message=_(
                    "Name a person or an organization to contact."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""),
                name="mediacontact_has_phone_or_email",
                violation_error_message=_("Give a phone number or an email address."),
            ),
        ]

    def __str__(self):
        return self.phone or self.email


@receiver(pre_save, sender=Statement)
def set_said_on(sender, instance, **kwargs):
    # A signal rather than save(), because loaddata saves "raw" and skips save().
    if instance.date:
        instance.said_on = instance.date
    elif instance.event_id:
        instance.said_on = instance.event.start_date
    else:
        instance.said_on = timezone.localdate(instance.publish_at or timezone.now())


@receiver(pre_save, sender=Statement)
def set_public_at(sender, instance, using, **kwargs):
    # As stored, not as cached on the instance: another editor may have unpublished
    # the speaker since this form was opened.
    lock_publication(using)
    named = [
        model._default_manager.using(using).filter(pk=pk).first() if pk else None
        for model, pk in [
            (Event, instance.event_id),
            (Person, instance.speaker_id),
            (Organization, instance.organization_id),
        ]
    ]
    instance.public_at = public_at(instance, *named)


@receiver(post_save, sender=Event)
@receiver(post_save, sender=Person)
@receiver(post_save, sender=Organization)
def refresh_statements_public_at(sender, instance, using, **kwargs):
    instance.statements.all().refresh_public_at(using)


@receiver(post_save, sender=Event)
def date_statements_by_their_meeting(sender, instance, **kwargs):
    # Statements without a date of their own move with their meeting.
    instance.statements.filter(date__isnull=True).exclude(
        said_on=instance.start_date
    ).update(said_on=instance.start_date)
