from django.urls import path

from . import views

app_name = "recommend"
urlpatterns = [
    path("<int:application_id>/recommendation/", views.recommendation_view, name="recommendation"),
    path("<int:application_id>/publicity/", views.publicity_view, name="publicity"),
]
