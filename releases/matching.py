"""Names in a release matched to the records the site has.

Names are compared folded (lower case, no accents), as the site's search folds them,
and scored with rapidfuzz; candidates come from the search index, a few at a time,
so a lookup costs the same at any number of records. A match is only proposed when
the name is the record's, up to accents, case, word order and small words; anything
close is a candidate the editor may choose.
"""

from functools import cached_property

from rapidfuzz import fuzz

from rcm_site.search import fold, ranked_ids

from .patterns import CONNECTORS

MATCH = 95
CANDIDATE = 70
SEARCHED = 10
# Sectors, topics and resources are read whole to be found in the text; past this
# many, the rest are not looked for.
MANY = 2000


def key(name):
    """A name folded, without punctuation and small words: what two spellings of the
    same name share."""
    words = "".join(c if c.isalnum() else " " for c in fold(name)).split()
    return " ".join(word for word in words if word not in CONNECTORS)


def score(name, known):
    return max(
        (fuzz.token_sort_ratio(key(name), key(k)) for k in known if k), default=0
    )


def best(scored):
    """(match, candidates) from [(instance, score)]: a match only when one record
    scores high enough and no other as high."""
    scored = sorted(
        (pair for pair in scored if pair[1] >= CANDIDATE), key=lambda p: -p[1]
    )
    if scored and scored[0][1] >= MATCH and (len(scored) == 1 or scored[1][1] < MATCH):
        return scored[0][0], scored[1:]
    return None, scored


class Matcher:
    """The site's records, looked up by the names a release gives."""

    def person(self, name):
        from people.models import Person

        ids = ranked_ids(Person, name, SEARCHED) or ranked_ids(
            Person, name.split()[-1], SEARCHED
        )
        people = Person.objects.filter(pk__in=ids).prefetch_related("other_names")
        return best(
            (
                person,
                score(name, [person.full_name, *map(str, person.other_names.all())]),
            )
            for person in people
        )

    def organization(self, name, acronym=""):
        from people.models import Organization

        ids = set(ranked_ids(Organization, name, SEARCHED))
        if acronym:
            ids.update(ranked_ids(Organization, acronym, SEARCHED))
        scored = []
        for org in Organization.objects.filter(pk__in=ids):
            acronyms = {fold(a) for a in org.in_all_languages("acronym") if a}
            if fold(acronym or name) in acronyms:
                scored.append((org, 100))
            else:
                scored.append((org, score(name, org.in_all_languages("name"))))
        return best(scored)

    def post(self, person, title, organization):
        """The post `person` holds with this title (and organization, when known)."""
        scored = []
        for position in person.positions.select_related("organization"):
            if organization is not None and position.organization_id != organization.pk:
                continue
            scored.append((position, score(title, position.in_all_languages("title"))))
        return best(scored)

    def country(self, name):
        return next(
            (c for c in self.countries if fold(name) in {fold(n) for n in c.names}),
            None,
        )

    @cached_property
    def countries(self):
        from people.models import Country

        countries = list(Country.objects.all())
        for country in countries:
            country.names = country.in_all_languages("name")
        return countries

    @cached_property
    def sectors(self):
        from events.models import Sector

        return [(s, s.in_all_languages("name")) for s in Sector.objects.all()[:MANY]]

    @cached_property
    def topics(self):
        from events.models import Topic

        return [(t, t.in_all_languages("name")) for t in Topic.objects.all()[:MANY]]

    @cached_property
    def resources(self):
        from events.models import Resource

        return [
            (r, [*r.in_all_languages("title"), *r.in_all_languages("short_title")])
            for r in Resource.objects.all()[:MANY]
        ]
