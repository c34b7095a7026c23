from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("", views.manage_view, name="manage"),
    path("upload/", views.upload_view, name="upload"),
    path("photo/", views.photo_upload_view, name="photo_upload"),
    path("backup/", views.backup_view, name="backup"),
    path("<int:pk>/", views.download_view, name="download"),
    path("<int:pk>/replace/", views.replace_view, name="replace"),
    path("<int:pk>/delete/", views.delete_view, name="delete"),
]
