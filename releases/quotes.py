"""Statements: the quotations of a release and who said them.

Patterns read, in English and Spanish:
  “Q,” said NAME, POST.            “Q,” dijo NAME, POST.
  “Q,” NAME, POST, said.           «Q», afirmó la POST, NAME.
  NAME, POST, said: “Q”            NAME, POST, señaló: «Q»
  “Q1,” said NAME. “Q2”            (one statement, joined as the seed's are)
  “Q1,” she added, “q2.”           (he/she/ella/él: the speaker quoted last)
  NAME, POST, said that …          (reported speech, no quotation marks)
  …, el POST, NAME, destacó que …   (reported, after a clause and a post with commas)
  NAME highlighted how, …, “Q”     (a clause between the verb and the quotation)
  “Q,” said DG SURNAME.            (the one named in full before, quoted or not:
                                    "attended by IOM Director General FULL NAME")
A quotation nobody is said to have said (a term in quotation marks, a title) is
not a statement.
"""

import re

from events.enums import StatementKind

from .extraction import Span
from .matching import key
from .names import (
    CAPITAL,
    is_acronym,
    organization_at,
    person_name,
    post_and_organization,
    strip_article,
)
from .patterns import POST_WORDS, PRONOUNS, SPEECH_VERB
from .text import normalise, sentences, span, trim

# At most this many words between a quotation and its verb ("“Q,” Ana López, IOM
# Regional Director, said.").
ATTRIBUTION_WORDS = 30
MIN_WORDS = 4
# "OIM para Centroamérica", "IOM for the Americas": an acronym, then the region
# the post covers.
SCOPE = re.compile(r"(?P<acronym>\S+)\s+(?:para|for|en|in)\s+")
REPORTED = re.compile(r"\s+(?:that|que)\s+", re.IGNORECASE)
# "Ambassador Swing highlighted how, while …, “Q”": a clause between the verb and
# the quotation it leads into.
LEAD_IN = re.compile(r"(?:how|that|que|cómo)\b[^“”\"«»]*,$", re.IGNORECASE)


def read_statements(reader):
    text = reader.text
    last = None
    for start, end in reader.paragraphs:
        if reader.in_aside(start):
            continue
        found = [(o, c) for o, c in reader.quotations if start <= o < end and c < end]
        # What the last statement took of the paragraph, its attribution included:
        # a quotation right after it, with no attribution of its own, goes on with it.
        previous, consumed = None, start
        for i, (open_, close) in enumerate(found):
            if len(text[open_ + 1 : close].split()) < MIN_WORDS:
                continue
            next_open = found[i + 1][0] if i + 1 < len(found) else end
            lead_start = max(consumed, found[i - 1][1] + 1 if i else start)
            attribution = after(reader, close + 1, next_open) or before(
                reader, lead_start, open_
            )
            part = span(text, open_ + 1, close, " \t\n")
            if attribution is None:
                if previous and not text[consumed:open_].strip(" \t\n,.:;"):
                    join(reader, previous, part)
                    consumed = close + 1
                continue
            speaker = attribution.speaker(reader, last)
            if speaker is None:
                previous = None
                continue
            gap = text[consumed:open_].strip(" \t\n,.:;")
            if previous and speaker is last and not gap:
                # "“…,” John Smith said. “…,” he added": he goes on.
                join(reader, previous, part)
            else:
                previous = add_statement(reader, part, speaker, StatementKind.VERBATIM)
            consumed, last = max(attribution.through, close + 1), speaker
        read_reported(reader, start, end)


class Attribution:
    def __init__(self, start, end, through):
        # The speaker is named in text[start:end]; the attribution, verb and all,
        # runs to `through`.
        self.start, self.end, self.through = start, end, through

    def speaker(self, reader, last):
        """(person, post, organization) proposals of who is said to have spoken."""
        text = reader.text
        start, end = trim(text, self.start, self.end, " \t\n,.;:—–-")
        # "“…”, agregó.", "she added": the speaker quoted last goes on.
        if start >= end or text[start:end].casefold() in PRONOUNS:
            return last
        return speaker_in(reader, start, end)


def after(reader, start, end):
    """The attribution following a quotation, to the end of its sentence: ", said
    NAME, POST." or ", NAME, POST, said." """
    text = reader.text
    stop = sentence_end(text, start, end)
    verb = SPEECH_VERB.search(text, start, stop)
    if not verb:
        return None
    lead = text[start : verb.start()]
    if text[start:end].rstrip().endswith(":"):
        # "Ana López said: “…”" introduces the next quotation.
        return None
    if not lead.strip(" \t\n,—–-"):
        return Attribution(verb.end(), stop, stop)
    if len(lead.split()) <= ATTRIBUTION_WORDS and not text[verb.end() : stop].strip(
        " \t\n.,:"
    ):
        return Attribution(start, verb.start(), stop)
    return None


def before(reader, start, end):
    """The attribution leading into a quotation: "NAME, POST, said: “" or "said
    NAME, POST: “"."""
    text = reader.text
    found = sentences(text, start, end)
    if not found:
        return None
    sentence_start = found[-1][0]
    verbs = list(SPEECH_VERB.finditer(text, sentence_start, end))
    if not verbs or len(text[sentence_start:end].split()) > ATTRIBUTION_WORDS + 2:
        return None
    verb = verbs[-1]
    tail = text[verb.end() : end].strip(" \t\n")
    if tail in {"", ",", ":"}:
        return Attribution(sentence_start, verb.start(), end)
    if tail.endswith((":", ",")) and not text[sentence_start : verb.start()].strip():
        return Attribution(verb.end(), end, end)
    if LEAD_IN.fullmatch(tail):
        return Attribution(sentence_start, verb.start(), end)
    return None


def sentence_end(text, start, end):
    found = re.compile(r"[.!?](?=\s|$)").search(text, start, end)
    return found.start() if found else end


def speaker_in(reader, start, end):
    """Who the attribution text[start:end] names: "Ambassador NAME, POST", "the POST,
    NAME", "POST NAME" or "NAME"."""
    text = reader.text
    known = set(reader.organizations)
    comma = text.find(",", start, end)
    if comma != -1:
        name = person_name(text, start, comma)
        if name:
            return with_post(reader, name, comma + 1, end, known)
        second_end = text.find(",", comma + 1, end)
        second_end = end if second_end == -1 else second_end
        name = person_name(text, comma + 1, second_end)
        if name:
            return with_post(
                reader, name, strip_article(text, start, comma), comma, known
            )
        return post_then_name(reader, start, end, known)
    name = person_name(text, start, end)
    if name:
        return with_post(reader, name, end, end, known)
    # "IOM Director General António Vitorino": the name is the last capitalised words
    # that no post uses.
    found = list(re.finditer(r"\S+", text[start:end]))
    # The longest name no post's word starts: "William Lacy Swing", not "Lacy Swing".
    for i in range(1, len(found) - 1):
        name = person_name(text, start + found[i].start(), end)
        if name:
            post_end = start + found[i - 1].end()
            return with_post(
                reader, name, strip_article(text, start, post_end), post_end, known
            )
    return named_before(reader, found[-1].group() if found else "", start)


def post_then_name(reader, start, end, known):
    """ "En su discurso inicial, el Director Regional de la OIM para Centroamérica,
    Norteamérica y el Caribe, Marcelo Pisani": the name after the last comma, the post
    from the first word of a post before it, commas and all."""
    text = reader.text
    last_comma = text.rfind(",", start, end)
    name = person_name(text, last_comma + 1, end)
    if not name:
        return None
    post_start = next(
        (
            start + m.start()
            for m in re.finditer(r"[^\W\d_]+", text[start:last_comma])
            if m.group()[:1].isupper() and m.group().casefold() in POST_WORDS
        ),
        None,
    )
    if post_start is None:
        return None
    return with_post(reader, name, post_start, last_comma, known)


def named_before(reader, surname, end):
    """ "afirmó el Director General Swing": the person the release named in full
    before ("William Lacy Swing"), with the post it gave then; or, when no one
    quoted yet bears that surname, the post and name that lead to it earlier in the
    text ("attended by IOM Director General William Lacy Swing")."""
    found = named_earlier(reader, surname)
    if found or not surname[:1].isupper():
        return found
    for match in re.finditer(
        rf"(?:[{CAPITAL}][\w’'.-]*[ \t]+){{2,8}}{re.escape(surname)}\b",
        reader.text[:end],
    ):
        speaker = speaker_in(reader, match.start(), match.end())
        if speaker is not None:
            return speaker
    return None


def named_earlier(reader, surname):
    for person in reader.people.values():
        family = person.fields["family_name"].split()
        if family and key(family[-1]) == key(surname):
            post = next(
                (p for k, p in reader.posts.items() if k[0] == person.key), None
            )
            organization = post and reader.extraction.get(post.refs.get("organization"))
            return person, post, organization
    return None


def with_post(reader, name, post_start, post_end, known):
    title, name_span = name
    person = reader.person(title, name_span)
    title_span, org_span = post_and_organization(
        reader.text, post_start, post_end, known
    )
    organization = None
    if org_span:
        # "of the International Organization for Migration (IOM)": name and acronym.
        found = organization_at(reader.text, org_span.start, org_span.end)
        scope = SCOPE.match(reader.text, org_span.start, org_span.end)
        if scope and is_acronym(scope.group("acronym")):
            # "de la OIM para Centroamérica…": the region is the post's, not a name.
            organization = reader.organization(
                Span(scope.start("acronym"), scope.end("acronym"))
            )
        elif found and found[2] == org_span.end:
            organization = reader.organization(found[0], found[1])
        else:
            organization = reader.organization(org_span)
    post = reader.post(person, title_span, organization) if title_span else None
    return person, post, organization


def add_statement(reader, part, speaker, kind):
    person, post, organization = speaker
    statement = reader.add("statement", refs={"speaker": person.key})
    statement.spans["text"] = part
    statement.fields["text"] = joined([normalise(reader.text[part.start : part.end])])
    statement.fields["language"] = reader.extraction.language
    statement.fields["kind"] = kind
    statement.parts["text"] = [part]
    if post:
        statement.refs["post"] = post.key
    if organization:
        statement.refs["organization"] = organization.key
    return statement


def join(reader, statement, part):
    """The next part of a quote broken around its attribution."""
    statement.parts["text"].append(part)
    statement.fields["text"] = joined(
        [normalise(reader.text[p.start : p.end]) for p in statement.parts["text"]]
    )
    statement.spans["text"] = Span(statement.spans["text"].start, part.end)


def joined(parts):
    """A quote's parts as one text, as the seed's quotes are joined
    (docs/design-notes.md, Quotes): the comma that led into the attribution becomes
    a full stop, unless the next part goes on in lower case."""
    text = ""
    for part in parts:
        if text and part[:1].isupper():
            # Spanish puts that comma after the closing mark: the stop is added.
            text = text.removesuffix(",")
            text += "" if text.endswith((".", "!", "?", "…")) else "."
        text = f"{text} {part}" if text else part
    return text[:-1] + "." if text.endswith(",") else text


def read_reported(reader, start, end):
    """ "NAME, POST, said that …": reported speech, in sentences without quotes."""
    text = reader.text
    for s, e in sentences(text, start, end):
        if any(s <= o < e or s <= c < e for o, c in reader.quotations):
            continue
        verb = SPEECH_VERB.search(text, s, e)
        if not verb:
            continue
        that = REPORTED.match(text, verb.end(), e)
        if not that:
            continue
        speaker = speaker_in(reader, *trim(text, s, verb.start(), " \t\n,"))
        if speaker is None:
            continue
        words = span(text, that.end(), e, " \t\n.")
        if len(text[words.start : words.end].split()) >= MIN_WORDS:
            add_statement(reader, words, speaker, StatementKind.REPORTED)
