"""Natural keys, so fixtures name records by slug or UUID and never by primary key."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


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


def slug_required(model_name):
    """A slug is a record's address: a database rule, so that no load, shell or SQL
    leaves a public record without one (its lists would fail to link to it)."""
    return models.CheckConstraint(
        condition=~models.Q(slug=""),
        name=f"{model_name}_slug_not_empty",
        violation_error_message=_("Give a slug: it is the record's address."),
    )
