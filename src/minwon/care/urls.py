from django.urls import path

from . import idea_views, incident_views, quality_views, views

app_name = "care"
urlpatterns = [
    # Citizen-facing (public: see portal/public_urls.py)
    path("s/<str:token>/", views.satisfaction, name="satisfaction"),
    path("care/praise/", views.praise, name="praise"),
    path("care/unkind/", views.unkind_new, name="unkind_new"),
    # Staff
    path("care/", views.home, name="home"),
    path("care/dashboard/", views.dashboard, name="dashboard"),
    path("care/reports/", views.reports, name="reports"),
    path("care/reports/<int:pk>/", views.report, name="report"),
    path("care/from-complaints/", views.to_forward, name="to_forward"),
    path("care/from-complaints/<int:pk>/", views.forward, name="forward"),
    path("care/phone/", views.phone_list, name="phone_list"),
    path("care/phone/<int:pk>/", views.phone_survey, name="phone_survey"),
    path("care/me/", views.me, name="me"),
    path("care/people/<int:user_pk>/", views.person, name="person"),
    path("care/quality/", quality_views.queue, name="quality"),
    path("care/quality/report/", quality_views.report, name="quality_report"),
    path("care/quality/<int:sample_pk>/", quality_views.review, name="review"),
    path("care/quality/<int:sample_pk>/promote/", quality_views.promote, name="promote"),
    path("care/incidents/", incident_views.incident_list, name="incidents"),
    path("care/incidents/new/", incident_views.incident_new, name="incident_new"),
    path("care/incidents/<int:incident_pk>/", incident_views.incident, name="incident"),
    path(
        "care/incidents/<int:incident_pk>/act/<slug:action>/",
        incident_views.incident_act,
        name="incident_act",
    ),
    path(
        "care/incidents/<int:incident_pk>/evidence/<int:evidence_pk>/",
        incident_views.evidence,
        name="evidence",
    ),
    path("care/ideas/", idea_views.campaigns, name="ideas"),
    path("care/ideas/<int:campaign_pk>/", idea_views.campaign, name="campaign"),
    path("care/ideas/idea/<int:idea_pk>/vote/", idea_views.vote, name="vote"),
    path("care/ideas/idea/<int:idea_pk>/select/", idea_views.select, name="select"),
]
