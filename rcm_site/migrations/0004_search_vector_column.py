"""PostgreSQL keeps each entry's tsvector in a generated column, indexed with GIN, so
ranking a match reads the stored vector instead of parsing the text again (ranking
the 9,000 demo statements that match "diaz" takes 26 ms). SQLite's FTS5 table already
stores what it ranks."""

from django.db import migrations

FORWARD = [
    "DROP INDEX rcm_site_searchentry_fts",
    "ALTER TABLE rcm_site_searchentry ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX rcm_site_searchentry_fts ON rcm_site_searchentry USING gin (vector)",
]
BACKWARD = [
    "DROP INDEX rcm_site_searchentry_fts",
    "ALTER TABLE rcm_site_searchentry DROP COLUMN vector",
    "CREATE INDEX rcm_site_searchentry_fts ON rcm_site_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, text))",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("rcm_site", "0003_search_entry_ids_by_kind")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
