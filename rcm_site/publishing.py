"""Publication state and edit versions, shared by the records staff publish.

``published()`` is the one place that decides what is public: a record is public when
it is marked published and its publish time has come. ``visible(preview)`` is what a
page shows: the public records, or, for staff previewing, drafts too.

published() compares with the clock when the queryset is built: build such querysets
per request (get_queryset(), a callable), never in a class attribute at import time.

A record that names others (a post its organization) is public only when they are too;
``published_q`` states that rule over the relations, as joins. Statements, a hundred
thousand of them, keep the outcome on their row instead (``public_at``, worked out by
every save of a statement or of what it names), so that lists count them from an
index without three joins a row.
"""

from django.db import connections, models, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def published_q(*relations, optional=()):
    """The published rule for each relation ("" for the record itself, "event" for
    its meeting); an ``optional`` relation may also be empty.

    A condition on joined columns, not ``event__in=Event.objects.published()``: the
    join reuses the one select_related makes, while IN-subqueries over 100,000 rows
    made SQLite's planner scan every statement for each page.
    """
    now = timezone.now()

    def rule(relation):
        prefix = f"{relation}__" if relation else ""
        return Q(
            **{
                f"{prefix}publication_status": PublicationStatus.PUBLISHED,
                f"{prefix}publish_at__lte": now,
            }
        )

    condition = Q()
    for relation in relations:
        condition &= rule(relation)
    for relation in optional:
        condition &= Q(**{f"{relation}__isnull": True}) | rule(relation)
    return condition


def public_at(*records):
    """When all these records are public: the latest of their publish times, or None
    while any of them is a draft. None in `records` stands for an empty relation."""
    records = [record for record in records if record is not None]
    if any(
        record.publication_status != PublicationStatus.PUBLISHED
        or record.publish_at is None
        for record in records
    ):
        return None
    return max(record.publish_at for record in records)


def shown(record, preview=False):
    """A related record as a page may name it: itself when public (or when staff
    preview drafts), else None, as for an empty relation."""
    if record is not None and (preview or record.is_published()):
        return record
    return None


def lock_publication(using):
    """Hold, until the transaction ends, the right to work out a record's public time
    from the records it names, so that two such changes cannot each read the other's
    old state. SQLite needs nothing: its transactions start IMMEDIATE (settings), one
    writer at a time."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('rcm publication'))")


class VisibleQuerySet(models.QuerySet):
    """For any queryset with a published() rule."""

    def visible(self, preview=False):
        return self.all() if preview else self.published()


class PublishableQuerySet(VisibleQuerySet):
    def published(self):
        return self.filter(published_q(""))


class Publishable(models.Model):
    publication_status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
    )
    # Neither is indexed on its own: nearly every record is published and public,
    # so such an index narrows nothing, and SQLite, which keeps no statistics of a
    # column's values, took it anyway, reading every public statement to sort them
    # (190 ms for the four latest) instead of walking the index the list sorts by.
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_(
            "When a published record becomes public. Leave empty to publish on save; "
            "a future time schedules it."
        ),
    )
    updated_at = models.DateTimeField(
        _("last changed"), default=timezone.now, editable=False, db_index=True
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Counts saves, so that a stale form cannot overwrite a newer edit."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.stamp(timezone.now())
        if not self._state.adding:
            # Count from the stored version, not the instance's: a restored old
            # version must still come out newer than every form opened before it.
            self.version = max(self.stored_version() or 0, self.version) + 1
        # One transaction, even from a shell: the public times worked out from this
        # record (public_at) must be written with it.
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)

    def stamp(self, now):
        """The publication fields as a save at `now` stores them: a record published
        without a publish time is public from `now`, its last change. A new record's
        version is the field's default, 1. seed_demo stamps its bulk inserts so too."""
        if (
            self.publication_status == PublicationStatus.PUBLISHED
            and self.publish_at is None
        ):
            self.publish_at = now
        self.updated_at = now

    def stored_version(self):
        return (
            type(self)
            .objects.filter(pk=self.pk)
            .values_list("version", flat=True)
            .first()
        )

    def drafts_named(self):
        """The drafts this record names, which its pages leave out until they are
        published too: offered to the publisher with it (rcm_site.review)."""
        return []

    def is_published(self):
        return (
            self.publication_status == PublicationStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    def is_scheduled(self):
        return (
            self.publication_status == PublicationStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )
