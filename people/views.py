from django.views.generic import DetailView, ListView

from .models import Country, Organization, Person


class PersonListView(ListView):
    queryset = Person.objects.published()


class PersonDetailView(DetailView):
    queryset = Person.objects.published()


class OrganizationListView(ListView):
    queryset = Organization.objects.published()


class OrganizationDetailView(DetailView):
    queryset = Organization.objects.published()


class CountryListView(ListView):
    model = Country


class CountryDetailView(DetailView):
    model = Country
    slug_field = "iso_code"
    slug_url_kwarg = "iso_code"
