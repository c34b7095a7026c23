from django.urls import path

from . import suspension_views, views

# Mounted at /units/ with workcal.urls under the one namespace "units" (zhicheng/urls.py).
urlpatterns = [
    path("register/", views.register, name="register"),
    path("info/", views.info, name="info"),
    path("staff/", views.staff, name="staff"),
    path("staff/<int:user_id>/message/", views.staff_message, name="staff_message"),
    path("staff/<int:user_id>/reset-password/", views.staff_reset_password, name="staff_reset_password"),
    path("staff/<int:user_id>/remove/", views.staff_remove, name="staff_remove"),
    path("staff/<int:user_id>/unlock/", views.staff_unlock, name="staff_unlock"),
    # 暂停推荐 for the city bureau (seed 必读 (一)2).
    path("suspensions/", suspension_views.suspension_list, name="suspensions"),
    path("suspensions/<int:suspension_id>/lift/", suspension_views.suspension_lift, name="suspension_lift"),
]
