import copy
import threading

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation

SEED_FIXTURES = ["countries", "rcm-structure", "mexico-city-workshop-2018"]
WORKSHOP = "2018-09-labour-migration-governance-workshop-mexico-city"
# For tests that need real commits (two connections, on_commit). serialized_rollback
# puts back what the migrations made (groups, content types), which the flush after
# such a test removes; every such test must use it, or a flush without it recreates
# the content types under new ids, and the next one fails to load its own.
REAL_TRANSACTIONS = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The management forms of the meeting admin's inlines, all empty: a POST to the
# meeting's change form adds to this what a test fills in.
EMPTY_EVENT_INLINES = {
    f"{prefix}-{count}": "0"
    for prefix in (
        "roles",
        "sessions",
        "participations",
        "key_figures",
        "key_points",
        "statements",
        "photos",
        "documents",
        "media_contacts",
    )
    for count in ("TOTAL_FORMS", "INITIAL_FORMS")
}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty page cache: a rolled-back test database starts
    no new version, so pages cached by an earlier test would otherwise outlive its
    data."""
    cache.clear()


@pytest.fixture(autouse=True)
def empty_download_files(settings, tmp_path):
    """Each test starts with no whole-list files and no heavy request running: its
    content version may be one an earlier test built files under (serialized_rollback
    puts back the version that migrate started)."""
    settings.EXPORTS_ROOT = tmp_path / "exports"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request to an /es/ page
    leaves Spanish active in the thread, as a server thread's next request would
    replace it, and factories write the active language's columns."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def seed(db):
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)


class UndefinedVariable(str):
    """string_if_invalid that fails the test instead of printing nothing."""

    def __mod__(self, name):
        raise AssertionError(f"template uses an undefined variable: {name}")


@pytest.fixture(autouse=True)
def strict_templates(settings, request):
    """Public templates may not use undefined variables. The admin's own templates do,
    by design, so tests that open the admin opt out with the `admin` marker."""
    if request.node.get_closest_marker("admin"):
        return
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = UndefinedVariable("%s")
    settings.TEMPLATES = templates


def in_thread(work):
    """Run work() on a connection of its own, as another worker would."""
    errors = []

    def run():
        try:
            work()
        except Exception as error:  # raised again in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors
