from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.cover_view, name="cover"),
    path("options/", views.cover_options_view, name="cover_options"),
    path("submit/", views.submit_view, name="submit"),
    path("history/", views.history_view, name="history"),
]
