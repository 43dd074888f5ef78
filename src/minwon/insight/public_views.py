"""Public (no log-in) monthly report page, its PDF, and the open-data CSV files."""

from __future__ import annotations

import csv

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from . import public


class _Echo:
    def write(self, value):
        return value


def _bad_month(request) -> bool:
    """A month was given but is not one (no month at all means the last complete month)."""
    given = request.GET.get("month", "").strip()
    return bool(given) and public.parse_month(given) is None


def _month(request):
    return public.month_bounds(request.GET.get("month"))


def _refuse_bad_month(request) -> HttpResponse | None:
    if _bad_month(request):
        return HttpResponse(public.MONTH_ERROR, status=400, content_type="text/plain; charset=utf-8")
    return None


@require_GET
def monthly(request):
    first, last = _month(request)
    data = public.with_tables(public.report(first, last))
    bad = _bad_month(request)
    return render(
        request,
        "insight/public_report.html",
        {
            **data,
            # What was typed stays in the box with the error; the report shown is the default month.
            "month": request.GET.get("month", "")[:20] if bad else f"{first:%Y-%m}",
            "month_error": public.MONTH_ERROR if bad else "",
        },
        status=400 if bad else 200,
    )


@require_GET
def monthly_pdf(request):
    if (refused := _refuse_bad_month(request)) is not None:
        return refused
    from weasyprint import HTML

    first, last = _month(request)
    html = render_to_string(
        "insight/public_report_pdf.html",
        {**public.with_tables(public.report(first, last)), "city": settings.MINWON_CITY_NAME},
    )
    resp = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="minwon-report-{first:%Y-%m}.pdf"'
    return resp


def _csv(rows, header, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # Excel opens UTF-8 Korean correctly only with the BOM
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    resp = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


@require_GET
def open_data_complaints(request):
    if (refused := _refuse_bad_month(request)) is not None:
        return refused
    first, last = _month(request)
    return _csv(
        public.open_data_rows(first, last), public.OPEN_DATA_COLUMNS, f"minwon-public-{first:%Y-%m}.csv"
    )


@require_GET
def open_data_figures(request):
    if (refused := _refuse_bad_month(request)) is not None:
        return refused
    first, last = _month(request)
    rows = public.figure_rows(public.report(first, last))
    return _csv(rows, public.FIGURE_COLUMNS, f"minwon-figures-{first:%Y-%m}.csv")
