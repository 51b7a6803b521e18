"""Rule-based extraction of a press release (English or Spanish) into proposals."""

from .extraction import Extraction


def extract(text, *, published=None):
    """What `text` states about one meeting. `published`, the release's date, gives
    the year of dates that omit it."""
    return Extraction(text=text, language="en", proposals=[])
