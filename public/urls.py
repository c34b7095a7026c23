from django.urls import path

from core.views import placeholder

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("committees/", placeholder, name="committees"),
    path("offices/", placeholder, name="offices"),
    path("series/", placeholder, name="series"),
    path("help/", placeholder, name="help"),
    path("support/", placeholder, name="support"),
]
