from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Countries, organizations and people")

    def ready(self):
        from rcm_site import search
        from rcm_site.publishing import published_q
        from rcm_site.uploads import register_public

        from . import history, signals  # noqa: F401  (signals connects its receivers)

        # After modeltranslation's ready(), which added the translated columns.
        history.register()

        search.register(self.get_model("Person"))
        search.register(self.get_model("Organization"))

        # Which uploads the public may fetch (rcm_site.uploads.is_public).
        register_public(self.get_model("Person"), "photo", lambda: published_q(""))
