from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings")

    def ready(self):
        from django.db.models import Q

        from rcm_site import search
        from rcm_site.publishing import published_q
        from rcm_site.uploads import register_public

        from . import history, signals  # noqa: F401  (signals connects its receivers)

        # After modeltranslation's ready(), which added the translated columns.
        history.register()

        search.register(self.get_model("Event"))
        search.register(self.get_model("Statement"))
        search.register(self.get_model("Body"))

        # Which uploads the public may fetch (rcm_site.uploads.is_public).
        register_public(self.get_model("Photo"), "image", lambda: published_q("event"))
        register_public(
            self.get_model("Document"), "file", lambda: published_q("event")
        )
        # A resource has no publication state: it is public once uploaded.
        register_public(self.get_model("Resource"), "file", Q)
