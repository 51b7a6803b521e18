"""Content: the records the public pages show.

Each app names its content models in one place, its history module (events/history.py,
people/history.py), which registers them here from the app's ready(). A content model
keeps a change history (django-simple-history), and every change to one, saved,
deleted or to one of its many-to-many relations, starts a new page-cache version once
it has committed: started any earlier, a reader could render the rows as they were
before the change under the new version, and those pages would be kept.
"""

import simple_history
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .history import SavedTogether, SaveGroupedRecords

models = []


def changed(sender, using, action="post_save", **kwargs):
    from .page_cache import new_version

    if action.startswith("post_"):
        transaction.on_commit(new_version, using=using)


def deleted(sender, instance, **kwargs):
    """A deleted record waits for no review: its open request is withdrawn, or it
    would count as ready for review for ever."""
    from .review import withdraw

    withdraw(instance, None)


def register(model, **history):
    """Make `model` content; `history` takes django-simple-history's options
    (m2m_fields, excluded_fields), and its rows are filed by save (rcm_site.history).
    Called once modeltranslation has added the translated columns, which the history
    then copies: a HistoricalRecords field on the class would make the history when
    the class is made, without them."""
    simple_history.register(
        model,
        app=model._meta.app_label,
        records_class=SaveGroupedRecords,
        bases=[SavedTogether],
        **history,
    )
    label = model._meta.label
    post_save.connect(changed, sender=model, dispatch_uid=f"pages-{label}")
    post_delete.connect(changed, sender=model, dispatch_uid=f"pages-del-{label}")
    post_delete.connect(deleted, sender=model, dispatch_uid=f"review-del-{label}")
    # The sender of a many-to-many change is the relation's through model.
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(
            changed, sender=through, dispatch_uid=f"pages-m2m-{through._meta.label}"
        )
    models.append(model)


def shadows():
    """The tables that change only when a content model does, and so are not content
    themselves: its history, its relations' history, its many-to-many relations."""
    tables = []
    for model in models:
        history = model.history.model
        tables.append(history)
        tables += [getattr(history, f.name).model for f in history._history_m2m_fields]
        tables += [f.remote_field.through for f in model._meta.many_to_many]
    return tables
