from __future__ import annotations

import re

from minwon.board import services
from minwon.board.choices import Tag
from minwon.notify.models import Message


def sent_code(address: str) -> str:
    """The six digits of the last code queued to `address` (what the citizen reads in the message)."""
    body = Message.objects.filter(recipient=address).latest("pk").body
    match = re.search(r"인증번호 (\d{6})", body)
    assert match, body
    return match.group(1)


def member(address: str = "reader@example.com", nickname: str = "빛나주민"):
    row = services.send_code(address)
    return services.verify_code(row.pk, sent_code(row.address), nickname=nickname)


def post(
    author, *, tag=Tag.LIVING, title="가로등이 꺼졌어요", body="빛나로 골목 가로등이 꺼져 있습니다.", **kw
):
    uploads = kw.pop("uploads", None)
    return services.create_post(author, services.PostInput(tag=tag, title=title, body=body, **kw), uploads)


def striped_jpeg(size=(200, 100)) -> bytes:
    """A photo with detail: blurring any part of it changes the bytes (a flat colour would not)."""
    import io

    from PIL import Image

    img = Image.new("RGB", size, (250, 250, 250))
    for x in range(0, size[0], 4):
        img.paste((0, 0, 0), (x, 0, x + 2, size[1]))
    buf = io.BytesIO()
    img.save(buf, format="JPEG")
    return buf.getvalue()
