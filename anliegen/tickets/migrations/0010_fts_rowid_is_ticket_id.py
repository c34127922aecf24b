"""SQLite: the FTS5 row of a ticket gets the ticket's id as its rowid.

Refreshing a ticket's search row deleted it by ``ticket_id``, an UNINDEXED column, which FTS5
can only find by reading every row (about 20 ms per change at 100k tickets). With rowid equal
to the ticket id the delete is a key lookup. Existing rows are copied into a new table keyed
that way; PostgreSQL has no FTS table and is left alone.
"""

from django.db import migrations

NEW = "tickets_ticket_fts_new"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {NEW} USING fts5("
        "ticket_id UNINDEXED, reference, subject, body, contact, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    # A ticket has one row; should an old fault have left two, the newest (highest rowid) wins.
    schema_editor.execute(
        f"INSERT INTO {NEW} (rowid, ticket_id, reference, subject, body, contact) "
        "SELECT ticket_id, ticket_id, reference, subject, body, contact FROM tickets_ticket_fts "
        "WHERE rowid IN (SELECT max(rowid) FROM tickets_ticket_fts GROUP BY ticket_id)"
    )
    schema_editor.execute("DROP TABLE tickets_ticket_fts")
    schema_editor.execute(f"ALTER TABLE {NEW} RENAME TO tickets_ticket_fts")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0009_merge_search_effort_language")]

    # Going back needs nothing: the old code reads and writes this table just the same.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
