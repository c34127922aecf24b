"""PostgreSQL: one stored search document per ticket (its fields and all message texts), kept
current by triggers, with a GIN index; replaces the two expression indexes of 0003.

With the words of ticket and messages in one indexed column, search is one condition that the
planner can estimate and combine with the inbox conditions, instead of a UNION of the hits of
two indexes that had to be joined with the user's whole scope (docs/performance.md).

Heavy on a large table: the backfill rewrites every ticket row (about 4 minutes per million
tickets on two cores), in batches that commit one by one, and the index is built CONCURRENTLY,
so the table stays writable throughout (docs/ops/upgrade.md). SQLite keeps its FTS5 table.
"""

from django.db import migrations

DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION tickets_search_document(
    ticket_id bigint, reference text, subject text, contact_name text, contact_email text,
    contact_phone text
) RETURNS tsvector LANGUAGE sql STABLE AS $$
    -- Without positions (strip): search asks for words, never phrases or ranks, and the
    -- document stays about half as wide in every ticket row. The length cap keeps a giant
    -- mail thread under the 1 MB limit of a tsvector.
    SELECT strip(to_tsvector('german'::regconfig, left(concat_ws(' ',
        reference, subject, contact_name, contact_email, contact_phone,
        (SELECT string_agg(m.body, ' ' ORDER BY m.id) FROM tickets_message m
         WHERE m.ticket_id = $1)), 1000000)))
$$;

CREATE OR REPLACE FUNCTION tickets_ticket_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := tickets_search_document(NEW.id, NEW.reference, NEW.subject,
        NEW.contact_name, NEW.contact_email, NEW.contact_phone);
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION tickets_message_search_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tickets_ticket t SET search_document = tickets_search_document(t.id, t.reference,
        t.subject, t.contact_name, t.contact_email, t.contact_phone)
    WHERE t.id IN (SELECT ticket_id FROM changed_rows);
    RETURN NULL;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER ticket_search_insert BEFORE INSERT ON tickets_ticket
    FOR EACH ROW EXECUTE FUNCTION tickets_ticket_search_row();
CREATE TRIGGER ticket_search_update BEFORE UPDATE ON tickets_ticket
    FOR EACH ROW WHEN (
        OLD.reference IS DISTINCT FROM NEW.reference OR OLD.subject IS DISTINCT FROM NEW.subject
        OR OLD.contact_name IS DISTINCT FROM NEW.contact_name
        OR OLD.contact_email IS DISTINCT FROM NEW.contact_email
        OR OLD.contact_phone IS DISTINCT FROM NEW.contact_phone
    ) EXECUTE FUNCTION tickets_ticket_search_row();
-- Statement triggers with transition tables: a statement touching many messages of one
-- ticket (deletion, retention) rebuilds that ticket's document once, not once per message.
CREATE TRIGGER message_search_insert AFTER INSERT ON tickets_message
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_message_search_rows();
CREATE TRIGGER message_search_update AFTER UPDATE ON tickets_message
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_message_search_rows();
CREATE TRIGGER message_search_update_old AFTER UPDATE ON tickets_message
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_message_search_rows();
CREATE TRIGGER message_search_delete AFTER DELETE ON tickets_message
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_message_search_rows();
"""

BACKFILL = (
    "UPDATE tickets_ticket t SET search_document = tickets_search_document(t.id, t.reference, "
    "t.subject, t.contact_name, t.contact_email, t.contact_phone) "
    "WHERE t.id >= %s AND t.id < %s"
)
BATCH = 20_000

OLD_TICKET_DOC = (
    "to_tsvector('german'::regconfig, coalesce(reference, '') || ' ' || coalesce(subject, '')"
    " || ' ' || coalesce(contact_name, '') || ' ' || coalesce(contact_email, '')"
    " || ' ' || coalesce(contact_phone, ''))"
)
OLD_MESSAGE_DOC = "to_tsvector('german'::regconfig, body)"


def backfill(cursor) -> None:
    """Fill the column of existing tickets in id ranges; each range commits on its own."""
    cursor.execute("SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM tickets_ticket")
    low, high = cursor.fetchone()
    for start in range(low, high + 1, BATCH):
        cursor.execute(BACKFILL, [start, start + BATCH])


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # Adding a nullable column without a default only changes the catalogue (instant).
        cursor.execute("ALTER TABLE tickets_ticket ADD COLUMN IF NOT EXISTS search_document tsvector")
        cursor.execute(DOCUMENT_FUNCTION)
        # Triggers first: rows written while the backfill runs are already current.
        cursor.execute(TRIGGERS)
        backfill(cursor)
        cursor.execute(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS ticket_search_document "
            "ON tickets_ticket USING GIN (search_document)"
        )
        cursor.execute("DROP INDEX CONCURRENTLY IF EXISTS ticket_fulltext")
        cursor.execute("DROP INDEX CONCURRENTLY IF EXISTS message_fulltext")
        # The planner needs the column's word statistics to choose between the index and a
        # walk by date.
        cursor.execute("ANALYZE tickets_ticket")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS ticket_fulltext ON tickets_ticket USING GIN ({OLD_TICKET_DOC})"
        )
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS message_fulltext ON tickets_message "
            f"USING GIN ({OLD_MESSAGE_DOC})"
        )
        for trigger, table in [
            ("ticket_search_insert", "tickets_ticket"),
            ("ticket_search_update", "tickets_ticket"),
            ("message_search_insert", "tickets_message"),
            ("message_search_update", "tickets_message"),
            ("message_search_update_old", "tickets_message"),
            ("message_search_delete", "tickets_message"),
        ]:
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        cursor.execute("DROP FUNCTION IF EXISTS tickets_message_search_rows()")
        cursor.execute("DROP FUNCTION IF EXISTS tickets_ticket_search_row()")
        cursor.execute(
            "DROP FUNCTION IF EXISTS tickets_search_document(bigint, text, text, text, text, text)"
        )
        cursor.execute("DROP INDEX IF EXISTS ticket_search_document")
        cursor.execute("ALTER TABLE tickets_ticket DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    # Batches that commit one by one and CREATE INDEX CONCURRENTLY need autocommit.
    atomic = False

    dependencies = [("tickets", "0006_merge_jobs_scale")]

    operations = [migrations.RunPython(forwards, backwards)]
