from csp.middleware import CSPMiddleware
from django.core.cache import cache
from django.db import InterfaceError, OperationalError

from . import page_cache


class SiteCSPMiddleware(CSPMiddleware):
    """The site's Content-Security-Policy, with the one allowance the admin needs.

    Django's admin has no inline scripts or <style> elements, but its autocomplete
    (select2) and other jQuery widgets write style="" attributes into the markup they
    build, so admin pages allow inline style *attributes* (style-src-attr) and nothing
    else inline. Public pages allow no inline script or style at all.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/admin/"):
            parts.update = {
                **(parts.update or {}),
                "style-src-attr": ["'unsafe-inline'"],
            }
        return parts


class PublicPageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache (see page_cache).

    It looks a page up once the URL has resolved, so that it knows the view (and the
    query parameters the view reads) and the language (LocaleMiddleware comes first).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key and page_cache.cacheable_response(response):
            page_cache.store(response, key)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not page_cache.cacheable_request(request):
            return None
        page_cache.canonicalize(request, view_func)
        try:
            version = page_cache.current_version()
        except (InterfaceError, OperationalError):
            # Without the database no version can be trusted: the view decides.
            return None
        key = page_cache.cache_key(request, version)
        response = cache.get(key)
        if response is None:
            request.page_cache_key = key
        return response
