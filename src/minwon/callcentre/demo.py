"""Demo data for the 120 console, the knowledge base and 구술민원 (`./dev demo`).

Idempotent: does nothing once any article exists. Writes go through the services (so revisions,
events and alerts are real), with the demo personas as actors. Kiwi analysis of ~10 articles
is the only noticeable cost (< 1 s once Kiwi is loaded).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from minwon.accounts.models import User
from minwon.complaints.models import Category
from minwon.kb import services as kb
from minwon.kb.models import Article, Section
from minwon.org.models import Department

from . import oral, services
from .defaults import ensure_defaults
from .models import CallTopic, OralType

TOPIC_CATEGORIES = {
    "교통·주정차": "traffic_parking",
    "도로·가로등 등 생활불편": "road_pothole",
    "청소·쓰레기": "waste_dumping",
    "지방세·세외수입": "tax_inquiry",
    "복지 상담": "welfare_basic",
    "여권·민원서류": "consult_passport",
    "주민등록·전입": "consult_resident",
    "시정·행사 안내": "city_inquiry",
    "기타 문의": "city_inquiry",
}

ARTICLES = (
    (
        "ADM-CIVIL",
        Section.GUIDE,
        "여권 재발급에 필요한 서류",
        "여권, 재발급, 분실",
        "여권을 다시 발급받으려면 신분증, 여권용 사진 1매(6개월 이내 촬영), 기존 여권(분실 시 분실신고서)을 "
        "가지고 구청 민원여권과를 방문합니다.\n수수료: 10년 복수여권 58면 53,000원.\n"
        "처리 기간은 보통 4~8 근무일입니다. 온라인(정부24)으로도 신청할 수 있습니다.",
    ),
    (
        "ADM-CIVIL",
        Section.GUIDE,
        "전입신고 방법과 기한",
        "전입, 주민등록, 이사",
        "이사한 날부터 14일 안에 새 주소지 행정복지센터나 정부24에서 전입신고를 합니다.\n"
        "기한을 넘기면 과태료가 부과될 수 있습니다. 세대주 확인이 "
        "필요한 경우 세대주 신분증을 함께 가져옵니다.",
    ),
    (
        "SAF-TRAFFIC",
        Section.GUIDE,
        "불법 주정차 신고와 단속 기준",
        "주정차, 단속, 신고, 안전신문고",
        "소화전·교차로 모퉁이·버스정류소·횡단보도·초등학교 정문 "
        "앞·인도는 1분 이상 정차해도 단속됩니다(주민신고제).\n"
        "안전신문고 앱으로 1분 간격 사진 2장을 올리면 과태료가 "
        "부과됩니다.\n그 밖의 구역은 현장 단속반이 확인합니다.",
    ),
    (
        "SAF-ROAD",
        Section.GUIDE,
        "포트홀(도로 파임) 신고 처리",
        "포트홀, 도로, 파손, 보수",
        "포트홀은 위치(가까운 건물 주소)와 크기를 받아 민원으로 넘깁니다. "
        "도로보수팀이 보통 24시간 안에 긴급 보수합니다.\n"
        "차량 파손 피해는 영업배상보험 청구 안내(도로과 02-860-3110)를 합니다.",
    ),
    (
        "ENV-CLEAN",
        Section.GUIDE,
        "대형 폐기물 배출 방법",
        "대형폐기물, 가구, 스티커, 쓰레기",
        "가구·가전 등 대형 폐기물은 구청 누리집이나 주민센터에서 배출 "
        "신고 후 수수료를 내고 스티커를 붙여 내놓습니다.\n"
        "냉장고·세탁기 등 대형 가전은 폐가전 무상 방문수거(1599-0903)를 안내합니다.",
    ),
    (
        "FIN-TAX",
        Section.GUIDE,
        "자동차세 연납 할인",
        "자동차세, 연납, 할인, 지방세",
        "1월에 한 해 치 자동차세를 미리 내면 약 5% 할인됩니다(3·6·9월 신청도 가능, 할인율 낮아짐).\n"
        "위택스나 구청 세무과(02-860-5110)에서 신청합니다.",
    ),
    (
        "ENV-WELFARE",
        Section.GUIDE,
        "기초연금 신청 안내",
        "기초연금, 어르신, 복지",
        "만 65세 이상이고 소득인정액이 선정기준액 이하인 분이 받습니다. 생일이 속한 달의 1개월 전부터 "
        "주소지 행정복지센터나 국민연금공단 지사에서 신청합니다.\n신분증과 통장 사본을 가져옵니다.",
    ),
    (
        "CALL120",
        Section.MANUAL,
        "폭언·욕설 전화 응대 매뉴얼",
        "폭언, 욕설, 직원보호, 특이민원",
        '1단계: "계속 욕설을 하시면 상담을 이어 가기 어렵습니다"라고 1차 고지합니다.\n'
        '2단계: 반복되면 "통화가 녹음되고 있으며, 계속되면 통화를 종료하겠습니다"라고 2차 고지합니다.\n'
        "3단계: 그래도 계속되면 '폭언 등으로 통화 종료' 버튼으로 "
        "종료합니다. 친절·보호 담당에게 자동으로 알려집니다.",
    ),
    (
        "CALL120",
        Section.MANUAL,
        "장시간 통화 응대 요령",
        "장시간, 통화시간, 직원보호",
        "권장 통화 시간(주제별, 기본 20분)이 가까워지면 화면에 경고가 뜹니다.\n"
        "요점을 정리해 드리고, 추가 확인이 필요하면 민원으로 접수해 담당 부서가 회신하도록 안내합니다.",
    ),
)


def seed_callcentre_demo() -> int:
    if Article.objects.exists():
        return 0
    ensure_defaults()
    users = {u.username: u for u in User.objects.filter(username__in=["agent", "desk", "admin", "road"])}
    admin, agent = users.get("admin"), users.get("agent")
    if admin is None or agent is None:
        return 0
    cats = {c.code: c for c in Category.objects.all()}
    for topic in CallTopic.objects.filter(category__isnull=True):
        code = TOPIC_CATEGORIES.get(topic.name)
        if code in cats:
            topic.category = cats[code]
            topic.save(update_fields=["category"])
    _seed_articles(admin, agent)
    _seed_calls(agent)
    if "desk" in users:
        _seed_oral(users["desk"], cats)
    return Article.objects.count()


def _seed_articles(admin, agent) -> None:
    depts = {d.code: d for d in Department.objects.all()}
    today = timezone.localdate()
    made = []
    for i, (code, section, title, tags, body) in enumerate(ARTICLES):
        if code not in depts:
            continue
        review = today + timedelta(days=180) if i != 3 else today - timedelta(days=3)  # one stale
        made.append(
            kb.create_article(
                admin,
                title=title,
                body=body,
                section=section,
                department=depts[code],
                tags=tags,
                review_by=review,
            )
        )
    if made:
        first = made[0]
        kb.edit_article(
            admin,
            first,
            title=first.title,
            body=first.body.replace("53,000원", "53,000원 (24면 50,000원)"),
            tags=first.tags,
            review_by=first.review_by,
            note="24면 여권 수수료 추가",
        )
        kb.suggest_edit(
            agent,
            made[1],
            body=made[1].body + "\n확정일자는 전입신고 때 함께 받을 수 있습니다.",
            note="전입 문의 때 확정일자 질문이 많습니다",
        )
        for a in made[:5]:
            for _ in range(5 - made.index(a)):
                kb.record_view(agent, a)


def _seed_calls(agent) -> None:
    now = timezone.now()
    topics = list(CallTopic.objects.filter(is_active=True))
    for i in range(12):
        start = now - timedelta(days=i % 6, hours=1 + i, minutes=7 * i)
        services.record_call(
            agent,
            topic=topics[i % len(topics)],
            started_at=start,
            ended_at=start + timedelta(minutes=3 + i % 5, seconds=17 * i % 60),
            answered_at_once=True,
            summary="상담자료 안내로 답변함",
            phone=f"010-5{i:03d}-{1000 + i}",
        )


def _seed_oral(desk, cats) -> None:
    kinds = list(OralType.objects.all()[:3])
    cat = cats.get("streetlight_out") or next(iter(cats.values()))
    if kinds:
        oral.write_oral(
            desk,
            oral_type=kinds[2],
            category=cat,
            title="골목 보안등이 꺼져 있습니다",
            body="시장 뒷골목 보안등이 일주일째 꺼져 있어 밤에 다니기 무섭다고 하십니다.",
            name="정순자",
            phone="010-7777-1234",
            consent=True,
        )
