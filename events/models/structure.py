"""How the RCM is organized: its bodies (the Vice-Ministerial Meeting, the Regional
Consultation Group, working groups, networks) and the Pro-Tempore Presidency by term.
A meeting names the body that met and the presidency it fell under."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models import Country
from rcm_site import search
from rcm_site.natural_keys import SlugKeyed, SlugKeyQuerySet, slug_required
from rcm_site.publishing import Publishable, PublishableQuerySet
from rcm_site.translated import Translated

from ..enums import BodyKind


class BodyQuerySet(PublishableQuerySet, SlugKeyQuerySet):
    def search(self, text):
        return self.filter(search.matching(self.model, text))

    def for_search_index(self):
        return self.all()


class Body(Translated, SlugKeyed, Publishable):
    """A standing part of the RCM whose meetings the site records."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_(
            "Only where a source says so, e.g. a group that reports to another."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("RCM body")
        verbose_name_plural = _("RCM bodies")
        permissions = [("publish_body", _("Can publish and unpublish RCM bodies"))]
        ordering = ["name"]
        constraints = [
            slug_required("body"),
            models.UniqueConstraint(
                Lower("slug"),
                name="body_unique_slug",
                violation_error_message=_("A body with this slug already exists."),
            ),
        ]

    def __str__(self):
        if self.acronym and self.acronym not in self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self):
        return reverse("events:body_detail", args=[self.slug])

    def search_text(self):
        return " ".join(self.in_all_languages("name", "acronym", "description"))

    def clean(self):
        super().clean()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A body cannot be part of itself.")})


class PresidencyQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, year):
        return self.get(year=year)


class Presidency(Translated, Publishable):
    """The Pro-Tempore Presidency for one term, named by its year.

    The natural key is the year alone: one country holds the presidency a year, so the
    year names the term, and a fixture that corrects the country updates the term
    instead of adding a second one for the same year.
    """

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="presidencies",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1996), MaxValueValidator(2200)]
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = PresidencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Pro-Tempore Presidency")
        verbose_name_plural = _("Pro-Tempore Presidencies")
        permissions = [
            ("publish_presidency", _("Can publish and unpublish presidencies"))
        ]
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                name="presidency_one_per_year",
                violation_error_message=_("A presidency for this year already exists."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="presidency_end_not_before_start",
                violation_error_message=_("A term cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.country}, {self.year}"

    def get_absolute_url(self):
        return reverse("events:presidency_detail", args=[self.year])

    def natural_key(self):
        return (self.year,)

    natural_key.dependencies = ["people.country"]
