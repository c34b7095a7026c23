from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:notice_id>/", views.notice_detail, name="notice_detail"),
    path("committees/", views.committee_list, name="committees"),
    path("offices/", views.office_list, name="offices"),
    path("series/", views.series_list, name="series"),
    path("help/", views.help_list, name="help"),
    path("help/<slug:slug>/", views.help_detail, name="help_page"),
    path("support/", views.support, name="support"),
]
