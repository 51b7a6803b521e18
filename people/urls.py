from django.urls import path

from . import exports, views

app_name = "people"

urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people.csv", exports.PersonExport.as_view(format="csv"), name="person_csv"),
    path(
        "people.json", exports.PersonExport.as_view(format="json"), name="person_json"
    ),
    path(
        "organizations.csv",
        exports.OrganizationExport.as_view(format="csv"),
        name="organization_csv",
    ),
    path(
        "organizations.json",
        exports.OrganizationExport.as_view(format="json"),
        name="organization_json",
    ),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path(
        "organizations/", views.OrganizationListView.as_view(), name="organization_list"
    ),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path("countries/", views.CountryListView.as_view(), name="country_list"),
    path(
        "countries/<str:iso_code>/",
        views.CountryDetailView.as_view(),
        name="country_detail",
    ),
]
