"""Property tests: invariants that must hold for any receipt time, period and pauses."""

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from minwon.lib.legalclock import SEOUL, Mode, Period, WorkCalendar, compute_due, explain_due

# Quick: a modest number of examples, no per-example deadline, no example database written into
# the working tree.
FAST = settings(max_examples=60, deadline=None, database=None)

PERIODS = st.sampled_from(
    ["1h", "3h", "즉시", "1d", "3d", "5d", "6d", "7d", "14d", "30d", "1w", "2w", "1m", "3m", "1y"]
)


@st.composite
def instants(draw, start=datetime(2025, 1, 1), end=datetime(2028, 12, 20)):
    naive = draw(st.datetimes(min_value=start, max_value=end))
    return naive.replace(second=0, microsecond=0, tzinfo=SEOUL)


@st.composite
def intervals(draw, near: datetime):
    start = near + timedelta(minutes=draw(st.integers(-3 * 24 * 60, 40 * 24 * 60)))
    return start, start + timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))


@st.composite
def scenarios(draw):
    received = draw(instants())
    pauses = draw(st.lists(intervals(received), max_size=3))
    outages = draw(st.lists(intervals(received), max_size=2))
    closed = draw(st.lists(st.dates(received.date(), received.date() + timedelta(days=40)), max_size=3))
    return received, Period.parse(draw(PERIODS)), pauses, WorkCalendar(extra_closed=closed, outages=outages)


def _in_closing_interval(calendar: WorkCalendar, due: datetime) -> bool:
    """The documented guarantee: due ∈ (s, e] for a working interval (s, e) of ``calendar``."""
    return any(s < due <= e for s, e in calendar.working_intervals(due.date()))


@FAST
@given(scenarios())
def test_due_never_falls_in_a_closed_hour(scenario):
    received, period, pauses, calendar = scenario
    due = compute_due(received, period, pauses=pauses, calendar=calendar)
    assert _in_closing_interval(calendar.with_stops(pauses), due)
    # …and so also within office hours of a working day (12:00 or 18:00 at the latest edge).
    assert _in_closing_interval(calendar.without_stops(), due)


@FAST
@given(scenarios(), st.data())
def test_adding_a_pause_never_makes_the_due_earlier(scenario, data):
    received, period, pauses, calendar = scenario
    extra = data.draw(intervals(received))
    before = compute_due(received, period, pauses=pauses, calendar=calendar)
    after = compute_due(received, period, pauses=[*pauses, extra], calendar=calendar)
    assert after >= before


@FAST
@given(scenarios())
def test_results_are_aware_and_in_seoul(scenario):
    received, period, pauses, calendar = scenario
    due = compute_due(received.astimezone(SEOUL).astimezone(), period, pauses=pauses, calendar=calendar)
    assert due.tzinfo is SEOUL
    assert due.utcoffset() == timedelta(hours=9)
    assert due > received


@FAST
@given(scenarios())
def test_hours_mode_runs_exactly_the_period_of_running_clock(scenario):
    received, period, pauses, calendar = scenario
    if period.mode is not Mode.HOURS:
        return
    due = compute_due(received, period, pauses=pauses, calendar=calendar)
    assert calendar.with_stops(pauses).working_time_between(received, due) == period.working_time


@FAST
@given(scenarios())
def test_without_stops_days_and_calendar_modes_end_at_18(scenario):
    received, period, _, calendar = scenario
    result = explain_due(received, period, calendar=calendar.without_stops())
    if period.mode is not Mode.HOURS:
        assert result.due_at.hour == 18
        assert result.due_at.minute == 0
        assert calendar.is_working_day(result.due_at.date())


@FAST
@given(
    instants(),
    st.integers(0, 8 * 60 * 60),
    st.lists(st.dates(date(2025, 1, 1), date(2029, 3, 1)), max_size=5),
)
def test_working_time_between_inverts_add_working_time(start, minutes, closed):
    calendar = WorkCalendar(
        extra_closed=closed, outages=[(start + timedelta(hours=5), start + timedelta(days=2))]
    )
    amount = timedelta(minutes=minutes)
    assert calendar.working_time_between(start, calendar.add_working_time(start, amount)) == amount
