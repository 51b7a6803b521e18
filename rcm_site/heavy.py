"""Requests whose cost grows with the data, kept from taking the site's workers.

At most HEAVY_REQUESTS_AT_ONCE heavy requests (filtered CSV downloads, calendars,
sitemap sections, building a whole-list file) run at once on a machine; another one is
answered 503 with Retry-After at once, never queued, so readers always find a worker.
A running one holds an exclusive lock (flock) on one of the files slot-0.lock,
slot-1.lock… in EXPORTS_ROOT. The kernel drops a process's locks when it ends, so a
worker killed midway frees its slot: there is no count to drift and no expiry to guess,
with Redis or without it.

A whole-list download (a list's CSV with no filter) is written once per content version
to a file in EXPORTS_ROOT, under a lock of its own so that concurrent first requests
build it once, and then served as a file until the next version; while it is being
built, other requests for it get the same 503.
"""

import contextlib
import fcntl
import functools
import os
import re
import tempfile

from django.conf import settings
from django.core import checks
from django.http import FileResponse, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import gettext as _

from . import page_cache

RETRY_AFTER_SECONDS = 10
# "<version>-<list>-<digest>": only such files are the site's to remove, whatever
# else the directory holds (a disk's lost+found, an operator's notes).
EXPORT_FILE = re.compile(r"[0-9a-f]{32}-[a-z_]+-[0-9a-f]+")


def exports_root_problem():
    """Why the workers could not keep files in EXPORTS_ROOT, or None. It is made on
    first use, so where it does not exist yet its parent must be writable."""
    path = settings.EXPORTS_ROOT
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir():
        return f"{existing} is not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{existing} is not writable by this user"
    return None


def check_settings(**kwargs):
    errors = []
    if problem := exports_root_problem():
        errors.append(
            checks.Error(
                f"EXPORTS_ROOT (DJANGO_EXPORTS_ROOT): {problem}.",
                hint="Give it to the user the site runs as.",
                id="rcm_site.E001",
            )
        )
    if settings.HEAVY_REQUESTS_AT_ONCE < 1:
        errors.append(
            checks.Error(
                "HEAVY_REQUESTS_AT_ONCE (DJANGO_HEAVY_REQUESTS) must be at least 1.",
                id="rcm_site.E002",
            )
        )
    return errors


def directory():
    path = settings.EXPORTS_ROOT
    # Written by the site's own user alone.
    path.mkdir(mode=0o750, parents=True, exist_ok=True)
    return path


def lock(path):
    """`path` open and locked by this open file alone, or None if it is locked already.
    Closing the file releases the lock."""
    file = open(path, "ab")  # noqa: SIM115 (held beyond this function)
    try:
        fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        file.close()
        return None
    return file


def take_slot():
    root = directory()
    for number in range(settings.HEAVY_REQUESTS_AT_ONCE):
        if slot := lock(root / f"slot-{number}.lock"):
            return slot
    return None


def busy():
    response = HttpResponse(
        _("The site is busy with other large downloads. Please try again shortly."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def limited(view):
    """`view` (or any function that makes a response) run in a slot, or busy(). The
    slot is held until a streamed response has gone out or been abandoned: the server
    closes the response either way."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        slot = take_slot()
        if slot is None:
            return busy()
        try:
            response = view(*args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):
                # Else it would render after the slot is released.
                response.render()
        except BaseException:
            slot.close()
            raise
        if response.streaming:
            response._resource_closers.append(slot.close)
        else:
            slot.close()
        return response

    return wrapped


def file_response(name, filename, content_type, write):
    """The file of `name` for the current content version, written by write(file) on
    the first request, or busy() while another request builds it."""
    stem = directory() / f"{page_cache.current_version()}-{name}"
    with contextlib.suppress(FileNotFoundError):
        return served(open(stem, "rb"), stem, filename, content_type)
    build = lock(with_suffix(stem, ".lock"))
    if build is None:
        return busy()
    with build:
        if not stem.exists():
            slot = take_slot()
            if slot is None:
                return busy()
            with slot:
                # A name of its own: a build that took an old version's lock just as
                # it was removed may run beside this one, each writing its own part.
                handle, part = tempfile.mkstemp(
                    dir=stem.parent, prefix=f"{stem.name}.", suffix=".part"
                )
                with open(handle, "wb") as file:
                    write(file)
                os.replace(part, stem)
            # Read again: a change may have committed during the build.
            remove_other_versions(page_cache.current_version())
        file = open(stem, "rb")  # noqa: SIM115 (FileResponse closes it)
    return served(file, stem, filename, content_type)


def with_suffix(path, suffix):
    return path.with_name(path.name + suffix)


def served(file, path, filename, content_type):
    response = FileResponse(
        file, as_attachment=True, filename=filename, content_type=content_type
    )
    # Readers revalidate, and a repeat download of the same version costs a 304.
    response["ETag"] = quote_etag(path.name)
    patch_cache_control(response, no_cache=True)
    return response


def remove_other_versions(version):
    """Other versions' files, but not one that a request is building: removing its
    file midway would fail that request. A file still being sent stays readable to
    the worker sending it."""
    root = directory()
    stems = {
        path.name.split(".")[0]
        for path in root.iterdir()
        if EXPORT_FILE.fullmatch(path.name.split(".")[0])
        and not path.name.startswith(version)
        and path.is_file()
    }
    for stem in stems:
        path = root / stem
        build = lock(with_suffix(path, ".lock"))
        if build is None:
            continue
        with build:
            for leftover in root.glob(f"{stem}.*.part"):
                leftover.unlink(missing_ok=True)
            for suffix in ("", ".lock"):
                with_suffix(path, suffix).unlink(missing_ok=True)
