from django.views.generic import DetailView, ListView

from .models import Event, Statement, Topic


class EventListView(ListView):
    queryset = Event.objects.published()


class EventDetailView(DetailView):
    queryset = Event.objects.published()


class StatementListView(ListView):
    queryset = Statement.objects.published()


class StatementDetailView(DetailView):
    queryset = Statement.objects.published()


class TopicDetailView(DetailView):
    model = Topic
