# Seed part 四 / question 21: 初级 (助理级、员级) committees, organised by a department or a district office.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0004_office_branches"),
    ]

    operations = [
        migrations.AlterField(
            model_name="committee",
            name="organiser",
            field=models.ForeignKey(
                limit_choices_to={"kind__in": ("department", "district_bureau")},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="committees",
                to="orgs.organisation",
                verbose_name="评委会组建单位",
            ),
        ),
        migrations.AlterField(
            model_name="committee",
            name="tier",
            field=models.CharField(
                choices=[("senior", "高级"), ("intermediate", "中级"), ("junior", "初级")],
                db_index=True,
                max_length=20,
                verbose_name="层级",
            ),
        ),
    ]
