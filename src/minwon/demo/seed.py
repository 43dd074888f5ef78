"""Seeding: the default org chart and category tree (`seed_defaults`) and the demo city (`seed_demo`).

Both are idempotent. `seed_defaults` only adds what is missing, so a city that has since edited
its departments and categories in the admin keeps its edits. `seed_demo` adds the demo personas
and, if the database holds no 민원 yet, a few hundred of them.

Every 민원 is made through the service functions, exactly as the web pages and the API make them,
so the demo's timelines, due times and flags are the real thing. Arrival times lie in the past
few weeks; the steps after arrival happen "now" (the services stamp the current time), which is
why the arrival times are chosen so that the intended 민원 come out overdue, due today or on time.
"""

from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from minwon.accounts.models import RoleGrant, User
from minwon.api.demo import seed_machine_demo
from minwon.board.demo import seed_board_demo
from minwon.callcentre.demo import seed_callcentre_demo
from minwon.care.demo import seed_care_demo
from minwon.complaints import deadlines
from minwon.complaints import services as s
from minwon.complaints.choices import Channel, ClosureReason, NotifyChannel, Status, Visibility
from minwon.complaints.intake import Applicant, Upload, receive_complaint
from minwon.complaints.models import Category, Complaint
from minwon.core.models import ClosedDay, ClosedDayKind, Outage
from minwon.field.demo import seed_field_demo
from minwon.insight.demo import seed_insight
from minwon.lib.legalclock.periods import compute_due
from minwon.lib.legalclock.workcalendar import WorkCalendar
from minwon.org.models import Department
from minwon.org.services import add_member, create_department

from . import data

Login = tuple[str, str, str, str]


@dataclass
class SeedResult:
    """What `seed_demo` made. `logins` rows are (username, password, role label, description)."""

    logins: list[Login]
    created: dict[str, int]
    seconds: float = 0.0


# --- defaults ---------------------------------------------------------------------------------


@transaction.atomic
def seed_defaults(*, actor=None) -> dict[str, int]:
    """Create the default org chart and category tree, skipping every code that already exists."""
    depts = {d.code: d for d in Department.objects.all()}
    new_depts = 0
    for spec in data.DEPARTMENTS:
        if spec.code in depts:
            continue
        depts[spec.code] = create_department(
            actor=actor,
            code=spec.code,
            name=spec.name,
            level=spec.level,
            parent=depts[spec.parent] if spec.parent else None,
            phone=spec.phone,
            name_en=spec.name_en,
            is_desk=spec.is_desk,
        )
        new_depts += 1

    cats = {c.code: c for c in Category.objects.all()}
    new_cats = 0
    for order, cat_spec in enumerate(data.CATEGORIES, start=1):
        if cat_spec.code in cats:
            continue
        cats[cat_spec.code] = Category.objects.create(
            code=cat_spec.code,
            name=cat_spec.name,
            name_en=cat_spec.name_en,
            parent=cats[cat_spec.parent] if cat_spec.parent else None,
            default_department=depts[cat_spec.department] if cat_spec.department else None,
            default_kind=cat_spec.kind,
            statutory_period=cat_spec.statutory_period,
            notice=cat_spec.notice,
            extra_questions=[dict(q) for q in cat_spec.extra_questions],
            keywords=cat_spec.keywords,
            is_sensitive=cat_spec.is_sensitive,
            sort_order=order * 10,
        )
        new_cats += 1
    return {"departments": new_depts, "categories": new_cats}


# --- demo -------------------------------------------------------------------------------------

DEMO_SEED = 2026
DEMO_OUTAGE_REASON = "새올 행정시스템 정기 점검 (데모)"

# Final status → how many 민원 end in it (≈ 300 in all).
STATUS_PLAN: tuple[tuple[str, int], ...] = (
    (Status.RECEIVED, 14),
    (Status.ACCEPTED, 22),
    (Status.ASSIGNED, 34),
    (Status.IN_PROGRESS, 56),
    (Status.SUPPLEMENT_REQUESTED, 14),
    (Status.ANSWERED, 40),
    (Status.CLOSED, 72),
    (Status.TRANSFERRED, 10),
    (Status.WITHDRAWN, 10),
    (Status.MERGED, 10),
    (Status.REJECTED, 10),
    (Status.REOPENED, 8),
)
CHANNEL_WEIGHTS = {
    Channel.WEB: 30,
    Channel.MOBILE: 25,
    Channel.CALL: 12,
    Channel.VISIT: 8,
    Channel.BOARD: 8,
    Channel.FIELD: 6,
    Channel.POST: 4,
    Channel.API: 4,
    Channel.IMPORT: 6,
}
# How often each leaf category comes up (default 3): parking and litter dominate, as in real 구청s.
CATEGORY_WEIGHTS = {
    "traffic_parking": 30,
    "waste_dumping": 18,
    "road_pothole": 12,
    "streetlight_out": 12,
    "env_construction": 12,
    "ad_banner": 9,
    "waste_uncollected": 9,
    "road_sidewalk": 8,
    "park_tree": 8,
    "env_noise": 7,
    "traffic_facility": 6,
    "praise": 6,
    "unkind": 4,
    "tax_inquiry": 6,
    "welfare_basic": 5,
    "consult_resident": 5,
    "consult_passport": 4,
    "city_inquiry": 5,
}
# Categories a field employee reports from the street (행정종합관찰제).
FIELD_ROOTS = {"road", "traffic", "ad", "waste", "facility", "streetlight", "park"}
# Categories whose 민원 are about a place (so they get an address and a map position).
PLACE_ROOTS = FIELD_ROOTS | {"env", "building", "hygiene"}
APPLICATION_CHANNELS = (Channel.WEB, Channel.VISIT, Channel.POST, Channel.IMPORT)
OFFICE_CHANNELS = {Channel.VISIT, Channel.POST, Channel.CALL, Channel.FIELD}
PHOTO_CATEGORIES = {"road_pothole", "waste_dumping", "ad_banner", "streetlight_out", "park_playground"}


@transaction.atomic
def seed_demo(*, photos: bool = True) -> SeedResult:
    """The demo city: defaults, every persona, and ~300 민원 if the database has none yet.

    Personas that already exist are left as they are (their password is not reset), so on a
    database where someone changed a demo password the printed one no longer applies.
    """
    started = time.monotonic()
    created = seed_defaults()
    people, created["users"] = _seed_personas()
    if Complaint.objects.exists():
        # Never mix fake 민원 into a database that already has some (a rerun, or a real city).
        created["complaints"] = 0
    else:
        _seed_calendar()
        created["complaints"] = _Builder(people, photos=photos).run()
        created.update(seed_care_demo(people))
        created["field_reports"] = seed_field_demo()
        created["board_posts"] = seed_board_demo(people)
        created.update(seed_machine_demo())
    seed_callcentre_demo()  # 120 console, KB and 구술민원 (idempotent: once any article exists, nothing)
    seed_insight(people)  # 적극행정 demo tasks and the dashboard summary (idempotent)
    logins = [(p.username, data.DEMO_PASSWORD, p.label, p.description) for p in data.PERSONAS]
    return SeedResult(logins=logins, created=created, seconds=round(time.monotonic() - started, 2))


def _seed_personas() -> tuple[dict[str, User], int]:
    depts = {d.code: d for d in Department.objects.all()}
    existing = {u.username: u for u in User.objects.filter(username__in=[p.username for p in data.PERSONAS])}
    # One argon2 hash for the one published demo password: hashing it 30 times would only cost time.
    hashed = make_password(data.DEMO_PASSWORD) if len(existing) < len(data.PERSONAS) else ""
    people: dict[str, User] = {}
    new = 0
    for spec in data.PERSONAS:
        user = existing.get(spec.username)
        if user is None:
            dept = depts.get(spec.department) if spec.department else None
            user = User.objects.create(
                username=spec.username,
                password=hashed,
                display_name=spec.display_name,
                last_name=spec.display_name[:1],
                first_name=spec.display_name[1:],
                email=spec.email,
                phone=spec.phone,
                office_phone=dept.phone if dept else "",
                is_staff=spec.admin,
                is_superuser=spec.admin,
            )
            RoleGrant.objects.bulk_create([RoleGrant(user=user, role=role) for role in spec.roles])
            if dept is not None:
                add_member(user=user, department=dept, is_head=spec.is_head, title=spec.title)
            new += 1
        people[spec.username] = user
    return people, new


def _seed_calendar() -> None:
    """One local holiday and one past outage, so the admin pages and the clock have something to show."""
    today = timezone.localdate()
    year = today.year if today.month < 10 else today.year + 1
    ClosedDay.objects.get_or_create(
        date=date(year, 10, 15),
        defaults={"name": f"{settings.MINWON_CITY_NAME}민의 날", "kind": ClosedDayKind.LOCAL},
    )
    if not Outage.objects.filter(reason=DEMO_OUTAGE_REASON).exists():
        day = timezone.localtime() - timedelta(days=9)
        start = day.replace(hour=14, minute=0, second=0, microsecond=0)
        Outage.objects.create(
            started_at=start, ended_at=start + timedelta(hours=2), reason=DEMO_OUTAGE_REASON
        )


@dataclass
class _Plan:
    """One 민원 to make: where it ends up and how it gets there."""

    status: str
    category: Category
    channel: str
    want: str  # arrival-time goal: fresh | on_time | overdue | due_today | any
    received_at: datetime | None = None
    values: dict[str, Any] = field(default_factory=dict)
    story: tuple[str, str] = ("", "")
    dong: data.Dong | None = None
    bounces: int = 0
    extensions: int = 0
    supplement: bool = False
    early_exit: bool = False  # transfer/withdraw/reject before a department is assigned
    photo: bool = False
    public: bool = False
    target: _Plan | None = None
    complaint: Complaint | None = None


class _Builder:
    def __init__(self, people: dict[str, User], *, photos: bool) -> None:
        self.rng = random.Random(DEMO_SEED)  # noqa: S311 - reproducible fake data, not secrets
        self.people = people
        self.by_pk = {u.pk: u for u in people.values()}
        self.photos = photos
        self.now = timezone.now()
        self.calendar: WorkCalendar = deadlines.work_calendar()
        self.city = settings.MINWON_CITY_NAME
        cats = list(Category.objects.filter(is_active=True).select_related("parent", "default_department"))
        by_code = {c.code: c for c in cats}
        self.root_code = {c.code: self._root(c, by_code).code for c in cats}
        self.leaves = [
            c for c in cats if c.code in data.STORIES and not any(o.parent_id == c.pk for o in cats)
        ]
        self.by_code = by_code
        self.officers: dict[int, list[User]] = {}
        self.heads: dict[int, User] = {}
        for user in people.values():
            for membership in user.memberships.filter(ended_at__isnull=True):
                if user.has_role("officer", "head"):
                    self.officers.setdefault(membership.department_id, []).append(user)
                if membership.is_head:
                    self.heads[membership.department_id] = user
        self.divisions = [d for d in Department.objects.active() if d.pk in self.officers]

    @staticmethod
    def _root(cat: Category, by_code: dict[str, Category]) -> Category:
        node = cat
        while node.parent_id is not None:
            node = node.parent  # type: ignore[assignment]
        return node

    # -- planning ------------------------------------------------------------------------------

    def run(self) -> int:
        plans = self._plan()
        plans.sort(key=lambda p: p.received_at or self.now)  # tracking numbers follow arrival order
        for plan in plans:
            self._make(plan)
        for plan in plans:
            self._advance(plan)
        return len(plans)

    def _plan(self) -> list[_Plan]:
        rng = self.rng
        plans: list[_Plan] = []
        channels = list(CHANNEL_WEIGHTS)
        for status, count in STATUS_PLAN:
            if status == Status.MERGED:
                continue  # planned below, once there are open 민원 to merge into
            for i in range(count):
                if status == Status.TRANSFERRED:
                    category = self.by_code[rng.choice(sorted(data.TRANSFERS))]
                else:
                    category = self._pick_category()
                channel: str
                if status == Status.RECEIVED:
                    channel = rng.choice((Channel.VISIT, Channel.POST))
                elif status == Status.CLOSED and i < len(channels):
                    channel = channels[i]  # every channel at least once, with a category that fits it
                    while self._fit_channel(channel, category) != channel:
                        category = self._pick_category()
                else:
                    channel = rng.choices(channels, weights=list(CHANNEL_WEIGHTS.values()))[0]
                channel = self._fit_channel(channel, category)
                plan = _Plan(status=status, category=category, channel=channel, want=self._want(status))
                plan.public = channel == Channel.BOARD or (
                    channel in (Channel.WEB, Channel.MOBILE) and rng.random() < 0.2
                )
                plan.early_exit = status in (Status.TRANSFERRED, Status.WITHDRAWN, Status.REJECTED) and (
                    rng.random() < 0.4
                )
                self._write(plan)
                plans.append(plan)
        self._add_flow_variety(plans)
        for plan in plans:
            plan.received_at = self._arrival(plan)
        plans.extend(self._plan_duplicates(plans, dict(STATUS_PLAN)[Status.MERGED]))
        return plans

    def _pick_category(self) -> Category:
        weights = [CATEGORY_WEIGHTS.get(c.code, 3) for c in self.leaves]
        return self.rng.choices(self.leaves, weights=weights)[0]

    def _fit_channel(self, channel: str, category: Category) -> str:
        root = self.root_code[category.code]
        if category.default_kind == "statutory" and channel not in APPLICATION_CHANNELS:
            return self.rng.choice(APPLICATION_CHANNELS)
        if channel == Channel.FIELD and root not in FIELD_ROOTS:
            return Channel.WEB
        return channel

    def _want(self, status: str) -> str:
        r = self.rng.random()
        if status in (Status.RECEIVED, Status.ACCEPTED):
            return "fresh"
        if status in (Status.ASSIGNED, Status.IN_PROGRESS, Status.SUPPLEMENT_REQUESTED):
            return "overdue" if r < 0.25 else "due_today" if r < 0.40 else "on_time"
        if status in (Status.ANSWERED, Status.CLOSED):
            return "overdue" if r < 0.12 else "on_time"
        return "any"

    def _add_flow_variety(self, plans: list[_Plan]) -> None:
        rng = self.rng
        routed = [
            p
            for p in plans
            if p.status
            in (Status.ASSIGNED, Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED, Status.REOPENED)
        ]
        for plan in rng.sample(routed, 18):
            plan.bounces = 1
        for plan in rng.sample([p for p in routed if p.status == Status.IN_PROGRESS and not p.bounces], 3):
            plan.bounces = 3  # > 2 reassignments: flagged to the desk head
        processing = [
            p
            for p in plans
            if p.status in (Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED) and not p.bounces
        ]
        for plan in rng.sample(processing, 12):
            plan.extensions = 1
            plan.want = "on_time"
        for plan in rng.sample([p for p in processing if p.extensions], 2):
            plan.extensions = 2  # the second one with the applicant's consent
        for plan in plans:
            if plan.status == Status.SUPPLEMENT_REQUESTED or (
                plan.status in (Status.IN_PROGRESS, Status.CLOSED) and rng.random() < 0.1
            ):
                plan.supplement = True
        for plan in plans:
            plan.photo = self.photos and plan.category.code in PHOTO_CATEGORIES and rng.random() < 0.35

    def _plan_duplicates(self, plans: list[_Plan], count: int) -> list[_Plan]:
        rng = self.rng
        targets = [
            p
            for p in plans
            if p.status in (Status.ASSIGNED, Status.IN_PROGRESS) and p.dong is not None and not p.bounces
        ]
        dups = []
        for target in rng.sample(targets, count):
            assert target.received_at is not None
            channel = rng.choice((Channel.WEB, Channel.MOBILE, Channel.CALL))
            dup = _Plan(Status.MERGED, target.category, channel, "any", target=target, dong=target.dong)
            dup.values = dict(target.values)
            title, body = target.story
            dup.story = (title, body + " 저도 같은 문제로 불편을 겪고 있어 함께 신고합니다.")
            gap = timedelta(minutes=rng.randint(30, 60 * 48))
            dup.received_at = min(target.received_at + gap, self.now - timedelta(minutes=10))
            dups.append(dup)
        return dups

    def _write(self, plan: _Plan) -> None:
        """Pick a place and a story for the 민원 and fill the template."""
        rng = self.rng
        stories = data.STORIES[plan.category.code]
        title, body = rng.choice(stories)
        park_name, park_dong = rng.choice(data.PARKS)
        if "{park}" in title + body:
            dong = next(d for d in data.DONGS if d.name == park_dong)
        else:
            dong = rng.choice(data.DONGS)
        values = {
            "dong": dong.name,
            "road": rng.choice(dong.roads),
            "n": rng.randint(3, 480),
            "spot": rng.choice(dong.spots),
            "park": park_name,
            "apt": rng.choice(dong.apartments) if dong.apartments else f"{dong.name} 아파트",
            "plate": rng.choice(data.PLATES),
            "days": rng.randint(2, 6),
            "hour": f"오후 {rng.randint(1, 9)}시",
        }
        plan.values = values
        plan.story = (title.format_map(values), body.format_map(values))
        if self.root_code[plan.category.code] in PLACE_ROOTS:
            plan.dong = dong

    # -- arrival times -------------------------------------------------------------------------

    def _arrival(self, plan: _Plan) -> datetime:
        """An arrival time in the past that gives the plan's wanted due (overdue, today, on time)."""
        rng, now = self.rng, self.now
        office = plan.channel in OFFICE_CHANNELS
        if plan.want == "fresh":
            return self._office(now - timedelta(minutes=rng.randint(20, 60 * 30)), office)
        if plan.want == "any":
            return self._office(now - timedelta(minutes=rng.randint(120, 60 * 24 * 25)), office)
        period = plan.category.period_for(plan.category.default_kind)
        span = self._due(now, period) - now
        best: tuple[float, datetime] | None = None
        for _ in range(60):
            if plan.want == "overdue":
                back = span * rng.uniform(1.1, 1.6) + timedelta(days=rng.uniform(0.5, 12))
            else:
                back = span * rng.uniform(0.0, 1.0) + timedelta(minutes=10)
            arrival = self._office(now - min(back, timedelta(days=35)), office)
            due = self._due(self._accept_time(plan, arrival), period)
            if plan.want == "overdue" and due < now:
                return arrival
            if plan.want == "on_time" and due > now:
                return arrival
            if plan.want == "due_today":
                if timezone.localtime(due).date() == timezone.localdate(now) and due > now:
                    return arrival
                # Today may be a day off: then the soonest due still ahead will do ("due soon").
                score = (due - now).total_seconds() if due > now else float("inf")
                if best is None or score < best[0]:
                    best = (score, arrival)
        if best is not None and best[0] != float("inf"):
            return best[1]
        return now - timedelta(minutes=15)

    def _due(self, start: datetime, period: str) -> datetime:
        return compute_due(start, period, calendar=self.calendar)

    @staticmethod
    def _accept_time(plan: _Plan, arrival: datetime) -> datetime:
        # Visits and letters wait for the desk; everything else is 접수 on arrival (intake).
        return arrival + timedelta(minutes=15) if plan.channel in (Channel.VISIT, Channel.POST) else arrival

    def _office(self, moment: datetime, office: bool) -> datetime:
        """Move an arrival that needs a clerk into office hours of the same or an earlier working day."""
        if not office:
            return moment
        local = timezone.localtime(moment)
        day = local.date()
        if self.calendar.is_working_day(day) and 9 <= local.hour < 18 and local.hour != 12:
            return moment
        day -= timedelta(days=1)
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        hour = self.rng.choice((9, 10, 11, 13, 14, 15, 16, 17))
        return local.replace(
            year=day.year, month=day.month, day=day.day, hour=hour, minute=self.rng.randint(0, 59)
        )

    # -- making the 민원 -------------------------------------------------------------------------

    def _make(self, plan: _Plan) -> None:
        rng, p = self.rng, self.people
        title, body = plan.story
        applicant, actor = self._applicant(plan)
        location: dict[str, Any] = {}
        if plan.dong is not None:
            v = plan.values
            location = {
                "address": f"{self.city} {v['road']} {v['n']} ({plan.dong.name})",
                "lat": round(plan.dong.lat + rng.gauss(0, 0.0025), 6),
                "lng": round(plan.dong.lng + rng.gauss(0, 0.0025), 6),
            }
        c = receive_complaint(
            actor,
            channel=plan.channel,
            category=plan.category,
            title=title,
            body=body,
            applicant=applicant,
            visibility=Visibility.PUBLIC if plan.public else Visibility.PRIVATE,
            received_at=plan.received_at,
            uploads=[self._photo(plan)] if plan.photo else None,
            extra_answers=self._extra_answers(plan),
            **location,
        )
        if c.status == Status.RECEIVED and plan.status != Status.RECEIVED:
            assert plan.received_at is not None
            c = s.accept_complaint(p["desk"], c, at=self._accept_time(plan, plan.received_at))
        plan.complaint = c

    def _applicant(self, plan: _Plan) -> tuple[Applicant, User | None]:
        rng, p = self.rng, self.people
        channel = plan.channel
        if channel == Channel.FIELD:
            return Applicant(user=p["field"]), p["field"]
        if channel in (Channel.WEB, Channel.MOBILE, Channel.BOARD) and rng.random() < 0.35:
            user = p[rng.choice(("minji", "junho"))]
            notify: list[str] = [rng.choice((NotifyChannel.ALIMTALK, NotifyChannel.SMS, NotifyChannel.EMAIL))]
            return (
                Applicant(
                    user=user,
                    name=user.display_name,
                    phone=user.phone,
                    email=user.email,
                    notify_channels=notify,
                    consent=True,
                ),
                user,
            )
        name = rng.choice(data.SURNAMES) + rng.choice(data.GIVEN_NAMES)
        phone = f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"
        clerks: dict[str, User] = {
            Channel.VISIT: p["desk"],
            Channel.POST: p["desk"],
            Channel.CALL: p["agent"],
        }
        actor = clerks.get(channel)
        if channel == Channel.POST:
            v = plan.values
            address = f"{self.city} {v['road']} {v['n']}"
            return (
                Applicant(
                    name=name,
                    postal_address=address,
                    notify_channels=[NotifyChannel.LETTER],
                    consent=True,
                ),
                actor,
            )
        if channel == Channel.API:
            email = f"user{rng.randint(100, 999)}@example.kr"
            return Applicant(email=email, notify_channels=[NotifyChannel.EMAIL], consent=True), None
        notify = [NotifyChannel.SMS.value] if rng.random() < 0.6 else [NotifyChannel.ALIMTALK.value]
        return Applicant(name=name, phone=phone, notify_channels=notify, consent=True), actor

    def _extra_answers(self, plan: _Plan) -> dict[str, str]:
        keys = {q.get("key") for q in plan.category.extra_questions or []}
        answers: dict[str, str] = {}
        if "plate" in keys:
            answers["plate"] = plan.values["plate"]
        if "seen_at" in keys:
            answers["seen_at"] = plan.values["hour"]
        if "business" in keys:
            answers["business"] = (
                f"{plan.values['dong']} {self.rng.choice(('분식', '식당', '반찬가게', '치킨'))}"
            )
        if "employee" in keys:
            answers["employee"] = self.rng.choice(("민원봉사과 창구", "주민센터 직원", "도로과 담당자"))
        return answers

    def _photo(self, plan: _Plan) -> Upload:
        """A small JPEG: a grey street with a dark blot, enough to show the attachment pipeline."""
        from PIL import Image, ImageDraw

        rng = self.rng
        img = Image.new("RGB", (480, 360), (rng.randint(90, 140),) * 3)
        draw = ImageDraw.Draw(img)
        draw.rectangle((0, 250, 480, 360), fill=(70, 70, 75))
        draw.line((0, 300, 480, 300), fill=(230, 210, 60), width=6)
        x, y = rng.randint(120, 360), rng.randint(150, 260)
        draw.ellipse((x - 60, y - 25, x + 60, y + 25), fill=(35, 30, 28))
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=70)
        return Upload(name=f"{plan.category.code}.jpg", data=out.getvalue(), content_type="image/jpeg")

    # -- moving each 민원 along its lifecycle ------------------------------------------------------

    def _advance(self, plan: _Plan) -> None:
        rng, p = self.rng, self.people
        desk = p["desk"]
        c = plan.complaint
        assert c is not None
        status = plan.status
        if status == Status.RECEIVED:
            return
        if status == Status.MERGED:
            assert plan.target is not None and plan.target.complaint is not None
            s.merge_complaint(desk, c, into=plan.target.complaint, note="같은 장소, 같은 내용의 민원")
            return
        if status == Status.ACCEPTED:
            return
        if plan.early_exit:
            self._finish_early(plan, c, desk)
            return

        right = c.category.routing_department()
        assert right is not None
        wrong = rng.sample([d for d in self.divisions if d.pk != right.pk and not d.is_desk], plan.bounces)
        route = [*wrong, right]
        c = s.assign_department(desk, c, route[0])
        for here, there in pairwise(route):
            actor = self._officer(here)
            c = s.reassign_department(actor, c, there, reason=f"{there.name} 소관 업무로 보여 재배정합니다.")
        if status == Status.ASSIGNED:
            return

        officer = self._officer(right)
        head = self.heads.get(right.pk)
        if head is not None and head.pk != officer.pk and rng.random() < 0.7:
            c = s.assign_handler(head, c, officer)
        c = s.start_processing(officer, c)
        for i in range(plan.extensions):
            code, text = rng.choice(data.EXTENSION_REASONS)
            c = s.extend_deadline(
                officer,
                c,
                period=c.period,
                reason_code=code,
                reason_text=text,
                applicant_consent=i == 1,
                consent_note="민원인과 통화하여 동의를 받음" if i == 1 else "",
            )
        if plan.supplement:
            c = s.request_supplement(officer, c, what=rng.choice(data.SUPPLEMENTS))
            if status == Status.SUPPLEMENT_REQUESTED:
                return
            c = s.receive_supplement(
                self._applicant_or(c, desk), c, note="요청한 사진과 위치를 보내 주셨습니다."
            )
        if status == Status.IN_PROGRESS:
            if rng.random() < 0.4:
                s.add_note(officer, c, body=rng.choice(data.PROGRESS_NOTES), public=True)
            return
        if status in (Status.TRANSFERRED, Status.WITHDRAWN, Status.REJECTED):
            self._finish_early(plan, c, officer)
            return

        c = s.answer_complaint(officer, c, answer=self._answer(plan))
        if status == Status.ANSWERED:
            return
        if status == Status.REOPENED:
            if rng.random() < 0.5:
                c = s.close_complaint(officer, c)
            s.reopen_complaint(self._applicant_or(c, desk), c, reason=rng.choice(data.REOPEN_REASONS))
            return
        reason = rng.choice((ClosureReason.RESOLVED, ClosureReason.RESOLVED, ClosureReason.ANSWER_ACCEPTED))
        s.close_complaint(officer, c, reason=reason)

    def _finish_early(self, plan: _Plan, c: Complaint, actor: User) -> None:
        rng = self.rng
        if plan.status == Status.TRANSFERRED:
            agency, reason = data.TRANSFERS[c.category.code]
            s.transfer_complaint(actor, c, agency=agency, reason=reason)
        elif plan.status == Status.WITHDRAWN:
            who = self._applicant_or(c, self.people["desk"])
            s.withdraw_complaint(who, c, reason=rng.choice(data.WITHDRAWALS))
        else:
            s.reject_complaint(actor, c, reason=rng.choice(data.REJECTIONS))

    def _officer(self, department: Department) -> User:
        """The department's first officer who is not its head (the head when alone)."""
        staff = self.officers.get(department.pk)
        if not staff:
            raise RuntimeError(f"데모 데이터 오류: {department.name}에 담당자가 없습니다.")
        head = self.heads.get(department.pk)
        plain = [u for u in staff if head is None or u.pk != head.pk]
        return (plain or staff)[0]

    def _applicant_or(self, c: Complaint, fallback: User) -> User:
        """The applicant acts on their own 민원 when they have an account; the desk records it otherwise."""
        applicant = self.by_pk.get(c.applicant_id) if c.applicant_id else None
        return applicant if applicant is not None and applicant.has_role("citizen") else fallback

    def _answer(self, plan: _Plan) -> str:
        root = self.root_code[plan.category.code]
        template = self.rng.choice(data.ANSWERS.get(root) or data.ANSWERS["etc"])
        return template.format_map(plan.values)


def created_summary(result: SeedResult) -> str:
    """'부서 26 · 유형 62 · 사용자 30 · 민원 300' for the command line."""
    labels = {"departments": "부서", "categories": "유형", "users": "사용자", "complaints": "민원"}
    return " · ".join(f"{label} {result.created.get(key, 0)}" for key, label in labels.items())
