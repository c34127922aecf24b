"""One mail is one (Message-ID, content hash) pair instead of one Message-ID (issue 22)."""

from typing import Any

from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> None:
    from anliegen.channels.email.fingerprint import fingerprint

    InboundMail = apps.get_model("email_channel", "InboundMail")
    for mail in InboundMail.objects.only("pk", "raw", "dedupe_key").iterator():
        print_ = fingerprint(bytes(mail.raw))
        message_id = "" if mail.dedupe_key.startswith("sha256:") else mail.dedupe_key
        InboundMail.objects.filter(pk=mail.pk).update(
            message_id_header=message_id, content_hash=print_.content_hash
        )


class Migration(migrations.Migration):
    dependencies = [("email_channel", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="inboundmail",
            name="message_id_header",
            field=models.CharField(
                blank=True, db_index=True, max_length=300, verbose_name="Message-ID"
            ),
        ),
        migrations.AddField(
            model_name="inboundmail",
            name="content_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="inboundmail",
            name="message_id_reused",
            field=models.BooleanField(
                default=False,
                help_text="Eine andere E-Mail kam schon mit derselben Message-ID.",
                verbose_name="Message-ID schon vergeben",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveField(model_name="inboundmail", name="dedupe_key"),
        migrations.AddConstraint(
            model_name="inboundmail",
            constraint=models.UniqueConstraint(
                fields=("message_id_header", "content_hash"), name="inbound_one_row"
            ),
        ),
    ]
