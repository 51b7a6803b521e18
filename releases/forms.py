"""The two forms of an import: the release, then the editor's decisions on what was
found in it.

Between the two, nothing is stored: the review form carries the release's text,
signed, and each request reads it again (extract() is deterministic for a text and
the records it is matched against). A signed field rather than a table or the session:
nothing to clean up after an abandoned review, two reviews in two tabs do not mix, and
the text confirmed is the text reviewed, which the signature guarantees.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventOrganization, Statement

from .drafts import MATCH_ONLY, MODELS, REF_FIELDS, Decision
from .extraction import KINDS, Proposal
from .reading import check_length, read_release, tidy

SALT = "releases.review"
# A review left open longer is started again from the release.
MAX_AGE = datetime.timedelta(days=1)

# What each kind's proposal offers to edit, stated by the release or not: what a new
# record is made of.
EDITABLE = {
    "meeting": ["title", "kind", "format", "start_date", "end_date", "city"],
    "organization": ["name", "acronym"],
    "role": ["role", "note"],
    "person": ["honorific", "given_name", "family_name"],
    "post": ["title"],
    "statement": ["text", "kind", "language"],
    "figure": ["value", "label"],
    "keypoint": ["kind", "text"],
    "photo": ["caption", "credit"],
    "media_contact": ["office", "phone", "email"],
    "resource": ["title"],
}

# Where the admin's autocomplete looks up existing records of a kind: a field that
# points at that model, listed in its admin's autocomplete_fields.
LOOKUPS = {
    "meeting": (Statement, "event"),
    "organization": (Statement, "organization"),
    "person": (Statement, "speaker"),
    "post": (Statement, "position"),
    "country": (Event, "country"),
    "sector": (Event, "sectors"),
    "topic": (Event, "topics"),
    "resource": (Event, "resources"),
}


def sign(text, published, url):
    return signing.dumps(
        {
            "text": text,
            "published": published.isoformat() if published else None,
            "url": url,
        },
        salt=SALT,
        compress=True,
    )


def unsign(value):
    """(text, published, url) of a signed release; BadSignature when it was altered
    or is too old."""
    data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    published = data["published"]
    return (
        data["text"],
        datetime.date.fromisoformat(published) if published else None,
        data["url"],
    )


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the release"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "release-paste"}),
        help_text=_("Paste the release, headline first."),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("A .txt, .html or .pdf file."),
    )
    published = forms.DateField(
        label=_("Release date"),
        required=False,
        help_text=_(
            "The day the release was published, where known: it gives the year of "
            "dates that omit it. For example 2018-09-06."
        ),
    )
    url = forms.URLField(
        label=_("Address of the release online"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and cleaned.get("text", "").strip():
            raise ValidationError(_("Paste the text or upload a file, not both."))
        if upload:
            # One byte over the limit is enough for read_release to refuse it,
            # without reading a huge upload into memory.
            data = upload.read(settings.RELEASE_MAX_BYTES + 1)
            try:
                cleaned["text"] = read_release(upload.name, data)
            except ValidationError as error:
                self.add_error("file", error)
            return cleaned
        # A browser ends a textarea's lines with CRLF; the extractor reads lines.
        cleaned["text"] = tidy(cleaned.get("text", ""))
        if not cleaned["text"]:
            raise ValidationError(_("Paste the release or upload a file."))
        try:
            check_length(cleaned["text"])
        except ValidationError as error:
            self.add_error("text", error)
        return cleaned


def primary_keys(model, values):
    """The values that could be `model`'s primary keys: a form shown again after an
    error holds what was posted, which a query by another type of key refuses."""
    field = model._meta.pk
    keys = set()
    for value in values:
        try:
            keys.add(field.to_python(value))
        except ValidationError:
            continue
    return keys


class CandidatesAutocomplete(AutocompleteSelect):
    """The admin's autocomplete, whose plain <select> already offers "new" and the
    records the extraction found, so that a choice needs no JavaScript; with it, any
    record can be searched for."""

    def __init__(self, field, admin_site, offered, blank_label):
        super().__init__(field, admin_site)
        self.offered = offered
        self.blank_label = blank_label

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-placeholder"] = str(self.blank_label)
        return attrs

    def optgroups(self, name, value, attrs=None):
        selected = {str(v) for v in value if v not in ("", None)}
        records = {str(record.pk): record for record in self.offered}
        unknown = primary_keys(self.choices.queryset.model, selected - records.keys())
        if unknown:
            records.update(
                (str(record.pk), record)
                for record in self.choices.queryset.filter(pk__in=unknown)
            )
        options = [self.create_option(name, "", self.blank_label, not selected, 0)]
        for index, (pk, record) in enumerate(records.items(), 1):
            label = self.choices.field.label_from_instance(record)
            options.append(self.create_option(name, pk, label, pk in selected, index))
        return [(None, options, 0)]


def with_meeting(extraction):
    """The extraction, with a blank meeting for the editor to fill in (or to link to
    one the site has) when the release names none: everything else belongs to a
    meeting. Blank, not guessed: its fields are the editor's."""
    if not extraction.of_kind("meeting"):
        extraction.proposals.insert(
            0, Proposal(kind="meeting", key="meeting-1", fields={}, spans={})
        )
    return extraction


def editable(proposal):
    names = EDITABLE.get(proposal.kind, [])
    return names + [name for name in proposal.fields if name not in names]


def value_field(model, name, value):
    """The form field for one of a proposal's values: the model field's own, so its
    choices and length are the admin's; None for what is not a plain field."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if model_field.is_relation or not model_field.editable:
        return None
    formfield = model_field.formfield(required=False, initial=value)
    if isinstance(formfield.widget, forms.Textarea):
        formfield.widget.attrs.update(rows=4)
    elif isinstance(formfield.widget, forms.TextInput):
        formfield.widget.attrs.update({"class": "vTextField"})
    return formfield


def field_label(model, name):
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def describe(proposal, extraction):
    """A proposal named as the editor knows it: its match, else what it says."""
    if proposal is None:
        return ""
    if proposal.match is not None:
        return str(proposal.match)
    values = proposal.fields
    if proposal.kind == "meeting" and not values:
        return _("the meeting, which the release does not name")
    if proposal.kind == "role":
        organization = extraction.get(proposal.refs.get("organization"))
        role = dict(EventOrganization._meta.get_field("role").flatchoices)
        return (
            f"{role.get(values.get('role'), '')}: {describe(organization, extraction)}"
        )
    if proposal.kind == "person":
        parts = [values.get(n) for n in ("honorific", "given_name", "family_name")]
        return " ".join(part for part in parts if part)
    for name in ("name", "title", "text", "value", "caption", "phone", "email"):
        if values.get(name):
            return Truncator(str(values[name])).words(12)
    return proposal.key


@dataclass
class Row:
    """One proposal on the review screen."""

    proposal: object
    title: str
    keep: object
    match: object
    fields: list
    refs: list
    quoted: list

    @property
    def errors(self):
        return any(field.errors for field in self.fields)


class ReviewForm(forms.Form):
    release = forms.CharField(widget=forms.HiddenInput)
    ready_for_review = forms.BooleanField(
        label=_("Ready for review"),
        required=False,
        initial=True,
        help_text=_(
            "The publishers are told the new meeting is ready; untick to finish it "
            "on its form first."
        ),
    )

    def __init__(self, extraction, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extraction = with_meeting(extraction)
        for proposal in self.proposals():
            key, model = proposal.key, MODELS[proposal.kind]
            self.fields[f"{key}-keep"] = forms.BooleanField(
                label=_("Keep"), required=False, initial=True
            )
            if proposal.kind in LOOKUPS:
                self.fields[f"{key}-match"] = self.match_field(proposal)
            if proposal.kind in MATCH_ONLY:
                continue
            for name in editable(proposal):
                formfield = value_field(model, name, proposal.fields.get(name))
                if formfield is not None:
                    self.fields[f"{key}-{name}"] = formfield

    def proposals(self):
        return [p for p in self.extraction.proposals if p.kind in MODELS]

    def match_field(self, proposal):
        source, name = LOOKUPS[proposal.kind]
        model = MODELS[proposal.kind]
        offered = [proposal.match] if proposal.match is not None else []
        offered += [record for record, _score in proposal.candidates]
        return forms.ModelChoiceField(
            label=_("Existing record"),
            queryset=model._default_manager.all(),
            required=False,
            initial=proposal.match.pk if proposal.match is not None else None,
            widget=CandidatesAutocomplete(
                source._meta.get_field(name),
                admin.site,
                offered,
                _("None") if proposal.kind in MATCH_ONLY else _("New record"),
            ),
            help_text=(
                _("Only an existing one can be linked.")
                if proposal.kind in MATCH_ONLY
                else _("Linked as it stands, or a new record from the fields below.")
            ),
        )

    def groups(self):
        """[(heading, [Row])] by kind, in the extraction's order of kinds."""
        rows = {}
        for proposal in self.proposals():
            key = proposal.key
            fields = [
                self[f"{key}-{name}"]
                for name in editable(proposal)
                if f"{key}-{name}" in self.fields
            ]
            refs = [
                (
                    capfirst(
                        MODELS[proposal.kind]
                        ._meta.get_field(REF_FIELDS.get(name, name))
                        .verbose_name
                    ),
                    describe(self.extraction.get(target), self.extraction),
                )
                for name, target in proposal.refs.items()
            ]
            quoted = [
                (
                    field_label(MODELS[proposal.kind], name),
                    self.extraction.text[span.start : span.end],
                    f"{key}-{name}",
                )
                for name, span in proposal.spans.items()
            ]
            match = self[f"{key}-match"] if f"{key}-match" in self.fields else None
            rows.setdefault(proposal.kind, []).append(
                Row(
                    proposal,
                    describe(proposal, self.extraction),
                    self[f"{key}-keep"],
                    match,
                    fields,
                    refs,
                    quoted,
                )
            )
        return [
            (capfirst(MODELS[kind]._meta.verbose_name_plural), rows[kind])
            for kind in KINDS
            if kind in rows
        ]

    def clean(self):
        cleaned = super().clean()
        for proposal in self.extraction.of_kind("meeting"):
            key = proposal.key
            if not cleaned.get(f"{key}-keep") or cleaned.get(f"{key}-match"):
                continue
            for name in ("title", "start_date", "end_date"):
                if f"{key}-{name}" in self.fields and not cleaned.get(f"{key}-{name}"):
                    self.add_error(
                        f"{key}-{name}",
                        _("The release does not state it: enter it."),
                    )
            start = cleaned.get(f"{key}-start_date")
            end = cleaned.get(f"{key}-end_date")
            if start and end and end < start:
                self.add_error(
                    f"{key}-end_date", _("A meeting cannot end before it starts.")
                )
        return cleaned

    def decisions(self):
        """{proposal key: Decision} from the editor's choices."""
        data = self.cleaned_data
        decisions = {}
        for proposal in self.proposals():
            key = proposal.key
            fields = dict(proposal.fields)
            for name in editable(proposal):
                if f"{key}-{name}" in self.fields:
                    fields[name] = data.get(f"{key}-{name}")
            decisions[key] = Decision(
                keep=data.get(f"{key}-keep", False),
                match=data.get(f"{key}-match"),
                fields=fields,
            )
        return decisions
