"""법 제23조 반복민원 rule (pure)."""

from datetime import datetime, timedelta

from minwon.triage.rules import PriorFiling, repeated_complaint_assessment

NOW = datetime(2026, 6, 1, 10, 0)


def prior(n: int, *, notified: int, days_apart: int = 10):
    return [
        PriorFiling(
            complaint_id=i + 1,
            tracking_no=f"2026-{i + 1:07d}",
            received_at=NOW - timedelta(days=days_apart * (n - i)),
            similarity=0.9,
            notified=i < notified,
            notified_at=NOW - timedelta(days=days_apart * (n - i) - 3) if i < notified else None,
        )
        for i in range(n)
    ]


def test_third_filing_after_two_notices_may_be_closed():
    a = repeated_complaint_assessment(kind="grievance", received_at=NOW, prior=prior(2, notified=2))
    assert a.may_close
    assert (a.filings, a.notified) == (3, 2)
    assert a.evidence_ids == [1, 2]


def test_two_filings_are_not_enough():
    a = repeated_complaint_assessment(kind="grievance", received_at=NOW, prior=prior(1, notified=1))
    assert not a.may_close
    assert any("3회" in r for r in a.reasons)


def test_one_notice_is_not_enough_however_many_filings():
    a = repeated_complaint_assessment(kind="grievance", received_at=NOW, prior=prior(5, notified=1))
    assert not a.may_close
    assert a.filings == 6 and a.notified == 1


def test_statutory_complaints_are_never_closed_as_repeated():
    a = repeated_complaint_assessment(kind="statutory", received_at=NOW, prior=prior(4, notified=4))
    assert not a.may_close
    assert any("법정민원" in r for r in a.reasons)


def test_later_filings_and_notices_after_arrival_do_not_count():
    later = PriorFiling(9, "2026-0000009", NOW + timedelta(days=1), 0.9, True, NOW + timedelta(days=2))
    late_notice = PriorFiling(8, "2026-0000008", NOW - timedelta(days=5), 0.9, True, NOW + timedelta(hours=1))
    a = repeated_complaint_assessment(
        kind="grievance", received_at=NOW, prior=[*prior(1, notified=1), later, late_notice]
    )
    assert a.filings == 3
    assert a.notified == 1
    assert not a.may_close
