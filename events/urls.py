from django.urls import path

from . import exports, feeds, views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events.csv", exports.EventExport.as_view(format="csv"), name="event_csv"),
    path("events.json", exports.EventExport.as_view(format="json"), name="event_json"),
    path(
        "statements.csv",
        exports.StatementExport.as_view(format="csv"),
        name="statement_csv",
    ),
    path(
        "statements.json",
        exports.StatementExport.as_view(format="json"),
        name="statement_json",
    ),
    path("events/calendar.ics", views.events_calendar, name="calendar"),
    path("events/calendar/<int:year>.ics", views.year_calendar, name="year_calendar"),
    path("events/<slug:slug>.ics", views.event_calendar, name="event_calendar"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("statements/", views.StatementListView.as_view(), name="statement_list"),
    path(
        "statements/<int:pk>/",
        views.StatementDetailView.as_view(),
        name="statement_detail",
    ),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("bodies/", views.BodyListView.as_view(), name="body_list"),
    path("bodies/<slug:slug>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("presidencies/", views.PresidencyListView.as_view(), name="presidency_list"),
    path(
        "presidencies/<int:year>/",
        views.PresidencyDetailView.as_view(),
        name="presidency_detail",
    ),
    path("feeds/events/", feeds.EventAtomFeed(), name="event_feed"),
    path("feeds/events/rss/", feeds.EventFeed(), name="event_feed_rss"),
    path("feeds/statements/", feeds.StatementAtomFeed(), name="statement_feed"),
    path("feeds/statements/rss/", feeds.StatementFeed(), name="statement_feed_rss"),
    path(
        "feeds/people/<slug:slug>/statements/",
        feeds.PersonStatementFeed(),
        name="person_statement_feed",
    ),
    path(
        "feeds/organizations/<slug:slug>/statements/",
        feeds.OrganizationStatementFeed(),
        name="organization_statement_feed",
    ),
    path(
        "feeds/countries/<str:iso_code>/statements/",
        feeds.CountryStatementFeed(),
        name="country_statement_feed",
    ),
]
