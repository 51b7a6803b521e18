"""Whole public pages for anonymous readers, never stale after a change.

A page is cached under the current version of the content, its language and its
canonical address. A content change starts a new version once its transaction has
committed (rcm_site.content), so a reader who sees the new version reads the new rows. A
version also expires at the next scheduled publication, at midnight (meetings to come
become past ones) or after PAGE_CACHE_SECONDS.
"""

import datetime
import functools
import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import FileResponse, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import urlencode

from .models import CacheVersion
from .publishing import PublicationStatus, Publishable

VERSION_ID = 1


def current_version():
    # A statement of its own: the same query through the ORM cost 0.35 ms on every
    # cached page, most of it compiling, against 0.02 ms for running it.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token FROM {CacheVersion._meta.db_table} "  # noqa: S608
            "WHERE id = %s AND expires_at > %s",
            [VERSION_ID, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        row = cursor.fetchone()
    return row[0] if row else new_version(unless_current=True)


def new_version(unless_current=False):
    """A new version, so that pages cached until now are no longer served, and when it
    expires, worked out from the rows as they are now.

    Under a lock on the version's row, so that of a reader finding the version expired
    and a change committing meanwhile, the one that writes last has read the other's
    rows: an expiry read from the rows before a change cannot outlive it."""
    with transaction.atomic():
        version, created = CacheVersion.objects.select_for_update().get_or_create(
            pk=VERSION_ID, defaults={"expires_at": timezone.now()}
        )
        now = timezone.now()
        if unless_current and not created and version.expires_at > now:
            return version.token
        version.token, version.expires_at = uuid.uuid4().hex, expiry(now)
        version.save()
    return version.token


def expiry(now):
    first, *others = (
        model.objects.filter(
            publication_status=PublicationStatus.PUBLISHED, publish_at__gt=now
        )
        .order_by()
        .values_list("publish_at", flat=True)
        for model in apps.get_models()
        if issubclass(model, Publishable)
    )
    scheduled = first.union(*others).order_by("publish_at").first()
    midnight = datetime.datetime.combine(
        timezone.localdate(now) + datetime.timedelta(days=1),
        datetime.time(),
        tzinfo=timezone.get_current_timezone(),
    )
    later = now + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    return min(t for t in (scheduled, midnight, later) if t)


def query_parameters(*names):
    """For a function view: the query parameters that change its page. The cache
    drops every other one before the view sees the request."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            return view(*args, **kwargs)

        wrapped.query_parameters = names
        return wrapped

    return decorate


def canonicalize(request, view):
    """Keep only the parameters the view reads (its `query_parameters`), non-empty, in
    order of name; for each, the last value, as a form field reads it. Random or
    reordered parameters then neither make a new cache entry nor show in the page."""
    names = getattr(getattr(view, "view_class", view), "query_parameters", ())
    kept = [(name, value) for name in sorted(names) if (value := request.GET.get(name))]
    request.META["QUERY_STRING"] = urlencode(kept)
    request.GET = QueryDict(request.META["QUERY_STRING"])


def cache_key(request, version):
    address = f"{request.LANGUAGE_CODE} {request.build_absolute_uri()}"
    return f"page:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def cacheable_request(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.path.startswith("/admin/")
        # Staff have a session: their pages may be previews and are never cached.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def cacheable_response(response):
    return (
        response.status_code == 200
        # Files are the server's to send (sendfile); an async stream cannot be copied
        # on the way out of a sync worker.
        and not isinstance(response, FileResponse)
        and not (response.streaming and response.is_async)
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def store(response, key):
    """Cache the response under `key`; a streamed one once it has all gone out, if it
    was small enough. Readers' browsers revalidate every time (no-cache), by ETag."""
    patch_cache_control(response, no_cache=True)
    if response.streaming:
        store_when_streamed(response, key)
    else:
        set_response_etag(response)
        cache.set(key, response, settings.PAGE_CACHE_SECONDS)


def store_when_streamed(response, key):
    """Let a streamed response's chunks through unchanged while keeping a copy; when
    the stream has ended within PAGE_CACHE_MAX_STREAM_BYTES, cache an ordinary response
    with its status, headers and body. One that fails or is abandoned midway stores
    nothing."""
    stored = HttpResponse(status=response.status_code)
    for header, value in response.items():
        stored[header] = value
    chunks = response.streaming_content
    limit = settings.PAGE_CACHE_MAX_STREAM_BYTES

    def copying():
        kept, size = [], 0
        for chunk in chunks:
            if kept is not None:
                size += len(chunk)
                if size <= limit:
                    kept.append(chunk)
                else:
                    kept = None
            yield chunk
        if kept is not None:
            stored.content = b"".join(kept)
            stored["Content-Length"] = size
            set_response_etag(stored)
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)

    response.streaming_content = copying()
