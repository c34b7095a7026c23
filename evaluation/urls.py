from django.urls import path

from . import appeals_views, meeting_views, opinions_views, pool_views, results_views, rounds_views

app_name = "evaluation"

urlpatterns = [
    # 评审批次 (the committee office) and 我的评审任务 (the expert).
    path("rounds/", rounds_views.round_list, name="rounds"),
    path("rounds/<int:round_id>/", rounds_views.round_detail, name="round"),
    path("rounds/<int:round_id>/edit/", rounds_views.round_update, name="round_update"),
    path("rounds/<int:round_id>/refresh/", rounds_views.round_refresh, name="round_refresh"),
    path("rounds/<int:round_id>/groups/", rounds_views.group_create, name="group_create"),
    path(
        "rounds/<int:round_id>/groups/<int:group_id>/delete/", rounds_views.group_delete, name="group_delete"
    ),
    path("rounds/<int:round_id>/entries/<int:entry_id>/move/", rounds_views.entry_move, name="entry_move"),
    path("rounds/<int:round_id>/draw/", rounds_views.round_draw, name="round_draw"),
    path("rounds/<int:round_id>/draw/record/", rounds_views.round_draw_record, name="round_draw_record"),
    path("rounds/<int:round_id>/conflicts/", rounds_views.office_conflict, name="office_conflict"),
    path("assignments/", rounds_views.assignment_list, name="assignments"),
    path(
        "assignments/<int:entry_id>/conflict/", rounds_views.assignment_conflict, name="assignment_conflict"
    ),
    # 评审会议 (the committee office) and 会议投票 (the expert).
    path("rounds/<int:round_id>/meeting/", meeting_views.meeting_detail, name="meeting"),
    path("rounds/<int:round_id>/meeting/open/", meeting_views.meeting_open, name="meeting_open"),
    path(
        "rounds/<int:round_id>/meeting/attendance/",
        meeting_views.meeting_attendance,
        name="meeting_attendance",
    ),
    path(
        "rounds/<int:round_id>/meeting/paper/<int:entry_id>/",
        meeting_views.meeting_paper,
        name="meeting_paper",
    ),
    path("rounds/<int:round_id>/meeting/close/", meeting_views.meeting_close, name="meeting_close"),
    path("rounds/<int:round_id>/meeting/minutes.pdf", meeting_views.minutes_pdf, name="minutes_pdf"),
    path("ballots/", meeting_views.ballot_list, name="ballots"),
    path("ballots/<int:round_id>/", meeting_views.ballot_detail, name="ballot"),
    path("ballots/<int:round_id>/<int:entry_id>/", meeting_views.ballot_cast, name="ballot_cast"),
    path("assignments/<int:entry_id>/opinion/", opinions_views.opinion_edit, name="opinion"),
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
    # 评审结果 / 复查 (the applicant), 复查申请 (the committee office), 撤销职称 (the city bureau or the
    # committee's organiser), 评审专家（全市） (the city bureau): rules 1, 34, 35.
    path("my-results/", appeals_views.my_results, name="my_results"),
    path("my-results/<int:application_id>/appeal/", appeals_views.appeal_create, name="appeal_create"),
    path("appeals/", appeals_views.appeal_list, name="appeals"),
    path("appeals/<int:appeal_id>/decide/", appeals_views.appeal_decide, name="appeal_decide"),
    path("titles/", appeals_views.title_list, name="titles"),
    path("titles/<int:application_id>/revoke/", appeals_views.title_revoke, name="title_revoke"),
    path("experts/", appeals_views.expert_list_all, name="experts_all"),
    path("experts/<int:expert_id>/remove/", appeals_views.expert_remove, name="expert_remove"),
    # 评审结果: the result notice and 核准/备案 (issue 13 item 8).
    path("results/", results_views.results_page, name="results"),
    path("results/confirm/", results_views.results_confirm, name="results_confirm"),
    path(
        "rounds/<int:round_id>/result-notice/",
        results_views.result_notice_create,
        name="result_notice_create",
    ),
]
