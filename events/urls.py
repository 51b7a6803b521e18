from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("statements/", views.StatementListView.as_view(), name="statement_list"),
    path(
        "statements/<int:pk>/",
        views.StatementDetailView.as_view(),
        name="statement_detail",
    ),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
]
