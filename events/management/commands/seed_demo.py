"""Fill the database with synthetic, published meetings for demonstrations and load tests.

    manage.py seed_demo [--events N] [--people N] [--organizations N]
                        [--statements N] [--seed S] [--replace]

Everything is drawn from one random.Random(seed): the same seed gives the same meetings,
people, posts, roles, participants and statements (slugs, texts, dates, UUIDs) on any
database. The one exception is a publication time later than the start of today (UTC),
which is moved back to it so that every record is public.

Generated meetings, people, organizations and topics have slugs starting with "demo-",
and nothing else is ever changed. A second run refuses while demo data exists, unless
--replace is given: it first deletes the demo records and what seed_demo attaches to
them (statements at demo meetings and their topic links, participations, roles, posts).
If a record made by hand refers to demo data (a photo on a demo meeting, a statement
quoting a demo person), it stops and changes nothing.

Rows are written with bulk_create, which calls neither save() nor signals, so this calls
the rules they call, from the records on each instance instead of queries: the
publication fields (Publishable.stamp, as if saved when published), a person's sort name
(Person.fill_sort_name), a statement's organization, country, date and public time
(Statement.fill_attribution, fill_said_on, named_public_at), the full-text search
entries (search.entry_of); then it starts a new page-cache version. The word lists and
weights it draws from are in _demo_data.py. django-simple-history records saves through
signals, so demo records have no history rows; they were never edited. --replace deletes
without signals too, so it writes no "deleted" history row per demo record either.
"""

import argparse
import datetime
import random
import time
import uuid

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify

from events.enums import (
    EventFormat,
    EventStatus,
    Language,
    OrganizationRole,
    ParticipantRole,
)
from events.models import Event, EventOrganization, Participation, Statement, Topic
from people.enums import OrganizationKind
from people.models import Country, Organization, Person, Position
from rcm_site import page_cache, search
from rcm_site.models import SearchEntry
from rcm_site.publishing import PublicationStatus

from . import _demo_data as demo

PREFIX = "demo-"
BATCH_SIZE = 2000


def non_negative(value):
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return number


def utc(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def headline(phrase):
    """Title case but for short words: "the Protection of Migrant Children"."""
    return " ".join(
        word if word in ("and", "in", "of", "on", "the") else word[0].upper() + word[1:]
        for word in phrase.split()
    )


def days(n):
    return datetime.timedelta(days=n)


def bulk(model, objs):
    return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


def demo_records():
    """The records seed_demo makes that are marked by their slug."""
    return {
        "meetings": Event.objects.filter(slug__startswith=PREFIX),
        "people": Person.objects.filter(slug__startswith=PREFIX),
        "organizations": Organization.objects.filter(slug__startswith=PREFIX),
        "topics": Topic.objects.filter(slug__startswith=PREFIX),
    }


def delete_demo_data():
    """Delete what seed_demo made; IntegrityError if a record made by hand refers to it.

    A queryset's delete() would fetch every row and, through simple-history's signals,
    write a history row for each: rows go in one statement per table instead, and the
    database's foreign keys, checked before returning, stand in for on_delete=PROTECT.
    Returns the number of rows deleted.
    """
    demo = demo_records()
    statements = Statement.objects.filter(event__in=demo["meetings"])
    in_order = {
        Statement.topics.through: Statement.topics.through.objects.filter(
            statement__in=statements
        ),
        Statement: statements,
        Event.topics.through: Event.topics.through.objects.filter(
            event__in=demo["meetings"]
        ),
        Participation: Participation.objects.filter(event__in=demo["meetings"]),
        EventOrganization: EventOrganization.objects.filter(event__in=demo["meetings"]),
        Event: demo["meetings"],
        Position: Position.objects.filter(person__in=demo["people"]),
        Person: demo["people"],
        Organization: demo["organizations"],
        Topic: demo["topics"],
    }
    # The post_delete signal that drops a record's search entry is skipped too.
    entries = [
        SearchEntry.objects.filter(
            kind=search.kind(model), object_id__in=in_order[model].values("pk")
        )
        for model in search.registry
        if model in in_order
    ]
    deleted = sum(qs._raw_delete(qs.db) for qs in [*entries, *in_order.values()])
    connection.check_constraints()
    return deleted


def index_for_search(created):
    """The search entries that post_save would have written for these records, given
    as {model: instances}, each instance with what its search_text() reads cached."""
    SearchEntry.objects.bulk_create(
        [
            search.entry_of(instance, fold=fold_by_word)
            for model in search.registry
            for instance in created.get(model, [])
        ],
        batch_size=BATCH_SIZE,
    )


def fold_by_word(text):
    """search.fold's text: it works character by character, so folding word by word
    gives the same. The generated texts share a few hundred words, folded once each
    by search.fold_word instead of once per record (over a hundred thousand)."""
    return " ".join(map(search.fold_word, text.split(" ")))


def governments_by_country(organizations):
    governments = {}
    for organization in organizations:
        if organization.kind == OrganizationKind.GOVERNMENT:
            governments.setdefault(organization.country_id, []).append(organization)
    return governments


class Generator:
    """Builds and bulk-creates the records, drawing every choice from one Random."""

    def __init__(self, seed, countries, latest):
        # Reproducible on purpose: this is test data, not a secret.
        self.rng = random.Random(seed)  # noqa: S311
        self.countries = countries
        self.latest = latest

    def publish(self, record, moment):
        """`record`, published as a save at `moment` publishes it (Publishable.stamp),
        or at the start of today if `moment` is later."""
        record.publication_status = PublicationStatus.PUBLISHED
        record.stamp(min(moment, self.latest))
        return record

    def uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def day_between(self, first, last):
        return first + days(self.rng.randint(0, (last - first).days))

    def some_publication_time(self):
        """For people and organizations, whose pages do not follow a meeting."""
        first, last = datetime.date(2015, 1, 1), datetime.date(2024, 12, 31)
        return utc(self.day_between(first, last), 12)

    def places(self, country):
        return demo.PLACES.get(country.iso_code) or [
            (country.name, demo.SECRETARIAT_TIME_ZONE)
        ]

    def topics(self):
        """The demo topics, in the order of demo.TOPICS: its index there is its key."""
        return bulk(
            Topic,
            [
                Topic(name=name, slug=f"{PREFIX}{slugify(name)}")
                for name, _, _ in demo.TOPICS
            ],
        )

    # Organizations

    def organizations(self, count):
        """The RCM secretariat, one government per member country, then a mix."""
        rng = self.rng
        organizations, parents = [], []
        runs_programmes = []
        for i in range(count):
            parent = None
            if i == 0:
                kind, country = OrganizationKind.RCM_BODY, None
                name = demo.SECRETARIAT
            elif i <= len(self.countries):
                kind, country = OrganizationKind.GOVERNMENT, self.countries[i - 1]
                name = f"Government of {country.name}"
            else:
                kind = rng.choices(
                    list(demo.ORGANIZATION_KINDS),
                    list(demo.ORGANIZATION_KINDS.values()),
                )[0]
                country = rng.choice(self.countries)
                name = self.organization_name(kind, country)
                if kind in (OrganizationKind.INTERGOVERNMENTAL, OrganizationKind.DONOR):
                    country = None
                    runs_programmes.append(i)
                elif kind == OrganizationKind.PROGRAMME:
                    country = None
                    parent = rng.choice(runs_programmes) if runs_programmes else None
            acronym = ""
            if kind == OrganizationKind.INTERGOVERNMENTAL:
                acronym = "".join(w[0] for w in name.split() if w[0].isupper())
            organization = Organization(
                name=name,
                acronym=acronym,
                slug=f"{PREFIX}{slugify(name)[:80].rstrip('-')}-{i + 1}",
                kind=kind,
                country=country,
            )
            organizations.append(
                self.publish(organization, self.some_publication_time())
            )
            parents.append(parent)
        # A programme needs its parent's primary key, which bulk_create assigns.
        bulk(
            Organization,
            [o for o, p in zip(organizations, parents, strict=True) if p is None],
        )
        children = []
        for organization, parent in zip(organizations, parents, strict=True):
            if parent is not None:
                organization.parent = organizations[parent]
                children.append(organization)
        bulk(Organization, children)
        return organizations

    def organization_name(self, kind, country):
        rng = self.rng
        city = rng.choice(self.places(country))[0]
        spanish = demo.SPANISH_NAMES.get(country.iso_code, country.name)
        names = {
            OrganizationKind.GOVERNMENT: [
                f"{rng.choice(demo.GOVERNMENT_BODIES)} of {country.name}"
            ],
            OrganizationKind.INTERGOVERNMENTAL: [
                f"{rng.choice(demo.INTERGOVERNMENTAL_REGIONS)} "
                f"{rng.choice(demo.INTERGOVERNMENTAL_BODIES)} on "
                f"{rng.choice(demo.INTERGOVERNMENTAL_SUBJECTS)}"
            ],
            OrganizationKind.CIVIL_SOCIETY: [
                f"Casa del Migrante de {city}",
                f"Fundación para la Niñez Migrante de {spanish}",
                f"Red de Organizaciones Civiles para las Migraciones de {spanish}",
                f"Asociación de Mujeres Migrantes de {city}",
                f"Centro de Derechos Humanos {rng.choice(demo.SPANISH_FAMILY)}",
            ],
            OrganizationKind.ACADEMIC: [
                f"Universidad Nacional de {spanish}",
                f"Centro de Estudios Migratorios de {city}",
                f"University of {city}",
            ],
            OrganizationKind.EMPLOYER: [
                f"Chamber of Commerce of {country.name}",
                f"Cámara de Industrias de {spanish}",
            ],
            OrganizationKind.TRADE_UNION: [
                f"Confederación de Trabajadores de {spanish}",
                f"Federation of Workers of {country.name}",
            ],
            OrganizationKind.DONOR: [
                f"{rng.choice(demo.DONOR_NATIONALITIES)} "
                f"{rng.choice(demo.DONOR_BODIES)}"
            ],
            OrganizationKind.PROGRAMME: [
                f"{rng.choice(demo.PROGRAMME_REGIONS)} "
                f"Programme on {rng.choice(demo.TOPICS)[1]}"
            ],
        }
        return rng.choice(names[kind])

    # People and their posts

    def people(self, count):
        rng = self.rng
        people = []
        for i in range(count):
            country = rng.choice(self.countries) if rng.random() < 0.9 else None
            if country is None:
                english = rng.random() < 0.5
            else:
                english = country.iso_code in demo.ENGLISH_SPEAKING
            if english:
                given = rng.choice(demo.ENGLISH_GIVEN)
                family = rng.choice(demo.ENGLISH_FAMILY)
            else:
                given = rng.choice(demo.SPANISH_GIVEN)
                family = rng.choice(demo.SPANISH_FAMILY)
                if rng.random() < 0.6:
                    family = f"{family} {rng.choice(demo.SPANISH_FAMILY)}"
            person = Person(
                honorific=rng.choice(demo.HONORIFICS) if rng.random() < 0.2 else "",
                given_name=given,
                family_name=family,
                slug=f"{PREFIX}{slugify(f'{given} {family}')}-{i + 1}",
                country=country,
            )
            person.fill_sort_name()
            people.append(self.publish(person, self.some_publication_time()))
        people = bulk(Person, people)
        # search_text() reads each person's other names: fetched a batch at a time,
        # as for_search_index() does, instead of a query per person.
        for start in range(0, len(people), BATCH_SIZE):
            prefetch_related_objects(people[start : start + BATCH_SIZE], "other_names")
        return people

    def positions(self, people, organizations):
        """One to three successive posts per person, each ending before the next."""
        rng = self.rng
        governments = governments_by_country(organizations)
        others = [
            o for o in organizations if o.kind != OrganizationKind.GOVERNMENT
        ] or organizations

        def employer(person):
            own = governments.get(person.country_id)
            return (
                rng.choice(own) if own and rng.random() < 0.75 else rng.choice(others)
            )

        def title(organization):
            if organization.kind != OrganizationKind.GOVERNMENT:
                return rng.choice(demo.OTHER_TITLES)
            spanish = organization.country.iso_code not in demo.ENGLISH_SPEAKING
            if spanish and rng.random() < 0.5:
                return rng.choice(demo.GOVERNMENT_TITLES_ES)
            return rng.choice(demo.GOVERNMENT_TITLES_EN)

        positions = []
        for person in people:
            count = rng.choices((1, 2, 3), weights=(55, 30, 15))[0]
            start = self.day_between(demo.FIRST_POST_DAY, demo.LAST_POST_START)
            organization = employer(person)
            for n in range(count):
                end = start + days(rng.randint(365, 8 * 365))
                if end > demo.LAST_DAY or (n == count - 1 and rng.random() < 0.4):
                    end = None
                positions.append(
                    Position(
                        person=person,
                        organization=organization,
                        title=title(organization),
                        start_date=start,
                        end_date=end,
                    )
                )
                if end is None:
                    break
                start = end + days(rng.randint(1, 120))
                if start > demo.LAST_DAY:
                    break
                # Otherwise a promotion: the same organization, a new title.
                if rng.random() < 0.6:
                    organization = employer(person)
        return bulk(Position, positions)

    # Meetings

    def events(self, count, topics):
        """Meetings, and for each the indexes of its topics (in demo.TOPICS). Each member
        country hosts one of the first meetings, so that all of them host one."""
        rng = self.rng
        events, event_topics = [], []
        hosts = list(self.countries)
        rng.shuffle(hosts)
        # The newest meetings fall in the year either side of the seed's day, one in
        # two still to come: every site, however small, then has meetings announced
        # and a calendar of the coming year, and its pages run the same queries.
        recent = max(2, count // 50)
        today = timezone.localdate()
        for i in range(count):
            kinds = demo.EVENT_KINDS
            kind = rng.choices(list(kinds), list(kinds.values()))[0]
            length = rng.choices((1, 2, 3), weights=(35, 40, 25))[0]
            first, last = demo.FIRST_DAY, demo.LAST_DAY
            if i >= count - recent:
                first, last = (
                    (today + days(1), today + days(365))
                    if (count - i) % 2
                    else (today - days(365), today - days(length))
                )
            start = self.day_between(first, last - days(length - 1))
            if i < len(hosts):
                country, event_format = hosts[i], EventFormat.IN_PERSON
            else:
                event_format = rng.choices(list(EventFormat), weights=(85, 5, 10))[0]
                virtual = event_format == EventFormat.VIRTUAL
                country = None if virtual else rng.choice(hosts)
            about = rng.sample(range(len(topics)), rng.randint(1, 3))
            if country is None:
                city, zone, venue, where = "", demo.SECRETARIAT_TIME_ZONE, "", "online"
            else:
                city, zone = rng.choice(self.places(country))
                venue = rng.choice(demo.VENUES)
                where = f"in {city}, {country.name}"
                if event_format == EventFormat.HYBRID:
                    where += " and online"
            cancelled = i >= len(hosts) and rng.random() < 0.02
            phrase = demo.TOPICS[about[0]][1]
            event = Event(
                title=demo.EVENT_TITLES[kind].format(topic=headline(phrase)),
                slug=(
                    f"{PREFIX}{start:%Y-%m}-{kind.value.replace('_', '-')}-"
                    f"{slugify(city or 'online')}-{i + 1}"
                ),
                uuid=self.uuid(),
                kind=kind,
                format=event_format,
                event_status=(
                    EventStatus.CANCELLED if cancelled else EventStatus.SCHEDULED
                ),
                start_date=start,
                end_date=start + days(length - 1),
                timezone=zone,
                venue=venue,
                city=city,
                country=country,
                summary=(
                    f"Delegations of the RCM member countries met {where} "
                    f"to discuss {phrase}."
                ),
                body=self.text(Language.ENGLISH, about[0], country),
                participant_count=None if cancelled else rng.randint(15, 150),
            )
            moment = utc(start - days(rng.randint(7, 60)), 14)
            events.append(self.publish(event, moment))
            event_topics.append(about)
        bulk(Event, events)
        bulk(
            Event.topics.through,
            [
                Event.topics.through(event_id=event.pk, topic_id=topics[t].pk)
                for event, about in zip(events, event_topics, strict=True)
                for t in about
            ],
        )
        return events, event_topics

    def roles(self, events, organizations):
        """The host government, the convening secretariat, and one to four partners."""
        rng = self.rng
        governments = governments_by_country(organizations)
        secretariat = [o for o in organizations if o.kind == OrganizationKind.RCM_BODY]
        partners = [o for o in organizations if o.kind in demo.PARTNER_KINDS]
        roles = []
        for event in events:
            if governments.get(event.country_id):
                roles.append(
                    EventOrganization(
                        event=event,
                        organization=rng.choice(governments[event.country_id]),
                        role=OrganizationRole.HOST,
                    )
                )
            if secretariat:
                roles.append(
                    EventOrganization(
                        event=event,
                        organization=secretariat[0],
                        role=OrganizationRole.CONVENER,
                    )
                )
            for partner in rng.sample(partners, min(len(partners), rng.randint(1, 4))):
                roles.append(
                    EventOrganization(
                        event=event,
                        organization=partner,
                        role=rng.choice(demo.PARTNER_ROLES),
                    )
                )
        return bulk(EventOrganization, roles)

    # Who came, and what they said

    def attendance(self, events, event_topics, topics, people, positions, count):
        """Participations, and `count` statements: each said at a meeting by one of its
        speakers, in the post the speaker held throughout the meeting."""
        rng = self.rng
        posts_by_year = {}
        for position in positions:
            last = (position.end_date or demo.LAST_DAY).year
            for year in range(
                max(position.start_date.year, demo.FIRST_DAY.year), last + 1
            ):
                posts_by_year.setdefault(year, []).append(position)

        # Longer meetings have more to quote; a cancelled one, or one to come, nothing.
        today = timezone.localdate()
        weights = [
            0
            if e.event_status == EventStatus.CANCELLED or e.start_date > today
            else (e.end_date - e.start_date).days + 1
            for e in events
        ]
        quoted = [0] * len(events)
        if count:
            for index in rng.choices(range(len(events)), weights, k=count):
                quoted[index] += 1

        participations, statements, statement_topics = [], [], []
        for event, said, about in zip(events, quoted, event_topics, strict=True):
            if event.event_status == EventStatus.CANCELLED:
                continue
            speaker_count = min(said, rng.randint(3, 12))
            present = self.present(
                event, people, posts_by_year, speaker_count + rng.randint(3, 20)
            )
            for order, (person, post) in enumerate(present, 1):
                if order <= speaker_count:
                    role = ParticipantRole.SPEAKER
                elif order == speaker_count + 1:
                    role = ParticipantRole.MODERATOR
                else:
                    role = ParticipantRole.PARTICIPANT
                participations.append(
                    Participation(
                        event_id=event.pk,
                        person_id=person.pk,
                        position_id=post.pk if post else None,
                        role=role,
                        order=order,
                    )
                )
            speakers = present[:speaker_count]
            length = (event.end_date - event.start_date).days + 1
            dates = sorted(
                event.start_date + days(rng.randrange(length)) for _ in range(said)
            )
            for order, day in enumerate(dates, 1):
                person, post = rng.choice(speakers)
                subjects = rng.sample(about, min(len(about), rng.choice((1, 1, 2))))
                language = self.language(person)
                # Instances rather than ids, for the rules and search_text() to
                # read without a query.
                statement = Statement(
                    uuid=self.uuid(),
                    event=event,
                    speaker=person,
                    position=post,
                    # The words go in the column of the language they were said
                    # in, so that they are not marked as a translation.
                    **{
                        f"text_{language}": self.text(
                            language, subjects[0], event.country or person.country
                        )
                    },
                    language=language,
                    date=day,
                    order=order,
                )
                moment = utc(event.end_date + days(rng.randint(1, 10)), 16)
                self.publish(statement, moment)
                # What the save's signal does, from the records on the instance.
                statement.fill_attribution()
                statement.fill_said_on()
                statement.public_at = statement.named_public_at()
                statements.append(statement)
                statement_topics.append(subjects)
        bulk(Participation, participations)
        bulk(Statement, statements)
        bulk(
            Statement.topics.through,
            [
                Statement.topics.through(
                    statement_id=statement.pk, topic_id=topics[t].pk
                )
                for statement, subjects in zip(
                    statements, statement_topics, strict=True
                )
                for t in subjects
            ],
        )
        return participations, statements

    def present(self, event, people, posts_by_year, wanted):
        """Up to `wanted` different people at the meeting, each with the post held
        throughout it, or with none when too few people held a post then."""
        rng = self.rng
        wanted = min(wanted, len(people))
        chosen, seen = [], set()
        pool = posts_by_year.get(event.start_date.year, [])
        for _ in range(wanted * 10 if pool else 0):
            post = rng.choice(pool)
            if (
                post.start_date <= event.start_date
                and (post.end_date is None or post.end_date >= event.end_date)
                and post.person_id not in seen
            ):
                chosen.append((post.person, post))
                seen.add(post.person_id)
                if len(chosen) == wanted:
                    return chosen
        for _ in range(wanted * 10):
            person = rng.choice(people)
            if person.pk not in seen:
                chosen.append((person, None))
                seen.add(person.pk)
                if len(chosen) == wanted:
                    break
        return chosen

    def language(self, person):
        """Mostly the language of the speaker's country; either for international staff."""
        if person.country is None:
            english_odds = 0.5
        elif person.country.iso_code in demo.ENGLISH_SPEAKING:
            english_odds = 0.85
        else:
            english_odds = 0.15
        return (
            Language.ENGLISH if self.rng.random() < english_odds else Language.SPANISH
        )

    def text(self, language, topic, country):
        """One to three sentences in `language` on demo.TOPICS[topic]."""
        rng = self.rng
        country = country or rng.choice(self.countries)
        if language == Language.ENGLISH:
            country_name, phrase = country.name, demo.TOPICS[topic][1]
        else:
            country_name = demo.SPANISH_NAMES.get(country.iso_code, country.name)
            phrase = demo.TOPICS[topic][2]
        sentences = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            sentence = rng.choice(demo.SENTENCES[language])
            # Draw only what the sentence uses: there are a hundred thousand of them.
            if "{opener}" in sentence:
                opener = rng.choice(demo.OPENERS[language])
                sentence = sentence.replace("{opener}", opener).strip()
            if "{name}" in sentence:
                sentence = sentence.replace(
                    "{name}", rng.choice(demo.QUOTED_NAMES[language])
                )
            if "{city}" in sentence:
                sentence = sentence.replace(
                    "{city}", rng.choice(self.places(country))[0]
                )
            if "{number}" in sentence:
                number = f"{rng.randint(2, 95) * 1000:,}"
                sentence = sentence.replace(
                    "{number}", number.replace(",", demo.THOUSANDS_SEPARATOR[language])
                )
            sentence = sentence.replace("{topic}", phrase).replace(
                "{country}", country_name
            )
            sentences.append(sentence[0].upper() + sentence[1:])
        return " ".join(sentences)


class Command(BaseCommand):
    help = (
        "Generate deterministic synthetic meetings, people, organizations and "
        'statements, all published, with slugs starting with "demo-".'
    )

    def add_arguments(self, parser):
        sizes = [
            ("--events", 2000, "meetings"),
            ("--people", 20000, "people"),
            ("--organizations", 2000, "organizations"),
            ("--statements", 100000, "statements"),
        ]
        for flag, default, what in sizes:
            parser.add_argument(
                flag,
                type=non_negative,
                default=default,
                help=f"Number of {what} (default {default}).",
            )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (default 1)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="First delete the demo data made earlier, and nothing else.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        if options["statements"] and not (options["events"] and options["people"]):
            raise CommandError("Statements need at least one meeting and one person.")
        if options["people"] and not options["organizations"]:
            raise CommandError(
                "People need at least one organization to hold posts in."
            )
        replaced = ""
        with transaction.atomic():
            existing = {name: qs.count() for name, qs in demo_records().items()}
            if any(existing.values()):
                if not options["replace"]:
                    found = ", ".join(f"{n} {name}" for name, n in existing.items())
                    raise CommandError(
                        f"Demo data already exists ({found}). Run seed_demo --replace "
                        "to delete it and generate it again."
                    )
                try:
                    with transaction.atomic():
                        replaced = f", replacing {delete_demo_data()} demo rows"
                except IntegrityError as exc:
                    raise CommandError(
                        "Cannot replace the demo data: records not made by seed_demo "
                        "refer to it (a statement, post, role or photo added by hand?). "
                        f"Remove those references and run again. The database said: {exc}"
                    ) from exc
            counts = self.generate(options)
        # Bulk loads leave the query planner's statistics describing an empty site.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        # Cached pages are renewed by the signals of a save, which bulk_create skips.
        page_cache.new_version()
        self.stdout.write(
            "seed_demo: {} meetings, {} people ({} posts), {} organizations, {} roles, "
            "{} participations, {} statements in {:.1f} s (seed {}{}).".format(
                *counts, time.monotonic() - started, options["seed"], replaced
            )
        )

    def generate(self, options):
        if not Country.objects.members().exists():
            call_command("loaddata", "countries", verbosity=0)
        countries = list(Country.objects.members().order_by("iso_code"))
        if not countries:
            raise CommandError("There is no RCM member country to hold meetings in.")
        # Up to the start of today, so that everything is public and a rerun the same
        # day gives the same publication times.
        latest = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        generator = Generator(options["seed"], countries, latest)
        topics = generator.topics()
        organizations = generator.organizations(options["organizations"])
        people = generator.people(options["people"])
        positions = generator.positions(people, organizations)
        events, event_topics = generator.events(options["events"], topics)
        roles = generator.roles(events, organizations)
        participations, statements = generator.attendance(
            events, event_topics, topics, people, positions, options["statements"]
        )
        index_for_search(
            {
                Topic: topics,
                Organization: organizations,
                Person: people,
                Position: positions,
                Event: events,
                EventOrganization: roles,
                Participation: participations,
                Statement: statements,
            }
        )
        return (
            len(events),
            len(people),
            len(positions),
            len(organizations),
            len(roles),
            len(participations),
            len(statements),
        )
