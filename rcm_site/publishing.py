"""Publication state shared by every model the public may or may not see.

``published()`` is the one place that decides what is public: a record is public when
it is marked published and its publish time has come.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            status=PublicationStatus.PUBLISHED, publish_at__lte=timezone.now()
        )


class Publishable(models.Model):
    status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When a published record becomes public. Leave empty to publish on save; "
            "a future time schedules it."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == PublicationStatus.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        super().save(*args, **kwargs)

    def is_published(self):
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )
