"""manage.py import_release FILE [--published YYYY-MM-DD] [--dry-run]"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from releases.drafts import accept_all, create_drafts
from releases.extract import extract
from releases.reading import read_release


def release_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--published: {value!r} is not a date (YYYY-MM-DD)"
        ) from None


class Command(BaseCommand):
    help = (
        "Reads a press release (.txt, .html or .pdf) and creates its meeting, with "
        "everything found in it, as drafts; --dry-run only prints what was found."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--published",
            type=release_date,
            help="The release's date (YYYY-MM-DD): the year of dates that omit it.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what was found; write nothing.",
        )

    def handle(self, file, published=None, dry_run=False, **options):
        try:
            with file.open("rb") as release:
                data = release.read(settings.RELEASE_MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        try:
            extraction = extract(read_release(file.name, data), published=published)
        except ValidationError as error:
            raise CommandError(f"{file}: {' '.join(error.messages)}") from None
        if dry_run:
            self.report(extraction)
            return
        try:
            event = create_drafts(
                extraction, accept_all(extraction), None, date=published
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(reverse("admin:events_event_change", args=[event.pk]))

    def report(self, extraction):
        """Each proposal: its kind and key, the record it matches or "new", then its
        fields, each with the release's words it came from."""
        self.stdout.write(f"language: {extraction.language}")
        for proposal in extraction.proposals:
            if proposal.match is not None:
                found = f"matches {proposal.match} (#{proposal.match.pk})"
            else:
                found = "new"
            self.stdout.write(f"{proposal.kind} {proposal.key}: {found}")
            for name, value in proposal.fields.items():
                span = proposal.spans.get(name)
                words = f"  «{extraction.text[span.start : span.end]}»" if span else ""
                self.stdout.write(f"  {name}: {value}{words}")
            for name, key in proposal.refs.items():
                self.stdout.write(f"  {name} -> {key}")
