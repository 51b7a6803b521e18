"""Pictures: photos and portraits at the sizes a page needs, their privacy, the link
preview's image, the emblem and the favicon."""

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from . import factories as f
from .test_production import publisher_client

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
QUERIES_OF_A_MEETING_PAGE = 14


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PAGE_CACHE_ENABLED = False
    return tmp_path


def jpeg_bytes(width, height, orientation=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (11, 85, 112))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def photo_of(event, width=1700, height=1000, **kwargs):
    photo = f.PhotoFactory(
        event=event,
        caption="Delegates at the opening session.",
        credit="IOM / Cesia Chavarria",
        alt_text="Delegates seated at a long table",
        **kwargs,
    )
    photo.image.save("delegates.jpg", ContentFile(jpeg_bytes(width, height)))
    return photo


class Images(HTMLParser):
    """Every <img>'s attributes, and the <meta property> contents, of a page."""

    def __init__(self, html):
        super().__init__()
        self.images, self.meta = [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        elif tag == "meta" and "property" in attrs:
            self.meta[attrs["property"]] = attrs["content"]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), Images(response.content.decode())


def image_at(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def srcset(img):
    """{width: url} of an <img>'s srcset."""
    pairs = (candidate.split() for candidate in img["srcset"].split(", "))
    return {int(width.removesuffix("w")): url for url, width in pairs}


def test_a_meetings_photo_is_shown_at_several_widths_with_its_size_and_words(client):
    event = f.EventFactory()
    photo_of(event)
    html, parsed = page(client, event.get_absolute_url())
    (img,) = parsed.images
    assert img["alt"] == "Delegates seated at a long table"
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("800", "471")
    assert img["sizes"]
    widths = srcset(img)
    assert img["srcset"].count("w, ") == 3
    assert sorted(widths) == [400, 800, 1200, 1600]
    assert img["src"] == widths[800]
    for width, url in widths.items():
        rendition = image_at(client, url)
        assert rendition.format == "JPEG"
        assert rendition.size == (width, round(1000 * width / 1700))
    figure = re.search(r"<figure class=\"photo\">.*?</figure>", html, re.S).group()
    assert "Delegates at the opening session." in figure
    assert "Photo: IOM / Cesia Chavarria" in figure


def test_a_small_photo_is_never_enlarged(client):
    event = f.EventFactory()
    photo_of(event, width=600, height=400)
    _, parsed = page(client, event.get_absolute_url())
    (img,) = parsed.images
    assert sorted(srcset(img)) == [400, 600]
    assert (img["width"], img["height"]) == ("600", "400")
    assert image_at(client, img["src"]).size == (600, 400)


def test_a_photo_taken_on_its_side_is_shown_upright(client):
    event = f.EventFactory()
    photo = f.PhotoFactory(event=event)
    # Stored 1000 × 600, to be turned a quarter (EXIF orientation 6): 600 × 1000.
    photo.image.save("phone.jpg", ContentFile(jpeg_bytes(1000, 600, orientation=6)))
    _, parsed = page(client, event.get_absolute_url())
    (img,) = parsed.images
    assert (img["width"], img["height"]) == ("600", "1000")
    assert image_at(client, srcset(img)[400]).size == (400, 667)


def test_a_transparent_png_is_shown_on_white():
    event = f.EventFactory()
    photo = f.PhotoFactory(event=event)
    buffer = io.BytesIO()
    Image.new("RGBA", (500, 300), (0, 0, 0, 0)).save(buffer, "PNG")
    photo.image.save("logo.png", ContentFile(buffer.getvalue()))
    _, parsed = page(Client(), event.get_absolute_url())
    rendition = image_at(Client(), parsed.images[0]["src"])
    assert rendition.getpixel((10, 10)) == (255, 255, 255)


def test_a_drafts_photo_and_its_renditions_are_not_served_to_the_public(client):
    draft = f.EventFactory(publication_status="draft", publish_at=None)
    photo = photo_of(draft)
    # The folder's random name keeps the address from being guessed where a proxy
    # or an object store serves every file.
    assert re.fullmatch(r"photos/\d{4}/[\w-]{12}/delegates\.jpg", photo.image.name)
    urls = [photo.image.url] + [r.url for r in photo.picture.renditions]
    assert len(urls) == 5
    staff = publisher_client()
    for url in urls:
        assert staff.get(url).status_code == 200, url
        assert client.get(url).status_code == 404, url
    # Published, the same addresses are the public's.
    draft.publication_status = "published"
    draft.save()
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_renditions_missing_from_the_disk_are_made_on_the_first_request(client, media):
    event = f.EventFactory()
    photo = photo_of(event)
    renditions = media / "renditions"
    for path in renditions.rglob("*w.jpg"):
        path.unlink()
    assert image_at(client, photo.picture.at(1200).url).size == (1200, 706)
    # Only the widths the page names exist.
    name = photo.image.name
    for path in (f"renditions/{name}/37w.jpg", f"renditions/{name}x/400w.jpg"):
        assert client.get(f"/media/{path}").status_code == 404, path


def test_a_photo_whose_file_is_missing_or_not_an_image_shows_its_words_only(client):
    event = f.EventFactory()
    missing = f.PhotoFactory(event=event, caption="Missing", image="photos/gone.jpg")
    broken = f.PhotoFactory(event=event, caption="Broken")
    broken.image.save("broken.jpg", ContentFile(b"not a picture"))
    assert (missing.image_width, broken.image_width) == (None, None)
    html, parsed = page(client, event.get_absolute_url())
    assert parsed.images == []
    assert "Missing" in html
    assert "Broken" in html
    assert parsed.meta["og:image"] == f"{HOST}/static/img/rcm-card.png"
    rendition = f"/media/renditions/{broken.image.name}/400w.jpg"
    assert client.get(rendition).status_code == 404


def test_the_link_preview_is_the_first_photo_at_1200_pixels(client):
    event = f.EventFactory()
    photo_of(event)
    photo_of(event, width=900, height=900)
    html, parsed = page(client, event.get_absolute_url())
    meta = parsed.meta
    assert meta["og:image:alt"] == "Delegates seated at a long table"
    structured = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert json.loads(structured.group(1))["image"] == meta["og:image"]
    size = (int(meta["og:image:width"]), int(meta["og:image:height"]))
    assert size == (1200, 706)
    assert meta["og:image"].startswith(f"{HOST}/media/renditions/")
    assert image_at(client, meta["og:image"].removeprefix(HOST)).size == size


def test_without_a_photo_the_link_preview_is_the_sites_emblem(client):
    event = f.EventFactory()
    _, parsed = page(client, event.get_absolute_url())
    meta = parsed.meta
    assert meta["og:image"] == f"{HOST}/static/img/rcm-card.png"
    card = Image.open(finders.find("img/rcm-card.png"))
    assert card.format == "PNG"
    assert card.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
    assert meta["og:image:alt"]


def test_a_portrait_is_shown_at_the_top_of_the_persons_page_with_its_credit(client):
    person = f.PersonFactory(photo_alt="Head and shoulders", photo_credit="OAS")
    person.photo.save("portrait.jpg", ContentFile(jpeg_bytes(900, 1200)))
    html, parsed = page(client, person.get_absolute_url())
    (img,) = parsed.images
    assert img["alt"] == "Head and shoulders"
    assert "loading" not in img
    assert (img["width"], img["height"]) == ("800", "1067")
    assert sorted(srcset(img)) == [400, 800, 900]
    assert img["sizes"] == "12rem"
    assert "Photo: OAS" in html
    assert parsed.meta["og:image"] == HOST + srcset(img)[900]
    assert parsed.meta["og:image:alt"] == "Head and shoulders"
    draft = f.PersonFactory(publication_status="draft", publish_at=None)
    draft.photo.save("portrait.jpg", ContentFile(jpeg_bytes(900, 1200)))
    for rendition in draft.portrait.renditions:
        assert client.get(rendition.url).status_code == 404


@pytest.mark.parametrize("photos", [1, 6])
def test_the_meeting_page_costs_the_same_queries_whatever_its_photos(client, photos):
    event = f.EventFactory()
    for _ in range(photos):
        photo_of(event)
    client.get(event.get_absolute_url())  # the page's one-off lookups
    with CaptureQueriesContext(connection) as queries:
        _, parsed = page(client, event.get_absolute_url())
    assert len(parsed.images) == photos
    assert len(queries) == QUERIES_OF_A_MEETING_PAGE


def test_the_favicon_is_where_browsers_look_and_the_emblem_is_in_the_header(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    html, _ = page(client, "/en/")
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in (
        html
    )
    css = Path(finders.find("css/site.css")).read_text()
    assert '.site-name::before { content: ""' in css
    assert 'url("../img/favicon.svg")' in css
