"""Settings for the test suite: production settings with a throwaway key and fast hashing."""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from rcm_site.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Tests run without collectstatic; WhiteNoise finds files through the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Parallel test workers (pytest-xdist) each have their own database, and with Redis
# their own Redis database too: each test empties its cache, which must not empty
# another worker's in the middle of a test.
if REDIS_URL:  # noqa: F405
    url = urlsplit(REDIS_URL)  # noqa: F405
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    base = int(url.path.strip("/") or 0)
    CACHES["default"]["LOCATION"] = urlunsplit(url._replace(path=f"/{base + worker}"))  # noqa: F405
# A file, not memory: tests of what one connection sees while another writes need
# WAL's readers beside a writer, and an in-memory database shared between connections
# answers "table is locked" instead. pytest-xdist gives each worker its own file.
if DATABASES["default"]["ENGINE"] == "rcm_site.sqlite":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"rcm-tests-{os.getpid()}.sqlite3")
    }
