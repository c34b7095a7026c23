from django.urls import path

from core.views import placeholder

app_name = "messaging"
urlpatterns = [
    path("", placeholder, name="inbox"),
    path("sms-outbox/", placeholder, name="sms_outbox"),
]
