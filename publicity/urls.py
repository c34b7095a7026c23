from django.urls import path

from . import views

app_name = "publicity"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:notice_id>/", views.notice_detail, name="detail"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/new/", views.manage_create, name="manage_create"),
    path("manage/<int:notice_id>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:notice_id>/filing/", views.manage_filing, name="manage_filing"),
    path("manage/filings/<int:filing_id>/receipt/", views.filing_receipt, name="filing_receipt"),
    path("manage/objections/<int:objection_id>/", views.manage_objection, name="manage_objection"),
    path(
        "manage/objections/<int:objection_id>/attachment/",
        views.objection_attachment,
        name="objection_attachment",
    ),
]
