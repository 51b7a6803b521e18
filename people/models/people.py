"""People, and the posts they hold over time, to which statements point."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rcm_site import search
from rcm_site.natural_keys import SlugKeyed, SlugKeyQuerySet, slug_required
from rcm_site.pictures import Picture, PictureField, UploadFolder
from rcm_site.publishing import (
    Publishable,
    PublishableQuerySet,
    VisibleQuerySet,
    published_q,
)
from rcm_site.translated import SiteTranslatedField, Translated
from rcm_site.uploads import IMAGE_VALIDATORS

from ..enums import NameKind
from .countries import Country
from .organizations import Organization


def sort_key(*parts):
    """Lower case without accents, so that collation does not depend on the database."""
    text = unicodedata.normalize("NFKD", " ".join(parts).casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


class PersonQuerySet(PublishableQuerySet, SlugKeyQuerySet):
    def search(self, text):
        """Every word must be in the name, in any order, whatever the accents and
        case: "miguel diaz" finds "Miguel Díaz Reynoso"."""
        return self.filter(search.matching(self.model, text))

    def for_search_index(self):
        return self.prefetch_related("other_names")

    def for_list(self):
        return self.select_related("country").prefetch_related(
            Prefetch(
                "positions",
                Position.objects.published().current().select_related("organization"),
                to_attr="current_positions",
            )
        )


class Person(Translated, SlugKeyed, Publishable):
    honorific = models.CharField(
        _("honorific"), max_length=50, blank=True, help_text=_("E.g. Ambassador.")
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(
        _("family name"),
        max_length=100,
        help_text=_("Both surnames where the person uses two, e.g. Díaz Reynoso."),
    )
    slug = models.SlugField(_("slug"), max_length=120)
    sort_name = models.CharField(max_length=200, editable=False, db_index=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text=_("The country whose delegation or government the person serves."),
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = PictureField(
        _("photo"),
        upload_to=UploadFolder("people/"),
        blank=True,
        validators=IMAGE_VALIDATORS,
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(_("photo alt text"), max_length=250, blank=True)
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # Spanish double surnames sort by the first family name ("Díaz Reynoso" under
        # D), and "Álvarez" sorts beside "Alvarez", not after "Z".
        permissions = [("publish_person", _("Can publish and unpublish people"))]
        ordering = ["sort_name"]
        constraints = [
            slug_required("person"),
            models.UniqueConstraint(
                Lower("slug"),
                name="person_unique_slug",
                violation_error_message=_("A person with this slug already exists."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("people:person_detail", args=[self.slug])

    def search_text(self):
        """The name, and every other name the person is published under."""
        return " ".join(
            [self.name_text(), *(other.name for other in self.other_names.all())]
        )

    def name_text(self):
        """The recorded name, for the search text of what the person said."""
        return " ".join(
            [*self.in_all_languages("honorific"), self.given_name, self.family_name]
        )

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def name_with_honorific(self):
        return f"{self.honorific} {self.full_name}".strip()

    @property
    def portrait(self):
        return Picture(self.photo, self.photo_width, self.photo_height, self.photo_alt)

    def fill_sort_name(self):
        """Family name first, folded by sort_key. Kept by a signal on every save
        (people.signals) and by seed_demo's bulk inserts."""
        self.sort_name = sort_key(self.family_name, self.given_name)

    def clean(self):
        super().clean()
        if self.photo and not self.photo_alt:
            raise ValidationError(
                {"photo_alt": _("Describe the photo for readers who cannot see it.")}
            )


class PersonNameQuerySet(models.QuerySet):
    def get_by_natural_key(self, person_slug, name):
        return self.get(person__slug=person_slug, name=name)


class PersonName(models.Model):
    """Another name a person is published under: "Miguel Díaz" for "Miguel Díaz
    Reynoso", or the fuller form of a shortened one."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="other_names",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=NameKind, blank=True)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. where the name is used so."),
    )

    objects = PersonNameQuerySet.as_manager()

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"],
                name="personname_unique_per_person",
                violation_error_message=_("This person already has this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.person.slug, self.name)

    natural_key.dependencies = ["people.person"]


class PositionQuerySet(VisibleQuerySet):
    def get_by_natural_key(self, person_slug, organization_slug, title, start_date):
        # The key is the title in the site's default language, whatever the active
        # one, so that a fixture means the same post in both.
        return self.get(
            person__slug=person_slug,
            organization__slug=organization_slug,
            title_en=title,
            start_date=start_date,
        )

    def published(self):
        return self.filter(published_q("person", "organization"))

    def current(self):
        return self.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())
        )


class Position(Translated, models.Model):
    """A post a person holds in an organization, over a period.

    Statements and participations point at the post held *at the time*, so a later
    promotion does not rewrite what someone said in an earlier capacity.
    """

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="positions",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    site_translated = SiteTranslatedField()

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-start_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organization", "title", "start_date"],
                name="position_unique_post_start",
            ),
            # NULLs are distinct in a unique index: one undated post per title.
            models.UniqueConstraint(
                fields=["person", "organization", "title"],
                condition=Q(start_date__isnull=True),
                name="position_unique_undated_post",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="position_end_not_before_start",
                violation_error_message=_("A post cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.person}, {self.title}, {self.organization.name}"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("A post cannot end before it starts.")}
            )

    def natural_key(self):
        start = self.start_date.isoformat() if self.start_date else None
        return (self.person.slug, self.organization.slug, self.title_en, start)

    natural_key.dependencies = ["people.person", "people.organization"]

    @property
    def label(self):
        """The post as a byline reads: "General Director for Latin America, SRE"."""
        return f"{self.title}, {self.organization.name}"
