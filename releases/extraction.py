"""What the extractor found in a press release: proposals for records, each with the
span of the release it came from.

`Extraction.text` is the release as plain text; every span indexes into it, and a
field whose value came from the text has a span in `Proposal.spans` under the same
name. A field the release does not state is absent, never empty or guessed.

Kinds, their `fields` (the target model's field names) and `refs`:

- "meeting" (events.Event): title, kind (EventKind), start_date, end_date (date),
  city, format (EventFormat; only where the release says virtual, hybrid or in
  person). refs: country -> a "country" proposal. The span of kind, format and
  the dates is the wording they were read from ("workshop", "4-5/09").
- "country" (people.Country): name as written; match only (never proposed new).
- "organization" (people.Organization): name, acronym.
- "role" (events.EventOrganization): role (OrganizationRole), and note where the
  release says how ("through the Mesoamerica Program"). The span of role is the
  phrase that gives it ("Hosted by"). refs: organization.
- "sector" (events.Sector): name as written; match only.
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
  span; the text is the parts' texts, normalised and joined.
- "figure" (events.KeyFigure): value (the number with the release's wording of its
  unit: "Over 25 million"), label (what it counts, as the release says it).
- "keypoint" (events.KeyPoint): kind (KeyPointKind), text.
- "photo" (events.Photo): caption, credit.
- "media_contact" (events.MediaContact): office, phone, email. refs: person,
  organization.
- "topic" (events.Topic), "resource" (events.Resource): name / title as written;
  match only.

Values are normalised only in whitespace and quotation marks (`normalise`): a
field's value is `normalise(text[span.start:span.end])`, except a joined quote's
text (above) and the fields read from wording (kind, format, dates, role), whose
values are the model's.
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
