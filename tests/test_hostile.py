"""Random and hostile query strings, sent to every public list, download, feed,
calendar and search address: none may answer a server error."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from .conftest import WORKSHOP

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/en/events/",
    "/es/events/",
    "/en/events.csv",
    "/en/events.json",
    "/en/statements/",
    "/en/statements.csv",
    "/en/statements.json",
    "/en/people/",
    "/en/people.csv",
    "/en/people.json",
    "/en/organizations/",
    "/en/organizations.csv",
    "/en/organizations.json",
    "/en/countries/",
    "/en/countries/mx/",
    "/en/topics/labour-migration/",
    f"/en/events/{WORKSHOP}/",
    f"/en/events/{WORKSHOP}.ics",
    "/en/events/calendar.ics",
    "/en/feeds/events/",
    "/en/feeds/statements/rss/",
    "/en/feeds/people/marcelo-pisani/statements/",
    "/en/search/",
    "/en/data/",
    "/en/",
]

# The names the lists read, and some they do not.
NAMES = [
    "q",
    "year",
    "country",
    "kind",
    "format",
    "topic",
    "organization",
    "speaker",
    "event",
    "page",
    "page_size",
    "sort",
    "o",
    "r",
    "lang",
]
HOSTILE = [
    "",
    "0",
    "-1",
    "1e999",
    "9" * 40,
    "٣",
    "\x00",
    "%00",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "../../etc/passwd",
    "x" * 5000,
    "NaN",
    "2018-02-30",
    "\ud7ff",
    "mx\x00mx",
]

values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))
parameters = st.lists(
    st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), values),
    max_size=5,
)


@pytest.mark.parametrize("address", ADDRESSES)
def test_no_query_string_makes_a_server_error(seed, client, settings, address):
    # Each query rendered, none answered from the page cache.
    settings.PAGE_CACHE_ENABLED = False

    @examples(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(parameters)
    def check(pairs):
        query = urlencode(
            [(name, value.encode("utf-8", "surrogatepass")) for name, value in pairs]
        )
        response = client.get(address, QUERY_STRING=query)
        assert response.status_code < 500, (address, query)
        if response.streaming:
            # Read to the end, which closes it, as a server does: an unread download
            # would hold its heavy-request slot.
            b"".join(response.streaming_content)

    check()
