"""The full-text index over SearchEntry.text, in each database's own way."""

from django.db import migrations

SQLITE = [
    # External-content FTS5 table kept in step with rcm_site_searchentry by triggers.
    # The text is folded before it is stored; unicode61 also folds diacritics, which
    # keeps the two in agreement for any text written around this code.
    """CREATE VIRTUAL TABLE rcm_site_searchentry_fts USING fts5(
        text, content='rcm_site_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER rcm_site_searchentry_ai AFTER INSERT ON rcm_site_searchentry BEGIN
        INSERT INTO rcm_site_searchentry_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER rcm_site_searchentry_ad AFTER DELETE ON rcm_site_searchentry BEGIN
        INSERT INTO rcm_site_searchentry_fts(rcm_site_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER rcm_site_searchentry_au AFTER UPDATE ON rcm_site_searchentry BEGIN
        INSERT INTO rcm_site_searchentry_fts(rcm_site_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO rcm_site_searchentry_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER rcm_site_searchentry_au",
    "DROP TRIGGER rcm_site_searchentry_ad",
    "DROP TRIGGER rcm_site_searchentry_ai",
    "DROP TABLE rcm_site_searchentry_fts",
]
POSTGRESQL = [
    "CREATE INDEX rcm_site_searchentry_fts ON rcm_site_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, text))"
]
POSTGRESQL_REVERSE = ["DROP INDEX rcm_site_searchentry_fts"]


def run(statements):
    def operation(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("rcm_site", "0001_search_entry")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
