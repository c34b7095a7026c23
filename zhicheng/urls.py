from django.contrib import admin
from django.urls import include, path

from .api import api

admin.site.site_header = "职称申报评审系统 · 后台管理"
admin.site.site_title = "职称申报评审系统"
admin.site.index_title = "后台管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("workbench.urls")),  # the 工作台 at /accounts/
    path("accounts/", include("accounts.urls")),
    path("units/", include("orgs.urls")),
    path("messages/", include("messaging.urls")),
    path("dossier/", include("dossier.urls")),
    path("attachments/", include("attachments.urls")),
    path("applications/", include("applications.urls")),
    path("reviews/", include("reviews.urls")),
    path("recommend/", include("recommend.urls")),
    path("documents/", include("documents.urls")),
    path("publicity/", include("publicity.urls")),
    path("exports/", include("exports.urls")),
    path("paths/", include("paths.urls")),
    path("", include("public.urls")),
]
