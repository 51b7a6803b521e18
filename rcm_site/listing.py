"""What every filtered public list shares."""

from django import forms
from django_filters import CharFilter, NumberFilter
from django_filters.views import FilterView

MAX_QUERY_LENGTH = 200


class TextFilter(CharFilter):
    """Free text; a NUL byte or an absurd length is an error, not a query."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(*args, **kwargs)


class YearFilter(NumberFilter):
    field_class = forms.IntegerField


class FilteredListView(FilterView):
    """A django-filter list that answers 400, with the form naming the field, when a
    filter value does not validate, instead of a silently empty or unfiltered list."""

    paginate_by = 20
    template_name_suffix = "_list"

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        self.object_list = (
            self.filterset.qs if valid else self.filterset.queryset.none()
        )
        context = self.get_context_data(
            filter=self.filterset, object_list=self.object_list
        )
        return self.render_to_response(context, status=200 if valid else 400)


class Excerpt:
    """The first rows of a related list and the size of the whole, so a page can show
    a few and link to the filtered list of all of them."""

    def __init__(self, queryset, limit=10):
        self.items = queryset[:limit]
        self.count = queryset.count()
        self.more = self.count > limit
