from django.contrib import admin
from django.urls import include, path

from orgs import urls as orgs_urls
from workcal import urls as workcal_urls

from .api import api

admin.site.site_header = "职称申报评审系统 · 后台管理"
admin.site.site_title = "职称申报评审系统"
admin.site.index_title = "后台管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("workbench.urls")),  # the 工作台 at /accounts/
    path("accounts/", include("accounts.urls")),
    # 单位 pages (orgs) and the committee office's 网上申报时间 page (workcal), one namespace.
    path("units/", include((orgs_urls.urlpatterns + workcal_urls.urlpatterns, "units"))),
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
    path("evaluation/", include("evaluation.urls")),
    path("", include("public.urls")),
]
