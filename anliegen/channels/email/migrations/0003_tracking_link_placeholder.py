"""Mails keep a placeholder instead of the citizen's secret tracking link.

Every stored mail body with a live link (queued, failed, or bounced before its log was
redacted) gets the placeholder. A ticket whose receipt is still queued is given a nonce and a
derived token (anliegen.core.tokens), so that the sending job can put a working link in; its
old random link, which existed only on the confirmation page, stops working then.
"""

import re

from django.db import migrations, models

from anliegen.core.tokens import derive_token, hash_token, new_nonce

PLACEHOLDER = "[[tracking-link]]"
LINK = re.compile(r"https?://[^\s\"'<>]*/verfolgen/(?!link-verloren/)[A-Za-z0-9_-]{30,}/?")


def forwards(apps, schema_editor):
    OutboundMail = apps.get_model("email_channel", "OutboundMail")
    Ticket = apps.get_model("tickets", "Ticket")
    for mail in OutboundMail.objects.filter(body_text__contains="/verfolgen/").iterator():
        text, found = LINK.subn(PLACEHOLDER, mail.body_text)
        if not found:
            continue
        mail.body_text = text
        mail.body_html = LINK.sub(PLACEHOLDER, mail.body_html)
        mail.has_tracking_link = True
        mail.save(update_fields=["body_text", "body_html", "has_tracking_link"])
        ticket = Ticket.objects.filter(pk=mail.ticket_id, token_nonce="").first()
        if ticket is not None and mail.state == "queued":
            ticket.token_nonce = new_nonce()
            ticket.token_hash = hash_token(derive_token(ticket.token_nonce))
            ticket.save(update_fields=["token_nonce", "token_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("email_channel", "0002_message_id_and_content_hash"),
        ("tickets", "0011_tracking_nonce"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboundmail",
            name="has_tracking_link",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
