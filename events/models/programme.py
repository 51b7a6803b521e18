"""A meeting's programme: its sessions, each on one day, with its own time, room and
format where they differ from the meeting's. Participations and statements may name
the session they belong to."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rcm_site.dates import day_shown
from rcm_site.translated import Translated

from ..enums import EventFormat


class SessionQuerySet(models.QuerySet):
    def get_by_natural_key(self, event_slug, slug):
        return self.get(event__slug=event_slug, slug=slug)


class Session(Translated, models.Model):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=120, help_text=_("Unique within the meeting.")
    )
    uuid = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Names the session in calendars, whatever becomes of its slug."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the sources do not say which day."),
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Local time at the meeting, where the programme gives it."),
    )
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=EventFormat,
        blank=True,
        help_text=_("Leave empty when it is the meeting's."),
    )
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    room = models.CharField(_("room"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Among the sessions of its day.")
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("programme")
        ordering = [
            F("date").asc(nulls_last=True),
            F("start_time").asc(nulls_last=True),
            "order",
            "id",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slug"],
                name="session_unique_slug_per_event",
                violation_error_message=_(
                    "This meeting already has a session with this slug."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__gt=F("start_time")),
                name="session_ends_after_it_starts",
                violation_error_message=_(
                    "A session's end time needs a start time before it."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date.isoformat()})" if self.date else self.title

    def natural_key(self):
        return (self.event.slug, self.slug)

    natural_key.dependencies = ["events.event"]

    @property
    def date_shown(self):
        return day_shown(self.date)

    @property
    def format_shown(self):
        """Its own format, where it differs from the meeting's."""
        return self.get_format_display() if self.format else ""

    def clean(self):
        super().clean()
        # In the meeting's admin form the meeting may not be saved yet, but is set.
        if self.date and (self.event_id or Session.event.is_cached(self)):
            event = self.event
            if (
                event.start_date
                and event.end_date
                and not (event.start_date <= self.date <= event.end_date)
            ):
                raise ValidationError(
                    {"date": _("A session is held within its meeting's dates.")}
                )
