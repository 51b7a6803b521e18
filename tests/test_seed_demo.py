"""seed_demo: synthetic published data, the same for a seed, apart from the real records."""

import datetime
import io
import uuid
from collections import defaultdict

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict
from django.utils import timezone

from events.models import Event, EventOrganization, Participation, Statement, Topic
from people.models import Country, Organization, Person, Position, sort_key
from rcm_site import search
from rcm_site.models import SearchEntry

from .conftest import WORKSHOP
from .factories import StatementFactory

pytestmark = pytest.mark.django_db

SMALL = [
    "--events",
    "20",
    "--people",
    "50",
    "--organizations",
    "10",
    "--statements",
    "200",
]
DEMO = "demo-"
A_YEAR = datetime.timedelta(days=366)


def seed_demo(*args):
    out = io.StringIO()
    call_command("seed_demo", *SMALL, *args, stdout=out)
    return out.getvalue()


def demo_events():
    return Event.objects.filter(slug__startswith=DEMO)


def demo_statements():
    return Statement.objects.filter(event__slug__startswith=DEMO)


def demo_snapshot():
    """The generated data by value, primary keys aside (a rerun assigns new ones)."""
    return {
        "events": list(
            demo_events()
            .order_by("slug")
            .values_list(
                "slug",
                "uuid",
                "title",
                "start_date",
                "end_date",
                "country__iso_code",
                "city",
                "summary",
                "body",
                "publish_at",
            )
        ),
        "people": list(
            Person.objects.filter(slug__startswith=DEMO)
            .order_by("slug")
            .values_list("slug", "honorific", "given_name", "family_name", "country")
        ),
        "posts": list(
            Position.objects.filter(person__slug__startswith=DEMO)
            .order_by("person__slug", "start_date")
            .values_list(
                "person__slug", "organization__slug", "title", "start_date", "end_date"
            )
        ),
        "roles": list(
            EventOrganization.objects.filter(event__slug__startswith=DEMO)
            .order_by("event__slug", "organization__slug", "role")
            .values_list("event__slug", "organization__slug", "role")
        ),
        "participations": list(
            Participation.objects.filter(event__slug__startswith=DEMO)
            .order_by("event__slug", "order")
            .values_list("event__slug", "person__slug", "position__title", "role")
        ),
        "statements": list(
            demo_statements()
            .order_by("uuid")
            .values_list(
                "uuid",
                "event__slug",
                "speaker__slug",
                "position__title",
                "organization__slug",
                "country__iso_code",
                "text",
                "language",
                "date",
                "order",
                "publish_at",
            )
        ),
        "statement topics": list(
            Statement.topics.through.objects.filter(
                statement__event__slug__startswith=DEMO
            )
            .order_by("statement__uuid", "topic__slug")
            .values_list("statement__uuid", "topic__slug")
        ),
    }


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    seed_demo("--seed", "7")
    first = demo_snapshot()
    seed_demo("--seed", "7", "--replace")
    assert demo_snapshot() == first
    seed_demo("--seed", "8", "--replace")
    other = demo_snapshot()
    assert other["events"] != first["events"]
    assert other["people"] != first["people"]
    assert other["statements"] != first["statements"]


def test_counts_match_the_arguments_and_every_record_is_marked():
    out = seed_demo()
    assert demo_events().count() == Event.objects.count() == 20
    assert Person.objects.filter(slug__startswith=DEMO).count() == 50
    assert Person.objects.count() == 50
    assert Organization.objects.filter(slug__startswith=DEMO).count() == 10
    assert Organization.objects.count() == 10
    assert demo_statements().count() == Statement.objects.count() == 200
    assert Topic.objects.exclude(slug__startswith=DEMO).count() == 0
    assert "20 meetings, 50 people" in out
    assert "10 organizations" in out
    assert "200 statements" in out


def test_loads_the_member_countries_and_holds_meetings_in_all_of_them():
    seed_demo()
    members = set(Country.objects.members().values_list("iso_code", flat=True))
    assert len(members) == 11
    hosts = set(demo_events().values_list("country__iso_code", flat=True))
    assert members <= hosts


def test_meetings_last_one_to_three_days_from_1996_to_a_year_ahead_with_topics_and_roles():
    seed_demo()
    today = timezone.localdate()
    for event in demo_events().prefetch_related("topics", "roles"):
        assert 0 <= (event.end_date - event.start_date).days <= 2
        assert event.start_date.year >= 1996
        assert event.end_date <= max(today, datetime.date(2026, 12, 31)) + A_YEAR
        assert event.topics.exists()
        assert any(role.role == "convener" for role in event.roles.all())
    assert EventOrganization.objects.filter(role="host").exists()


def test_some_meetings_are_announced_and_some_held_in_the_past_year():
    seed_demo("--events", "12")
    today = timezone.localdate()
    upcoming = demo_events().filter(start_date__gt=today)
    assert upcoming.exists()
    assert not Statement.objects.filter(event__in=upcoming).exists()
    assert (
        demo_events()
        .filter(start_date__gte=today - A_YEAR, end_date__lt=today)
        .exists()
    )


def test_statements_in_spanish_and_english_with_accented_names():
    seed_demo()
    assert set(demo_statements().values_list("language", flat=True)) == {"es", "en"}
    texts = list(demo_statements().values_list("text", flat=True))
    assert any("Núñez" in text or "Díaz" in text for text in texts)
    spanish = demo_statements().filter(language="es").values_list("text", flat=True)
    assert any("ó" in text for text in spanish)
    family_names = Person.objects.values_list("family_name", flat=True)
    assert any(not name.isascii() for name in family_names)


def test_people_hold_successive_posts_that_do_not_overlap():
    seed_demo()
    posts = defaultdict(list)
    for post in Position.objects.filter(person__slug__startswith=DEMO):
        posts[post.person_id].append(post)
    assert len(posts) == 50
    assert any(len(held) >= 2 for held in posts.values())
    for held in posts.values():
        held.sort(key=lambda post: post.start_date)
        for earlier, later in zip(held, held[1:], strict=False):
            assert earlier.end_date is not None
            assert earlier.start_date <= earlier.end_date < later.start_date


def test_statements_quote_a_speaker_of_the_meeting_in_the_post_held_then():
    seed_demo()
    statements = demo_statements().select_related("event", "position")
    speakers = set(
        Participation.objects.filter(role="speaker").values_list("event", "person")
    )
    with_post = 0
    for statement in statements:
        event = statement.event
        assert event.start_date <= statement.date <= event.end_date
        assert (statement.event_id, statement.speaker_id) in speakers
        post = statement.position
        if post is None:
            continue
        with_post += 1
        assert post.person_id == statement.speaker_id
        assert post.start_date <= statement.date
        assert post.end_date is None or statement.date <= post.end_date
        assert statement.organization_id == post.organization_id
    assert with_post > len(statements) / 2


def test_everything_generated_is_published_with_what_save_would_set():
    seed_demo()
    for model in (Event, Person, Organization):
        records = model.objects.filter(slug__startswith=DEMO)
        assert model.objects.published().count() == records.count() > 0
        assert not records.exclude(version=1).exists()
        assert not records.filter(updated_at__isnull=True).exists()
    assert Statement.objects.published().count() == 200
    assert not demo_statements().exclude(version=1).exists()
    for statement in demo_statements().select_related(
        "event", "speaker", "organization"
    ):
        assert statement.public_at == statement.named_public_at() is not None
    for person in Person.objects.all():
        assert person.sort_name == sort_key(person.family_name, person.given_name)
    assert len(set(demo_statements().values_list("uuid", flat=True))) == 200


# What a save works out by itself, beside the publication fields, for each kind of
# record seed_demo writes with such rules; the rest of a row is what an editor gives.
DERIVED = {
    Person: ["sort_name"],
    Organization: [],
    Event: [],
    Statement: ["organization", "country", "said_on", "public_at"],
}
PUBLICATION = ["publish_at", "updated_at", "version"]


def as_saved(record):
    """A new record made of what an editor gives for `record`, published without a
    publish time and saved at the time of `record`'s last change: what save() and its
    signals store for it."""
    copy = type(record).objects.get(pk=record.pk)
    copy.pk = None
    copy._state.adding = True
    for name in DERIVED[type(record)] + PUBLICATION:
        field = copy._meta.get_field(name)
        setattr(copy, field.attname, field.get_default())
    if hasattr(copy, "slug"):
        copy.slug += "-saved"
    if hasattr(copy, "uuid"):
        copy.uuid = uuid.uuid4()
    with time_machine.travel(record.updated_at, tick=False):
        copy.save()
    return copy


def test_rows_are_what_save_would_store():
    seed_demo()
    statements = demo_statements().order_by("pk")
    samples = {
        Person: Person.objects.order_by("pk")[:10],
        Organization: Organization.objects.order_by("pk")[:10],
        Event: demo_events().order_by("pk")[:5],
        # With and without a post: the organization comes from the post, and the
        # country from the organization, else the speaker.
        Statement: [
            *statements.filter(position__isnull=False)[:10],
            *statements.filter(position__isnull=True)[:10],
        ],
    }
    assert all(len(sample) >= 5 for sample in samples.values())
    for model, sample in samples.items():
        names = [
            model._meta.get_field(name).attname for name in DERIVED[model] + PUBLICATION
        ]
        for record in sample:
            saved = as_saved(record)
            rows = model.objects.filter(pk__in=[record.pk, saved.pk]).values(*names)
            seeded, stored = list(rows)
            assert seeded == stored, record


def search_entry_counts():
    return {
        model: SearchEntry.objects.filter(kind=search.kind(model)).count()
        for model in search.registry
    }


def test_demo_records_are_in_the_search_index_and_replace_leaves_none_stale():
    seed_demo()
    assert search_entry_counts() == {
        model: model.objects.count() for model in search.registry
    }
    texts = demo_statements().values_list("text", flat=True)
    mentions = sum("Núñez" in text for text in texts)
    assert mentions
    assert Statement.objects.search("nunez").count() >= mentions
    person = Person.objects.filter(slug__startswith=DEMO).first()
    name = sort_key(person.given_name, person.family_name)
    assert person in Person.objects.search(name)
    seed_demo("--seed", "2", "--replace")
    assert search_entry_counts() == {
        model: model.objects.count() for model in search.registry
    }


def test_search_entries_are_what_a_save_would_write():
    seed_demo()
    for model in search.registry:
        entries = dict(
            SearchEntry.objects.filter(kind=search.kind(model)).values_list(
                "object_id", "text"
            )
        )
        for record in model.objects.for_search_index():
            assert entries[record.pk] == search.fold(record.search_text())


def real_records():
    """Every field of the seed's workshop and of what hangs on it."""
    workshop = Event.objects.get(slug=WORKSHOP)
    statements = Statement.objects.filter(event=workshop).order_by("order")
    return {
        "workshop": model_to_dict(workshop) | {"updated_at": workshop.updated_at},
        "statements": list(statements.values()),
        "statement topics": list(
            Statement.topics.through.objects.filter(statement__in=statements)
            .order_by("id")
            .values()
        ),
        "people": list(Person.objects.exclude(slug__startswith=DEMO).values()),
        "posts": list(Position.objects.exclude(person__slug__startswith=DEMO).values()),
        "organizations": list(
            Organization.objects.exclude(slug__startswith=DEMO).values()
        ),
        "roles": list(EventOrganization.objects.filter(event=workshop).values()),
        "participations": list(Participation.objects.filter(event=workshop).values()),
        "topics": list(Topic.objects.exclude(slug__startswith=DEMO).values()),
        "countries": list(Country.objects.values()),
        "search entries": [
            list(
                SearchEntry.objects.filter(
                    kind=search.kind(model), object_id__in=records.values("pk")
                )
                .order_by("id")
                .values()
            )
            for model, records in [
                (Event, Event.objects.exclude(slug__startswith=DEMO)),
                (Statement, Statement.objects.exclude(event__slug__startswith=DEMO)),
                (Person, Person.objects.exclude(slug__startswith=DEMO)),
                (Organization, Organization.objects.exclude(slug__startswith=DEMO)),
            ]
        ],
        "history": [
            model.history.count()
            for model in (Event, Statement, Person, Organization, Position, Topic)
        ],
    }


def test_never_touches_the_real_seed(seed):
    before = real_records()
    assert len(before["statements"]) == 4
    seed_demo()
    assert real_records() == before
    seed_demo("--replace")
    assert real_records() == before
    assert Event.objects.exclude(slug__startswith=DEMO).get().slug == WORKSHOP


def test_a_second_run_without_replace_refuses_and_changes_nothing():
    seed_demo()
    before = demo_snapshot()
    with pytest.raises(CommandError, match="Demo data already exists.*--replace"):
        seed_demo()
    assert demo_snapshot() == before


def test_replace_refuses_when_a_record_made_by_hand_refers_to_demo_data():
    seed_demo()
    before = demo_snapshot()
    speaker = Person.objects.filter(slug__startswith=DEMO).first()
    quote = StatementFactory(speaker=speaker)
    with pytest.raises(CommandError, match="records not made by seed_demo refer"):
        seed_demo("--replace")
    assert demo_snapshot() == before
    assert Statement.objects.get(pk=quote.pk).speaker == speaker


def test_statements_need_meetings_and_people():
    with pytest.raises(CommandError, match="at least one meeting"):
        call_command("seed_demo", "--events", "0", "--statements", "5")
