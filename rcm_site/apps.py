from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.template.autoreload import get_template_directories
from django.utils.autoreload import file_changed
from django.utils.translation import gettext_lazy as _

CONTENT_APPS = {"people", "events"}


def content_changed(sender, using, action="post_save", **kwargs):
    """A new page-cache version once the change has committed: started any earlier, a
    reader could render the rows as they were before it under the new version, and
    those pages would be kept."""
    from .page_cache import new_version

    if action.startswith("post_") and sender._meta.app_label in CONTENT_APPS:
        transaction.on_commit(new_version, using=using)


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
    """The site itself: template tags, the page cache's invalidation."""

    name = "rcm_site"
    verbose_name = _("Site")

    def ready(self):
        # Any change to content, made anywhere (admin, shell, loaddata), may show on
        # any page.
        for model in self.apps.get_models():
            # The content models are the ones with a change history; their Historical*
            # shadows change only when they do.
            if model._meta.app_label in CONTENT_APPS and hasattr(model, "history"):
                post_save.connect(
                    content_changed,
                    sender=model,
                    dispatch_uid=f"pages-{model._meta.label}",
                )
                post_delete.connect(
                    content_changed,
                    sender=model,
                    dispatch_uid=f"pages-del-{model._meta.label}",
                )
        # The sender of an m2m change is the relation's through model.
        m2m_changed.connect(content_changed, dispatch_uid="pages-m2m")
        post_migrate.connect(migrated, sender=self, dispatch_uid="pages-migrated")
        file_changed.connect(template_changed, dispatch_uid="pages-template-changed")
