"""A press release's plain text, from the file an editor uploads.

Paragraphs come out separated by a blank line, which is how the extractor finds
them (the headline, the dateline, a quote's paragraph).
"""

import io
import re
from pathlib import PurePath

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

TEXT_TYPES = {".txt", ".text"}
HTML_TYPES = {".html", ".htm"}
PDF_TYPES = {".pdf"}
# Elements whose end is the end of a paragraph in the text.
BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "tr",
    "section",
    "article",
    "dd",
    "dt",
}
# A PDF's lines are cut at the page's width: one ending a sentence well short of the
# longest line ends a paragraph.
SHORT_LINE = 0.8
SENTENCE_END = (".", ":", '"', "”", "»", "!", "?")


def read_release(name, data):
    """The text of an uploaded .txt, .html or .pdf release; ValidationError when it
    is too big, of another type or unreadable."""
    limit = settings.RELEASE_MAX_BYTES
    if len(data) > limit:
        raise ValidationError(
            _("The file is too big: at most %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="too_big",
        )
    suffix = PurePath(name or "").suffix.lower()
    if suffix in TEXT_TYPES:
        text = _plain(data)
    elif suffix in HTML_TYPES:
        text = _html(data)
    elif suffix in PDF_TYPES:
        text = _pdf(data)
    else:
        raise ValidationError(
            _("Upload a .txt, .html or .pdf file."), code="wrong_type"
        )
    text = tidy(text)
    if not text:
        raise ValidationError(_("The file holds no text."), code="empty")
    check_length(text)
    return text


def check_length(text):
    """ValidationError for a text longer than a release is: the extractor's cost
    grows with it. For pasted text as for files."""
    if len(text) > settings.RELEASE_MAX_CHARACTERS:
        raise ValidationError(
            _("The text is too long for a press release: at most %(limit)s characters.")
            % {"limit": intcomma(settings.RELEASE_MAX_CHARACTERS)},
            code="too_long",
        )


def tidy(text):
    """Line ends made \\n, spaces at line ends dropped, at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def unreadable():
    return ValidationError(
        _(
            "The file could not be read: is it a press release saved as text, a web "
            "page or a PDF?"
        ),
        code="unreadable",
    )


def _plain(data):
    if b"\x00" in data:
        raise unreadable()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise unreadable()


def _html(data):
    from lxml import etree, html
    from readability import Document

    try:
        tree = html.fromstring(Document(data).summary(html_partial=True))
        # A headline above the article is left out of it: it is the release's first
        # line.
        headline = None if tree.xpath("//h1") else html.fromstring(data).find(".//h1")
    except (etree.LxmlError, ValueError, TypeError) as error:
        raise unreadable() from error
    if headline is not None:
        headline.tail = None
        tree.insert(0, headline)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    lines = (
        re.sub(r"[ \t\u00a0]+", " ", line).strip()
        for line in tree.text_content().split("\n")
    )
    return "\n".join(lines)


def _pdf(data):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise unreadable()
        # The layout mode keeps the gaps between paragraphs as blank lines (the
        # plain one drops them); a page in two columns reads badly in either.
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise unreadable() from error
    return "\n\n".join(_pdf_paragraphs(page) for page in pages)


def _pdf_paragraphs(page):
    lines = [line.strip() for line in page.split("\n")]
    longest = max((len(line) for line in lines), default=0)
    out = []
    for line in lines:
        if not line:
            out.append("\n\n")
            continue
        out.append(line)
        ends_short = len(line) < SHORT_LINE * longest
        out.append("\n\n" if ends_short and line.endswith(SENTENCE_END) else "\n")
    return "".join(out)
