from django.urls import path

from . import pool_views

app_name = "evaluation"

urlpatterns = [
    # 评审专家库 (the committee office) and 我的信息 (an expert).
    path("pool/", pool_views.pool_list, name="pool"),
    path("pool/new/", pool_views.expert_create, name="pool_expert_create"),
    path("pool/import/", pool_views.expert_import, name="pool_import"),
    path("pool/import/template/", pool_views.import_template, name="pool_import_template"),
    path("pool/<int:membership_id>/", pool_views.expert_detail, name="pool_expert"),
    path("pool/<int:membership_id>/edit/", pool_views.expert_edit, name="pool_expert_edit"),
    path("pool/<int:membership_id>/suspend/", pool_views.expert_suspend, name="pool_expert_suspend"),
    path("pool/<int:membership_id>/restore/", pool_views.expert_restore, name="pool_expert_restore"),
    path("pool/<int:membership_id>/disqualify/", pool_views.expert_disqualify, name="pool_expert_disqualify"),
    path("me/", pool_views.expert_me, name="expert_me"),
]
