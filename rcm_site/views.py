from django.views.generic import TemplateView

from events.models import Event, KeyFigure, Statement
from people.models import Country


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        events = Event.objects.published().for_list()
        return super().get_context_data(
            upcoming=events.upcoming()[:5],
            recent=events.past()[:5],
            statements=Statement.objects.published().for_cards()[:4],
            key_figures=KeyFigure.objects.filter(event__in=Event.objects.published())
            .select_related("event")
            .order_by("-event__start_date", "order")[:4],
            countries=Country.objects.members(),
            **kwargs,
        )
