"""Default data: the 24 구술민원 types and the call topics (seeded by migration 0002; admin-editable).

Busan's 120 and 구·군 민원실 accept 24 kinds of business orally (민원 처리에 관한 법률 제8조 단서:
기타민원은 구술·전화로 신청할 수 있다). The list below is composed from the kinds a 구청 민원실
hears every day; a city replaces it in the admin.
"""

ORAL_TYPES = (
    "각종 증명서 발급 안내",
    "도로·보도 파손 신고",
    "가로등·보안등 고장 신고",
    "불법 주정차 신고",
    "쓰레기 무단투기 신고",
    "생활폐기물 미수거 신고",
    "불법 광고물 신고",
    "소음·진동 불편 신고",
    "악취·대기오염 신고",
    "상수도 누수·단수 신고",
    "하수도 막힘·역류 신고",
    "공원·놀이터 시설 고장 신고",
    "가로수·녹지 관리 요청",
    "교통신호·안전시설 고장 신고",
    "시내버스 이용 불편 신고",
    "복지 서비스 상담·신청 안내",
    "지방세 납부·체납 상담",
    "여권 발급 안내",
    "주민등록 관련 안내",
    "건축·공사장 불편 신고",
    "식품·위생 불편 신고",
    "유기동물·동물 보호 신고",
    "재난·안전 위험 신고",
    "행정 제도·절차 질의",
)

# (topic, recommended minutes): 20 by default; benefit counselling legitimately takes longer.
CALL_TOPICS = (
    ("교통·주정차", 20),
    ("도로·가로등 등 생활불편", 20),
    ("청소·쓰레기", 20),
    ("지방세·세외수입", 20),
    ("복지 상담", 30),
    ("여권·민원서류", 15),
    ("주민등록·전입", 15),
    ("시정·행사 안내", 15),
    ("기타 문의", 20),
)


def ensure_defaults(oral_type_model=None, call_topic_model=None) -> int:
    """Add the default types and topics that are missing (by name). Returns how many were added.

    Used by migration 0002 (with its historical models) and by the demo; a test database that a
    transactional test flushed can call it too.
    """
    if oral_type_model is None or call_topic_model is None:
        from .models import CallTopic, OralType

        oral_type_model, call_topic_model = OralType, CallTopic
    added = 0
    for order, name in enumerate(ORAL_TYPES, start=1):
        added += oral_type_model.objects.get_or_create(name=name, defaults={"sort_order": order * 10})[1]
    for order, (name, minutes) in enumerate(CALL_TOPICS, start=1):
        added += call_topic_model.objects.get_or_create(
            name=name, defaults={"sort_order": order * 10, "recommended_minutes": minutes}
        )[1]
    return added
