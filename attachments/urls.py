from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("", views.placeholder, name="manage"),
]
