# Joins two branches of work: the search document (0007_search_document) and effort
# recording plus the citizen's language (0007_effort_recorded, 0008_contact_language).
# The search migration keeps its name so databases that already ran it do not run it again.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0007_search_document"),
        ("tickets", "0008_contact_language"),
    ]

    operations: list[migrations.operations.base.Operation] = []
