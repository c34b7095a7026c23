from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.placeholder, name="cover"),
    path("history/", views.placeholder, name="history"),
]
