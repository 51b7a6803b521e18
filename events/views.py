from django.views.generic import DetailView

from rcm_site.pages import Excerpt, FilteredListView, PreviewableDetailView

from .filters import EventFilter, StatementFilter
from .models import Event, Statement, Topic


class EventListView(FilteredListView):
    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published().for_list()


class EventDetailView(PreviewableDetailView):
    model = Event

    def get_page_queryset(self, preview):
        return Event.objects.visible(preview).for_page(preview)

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            other_meetings=Event.objects.published()
            .for_list()
            .filter(kind=event.kind)
            .exclude(pk=event.pk)[:5],
            **kwargs,
        )


class StatementListView(FilteredListView):
    filterset_class = StatementFilter

    def get_queryset(self):
        return Statement.objects.published().for_cards()


class StatementDetailView(PreviewableDetailView):
    model = Statement

    def get_page_queryset(self, preview):
        return (
            Statement.objects.visible(preview)
            .for_cards()
            .prefetch_related("topics", "references__issuer")
        )


class TopicDetailView(DetailView):
    model = Topic

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            events=Excerpt(self.object.events.published().for_list()),
            statements=Excerpt(self.object.statements.published().for_cards()),
            **kwargs,
        )
