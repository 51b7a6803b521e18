from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from rcm_site.listing import Excerpt, FilteredListView

from .filters import OrganizationFilter, PersonFilter
from .models import Country, Organization, Person

# Meetings and statements belong to the events app. These pages reach them through
# reverse relations (person.statements, country.events…), whose querysets carry the
# events app's own published() rule, so that this app never imports that one.


class PersonListView(FilteredListView):
    filterset_class = PersonFilter
    queryset = Person.objects.published().for_list()


class PersonDetailView(DetailView):
    queryset = Person.objects.published().select_related("country")

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            positions=person.positions.published().select_related("organization"),
            participations=Excerpt(
                person.participations.published()
                .select_related("event", "position__organization")
                .order_by("-event__start_date"),
                limit=20,
            ),
            statements=Excerpt(person.statements.published().for_cards()),
            **kwargs,
        )


class OrganizationListView(FilteredListView):
    filterset_class = OrganizationFilter
    queryset = Organization.objects.published().for_list()


class OrganizationDetailView(DetailView):
    queryset = Organization.objects.published().select_related("country", "parent")

    def get_context_data(self, **kwargs):
        organization = self.object
        return super().get_context_data(
            roles=Excerpt(
                organization.event_roles.published()
                .select_related("event")
                .order_by("-event__start_date", "id"),
                limit=20,
            ),
            positions=Excerpt(
                organization.positions.published()
                .select_related("person")
                .order_by("person__sort_name", "-start_date"),
                limit=20,
            ),
            children=organization.children.published(),
            parent_is_public=bool(
                organization.parent and organization.parent.is_published()
            ),
            statements=Excerpt(organization.statements.published().for_cards()),
            **kwargs,
        )


class CountryListView(ListView):
    queryset = Country.objects.all()


class CountryDetailView(DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(Country, iso_code=self.kwargs["iso_code"].upper())

    def get_context_data(self, **kwargs):
        country = self.object
        return super().get_context_data(
            events=Excerpt(country.events.published().for_list()),
            people=Excerpt(country.people.published(), limit=20),
            organizations=Excerpt(country.organizations.published(), limit=20),
            statements=Excerpt(country.statements.published().for_cards()),
            **kwargs,
        )
