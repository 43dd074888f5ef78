"""Who may see what in the care app, decided in one place (STYLE §3).

Per persona (issue 8):
- care officer (`care`): everything here; every opening of an incident is logged.
- the employee concerned and the one who filed: their own incident, logged too.
- department head: never an incident; only that an employee is unavailable (protection.py).
- officers, desk, agents, auditor, admin: no incident and no unkindness report. The auditor's
  read-all does not extend to victims' statements (least privilege, 성희롱 cases above all).
- unkindness reports: care officer only; the person named never, whatever their role.
- answer-quality review: care and auditor; the handler sees the feedback on their own page.
"""

from __future__ import annotations

from django.http import Http404

from minwon.accounts.models import Role

from .models import Incident, IncidentView, UnkindReport

REVIEW_ROLES = (Role.CARE, Role.AUDITOR)
SELECT_ROLES = (Role.CARE, Role.ADMIN)


def is_care(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.CARE))


def can_view_incident(user, incident: Incident) -> bool:
    if not (user and user.is_authenticated and user.is_staff_member):
        return False
    return is_care(user) or user.pk in (incident.employee_id, incident.filed_by_id)


def visible_incidents(user):
    qs = Incident.objects.select_related("employee", "filed_by")
    if is_care(user):
        return qs
    return qs.filter(employee=user) | qs.filter(filed_by=user)


def get_incident_for(user, pk: int, *, what: str = "detail", ip: str | None = None) -> Incident:
    """The incident or 404 (not 403: its existence is not disclosed), and one access-log row."""
    incident = Incident.objects.select_related("employee", "filed_by", "complaint").filter(pk=pk).first()
    if incident is None or not can_view_incident(user, incident):
        raise Http404("신고를 찾을 수 없습니다.")
    IncidentView.objects.create(incident=incident, user=user, what=what[:60], ip=ip)
    return incident


def get_report_for(user, pk: int) -> UnkindReport:
    report = UnkindReport.objects.select_related("employee", "department").filter(pk=pk).first()
    if report is None or not is_care(user) or report.employee_id == user.pk:
        raise Http404("신고를 찾을 수 없습니다.")
    return report


def visible_reports(user):
    if not is_care(user):
        return UnkindReport.objects.none()
    return UnkindReport.objects.exclude(employee=user).select_related("employee", "department")
