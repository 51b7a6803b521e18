from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Countries, organizations and people")

    def ready(self):
        from rcm_site import search

        from . import signals  # noqa: F401  (connects the receivers)

        search.register(self.get_model("Person"))
        search.register(self.get_model("Organization"))
