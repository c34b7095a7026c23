from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("batch-pass/", views.batch_pass_view, name="batch_pass"),
    path("export/", views.export_view, name="export"),
    path("<int:application_id>/", views.detail_view, name="detail"),
    path("<int:application_id>/act/", views.act_view, name="act"),
]
