from django.urls import path

from . import rounds_views

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
]
