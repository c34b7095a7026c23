from django.urls import path

from . import views

app_name = "paths"
urlpatterns = [
    path("", views.index, name="index"),
]
