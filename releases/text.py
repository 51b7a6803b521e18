"""Reading the release's text by position: paragraphs, quotation marks, clean edges.

Every function returns offsets into the text it was given, so that what the
extractor proposes always carries the span it came from.
"""

import re

from .extraction import Span

OPENING = {"“": "”", "«": "»", "„": "“"}
STRAIGHT = '"'
QUOTE_MARKS = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}
SPACE = re.compile(r"\s+")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A sentence ends at . ! ? followed by a space and a capital, an opening quote or a
# dash; not after an initial or a short abbreviation ("Dr.", "U.S.", "No.").
ABBREVIATIONS = ("Dr", "Mr", "Ms", "Mrs", "St", "No", "Sr", "Sra", "Dra", "Lic", "Ing")
SENTENCE_END = re.compile(
    r"(?<![A-Z])"
    + "".join(rf"(?<!\b{word})" for word in ABBREVIATIONS)
    + r"[.!?](?=\s+[\"“«A-ZÁÉÍÓÚÑ¿¡(—–-])"
)


def normalise(text):
    """Whitespace made single spaces and typographic quotation marks plain: the only
    liberties a proposed value takes with the release's words."""
    for mark, plain in QUOTE_MARKS.items():
        text = text.replace(mark, plain)
    return SPACE.sub(" ", text).strip()


def paragraphs(text):
    """(start, end) of each paragraph, blank lines between them."""
    out, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            out.append((start, match.start()))
        start = match.end()
    if start < len(text.rstrip()):
        out.append((start, len(text.rstrip())))
    return [(s, e) for s, e in out if text[s:e].strip()]


def sentences(text, start, end):
    """(start, end) of each sentence between start and end."""
    out, begin = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        out.append((begin, match.end()))
        begin = match.end()
    out.append((begin, end))
    return [trim(text, s, e) for s, e in out if text[s:e].strip()]


def trim(text, start, end, chars=" \t\n\u00a0"):
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def span(text, start, end, chars=" \t\n\u00a0,;:"):
    """The span of text[start:end] without spaces and list punctuation at its edges."""
    return Span(*trim(text, start, end, chars))


def quoted(text, start, end):
    """(open, close) of each quotation between start and end: text[open] is the
    opening mark, text[close] the closing one. A mark with no partner before the end
    (a paragraph's end) opens nothing: an unclosed quotation is no quotation."""
    out, i = [], start
    while i < end:
        char = text[i]
        if char in OPENING:
            close = _find_close(text, i + 1, end, OPENING[char])
        elif char == STRAIGHT and _opens(text, i, start):
            close = text.find(STRAIGHT, i + 1, end)
        else:
            i += 1
            continue
        if close == -1:
            i += 1
            continue
        out.append((i, close))
        i = close + 1
    return out


def _find_close(text, start, end, mark):
    """The closing mark for an opening one, past any quotation nested in it."""
    depth, i = 0, start
    while i < end:
        char = text[i]
        if char == mark or (mark == "”" and char == "»"):
            if depth == 0:
                return i
            depth -= 1
        elif char in OPENING and char != mark:
            depth += 1
        i += 1
    return -1


def _opens(text, i, start):
    """A straight mark opens when it starts the text or follows a space or bracket."""
    return i == start or text[i - 1] in " \t\n(—–-[:"
