"""What public pages share: filtered lists, excerpts of related lists, previews."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Subquery, Value
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters import CharFilter, ModelChoiceFilter, NumberFilter
from django_filters.views import FilterView

MAX_QUERY_LENGTH = 200
# Text searches and excerpts count their rows up to this many: a common word matches
# a fifth of 100,000 statements, and counting every match cost more than the page.
MAX_COUNTED_MATCHES = 1000


class TextFilter(CharFilter):
    """Free text; a NUL byte or an absurd length is an error, not a query."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(*args, **kwargs)


class YearFilter(NumberFilter):
    """A year; a text box, so that a mistyped value stays visible beside its error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class FacetFilter(ModelChoiceFilter):
    """One record among thousands (a speaker, a meeting, an organization), chosen by
    following a link from its page rather than from a dropdown: a select of 20,000
    people is no use on a phone and costs a query over all of them on every page. The
    form carries the choice as a hidden field and the page shows it, with a way to
    drop it; validating it is one lookup by slug."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Nothing public on this site goes by “%(value)s”.")},
        )
        super().__init__(*args, **kwargs)


class MatchesPaginator(Paginator):
    """Pages of a text search's matches, counted up to MAX_COUNTED_MATCHES and listed
    up to them; `more_than_counted` says that there are more."""

    @cached_property
    def counted(self):
        return self.object_list.order_by()[: MAX_COUNTED_MATCHES + 1].count()

    @cached_property
    def count(self):
        return min(self.counted, MAX_COUNTED_MATCHES)

    @property
    def more_than_counted(self):
        return self.counted > MAX_COUNTED_MATCHES


class FilteredListView(FilterView):
    """A django-filter list that answers 400, with the form naming the field, when a
    filter value does not validate, instead of a silently empty or unfiltered list."""

    paginate_by = 20
    template_name_suffix = "_list"

    def get_paginator(self, queryset, *args, **kwargs):
        if getattr(self.filterset.form, "cleaned_data", {}).get("q"):
            return MatchesPaginator(queryset, *args, **kwargs)
        return super().get_paginator(queryset, *args, **kwargs)

    @classproperty
    def query_parameters(cls):
        """The parameters the page cache keeps (see page_cache.canonicalize)."""
        return (*cls.filterset_class.base_filters, "page")

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        self.object_list = (
            self.filterset.qs if valid else self.filterset.queryset.none()
        )
        context = self.get_context_data(
            filter=self.filterset,
            object_list=self.object_list,
            rejected=not valid,
            chosen=self.chosen_values(),
            facets=self.chosen_facets(),
        )
        return self.render_to_response(context, status=200 if valid else 400)

    def chosen_values(self):
        """The value of each filter in use, in words, in the form's order: what the
        page's title says the list is narrowed to. Read from the validated form, so
        naming a record costs no query."""
        form = self.filterset.form
        values = []
        for name, value in getattr(form, "cleaned_data", {}).items():
            if value in (None, ""):
                continue
            field = form.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                values.append(str(value))
            elif isinstance(field, forms.ChoiceField):
                values.append(str(dict(field.choices).get(value, value)))
            elif isinstance(field, forms.CharField):
                values.append(gettext("“%(text)s”") % {"text": value})
            else:
                values.append(str(value))
        return values

    def chosen_facets(self):
        """Each facet narrowing the list: its label, the record, and the address of
        the list without it."""
        form = self.filterset.form
        chosen = getattr(form, "cleaned_data", {})
        facets = []
        for name, filter_ in self.filterset.filters.items():
            if isinstance(filter_, FacetFilter) and chosen.get(name):
                query = self.request.GET.copy()
                query.pop(name)
                query.pop("page", None)
                facets.append(
                    {
                        "label": form[name].label,
                        "record": chosen[name],
                        "without": f"?{query.urlencode()}" if query else "?",
                    }
                )
        return facets


class Excerpt:
    """The first rows of a related list and the size of the whole, so a page can show
    a few and link to the filtered list of all of them.

    One query: the size comes with each row, as a subquery the database runs once
    (it names no column of the row), and the rows still stop at the limit; a window
    count would read every matching row first. The size is counted up to
    MAX_COUNTED_MATCHES, as a text search's: a topic's 8,000 statements were read
    to the last to be counted."""

    def __init__(self, queryset, limit=10):
        first = queryset.order_by().values("pk")[: MAX_COUNTED_MATCHES + 1]
        size = (
            queryset.model._base_manager.filter(pk__in=first)
            .order_by()
            .annotate(whole=Value(1))
            .values("whole")
            .annotate(size=Count("pk"))
            .values("size")
        )
        self.items = list(queryset.annotate(excerpt_of=Subquery(size))[:limit])
        counted = self.items[0].excerpt_of if self.items else 0
        self.count = min(counted, MAX_COUNTED_MATCHES)
        self.more_than_counted = counted > MAX_COUNTED_MATCHES
        self.more = counted > limit


class PreviewableDetailView(DetailView):
    """A record's public page. Staff who may view the record also see it before it is
    public (a draft, or scheduled for later), as it will look, with a banner; anyone
    else gets a 404 for it. ``?preview=1`` shows drafts on an already public page.

    Subclasses set ``model`` and give the page's queryset for either case.
    """

    def get_page_queryset(self, preview):
        raise NotImplementedError

    def can_preview(self):
        user = self.request.user
        opts = self.model._meta
        return user.is_staff and user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        )

    def get_object(self, queryset=None):
        self.preview = False
        if self.can_preview():
            obj = super().get_object(self.get_page_queryset(preview=True))
            if self.request.GET.get("preview") or not obj.is_published():
                self.preview = True
                return obj
        return super().get_object(self.get_page_queryset(preview=False))

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview:
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        return response
