"""Full-text search over meetings, statements, people and organizations.

Text is folded in Python before it is indexed and before it is searched (lower case,
no accents, compatibility composition), so both databases agree: SQLite searches with
FTS5, PostgreSQL with to_tsvector('simple') and a GIN index. A query is never handed to
the index syntax as typed: it is cut into words, and each word is matched as a word
prefix, all words required. Quotes, "*", "-", NEAR or brackets are just not words.

Records register with `register(model)`; each save and delete keeps the index current.
The index holds every record, drafts included: the models' published() rule is
applied to what a search returns, as everywhere else.
"""

import re
import unicodedata

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchEntry

WORD = re.compile(r"\w+")
MAX_WORDS = 12
registry = []


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(query):
    return WORD.findall(fold(query))[:MAX_WORDS]


def kind(model):
    return model._meta.label_lower


def _match(query_words):
    """The WHERE clause and parameters matching search entries. Its column names are
    unqualified: Django renames the table when the query becomes a subquery."""
    if connection.vendor == "postgresql":
        return (
            "to_tsvector('simple'::regconfig, text) @@ to_tsquery('simple', %s)",
            [" & ".join(f"{w}:*" for w in query_words)],
        )
    return (
        "id IN (SELECT rowid FROM rcm_site_searchentry_fts "
        "WHERE rcm_site_searchentry_fts MATCH %s)",
        [" ".join(f'"{w}"*' for w in query_words)],
    )


def matching_ids(model, query):
    """A subquery of the ids of `model` records whose words match `query`."""
    query_words = words(query)
    entries = SearchEntry.objects.filter(kind=kind(model))
    if not query_words:
        return entries.none().values("object_id")
    where, params = _match(query_words)
    # extra() because the clause must be the indexed expression exactly, for the
    # database to use its full-text index.
    return entries.extra(where=[where], params=params).values("object_id")  # noqa: S610


def ranked_ids(model, query, limit):
    """The ids of the best-matching `model` records, best first."""
    query_words = words(query)
    if not query_words:
        return []
    where, params = _match(query_words)
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT object_id FROM rcm_site_searchentry WHERE kind = %s AND {where} "  # noqa: S608
            "ORDER BY ts_rank(to_tsvector('simple'::regconfig, text), "
            "to_tsquery('simple', %s)) DESC, object_id LIMIT %s"
        )
        arguments = [kind(model), *params, *params, limit]
    else:
        # FTS5's rank column is bm25(), lower for a better match.
        sql = (
            "SELECT e.object_id FROM rcm_site_searchentry_fts "
            "JOIN rcm_site_searchentry e ON e.id = rcm_site_searchentry_fts.rowid "
            "WHERE rcm_site_searchentry_fts MATCH %s AND e.kind = %s "
            "ORDER BY rcm_site_searchentry_fts.rank, e.object_id LIMIT %s"
        )
        arguments = [*params, kind(model), limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, arguments)
        return [row[0] for row in cursor.fetchall()]


def highlight(text, query):
    """`text`, escaped, with the words that match `query` in <mark>."""
    query_words = words(query)
    out, end = [], 0
    for match in WORD.finditer(text):
        if any(fold(match.group()).startswith(w) for w in query_words):
            out.append(escape(text[end : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            end = match.end()
    out.append(escape(text[end:]))
    return mark_safe("".join(out))  # noqa: S308  (every piece escaped above)


def index(instances):
    """Write the search entries of these records (all of one model), in one upsert."""
    entries = [
        SearchEntry(kind=kind(type(i)), object_id=i.pk, text=fold(i.search_text()))
        for i in instances
    ]
    SearchEntry.objects.bulk_create(
        entries,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["text"],
    )


def rebuild(model, chunk_size=2000):
    SearchEntry.objects.filter(kind=kind(model)).delete()
    queryset = model.objects.for_search_index()
    batch = []
    for instance in queryset.iterator(chunk_size=chunk_size):
        batch.append(
            SearchEntry(
                kind=kind(model),
                object_id=instance.pk,
                text=fold(instance.search_text()),
            )
        )
        if len(batch) == chunk_size:
            SearchEntry.objects.bulk_create(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)


def _saved(sender, instance, raw=False, **kwargs):
    index([instance])


def _deleted(sender, instance, **kwargs):
    SearchEntry.objects.filter(kind=kind(sender), object_id=instance.pk).delete()


def register(model):
    registry.append(model)
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-{kind(model)}")
    post_delete.connect(
        _deleted, sender=model, dispatch_uid=f"search-del-{kind(model)}"
    )
