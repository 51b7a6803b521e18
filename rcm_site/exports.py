"""CSV and JSON downloads of filtered lists.

Each list names its columns once (name, type, description, how to read the value);
the CSV header, the JSON fields, the JSON Schema and the "Data and feeds" page all come
from that one definition, so the documented field names are the ones served.

A download honours the list's FilterSet and the published-only rule of its queryset.
A filtered CSV streams every matching row, many rows to a chunk, as one of the heavy
requests that run a few at a time; the whole list's CSV is a file built once per
content version (rcm_site.heavy). JSON comes in pages with links to the next and
previous page.

Text columns are in the language of the download's address (/en/events.csv or
/es/events.csv), or the other where a record has none in it; the translated ones also
come once per language (title_en, title_es), empty where that language has no text.
"""

import csv
import datetime
import functools
import hashlib
import io
import itertools

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import get_script_prefix, reverse
from django.utils.functional import classproperty
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from . import heavy

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CHUNK_SIZE = 1000
# Each chunk a streamed CSV yields becomes one socket write under gunicorn's sync
# workers; a row each meant 100,000 small TCP segments, each waiting on a delayed ACK.
CSV_CHUNK_CHARACTERS = 64 * 1024
JSON_PAGE_SIZE = 100
JSON_MAX_PAGE_SIZE = 1000

JSON_TYPES = {
    "string": "string",
    "integer": "integer",
    "date": "string",
    "datetime": "string",
    "url": "string",
    "list": "array",
    "objects": "array",
}
JSON_FORMATS = {"date": "date", "datetime": "date-time", "url": "uri"}
# What a spreadsheet would run as a formula at the start of a cell (OWASP, "CSV
# Injection"): such a cell gets a leading apostrophe, which spreadsheets hide.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Column:
    """`items`, for a column of type "objects", is the JSON Schema of each object's
    properties, every one of them present in each object."""

    def __init__(self, name, value, description, type="string", items=None):
        self.name, self.value, self.description, self.type = (
            name,
            value,
            description,
            type,
        )
        self.items = items

    def json(self, obj, origin):
        """The value in a download served from `origin` (see site_origin): a page's
        path becomes its full address. Paths come from reverse(), quoted already, so
        joining them gives what request.build_absolute_uri() would, without parsing
        and quoting again per row; other addresses are whole URLs (URLField)."""
        value = self.value(obj)
        if isinstance(value, datetime.date):
            return value.isoformat()
        if self.type == "url" and value and value.startswith("/"):
            return origin + value
        return value

    def csv(self, obj, origin):
        value = self.json(obj, origin)
        if value is None:
            return ""
        if isinstance(value, list):
            value = "; ".join(value)
        return spreadsheet_safe(value)

    def schema(self):
        schema = {
            "type": [JSON_TYPES[self.type], "null"],
            "description": self.description,
        }
        if self.type == "list":
            schema["items"] = {"type": "string"}
        if self.type == "objects":
            schema["items"] = {
                "type": "object",
                "required": list(self.items),
                "additionalProperties": False,
                "properties": self.items,
            }
        if self.type in JSON_FORMATS:
            schema["format"] = JSON_FORMATS[self.type]
        return schema


class RecordsColumn(Column):
    """Records attached to each row (a meeting's documents): in JSON a list of
    objects with the named fields, in CSV the records' links, as a list column's."""

    def __init__(self, name, value, description, fields, link="url"):
        super().__init__(name, value, description, type="list")
        self.fields, self.link = fields, link

    def json(self, obj, origin):
        return [
            {field.name: field.json(record, origin) for field in self.fields}
            for record in self.value(obj)
        ]

    def csv(self, obj, origin):
        return spreadsheet_safe(
            "; ".join(record[self.link] or "" for record in self.json(obj, origin))
        )

    def schema(self):
        return {
            "type": ["array", "null"],
            "description": self.description,
            "items": {
                "type": "object",
                "required": [field.name for field in self.fields],
                "additionalProperties": False,
                "properties": {field.name: field.schema() for field in self.fields},
            },
        }


IN_LANGUAGE = {
    "en": gettext_lazy("In English; empty where there is none."),
    "es": gettext_lazy("In Spanish; empty where there is none."),
}


def in_each_language(name, description):
    """The columns name_en and name_es of a translated field."""
    return [
        Column(
            f"{name}_{code}",
            lambda obj, field=f"{name}_{code}": getattr(obj, field) or None,
            format_lazy("{} {}", description, in_language),
        )
        for code, in_language in IN_LANGUAGE.items()
    ]


def site_origin(request):
    """The scheme and host that request.build_absolute_uri() puts before a path."""
    return request.build_absolute_uri("/").removesuffix("/")


# Valid for the int and the slug path converters alike, and in no route.
ARGUMENT = "0123456789"


@functools.lru_cache(maxsize=64)
def route_around(url_name, language, script_prefix):
    """The path of a page of url_name in the active language under the active script
    prefix (the key of the cache), before and after its one argument."""
    before, after = reverse(url_name, args=[ARGUMENT]).split(ARGUMENT)
    return before, after


def page_path(url_name, key):
    """The value of a record's page column: the path its get_absolute_url() gives by
    reversing url_name with the record's `key`, reversed once per language instead
    of once per row. reverse() and build_absolute_uri() were two fifths of the time
    of a statement row's values."""

    def path(obj):
        before, after = route_around(url_name, get_language(), get_script_prefix())
        return f"{before}{getattr(obj, key)}{after}"

    return path


def schema(columns, title):
    """The JSON Schema of a download: one page of results and the links around it."""
    link = {"type": ["string", "null"], "format": "uri"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "required": ["count", "next", "previous", "results"],
        "additionalProperties": False,
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "next": link,
            "previous": link,
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [c.name for c in columns],
                    "additionalProperties": False,
                    "properties": {c.name: c.schema() for c in columns},
                },
            },
        },
    }


class ExportView(View):
    """GET /<list>.csv or /<list>.json with the list's own filter parameters."""

    filterset_class = None
    columns = []
    name = ""
    format = "csv"

    @classproperty
    def query_parameters(cls):
        """The parameters the page cache keeps (see page_cache.canonicalize)."""
        return (*cls.filterset_class.base_filters, "page", "page_size")

    def get_queryset(self):
        raise NotImplementedError

    def get(self, request):
        filterset = self.filterset_class(
            request.GET or None, queryset=self.get_queryset(), request=request
        )
        if filterset.is_bound and not filterset.is_valid():
            return JsonResponse(
                {"errors": filterset.errors.get_json_data()}, status=400
            )
        if self.format == "json":
            return self.json(filterset.qs)
        filtered = filterset.is_bound and any(filterset.form.cleaned_data.values())
        if filtered or not settings.PAGE_CACHE_ENABLED:
            return heavy.limited(self.csv_response)(filterset.qs)
        return self.whole_list_file(filterset.qs)

    def csv_response(self, queryset):
        response = StreamingHttpResponse(
            self.csv(queryset), content_type=CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{self.name}.csv"'
        return response

    def whole_list_file(self, queryset):
        """The list's CSV with no filter: the same for every reader of a language at
        an address until the content changes, so built once per content version and
        served as a file (rcm_site.heavy)."""
        request = self.request
        address = f"{get_language()} {request.build_absolute_uri(request.path)}"
        digest = hashlib.sha256(address.encode()).hexdigest()[:32]

        def write(file):
            for chunk in self.csv(queryset):
                file.write(chunk.encode())

        return heavy.file_response(
            f"{self.name}-{digest}", f"{self.name}.csv", CSV_CONTENT_TYPE, write
        )

    def csv(self, queryset):
        """The rows as text, many rows to a piece."""
        origin = site_origin(self.request)
        buffer = io.StringIO()
        writer = csv.writer(buffer)

        def line(values):
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(values)
            return buffer.getvalue()

        def row(obj):
            return line([c.csv(obj, origin) for c in self.columns])

        def chunks():
            # The byte-order mark lets spreadsheets read the UTF-8 accents right.
            header = "\ufeff" + line([c.name for c in self.columns])
            pending, size = [], 0
            rows = (row(obj) for obj in queryset.iterator(chunk_size=CHUNK_SIZE))
            for text in itertools.chain([header], rows):
                pending.append(text)
                size += len(text)
                if size >= CSV_CHUNK_CHARACTERS:
                    yield "".join(pending)
                    pending, size = [], 0
            if pending:
                yield "".join(pending)

        return chunks()

    def json(self, queryset):
        request = self.request
        try:
            size = int(request.GET.get("page_size", JSON_PAGE_SIZE))
        except ValueError:
            size = 0
        if not 1 <= size <= JSON_MAX_PAGE_SIZE:
            message = _("Enter a whole number from 1 to %(max)d.") % {
                "max": JSON_MAX_PAGE_SIZE
            }
            return JsonResponse(
                {"errors": {"page_size": [{"message": message}]}}, status=400
            )
        paginator = Paginator(queryset, size)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            message = _("Enter a page number.")
            return JsonResponse(
                {"errors": {"page": [{"message": message}]}}, status=400
            )
        except EmptyPage:
            return JsonResponse(
                {"errors": {"page": [{"message": _("No such page.")}]}}, status=404
            )

        origin = site_origin(request)

        def link(number):
            return request.build_absolute_uri("?" + querystring(request, page=number))

        return JsonResponse(
            {
                "count": paginator.count,
                "next": link(page.next_page_number()) if page.has_next() else None,
                "previous": link(page.previous_page_number())
                if page.has_previous()
                else None,
                "results": [
                    {c.name: c.json(obj, origin) for c in self.columns} for obj in page
                ],
            },
            json_dumps_params={"ensure_ascii": False},
        )


def querystring(request, **changes):
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
