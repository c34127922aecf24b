"""Sent mails remember the social or tax secrecy of their ticket (issue 19, finding 5).

Existing rows get it from their ticket now; a mail whose ticket is gone cannot be judged
any more and is treated as secret (only the data protection role sees its details).
"""

from django.db import migrations, models


def fill(apps, schema_editor):
    OutboundMail = apps.get_model("email_channel", "OutboundMail")
    Ticket = apps.get_model("tickets", "Ticket")
    secret = Ticket.objects.filter(is_sensitive=True).values_list("pk", "org_unit_id")
    for ticket_id, unit_id in secret.iterator():
        OutboundMail.objects.filter(ticket_id=ticket_id).update(
            sensitive=True, secrecy_unit_id=unit_id
        )
    # Every mail is queued for a ticket; without one, its ticket was deleted.
    OutboundMail.objects.filter(ticket__isnull=True).update(
        sensitive=True, secrecy_unit_id=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("email_channel", "0003_tracking_link_placeholder"),
        ("tickets", "0010_fts_rowid_is_ticket_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboundmail",
            name="secrecy_unit_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="outboundmail",
            name="sensitive",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
