"""Site-wide plain views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer: the process answers. No database, no session, no template."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
