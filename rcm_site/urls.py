from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from .sitemaps import SITEMAPS
from .views import DataView, HomeView, download_schema, robots_txt

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("data/", DataView.as_view(), name="data"),
    path("data/<slug:name>.schema.json", download_schema, name="download_schema"),
    path("robots.txt", robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("admin/", admin.site.urls),
    path("", include("events.urls")),
    path("", include("people.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
