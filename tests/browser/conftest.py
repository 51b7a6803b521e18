"""Browser tests: Playwright driving Debian's chromium (/usr/bin/chromium) against
pytest-django's live server, with axe-core from node_modules (npm ci).

Without chromium, Playwright or axe-core the tests are skipped, saying which is
missing; CI (.ci/run) sets BROWSER_TESTS=required, which fails them instead.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connections
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The admin at a laptop's width: the target.
VIEWPORT = {"width": 1280, "height": 800}
# Public pages answer to every finding, down to the minor ones.
EVERY_IMPACT = ("critical", "serious", "moderate", "minor")


def missing():
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (apt-get install chromium)"
    if not AXE.exists():
        return f"{AXE} is absent (npm ci)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make install)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = missing()
    if reason is None:
        return
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            if os.environ.get("BROWSER_TESTS") == "required":
                item.add_marker(
                    pytest.mark.xfail(reason=reason, run=False, strict=True)
                )
            else:
                item.add_marker(pytest.mark.skip(reason=f"browser tests: {reason}"))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API runs an event loop in this thread while the
    # browser is open, where Django would refuse the tests' own database queries,
    # and would see connections other than those the test databases were set up
    # with: they get the serialized database that serialized_rollback restores.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
            yield browser
            browser.close()


@pytest.fixture
def context(browser):
    # bypass_csp lets the tests inject axe-core; the pages' own policy is unchanged.
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context
    context.close()


def staff(group_name, username):
    user = User.objects.create_user(username, password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return staff("Editor", "editor")


@pytest.fixture
def publisher(db):
    return staff("Publisher", "publisher")


def log_in(context, live_server, user):
    """A page of the context is signed in as user, without the login form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.clear_cookies()
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


def load_axe(context):
    """axe-core in every page the context opens from now on: sent to the browser
    once, not with each page."""
    context.add_init_script(path=str(AXE))


def axe_findings(page, impacts=("critical", "serious")):
    """axe-core's findings of the given impacts on the page (WCAG 2.2 A and AA).
    A context that reads many pages loads axe-core into each with load_axe."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # Only the violations cross back: the passes, with every node's HTML, took
    # longer to hand over than the rules took to run.
    violations = page.evaluate(
        """() => axe.run(document, {resultTypes: ['violations'], runOnly: {type:
            'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
            .then(results => results.violations)"""
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}: "
        f"{', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in violations
        if v["impact"] in impacts
    ]
