"""Columns of the people and organization downloads. Field names are stable: add new
ones, never rename or remove one."""

from django.utils.translation import gettext_lazy as _

from rcm_site.exports import Column, ExportView, in_each_language, page_path
from rcm_site.publishing import shown

from .filters import OrganizationFilter, PersonFilter
from .models import Organization, Person

PERSON_COLUMNS = [
    Column("slug", lambda p: p.slug, _("Stable identifier of the person.")),
    Column(
        "url",
        page_path("people:person_detail", "slug"),
        _("The person's page."),
        type="url",
    ),
    Column("honorific", lambda p: p.honorific, _("E.g. Ambassador.")),
    Column("given_name", lambda p: p.given_name, _("Given name.")),
    Column("family_name", lambda p: p.family_name, _("Family name or names.")),
    Column(
        "country",
        lambda p: p.country.iso_code if p.country else None,
        _("ISO code of the country served."),
    ),
    Column(
        "current_posts",
        lambda p: [pos.label for pos in p.current_positions],
        _("Posts held now, as 'title, organization'."),
        type="list",
    ),
    Column(
        "other_names",
        lambda p: [other.name for other in p.other_names.all()],
        _("Other names the person is published under."),
        type="list",
    ),
]

ORGANIZATION_COLUMNS = [
    Column("slug", lambda o: o.slug, _("Stable identifier of the organization.")),
    Column(
        "url",
        page_path("people:organization_detail", "slug"),
        _("The organization's page."),
        type="url",
    ),
    Column("name", lambda o: o.name, _("Name.")),
    Column("acronym", lambda o: o.acronym, _("Acronym.")),
    Column("kind", lambda o: o.kind, _("government, intergovernmental, employer…")),
    Column(
        "country",
        lambda o: o.country.iso_code if o.country else None,
        _("ISO code, for a national body."),
    ),
    Column(
        "parent",
        lambda o: getattr(shown(o.parent), "slug", None),
        _("Slug of the organization it is part of."),
    ),
    Column("website", lambda o: o.website or None, _("Website."), type="url"),
    *in_each_language("name", _("Name.")),
    *in_each_language("acronym", _("Acronym.")),
    Column(
        "site_translated",
        lambda o: o.site_translated,
        _("The texts this site translated itself (name_es…)."),
        type="list",
    ),
]


class PersonExport(ExportView):
    filterset_class = PersonFilter
    columns = PERSON_COLUMNS
    name = "people"

    def get_queryset(self):
        return Person.objects.published().for_list().prefetch_related("other_names")


class OrganizationExport(ExportView):
    filterset_class = OrganizationFilter
    columns = ORGANIZATION_COLUMNS
    name = "organizations"

    def get_queryset(self):
        return Organization.objects.published().for_list().select_related("parent")
