from django.apps import AppConfig
from django.apps import apps as global_apps
from django.core import checks
from django.db.models.signals import post_migrate
from django.template.autoreload import get_template_directories
from django.utils.autoreload import file_changed
from django.utils.translation import gettext_lazy as _


def migrated(sender, apps=global_apps, **kwargs):
    """A data migration saves through historical models, which send no signal the
    other handlers hear; and a deploy that runs migrate may change templates."""
    from .page_cache import new_version

    try:
        apps.get_model("rcm_site", "CacheVersion")
    except LookupError:
        return  # migrated back to before the version's table
    new_version()


def template_changed(sender, file_path, **kwargs):
    """runserver reloads an edited template without restarting: pages cached with the
    old one must go."""
    from .page_cache import new_version

    if file_path.suffix != ".py" and any(
        directory in file_path.parents for directory in get_template_directories()
    ):
        new_version()


class SiteConfig(AppConfig):
    """The site itself: template tags, the page cache's invalidation, the check of
    the directory that heavy requests need (rcm_site.heavy)."""

    name = "rcm_site"
    verbose_name = _("Site")

    def ready(self):
        from .heavy import check_settings

        checks.register(check_settings, checks.Tags.files)
        # A change to content (rcm_site.content, whose models each app names in its
        # history module) starts a new version through the content's own signals.
        post_migrate.connect(migrated, sender=self, dispatch_uid="pages-migrated")
        file_changed.connect(template_changed, dispatch_uid="pages-template-changed")
