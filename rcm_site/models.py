from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ReviewState


class SearchEntry(models.Model):
    """One searchable record: its words, folded (lower case, no accents, one Unicode
    composition) so that "Díaz", "DÍAZ", "diaz" and a decomposed "Di´az" are one word.

    The full-text index over `text` is the database's own: an FTS5 table on SQLite,
    a generated column `vector` = to_tsvector('simple', text), with a GIN index, on
    PostgreSQL, where Django does not see it (see the migrations and
    rcm_site.search). `kind` is the record's model label, e.g. "events.statement".
    """

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="searchentry_one_per_record"
            )
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class CacheVersion(models.Model):
    """The version of the content that cached pages are filed under (rcm_site.page_cache).

    One row, in the database rather than a cache or a file, so that every worker reads
    the same one and no file permission can lock a worker out of it. The token and its
    expiry are one row, written together.
    """

    token = models.CharField(max_length=32)
    # The next scheduled publication, midnight or PAGE_CACHE_SECONDS, whichever comes
    # first after the version started.
    expires_at = models.DateTimeField()

    def __str__(self):
        return self.token


class ReviewRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ReviewState.READY)

    def of(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
        )


class ReviewRequest(models.Model):
    """An editor's "this draft is ready": one row per submission, beside the record
    rather than a state of it, so that published() and what the public sees do not
    change at all (docs/editing.md). A record's latest request is its review state."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    state = models.CharField(
        _("state"), max_length=10, choices=ReviewState, default=ReviewState.READY
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    proposed_publish_at = models.DateTimeField(
        _("proposed publish time"), null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-submitted_at"],
                name="review_of_record",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state="ready"),
                name="review_one_open_per_record",
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} ({self.state})"


class Presence(models.Model):
    """Someone with a record's change form open (rcm_site.presence)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # "events.event:12": the model's label and the record's key.
    record = models.CharField(max_length=150)
    since = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["record", "user"], name="presence_one_per_user_and_record"
            )
        ]

    def __str__(self):
        return self.record
