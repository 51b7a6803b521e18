import django_filters
from django.utils.translation import gettext_lazy as _

from rcm_site.pages import TextFilter

from .enums import OrganizationKind
from .models import Country, Organization, Person


class PersonFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Name"), method="search")
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="iso_code",
        empty_label=_("All countries"),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        field_name="positions__organization",
        queryset=lambda request: Organization.objects.published(),
        to_field_name="slug",
        empty_label=_("All organizations"),
        distinct=True,
    )

    class Meta:
        model = Person
        fields = ["q", "country", "organization"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class OrganizationFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Name"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind, empty_label=_("All kinds")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="iso_code",
        empty_label=_("All countries"),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "country"]

    def search(self, queryset, name, value):
        return queryset.search(value)
