from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from people.models import Organization
from rcm_site.pages import Excerpt, FilteredListView, PreviewableDetailView

from .calendars import calendar
from .filters import BodyFilter, EventFilter, StatementFilter
from .models import Body, Event, Presidency, Source, Statement, Topic
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
            rcm_body=event.shown_body(self.preview),
            presidency=event.shown_presidency(self.preview),
            other_meetings=(
                Event.objects.published()
                .for_list()
                .filter(kind=event.kind)
                .exclude(pk=event.pk)[:5]
            ),
            **kwargs,
        )


class MeetingsPageMixin:
    """A page of a body's or a presidency's published meetings, newest first."""

    query_parameters = ("page",)

    def meetings_page(self, events):
        paginator = Paginator(
            events.published().for_list(), FilteredListView.paginate_by
        )
        return paginator.get_page(self.request.GET.get("page"))


class BodyListView(FilteredListView):
    filterset_class = BodyFilter

    def get_queryset(self):
        return Body.objects.published().select_related("parent")


class BodyDetailView(MeetingsPageMixin, PreviewableDetailView):
    model = Body

    def get_page_queryset(self, preview):
        return Body.objects.visible(preview).select_related("parent")

    def get_context_data(self, **kwargs):
        body, preview = self.object, self.preview
        parent = body.parent
        return super().get_context_data(
            parent=parent if parent and (preview or parent.is_published()) else None,
            children=body.children.visible(preview),
            page_obj=self.meetings_page(body.events),
            **kwargs,
        )


class PresidencyListView(ListView):
    def get_queryset(self):
        return Presidency.objects.published().select_related("country")


class PresidencyDetailView(MeetingsPageMixin, PreviewableDetailView):
    model = Presidency
    slug_field = "year"
    slug_url_kwarg = "year"

    def get_page_queryset(self, preview):
        return Presidency.objects.visible(preview).select_related("country")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_obj=self.meetings_page(self.object.events), **kwargs
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
            .prefetch_related(
                "topics",
                Prefetch("references__issuers", Organization.objects.visible(preview)),
                Prefetch(
                    "sources", Source.objects.for_display(), to_attr="page_sources"
                ),
            )
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
