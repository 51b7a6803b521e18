"""A press release's plain text, from the file an editor uploads."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def read_release(name, data):
    """The text of an uploaded .txt, .html or .pdf release; ValidationError when it
    is too big, of another type or unreadable."""
    limit = settings.RELEASE_MAX_BYTES
    if len(data) > limit:
        raise ValidationError(
            _("The file is too big: at most %(limit)s MB.")
            % {"limit": limit // (1024 * 1024)}
        )
    raise ValidationError(_("Not a .txt, .html or .pdf file."))
