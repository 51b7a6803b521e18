"""What the people app's rows keep besides what an editor gives.

Signals rather than save(), because loaddata saves "raw" and skips save(); connected
by PeopleConfig.ready().
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Person


@receiver(pre_save, sender=Person)
def set_sort_name(sender, instance, **kwargs):
    instance.fill_sort_name()
