import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.filters import CountryFilter
from people.models import Organization, Person
from rcm_site.pages import FacetFilter, TextFilter, YearFilter
from rcm_site.translated import TranslatedSelect

from .enums import BodyKind, EventFormat, EventKind
from .models import Body, Event, Statement, Topic

# Dropdown querysets are callables: published() reads the clock when the queryset is
# built, so it must be built per request, not once when this module is imported.

FIRST_YEAR = 1996  # the RCM's first meeting, in Puebla


def year_filter(**kwargs):
    return YearFilter(
        **kwargs,
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=timezone.now().year + 10,
    )


class EventFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Text"), method="search")
    year = year_filter(field_name="start_date__year")
    country = CountryFilter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind, empty_label=_("All kinds")
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=EventFormat, empty_label=_("All formats")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
        widget=TranslatedSelect(),
    )
    body = django_filters.ModelChoiceFilter(
        label=_("RCM body"),
        field_name="rcm_body",
        queryset=lambda request: Body.objects.published(),
        to_field_name="slug",
        empty_label=_("All bodies"),
        widget=TranslatedSelect(),
    )
    organization = FacetFilter(
        label=_("Organization"),
        field_name="roles__organization",
        queryset=lambda request: Organization.objects.published(),
        distinct=True,
    )
    person = FacetFilter(
        label=_("Person"),
        field_name="participations__person",
        queryset=lambda request: Person.objects.published(),
        distinct=True,
    )

    class Meta:
        model = Event
        fields = [
            "q",
            "year",
            "country",
            "kind",
            "format",
            "topic",
            "body",
            "organization",
            "person",
        ]

    def search(self, queryset, name, value):
        return queryset.search(value)


class BodyFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Name"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=BodyKind, empty_label=_("All kinds")
    )

    class Meta:
        model = Body
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class StatementFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Text"), method="search")
    speaker = FacetFilter(
        label=_("Speaker"), queryset=lambda request: Person.objects.published()
    )
    organization = FacetFilter(
        label=_("Organization"),
        queryset=lambda request: Organization.objects.published(),
    )
    country = CountryFilter()
    event = FacetFilter(
        label=_("Meeting"), queryset=lambda request: Event.objects.published()
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
        widget=TranslatedSelect(),
    )
    year = year_filter(method="by_year")

    class Meta:
        model = Statement
        fields = ["q", "speaker", "organization", "country", "event", "topic", "year"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def by_year(self, queryset, name, value):
        return queryset.in_year(value)
