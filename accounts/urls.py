from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("register/", views.register_view, name="register"),
    path("sms-code/", views.sms_code_view, name="sms_code"),
    path("unit-options/", views.unit_options_view, name="unit_options"),
    path("profile/", views.profile_view, name="profile"),
    path("password/change/", views.password_change_view, name="password_change"),
    path("password/reset/", views.password_reset_view, name="password_reset"),
    path("password/reset/unit/", views.password_reset_unit_view, name="password_reset_unit"),
    path("password/reset/manual/", views.password_reset_manual_view, name="password_reset_manual"),
    path("support/accounts/", views.support_accounts_view, name="support_accounts"),
    path(
        "support/accounts/<int:pk>/unlock/",
        views.support_account_unlock_view,
        name="support_account_unlock",
    ),
    path(
        "support/accounts/<int:pk>/reset-password/",
        views.support_account_reset_password_view,
        name="support_account_reset_password",
    ),
]
