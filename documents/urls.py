from django.urls import path

from . import guide_views, views

app_name = "documents"
urlpatterns = [
    path("<int:application_id>/review-form/", views.review_form_view, name="review_form"),
    path("<int:application_id>/review-form/draft/", views.review_form_draft_view, name="review_form_draft"),
    path("<int:application_id>/pledge/", views.pledge_view, name="pledge"),
    path("guides/<slug:slug>/", guide_views.guide_download, name="guide"),
]
