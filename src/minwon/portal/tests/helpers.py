from __future__ import annotations

import io

from PIL import Image

from minwon.complaints import services
from minwon.testing import factories as f


def photo_bytes(color=(200, 30, 30), size=(64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="JPEG")
    return buf.getvalue()


def answered(city, complaint, answer="가로등을 교체했습니다."):
    services.assign_department(city.desk, complaint, city.roads)
    services.start_processing(city.officer, complaint)
    return services.answer_complaint(city.officer, complaint, answer=answer)


def filed_by_minji(city, **kwargs):
    kwargs.setdefault("category", city.streetlight)
    return f.create_complaint(applicant_user=city.minji, actor=city.minji, **kwargs)


def valid_post(category, **overrides):
    data = {
        "category": category.code,
        "title": "골목 가로등이 꺼졌습니다",
        "body": "빛나로 12 앞 가로등이 사흘째 꺼져 있습니다.",
        "address": "새빛구 빛나로 12",
        "lat": "",
        "lng": "",
        "visibility": "private",
        "name": "홍길동",
        "phone": "010-1234-5678",
        "email": "",
        "postal_address": "",
        "notify_channels": ["sms"],
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
