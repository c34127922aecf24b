"""Received mails remember the social or tax secrecy of their ticket (issue 19, finding 5).

Existing rows get it from their ticket now; a processed mail whose ticket is gone cannot be
judged any more and is treated as secret (only the data protection role sees its details).
"""

from django.db import migrations, models


def fill(apps, schema_editor):
    InboundMail = apps.get_model("email_channel", "InboundMail")
    Ticket = apps.get_model("tickets", "Ticket")
    secret = Ticket.objects.filter(is_sensitive=True).values_list("pk", "org_unit_id")
    for ticket_id, unit_id in secret.iterator():
        InboundMail.objects.filter(ticket_id=ticket_id).update(
            sensitive=True, secrecy_unit_id=unit_id
        )
    InboundMail.objects.filter(ticket__isnull=True, state="processed").update(
        sensitive=True, secrecy_unit_id=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("email_channel", "0005_machine_mail"),
        ("tickets", "0010_fts_rowid_is_ticket_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="inboundmail",
            name="secrecy_unit_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="inboundmail",
            name="sensitive",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
