"""The 工作台 (the page after login, /accounts/): each role's panels, composed from what the apps
below offer (accounts' locked accounts for the support, applications' 申报进度 for an applicant,
reviews' 审核概况 for the reviewing organisations). Thin: the figures come from their selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import Role
from accounts.selectors import locked_account_count
from applications.selectors import application_status_context
from reviews.permissions import can_review
from reviews.summary import summary_context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict = {"user_obj": user}
    if user.role == Role.SUPPORT:
        context["locked_count"] = locked_account_count()
    if user.role == Role.APPLICANT:
        context["status"] = application_status_context(user=user)
    if can_review(user)[0]:
        context["summary"] = summary_context(actor=user, year=request.GET.get("year"))
    return render(request, "workbench/home.html", context)
