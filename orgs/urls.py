from django.urls import path

from core.views import placeholder

app_name = "units"
urlpatterns = [
    path("register/", placeholder, name="register"),
    path("info/", placeholder, name="info"),
    path("staff/", placeholder, name="staff"),
]
