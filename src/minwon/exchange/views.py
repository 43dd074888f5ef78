"""The desk's exchange page: upload a portal file, see what was imported, download results."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET, require_http_methods

from minwon.accounts.models import Role
from minwon.staff.views import staff_page

from . import formats, services
from .models import ImportBatch, Source

EXCHANGE_ROLES = (Role.DESK, Role.ADMIN)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="가져올 파일 (CSV 또는 JSON)",
        help_text="국민신문고·새올에서 받은 파일. 같은 파일을 다시 올려도 같은 민원이 두 번 생기지 않습니다.",
        error_messages={"required": "파일을 골라 주십시오."},
    )
    source = forms.ChoiceField(
        label="파일에 source 열이 없을 때의 연계 기관", choices=Source.choices, initial=Source.EPEOPLE
    )


@require_http_methods(["GET", "POST"])
@staff_page(*EXCHANGE_ROLES)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    batch = None
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            batch = services.import_file(
                request.user, name=f.name, data=f.read(), source=form.cleaned_data["source"]
            )
        except formats.FormatError as exc:
            form.add_error("file", str(exc))
    recent = ImportBatch.objects.select_related("actor")[:10]
    return render(request, "exchange/upload.html", {"form": form, "batch": batch, "recent": recent})


@require_GET
@staff_page(*EXCHANGE_ROLES)
def export(request, fmt: str):
    """/exchange/results.csv or .json; `?source=epeople|saeol` and `?since=<ISO time>` narrow it."""
    since = None
    if request.GET.get("since"):
        since = parse_datetime(request.GET["since"].strip().replace(" ", "+"))
        if since is None:
            return HttpResponseBadRequest(
                "since 는 2026-12-01T00:00:00+09:00 형식이어야 합니다.",
                content_type="text/plain; charset=utf-8",
            )
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
    rows = services.export_rows(source=request.GET.get("source", ""), since=since)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "json":
        response = HttpResponse(formats.write_json(rows), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(formats.write_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="minwon-exchange-{stamp}.{fmt}"'
    return response
