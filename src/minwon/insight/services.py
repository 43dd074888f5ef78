"""Every write of the insight app (weights; summary rebuilds requested by a person)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from minwon.accounts.models import Role

from .models import InsightAudit, MetricWeight


class WeightError(ValueError):
    pass


@transaction.atomic
def set_weight(actor, key: str, weight) -> MetricWeight:
    from .metrics import REGISTRY

    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied("평가 가중치는 관리자만 바꿀 수 있습니다.")
    if key not in REGISTRY:
        raise WeightError("알 수 없는 평가 지표입니다.")
    try:
        value = Decimal(str(weight))
    except InvalidOperation as exc:
        raise WeightError("가중치는 숫자로 입력해 주십시오.") from exc
    if not Decimal(0) <= value <= Decimal(1000):
        raise WeightError("가중치는 0–1000 사이로 입력해 주십시오.")
    before = MetricWeight.objects.filter(key=key).values_list("weight", flat=True).first()
    row, _ = MetricWeight.objects.update_or_create(
        key=key, defaults={"weight": value, "updated_by": actor, "updated_at": timezone.now()}
    )
    InsightAudit.objects.create(
        actor=actor,
        action="weight_set",
        data={"key": key, "before": str(before) if before is not None else None, "after": str(value)},
    )
    return row
