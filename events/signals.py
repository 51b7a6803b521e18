"""What the events app's rows keep besides what an editor gives, and what follows from
a change elsewhere: a statement's organization and country (where left empty), sort
date (its session's or meeting's day when it has no date of its own) and public time,
and its search entry when its speaker or organization changes.

Signals rather than save(), because loaddata saves "raw" and skips save(); connected
by EventsConfig.ready().
"""

from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from people.models import Organization, Person
from rcm_site import search
from rcm_site.publishing import lock_publication, public_at

from .models import Event, Session, Statement


@receiver(pre_save, sender=Statement)
def fill_statement(sender, instance, using, **kwargs):
    instance.fill_attribution()
    instance.fill_said_on()
    # From the records it names as stored, not as cached on the instance: another
    # editor may have unpublished the speaker since this form was opened.
    lock_publication(using)
    named = [
        model._default_manager.using(using).filter(pk=pk).first() if pk else None
        for model, pk in [
            (Event, instance.event_id),
            (Person, instance.speaker_id),
            (Organization, instance.organization_id),
        ]
    ]
    instance.public_at = public_at(instance, *named)


@receiver(post_save, sender=Event)
@receiver(post_save, sender=Person)
@receiver(post_save, sender=Organization)
def refresh_statements_public_at(sender, instance, using, **kwargs):
    instance.statements.all().refresh_public_at(using)


@receiver(post_save, sender=Event)
def date_statements_by_their_meeting(sender, instance, **kwargs):
    # Statements without a date of their own, nor a session's day, move with their
    # meeting.
    instance.statements.filter(
        Q(session__isnull=True) | Q(session__date__isnull=True), date__isnull=True
    ).exclude(said_on=instance.start_date).update(said_on=instance.start_date)


@receiver(post_save, sender=Session)
def date_statements_by_their_session(sender, instance, **kwargs):
    day = instance.date or instance.event.start_date
    instance.statements.filter(date__isnull=True).exclude(said_on=day).update(
        said_on=day
    )


@receiver(post_save, sender=Person)
@receiver(post_save, sender=Organization)
def reindex_statements(sender, instance, **kwargs):
    """A statement is found by its speaker's and its organization's names too."""
    field = "speaker" if sender is Person else "organization"
    search.index(Statement.objects.for_search_index().filter(**{field: instance}))
