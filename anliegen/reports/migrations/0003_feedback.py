"""Daily counts of the answers to „Wurde Ihr Anliegen gelöst?“ (issue 18, point 5)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_effort")]

    operations = [
        migrations.AddField(
            model_name="dailyfigure",
            name=name,
            field=models.PositiveIntegerField(default=0),
        )
        for name in ("feedback", "feedback_solved", "feedback_rated", "rating_sum")
    ]
