"""Where the record comes from: a press release, a report, minutes, a video. A source
backs any number of meetings and statements, and a role or a key figure may cite the
one that states it. It has no page of its own: it is shown on the published records
it backs, its publisher named only when that organization is public."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from people.models import Organization
from rcm_site.natural_keys import UUIDKeyed, UUIDKeyQuerySet
from rcm_site.publishing import shown

from ..enums import SOURCE_LANGUAGES, Language, SourceKind

# Dated sources first, oldest first; undated ones after them, by title.
SOURCE_ORDER = [F("date").asc(nulls_last=True), "title", "id"]


class SourceQuerySet(UUIDKeyQuerySet):
    def in_order(self):
        return self.order_by(*SOURCE_ORDER)

    def for_display(self):
        """With the publisher a listing names."""
        return self.select_related("publisher").in_order()


class Source(UUIDKeyed):
    """A source's title stays in its own language, the one `language` names: the site
    does not translate the title of a document it cites."""

    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("As the source gives it, in its own language."),
    )
    url = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty for a source that is not online."),
    )
    publisher = models.ForeignKey(
        Organization,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=SourceKind,
        blank=True,
        help_text=_("Leave empty when not known."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("The publication date, where the source gives it."),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=SOURCE_LANGUAGES,
        blank=True,
        help_text=_("The language the source is written or spoken in."),
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = SOURCE_ORDER
        constraints = [
            models.CheckConstraint(
                condition=~Q(title="") | ~Q(url=""),
                name="source_has_title_or_url",
                violation_error_message=_("Give the source's title, its link or both."),
            ),
            # One row per document online, so that every record it backs names the
            # same source.
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="source_unique_url",
                violation_error_message=_("A source with this link already exists."),
            ),
        ]

    def __str__(self):
        return self.title or self.url

    @property
    def public_publisher(self):
        """The publisher, when it may be named publicly (select_related publisher)."""
        return shown(self.publisher)

    @property
    def title_language(self):
        """The title's language code for a lang attribute; empty when not stated or
        another language."""
        return self.language if self.language in Language.values else ""
