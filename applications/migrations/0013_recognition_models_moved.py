"""考核认定, 职称确认 and 博士后认定's facts moved to the recognition app (issue 12): state only. The
tables stay as they are (recognition.models keeps their names through Meta.db_table) and
recognition/migrations/0001_initial.py takes the models over, with their content types."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0012_hiring_form_label"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="postdocrecognition", name="application"),
                migrations.RemoveField(model_name="postdocrecognition", name="office"),
                migrations.RemoveField(model_name="recognition", name="application"),
                migrations.RemoveField(model_name="recognition", name="office"),
                migrations.RemoveField(model_name="confirmation", name="application"),
                migrations.RemoveField(model_name="confirmation", name="office"),
                migrations.DeleteModel(name="Confirmation"),
                migrations.DeleteModel(name="PostdocRecognition"),
                migrations.DeleteModel(name="Recognition"),
            ],
            database_operations=[],
        ),
    ]
