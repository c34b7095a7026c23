# Rule 8 (seed question 8): the committee office gives this year's meeting month when it opens its
# window. Existing windows take the month of their committee's plan for the same year when there is
# one; the others stay empty and keep falling back (plan, then the closing month).

import datetime

from django.db import migrations, models


def meeting_month_from_plans(apps, schema_editor):
    CommitteeWindow = apps.get_model("orgs", "CommitteeWindow")
    CommitteePlan = apps.get_model("orgs", "CommitteePlan")
    plans = {(p.committee_id, p.year): p.month for p in CommitteePlan.objects.all()}
    for window in CommitteeWindow.objects.filter(meeting_month__isnull=True):
        month = plans.get((window.committee_id, window.year))
        if month:
            window.meeting_month = datetime.date(window.year, month, 1)
            window.save(update_fields=["meeting_month"])


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0005_junior_committees"),
    ]

    operations = [
        migrations.AddField(
            model_name="committeewindow",
            name="meeting_month",
            field=models.DateField(blank=True, null=True, verbose_name="评委会召开时间（月）"),
        ),
        migrations.RunPython(meeting_month_from_plans, migrations.RunPython.noop),
    ]
