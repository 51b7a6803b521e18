from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from rcm_site.pages import Excerpt, FilteredListView, PreviewableDetailView

from .calendars import calendar
from .filters import EventFilter, StatementFilter
from .models import Event, Statement, Topic
from .structured_data import event_data, statement_data


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
        statements = event.statements.visible(self.preview)
        return super().get_context_data(
            # A page of them, as the statements list shows, and a link to the rest:
            # at 103 a meeting, their cards were over a third of the page's time.
            statements=Excerpt(
                statements.with_attribution().in_order_said(),
                limit=FilteredListView.paginate_by,
            ),
            structured_data=event_data(event, self.request),
            other_meetings=(
                Event.objects.published()
                .for_list()
                .filter(kind=event.kind)
                .exclude(pk=event.pk)[:5]
            ),
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
            .select_related("country")
            .prefetch_related("topics", "references__issuers")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            structured_data=statement_data(self.object, self.request), **kwargs
        )


class TopicDetailView(DetailView):
    model = Topic

    def get_context_data(self, **kwargs):
        topic = self.object
        return super().get_context_data(
            events=Excerpt(topic.events.published().for_list()),
            statements=Excerpt(topic.statements.published().for_cards()),
            **kwargs,
        )


def calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_calendar(request, slug):
    event = get_object_or_404(Event.objects.published().for_calendar(), slug=slug)
    return calendar_response(calendar([event], request, event.title), f"{slug}.ics")


def events_calendar(request):
    """Every published meeting: a calendar to subscribe to."""
    events = Event.objects.published().for_calendar().order_by("start_date", "pk")
    name = _("RCM meetings")
    return calendar_response(calendar(events, request, name), "rcm-meetings.ics")
