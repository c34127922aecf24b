"""Default retention rules per catalogue retention class (admins edit them afterwards).

Sensitive services (social and tax secrecy) get a shorter default period.
"""

from django.db import migrations

DEFAULTS = [
    # class, period days, sensitive period days
    ("short", 365, 180),
    ("standard", 3 * 365, 365),
    ("long", 10 * 365, 5 * 365),
]


def create(apps, schema_editor):
    Rule = apps.get_model("privacy", "RetentionRule")
    for retention_class, days, sensitive_days in DEFAULTS:
        Rule.objects.get_or_create(
            retention_class=retention_class,
            defaults={
                "start": "closed",
                "period_days": days,
                "sensitive_period_days": sensitive_days,
                "outcome": "anonymise",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_retention_archive")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
