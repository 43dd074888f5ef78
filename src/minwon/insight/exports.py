"""Evaluation exports: XLSX (openpyxl) for the HR office, PDF (weasyprint) for the file."""

from __future__ import annotations

from io import BytesIO

from django.template.loader import render_to_string

from minwon.complaints.models import Complaint

from .evaluation import Result
from .metrics import Period


def evaluation_xlsx(results: list[Result], period: Period, kind_label: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "평가 결과"
    ws.append([f"{kind_label} 평가 {period}"])
    ws["A1"].font = Font(bold=True, size=13)
    keys = [ln.key for ln in results[0].lines] if results else []
    labels = [ln.label for ln in results[0].lines] if results else []
    weights = [ln.weight for ln in results[0].lines] if results else []
    ws.append(["순위", "대상", "총점", *labels])
    ws.append(["", "가중치", "", *weights])
    for i, r in enumerate(results, 1):
        ws.append(
            [
                i,
                r.unit.label,
                round(r.total, 2) if r.total is not None else None,
                *[
                    round(ln.value.score, 2) if ln.value.score is not None else ln.value.display
                    for ln in r.lines
                ],
            ]
        )
    for cell in ws[2]:
        cell.font = Font(bold=True)
    how = wb.create_sheet("산출 근거")
    how.append(["대상", "지표", "값", "점수", "가중치", "산출 방법", "근거 민원(접수번호)", "보호 제외 민원"])
    tracking = _tracking_numbers(results)
    for r in results:
        how.append(
            [
                r.unit.label,
                "총점",
                "",
                round(r.total, 2) if r.total is not None else None,
                "",
                r.formula,
                "",
                "",
            ]
        )
        for ln in r.lines:
            v = ln.value
            how.append(
                [
                    r.unit.label,
                    ln.label,
                    v.display,
                    round(v.score, 2) if v.score is not None else None,
                    ln.weight,
                    v.how,
                    " / ".join(
                        part
                        for part in (
                            ", ".join(tracking.get(pk, str(pk)) for pk in v.complaint_ids[:2000]),
                            " / ".join(e.label for e in v.rows if e.complaint_id is None),
                        )
                        if part
                    ),
                    ", ".join(tracking.get(pk, str(pk)) for pk in v.excluded_ids),
                ]
            )
    del keys
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _tracking_numbers(results: list[Result]) -> dict[int, str]:
    ids = {
        pk
        for r in results
        for ln in r.lines
        for pk in (*ln.value.complaint_ids[:2000], *ln.value.excluded_ids)
    }
    return dict(Complaint.objects.filter(pk__in=ids).values_list("pk", "tracking_no"))


def evaluation_pdf(results: list[Result], period: Period, kind_label: str, city: str) -> bytes:
    from weasyprint import HTML

    # Each line with the tracking numbers of its protected 민원 and how many 민원 are behind it
    # (the full list of those is in the XLSX and on the explain page).
    tracking = dict(
        Complaint.objects.filter(
            pk__in={pk for r in results for ln in r.lines for pk in ln.value.excluded_ids}
        ).values_list("pk", "tracking_no")
    )
    units = [
        (
            r,
            [
                (
                    ln,
                    ", ".join(tracking.get(pk, str(pk)) for pk in ln.value.excluded_ids),
                    len(ln.value.complaint_ids),
                )
                for ln in r.lines
            ],
        )
        for r in results
    ]
    html = render_to_string(
        "insight/evaluation_pdf.html",
        {"results": results, "units": units, "period": period, "kind_label": kind_label, "city": city},
    )
    return HTML(string=html).write_pdf()
