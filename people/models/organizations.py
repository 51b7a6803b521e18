"""Organizations: governments, intergovernmental bodies, civil society, RCM bodies…"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rcm_site import search
from rcm_site.natural_keys import SlugKeyed, SlugKeyQuerySet, slug_required
from rcm_site.publishing import Publishable, PublishableQuerySet
from rcm_site.translated import SiteTranslatedField, Translated

from ..enums import OrganizationKind
from .countries import Country


class OrganizationQuerySet(PublishableQuerySet, SlugKeyQuerySet):
    def search(self, text):
        return self.filter(search.matching(self.model, text))

    def for_search_index(self):
        return self.all()

    def for_list(self):
        return self.select_related("country")


class Organization(Translated, SlugKeyed, Publishable):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text=_("For a government body, the country it belongs to."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("E.g. IOM for its Mesoamerica Program."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    site_translated = SiteTranslatedField()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = [
            ("publish_organization", _("Can publish and unpublish organizations"))
        ]
        ordering = ["name"]
        constraints = [
            slug_required("organization"),
            models.UniqueConstraint(
                Lower("slug"),
                name="organization_unique_slug",
                violation_error_message=_(
                    "An organization with this slug already exists."
                ),
            ),
        ]

    def __str__(self):
        if self.acronym and self.acronym not in self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self):
        return reverse("people:organization_detail", args=[self.slug])

    def search_text(self):
        return " ".join(self.in_all_languages("name", "acronym", "description"))

    def clean(self):
        super().clean()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError(
                {"parent": _("An organization cannot be part of itself.")}
            )
