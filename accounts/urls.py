from django.urls import path

from core.views import placeholder

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", placeholder, name="login"),
    path("logout/", placeholder, name="logout"),
    path("register/", placeholder, name="register"),
    path("profile/", placeholder, name="profile"),
    path("password/change/", placeholder, name="password_change"),
    path("password/reset/", placeholder, name="password_reset"),
    path("support/accounts/", placeholder, name="support_accounts"),
]
