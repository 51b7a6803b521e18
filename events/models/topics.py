"""What meetings are about (topics), who attends them (sectors) and what they cite
(resources)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Organization
from rcm_site.natural_keys import SlugKeyed, SlugKeyQuerySet, slug_required
from rcm_site.translated import Translated
from rcm_site.uploads import DOCUMENT_VALIDATORS

from ..enums import ResourceKind


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
            slug_required("topic"),
            models.UniqueConstraint(
                Lower("slug"),
                name="topic_unique_slug",
                violation_error_message=_("A topic with this slug already exists."),
            ),
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
            slug_required("sector"),
            models.UniqueConstraint(
                Lower("slug"),
                name="sector_unique_slug",
                violation_error_message=_("A sector with this slug already exists."),
            ),
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
    issuers = models.ManyToManyField(
        Organization,
        verbose_name=_("issued by"),
        blank=True,
        related_name="resources",
        help_text=_("Every organization the source names as issuing it."),
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
            slug_required("resource"),
            models.UniqueConstraint(
                Lower("slug"),
                name="resource_unique_slug",
                violation_error_message=_("A resource with this slug already exists."),
            ),
        ]

    def __str__(self):
        """ "ILO C97 — Migration for Employment Convention": the short title an editor
        knows it by first, so it can be picked by it."""
        if self.short_title:
            return f"{self.short_title} — {self.title}"
        return self.title
