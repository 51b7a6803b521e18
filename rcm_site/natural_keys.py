"""Natural keys, so fixtures name records by slug or UUID and never by primary key."""

import uuid

from django.db import models


class SlugKeyQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugKeyed(models.Model):
    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)


class UUIDKeyQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(uuid=key)


class UUIDKeyed(models.Model):
    """For records with no name of their own (a photo, a key figure, a statement).

    The UUID is fixed in fixtures, so loading one twice updates instead of duplicating.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True

    def natural_key(self):
        return (str(self.uuid),)
