from django.conf import settings
from django.db import models


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
