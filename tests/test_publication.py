"""A statement is public only while the meeting, speaker and organization it names are:
Statement.public_at, which every save of any of them keeps."""

import datetime
import json
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from events.models import Statement
from people.models import Person
from rcm_site.publishing import PublicationStatus

from . import factories as f
from .conftest import REAL_TRANSACTIONS, in_thread
from .test_pages import page_text

WORDS = "Words of a record soon withdrawn."


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # These tests run in one transaction, whose on_commit never starts a new version.
    settings.PAGE_CACHE_ENABLED = False


def listed(client):
    return WORDS in page_text(client.get("/en/statements/"))


@pytest.mark.django_db
@pytest.mark.parametrize("relation", ["event", "speaker", "organization"])
def test_a_statement_leaves_every_list_while_a_record_it_names_is_a_draft(
    client, relation
):
    statement = f.StatementFactory(organization=f.OrganizationFactory(), text=WORDS)
    named = getattr(statement, relation)
    assert listed(client)
    named.publication_status = PublicationStatus.DRAFT
    named.save()
    assert not listed(client)
    assert client.get(statement.get_absolute_url()).status_code == 404
    assert "0 results" in page_text(client.get("/en/statements/"))
    named.publication_status = PublicationStatus.PUBLISHED
    named.save()
    assert listed(client)


@pytest.mark.django_db
def test_a_statement_becomes_public_when_the_last_record_it_names_does(client):
    now = timezone.now()
    speaker = f.PersonFactory(publish_at=now + datetime.timedelta(hours=2))
    f.StatementFactory(
        speaker=speaker, text=WORDS, publish_at=now - datetime.timedelta(hours=1)
    )
    assert not listed(client)
    with time_machine.travel(now + datetime.timedelta(hours=2, seconds=1)):
        assert listed(client)


@pytest.mark.django_db
def test_a_fixture_naming_a_draft_speaker_after_the_statement_keeps_it_hidden(
    client, tmp_path
):
    """loaddata saves rows in the file's order: the statement first, then its speaker,
    whose save works out the statement's time again."""
    statement = f.StatementFactory(text=WORDS)
    speaker = statement.speaker
    fixture = tmp_path / "withdrawn.json"
    rows = [
        {
            "model": "events.statement",
            "pk": statement.pk,
            "fields": {
                "uuid": str(statement.uuid),
                "event": statement.event_id,
                "speaker": speaker.pk,
                "text_en": WORDS,
                "language": "en",
                "publication_status": "published",
                "publish_at": statement.publish_at.isoformat(),
                "said_on": "2018-09-04",
            },
        },
        {
            "model": "people.person",
            "pk": speaker.pk,
            "fields": {
                "given_name": speaker.given_name,
                "family_name": speaker.family_name,
                "slug": speaker.slug,
                "publication_status": "draft",
            },
        },
    ]
    fixture.write_text(json.dumps(rows))
    call_command("loaddata", str(fixture), verbosity=0)
    assert not listed(client)
    assert Statement.objects.get(pk=statement.pk).public_at is None


@REAL_TRANSACTIONS
def test_a_statement_saved_beside_its_speakers_withdrawal_is_never_public(client):
    """Two editors at once: one withdraws a person, the other adds a quote of theirs.
    Whichever order the saves take, the quote must not be public. SQLite queues the
    two transactions whatever the lock; PostgreSQL needs lock_publication()."""
    speaker = f.PersonFactory()
    event = f.EventFactory()
    withdrawn, commit = threading.Event(), threading.Event()

    def withdraw():
        with transaction.atomic():
            person = Person.objects.get(pk=speaker.pk)
            person.publication_status = PublicationStatus.DRAFT
            person.save()
            withdrawn.set()
            assert commit.wait(10)

    writer, writer_errors = in_thread(withdraw)
    assert withdrawn.wait(10)
    quoting, quoting_errors = in_thread(
        lambda: f.StatementFactory(speaker=speaker, event=event, text=WORDS)
    )
    # The quote's save waits for the withdrawal, or has read the person before it.
    quoting.join(0.5)
    commit.set()
    writer.join(10)
    quoting.join(10)
    assert not writer_errors and not quoting_errors
    assert Statement.objects.filter(text=WORDS).exists()
    assert not Statement.objects.published().filter(text=WORDS).exists()
    assert not listed(client)
