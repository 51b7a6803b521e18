from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings")

    def ready(self):
        from rcm_site import search

        from . import history, signals  # noqa: F401  (signals connects its receivers)

        # After modeltranslation's ready(), which added the translated columns.
        history.register()

        search.register(self.get_model("Event"))
        search.register(self.get_model("Statement"))
        search.register(self.get_model("Body"))
