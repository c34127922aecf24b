"""Supporters get an own secret link to the report (derived from a nonce, like tracking
links); the old unfollow hash goes. Existing supporters get a nonce and its hash here."""

from django.db import migrations, models


def _give_links(apps, schema_editor):  # type: ignore[no-untyped-def]
    from anliegen.core.tokens import derive_token, hash_token, new_nonce

    Support = apps.get_model("defects", "Support")
    for row in Support.objects.all():
        row.token_nonce = new_nonce()
        row.token_hash = hash_token(derive_token("support:" + row.token_nonce))
        row.save(update_fields=["token_nonce", "token_hash"])


class Migration(migrations.Migration):
    dependencies = [("defects", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="support", name="unfollow_hash"),
        migrations.AddField(
            model_name="support",
            name="token_nonce",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="support",
            name="token_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="support",
            name="merged_from",
            field=models.CharField(blank=True, default="", editable=False, max_length=30),
        ),
        migrations.RunPython(_give_links, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="support",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
