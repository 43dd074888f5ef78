from django.conf import settings


def site(request):
    return {"CITY_NAME": settings.MINWON_CITY_NAME, "AGENCY_PHONE": settings.MINWON_AGENCY_PHONE}
