"""Importing a press release in a browser: paste, review (marks, a linked speaker, no
critical or serious axe-core finding), confirm, land on the new meeting's form."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, Statement
from people.models import Person

from ..conftest import REAL_TRANSACTIONS, SEED_FIXTURES
from ..test_release_admin import SEED_TEXT
from .conftest import axe_findings, log_in

pytestmark = [REAL_TRANSACTIONS, pytest.mark.admin]


def test_an_editor_imports_the_seed_release(live_server, context, editor):
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    before = Event.objects.count()
    page = context.new_page()
    log_in(context, live_server, editor)
    page.goto(live_server.url + reverse("admin:index"))
    page.locator("#import-release a").click()
    page.fill("#id_text", SEED_TEXT)
    page.fill("#id_published", "2018-09-06")
    page.get_by_role("button", name="Read the release").click()
    page.locator(".release-text").wait_for()

    assert page.locator(".release-text mark", has_text="Díaz Reynoso").count()
    # The speaker already recorded is the one offered, by the admin's autocomplete.
    miguel = Person.objects.get(family_name="Díaz Reynoso")
    chosen = f"select[name^='person-'] option[value='{miguel.pk}']:checked"
    assert page.locator(chosen).count() == 1
    assert axe_findings(page) == []

    page.get_by_role("button", name="Create the drafts").click()
    page.locator(".messagelist").wait_for()
    assert "Imported as drafts" in page.locator(".messagelist").inner_text()
    event = Event.objects.exclude(slug__startswith="2018-09-labour").get()
    assert page.url.endswith(reverse("admin:events_event_change", args=[event.pk]))
    assert Event.objects.count() == before + 1
    assert event.publication_status == "draft"
    assert Statement.objects.filter(event=event, speaker=miguel).exists()
    assert Person.objects.filter(family_name="Díaz Reynoso").count() == 1
