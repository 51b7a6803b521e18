from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import include, path, re_path

from .heavy import limited
from .page_cache import query_parameters
from .sitemaps import SITEMAPS
from .views import (
    DataView,
    HomeView,
    SearchView,
    download_schema,
    favicon,
    healthz,
    media,
    robots_txt,
)

# What is language-neutral or for machines and staff stays at one address; every page a
# reader opens exists at /en/... and /es/... (an unprefixed one redirects to the
# reader's language: LocaleMiddleware).
urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, {"name": "favicon.ico"}),
    path("favicon.svg", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        # A section's page names up to 50,000 records in each language.
        limited(query_parameters("p")(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # The admin's own pages, before the admin's catch-all.
    path("admin/releases/import/", include("releases.urls")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("data/", DataView.as_view(), name="data"),
    path("data/<slug:name>.schema.json", download_schema, name="download_schema"),
    path("", include("events.urls")),
    path("", include("people.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Uploaded photos and files on a single machine without a proxy rule for /media/.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media, name="media")
    ]

if settings.BENCHMARK:
    urlpatterns += [
        path("bench/bare/", lambda request: HttpResponse("ok"), name="bare")
    ]
