"""Full-text search: GIN expression indexes on PostgreSQL, an FTS5 table on SQLite.

Each database gets only its own structure; the expressions must match tickets/search.py.
"""

from django.db import migrations

PG_TICKET_DOC = (
    "to_tsvector('german'::regconfig, coalesce(reference, '') || ' ' || coalesce(subject, '')"
    " || ' ' || coalesce(contact_name, '') || ' ' || coalesce(contact_email, '')"
    " || ' ' || coalesce(contact_phone, ''))"
)
PG_MESSAGE_DOC = "to_tsvector('german'::regconfig, body)"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS ticket_fulltext ON tickets_ticket USING GIN ({PG_TICKET_DOC})"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS message_fulltext ON tickets_message USING GIN ({PG_MESSAGE_DOC})"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS tickets_ticket_fts USING fts5("
            "ticket_id UNINDEXED, reference, subject, body, contact, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        # Index what is already there (e.g. a demo city loaded before this migration).
        schema_editor.execute(
            "INSERT INTO tickets_ticket_fts (ticket_id, reference, subject, body, contact) "
            "SELECT t.id, t.reference, t.subject, "
            "coalesce((SELECT group_concat(m.body, char(10)) FROM tickets_message m "
            "WHERE m.ticket_id = t.id), ''), "
            "t.contact_name || ' ' || t.contact_email || ' ' || t.contact_phone "
            "FROM tickets_ticket t"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS ticket_fulltext")
        schema_editor.execute("DROP INDEX IF EXISTS message_fulltext")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS tickets_ticket_fts")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0002_tags")]

    operations = [migrations.RunPython(forwards, backwards)]
