"""What staff may upload: the types a browser shows safely, at sizes a page can carry.

ImageField already refuses anything Pillow cannot read as an image (so no SVG with
script in it); these add the file name's extension and a size limit.
"""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
DOCUMENT_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
    "txt",
    "csv",
]


@deconstructible
class MaxFileSize:
    def __init__(self, megabytes):
        self.megabytes = megabytes

    def __call__(self, upload):
        # A stored file was checked when it was uploaded; a fixture may name one
        # that is not on this disk.
        if getattr(upload, "_committed", False):
            return
        if upload.size > self.megabytes * 1024 * 1024:
            raise ValidationError(
                _("The file is larger than %(max)s MB."),
                code="file_too_large",
                params={"max": self.megabytes},
            )

    def __eq__(self, other):
        return isinstance(other, MaxFileSize) and other.megabytes == self.megabytes


IMAGE_VALIDATORS = [FileExtensionValidator(IMAGE_EXTENSIONS), MaxFileSize(10)]
DOCUMENT_VALIDATORS = [FileExtensionValidator(DOCUMENT_EXTENSIONS), MaxFileSize(25)]


# (model, file field, published rule as a Q): which uploads the public may fetch.
# Each app names its own in its ready().
public_uploads = []


def register_public(model, field, published):
    public_uploads.append((model, field, published))


def is_public(path):
    """Whether the stored file `path` belongs to a record the public may see: a draft's
    upload is not served, nor a file no record names (one replaced or deleted)."""
    return any(
        model._default_manager.filter(published(), **{field: path}).exists()
        for model, field, published in public_uploads
    )
