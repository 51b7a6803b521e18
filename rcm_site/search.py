"""Full-text search over meetings, statements, people and organizations.

Text is folded in Python before it is indexed and before it is searched (lower case,
no accents, compatibility composition), so both databases agree: SQLite searches with
FTS5, PostgreSQL with a stored to_tsvector('simple') column and a GIN index (see the
migrations). A query is never handed to the index syntax as typed: it is cut into
words, and each word is matched as a word prefix, all words required. Quotes, "*",
"-", NEAR or brackets are just not words.

Records register with `register(model)`; each save and delete keeps the index current.
The index holds every record, drafts included: the models' published() rule is
applied to what a search returns, as everywhere else.

An entry's id carries its record's kind in its high bits and the record's id in the
low ones. The full-text index can then keep to one kind by a range of ids (a rowid
range inside FTS5; a primary-key range beside the GIN index on PostgreSQL) instead of
looking up the entry of every match: "diaz" matches some 10,000 entries, nearly all
of them statements, and a search for meetings named so need not read them.
"""

import functools
import re
import unicodedata
import zlib

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchEntry

WORD = re.compile(r"\w+")
MAX_WORDS = 12
KIND_SHIFT = 40  # record ids below 2**40; kinds in 15 bits above them
registry = []


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(query):
    return WORD.findall(fold(query))[:MAX_WORDS]


def kind(model):
    return model._meta.label_lower


def id_range(model):
    """The first and last entry id that a record of `model` can have."""
    first = (zlib.crc32(kind(model).encode()) & 0x7FFF) << KIND_SHIFT
    return first, first + (1 << KIND_SHIFT) - 1


def entry(model, object_id, folded_text):
    if object_id >> KIND_SHIFT:
        raise ValueError(f"{kind(model)} {object_id}: too large an id to index.")
    return SearchEntry(
        id=id_range(model)[0] + object_id,
        kind=kind(model),
        object_id=object_id,
        text=folded_text,
    )


def entry_of(record, fold=fold):
    """The search entry a save writes for `record`. seed_demo passes a `fold` that
    gives the same text faster."""
    return entry(type(record), record.pk, fold(record.search_text()))


def _index_query(query_words):
    """The words in the index's own syntax: each a word prefix, all required."""
    if connection.vendor == "postgresql":
        return " & ".join(f"{w}:*" for w in query_words)
    return " ".join(f'"{w}"*' for w in query_words)


def _matches(model, query_words):
    """SQL selecting the entry id of each `model` record whose words match, and its
    parameters."""
    first, last = id_range(model)
    if connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM rcm_site_searchentry "
            "WHERE vector @@ to_tsquery('simple', %s) AND id BETWEEN %s AND %s"
        )
    else:
        sql = (
            "SELECT rowid FROM rcm_site_searchentry_fts "
            "WHERE rcm_site_searchentry_fts MATCH %s AND rowid BETWEEN %s AND %s"
        )
    return sql, [_index_query(query_words), first, last]


def matching(model, query):
    """A filter for the `model` records whose words match `query`.

    It compares each record's entry id (its kind's first id plus its own) with the
    matching entries' ids, read from the full-text index alone. Compared so, not as
    the record's id with the entries' record ids, a latest-first list stops at a page
    of matches: PostgreSQL looks each record's entry up by its key, and SQLite, whose
    record id is no longer bare, walks the list's index instead of fetching every
    match to sort it (1 ms and 12 ms against 440 ms and 165 ms for a word in a
    fifth of 100,000 statements).
    """
    query_words = words(query)
    if not query_words:
        return Q(pk__in=[])
    entry_id = F("pk") + id_range(model)[0]
    # RawSQL: neither the FTS5 table nor the PostgreSQL column is known to Django.
    return In(entry_id, RawSQL(*_matches(model, query_words)))  # noqa: S611


def ranked_ids(model, query, limit):
    """The ids of the best-matching `model` records, best first."""
    query_words = words(query)
    if not query_words:
        return []
    sql, params = _matches(model, query_words)
    first = params[1]
    if connection.vendor == "postgresql":
        sql += " ORDER BY ts_rank(vector, to_tsquery('simple', %s)) DESC, id LIMIT %s"
        params += [params[0], limit]
    else:
        # FTS5's rank column is bm25(), lower for a better match.
        sql += " ORDER BY rank, rowid LIMIT %s"
        params += [limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] - first for row in cursor.fetchall()]


# Results repeat the same few thousand words: folding each once makes highlighting a
# page of them three times faster.
fold_word = functools.lru_cache(maxsize=10_000)(fold)


def highlight(text, query):
    """`text`, escaped, with the words that match `query` in <mark>."""
    query_words = tuple(words(query))
    out, end = [], 0
    for match in WORD.finditer(text):
        if fold_word(match.group()).startswith(query_words):
            out.append(escape(text[end : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            end = match.end()
    out.append(escape(text[end:]))
    return mark_safe("".join(out))  # noqa: S308  (every piece escaped above)


def index(instances):
    """Write the search entries of these records (all of one model), in one upsert."""
    entries = [entry_of(instance) for instance in instances]
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
        batch.append(entry_of(instance))
        if len(batch) == chunk_size:
            SearchEntry.objects.bulk_create(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)


def _saved(sender, instance, raw=False, **kwargs):
    index([instance])


def _deleted(sender, instance, **kwargs):
    SearchEntry.objects.filter(kind=kind(sender), object_id=instance.pk).delete()


def register(model):
    if any(id_range(other) == id_range(model) for other in registry):
        raise ImproperlyConfigured(f"{kind(model)} shares its search entry ids.")
    registry.append(model)
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-{kind(model)}")
    post_delete.connect(
        _deleted, sender=model, dispatch_uid=f"search-del-{kind(model)}"
    )
