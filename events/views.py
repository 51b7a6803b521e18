from django.views.generic import DetailView

from rcm_site.listing import Excerpt, FilteredListView

from .filters import EventFilter, StatementFilter
from .models import Event, Statement, Topic


class EventListView(FilteredListView):
    filterset_class = EventFilter
    queryset = Event.objects.published().for_list()


class EventDetailView(DetailView):
    queryset = Event.objects.published().for_page()

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
    queryset = Statement.objects.published().for_cards()


class StatementDetailView(DetailView):
    queryset = (
        Statement.objects.published()
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
