"""Documents of a meeting: its concept note, agenda, presentations, report…"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rcm_site.natural_keys import UUIDKeyed, UUIDKeyQuerySet
from rcm_site.translated import Translated
from rcm_site.uploads import DOCUMENT_VALIDATORS

from ..enums import DocumentKind, DocumentLanguages

HAS_FILE = ~Q(file="")
HAS_URL = ~Q(url="")


class Document(Translated, UUIDKeyed):
    """A document of a meeting, uploaded here or linked where it is published."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("Empty for a document of the whole meeting."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to="documents/%Y/", blank=True, validators=DOCUMENT_VALIDATORS
    )
    url = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Where the document is published, instead of a file."),
    )
    languages = models.CharField(
        _("language"),
        max_length=5,
        choices=DocumentLanguages,
        blank=True,
        help_text=_("Leave empty when the source does not say."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    size = models.PositiveBigIntegerField(
        _("size in bytes"),
        null=True,
        blank=True,
        help_text=_("Taken from an uploaded file; for a link, only where stated."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = UUIDKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(HAS_FILE & ~HAS_URL) | (HAS_URL & ~HAS_FILE),
                name="document_file_or_link",
                violation_error_message=_(
                    "Upload a file or give a link (one, not both)."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Only a new upload is measured: an uncommitted file is one FileField has yet
        # to store, and measuring a stored one would read the storage on every save.
        if self.file and not self.file._committed:
            self.size = self.file.size
        super().save(*args, **kwargs)

    @property
    def link(self):
        return self.file.url if self.file else self.url

    @property
    def language_codes(self):
        """["es", "en"] for a bilingual document; [] when not stated."""
        return self.languages.split(",") if self.languages else []

    def clean(self):
        super().clean()
        if self.session_id and self.event_id and self.session.event_id != self.event_id:
            raise ValidationError(
                {"session": _("This session belongs to another meeting.")}
            )
        if bool(self.file) == bool(self.url):
            raise ValidationError(
                {"url": _("Upload a file or give a link (one, not both).")}
            )
