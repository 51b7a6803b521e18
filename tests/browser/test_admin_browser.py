"""The admin in a browser: an editor enters a meeting and a publisher publishes it;
no critical or serious axe-core finding on the forms and lists staff use most; a
statement added by keyboard alone."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import Event
from rcm_site.models import ReviewRequest
from rcm_site.publishing import PublicationStatus

from .. import factories
from ..conftest import REAL_TRANSACTIONS, SEED_FIXTURES, WORKSHOP
from .conftest import axe_findings, log_in

pytestmark = [REAL_TRANSACTIONS, pytest.mark.admin]


def choose(page, select_id, term, option):
    """Picks option in the autocomplete whose <select> has id select_id."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(term)
    page.locator(".select2-results__option", has_text=option).click()


def open_section(page, name):
    page.locator(".form-sections a", has_text=name).first.click()


def test_an_editor_enters_a_meeting_and_a_publisher_publishes_it(
    live_server, context, editor, publisher
):
    speaker = factories.PersonFactory(given_name="Ana", family_name="Ruiz")
    post = factories.PositionFactory(person=speaker, title="Regional Director")
    factories.PositionFactory(title="Regional Director")  # someone else's post
    page = context.new_page()
    log_in(context, live_server, editor)
    page.goto(live_server.url + reverse("admin:events_event_add"))

    page.fill("#id_title_en", "Workshop on labour migration")
    page.select_option("#id_kind", "workshop")
    page.fill("#id_summary_en", "Officials met to compare labour migration policies.")
    page.fill("#id_start_date", "2025-03-04")
    page.fill("#id_end_date", "2025-03-05")

    open_section(page, "Programme")
    page.get_by_role("button", name="Add another Session").click()
    page.fill("#id_sessions-0-date", "2025-03-04")
    page.fill("#id_sessions-0-title_en", "Opening")

    open_section(page, "Who took part")
    page.get_by_role("button", name="Add another Participant").click()
    choose(page, "id_participations-0-person", "Ruiz", "Ana Ruiz")
    page.select_option("#id_participations-0-role", "speaker")
    # The post autocomplete offers the chosen person's posts only.
    page.locator("#id_participations-0-position + .select2 .select2-selection").click()
    options = page.locator(".select2-results__option:not(.loading-results)")
    options.first.wait_for()
    assert options.all_inner_texts() == [str(post)]
    options.first.click()

    open_section(page, "Add a statement")
    choose(page, "id_statements-0-speaker", "Ruiz", "Ana Ruiz")
    page.fill("#id_statements-0-text_en", "Labour migration needs planning.")

    open_section(page, "Documents and photos")
    page.get_by_role("button", name="Add another Document").click()
    page.select_option("#id_documents-0-kind", "report")
    page.fill("#id_documents-0-title_en", "Final report")
    page.fill("#id_documents-0-url", "https://example.org/report.pdf")

    ready = page.locator("#id_ready_for_review")
    if not ready.is_visible():
        page.locator("details:has(#id_ready_for_review) > summary").click()
    ready.check()
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()

    event = Event.objects.get(slug="workshop-on-labour-migration")
    assert event.publication_status == PublicationStatus.DRAFT
    assert ReviewRequest.objects.of(event).open().exists()
    assert [s.title for s in event.sessions.all()] == ["Opening"]
    assert [(p.person, p.position) for p in event.participations.all()] == [
        (speaker, post)
    ]
    assert [s.speaker for s in event.statements.all()] == [speaker]
    assert [d.title for d in event.documents.all()] == ["Final report"]

    # The publisher finds it in the to-review list and publishes it with its
    # statement, a draft the meeting names.
    log_in(context, live_server, publisher)
    page.goto(
        live_server.url
        + reverse("admin:rcm_site_reviewrequest_changelist")
        + "?state__exact=ready"
    )
    page.locator(f"tr:has-text('{event.title}') a", has_text="Publish").click()
    page.locator("input[name=_publish_all]").click()
    page.locator(".messagelist .success").wait_for()
    event.refresh_from_db()
    assert event.is_published()
    assert all(s.is_published() for s in event.statements.all())


@pytest.fixture
def seed_data(transactional_db):
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)


def test_no_critical_or_serious_axe_finding_on_the_main_admin_pages(
    live_server, context, editor, seed_data
):
    from events.models import Statement
    from people.models import Organization, Person

    records = {
        "events_event": Event.objects.get(slug=WORKSHOP),
        "events_statement": Statement.objects.first(),
        "people_person": Person.objects.first(),
        "people_organization": Organization.objects.first(),
    }
    page = context.new_page()
    log_in(context, live_server, editor)
    findings = {}
    for name, record in records.items():
        for url in (
            reverse(f"admin:{name}_changelist"),
            reverse(f"admin:{name}_change", args=[record.pk]),
        ):
            page.goto(live_server.url + url)
            page.wait_for_load_state("load")
            if found := axe_findings(page):
                findings[url] = found
    assert findings == {}


def test_a_statement_is_added_by_keyboard_in_a_few_dozen_key_presses(
    live_server, context, editor, seed_data
):
    factories.PersonFactory(given_name="Ana", family_name="Ruiz")
    event = Event.objects.get(slug=WORKSHOP)
    statements = event.statements.count()
    page = context.new_page()
    log_in(context, live_server, editor)
    page.goto(live_server.url + reverse("admin:events_event_change", args=[event.pk]))
    page.wait_for_load_state("load")
    presses = 0

    def press(key, until=None):
        nonlocal presses
        while True:
            page.keyboard.press(key)
            presses += 1
            if until is None or page.evaluate(
                f"document.activeElement.matches({until!r})"
            ):
                return
            assert presses < 100, "too many key presses"

    def type_text(text):
        nonlocal presses
        page.keyboard.type(text)
        presses += len(text)

    # Django's "Skip to main content", then the link that adds a statement.
    press("Tab", until="a.skip-to-content-link")
    press("Enter")
    press("Tab", until="a[data-add-row]")
    press("Enter")
    # The new statement has the focus: its speaker.
    row = f"statements-{statements}"
    assert page.evaluate(f"document.activeElement.closest('#{row}') !== null"), (
        "the focus is not in the new statement"
    )
    press("Enter")
    # Typed before the opened list has its search box focused, the keys would go
    # nowhere: a person waits for the box as well.
    page.wait_for_function(
        "document.activeElement.matches('.select2-container--open .select2-search__field')"
    )
    type_text("Ruiz")
    page.locator(
        ".select2-results__option--highlighted", has_text="Ana Ruiz"
    ).wait_for()
    press("Enter")
    press("Tab", until=f"#id_{row}-text_en")
    type_text("We agree.")
    press("Tab", until="input[name=_save]")
    press("Enter")
    page.locator(".messagelist .success").wait_for()

    assert event.statements.count() == statements + 1
    print(f"key presses to add a statement: {presses}")
    assert presses <= 60


def test_a_failed_add_in_a_popup_is_reported_beside_the_field_that_opened_it(
    live_server, context, editor
):
    speaker = factories.PersonFactory(given_name="Ana", family_name="Ruiz")
    factories.OrganizationFactory(name="Ministry of Labour", slug="ministry-of-labour")
    page = context.new_page()
    log_in(context, live_server, editor)
    page.goto(live_server.url + reverse("admin:events_statement_add"))

    # The post's "+" adds a post for the speaker chosen.
    choose(page, "id_speaker", "Ruiz", "Ana Ruiz")
    with page.expect_popup() as opened:
        page.click("#add_id_position")
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.locator("#id_person").input_value() == str(speaker.pk)
    popup.close()

    with page.expect_popup() as opened:
        page.click("#add_id_organization")
    popup = opened.value
    popup.fill("#id_name_en", "Ministry of Labour")
    popup.select_option("#id_kind", "government")
    popup.locator("input[name=_save]").click()
    popup.locator(".errornote").wait_for()
    note = page.locator("#id_organization_popup_errors")
    note.wait_for()
    assert "Not added" in note.inner_text()
    assert "slug already exists" in note.inner_text()


def test_only_a_date_with_a_time_warns_of_the_time_zone(
    live_server, browser, publisher
):
    # The server's zone is America/Costa_Rica; the browser's, seven hours ahead.
    context = browser.new_context(timezone_id="Europe/Madrid")
    page = context.new_page()
    log_in(context, live_server, publisher)
    page.goto(live_server.url + reverse("admin:events_event_add"))
    page.wait_for_load_state("load")
    warnings = page.locator(".timezonewarning")
    assert warnings.count() > 0  # beside the publish time
    assert page.locator(":not(.datetime) > .timezonewarning").count() == 0
    context.close()
