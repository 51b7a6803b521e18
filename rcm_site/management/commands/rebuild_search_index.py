import time

from django.core.management.base import BaseCommand

from rcm_site import page_cache, search


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every searchable record. Saves keep it "
        "current; this is for data written around them (bulk inserts, raw SQL)."
    )

    def handle(self, *args, **options):
        for model in search.registry:
            started = time.monotonic()
            search.rebuild(model)
            self.stdout.write(
                f"{model._meta.verbose_name_plural}: {model.objects.count()} indexed "
                f"in {time.monotonic() - started:.1f} s"
            )
        # What a search shows has changed without any save: renew cached pages.
        page_cache.new_version()
