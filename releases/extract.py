"""Rule-based extraction of a press release (English or Spanish) into proposals.

The photo credit and the media contact are read first, and set aside; then the
dateline, the meeting and who ran it, the quotes (releases.quotes), figures, listed
points, and the sectors, topics and resources the site knows. The words each rule
looks for are in releases.patterns; what each proposal holds is in
releases.extraction. Nothing is proposed that the text does not state.

The cost grows with the text: callers bound it (releases.reading.check_length).
"""

import bisect
import datetime
import re
from functools import cached_property

from events.enums import CountQualifier, EventKind
from rcm_site.search import fold

from . import quotes
from .extraction import KINDS, Extraction, Proposal, Span
from .matching import Matcher, key
from .names import (
    is_acronym,
    name_parts,
    organization_at,
    person_name,
    strip_article,
)
from .patterns import (
    AND_BY,
    ARTICLES,
    BULLET,
    CONTACT,
    DATE,
    EMAIL,
    ENGLISH_WORDS,
    FIGURE,
    FORMATS,
    KEY_POINT_WORD,
    KEY_POINT_WORDS,
    LIST_AND,
    MEETING_NOUN,
    MEETING_NOUNS,
    MEMBER_COUNT,
    ORDINAL_TITLE,
    PARTICIPANTS,
    PHONE,
    PHOTO,
    QUALIFIER_KINDS,
    ROLE_PHRASE,
    ROLE_PHRASES,
    ROLE_VERB,
    ROLE_VERBS,
    SPANISH_WORDS,
    THROUGH,
    chosen,
)
from .text import normalise, paragraphs, quoted, sentences, span

DATELINE = re.compile(r"(?P<place>[^\n–—]{2,90}?)\s*(?:[–—]|\s-\s)\s*")
DATELINE_PART = re.compile(r"[^,]+")
# "Mexico City (IOM) –": the agency that wrote it.
AGENCY = re.compile(r"\s*\([^)\n]{1,30}\)\s*$")
# "contact Alexandra Bonnie, IOM San Jose, Tel: …"
CONTACT_NAME_END = re.compile(r",|\s+(?:at|in|en|de|del|from|on)\s+|\s*\(|\n|$")
CONTACT_OFFICE_START = re.compile(r"\s*,?\s*(?:(?:at|in|en|de|del|from)\s+)?")
CONTACT_OFFICE_END = re.compile(
    r",|\s+(?:tel|phone|teléfono|email|e-mail|correo)\b|\n", re.IGNORECASE
)
TITLE_WORD = (
    r"(?:[A-ZÁÉÍÓÚÑ0-9][\w’'-]*|(?:of|the|and|for|on|in|de|del|la|las|los|y|e|para"
    r"|sobre|en|a|al|con|towards|hacia|to)\b)"
)
TITLE_AFTER = re.compile(
    rf"(?:\s+{TITLE_WORD})*(?::\s+[A-ZÁÉÍÓÚÑ][\w’'-]*(?:\s+{TITLE_WORD})*)?"
)
# Capitalised words before a meeting's noun ("the Regional Workshop"), not an
# article that starts a sentence ("The Meeting of…").
TITLE_BEFORE = re.compile(
    r"(?:(?!(?:The|A|An|El|La|Los|Las|Un|Una)\s)[A-Z][\w’'-]*\s+)*$"
)
TRAILING_SMALL_WORDS = re.compile(
    r"(?:\s+(?:of|the|and|for|on|in|de|del|la|las|los|y|e|para|sobre|en|a|al|con"
    r"|towards|hacia|to))+$"
)
QUOTED_TITLE = re.compile(
    r"\s+(?:(?:entitled|titled|called|named|denominad[oa]|titulad[oa]|llamad[oa])\s+)?"
    r"(?=[\"“«])"
)
LABEL = re.compile(
    r"[^;:.()\n]*?(?=[;:.()\n]|,\s|\s(?:however|but|while|mientras|pero|sin embargo)\b|$)"
)
OBJECTIVE_WAS = re.compile(
    r"\b(?:objective|aim|purpose|goal|objetivo|propósito)\b[^.:;]{0,80}?\b(?:was|is|were|"
    r"fue|es|era)\s+",
    re.IGNORECASE,
)
UNTIL = re.compile(r"\b(?:until|through|hasta(?:\s+el)?)\s+$", re.IGNORECASE)
# "concluyó ayer (11 de noviembre)", "which ended on 14 June": the last day only.
ENDED = re.compile(
    r"\b(?:ended|closed|concluded|conclu[iy]\w*|finaliz\w+|culmin\w+|termin\w+)\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)
# "was held November 12-14 in Guatemala City", "se celebró esta semana en la Ciudad
# de México", "met last week in San Pedro Sula, Honduras": where the meeting was.
PLACE_NAME = (
    r"[A-ZÁÉÍÓÚÑ][\w’'-]*(?:[ \t]+(?:(?:de|del|la|los)[ \t]+)*[A-ZÁÉÍÓÚÑ][\w’'-]*)*"
)
HELD_IN = re.compile(
    r"\b(?:held|met|meet|meets|took place|takes place|convened|gathered|celebr[oó]"
    r"|realiz[oó]|llev[oó] a cabo|reunieron|re[uú]ne|congrega|tuvo lugar)\b"
    rf"[^.;:\n]{{0,60}}?\b(?:in|en)\s+(?:(?:la|el)\s+)?(?P<place>{PLACE_NAME})"
    rf"(?:,\s+(?P<country>{PLACE_NAME}))?"
)
ATTENDANCE = re.compile(
    r"\b(?:attended|representatives|representantes|asistieron|participaron|"
    r"participation of|participación de|delegations? of|delegaciones de)\b",
    re.IGNORECASE,
)


def extract(text, *, published=None, matcher=None):
    """What `text` states about one meeting. `published`, the release's date, gives
    the year of dates that omit it."""
    return Reader(text, published, matcher or Matcher()).read()


# The model each kind of proposal becomes, for the length of its fields.
MODELS = {
    "meeting": "events.Event",
    "organization": "people.Organization",
    "role": "events.EventOrganization",
    "person": "people.Person",
    "post": "people.Position",
    "figure": "events.KeyFigure",
    "photo": "events.Photo",
    "media_contact": "events.MediaContact",
}


def max_length(kind, field):
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    if kind not in MODELS:
        return float("inf")
    try:
        limit = apps.get_model(MODELS[kind])._meta.get_field(field).max_length
    except FieldDoesNotExist:
        return float("inf")
    return limit or float("inf")


def plural(word):
    """A pattern for the word in the singular or plural ("authority", "authorities")."""
    if word.endswith("ies"):
        return re.escape(word[:-3]) + "(?:y|ies)"
    if word.endswith("s") and not word.endswith("ss"):
        return re.escape(word[:-1]) + "(?:e?s)?"
    return re.escape(word) + "(?:e?s)?"


def language_of(text):
    found = re.findall(r"\w+", text.casefold())
    english = sum(word in ENGLISH_WORDS for word in found)
    spanish = sum(word in SPANISH_WORDS for word in found)
    return "es" if spanish > english else "en"


class Reader:
    def __init__(self, text, published, matcher):
        self.text = text
        self.published = published
        self.matcher = matcher
        self.extraction = Extraction(text=text, language=language_of(text))
        self.counts = {}
        self.paragraphs = paragraphs(text)
        self.quotations = [q for s, e in self.paragraphs for q in quoted(text, s, e)]
        self.organizations = {}
        self.people = {}
        self.posts = {}
        # Parts of the release that are not its account of the meeting.
        self.aside = []

    def read(self):
        self.read_photo()
        self.read_contact()
        dateline = self.read_dateline()
        meeting = self.add("meeting")
        self.read_meeting(meeting, dateline)
        self.read_roles()
        quotes.read_statements(self)
        self.read_figures()
        self.read_member_counts()
        self.read_key_points()
        self.read_listed(self.matcher.sectors, "sector", self.attendance_sentences())
        self.read_listed(self.matcher.topics, "topic", [(0, len(self.text))])
        self.read_listed(self.matcher.resources, "resource", [(0, len(self.text))])
        if not meeting.fields:
            self.extraction.proposals.remove(meeting)
        # In the order a review reads them: the meeting first, each kind together.
        self.extraction.proposals.sort(key=lambda p: KINDS.index(p.kind))
        return self.extraction

    # Building proposals

    def add(self, kind, **kwargs):
        self.counts[kind] = self.counts.get(kind, 0) + 1
        proposal = Proposal(
            kind=kind, key=f"{kind}-{self.counts[kind]}", fields={}, spans={}, **kwargs
        )
        self.extraction.proposals.append(proposal)
        return proposal

    def set(self, proposal, field, where, value=None):
        """A field read from the text at `where` (a Span); its value is the text
        there, normalised, unless the model's value is given. A text longer than
        the model's field holds is no value of it: it is left out, not cut."""
        if value is None:
            value = normalise(self.text[where.start : where.end])
            if not value or len(value) > max_length(proposal.kind, field):
                return
        proposal.spans[field] = where
        proposal.fields[field] = value

    def in_quotation(self, position):
        return any(start < position < end for start, end in self.quotations)

    def in_aside(self, position):
        return any(start <= position < end for start, end in self.aside)

    def outside(self, position):
        return not self.in_quotation(position) and not self.in_aside(position)

    def organization(self, name, acronym=None):
        """The proposal for the organization named at `name` (a Span), with its
        acronym when the release gives one; one proposal per organization however
        often the release names it ("the UN Migration Agency (IOM)", then "IOM")."""
        written = normalise(self.text[name.start : name.end])
        short = normalise(self.text[acronym.start : acronym.end]) if acronym else ""
        keys = {key(written), *([key(short)] if short else [])}
        for k in keys:
            if k in self.organizations:
                found = self.organizations[k]
                for other in keys:
                    self.organizations.setdefault(other, found)
                if short and "name" not in found.fields:
                    self.set(found, "name", name)
                    self.set(found, "acronym", acronym)
                return found
        proposal = self.add("organization")
        if short or not is_acronym(written):
            self.set(proposal, "name", name)
        if short:
            self.set(proposal, "acronym", acronym)
        elif is_acronym(written):
            self.set(proposal, "acronym", name)
        proposal.match, proposal.candidates = self.matcher.organization(
            proposal.fields.get("name", written), proposal.fields.get("acronym", "")
        )
        for k in keys:
            self.organizations[k] = proposal
        return proposal

    def person(self, title, name):
        """The proposal for the person named at `name`, one however often named."""
        written = normalise(self.text[name.start : name.end])
        if key(written) in self.people:
            return self.people[key(written)]
        proposal = self.add("person")
        if title:
            self.set(proposal, "honorific", title)
        given, family = name_parts(self.text, name)
        self.set(proposal, "given_name", given)
        self.set(proposal, "family_name", family)
        proposal.match, proposal.candidates = self.matcher.person(written)
        self.people[key(written)] = proposal
        return proposal

    def post(self, person, title, organization):
        written = normalise(self.text[title.start : title.end])
        found_key = (person.key, key(written), organization and organization.key)
        if found_key in self.posts:
            return self.posts[found_key]
        proposal = self.add("post", refs={"person": person.key})
        self.set(proposal, "title", title)
        if organization:
            proposal.refs["organization"] = organization.key
        if person.match is not None and (
            organization is None or organization.match is not None
        ):
            proposal.match, proposal.candidates = self.matcher.post(
                person.match, written, organization and organization.match
            )
        self.posts[found_key] = proposal
        return proposal

    # The parts of a release

    def read_photo(self):
        for match in PHOTO.finditer(self.text):
            if self.in_quotation(match.start()):
                continue
            paragraph = self.paragraph_at(match.start())
            line_end = self.text.find("\n", match.end(), paragraph[1])
            credit = span(
                self.text,
                match.end(),
                paragraph[1] if line_end == -1 else line_end,
                " \t\n.",
            )
            if credit.start >= credit.end:
                continue
            photo = self.add("photo")
            caption = span(self.text, paragraph[0], match.start())
            if len(self.text[caption.start : caption.end].split()) >= 2:
                self.set(photo, "caption", caption)
            self.set(photo, "credit", credit)
            self.aside.append(paragraph)
            return

    def read_contact(self):
        for match in reversed(list(CONTACT.finditer(self.text))):
            paragraph = self.paragraph_at(match.start())
            found = self.contact_name(match.end(), paragraph[1])
            if not found:
                continue
            title, name, after = found
            contact = self.add("media_contact")
            contact.refs["person"] = self.person(title, name).key
            self.contact_office(contact, after, paragraph[1])
            phone = PHONE.search(self.text, after, paragraph[1])
            if phone:
                self.set(
                    contact, "phone", Span(phone.start("phone"), phone.end("phone"))
                )
            email = EMAIL.search(self.text, after, paragraph[1])
            if email:
                self.set(contact, "email", Span(email.start(), email.end()))
            self.aside.append(paragraph)
            return

    def contact_name(self, start, end):
        found = CONTACT_NAME_END.search(self.text, start, end)
        if not found:
            return None
        name = person_name(self.text, start, found.start())
        if not name:
            return None
        return (*name, found.start())

    def contact_office(self, contact, start, end):
        """ ", IOM San Jose,": the organization, then its office."""
        segment_start = CONTACT_OFFICE_START.match(self.text, start, end).end()
        segment_end = CONTACT_OFFICE_END.search(self.text, segment_start, end)
        segment_end = segment_end.start() if segment_end else end
        found = organization_at(self.text, segment_start, segment_end)
        if not found:
            return
        name, acronym, _ = found
        first = re.match(r"\S+", self.text[name.start : name.end]).group()
        if is_acronym(first) and name.start + len(first) < name.end:
            org = self.organization(Span(name.start, name.start + len(first)))
            self.set(
                contact, "office", span(self.text, name.start + len(first), segment_end)
            )
        else:
            org = self.organization(name, acronym)
        contact.refs["organization"] = org.key

    def read_dateline(self):
        """(city span, country span, date) of "Mexico City, 6 September 2018 –", the
        place and date the release was written."""
        for start, end in self.paragraphs[1:5]:
            if self.in_aside(start):
                continue
            match = DATELINE.match(self.text, start, end)
            if not match:
                continue
            place = Span(match.start("place"), match.end("place"))
            agency = AGENCY.search(self.text, place.start, place.end)
            if agency:
                place = Span(place.start, agency.start())
            parts = [
                part
                for m in DATELINE_PART.finditer(self.text, place.start, place.end)
                if (part := span(self.text, m.start(), m.end())).start < part.end
            ]
            if not 0 < len(parts) <= 3 or any(
                len(self.text[p.start : p.end].split()) > 5 for p in parts
            ):
                continue
            if (
                self.text[parts[0].start : parts[0].end].split()[0].casefold()
                in ARTICLES
            ):
                continue
            city = country = date = None
            for part in parts:
                written = self.text[part.start : part.end]
                parsed = self.dates_in(part.start, part.end)
                if parsed:
                    date = parsed[0]
                elif (city is not None or part is parts[-1]) and self.matcher.country(
                    written
                ):
                    # "Honduras –", "San José, Costa Rica –": the country.
                    country = part
                elif city is None and written[:1].isupper():
                    city = part
            self.aside.append((start, match.end()))
            return city, country, date
        return None, None, None

    def read_meeting(self, meeting, dateline):
        city, country, date = dateline
        if date and self.published is None:
            self.published = date[0]
        title = self.meeting_title()
        if title:
            title_span, noun, kind = title
            self.set(meeting, "title", title_span)
            if noun:
                self.set(meeting, "kind", noun, kind)
        else:
            headline = self.paragraphs[0] if self.paragraphs else None
            if headline:
                self.set(meeting, "title", span(self.text, *headline))
            found = self.meeting_noun()
            if found:
                self.set(meeting, "kind", found[0], found[1])
        self.read_dates(meeting)
        if city is None:
            city, country = self.meeting_place(country)
        if city:
            self.set(meeting, "city", city)
        if city or country:
            self.read_country(meeting, country, city)
        for pattern, value in FORMATS:
            found = next(
                (
                    m
                    for m in re.finditer(
                        rf"\b(?:{pattern})\b", self.text, re.IGNORECASE
                    )
                    if self.outside(m.start())
                ),
                None,
            )
            if found:
                self.set(meeting, "format", Span(found.start(), found.end()), value)
                break
        found = next(
            (m for m in PARTICIPANTS.finditer(self.text) if self.outside(m.start())),
            None,
        )
        if found:
            where = Span(found.start(), found.end())
            self.set(meeting, "participant_count", where, int(found.group("n")))
            qualifier = (found.group("q") or "").casefold()
            kind = next(
                (
                    CountQualifier(k)
                    for k, words in QUALIFIER_KINDS.items()
                    if qualifier in words
                ),
                CountQualifier.EXACT,
            )
            self.set(meeting, "participant_count_qualifier", where, kind)

    def meeting_place(self, country):
        """(city, country) spans where the release says the meeting was held, when
        its dateline names no city; the dateline's country unless another follows
        the city."""
        for match in HELD_IN.finditer(self.text):
            if not self.outside(match.start()):
                continue
            place = Span(match.start("place"), match.end("place"))
            if self.matcher.country(self.text[place.start : place.end]):
                # "in Honduras": a country, not a city.
                continue
            after = match.group("country")
            if after and self.matcher.country(after):
                country = Span(match.start("country"), match.end("country"))
            return place, country
        return None, country

    def read_country(self, meeting, country, city):
        """The country the dateline names, or the one a city is named after ("Mexico
        City", "Ciudad de Guatemala"); none is guessed from a city alone."""
        where = country
        if where is None:
            written = self.text[city.start : city.end]
            words = list(re.finditer(r"[^\W\d_]+", written))
            for i in range(len(words)):
                for j in range(len(words), i, -1):
                    candidate = written[words[i].start() : words[j - 1].end()]
                    if self.matcher.country(candidate):
                        where = Span(
                            city.start + words[i].start(),
                            city.start + words[j - 1].end(),
                        )
                        break
                if where:
                    break
        if where is None:
            return
        proposal = self.add("country")
        self.set(proposal, "name", where)
        proposal.match = self.matcher.country(proposal.fields["name"])
        meeting.refs["country"] = proposal.key

    def meeting_title(self):
        """(title span, noun span, kind) of the first meeting the release names with a
        capitalised name ("the Regional Workshop on the Governance of Labour Migration:
        Towards…") or in quotation marks ("el taller «…»")."""
        # The headline last: title case makes a meeting's name of any words there.
        for start, end in self.paragraphs[1:] + self.paragraphs[:1]:
            for match in ORDINAL_TITLE.finditer(self.text, start, end):
                if self.outside(match.start()):
                    return self.series_title(match)
        for start, end in self.paragraphs[1:] + self.paragraphs[:1]:
            for match in MEETING_NOUN.finditer(self.text, start, end):
                if not self.outside(match.start()):
                    continue
                noun = Span(match.start(), match.end())
                kind = self.kind_of(match)
                quoted_title = QUOTED_TITLE.match(self.text, match.end(), end)
                if quoted_title:
                    for open_, close in self.quotations:
                        if open_ == quoted_title.end():
                            return span(self.text, open_ + 1, close), noun, kind
                if not self.text[match.start()].isupper():
                    continue
                before = TITLE_BEFORE.search(self.text, start, match.start())
                after = TITLE_AFTER.match(self.text, match.end(), end)
                title_end = after.end()
                small = TRAILING_SMALL_WORDS.search(self.text, match.end(), title_end)
                if small:
                    title_end = small.start()
                title = span(
                    self.text, before.start() if before else match.start(), title_end
                )
                if len(self.text[title.start : title.end].split()) >= 3:
                    return title, noun, kind
        return None

    def series_title(self, match):
        """(title span, noun span, kind) of a meeting named by its number in a series
        ("the 24th Regional Conference on Migration"). A conference of the RCM is its
        vice-ministerial meeting when the release says so ("the Meeting of Vice
        Ministers", "la Reunión Viceministerial"); else the kind is the first
        meeting noun's."""
        small = TRAILING_SMALL_WORDS.search(self.text, match.start(), match.end())
        title = span(self.text, match.start(), small.start() if small else match.end())
        named = list(MEETING_NOUN.finditer(self.text, title.start, title.end))
        own = named[0] if named else None
        for noun in named:
            if self.kind_of(noun) != EventKind.OTHER:
                # "the 3rd Meeting of the Working Group": its kind is the group's.
                return title, Span(noun.start(), noun.end()), self.kind_of(noun)
        nouns = [m for m in MEETING_NOUN.finditer(self.text) if self.outside(m.start())]
        chosen = next(
            (m for m in nouns if self.kind_of(m) == EventKind.VICE_MINISTERIAL),
            own or (nouns[0] if nouns else None),
        )
        if chosen is None:
            return title, None, None
        return title, Span(chosen.start(), chosen.end()), self.kind_of(chosen)

    def meeting_noun(self):
        for match in MEETING_NOUN.finditer(self.text):
            if self.outside(match.start()):
                return Span(match.start(), match.end()), self.kind_of(match)
        return None

    @staticmethod
    def kind_of(match):
        return MEETING_NOUNS[chosen(match)][1]

    def read_dates(self, meeting):
        for start, end in self.paragraphs[1:]:
            for s, e in sentences(self.text, start, end):
                found = self.dates_in(s, e)
                if found:
                    (first, last), where = found
                    if first == last and (
                        UNTIL.search(self.text, s, where.start)
                        or ENDED.search(self.text, s, where.start)
                    ):
                        # "until 14 October": the last day, not the first.
                        self.set(meeting, "end_date", where, last)
                    else:
                        self.set(meeting, "start_date", where, first)
                        self.set(meeting, "end_date", where, last)
                    return

    def dates_in(self, start, end):
        """((first day, last day), span) of the first date or range between start and
        end outside quotations, or None. The year, when the text omits it, is the
        release's; with no release date, such a date is not read."""
        best = None
        for pattern in DATE:
            for match in pattern.finditer(self.text, start, end):
                if not self.outside(match.start()):
                    continue
                if (
                    best is None
                    or match.start() < best.start()
                    or (match.start() == best.start() and match.end() > best.end())
                ):
                    best = match
                break
        if best is None:
            return None
        days = self.days(best.groupdict())
        if days is None:
            return None
        return days, Span(best.start(), best.end())

    def days(self, parts):
        import dateparser

        year = parts.get("y") or parts.get("y1") or self.stated_year
        if year is None:
            if self.published is None:
                return None
            year = str(self.published.year)

        def day(d, month):
            if month is None:
                return None
            if month.isdigit():
                try:
                    return datetime.date(int(year), int(month), int(d))
                except ValueError:
                    return None
            parsed = dateparser.parse(
                f"{d} {month} {year}",
                languages=["en", "es"],
                settings={
                    "REQUIRE_PARTS": ["day", "month", "year"],
                    "DATE_ORDER": "DMY",
                },
            )
            return parsed.date() if parsed else None

        # "November 12-14": the month the range starts in is its last day's too.
        last_month = parts.get("m2") or parts.get("n2") or parts.get("m1")
        last = day(parts["d2"], last_month)
        first = (
            day(parts["d1"], parts.get("m1") or last_month) if parts.get("d1") else last
        )
        if first is None or last is None:
            return None
        if first > last:
            # "29–1 March" does not say which month the first day is in.
            if not parts.get("m1"):
                return None
            # "30 December – 2 January 2019": the first day is the year before's,
            # and a 29 February then names no day.
            try:
                first = first.replace(year=first.year - 1)
            except ValueError:
                return None
        return first, last

    @cached_property
    def stated_year(self):
        """The year of the first full date the release gives ("November 12, 2019"),
        for its dates that omit it, when no release date is given: the release's own
        year, not a guess."""
        if self.published is not None:
            return None
        for pattern in DATE:
            for match in pattern.finditer(self.text):
                year = match.groupdict().get("y") or match.groupdict().get("y1")
                if year and self.outside(match.start()):
                    return year
        return None

    def read_roles(self):
        for start, end in self.paragraphs:
            for s, e in sentences(self.text, start, end):
                self.roles_in(s, e)
                self.active_role(s, e)

    def active_role(self, start, end):
        """ "IOM, through the Regional Migration Program, supported…": the
        organization that starts a sentence, then the verb of its role."""
        begin = strip_article(self.text, start, end)
        found = organization_at(self.text, begin, end)
        if not found or not self.outside(begin):
            return
        name, acronym, position = found
        through = THROUGH.match(self.text, position, end)
        note_end = position
        if through:
            comma = self.text.find(",", through.end(), end)
            if comma == -1:
                return
            note_end = comma
        verb = ROLE_VERB.match(self.text, note_end, end)
        if not verb:
            return
        index = chosen(verb)
        phrase = Span(verb.start(f"p{index}"), verb.end(f"p{index}"))
        proposal = self.role((ROLE_VERBS[index][1], phrase), name, acronym)
        if through:
            self.set(
                proposal, "note", span(self.text, through.start(), note_end, " \t\n,")
            )

    def roles_in(self, start, end):
        """ "Hosted by A and supported by B (IOM) and C": roles and organizations. A
        role phrase after a comma clause ("co-organized by IOM, through the
        Mesoamerica Program, funded by X and by ILO") is nested: "and by" after it
        goes back to the role before."""
        found = [
            m
            for m in ROLE_PHRASE.finditer(self.text, start, end)
            if self.outside(m.start())
        ]
        main = None
        for i, match in enumerate(found):
            role = ROLE_PHRASES[chosen(match)][1]
            limit = found[i + 1].start() if i + 1 < len(found) else end
            phrase = Span(match.start(), match.end())
            nested = main is not None and self.text[
                start : match.start()
            ].rstrip().endswith(",")
            current = (role, phrase)
            position = match.end()
            while True:
                org_found = organization_at(
                    self.text, strip_article(self.text, position, limit), limit
                )
                if not org_found:
                    break
                name, acronym, position = org_found
                role_proposal = self.role(current, name, acronym)
                through = THROUGH.match(self.text, position, limit)
                if through:
                    other = organization_at(
                        self.text, strip_article(self.text, through.end(), limit), limit
                    )
                    if other:
                        self.set(
                            role_proposal,
                            "note",
                            span(self.text, through.start(), other[2]),
                        )
                        self.role(current, other[0], other[1])
                        position = other[2]
                and_by = AND_BY.match(self.text, position, limit)
                if and_by and nested and main:
                    current = main
                    position = and_by.end()
                    continue
                if and_by:
                    position = and_by.end()
                    continue
                more = LIST_AND.match(self.text, position, limit)
                if more and organization_at(
                    self.text, strip_article(self.text, more.end(), limit), limit
                ):
                    position = more.end()
                    continue
                break
            if not nested:
                main = (role, phrase)

    def role(self, role_and_phrase, name, acronym):
        role, phrase = role_and_phrase
        organization = self.organization(name, acronym)
        for existing in self.extraction.of_kind("role"):
            if (
                existing.refs["organization"] == organization.key
                and existing.fields["role"] == role
            ):
                return existing
        proposal = self.add("role", refs={"organization": organization.key})
        self.set(proposal, "role", phrase, role)
        proposal.spans["organization"] = Span(name.start, name.end)
        return proposal

    def read_figures(self):
        for start, end in self.paragraphs[1:]:
            if self.in_aside(start):
                continue
            for match in FIGURE.finditer(self.text, start, end):
                if not self.outside(match.start()):
                    continue
                label = LABEL.match(self.text, match.end(), end)
                label_span = span(self.text, match.end(), label.end())
                if len(self.text[label_span.start : label_span.end].split()) < 2:
                    continue
                figure = self.add("figure")
                self.set(figure, "value", Span(match.start(), match.end()))
                self.set(figure, "label", label_span)
                if "label" not in figure.fields:
                    self.extraction.proposals.remove(figure)

    def read_member_counts(self):
        for start, end in self.paragraphs[1:]:
            for match in MEMBER_COUNT.finditer(self.text, start, end):
                if self.outside(match.start()):
                    figure = self.add("figure")
                    self.set(figure, "value", Span(match.start("n"), match.end("n")))
                    self.set(
                        figure, "label", Span(match.start("label"), match.end("label"))
                    )

    def read_key_points(self):
        for start, end in self.paragraphs[1:]:
            if self.in_aside(start):
                continue
            for s, e in sentences(self.text, start, end):
                if self.in_quotation(s):
                    continue
                self.key_points_in(s, e, end)

    def key_points_in(self, start, end, paragraph_end):
        # The word nearest the colon: "agreed on the following recommendations:".
        colon = self.text.find(":", start, end)
        found = list(
            KEY_POINT_WORD.finditer(self.text, start, end if colon == -1 else colon)
        )
        if not found or not self.outside(found[-1].start()):
            return
        word = found[-1] if colon != -1 else found[0]
        kind = KEY_POINT_WORDS[chosen(word)][1]
        if colon != -1:
            items = self.listed_items(colon + 1, end, paragraph_end)
        else:
            was = OBJECTIVE_WAS.match(self.text, word.start(), end)
            items = [span(self.text, was.end(), end, " \t\n.")] if was else []
        for item in items:
            if len(self.text[item.start : item.end].split()) >= 3:
                point = self.add("keypoint")
                self.set(point, "kind", Span(word.start(), word.end()), kind)
                self.set(point, "text", item)

    def listed_items(self, start, end, paragraph_end):
        """Items after a colon: bulleted lines below it, or "a; b; and c"."""
        rest = self.text[start:paragraph_end]
        if not rest.strip() or BULLET.match(rest.lstrip(" \t").lstrip("\n")):
            return self.bullets(start)
        pieces = re.split(r";", self.text[start:end])
        items, position = [], start
        for piece in pieces:
            piece_start = position
            position += len(piece) + 1
            lead = re.match(r"\s*(?:and|y|e)\s+", piece)
            skip = lead.end() if lead else 0
            items.append(
                span(
                    self.text, piece_start + skip, piece_start + len(piece), " \t\n.;,"
                )
            )
        return items

    def bullets(self, start):
        items = []
        for line in re.finditer(r"[^\n]*", self.text[start:]):
            if not line.group().strip():
                continue
            bullet = BULLET.match(line.group())
            if not bullet:
                if items:
                    break
                continue
            item_start = start + line.start() + bullet.end()
            items.append(span(self.text, item_start, start + line.end(), " \t\n.;,"))
        return items

    def attendance_sentences(self):
        return [
            (s, e)
            for start, end in self.paragraphs
            for s, e in sentences(self.text, start, end)
            if ATTENDANCE.search(self.text, s, e)
        ]

    def read_listed(self, records, kind, where):
        """Existing sectors, topics or resources the release names in `where`,
        whatever the accents, case and plural."""
        for record, names in records:
            found = self.find_folded(names, where)
            if found:
                proposal = self.add(kind, match=record)
                self.set(proposal, "name", found)

    def find_folded(self, names, where):
        folded, index = self.folded
        for name in filter(None, names):
            pattern = re.compile(
                r"\b" + r"\s+".join(map(plural, fold(name).split())) + r"\b"
            )
            for start, end in where:
                found = pattern.search(
                    folded,
                    bisect.bisect_left(index, start),
                    bisect.bisect_left(index, end),
                )
                if found:
                    return Span(index[found.start()], index[found.end() - 1] + 1)
        return None

    @cached_property
    def folded(self):
        """The text folded as the search folds it, and the position in the text of
        each folded character."""
        folded, index = [], []
        for position, char in enumerate(self.text):
            for each in fold(char):
                folded.append(each)
                index.append(position)
        return "".join(folded), index

    def paragraph_at(self, position):
        return next(
            ((s, e) for s, e in self.paragraphs if s <= position < e),
            (position, position),
        )
