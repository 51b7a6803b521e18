from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

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

    Readers' browsers are told to revalidate every time (no-cache); with the ETag from
    ConditionalGetMiddleware a repeat visit costs a 304, and is never stale. A streamed
    download is filed once it has been sent, if it was small enough.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache.cacheable_request(request):
            return self.get_response(request)
        key = page_cache.cache_key(request, page_cache.generation_of(request))
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if page_cache.cacheable_response(response):
                patch_cache_control(response, no_cache=True)
                if response.streaming:
                    page_cache.store_when_streamed(response, key)
                else:
                    cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
