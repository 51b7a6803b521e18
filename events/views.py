import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from people.models import Organization
from rcm_site.heavy import limited
from rcm_site.pages import Excerpt, FilteredListView, PreviewableDetailView
from rcm_site.publishing import shown

from .calendars import calendar
from .filters import FIRST_YEAR, BodyFilter, EventFilter, StatementFilter
from .models import Body, Event, Presidency, Source, Statement, Topic
from .structured_data import event_data, statement_data


class EventListView(FilteredListView):
    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published().for_list()


@dataclass(frozen=True)
class Section:
    """One section of a meeting's page: its anchor names its template too."""

    anchor: str
    heading: str

    @property
    def template(self):
        return f"events/meeting/{self.anchor}.html"


# A page of fewer sections reads at a glance, without a contents list.
CONTENTS_FROM = 4


def meeting_sections(event, statements):
    """The sections of a meeting's page that have something to show, in the order a
    reader wants them: what was said before who organized it, the reference lists
    last. One list, so that the contents list names exactly the sections shown."""
    sections = [
        ("figures", _("Key figures"), event.key_figures.all()),
        ("statements", _("Statements"), statements.items),
        ("programme", _("Programme"), event.programme_days),
        (
            "participants",
            _("Who took part"),
            event.participants_shown
            or event.sectors.all()
            or event.page_roles
            or event.meeting_participations,
        ),
        ("objectives", _("Objectives"), event.objectives),
        ("account", _("What happened"), event.body or event.findings),
        (
            "documents",
            _("Documents and sources"),
            event.meeting_documents or event.resources.all() or event.listed_sources,
        ),
        ("photos", _("Photos"), event.photos.all()),
        ("contact", _("Media contact"), event.page_media_contacts),
        ("topics", _("Topics"), event.topics.all()),
    ]
    return [Section(anchor, heading) for anchor, heading, shown in sections if shown]


class EventDetailView(PreviewableDetailView):
    model = Event

    def get_page_queryset(self, preview):
        return Event.objects.visible(preview).for_page(preview)

    def get_context_data(self, **kwargs):
        event = self.object
        # A page of them, as the statements list shows, and a link to the rest:
        # at 103 a meeting, their cards were over a third of the page's time.
        statements = Excerpt(
            event.statements.visible(self.preview).with_attribution().in_order_said(),
            limit=FilteredListView.paginate_by,
        )
        sections = meeting_sections(event, statements)
        return super().get_context_data(
            statements=statements,
            sections=sections,
            contents=sections if len(sections) >= CONTENTS_FROM else [],
            structured_data=event_data(event, self.request),
            rcm_body=shown(event.rcm_body, self.preview),
            presidency=shown(event.presidency, self.preview),
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
        return super().get_context_data(
            parent=shown(body.parent, preview),
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


# How far back the calendar to subscribe to goes: a calendar application fetches it
# again and again, so its size (and the time it takes) is bounded by a year of
# meetings and those to come, whatever the site's history; earlier years have
# calendars of their own.
CALENDAR_DAYS_BACK = 365


@limited
def events_calendar(request):
    """The past year's published meetings and all those to come."""
    since = timezone.localdate() - datetime.timedelta(days=CALENDAR_DAYS_BACK)
    events = (
        Event.objects.published()
        .filter(end_date__gte=since)
        .for_calendar()
        .order_by("start_date", "pk")
    )
    name = _("RCM meetings")
    return calendar_response(calendar(events, request, name), "rcm-meetings.ics")


def year_calendar(request, year):
    """The published meetings that began in one year; a year outside the RCM's is
    a 404 however busy the site, before it waits for a heavy request's slot."""
    if not FIRST_YEAR <= year <= timezone.localdate().year + 10:
        raise Http404(_("No such year."))
    return calendar_of_year(request, year)


@limited
def calendar_of_year(request, year):
    events = (
        Event.objects.published()
        .filter(start_date__year=year)
        .for_calendar()
        .order_by("start_date", "pk")
    )
    name = _("RCM meetings, %(year)s") % {"year": year}
    return calendar_response(
        calendar(events, request, name), f"rcm-meetings-{year}.ics"
    )
