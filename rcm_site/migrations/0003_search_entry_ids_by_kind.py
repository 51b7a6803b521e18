"""Search entry ids carry the record's kind in their high bits (see rcm_site.search),
so that the full-text index can keep to one kind by a range of ids."""

import zlib

from django.db import migrations

# As rcm_site.search.id_range() computes them when this migration was written.
KIND_SHIFT = 40


def first_id(kind):
    return (zlib.crc32(kind.encode()) & 0x7FFF) << KIND_SHIFT


def renumber(apps, schema_editor):
    SearchEntry = apps.get_model("rcm_site", "SearchEntry")
    table = schema_editor.quote_name(SearchEntry._meta.db_table)
    kinds = SearchEntry.objects.values_list("kind", flat=True).distinct()
    for kind in list(kinds):
        # The SQLite triggers move each entry's words in the FTS5 table with it.
        schema_editor.execute(
            f"UPDATE {table} SET id = %s + object_id WHERE kind = %s",  # noqa: S608
            [first_id(kind), kind],
        )


class Migration(migrations.Migration):
    dependencies = [("rcm_site", "0002_full_text_index")]

    operations = [migrations.RunPython(renumber, migrations.RunPython.noop)]
