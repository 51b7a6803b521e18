"""A list's filters in a browser, without script: behind one button on a phone, where
the first result is then on the first screen, and shown without the button on a
wide screen."""

import pytest
from django.core.management import call_command

from .. import factories
from ..conftest import REAL_TRANSACTIONS, SEED_FIXTURES

pytestmark = REAL_TRANSACTIONS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def statements(db):
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    factories.StatementFactory.create_batch(25)


def open_page(browser, live_server, viewport, path):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + path)
    return context, page


def test_on_a_phone_the_filters_wait_behind_one_button(
    browser, live_server, statements
):
    context, page = open_page(browser, live_server, PHONE, "/en/statements/")
    form = page.locator("form.filters")
    button = page.locator(".filter-panel > summary")
    assert button.is_visible() and not form.is_visible()
    first = page.locator("figure.statement").first.bounding_box()
    assert first["y"] < PHONE["height"] - 100
    button.click()
    assert form.is_visible()
    context.close()


def test_on_a_wide_screen_the_filters_show_without_the_button(
    browser, live_server, statements
):
    context, page = open_page(browser, live_server, DESKTOP, "/en/statements/")
    assert page.locator("form.filters").is_visible()
    assert not page.locator(".filter-panel > summary").is_visible()
    assert page.locator("figure.statement").first.bounding_box()["y"] < 800
    context.close()
