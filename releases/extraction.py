"""What the extractor found in a press release: proposals for records, each with the
span of the release it came from.

`Extraction.text` is the release as plain text; every span indexes into it, and a
field whose value came from the text has a span in `Proposal.spans` under the same
name. A field the release does not state is absent, never empty or guessed.

Kinds, their `fields` (the target model's field names) and `refs`:

- "meeting" (events.Event): title (the meeting's own name where the release gives
  one, "the Regional Workshop on …", else the headline), kind (EventKind),
  start_date, end_date (date; none when the year is neither written nor given as
  the release's date), city, format (EventFormat; only where the release says
  virtual, hybrid or in person), participant_count (int) and
  participant_count_qualifier (CountQualifier: "more than 80 representatives").
  refs: country -> a "country" proposal. The span of a value read from wording is
  that wording ("Workshop", "4-5/09", "60 participants").
- "country" (people.Country): name as written in the dateline or in the city's
  name ("Mexico City"); match only, never proposed new, never guessed from a city.
- "organization" (people.Organization): name, acronym.
- "role" (events.EventOrganization): role (OrganizationRole), and note where the
  release says how ("through the Mesoamerica Program"). The span of role is the
  phrase that gives it ("Hosted by"); spans["organization"] is where this role
  names the organization. refs: organization.
- "person" (people.Person): honorific, given_name, family_name (the first name
  given, the rest family: "Díaz Reynoso").
- "post" (people.Position): title. refs: person, organization.
- "statement" (events.Statement): text, language (the release's), kind
  (StatementKind: verbatim for words in quotation marks, reported for "said
  that ..."). refs: speaker -> person, post, organization. A quote the release
  broke around its attribution is joined as the seed's are (docs/design-notes.md,
  Quotes): the comma before the attribution becomes a full stop, unless the
  second part goes on in lower case. So its `text` is not one stretch of the
  release: `spans["text"]` runs from the first part's start to the last part's end
  (attribution included, for highlighting), and `parts["text"]` holds each part's
  span; the text is the parts' texts, normalised and joined (releases.quotes.joined:
  a quote's own last comma becomes a full stop too, as in the seed).
- "figure" (events.KeyFigure): value (the number with the release's wording of its
  unit: "Over 25 million"), label (what it counts, as the release says it).
- "keypoint" (events.KeyPoint): kind (KeyPointKind; its span is the word that
  gives it, "objectives"), text: each item of a list after a colon ("a; b; and
  c", or bulleted lines), or what "the objective … was" to do.
- "photo" (events.Photo): caption, credit.
- "media_contact" (events.MediaContact): office, phone, email. refs: person,
  organization.
- "sector", "topic", "resource" (events.Sector, Topic, Resource): name, as written
  where the release names the record (accents, case and plurals aside; sectors
  only where the release says who attended); match only.

Values are normalised only in whitespace and quotation marks (releases.text
.normalise): a field's value is `normalise(text[span.start:span.end])`, except a
statement's text (above) and the values read from wording (kinds, format, dates,
counts, roles: of a type other than plain str), which are the model's.

`match` is an existing record; `candidates` the others that come close
(releases.matching): a person by name or another name (people.PersonName), an
organization by name or acronym in either language, a post among the matched
person's, accents and case aside. A person, organization or post without a match
is proposed new.
"""

from dataclasses import dataclass, field

KINDS = (
    "meeting",
    "country",
    "organization",
    "role",
    "sector",
    "person",
    "post",
    "statement",
    "figure",
    "keypoint",
    "photo",
    "media_contact",
    "topic",
    "resource",
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Proposal:
    kind: str
    key: str
    fields: dict
    spans: dict
    refs: dict = field(default_factory=dict)
    # An existing record this proposal is matched to; None proposes a new one.
    match: object = None
    # Other possible matches, [(instance, score 0-100)], best first.
    candidates: list = field(default_factory=list)
    # Field -> the spans of the pieces a value was joined from (a broken quote).
    parts: dict = field(default_factory=dict)


@dataclass
class Extraction:
    text: str
    language: str
    proposals: list = field(default_factory=list)

    def of_kind(self, kind):
        return [proposal for proposal in self.proposals if proposal.kind == kind]

    def get(self, key):
        return next((p for p in self.proposals if p.key == key), None)
