"""What the people app's rows keep besides what an editor gives.

Signals rather than save(), because loaddata saves "raw" and skips save(); connected
by PeopleConfig.ready().
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from rcm_site import search

from .models import Person, PersonName


@receiver(pre_save, sender=Person)
def set_sort_name(sender, instance, **kwargs):
    instance.fill_sort_name()


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def reindex_person(sender, instance, **kwargs):
    """A person is found by every name they are published under."""
    search.index(Person.objects.for_search_index().filter(pk=instance.person_id))
