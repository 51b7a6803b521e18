"""Names in running text: people, organizations and posts, as spans.

Each function reads text[start:end] and returns spans (or None), never text of its
own: what is proposed is always what the release wrote.
"""

import re

from .extraction import Span
from .patterns import (
    ARTICLES,
    CONNECTORS,
    HONORIFICS,
    NAME_PARTICLES,
    ORGANIZATION_NOUNS,
    POST_WORDS,
)
from .text import trim

CAPITAL = "A-ZÁÉÍÓÚÑÜ"
WORD = re.compile(r"[\w’'.&-]+")
NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
NAME_CONNECTORS = r"(?:of|the|for|on|in|de|del|la|las|los|para|sobre|en)"
# An organization's name: capitalised words and small words between them, then an
# acronym in brackets; or an acronym alone.
ORGANIZATION = re.compile(
    rf"(?:(?:the|el|la|los|las)\s+)?"
    rf"(?P<name>[{CAPITAL}][\w’'.&-]*(?:\s+(?:{NAME_CONNECTORS}\s+)*[{CAPITAL}][\w’'.&-]*)*)"
    rf"(?:\s*\((?P<acronym>[{CAPITAL}][\w.&-]{{1,15}})\))?"
)
# A full stop after a word, not an abbreviation's ("S.A.", "Inc."): the sentence's.
FULL_STOP = re.compile(r"(?<![.\w])[^\W\d_]{4,}\.$")
ACRONYM = re.compile(rf"[{CAPITAL}]{{2,}}[{CAPITAL}a-z&-]*\b")
HONORIFIC = re.compile(
    r"(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")(?=\s)", re.IGNORECASE
)
# Where a post's title ends and its organization begins: "Director of Immigration
# Department", "General Director for Latin America at the Ministry…", "directora del
# Instituto…".
POST_JOIN = re.compile(
    r"\s+(?:at|of|with|from|de|del|en)\s+(?:(?:the|la|el|los|las)\s+)?|\s*,\s+"
)


def words(text, start, end):
    return [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def is_acronym(word):
    return bool(ACRONYM.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def is_capitalised(word):
    return word[:1].isupper()


def honorific(text, start, end):
    """The span of a title of address at start ("Ambassador"), or None."""
    match = HONORIFIC.match(text, start, end)
    return Span(match.start(), match.end()) if match else None


def person_name(text, start, end):
    """(honorific, name) spans when text[start:end] is a person's name, perhaps after a
    title of address: two to six capitalised words, particles between them ("María
    de la Luz"), none of them a post's or an organization's word."""
    start, end = trim(text, start, end, " \t\n,.;:")
    title = honorific(text, start, end)
    if title:
        start = trim(text, title.end, end)[0]
    found = words(text, start, end)
    if not 2 <= len(found) <= 6:
        return None
    if not all(NAME_WORD.fullmatch(text[s:e]) for s, e in found):
        return None
    for i, (s, e) in enumerate(found):
        word = text[s:e]
        folded = word.casefold()
        if folded in NAME_PARTICLES and 0 < i < len(found) - 1:
            continue
        # A surname may be in capitals ("Francesco CARELLA"); a first word so is an
        # acronym ("IOM Director…").
        if not is_capitalised(word) or (is_acronym(word) and i == 0):
            return None
        if folded in POST_WORDS or folded in ORGANIZATION_NOUNS:
            return None
    # A name is what is left between the words, so a gap wider than a space is two.
    if re.search(r"\s{2,}|[,;:()]", text[start:end]):
        return None
    return title, Span(start, end)


def name_parts(text, name):
    """(given, family) spans: the first word given, the rest family ("Díaz Reynoso")."""
    first = WORD.search(text, name.start, name.end)
    family_start = trim(text, first.end(), name.end)[0]
    return Span(first.start(), first.end()), Span(family_start, name.end)


def organization_at(text, start, end):
    """(name, acronym, end) of the organization named at start, or None."""
    match = ORGANIZATION.match(text, start, end)
    if not match:
        return None
    name = Span(match.start("name"), match.end("name"))
    acronym = (
        Span(match.start("acronym"), match.end("acronym"))
        if match.group("acronym")
        else None
    )
    if acronym is None and FULL_STOP.search(text, name.start, name.end):
        # "the presidency pro tempore of Guatemala.": the sentence's stop.
        name = Span(name.start, name.end - 1)
        return name, None, name.end
    # "the Government of Mexico and supported by": a name ends before a lower-case
    # word, and never on a small word.
    return name, acronym, match.end()


def looks_like_organization(text, start, end):
    """Whether text[start:end] starts with an organization's name: an acronym, or
    capitalised words one of which is an organization's noun."""
    found = words(text, start, end)
    if not found:
        return False
    first = text[found[0][0] : found[0][1]]
    if is_acronym(first):
        return True
    for s, e in found:
        word = text[s:e]
        folded = word.casefold()
        if folded in ORGANIZATION_NOUNS and is_capitalised(word):
            return True
        if not is_capitalised(word) and folded not in CONNECTORS:
            return False
    return False


def post_and_organization(text, start, end, known=()):
    """(title, organization) spans of a post as releases write it: "General Director
    for Latin America at the Ministry of Foreign Affairs of Mexico", "IOM Regional
    Director for …", "Director of Immigration Department, Republic of El Salvador",
    "directora general del Instituto Nacional de Migración". `known` are
    organizations' names and acronyms already found, folded, that may lead a post
    ("IOM Regional Director"). Either may be None."""
    start, end = trim(text, start, end, " \t\n,.;:")
    if start >= end:
        return None, None
    found = words(text, start, end)
    lead = text[found[0][0] : found[0][1]] if found else ""
    if len(found) > 1 and (is_acronym(lead) or lead.casefold() in known):
        rest = trim(text, found[0][1], end)[0]
        return Span(rest, end), Span(start, found[0][1])
    for join in POST_JOIN.finditer(text, start, end):
        if join.start() == start:
            continue
        # "Chief of Mission of the International Organization…": a post's word
        # goes on with the title.
        next_word = WORD.match(text, join.end(), end)
        if next_word and next_word.group().casefold() in POST_WORDS:
            continue
        if looks_like_organization(text, join.end(), end):
            title = trim(text, start, join.start(), " \t\n,")
            return Span(*title), Span(join.end(), end)
    return Span(start, end), None


def strip_article(text, start, end):
    """start moved past spaces and a leading article ("the", "la"…)."""
    start = trim(text, start, end)[0]
    match = re.match(r"(\w+)\s+", text[start:end])
    if match and match.group(1).casefold() in ARTICLES:
        return start + match.end()
    return start
