from django.conf import settings


def site(request):
    return {
        "SITE_NAME": "职称申报评审系统",
        "SUPPORT_PHONE": settings.SUPPORT_PHONE,
    }
