from django.urls import path

from . import views

app_name = "dossier"
urlpatterns = [
    path("basic/", views.placeholder, name="basic"),
    path("section/<slug:key>/", views.placeholder, name="section"),
]
