"""Uploaded pictures at the sizes a page needs.

Each photo or portrait gets renditions, made once: when its file is saved, or, where
Django serves the uploads, on the first request for one. A page names them in
`srcset`, with the width and height the browser reserves, from the record's own
columns: no file and no query is read per picture.

Renditions are JPEGs, upright (the camera's orientation applied) and without the
upload's metadata (a phone's location). They are kept under renditions/<the upload's
name>/, so that they follow their upload's publication rule (rcm_site.views.media),
and uploads are kept in a folder with a random name, so that a draft's picture cannot
be guessed where a proxy or an object store serves every file it holds.

Pillow alone, rather than easy-thumbnails or django-imagekit: those keep what they
made in a table of their own or look it up in the storage (a request to the object
store) per picture shown, and neither knows the publication rule.
"""

import io
import re
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from PIL import ExifTags, Image, ImageOps

# Phones to wide screens at 1 and 2 pixels per point; 1200 is also the link
# preview's (Open Graph) width.
WIDTHS = (400, 800, 1200, 1600)
FOLDER = "renditions"
RENDITION = re.compile(rf"^{FOLDER}/(?P<source>.+)/(?P<width>[0-9]+)w\.jpg$")
# EXIF orientations that turn the picture a quarter: its upright width is its height.
QUARTER_TURNS = {5, 6, 7, 8}


def rendition_name(source, width):
    return f"{FOLDER}/{source}/{width}w.jpg"


def source_of(path):
    """The upload a rendition's path was made from; None for any other path."""
    match = RENDITION.match(path)
    return match["source"] if match else None


def widths(width):
    """The renditions' widths for a picture `width` pixels wide: none wider than it."""
    widest = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < widest] + [widest]


def scaled_height(width, height, to_width):
    return max(1, round(height * to_width / width))


def make(storage, source):
    """Make the renditions of the upload `source` that `storage` lacks. Returns the
    picture's upright (width, height), or None for a missing file or one that is not
    an image."""
    try:
        with storage.open(source, "rb") as file, Image.open(file) as image:
            width, height = image.size
            if image.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS:
                width, height = height, width
            missing = [
                w
                for w in widths(width)
                if not storage.exists(rendition_name(source, w))
            ]
            if missing:
                upright = flattened(ImageOps.exif_transpose(image))
                for w in missing:
                    storage.save(
                        rendition_name(source, w),
                        ContentFile(jpeg(upright, w, scaled_height(width, height, w))),
                    )
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return width, height


def flattened(image):
    """The picture in colours a JPEG holds: transparency laid on white."""
    if image.mode in ("RGB", "L"):
        return image
    if "A" in image.getbands() or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    rgb = image.convert("RGB")
    # A CMYK picture's colour profile does not describe its RGB copy.
    rgb.info.pop("icc_profile", None)
    return rgb


def jpeg(image, width, height):
    buffer = io.BytesIO()
    image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0).save(
        buffer,
        "JPEG",
        quality=82,
        optimize=True,
        progressive=True,
        icc_profile=image.info.get("icc_profile"),
    )
    return buffer.getvalue()


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


class Picture:
    """An upload as a page shows it: `src` about 800 pixels wide, `srcset` every
    rendition, `alt` its text for those who cannot see it. False when there is
    nothing to show: no file, or its size unknown (a file that could not be read)."""

    def __init__(self, file, width, height, alt):
        self.file = file
        self.width = width
        self.height = height
        self.alt = alt

    def __bool__(self):
        return bool(self.file and self.width and self.height)

    @cached_property
    def renditions(self):
        url = self.file.storage.url
        return [
            Rendition(
                url(rendition_name(self.file.name, w)),
                w,
                scaled_height(self.width, self.height, w),
            )
            for w in widths(self.width)
        ]

    def at(self, width):
        """The widest rendition no wider than `width`, else the narrowest."""
        fitting = [r for r in self.renditions if r.width <= width]
        return fitting[-1] if fitting else self.renditions[0]

    @property
    def src(self):
        return self.at(800)

    @property
    def link_preview(self):
        return self.at(1200)

    @property
    def sizes(self):
        """`src`'s width, or the page's width less its margins (1rem a side) when
        that is narrower."""
        width = self.src.width
        return f"(min-width: {width + 32}px) {width}px, calc(100vw - 2rem)"

    @property
    def srcset(self):
        return ", ".join(f"{r.url} {r.width}w" for r in self.renditions)


@deconstructible
class UploadFolder:
    """upload_to: `folder` (strftime'd), then a folder with a random name for each
    upload."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        folder = timezone.now().strftime(self.folder)
        return f"{folder}{secrets.token_urlsafe(9)}/{filename}"

    def __eq__(self, other):
        return isinstance(other, UploadFolder) and other.folder == self.folder


class PictureField(models.ImageField):
    """An image upload whose upright size is kept in the record's `<name>_width` and
    `<name>_height` fields, and whose renditions are made when a file is saved. The
    size fields must come after this one in the model: their values are read after
    this field's pre_save has set them."""

    def pre_save(self, instance, add):
        new = getattr(instance, self.attname)
        new = bool(new) and not new._committed
        file = super().pre_save(instance, add)
        width, height = f"{self.attname}_width", f"{self.attname}_height"
        if not file:
            setattr(instance, width, None)
            setattr(instance, height, None)
        elif new or getattr(instance, width) is None:
            size = make(file.storage, file.name) or (None, None)
            setattr(instance, width, size[0])
            setattr(instance, height, size[1])
        return file
