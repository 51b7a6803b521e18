from django.apps import AppConfig, apps
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def reindex_statements(sender, instance, **kwargs):
    """A statement is found by its speaker's and its organization's names too."""
    from rcm_site import search

    field = "speaker" if sender._meta.model_name == "person" else "organization"
    Statement = apps.get_model("events", "Statement")
    search.index(Statement.objects.for_search_index().filter(**{field: instance}))


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings")

    def ready(self):
        from rcm_site import search

        search.register(self.get_model("Event"))
        search.register(self.get_model("Statement"))
        for model in ("people.Person", "people.Organization"):
            post_save.connect(
                reindex_statements,
                sender=model,
                dispatch_uid=f"search-statements-{model}",
            )
