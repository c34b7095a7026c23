"""The calendar's pages under /units/: 网上申报时间 for the committee office (rules 6 and 7).
Mounted with orgs.urls under the one namespace "units" (zhicheng/urls.py), so the page keeps its
name units:window."""

from django.urls import path

from . import views

urlpatterns = [
    path("window/", views.window, name="window"),
]
