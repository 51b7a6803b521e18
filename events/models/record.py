"""What a meeting's page records besides its roles and statements: key figures, key
points, photos and media contacts."""

from django.db import models
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from people.models import Organization, Person
from rcm_site.natural_keys import UUIDKeyed, UUIDKeyQuerySet
from rcm_site.pictures import Picture, PictureField, UploadFolder
from rcm_site.publishing import VisibleQuerySet, published_q
from rcm_site.translated import SiteTranslatedField, Translated
from rcm_site.uploads import IMAGE_VALIDATORS

from ..enums import KEY_POINT_HEADINGS, OBJECTIVE_KINDS, KeyPointKind
from .roles import in_choice_order


class KeyFigure(Translated, UUIDKeyed):
    event = models.ForeignKey(
        "events.Event",
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
    cited_source = models.ForeignKey(
        "events.Source",
        verbose_name=_("cited source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cited_by_figures",
        help_text=_("The source that states this figure, cited beside it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    site_translated = SiteTranslatedField()

    objects = UUIDKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.value} {self.label}"


class KeyPointQuerySet(UUIDKeyQuerySet):
    def in_page_order(self):
        """The general objective, then the specific ones, then the other points, each
        in the meeting's own order."""
        return self.order_by(in_choice_order("kind", OBJECTIVE_KINDS), "order", "id")


class KeyPoint(Translated, UUIDKeyed):
    """An objective set for a meeting, a challenge named, a recommendation made or a
    conclusion reached at it."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="key_points",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KeyPointKind)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    site_translated = SiteTranslatedField()

    objects = KeyPointQuerySet.as_manager()

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

    @property
    def is_objective(self):
        return self.kind in OBJECTIVE_KINDS


class Photo(Translated, UUIDKeyed):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = PictureField(
        _("image"),
        upload_to=UploadFolder("photos/%Y/"),
        blank=True,
        validators=IMAGE_VALIDATORS,
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
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
    site_translated = SiteTranslatedField()

    objects = UUIDKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "id"]

    def __str__(self):
        return self.caption

    @property
    def picture(self):
        return Picture(self.image, self.image_width, self.image_height, self.alt_text)


class MediaContactQuerySet(VisibleQuerySet, UUIDKeyQuerySet):
    def published(self):
        return self.filter(published_q("event", optional=["person", "organization"]))


class MediaContact(UUIDKeyed):
    event = models.ForeignKey(
        "events.Event",
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
