"""Whole public pages in the cache, never stale after a change.

Every cached page is filed under a generation, and so are the pieces that pages share
(template fragments, counts), which spare work whenever a page itself must be rendered.
Any save or delete of content (see SiteConfig.ready) starts a new generation, so the
next request renders afresh.
A record scheduled for later becomes public without a save, so each generation also
ends by itself at the next scheduled publish time.

A streamed download is kept too when it turns out small (store_when_streamed): it
is filed once its last chunk has gone out, as an ordinary response.
"""

import datetime
import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError
from django.http import FileResponse, HttpResponse
from django.utils import timezone, translation

from .publishing import PublicationStatus, Publishable

GENERATION_KEY = "pages:generation"
EXPIRES_KEY = "pages:generation-expires"


def publishable_models():
    return [m for m in apps.get_models() if issubclass(m, Publishable)]


def next_scheduled_publication():
    now = timezone.now()
    times = [
        model.objects.filter(status=PublicationStatus.PUBLISHED, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
        for model in publishable_models()
    ]
    return min((t for t in times if t), default=None)


def generations():
    """Where the generation is kept: one place for every worker (see CACHES in
    settings), apart from the pages and pieces, which may be evicted to make room."""
    return caches["generation"]


def new_generation():
    """Start a new generation: pages cached until now are no longer served. Cheap, as
    it runs on every content save; the next request works out when it expires.

    A generation is a fresh random token, never a counter: if the cache evicts or
    loses the key, a counter would start again at a number whose old pages may still
    be there."""
    generation = uuid.uuid4().hex
    generations().set(GENERATION_KEY, generation, None)
    generations().delete(EXPIRES_KEY)
    return generation


def current_generation():
    values = generations().get_many([GENERATION_KEY, EXPIRES_KEY])
    generation = values.get(GENERATION_KEY)
    if generation is None or (
        EXPIRES_KEY in values and values[EXPIRES_KEY] <= timezone.now()
    ):
        generation = new_generation()
    elif EXPIRES_KEY in values:
        return generation
    # No expiry known yet for this generation: until the next scheduled publication,
    # or midnight, when meetings still to come become past ones and posts that ended
    # yesterday stop being current; at the latest, for as long as the cache keeps
    # pages.
    try:
        scheduled = next_scheduled_publication()
    except DatabaseError:
        # Pages already cached can still be served while the database is away.
        return generation
    midnight = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=1),
        datetime.time(),
        tzinfo=timezone.get_current_timezone(),
    )
    later = timezone.now() + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    expires = min(t for t in (scheduled, midnight, later) if t)
    generations().set(EXPIRES_KEY, expires, None)
    return generation


def generation_of(request):
    """The current generation, looked up once per request: the page cache, template
    fragments and kept counts all file their entries under it."""
    if not hasattr(request, "page_generation"):
        request.page_generation = current_generation()
    return request.page_generation


def kept(request, compute, *parts):
    """compute() for this generation: worked out by the first request that needs it and
    kept for the others. For what every reader sees alike, such as the number of
    public statements matching a filter, which costs a count over 100,000 rows.
    Kept apart for each language, as lists may be ordered by translated names."""
    digest = hashlib.sha256(
        repr((translation.get_language(), *parts)).encode()
    ).hexdigest()
    return cache.get_or_set(
        f"kept:{generation_of(request)}:{digest}",
        compute,
        settings.PAGE_CACHE_SECONDS,
    )


def kept_pieces(request, variant, ids, load, render):
    """Each record's piece of a page or a download (its card, its row), in the order
    of `ids`: rendered once per generation and kept under `variant`, which names
    what it is and all else it depends on besides the record and the language. The
    pieces come from the cache in one round trip; load(ids) reads the records of the
    pieces not kept, and render(record) renders each of them.

    Only what the public may see is ever listed by id on a page for everyone, and a
    record becoming public, by a save or at its publish time, starts a new
    generation: a draft's piece, rendered for a staff preview, is never served to
    the public."""
    digest = hashlib.sha256(
        repr((translation.get_language(), variant)).encode()
    ).hexdigest()
    prefix = f"piece:{generation_of(request)}:{digest}:"
    keys = {pk: f"{prefix}{pk}" for pk in ids}
    found = cache.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        rendered = {keys[record.pk]: render(record) for record in load(missing)}
        cache.set_many(rendered, settings.PAGE_CACHE_SECONDS)
        found |= rendered
    return [found[key] for key in keys.values() if key in found]


def kept_count(request, queryset):
    """The number of records of the list at this address, whichever page of it."""
    query = request.GET.copy()
    query.pop("page", None)
    return kept(request, queryset.count, "count", request.path, query.urlencode())


def cache_key(request, generation):
    """The full address and the language the page is in: the /en/ or /es/ prefix, or
    for an address without one (robots.txt, the sitemap, a redirect to a prefixed
    page) the reader's language as LocaleMiddleware will choose it."""
    language = translation.get_language_from_request(request, check_path=True)
    address = f"{language} {request.build_absolute_uri()}"
    return f"pages:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


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


def store_when_streamed(response, key):
    """Let a streamed response's chunks through unchanged while keeping a copy; when
    the stream has ended within PAGE_CACHE_MAX_STREAM_BYTES, cache an ordinary response
    with its status, headers and body under `key`. A larger stream is no longer
    copied; one that fails or is abandoned midway stores nothing."""
    # The headers as they are now, before the outer middleware adds its own: what
    # a cached page holds too.
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
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)

    response.streaming_content = copying()
