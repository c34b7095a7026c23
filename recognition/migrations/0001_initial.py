"""The facts of 考核认定, 职称确认 and 博士后认定, taken over from applications (issue 12): state
only, the tables applications' migrations created keep their names (Meta.db_table). Their content
types move to this app's label, so permissions and the admin log follow them."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("recognition", "confirmation", "postdocrecognition")


def _move_content_types(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def content_types_forward(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="applications", target="recognition")


def content_types_backward(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="recognition", target="applications")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('applications', '0013_recognition_models_moved'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('orgs', '0007_unit_suspension'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Confirmation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('held_series', models.CharField(max_length=40, verbose_name='原职称系列')),
                        ('held_title', models.CharField(max_length=60, verbose_name='原职称名称')),
                        ('obtained_on', models.DateField(verbose_name='原职称取得时间')),
                        ('issuer', models.CharField(max_length=100, verbose_name='原评审/发证机关')),
                        ('source', models.CharField(choices=[('other_province', '外省（区、市）'), ('central', '中央和国家机关、中央企业等'), ('inside_yunnan', '云南省内')], max_length=20, verbose_name='取得地')),
                        ('certificate_no', models.CharField(max_length=60, verbose_name='证书编号')),
                        ('transferred_on', models.DateField(verbose_name='调入日期（聘用合同或劳动合同）')),
                        ('assessment_passed', models.BooleanField(verbose_name='试用期考核合格')),
                        ('exam_only', models.BooleanField(default=False, verbose_name='以考代评')),
                        ('confirmer', models.CharField(max_length=30, verbose_name='确认机关类别')),
                        ('earliest', models.DateField(verbose_name='最早可申报日期')),
                        ('evaluated_at', models.DateTimeField(verbose_name='计算时间')),
                        ('application', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='confirmation', to='applications.application')),
                        ('office', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organisation', verbose_name='确认机关')),
                    ],
                    options={
                        'verbose_name': '职称确认',
                        'verbose_name_plural': '职称确认',
                        'db_table': 'applications_confirmation',
                    },
                ),
                migrations.CreateModel(
                    name='PostdocRecognition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('exit_on', models.DateField(verbose_name='出站日期')),
                        ('station', models.CharField(max_length=100, verbose_name='博士后工作站')),
                        ('funded', models.BooleanField(verbose_name='获得中国博士后科学基金资助')),
                        ('funding_reference', models.CharField(blank=True, max_length=60, verbose_name='资助证书编号或资助年度')),
                        ('led_project', models.BooleanField(verbose_name='主持省部级以上科研项目')),
                        ('project_name', models.CharField(blank=True, max_length=100, verbose_name='项目名称')),
                        ('stays', models.BooleanField(verbose_name='出站后继续留在企业')),
                        ('evaluated_at', models.DateTimeField(verbose_name='计算时间')),
                        ('application', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='postdoc', to='applications.application')),
                        ('office', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organisation', verbose_name='认定机关')),
                    ],
                    options={
                        'verbose_name': '博士后认定',
                        'verbose_name_plural': '博士后认定',
                        'db_table': 'applications_postdocrecognition',
                    },
                ),
                migrations.CreateModel(
                    name='Recognition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('schooling', models.CharField(choices=[('zhongzhuan', '中专'), ('dazhuan', '大专'), ('benke', '本科（学士）'), ('double_bachelor', '双学士'), ('master', '硕士'), ('doctor', '博士'), ('tech_intermediate', '技工院校中级工班'), ('tech_advanced', '技工院校高级工班'), ('tech_pretechnician', '技工院校预备技师（技师）班')], max_length=30, verbose_name='学历（学位）')),
                        ('hired_on', models.DateField(verbose_name='录用（聘用）日期')),
                        ('hiring_document', models.CharField(choices=[('recruitment_form', '《云南省招工录用登记表》'), ('appointment_notice', '《事业单位聘用通知书》')], max_length=30, verbose_name='录用（聘用）依据')),
                        ('level', models.CharField(choices=[('senior_full', '正高级'), ('senior_associate', '副高级'), ('intermediate', '中级'), ('assistant', '助理级'), ('junior', '员级')], max_length=20, verbose_name='认定层级')),
                        ('earliest', models.DateField(verbose_name='最早可认定日期')),
                        ('evaluated_at', models.DateTimeField(verbose_name='计算时间')),
                        ('application', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='recognition', to='applications.application')),
                        ('office', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organisation', verbose_name='认定机构')),
                    ],
                    options={
                        'verbose_name': '考核认定',
                        'verbose_name_plural': '考核认定',
                        'db_table': 'applications_recognition',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
