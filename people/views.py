from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from rcm_site.pages import Excerpt, FilteredListView, PreviewableDetailView
from rcm_site.publishing import shown

from .filters import OrganizationFilter, PersonFilter
from .models import Country, Organization, Person
from .structured_data import organization_data, person_data

# Meetings and statements belong to the events app. These pages reach them through
# reverse relations (person.statements, country.events…), whose querysets carry the
# events app's own published() rule, so that this app never imports that one.

# An organization's latest meetings in each of its roles (host, funder…).
ROLE_MEETINGS_SHOWN = 5


class PersonListView(FilteredListView):
    filterset_class = PersonFilter

    def get_queryset(self):
        return Person.objects.published().for_list()


class PersonDetailView(PreviewableDetailView):
    model = Person

    def get_page_queryset(self, preview):
        return (
            Person.objects.visible(preview)
            .select_related("country")
            .prefetch_related("other_names")
        )

    def get_context_data(self, **kwargs):
        person, preview = self.object, self.preview
        positions = list(
            person.positions.visible(preview).select_related("organization")
        )
        return super().get_context_data(
            positions=positions,
            structured_data=person_data(person, positions, self.request),
            participations=Excerpt(
                person.participations.visible(preview)
                .select_related("event", "session", "position__organization")
                # The meetings' days are their sessions' (Event.dates_shown).
                .prefetch_related("event__sessions")
                .latest_meetings_first(),
                limit=20,
            ),
            statements=Excerpt(person.statements.visible(preview).for_cards(), limit=5),
            **kwargs,
        )


class OrganizationListView(FilteredListView):
    filterset_class = OrganizationFilter

    def get_queryset(self):
        return Organization.objects.published().for_list()


class OrganizationDetailView(PreviewableDetailView):
    model = Organization

    def get_page_queryset(self, preview):
        return Organization.objects.visible(preview).select_related("country", "parent")

    def get_context_data(self, **kwargs):
        organization, preview = self.object, self.preview
        show_parent = shown(organization.parent, preview) is not None
        return super().get_context_data(
            structured_data=organization_data(organization, show_parent, self.request),
            show_parent=show_parent,
            roles=list(
                organization.event_roles.visible(preview)
                .select_related("event")
                .prefetch_related("event__sessions")
                .latest_by_role(ROLE_MEETINGS_SHOWN)
            ),
            positions=Excerpt(
                organization.positions.visible(preview)
                .select_related("person")
                .order_by("person__sort_name", "-start_date"),
                limit=20,
            ),
            children=organization.children.visible(preview),
            statements=Excerpt(
                organization.statements.visible(preview).for_cards(), limit=5
            ),
            **kwargs,
        )


class CountryListView(ListView):
    queryset = Country.objects.all()


class CountryDetailView(DetailView):
    def get(self, request, *args, **kwargs):
        iso_code = kwargs["iso_code"]
        if iso_code != iso_code.lower():
            return redirect("people:country_detail", iso_code.lower(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(Country, iso_code=self.kwargs["iso_code"].upper())

    def get_context_data(self, **kwargs):
        country = self.object
        return super().get_context_data(
            events=Excerpt(country.events.published().for_list()),
            people=Excerpt(country.people.published(), limit=20),
            organizations=Excerpt(country.organizations.published(), limit=20),
            statements=Excerpt(country.statements.published().for_cards(), limit=5),
            presidencies=Excerpt(country.presidencies.published()),
            **kwargs,
        )
