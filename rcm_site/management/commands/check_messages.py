import shutil

from django.core.management.base import BaseCommand, CommandError

from rcm_site import catalogue


class Command(BaseCommand):
    help = (
        "Fails unless the Spanish catalogue is complete and current: makemessages "
        "adds or changes nothing, nothing is fuzzy or untranslated, and django.mo "
        "matches django.po. Needs GNU gettext (xgettext)."
    )

    def handle(self, *args, **options):
        if not shutil.which("xgettext"):
            raise CommandError(
                "xgettext not found: install GNU gettext (apt-get install gettext)."
            )
        found = catalogue.problems()
        if found:
            raise CommandError(
                "The Spanish catalogue is not complete and current (run make "
                "messages, translate, commit):\n  " + "\n  ".join(found)
            )
        self.stdout.write("The Spanish catalogue is complete and current.")
