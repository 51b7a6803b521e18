"""Production behaviour: settings that refuse bad configurations, headers and CSP,
login throttling, CSRF, the page cache, conditional GET, faults, uploads."""

import io
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from . import factories as f
from .conftest import REAL_TRANSACTIONS
from .test_pages import page_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "rcm_site.settings",
    "DJANGO_SECRET_KEY": "x7#kq2!vz9@m4p$w8^r1&t6*y3(u5)e0-i_o+a=s{d}f[g]h;j:k'l<z>c?b",
    "DJANGO_ALLOWED_HOSTS": "rcm.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://rcm.example.org",
    "DJANGO_SECURE_PROXY": "1",
    "DJANGO_DEBUG": "0",
}


def run_django(env, *args):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "Set DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "Set DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be 1 or 0"),
        (
            {"DJANGO_MEDIA_STORAGE": "s3"},
            "DJANGO_MEDIA_STORAGE=s3 needs DJANGO_S3_BUCKET",
        ),
        (
            {"DJANGO_MEDIA_STORAGE": "ftp"},
            "DJANGO_MEDIA_STORAGE must be filesystem or s3",
        ),
    ],
)
def test_bad_production_settings_refuse_to_start_saying_what_to_set(change, message):
    result = run_django({**PRODUCTION_ENV, **change}, "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_deploy_checks_pass_with_the_production_environment():
    result = run_django(PRODUCTION_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout


def csp(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.parametrize(
    "url", ["/en/", "/en/events/", "/no-such-page/", "/en/events.json?year=x"]
)
def test_public_pages_send_security_headers_and_a_strict_csp(client, url):
    response = client.get(url)
    policy = csp(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert "style-src-attr" not in policy
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.admin
def test_admin_csp_allows_only_inline_style_attributes(client):
    response = client.get("/admin/login/")
    policy = csp(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]


def test_error_page_sends_the_csp(settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError
    ):
        response = Client(raise_request_exception=False).get("/en/events/")
    assert response.status_code == 500
    assert csp(response)["script-src"] == ["'self'"]


def test_templates_have_no_inline_script_or_style():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/ld+json" not in tag:
                offenders.append((path.name, tag))
        if re.search(r"<style\b|\sstyle=", text):
            offenders.append((path.name, "style"))
    # The one generated script element is JSON-LD data, built by the json_ld filter.
    assert not offenders


@pytest.mark.admin
def test_admin_login_locks_out_after_repeated_failures_and_logs_them(client, caplog):
    User.objects.create_superuser("chief", "chief@example.org", "right-password-123")
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(5):
            response = client.post(
                "/admin/login/", {"username": "chief", "password": "wrong"}
            )
            assert response.status_code in (200, 429)
    response = client.post(
        "/admin/login/", {"username": "chief", "password": "right-password-123"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert (
        sum("AXES: Repeated login failure" in r.getMessage() for r in caplog.records)
        >= 4
    )
    other = Client().post("/admin/login/", {"username": "someone", "password": "x"})
    assert other.status_code == 200


@pytest.mark.admin
def test_behind_the_proxy_the_lockout_counts_the_forwarded_address(settings):
    settings.SECURE_PROXY = True
    User.objects.create_superuser("chief", "chief@example.org", "right-password-123")

    def login(forwarded, right=False):
        password = "right-password-123" if right else "wrong"
        return Client(
            REMOTE_ADDR="127.0.0.1", headers={"x-forwarded-for": forwarded}
        ).post("/admin/login/", {"username": "chief", "password": password})

    # What the client sends itself comes first; the proxy appends what it saw.
    for spoofed in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]:
        login(f"{spoofed}, 203.0.113.9")
    assert login("203.0.113.9", right=True).status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "203.0.113.9"
    ]
    # Another client, behind the same proxy, still signs in to the same account.
    assert login("198.51.100.7", right=True).status_code == 302


@pytest.mark.admin
def test_csrf_refuses_a_post_without_token_and_from_a_foreign_origin():
    User.objects.create_superuser("chief", "chief@example.org", "right-password-123")
    client = Client(enforce_csrf_checks=True)
    login = {"username": "chief", "password": "right-password-123"}
    assert client.post("/admin/login/", login).status_code == 403

    page = client.get("/admin/login/")
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    ).group(1)
    foreign = client.post(
        "/admin/login/",
        {**login, "csrfmiddlewaretoken": token},
        headers={"Origin": "https://evil.example"},
    )
    assert foreign.status_code == 403
    same = client.post("/admin/login/", {**login, "csrfmiddlewaretoken": token})
    assert same.status_code == 302


def publisher_client():
    user = User.objects.create_user("paco", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.admin
@REAL_TRANSACTIONS
def test_cached_pages_follow_publish_and_unpublish_at_once(client):
    event = f.EventFactory(
        title="Fresh meeting", publication_status="draft", publish_at=None
    )
    assert "Fresh meeting" not in page_text(client.get("/en/events/"))
    with CaptureQueriesContext(connection) as ctx:
        assert "Fresh meeting" not in page_text(client.get("/en/events/"))
    assert len(ctx.captured_queries) == 1, "the second visit reads only the version"

    staff = publisher_client()
    changelist = reverse("admin:events_event_changelist")
    staff.post(changelist, {"action": "publish_now", "_selected_action": [event.pk]})
    assert "Fresh meeting" in page_text(client.get("/en/events/"))
    assert client.get(event.get_absolute_url()).status_code == 200

    staff.post(changelist, {"action": "unpublish", "_selected_action": [event.pk]})
    assert "Fresh meeting" not in page_text(client.get("/en/events/"))
    assert client.get(event.get_absolute_url()).status_code == 404


def test_staff_pages_are_not_served_from_the_public_cache(client):
    event = f.EventFactory(title="Public meeting")
    f.StatementFactory(
        event=event, publication_status="draft", publish_at=None, text="Coming words."
    )
    url = event.get_absolute_url() + "?preview=1"
    assert "Coming words." not in page_text(client.get(url))
    staff = Client()
    staff.force_login(
        User.objects.create_user("v", password="pw", is_staff=True, is_superuser=True)
    )
    assert "Coming words." in page_text(staff.get(url))


# Filtered, a download streams; the whole list is a file (tests/test_heavy_requests.py).
MEETINGS_CSV = "/en/events.csv?kind=workshop"


def test_small_download_streams_once_then_comes_from_the_page_cache(
    client, django_assert_num_queries
):
    f.EventFactory.create_batch(3)
    first = client.get(MEETINGS_CSV)
    assert first.streaming
    body = b"".join(first.streaming_content)
    with django_assert_num_queries(1):  # the version
        again = client.get(MEETINGS_CSV)
    assert not again.streaming
    assert again.content == body
    for header in ("Content-Type", "Content-Disposition", "Cache-Control"):
        assert again[header] == first[header]
    assert "no-cache" in again["Cache-Control"]
    assert again["Content-Length"] == str(len(body))
    repeat = client.get(MEETINGS_CSV, headers={"If-None-Match": again["ETag"]})
    assert repeat.status_code == 304


def test_download_over_the_size_cap_streams_whole_every_time(client, settings):
    f.EventFactory.create_batch(3)
    settings.PAGE_CACHE_MAX_STREAM_BYTES = 0
    body = b"".join(client.get(MEETINGS_CSV).streaming_content)
    assert body.count(b"\r\n") == 4

    settings.PAGE_CACHE_MAX_STREAM_BYTES = len(body) - 1
    for _ in range(2):
        response = client.get(MEETINGS_CSV)
        assert response.streaming
        assert b"".join(response.streaming_content) == body

    settings.PAGE_CACHE_MAX_STREAM_BYTES = len(body)
    b"".join(client.get(MEETINGS_CSV).streaming_content)
    assert client.get(MEETINGS_CSV).content == body


def test_download_that_fails_midway_is_not_cached(client, monkeypatch):
    f.EventFactory.create_batch(3)
    monkeypatch.setattr("rcm_site.exports.CSV_CHUNK_CHARACTERS", 1)
    rows = iter([False, True])

    def slugs_or_fail(items):
        if next(rows):
            raise OperationalError("the database went away")
        return [item.slug for item in items]

    monkeypatch.setattr("events.exports.slugs", slugs_or_fail)
    chunks = iter(client.get(MEETINGS_CSV).streaming_content)
    assert next(chunks).startswith("\ufeffslug,url,".encode())
    with pytest.raises(OperationalError):
        list(chunks)
    monkeypatch.undo()
    response = client.get(MEETINGS_CSV)
    assert response.streaming
    assert b"".join(response.streaming_content).count(b"\r\n") == 4


# Closing a response ends the request, which closes a database connection left inside
# a transaction, as the test's own would be.
@REAL_TRANSACTIONS
def test_download_abandoned_midway_is_not_cached(client, monkeypatch):
    f.EventFactory.create_batch(3)
    monkeypatch.setattr("rcm_site.exports.CSV_CHUNK_CHARACTERS", 1)
    response = client.get(MEETINGS_CSV)
    next(iter(response.streaming_content))
    response.close()
    assert client.get(MEETINGS_CSV).streaming


@pytest.mark.parametrize(
    "url", ["/en/", "/en/events/", "/en/feeds/events/", "/en/events/calendar.ics"]
)
def test_repeated_conditional_request_gets_304(client, url):
    f.EventFactory()
    first = client.get(url)
    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_database_down_gives_the_static_error_page_and_recovers(settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client = Client(raise_request_exception=False)
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("down")
    ):
        down = client.get("/en/events/")
        assert client.get("/healthz").status_code == 503
    assert down.status_code == 500
    assert "Something went wrong on our side" in page_text(down)
    assert "Traceback" not in down.content.decode()
    assert "OperationalError" not in down.content.decode()
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/events/").status_code == 200


def test_healthz_is_unhealthy_while_pages_cannot_render_and_says_why(
    settings, tmp_path
):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client = Client(raise_request_exception=False)
    assert client.get("/healthz").content == b"ok\n"
    # A deploy that forgot collectstatic: every page is a 500.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    assert client.get("/en/events/").status_code == 500
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"static files: not collected (run collectstatic)\n"


def test_healthz_names_a_cache_that_is_down(settings):
    with mock.patch(
        "django.core.cache.cache.set", side_effect=ConnectionError("refused")
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"cache: unavailable\n"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 85, 112)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.admin
def test_photo_uploaded_in_the_admin_is_served_from_the_public_page(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_editorial import event_form

    settings.MEDIA_ROOT = tmp_path
    event = f.EventFactory()
    staff = publisher_client()
    upload = SimpleUploadedFile("speakers.png", png_bytes(), content_type="image/png")
    response = staff.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(
            event,
            publication_status="published",
            **{
                "photos-TOTAL_FORMS": "1",
                "photos-0-image": upload,
                "photos-0-caption_en": "Delegates at the table.",
                "photos-0-credit": "IOM",
                "photos-0-alt_text_en": "Delegates seated at a long table",
                "photos-0-order": "0",
            },
        ),
    )
    assert response.status_code == 302
    body = Client().get(event.get_absolute_url()).content.decode()
    src = re.search(
        r'<img src="([^"]+)"[^>]* alt="Delegates seated at a long table"', body
    ).group(1)
    image = Client().get(src)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(image.streaming_content))).size == (40, 30)


def test_a_drafts_uploads_are_not_served_to_the_public(settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    person = f.PersonFactory(publication_status="draft", publish_at=None)
    person.photo.save("portrait.png", ContentFile(png_bytes()))
    draft_event = f.EventFactory(publication_status="draft", publish_at=None)
    photo = f.PhotoFactory(event=draft_event)
    photo.image.save("meeting.png", ContentFile(png_bytes()))
    (tmp_path / "orphan.png").write_bytes(png_bytes())
    addresses = [person.photo.url, photo.image.url, "/media/orphan.png"]
    for address in addresses:
        assert Client().get(address).status_code == 404, address
    # Staff preview drafts, their pictures included.
    staff = publisher_client()
    for address in addresses[:2]:
        assert staff.get(address).status_code == 200, address
    person.publication_status = "published"
    person.save()
    assert Client().get(person.photo.url).status_code == 200


@pytest.mark.admin
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"not an image at all", "Upload a valid image"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
            "Upload a valid image",
        ),
    ],
)
def test_uploads_that_are_not_images_are_refused(
    settings, tmp_path, name, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_editorial import event_form

    settings.MEDIA_ROOT = tmp_path
    event = f.EventFactory()
    response = publisher_client().post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(
            event,
            publication_status="published",
            **{
                "photos-TOTAL_FORMS": "1",
                "photos-0-image": SimpleUploadedFile(name, content),
                "photos-0-caption_en": "C",
                "photos-0-credit": "IOM",
                "photos-0-alt_text_en": "A",
                "photos-0-order": "0",
            },
        ),
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert not list(tmp_path.rglob("*.*"))


def test_oversized_document_is_refused():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rcm_site.uploads import DOCUMENT_VALIDATORS

    big = SimpleUploadedFile("report.pdf", b"0" * (25 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="larger than 25 MB"):
        for validator in DOCUMENT_VALIDATORS:
            validator(big)
    with pytest.raises(ValidationError, match="not allowed"):
        for validator in DOCUMENT_VALIDATORS:
            validator(SimpleUploadedFile("tool.exe", b"MZ"))


def test_every_static_file_a_page_names_is_in_the_manifest(client, settings, tmp_path):
    """Production resolves {% static %} through the manifest and fails on a missing
    entry; collecting and rendering every page kind here catches that in CI."""
    from django.core.management import call_command

    f.EventFactory(slug="m")
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    for url in [
        "/en/",
        "/en/events/",
        "/en/events/m/",
        "/en/statements/",
        "/en/people/",
        "/en/data/",
        "/nope/",
    ]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert re.search(
            r'href="/static/css/site\.[0-9a-f]{12}\.css"', response.content.decode()
        )


def test_worker_processes_share_one_version_of_the_pages(tmp_path):
    """A change in one process must end the cached pages of all of them: each keeps
    its own pages in memory, under the version they share in the database."""
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    assert run_django(env, "migrate", "-v0").returncode == 0
    read = "from rcm_site import page_cache; print(page_cache.current_version())"
    start = "from rcm_site import page_cache; page_cache.new_version()"
    first = run_django(env, "shell", "-c", read)
    assert first.returncode == 0, first.stderr
    assert run_django(env, "shell", "-c", read).stdout == first.stdout
    assert run_django(env, "shell", "-c", start).returncode == 0
    assert run_django(env, "shell", "-c", read).stdout != first.stdout


@pytest.mark.parametrize("address", ["/media/a%00b.png", "/media/%00"])
def test_a_media_address_with_a_nul_is_404(address):
    assert Client().get(address).status_code == 404
