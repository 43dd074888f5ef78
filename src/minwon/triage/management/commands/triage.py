"""`minwon triage reindex | retrain | evaluate --csv FILE | jobs`.

`evaluate` never touches the database (no system or migration checks either), so it runs on a
laptop with only the CSV.
"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "민원 분류: 검색 색인(reindex), 부서 추천 재학습(retrain), 오프라인 평가(evaluate), 예약 작업(jobs)"
    )
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("reindex", help="모든 민원의 형태소 색인을 다시 만듭니다")
        p.add_argument("--batch", type=int, default=2000)
        p.add_argument("--missing-only", action="store_true", help="색인이 없는 민원만")
        p = sub.add_parser("retrain", help="부서 추천 모델을 지금 다시 학습합니다")
        p.add_argument("--limit", type=int, default=None, help="최근 N건만 학습")
        p.add_argument("--min-rows", type=int, default=None)
        p = sub.add_parser("evaluate", help="CSV로 선행 예측(prequential) 정확도를 잽니다 (DB 없음)")
        p.add_argument("--csv", required=True)
        p.add_argument("--refit-every", type=int, default=1000)
        sub.add_parser("jobs", help="예약 작업(누락 색인, 주기적 재학습)을 한 번 돌립니다")

    def handle(self, *args, action: str, **opts):
        if action == "evaluate":
            from minwon.triage.learn import evaluate_csv

            try:
                line = evaluate_csv(opts["csv"], refit_every=opts["refit_every"])
            except (OSError, ValueError) as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(line)
            return
        if action == "reindex":
            from minwon.complaints.models import Complaint
            from minwon.triage.search import reindex

            qs = Complaint.objects.all()
            if opts["missing_only"]:
                qs = qs.filter(triage_doc__isnull=True)
            t = time.perf_counter()
            n = reindex(qs, batch=opts["batch"])
            self.stdout.write(json.dumps({"indexed": n, "seconds": round(time.perf_counter() - t, 1)}))
            return
        if action == "retrain":
            from minwon.triage.routing import retrain

            model = retrain(limit=opts["limit"], min_rows=opts["min_rows"])
            if model is None:
                self.stdout.write(
                    json.dumps({"trained": False, "reason": "not enough final routing decisions"})
                )
            else:
                self.stdout.write(
                    json.dumps(
                        {
                            "trained": True,
                            "version": model.version,
                            "n": model.n_rows,
                            "departments": model.n_classes,
                            "seconds": model.seconds,
                            "metrics": model.metrics,
                        }
                    )
                )
            return
        if action == "jobs":
            from minwon.triage.jobs import run_due_jobs

            self.stdout.write(json.dumps(run_due_jobs()))
