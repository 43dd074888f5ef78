"""The persona city plus field observation: a field employee, quick-pick buttons, a team under 도로과.

- `reporter` (role staff) works in 안전총괄과 (`safety`); `roads_team_staff` in 도로보수팀, a team
  under 도로과, so 도로과's head sees that team's reports too; `park_staff` works in 공원녹지과.
- buttons: 도로 → 가로등 category (도로과), 공원 → 공원·녹지 (공원녹지과), 기타 → left to the desk.
"""

from __future__ import annotations

import io
import uuid
from types import SimpleNamespace

import pytest
from PIL import Image

from minwon.accounts.models import Role
from minwon.complaints.intake import Upload
from minwon.field import services
from minwon.field.models import FieldCategory
from minwon.testing import factories as f


@pytest.fixture
def field(city):
    safety = f.create_department(code="SAFETY", name="안전총괄과")
    roads_team = f.create_department(code="ROADS-TEAM", name="도로보수팀", parent=city.roads)
    people = SimpleNamespace(
        reporter=f.create_user(
            username="fieldman", roles=[Role.STAFF], department=safety, display_name="남궁현"
        ),
        roads_team_staff=f.create_user(
            username="teamstaff", roles=[Role.STAFF], department=roads_team, display_name="오보수"
        ),
        park_staff=f.create_user(
            username="parkstaff", roles=[Role.STAFF], department=city.parks, display_name="윤공원"
        ),
    )
    buttons = SimpleNamespace(
        road=FieldCategory.objects.create(label="도로", category=city.streetlight, sort_order=10),
        park=FieldCategory.objects.create(label="공원", category=city.park, sort_order=20),
        other=FieldCategory.objects.create(
            label="기타", category=city.streetlight, route_directly=False, sort_order=90
        ),
    )
    return SimpleNamespace(city=city, safety=safety, roads_team=roads_team, buttons=buttons, **vars(people))


def jpeg(*, gps: tuple | None = None, size=(64, 48)) -> bytes:
    """A small JPEG; with `gps=((d, m, s), (d, m, s))` it carries an EXIF GPS block and a maker tag."""
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if gps:
        exif[0x8825] = {1: "N", 2: gps[0], 3: "E", 4: gps[1]}
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


def file(reporter, button, text="보도블록 파손", **kwargs):
    kwargs.setdefault("client_id", uuid.uuid4())
    photos = kwargs.pop("photos", None)
    if photos is not None:
        kwargs["photos"] = [Upload(f"p{i}.jpg", data, "image/jpeg") for i, data in enumerate(photos)]
    return services.file_report(reporter, field_category=button, text=text, **kwargs)
