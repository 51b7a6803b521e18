"""Countries, RCM members or not; the eleven members ship as a fixture."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rcm_site.natural_keys import slug_required
from rcm_site.translated import Translated

from ..enums import RcmStatus


class CountryQuerySet(models.QuerySet):
    def get_by_natural_key(self, iso_code):
        return self.get(iso_code=iso_code)

    def members(self):
        return self.filter(rcm_status=RcmStatus.MEMBER)


class Country(Translated, models.Model):
    iso_code = models.CharField(
        _("ISO code"),
        max_length=2,
        validators=[
            RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, as in ISO 3166-1."))
        ],
        help_text=_("ISO 3166-1 alpha-2, e.g. MX."),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    rcm_status = models.CharField(
        _("RCM status"), max_length=10, choices=RcmStatus, default=RcmStatus.MEMBER
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"],
                name="country_unique_iso_code",
                violation_error_message=_(
                    "A country with this ISO code already exists."
                ),
            ),
            slug_required("country"),
            models.UniqueConstraint(
                Lower("slug"),
                name="country_unique_slug",
                violation_error_message=_("A country with this slug already exists."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:country_detail", args=[self.iso_code.lower()])

    def natural_key(self):
        return (self.iso_code,)
