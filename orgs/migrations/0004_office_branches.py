# Seed part 四: 西山区's two rows are two branches (办事窗口) of one office.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_senior_delegation"),
    ]

    operations = [
        migrations.CreateModel(
            name="OfficeBranch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(verbose_name="顺序")),
                ("name", models.CharField(max_length=60, verbose_name="科室/窗口")),
                ("services", models.TextField(verbose_name="服务范围及内容")),
                ("address", models.CharField(max_length=200, verbose_name="地址")),
                ("phone", models.CharField(max_length=100, verbose_name="联系电话")),
                (
                    "office",
                    models.ForeignKey(
                        limit_choices_to={"kind": "district_bureau"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="branches",
                        to="orgs.organisation",
                        verbose_name="县（市）区人社部门",
                    ),
                ),
            ],
            options={
                "verbose_name": "办事窗口",
                "verbose_name_plural": "办事窗口",
                "ordering": ["office", "order"],
                "constraints": [
                    models.UniqueConstraint(fields=("office", "order"), name="office_branch_unique_order"),
                    models.UniqueConstraint(fields=("office", "name"), name="office_branch_unique_name"),
                ],
            },
        ),
    ]
