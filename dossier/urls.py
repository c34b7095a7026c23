from django.urls import path

from . import views

app_name = "dossier"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("basic/", views.basic, name="basic"),
    path("section/<slug:key>/", views.section, name="section"),
    path("section/<slug:key>/new/", views.entry_create, name="entry_create"),
    path("entry/<int:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("entry/<int:entry_id>/delete/", views.entry_delete, name="entry_delete"),
]
