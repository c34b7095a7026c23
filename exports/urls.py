from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.export_list_view, name="list"),
    path("rows/", views.export_rows_view, name="rows"),
    path("create/", views.export_create_view, name="create"),
    path("<int:job_id>/download/", views.export_download_view, name="download"),
]
