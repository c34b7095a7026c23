from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.message_read_all, name="read_all"),
    path("<int:message_id>/", views.message_detail, name="detail"),
    path("<int:message_id>/read/", views.message_read, name="read"),
    path("sms-outbox/", views.sms_outbox, name="sms_outbox"),
]
