"""Audit rows remember the social or tax secrecy of their ticket (issue 19, finding 5).

Existing rows get it from their ticket now. A row whose ticket is gone (deleted by
retention) cannot be judged any more and is treated as secret: only the data protection
role sees its details. Rows of a data-subject request (lists of tickets) are secret when one
of their tickets is.
"""

from django.db import migrations, models

BATCH = 2000


def fill(apps, schema_editor):
    AuditEvent = apps.get_model("privacy", "AuditEvent")
    Ticket = apps.get_model("tickets", "Ticket")
    secret = dict(Ticket.objects.filter(is_sensitive=True).values_list("pk", "org_unit_id"))
    secret_refs = set(
        Ticket.objects.filter(is_sensitive=True).values_list("reference", flat=True)
    )
    existing = set(Ticket.objects.values_list("pk", flat=True))
    about_tickets = AuditEvent.objects.filter(ticket_id__isnull=False)
    for ticket_id in about_tickets.values_list("ticket_id", flat=True).distinct():
        if ticket_id in secret:
            unit = secret[ticket_id]
        elif ticket_id not in existing:
            unit = None
        else:
            continue
        AuditEvent.objects.filter(ticket_id=ticket_id).update(
            sensitive=True, secrecy_unit_id=unit
        )
    lists = AuditEvent.objects.filter(ticket_id__isnull=True, action__startswith="subject.")
    for pk, detail in lists.values_list("pk", "detail").iterator(chunk_size=BATCH):
        detail = detail or {}
        ids = {int(i) for i in detail.get("tickets", []) if str(i).isdigit()}
        refs = {*detail.get("erased", []), *detail.get("kept", [])}
        if ids & set(secret) or refs & secret_refs:
            AuditEvent.objects.filter(pk=pk).update(sensitive=True, secrecy_unit_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_default_retention_rules"),
        ("tickets", "0010_fts_rowid_is_ticket_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="secrecy_unit_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="sensitive",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
