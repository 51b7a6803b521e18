from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from rcm_site.editorial_admin import (
    HistoryAdmin,
    PublicationStateFilter,
    PublishableAdmin,
    WhereUsedAdmin,
)

from .models import Country, Organization, Person, PersonName, Position


@admin.register(Country)
class CountryAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["name", "iso_code", "rcm_status"]
    list_filter = ["rcm_status"]
    search_fields = ["name_en", "name_es", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}


class PositionInline(TranslationTabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["title", "organization", "start_date", "end_date", "site_translated"]


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 0
    fields = ["name", "kind", "note"]


@admin.register(Organization)
class OrganizationAdmin(WhereUsedAdmin, PublishableAdmin):
    # The name column carries the acronym: a column of its own did not fit beside
    # the filters at 1,280 px.
    list_display = [
        "name_and_acronym",
        "kind",
        "country",
        "parent",
        "publication_state",
        "page_link",
    ]
    list_filter = [PublicationStateFilter, "kind", "country"]
    list_select_related = ["country", "parent"]
    search_fields = ["name_en", "name_es", "acronym_en", "acronym_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "parent"]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "kind", "country", "parent"]}),
        (_("About"), {"fields": ["website", "description", "site_translated"]}),
        PublishableAdmin.publication_fieldset,
    ]

    @admin.display(description=_("name"), ordering="name")
    def name_and_acronym(self, organization):
        return str(organization)


@admin.register(Person)
class PersonAdmin(WhereUsedAdmin, PublishableAdmin):
    list_display = [
        "family_name",
        "given_name",
        "honorific",
        "country",
        "publication_state",
        "page_link",
    ]
    list_display_links = ["family_name", "given_name"]
    list_filter = [PublicationStateFilter, "country"]
    list_select_related = ["country"]
    search_fields = ["family_name", "given_name", "slug", "other_names__name"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["country"]
    inlines = [PersonNameInline, PositionInline]
    fieldsets = [
        (
            None,
            {"fields": ["honorific", "given_name", "family_name", "slug", "country"]},
        ),
        (_("About"), {"fields": ["bio", "photo", "photo_alt", "photo_credit"]}),
        PublishableAdmin.publication_fieldset,
    ]


@admin.register(Position)
class PositionAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["person", "title", "organization", "start_date", "end_date"]
    list_filter = ["organization__kind"]
    list_select_related = ["person", "organization"]
    search_fields = [
        "title_en",
        "title_es",
        "person__family_name",
        "person__given_name",
        "organization__name_en",
        "organization__name_es",
        "organization__acronym_en",
        "organization__acronym_es",
    ]
    autocomplete_fields = ["person", "organization"]
    date_hierarchy = "start_date"

    def get_search_results(self, request, queryset, search_term):
        """The post autocomplete beside a person offers that person's posts only
        (rcm_site.editorial_admin.PostOfChosenPerson sends ?person=)."""
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        person = request.GET.get("person")
        if person:
            try:
                person = Position._meta.get_field("person").to_python(person)
            except ValidationError:
                return queryset.none(), False
            queryset = queryset.filter(person=person)
        return queryset, may_have_duplicates


@admin.register(PersonName)
class PersonNameAdmin(HistoryAdmin):
    list_display = ["name", "kind", "person"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["name", "person__family_name", "person__given_name"]
    autocomplete_fields = ["person"]
