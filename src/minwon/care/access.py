"""Who may see what in the care app, decided in one place (STYLE §3).

Per persona (issue 8):
- care officer (`care`): everything here; every opening of an incident is logged.
- the employee concerned and the one who filed: their own incident, logged too.
- auditor (민원심사관·감사): reads every incident for oversight (DESIGN §1 "read-only oversight of
  everything, with every access logged"), never acts on one; each opening, file download and
  appearance in a list is logged like anyone else's, and the care officer sees that log.
- department head: never an incident; only that an employee is unavailable (protection.py).
- officers (colleagues of the employee included), desk, agents, admin: no incident and no
  unkindness report.
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


def is_auditor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.AUDITOR))


def sees_all_incidents(user) -> bool:
    """The care officer (who acts) and the auditor (who only reads) see every incident."""
    return is_care(user) or is_auditor(user)


def can_view_incident(user, incident: Incident) -> bool:
    if not (user and user.is_authenticated and user.is_staff_member):
        return False
    return sees_all_incidents(user) or user.pk in (incident.employee_id, incident.filed_by_id)


def visible_incidents(user):
    qs = Incident.objects.select_related("employee", "filed_by")
    if sees_all_incidents(user):
        return qs
    return qs.filter(employee=user) | qs.filter(filed_by=user)


def log_listing(user, incidents, *, what: str = "list", ip: str | None = None) -> list:
    """A list that shows incidents (number, type, employee) is a view of each: one log row per row shown.

    Returns the incidents as a list so the page renders exactly the rows that were logged.
    """
    rows = list(incidents)
    IncidentView.objects.bulk_create(IncidentView(incident=i, user=user, what=what[:60], ip=ip) for i in rows)
    return rows


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
