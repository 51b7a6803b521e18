"""Where a record is used: the meetings and statements that name a person, an
organization, a resource or a topic, listed on its admin form and before a delete.

The app that names a record registers, in its ready(), which of its records do, so that
`people` need not know the `events` app that names its people and organizations.
"""

from collections import defaultdict

from django.urls import reverse

# How many records of each kind a form lists; the count says how many more there are.
SHOWN = 20

# model -> [(using model, a function of a record giving the Q of the records naming it)]
_uses = defaultdict(list)


def register(model, using_model, naming):
    _uses[model].append((using_model, naming))


def where_used(obj):
    """For each kind of record that may name obj: its name, how many name obj, and the
    first of them, each with the address of its admin form."""
    found = []
    for using_model, naming in _uses[type(obj)]:
        records = using_model._default_manager.filter(naming(obj)).distinct()
        opts = using_model._meta
        found.append(
            {
                "name": opts.verbose_name_plural,
                "count": records.count(),
                "records": [
                    (
                        record,
                        reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_change",
                            args=[record.pk],
                        ),
                    )
                    for record in records[:SHOWN]
                ],
            }
        )
    return found
