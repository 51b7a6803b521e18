"""What public pages share: filtered lists, excerpts of related lists, previews."""

import functools

from django import forms
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters import CharFilter, ModelChoiceFilter, NumberFilter
from django_filters.views import FilterView

from . import page_cache

MAX_QUERY_LENGTH = 200


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


class FilteredListView(FilterView):
    """A django-filter list that answers 400, with the form naming the field, when a
    filter value does not validate, instead of a silently empty or unfiltered list."""

    paginate_by = 20
    template_name_suffix = "_list"

    def get(self, request, *args, **kwargs):
        # Whether the filters at this address validate, and which records they
        # choose, is the same for every reader until the content changes (a facet
        # names a record): worked out once per generation and kept. So are the
        # count and each page's records (below), and the form is a kept fragment:
        # the filterset and the queryset are built only for what is not kept.
        self.filterset = SimpleLazyObject(
            lambda: self.get_filterset(self.get_filterset_class())
        )
        valid, facets = page_cache.kept(
            request, self.check_filters, "filters", request.get_full_path()
        )
        self.object_list = Unbuilt(
            self.get_filterset_class()._meta.model,
            lambda: self.filterset.qs if valid else self.filterset.queryset.none(),
        )
        context = self.get_context_data(
            filter=self.filterset, object_list=self.object_list, facets=facets
        )
        return self.render_to_response(context, status=200 if valid else 400)

    # What a list shows at an address (its count and the records of each page) is
    # the same for every reader until the content changes, and finding it can mean
    # counting and sorting most of 100,000 statements: it is worked out once per
    # generation (see page_cache.kept), and each page's records are then read by
    # primary key, if at all.

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = page_cache.kept_count(self.request, queryset)
        return paginator

    def paginate_queryset(self, queryset, page_size):
        paginator, page, records, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        ids = page_cache.kept(
            self.request,
            lambda: list(records.values_list("pk", flat=True)),
            "page",
            self.request.get_full_path(),
        )
        page.object_list = RecordsById(ids, self.get_queryset)
        return paginator, page, page.object_list, is_paginated

    def check_filters(self):
        filterset = self.filterset
        return not filterset.is_bound or filterset.is_valid(), self.chosen_facets()

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
                        "label": str(form[name].label),
                        "record": chosen[name],
                        "without": f"?{query.urlencode()}" if query else "?",
                    }
                )
        return facets


class Unbuilt:
    """A list's queryset, built by build() only when something needs more than what is
    kept of it: its count, or the records of one of its pages."""

    # Each list's queryset is ordered; finding out would build it.
    ordered = True

    def __init__(self, model, build):
        self.model = model
        self.build = functools.cache(build)

    def count(self):
        return self.build().count()

    def __getitem__(self, index):
        return SimpleLazyObject(lambda: self.build()[index])


class RecordsById:
    """A list of records known by their ids, in that order, read from the database in
    one query only when something needs them as records. The cards tag needs only the
    ids of the cards it has kept, and reads the others with load(). `queryset` is a
    function that gives the queryset to read them from: building one costs more than
    the rest of a page whose cards are all kept."""

    def __init__(self, ids, queryset):
        self.ids = ids
        self.queryset = queryset

    def load(self, ids):
        found = self.queryset().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    @cached_property
    def records(self):
        return self.load(self.ids)

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self.records)


def kept_records(request, key, queryset, limit=None):
    """The records of `queryset()` (its first `limit`) as RecordsById: which ones is
    worked out once per generation and kept under `key`, which names the list on
    the page at this address."""
    return RecordsById(
        page_cache.kept(
            request,
            lambda: list(queryset().values_list("pk", flat=True)[:limit]),
            "records",
            request.path,
            key,
        ),
        queryset,
    )


class Excerpt:
    """The first rows of a related list and the size of the whole, so a page can show
    a few and link to the filtered list of all of them. Which rows, and how many in
    all, is kept for the generation under `key` (see kept_records)."""

    def __init__(self, request, key, queryset, limit=10):
        def compute():
            records = queryset()
            return list(records.values_list("pk", flat=True)[:limit]), records.count()

        first, self.count = page_cache.kept(
            request, compute, "excerpt", request.path, key
        )
        self.items = RecordsById(first, queryset)
        self.more = self.count > limit


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

        def public():
            return super(PreviewableDetailView, self).get_object(
                self.get_page_queryset(preview=False)
            )

        # The public record at this address is the same for every reader until the
        # content changes: read once per generation and kept. A 404 is not kept.
        return page_cache.kept(self.request, public, "record", self.request.path)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)

    # A staff preview lists drafts too: its lists are kept apart from the public's.

    def excerpt(self, name, queryset, limit=10):
        return Excerpt(self.request, (name, self.preview), queryset, limit=limit)

    def records(self, name, queryset, limit=None):
        return kept_records(self.request, (name, self.preview), queryset, limit=limit)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview:
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        return response
