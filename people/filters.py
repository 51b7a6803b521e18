import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from rcm_site.pages import FacetFilter, TextFilter
from rcm_site.translated import TranslatedSelect

from .enums import OrganizationKind
from .models import Country, Organization, Person


class CountryCodeField(forms.ModelChoiceField):
    """ISO codes in either case: ?country=mx is Mexico, as /countries/mx/ is."""

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


class CountryFilter(django_filters.ModelChoiceFilter):
    field_class = CountryCodeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Country"))
        kwargs.setdefault("queryset", Country.objects.all())
        kwargs.setdefault("to_field_name", "iso_code")
        kwargs.setdefault("empty_label", _("All countries"))
        kwargs.setdefault("widget", TranslatedSelect())
        super().__init__(*args, **kwargs)


class PersonFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Name"), method="search")
    country = CountryFilter()
    organization = FacetFilter(
        label=_("Organization"),
        field_name="positions__organization",
        queryset=lambda request: Organization.objects.published(),
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
    country = CountryFilter()

    class Meta:
        model = Organization
        fields = ["q", "kind", "country"]

    def search(self, queryset, name, value):
        return queryset.search(value)
