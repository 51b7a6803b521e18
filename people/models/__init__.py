"""Countries, organizations, people and the posts they hold.

countries       Country, an RCM member or not
organizations   Organization, part of another or not
people          Person, the other names they are published under (PersonName), and
                Position: a post held in an organization over a period
"""

from .countries import Country, CountryQuerySet
from .organizations import Organization, OrganizationQuerySet
from .people import (
    Person,
    PersonName,
    PersonQuerySet,
    Position,
    PositionQuerySet,
    sort_key,
)

__all__ = [
    "Country",
    "CountryQuerySet",
    "Organization",
    "OrganizationQuerySet",
    "Person",
    "PersonName",
    "PersonQuerySet",
    "Position",
    "PositionQuerySet",
    "sort_key",
]
