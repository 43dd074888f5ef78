"""The 적극행정 metric of the insight evaluation (minwon.insight.metrics calls `evaluate`).

Department: the average rating score of its key tasks of the period's years, and the share of its
people who completed 적극행정 교육 in the period. Employee: the rating scores of the tasks they
work on, plus a bonus for training. A task rated below B counts as B (보통) for an officer who
had an answered 사전컨설팅 on that task that did not find it 부적정 (protection: acting on the audit
office's advice is no disadvantage), and for everyone when it is a recognised exemplary failure.
Counting it as B rather than leaving it out means protection can only help: an officer whose
only task is protected is not left to be judged by their other metrics alone.
"""

from __future__ import annotations

from django.urls import reverse

from minwon.accounts.models import User

from .models import RATING_SCORES, KeyTask, Rating, TrainingRecord

PROTECTED_BELOW = (Rating.C, Rating.D)
PROTECTED_AS = Rating.B


def _tasks(period, unit):
    years = range(period.first.year, period.last.year + 1)
    qs = KeyTask.objects.filter(year__in=years, evaluation__isnull=False).select_related("evaluation")
    if unit.kind == "department":
        return list(qs.filter(owner_department_id__in=unit.department_ids))
    return list((qs.filter(main_officer_id=unit.pk) | qs.filter(supporting_officers=unit.pk)).distinct())


def _protected(task: KeyTask, user_ids) -> str:
    ev = task.evaluation
    if ev.rating not in PROTECTED_BELOW:
        return ""
    if ev.exemplary_failure:
        return "모범적 실패 인정"
    for c in task.consultations.filter(requester_id__in=user_ids, answered_at__isnull=False):
        if c.protects:
            return f"사전컨설팅 회신({c.answered_at:%Y-%m-%d})에 따른 보호"
    return ""


def evaluate(period, unit, Value, Evidence):
    rows, scores = [], []
    for task in _tasks(period, unit):
        why = _protected(task, unit.user_ids)
        s = RATING_SCORES[Rating(task.evaluation.rating)]
        if why:
            s = RATING_SCORES[PROTECTED_AS]
            label = (
                f"{task.year} {task.title}: {task.evaluation.rating} → {PROTECTED_AS}로 봄 ({why}) = {s}점"
            )
        else:
            label = f"{task.year} {task.title}: {task.evaluation.rating} = {s}점"
        rows.append(Evidence(label, href=reverse("proactive:detail", args=[task.pk])))
        scores.append(s)
    trained = set(
        TrainingRecord.objects.filter(
            user_id__in=unit.user_ids, completed_on__gte=period.first, completed_on__lte=period.last
        ).values_list("user_id", flat=True)
    )
    people = max(len(unit.user_ids), 1)
    train_rate = len(trained) / people
    for u in User.objects.filter(pk__in=trained):
        rows.append(Evidence(f"적극행정 교육 이수: {u}"))
    if not scores and not trained:
        return Value(True, None, None, "–", "평가된 중점과제와 교육 이수 기록이 없습니다.", rows=rows)
    task_score = sum(scores) / len(scores) if scores else None
    if task_score is None:
        score = train_rate * 100
        how = f"평가 과제 없음; 교육 이수 {len(trained)}/{people}명 = {train_rate * 100:.0f}점"
    else:
        score = task_score * 0.8 + train_rate * 100 * 0.2
        how = f"과제 평균 {task_score:.1f}점 × 0.8 + 교육 이수율 {train_rate * 100:.0f}% × 0.2 = {score:.1f}"
    return Value(True, score, score, f"{score:.1f}점", how, rows=rows)
