from django.urls import path

from . import public_views

app_name = "reports"
urlpatterns = [
    path("monthly/", public_views.monthly, name="monthly"),
    path("monthly.pdf", public_views.monthly_pdf, name="monthly_pdf"),
    path("open-data/complaints.csv", public_views.open_data_complaints, name="open_complaints"),
    path("open-data/figures.csv", public_views.open_data_figures, name="open_figures"),
]
