"""Default data for a new 구 and the fictional places and stories the demo city is made of.

Two kinds of data live here:

- **Defaults** (`DEPARTMENTS`, `CATEGORIES`): a realistic org chart of a 자치구 and the category
  tree of DESIGN §2, each category with a default department, kind, statutory period for
  법정민원, notice and extra questions. `seed_defaults` creates them on a real city's first
  install; the admin edits them afterwards (STYLE §6: municipality differences are data).
- **Demo only** (`PERSONAS`, `DONGS`, `STORIES` …): people, places and 민원 texts of the fictional
  city. Nothing here names a real person; phone numbers are fictional.

Pure data: no Django imports, so it can be read and checked without a database.
"""

# ruff: noqa: E501  (one Korean sentence per line reads better than strings split mid-phrase)

from __future__ import annotations

from dataclasses import dataclass, field

# --- org chart --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeptSpec:
    code: str
    name: str
    level: str  # "bureau" | "division" | "team" (org.models.DepartmentLevel)
    parent: str | None
    phone: str
    name_en: str = ""
    is_desk: bool = False


DEPARTMENTS: tuple[DeptSpec, ...] = (
    # 행정지원국
    DeptSpec("ADM", "행정지원국", "bureau", None, "02-860-2000", "Administrative Support Bureau"),
    DeptSpec("ADM-CIVIL", "민원봉사과", "division", "ADM", "02-860-2110", "Civil Service Division", True),
    DeptSpec("ADM-GENERAL", "총무과", "division", "ADM", "02-860-2020", "General Affairs Division"),
    DeptSpec("ADM-AUTONOMY", "자치행정과", "division", "ADM", "02-860-2050", "Local Autonomy Division"),
    DeptSpec("CALL120", "120 콜센터", "division", "ADM", "02-860-2120", "120 Call Centre"),
    # 안전건설국
    DeptSpec("SAF", "안전건설국", "bureau", None, "02-860-3000", "Safety and Construction Bureau"),
    DeptSpec("SAF-ROAD", "도로과", "division", "SAF", "02-860-3110", "Roads Division"),
    DeptSpec("SAF-ROAD-REPAIR", "도로보수팀", "team", "SAF-ROAD", "02-860-3118", "Road Repair Team"),
    DeptSpec("SAF-TRAFFIC", "교통행정과", "division", "SAF", "02-860-3210", "Transport Division"),
    DeptSpec("SAF-BUILDING", "건축과", "division", "SAF", "02-860-3310", "Building Division"),
    DeptSpec("SAF-DESIGN", "도시디자인과", "division", "SAF", "02-860-3410", "Urban Design Division"),
    DeptSpec("SAF-SAFETY", "안전총괄과", "division", "SAF", "02-860-3510", "Safety Division"),
    # 환경복지국
    DeptSpec("ENV", "환경복지국", "bureau", None, "02-860-4000", "Environment and Welfare Bureau"),
    DeptSpec("ENV-CLEAN", "청소행정과", "division", "ENV", "02-860-4110", "Sanitation Division"),
    DeptSpec("ENV-CLEAN-STREET", "가로청소팀", "team", "ENV-CLEAN", "02-860-4118", "Street Cleaning Team"),
    DeptSpec("ENV-ENV", "환경과", "division", "ENV", "02-860-4210", "Environment Division"),
    DeptSpec("ENV-PARK", "공원녹지과", "division", "ENV", "02-860-4310", "Parks Division"),
    DeptSpec("ENV-WELFARE", "복지정책과", "division", "ENV", "02-860-4410", "Welfare Policy Division"),
    DeptSpec("ENV-HYGIENE", "위생과", "division", "ENV", "02-860-4510", "Public Hygiene Division"),
    # 재무국
    DeptSpec("FIN", "재무국", "bureau", None, "02-860-5000", "Finance Bureau"),
    DeptSpec("FIN-TAX", "세무과", "division", "FIN", "02-860-5110", "Local Tax Division"),
    DeptSpec("FIN-COLLECT", "징수과", "division", "FIN", "02-860-5210", "Tax Collection Division"),
    # 기획감사실
    DeptSpec("PLAN", "기획감사실", "bureau", None, "02-860-6000", "Planning and Audit Office"),
    DeptSpec("PLAN-BUDGET", "기획예산과", "division", "PLAN", "02-860-6110", "Planning and Budget Division"),
    DeptSpec("PLAN-AUDIT", "감사과", "division", "PLAN", "02-860-6210", "Audit Division"),
    DeptSpec("PLAN-CULTURE", "문화홍보과", "division", "PLAN", "02-860-6310", "Culture and PR Division"),
)


# --- category tree ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CategorySpec:
    code: str
    name: str
    parent: str | None
    department: str | None  # DeptSpec.code; None inherits the parent's
    kind: str = "grievance"  # complaints.choices.Kind
    statutory_period: str = ""
    notice: str = ""
    extra_questions: tuple[dict, ...] = ()
    keywords: str = ""
    is_sensitive: bool = False
    name_en: str = ""


_PLATE = {"key": "plate", "label": "차량번호", "required": False, "placeholder": "예: 12가 3456"}
_SEEN_AT = {
    "key": "seen_at",
    "label": "목격 일시",
    "required": False,
    "placeholder": "예: 6월 3일 오후 8시쯤",
}
_EMPLOYEE = {"key": "employee", "label": "직원 이름 또는 부서(아는 경우)", "required": False}
_BUSINESS = {"key": "business", "label": "업소 이름", "required": False}
_TAX_NO = {"key": "tax_no", "label": "전자납부번호(고지서에 있는 경우)", "required": False}

C = CategorySpec
CATEGORIES: tuple[CategorySpec, ...] = (
    # 도로·보도
    C(
        "road",
        "도로·보도",
        None,
        "SAF-ROAD",
        notice="차도·보도의 파손과 위험은 사진과 가까운 건물 번호를 함께 알려 주시면 빨리 찾아갑니다.",
        keywords="도로 보도 인도 차도",
        name_en="Roads and pavements",
    ),
    C(
        "road_pothole",
        "포트홀(도로 파임)",
        "road",
        None,
        notice="차량 파손 피해는 영조물 배상 절차로 따로 신청할 수 있습니다. "
        "사고 위험이 큰 곳은 120으로 전화해 주십시오.",
        keywords="포트홀 도로파임 싱크홀 아스팔트",
    ),
    C("road_sidewalk", "보도블록 파손", "road", None, keywords="보도블록 인도 들뜸 파손 턱"),
    C("road_drain", "맨홀·빗물받이", "road", None, keywords="맨홀 빗물받이 배수구 덮개 악취 막힘"),
    C("road_snow", "제설·도로 결빙", "road", None, keywords="제설 염화칼슘 빙판 결빙 눈"),
    C(
        "road_occupancy",
        "도로점용허가",
        "road",
        None,
        kind="statutory",
        statutory_period="14d",
        notice="도로점용허가 신청서, 위치도·평면도, 점용면적 산출 근거를 첨부해 주십시오. "
        "처리기간은 14일입니다.",
        keywords="도로점용 점용허가 공사 가설물",
    ),
    # 교통·주정차
    C(
        "traffic",
        "교통·주정차",
        None,
        "SAF-TRAFFIC",
        keywords="교통 주차 주정차 신호",
        name_en="Traffic and parking",
    ),
    C(
        "traffic_parking",
        "불법주정차",
        "traffic",
        None,
        notice="차량번호와 위반 장소가 함께 보이는 사진을 올려 주시면 단속이 빠릅니다. "
        "소방차 통행을 막는 긴급 상황은 119로 신고해 주십시오.",
        extra_questions=(_PLATE, _SEEN_AT),
        keywords="불법주차 불법주정차 주차단속 견인 소화전 횡단보도",
    ),
    C("traffic_signal", "신호등 고장", "traffic", None, keywords="신호등 신호기 점멸 고장 보행신호"),
    C(
        "traffic_facility",
        "교통안전시설",
        "traffic",
        None,
        kind="suggestion",
        keywords="과속방지턱 반사경 횡단보도 차선 도색 어린이보호구역",
    ),
    C("traffic_bus", "버스정류장·마을버스", "traffic", None, keywords="버스 정류장 마을버스 배차 승강장"),
    C(
        "traffic_resident_parking",
        "거주자우선주차 신청",
        "traffic",
        None,
        kind="statutory",
        statutory_period="7d",
        notice="주민등록상 거주 확인과 차량등록증이 필요합니다. 처리기간은 7일입니다.",
        keywords="거주자우선주차 주차구획 배정",
    ),
    # 광고물
    C(
        "ad",
        "광고물",
        None,
        "SAF-DESIGN",
        keywords="광고물 현수막 전단 간판",
        name_en="Signs and advertising",
    ),
    C("ad_banner", "불법 현수막", "ad", None, keywords="불법현수막 현수막 게시대 분양"),
    C("ad_flyer", "불법 전단지·벽보", "ad", None, keywords="전단지 벽보 명함 불법광고"),
    C(
        "ad_permit",
        "옥외광고물 표시허가",
        "ad",
        None,
        kind="statutory",
        statutory_period="5d",
        notice="옥외광고물 표시허가 신청서와 광고물 원색 도안, 설치 위치 사진을 첨부해 주십시오. "
        "처리기간은 5일입니다.",
        keywords="간판 옥외광고물 허가 신고 돌출간판",
    ),
    # 쓰레기·불법투기
    C(
        "waste",
        "쓰레기·불법투기",
        None,
        "ENV-CLEAN",
        keywords="쓰레기 투기 수거 분리배출",
        name_en="Waste and fly-tipping",
    ),
    C("waste_dumping", "쓰레기 불법투기", "waste", None, keywords="무단투기 불법투기 종량제 쓰레기더미"),
    C("waste_uncollected", "생활쓰레기 미수거", "waste", None, keywords="미수거 수거 안 함 재활용 종량제"),
    C(
        "waste_bulky",
        "대형폐기물 배출",
        "waste",
        None,
        kind="other",
        notice="대형폐기물은 인터넷 신고 후 스티커 번호를 붙여 배출해 주십시오.",
        keywords="대형폐기물 가구 매트리스 스티커",
    ),
    C("waste_food", "음식물쓰레기", "waste", None, keywords="음식물 음식물쓰레기 수거함 악취"),
    C(
        "waste_street",
        "가로 청소",
        "waste",
        "ENV-CLEAN-STREET",
        keywords="낙엽 길거리 청소 담배꽁초 거리",
    ),
    # 공공시설 고장
    C(
        "facility",
        "공공시설 고장",
        None,
        "SAF-SAFETY",
        keywords="공공시설 고장 파손",
        name_en="Broken public facilities",
    ),
    C("facility_toilet", "공중화장실", "facility", "ENV-CLEAN", keywords="공중화장실 화장실 휴지 고장"),
    C("facility_cctv", "방범 CCTV·비상벨", "facility", None, keywords="CCTV 비상벨 방범 안심"),
    C("facility_shelter", "무더위·한파 쉼터", "facility", None, keywords="쉼터 그늘막 온열의자 폭염 한파"),
    # 가로등
    C(
        "streetlight",
        "가로등",
        None,
        "SAF-ROAD",
        keywords="가로등 보안등 조명",
        name_en="Street lights",
    ),
    C("streetlight_out", "가로등·보안등 고장", "streetlight", None, keywords="가로등 꺼짐 깜빡 보안등 고장"),
    C(
        "streetlight_new",
        "보안등 설치 요청",
        "streetlight",
        None,
        kind="suggestion",
        keywords="보안등 설치 어두운 골목",
    ),
    # 공원·녹지
    C(
        "park",
        "공원·녹지",
        None,
        "ENV-PARK",
        keywords="공원 녹지 가로수 놀이터",
        name_en="Parks and green space",
    ),
    C("park_tree", "가로수·가지치기", "park", None, keywords="가로수 가지치기 나무 쓰러짐 은행나무"),
    C("park_facility", "공원 시설", "park", None, keywords="공원 벤치 운동기구 산책로 분수"),
    C("park_playground", "놀이터", "park", None, keywords="놀이터 미끄럼틀 그네 모래"),
    # 환경·소음
    C(
        "env",
        "환경·소음",
        None,
        "ENV-ENV",
        keywords="소음 악취 먼지 환경",
        name_en="Environment and noise",
    ),
    C("env_construction", "공사장 소음·먼지", "env", None, keywords="공사장 소음 비산먼지 새벽공사"),
    C("env_noise", "생활 소음", "env", None, keywords="확성기 소음 영업소음 야간"),
    C("env_odor", "악취", "env", None, keywords="악취 냄새 하수구"),
    C("env_air", "대기오염·매연", "env", None, keywords="매연 공회전 대기오염 미세먼지"),
    # 건축
    C(
        "building",
        "건축",
        None,
        "SAF-BUILDING",
        keywords="건축 불법건축물 공사",
        name_en="Buildings",
    ),
    C("building_illegal", "불법 건축물", "building", None, keywords="불법건축물 무단증축 옥탑 가설건축물"),
    C("building_site", "건축 공사장 안전", "building", None, keywords="공사장 안전 가림막 낙하물"),
    C("building_vacant", "빈집·노후 건축물", "building", None, keywords="빈집 폐가 붕괴 노후"),
    C(
        "building_approval",
        "건축물 사용승인",
        "building",
        None,
        kind="statutory",
        statutory_period="7d",
        notice="사용승인 신청서와 감리완료보고서, 공사완료도서를 첨부해 주십시오. 처리기간은 7일입니다.",
        keywords="사용승인 준공 건축물대장",
    ),
    # 위생
    C(
        "hygiene",
        "위생",
        None,
        "ENV-HYGIENE",
        keywords="위생 음식점 식품",
        name_en="Food hygiene",
    ),
    C(
        "hygiene_restaurant",
        "음식점 위생",
        "hygiene",
        None,
        extra_questions=(_BUSINESS,),
        keywords="음식점 식당 위생 바퀴벌레 주방",
    ),
    C(
        "hygiene_foreign",
        "식품 이물질",
        "hygiene",
        None,
        extra_questions=(_BUSINESS,),
        keywords="이물질 머리카락 벌레 유통기한",
    ),
    C(
        "hygiene_report",
        "식품 영업신고",
        "hygiene",
        None,
        kind="statutory",
        statutory_period="3d",
        notice="영업신고서, 위생교육 수료증, 건강진단결과서를 첨부해 주십시오. 처리기간은 3일입니다.",
        keywords="영업신고 음식점 개업 일반음식점 휴게음식점",
    ),
    # 복지
    C(
        "welfare",
        "복지",
        None,
        "ENV-WELFARE",
        keywords="복지 기초생활 노인 장애인",
        name_en="Welfare",
    ),
    C(
        "welfare_basic",
        "기초생활보장",
        "welfare",
        None,
        kind="inquiry_law",
        keywords="기초생활 수급자 생계급여",
    ),
    C("welfare_senior", "어르신·장애인 복지", "welfare", None, keywords="어르신 노인 장애인 돌봄 경로당"),
    C(
        "welfare_crisis",
        "위기가구 신고",
        "welfare",
        None,
        notice="생명이 위급한 상황이면 먼저 119 또는 112에 신고해 주십시오.",
        keywords="위기가구 고독사 복지사각지대 단전 단수",
    ),
    # 세무·체납
    C(
        "tax",
        "세무·체납",
        None,
        "FIN-TAX",
        keywords="지방세 재산세 자동차세 체납",
        name_en="Local tax",
    ),
    C(
        "tax_inquiry",
        "지방세 문의",
        "tax",
        None,
        kind="inquiry_law",
        extra_questions=(_TAX_NO,),
        keywords="재산세 자동차세 취득세 세율 감면",
    ),
    C(
        "tax_arrears",
        "체납·압류",
        "tax",
        "FIN-COLLECT",
        extra_questions=(_TAX_NO,),
        keywords="체납 압류 번호판 영치 분납",
    ),
    C(
        "tax_certificate",
        "지방세 납세증명",
        "tax",
        None,
        kind="statutory",
        statutory_period="즉시",
        notice="납세증명서는 정부24에서도 바로 발급받을 수 있습니다.",
        keywords="납세증명서 완납증명 발급",
    ),
    # 행정상담
    C(
        "consult",
        "행정상담",
        None,
        "ADM-AUTONOMY",
        kind="inquiry_procedure",
        keywords="상담 주민등록 전입 여권",
        name_en="Administrative advice",
    ),
    C(
        "consult_resident",
        "주민등록·전입",
        "consult",
        None,
        kind="inquiry_procedure",
        keywords="전입신고 주민등록",
    ),
    C(
        "consult_passport",
        "여권·제증명",
        "consult",
        "ADM-CIVIL",
        kind="inquiry_procedure",
        keywords="여권 발급 제증명 인감",
    ),
    # 단일 유형
    C(
        "city_inquiry",
        "시정문의",
        None,
        "PLAN-BUDGET",
        kind="inquiry_procedure",
        keywords="구정 예산 사업 계획 주민참여",
        name_en="Questions about the city",
    ),
    C(
        "event",
        "행사안내",
        None,
        "PLAN-CULTURE",
        kind="other",
        keywords="행사 축제 공연 교육 강좌",
        name_en="Events",
    ),
    C(
        "unkind",
        "불친절 신고",
        None,
        "PLAN-AUDIT",
        notice="불친절 신고는 공개되지 않으며 신고하신 분의 정보는 해당 직원에게 알리지 않습니다.",
        extra_questions=(_EMPLOYEE,),
        keywords="불친절 직원 태도 욕설 무시",
        is_sensitive=True,
        name_en="Report of unkind service",
    ),
    C(
        "praise",
        "칭찬",
        None,
        "ADM-GENERAL",
        kind="other",
        notice="칭찬해 주신 직원에게 구청장 명의로 전해 드립니다.",
        extra_questions=(_EMPLOYEE,),
        keywords="칭찬 감사 친절",
        name_en="Praise",
    ),
    C(
        "etc",
        "기타",
        None,
        "ADM-CIVIL",
        keywords="기타",
        name_en="Other",
    ),
)
del C


# --- demo: people -----------------------------------------------------------------------------


DEMO_PASSWORD = "minwon-demo-2026"  # noqa: S105 - published on purpose: printed by `minwon demo`


@dataclass(frozen=True)
class PersonaSpec:
    username: str
    display_name: str
    roles: tuple[str, ...]  # accounts.models.Role values
    department: str | None  # DeptSpec.code
    label: str  # Korean role label for the login table
    description: str
    is_head: bool = False
    title: str = ""
    admin: bool = False  # Django admin (is_staff + is_superuser)
    phone: str = ""
    email: str = ""


P = PersonaSpec
PERSONAS: tuple[PersonaSpec, ...] = (
    P(
        "minji",
        "김민지",
        ("citizen",),
        None,
        "민원인",
        "인터넷·모바일로 민원을 여러 건 낸 구민",
        phone="010-2481-3579",
        email="minji@example.kr",
    ),
    P(
        "junho",
        "이준호",
        ("citizen",),
        None,
        "민원인",
        "민원소통방에 공개 민원을 올리는 구민",
        phone="010-3692-4815",
        email="junho@example.kr",
    ),
    P(
        "desk",
        "박서연",
        ("desk",),
        "ADM-CIVIL",
        "민원팀",
        "민원봉사과 민원팀: 접수·부서 배정·병합·구술민원",
        title="주무관",
    ),
    P(
        "deskhead",
        "정민호",
        ("desk", "head", "officer"),
        "ADM-CIVIL",
        "민원팀장·부서장",
        "민원봉사과장: 재배정 3회 넘는 민원 확인",
        is_head=True,
        title="과장",
    ),
    P(
        "agent",
        "유하늘",
        ("agent",),
        "CALL120",
        "120 상담사",
        "120 콜센터 상담사: 전화 민원 접수",
        title="상담사",
    ),
    P(
        "road",
        "최도윤",
        ("officer",),
        "SAF-ROAD",
        "부서 담당자",
        "도로과 담당자: 포트홀·보도·가로등",
        title="주무관",
    ),
    P(
        "roadhead",
        "강현우",
        ("head", "officer"),
        "SAF-ROAD",
        "부서장",
        "도로과장: 담당자 지정, 기한 관리",
        is_head=True,
        title="과장",
    ),
    P(
        "traffic",
        "윤지아",
        ("officer",),
        "SAF-TRAFFIC",
        "부서 담당자",
        "교통행정과 담당자: 불법주정차·교통시설",
        title="주무관",
    ),
    P(
        "traffichead",
        "임재성",
        ("head", "officer"),
        "SAF-TRAFFIC",
        "부서장",
        "교통행정과장",
        is_head=True,
        title="과장",
    ),
    P(
        "clean",
        "한서준",
        ("officer",),
        "ENV-CLEAN",
        "부서 담당자",
        "청소행정과 담당자: 불법투기·미수거",
        title="주무관",
    ),
    P(
        "cleanhead",
        "오미경",
        ("head", "officer"),
        "ENV-CLEAN",
        "부서장",
        "청소행정과장",
        is_head=True,
        title="과장",
    ),
    P(
        "park",
        "송하은",
        ("officer",),
        "ENV-PARK",
        "부서 담당자",
        "공원녹지과 담당자: 가로수·공원·놀이터",
        title="주무관",
    ),
    P(
        "parkhead",
        "조영수",
        ("head", "officer"),
        "ENV-PARK",
        "부서장",
        "공원녹지과장",
        is_head=True,
        title="과장",
    ),
    P(
        "street",
        "백승민",
        ("officer",),
        "ENV-CLEAN-STREET",
        "부서 담당자",
        "가로청소팀 담당자",
        title="주무관",
    ),
    P(
        "building",
        "문지호",
        ("officer",),
        "SAF-BUILDING",
        "부서 담당자",
        "건축과 담당자: 불법 건축물·사용승인",
        title="주무관",
    ),
    P(
        "design",
        "서예린",
        ("officer",),
        "SAF-DESIGN",
        "부서 담당자",
        "도시디자인과 담당자: 현수막·옥외광고물",
        title="주무관",
    ),
    P(
        "safety",
        "권태호",
        ("officer",),
        "SAF-SAFETY",
        "부서 담당자",
        "안전총괄과 담당자: 공공시설·CCTV",
        title="주무관",
    ),
    P(
        "env",
        "황보라",
        ("officer",),
        "ENV-ENV",
        "부서 담당자",
        "환경과 담당자: 소음·악취·먼지",
        title="주무관",
    ),
    P(
        "welfare",
        "안수빈",
        ("officer",),
        "ENV-WELFARE",
        "부서 담당자",
        "복지정책과 담당자: 기초생활·위기가구",
        title="주무관",
    ),
    P(
        "hygiene",
        "신동현",
        ("officer",),
        "ENV-HYGIENE",
        "부서 담당자",
        "위생과 담당자: 음식점 위생·영업신고",
        title="주무관",
    ),
    P(
        "tax",
        "류은지",
        ("officer",),
        "FIN-TAX",
        "부서 담당자",
        "세무과 담당자: 지방세 문의·납세증명",
        title="주무관",
    ),
    P(
        "collect",
        "장우진",
        ("officer",),
        "FIN-COLLECT",
        "부서 담당자",
        "징수과 담당자: 체납·압류",
        title="주무관",
    ),
    P(
        "autonomy",
        "홍나래",
        ("officer",),
        "ADM-AUTONOMY",
        "부서 담당자",
        "자치행정과 담당자: 주민등록 상담",
        title="주무관",
    ),
    P(
        "general",
        "김태윤",
        ("officer",),
        "ADM-GENERAL",
        "부서 담당자",
        "총무과 담당자: 칭찬 민원 전달",
        title="주무관",
    ),
    P(
        "planning",
        "이소율",
        ("officer",),
        "PLAN-BUDGET",
        "부서 담당자",
        "기획예산과 담당자: 시정문의",
        title="주무관",
    ),
    P(
        "culture",
        "박지안",
        ("officer",),
        "PLAN-CULTURE",
        "부서 담당자",
        "문화홍보과 담당자: 행사안내",
        title="주무관",
    ),
    P(
        "field",
        "남궁현",
        ("staff",),
        "SAF-SAFETY",
        "현장 공무원",
        "행정종합관찰: 현장에서 휴대전화로 민원 등록",
        title="주무관",
    ),
    P(
        "care",
        "차은비",
        ("care", "officer"),
        "PLAN-AUDIT",
        "친절·보호 담당",
        "감사과 친절·보호 담당: 불친절 신고, 특이민원",
        title="주무관",
    ),
    P(
        "auditor",
        "배정훈",
        ("auditor",),
        "PLAN-AUDIT",
        "민원심사관·감사",
        "모든 민원 열람 전용 (열람 기록 남음)",
        title="민원심사관",
    ),
    P(
        "admin",
        "관리자",
        ("admin",),
        "ADM-GENERAL",
        "관리자",
        "조직도·유형·휴무일·사용자 관리, Django 관리 화면(/admin/)",
        admin=True,
    ),
)
del P


# --- demo: places -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dong:
    name: str
    lat: float
    lng: float
    roads: tuple[str, ...]
    spots: tuple[str, ...]
    apartments: tuple[str, ...] = field(default=())


# A fictional 구 between 37.50–37.56 N and 126.98–127.06 E.
DONGS: tuple[Dong, ...] = (
    Dong(
        "새빛동",
        37.5290,
        127.0120,
        ("새빛로", "새빛시장길"),
        ("새빛역 2번 출구", "새빛시장 입구", "새빛구청 민원실 앞"),
        ("새빛자이",),
    ),
    Dong(
        "한솔동",
        37.5375,
        127.0215,
        ("한솔로", "한솔중앙길"),
        ("한솔초등학교 정문", "한솔도서관 옆", "한솔사거리"),
        ("한솔마을 1단지", "한솔파크"),
    ),
    Dong(
        "가람동",
        37.5160,
        126.9950,
        ("가람대로", "가람길"),
        ("가람중학교 후문", "가람천 산책로 입구", "가람시장 뒤편"),
        ("가람푸르지오",),
    ),
    Dong(
        "누리동",
        37.5480,
        127.0330,
        ("누리로", "누리공원길"),
        ("누리체육센터 앞", "누리경로당 옆", "누리역 1번 출구"),
        ("누리래미안",),
    ),
    Dong(
        "은하동",
        37.5080,
        127.0410,
        ("은하수길", "은하로"),
        ("은하초등학교 어린이보호구역", "은하상가 앞", "은하교회 옆 골목"),
        ("은하빌라",),
    ),
    Dong(
        "별빛동",
        37.5535,
        127.0080,
        ("별빛로", "별빛마을길"),
        ("별빛사거리", "별빛주민센터 앞", "별빛유치원 앞"),
        ("별빛아이파크",),
    ),
    Dong(
        "미리내동",
        37.5230,
        127.0505,
        ("미리내길", "미리내로"),
        ("미리내시장 입구", "미리내고등학교 앞", "미리내 먹자골목"),
        ("미리내힐스테이트",),
    ),
    Dong(
        "햇살동",
        37.5025,
        126.9870,
        ("햇살로", "햇살공원로"),
        ("햇살노인복지관 앞", "햇살역 3번 출구", "햇살공영주차장"),
        ("햇살마을 2단지",),
    ),
    Dong(
        "다온동",
        37.5420,
        126.9900,
        ("다온로", "다온골목길"),
        ("다온초등학교 앞", "다온문화센터", "다온교 아래"),
        ("다온센트럴",),
    ),
    Dong(
        "푸른동",
        37.5125,
        127.0240,
        ("푸른로", "푸른숲길"),
        ("푸른보건소 앞", "푸른약국 사거리", "푸른어린이집 옆"),
        ("푸른숲 주공",),
    ),
)

PARKS: tuple[tuple[str, str], ...] = (
    ("새빛근린공원", "새빛동"),
    ("가람어린이공원", "가람동"),
    ("누리체육공원", "누리동"),
    ("별빛수변공원", "별빛동"),
    ("한솔소공원", "한솔동"),
    ("햇살숲공원", "햇살동"),
)

SURNAMES = (
    "김",
    "이",
    "박",
    "최",
    "정",
    "강",
    "조",
    "윤",
    "장",
    "임",
    "한",
    "오",
    "서",
    "신",
    "권",
    "황",
    "안",
    "송",
    "류",
    "홍",
)
GIVEN_NAMES = (
    "민준",
    "서연",
    "지훈",
    "하은",
    "도윤",
    "수아",
    "예준",
    "지우",
    "시우",
    "서윤",
    "주원",
    "하린",
    "영희",
    "철수",
    "순자",
    "정숙",
    "영수",
    "미경",
    "상훈",
    "은주",
    "경호",
    "명숙",
    "재민",
    "보영",
)
PLATES = (
    "12가 3456",
    "34나 7812",
    "56다 1029",
    "78라 4567",
    "101마 2345",
    "23바 9087",
    "45사 6710",
    "67아 3321",
)

# --- demo: stories ----------------------------------------------------------------------------
# Placeholders: {dong} {road} {n} {spot} {park} {apt} {plate} {days} {hour}.

STORIES: dict[str, tuple[tuple[str, str], ...]] = {
    "road_pothole": (
        (
            "{road} {n} 앞 도로가 움푹 패였습니다",
            "{road} {n} 앞 차로에 지름 50cm쯤 되는 구멍이 생겼습니다. 밤에는 잘 보이지 않아 차들이 급하게 피하느라 위험합니다. 빠른 보수 부탁드립니다.",
        ),
        (
            "{spot} 포트홀 보수 요청",
            "{dong} {spot} 근처 도로에 포트홀이 여러 개 생겼습니다. 비가 온 뒤로 더 커졌고 오토바이가 넘어질 뻔한 것을 봤습니다.",
        ),
        (
            "비 온 뒤 {road} 아스팔트가 깨졌어요",
            "며칠 전 비가 많이 온 뒤로 {road} {n} 부근 아스팔트가 깨져서 조각이 굴러다닙니다. 타이어가 터질까 걱정됩니다.",
        ),
    ),
    "road_sidewalk": (
        (
            "{spot} 보도블록이 들떠 있습니다",
            "{dong} {spot} 인도의 보도블록이 여러 장 들떠 있어 어르신들이 발이 걸려 넘어지십니다. 유모차도 지나가기 어렵습니다.",
        ),
        (
            "{road} 인도 파손 신고",
            "{road} {n} 앞 인도 블록이 깨지고 꺼져서 웅덩이가 생겼습니다. 비 오는 날 물이 고여 지나갈 수가 없습니다.",
        ),
    ),
    "road_drain": (
        (
            "{road} 빗물받이가 막혀 있습니다",
            "{road} {n} 앞 빗물받이가 담배꽁초와 낙엽으로 꽉 막혀서 비만 오면 물이 넘칩니다. 냄새도 심합니다.",
        ),
        (
            "맨홀 뚜껑이 덜컹거립니다",
            "{dong} {spot} 앞 차도 맨홀 뚜껑이 차가 지나갈 때마다 덜컹거리고 조금 튀어나와 있습니다. 밤새 소리가 나서 잠을 못 잡니다.",
        ),
    ),
    "road_snow": (
        (
            "{spot} 언덕길 제설 요청",
            "{dong} {spot} 쪽 언덕길이 꽁꽁 얼어 어제만 두 분이 미끄러져 넘어지셨습니다. 염화칼슘 함이 비어 있습니다.",
        ),
    ),
    "road_occupancy": (
        (
            "도로점용허가 신청 ({road} {n})",
            "{road} {n} 건물 외벽 보수 공사를 위해 보도 일부(약 12㎡)에 비계를 설치하려고 합니다. 기간은 30일이며 신청서와 도면을 첨부합니다.",
        ),
        (
            "상가 앞 입간판 도로점용 신청",
            "{dong} {road} {n} 1층 상가 앞 보도에 접이식 입간판과 화분을 두려고 도로점용허가를 신청합니다.",
        ),
    ),
    "traffic_parking": (
        (
            "{spot} 횡단보도 위 불법주차",
            "{dong} {spot} 횡단보도 위에 차량({plate})이 {hour}부터 계속 서 있습니다. 아이들이 차 사이로 건너야 해서 위험합니다.",
        ),
        (
            "{road} 소화전 앞 상습 주차",
            "{road} {n} 앞 소화전 바로 앞에 매일 저녁 같은 차({plate})가 주차합니다. 불이 나면 어떻게 하려는지 걱정됩니다. 단속 부탁드립니다.",
        ),
        (
            "{apt} 정문 앞 이중주차",
            "{dong} {apt} 정문 앞 도로에 이중주차가 심해 버스가 지나가지 못하고 경적을 울립니다. {hour} 무렵이 가장 심합니다.",
        ),
        (
            "어린이보호구역 불법주정차 단속 요청",
            "{spot} 어린이보호구역에 등하교 시간마다 학원 차량과 일반 차량이 줄지어 서 있습니다. 차량번호는 {plate} 등입니다.",
        ),
        (
            "{spot} 버스정류장 앞 주차 차량",
            "{spot} 버스정류장 바로 앞에 승용차({plate})가 주차해 있어 버스가 차로 한가운데에 섭니다. 승객이 차도로 내려야 합니다.",
        ),
    ),
    "traffic_signal": (
        (
            "{spot} 보행 신호등이 꺼져 있습니다",
            "{dong} {spot} 교차로 보행 신호등이 어제 저녁부터 꺼져 있습니다. 차들이 멈추지 않아 건너기 무섭습니다.",
        ),
        (
            "{road} 신호등 점멸 고장",
            "{road} {n} 교차로 차량 신호등이 노란 불만 계속 깜빡입니다. 출근 시간에 접촉사고가 날 뻔했습니다.",
        ),
    ),
    "traffic_facility": (
        (
            "{spot} 앞 과속방지턱 설치 건의",
            "{dong} {spot} 앞 도로에서 차들이 너무 빨리 달립니다. 아이들이 많이 다니는 길이니 과속방지턱을 설치해 주시기 바랍니다.",
        ),
        (
            "{road} 골목 반사경 설치 요청",
            "{road} {n} 골목 출구가 보이지 않아 차와 사람이 자주 부딪칠 뻔합니다. 도로반사경을 달아 주세요.",
        ),
        (
            "횡단보도 도색이 지워졌습니다",
            "{spot} 앞 횡단보도 흰색 도색이 거의 지워져서 운전자가 알아보지 못합니다. 다시 칠해 주시기 바랍니다.",
        ),
    ),
    "traffic_bus": (
        (
            "{spot} 정류장 마을버스 배차 간격",
            "{dong} 마을버스 2번이 출근 시간에 20분 넘게 오지 않습니다. 배차 간격을 줄여 주실 수 없는지 문의합니다.",
        ),
        (
            "버스정류장 의자가 부서졌습니다",
            "{spot} 버스정류장 의자 한쪽이 부서져 날카로운 부분이 튀어나와 있습니다.",
        ),
    ),
    "traffic_resident_parking": (
        (
            "거주자우선주차 구획 배정 신청",
            "{dong} {road} {n}에 전입한 주민입니다. 거주자우선주차 구획 배정을 신청합니다. 차량등록증 사본을 첨부합니다.",
        ),
    ),
    "ad_banner": (
        (
            "{spot} 사거리 불법 현수막",
            "{dong} {spot} 사거리 가로수와 신호등 기둥에 아파트 분양 현수막이 여러 개 걸려 있습니다. 운전할 때 신호가 가립니다.",
        ),
        (
            "{road} 육교에 걸린 현수막 철거 요청",
            "{road} 육교 난간에 허가받지 않은 것으로 보이는 현수막이 일주일째 걸려 있습니다.",
        ),
    ),
    "ad_flyer": (
        (
            "{spot} 주변 불법 전단지",
            "{dong} {spot} 주변 전봇대와 벽에 대출·유흥 전단지가 잔뜩 붙어 있습니다. 아이들 보기에 좋지 않습니다.",
        ),
        (
            "차량에 꽂히는 명함 광고",
            "{apt} 주차장 차량마다 명함 전단이 꽂혀 있고 바닥에 흩어져 있습니다. 단속 부탁드립니다.",
        ),
    ),
    "ad_permit": (
        (
            "돌출간판 옥외광고물 표시허가 신청",
            "{road} {n} 2층 학원의 돌출간판(가로 0.8m, 세로 3m) 표시허가를 신청합니다. 도안과 설치 위치 사진을 첨부합니다.",
        ),
        (
            "가로형 간판 표시허가 신청",
            "{dong} {road} {n} 1층 카페의 가로형 간판 교체에 따른 표시허가를 신청합니다.",
        ),
    ),
    "waste_dumping": (
        (
            "{spot} 쓰레기 무단투기",
            "{dong} {spot} 전봇대 밑에 종량제 봉투가 아닌 쓰레기가 며칠째 쌓여 있습니다. 고양이들이 봉투를 뜯어 길이 엉망입니다.",
        ),
        (
            "{road} {n} 앞 상습 불법투기 장소",
            "{road} {n} 앞 골목이 상습 투기 장소가 되었습니다. 밤마다 누군가 이불과 가구까지 버리고 갑니다. CCTV 설치도 검토해 주세요.",
        ),
        (
            "빈 땅에 건축폐기물이 버려져 있습니다",
            "{dong} {spot} 뒤 공터에 타일, 석고보드 같은 공사 폐기물이 트럭 한 대 분량 버려져 있습니다.",
        ),
    ),
    "waste_uncollected": (
        (
            "{apt} 앞 재활용 쓰레기 미수거",
            "{dong} {apt} 앞 재활용 쓰레기가 {days}일째 수거되지 않고 있습니다. 요일을 지켜 내놓았는데 그대로입니다.",
        ),
        (
            "{road} 종량제 봉투 수거 누락",
            "{road} {n} 앞 종량제 봉투가 어제 수거되지 않았습니다. 봉투가 터져 냄새가 심합니다.",
        ),
    ),
    "waste_bulky": (
        (
            "대형폐기물 수거 일정 문의",
            "{dong} {road} {n}에서 장롱과 매트리스를 버리려고 스티커를 붙여 내놓았는데 언제 수거되는지 궁금합니다.",
        ),
    ),
    "waste_food": (
        (
            "음식물쓰레기 수거함 파손",
            "{apt} 음식물쓰레기 수거함 뚜껑이 부서져 벌레가 꼬이고 악취가 납니다. 교체 부탁드립니다.",
        ),
    ),
    "waste_street": (
        (
            "{road} 낙엽 청소 요청",
            "{road} {n}부터 {spot}까지 인도에 낙엽이 수북이 쌓여 미끄럽습니다. 빗물받이도 막힐 것 같습니다.",
        ),
        (
            "{spot} 앞 담배꽁초",
            "{dong} {spot} 앞이 흡연 장소처럼 되어 담배꽁초가 매일 수백 개씩 버려집니다. 청소와 계도를 부탁드립니다.",
        ),
    ),
    "facility_toilet": (
        (
            "{park} 공중화장실 고장",
            "{park} 공중화장실 남자 칸 변기 두 개가 막혀 있고 세면대 수도도 나오지 않습니다.",
        ),
    ),
    "facility_cctv": (
        (
            "{spot} 골목 비상벨이 작동하지 않습니다",
            "{dong} {spot} 골목의 안심 비상벨을 눌러 봤는데 아무 반응이 없습니다. 밤길이 어두운 곳이라 꼭 고쳐 주세요.",
        ),
        (
            "방범 CCTV 설치 요청",
            "{road} {n} 골목에 최근 자전거 도난이 잇따르고 있습니다. 방범 CCTV를 설치해 주실 수 있는지요.",
        ),
    ),
    "facility_shelter": (
        (
            "{spot} 그늘막이 찢어졌습니다",
            "{dong} {spot} 횡단보도 앞 그늘막 천이 찢어져 바람에 펄럭입니다. 넘어질까 걱정됩니다.",
        ),
    ),
    "streetlight_out": (
        (
            "{road} 가로등이 꺼져 있습니다",
            "{road} {n} 부근 가로등 세 개가 {days}일째 꺼져 있습니다. 퇴근길이 너무 어두워 무섭습니다.",
        ),
        (
            "{spot} 보안등 깜빡임",
            "{dong} {spot} 골목 보안등이 밤새 깜빡거립니다. 창문으로 불빛이 들어와 잠을 못 자고 골목은 더 어둡게 느껴집니다.",
        ),
        (
            "{park} 산책로 가로등 고장",
            "{park} 산책로 가로등이 절반 정도 꺼져 있어 저녁 운동하기가 무섭습니다.",
        ),
    ),
    "streetlight_new": (
        (
            "{road} 골목 보안등 설치 건의",
            "{road} {n} 뒤 골목은 가로등이 하나도 없어 밤에 휴대전화 불빛에 의지해 걷습니다. 보안등 설치를 건의합니다.",
        ),
    ),
    "park_tree": (
        (
            "{road} 가로수 가지치기 요청",
            "{road} {n} 앞 가로수 가지가 전선과 간판에 닿아 있습니다. 바람이 세게 불면 위험하니 가지치기를 부탁드립니다.",
        ),
        (
            "쓰러질 것 같은 나무 신고",
            "{park} 입구 큰 나무가 한쪽으로 기울고 뿌리가 들려 있습니다. 사람들이 많이 다니는 곳이라 위험합니다.",
        ),
        (
            "은행나무 열매 냄새",
            "{dong} {road} 은행나무 열매가 인도에 떨어져 밟히고 냄새가 심합니다. 열매 채취를 빨리 해 주세요.",
        ),
    ),
    "park_facility": (
        (
            "{park} 운동기구 파손",
            "{park} 허리 돌리기 운동기구의 손잡이가 빠져 있습니다. 어르신들이 많이 쓰시는 기구입니다.",
        ),
        (
            "{park} 벤치 교체 요청",
            "{park} 산책로 벤치 나무판이 썩어 부러져 있습니다. 앉다가 다칠 수 있습니다.",
        ),
    ),
    "park_playground": (
        (
            "{park} 놀이터 미끄럼틀 파손",
            "{park} 놀이터 미끄럼틀 옆면에 금이 가고 날카로운 부분이 있습니다. 아이가 손을 베일 뻔했습니다.",
        ),
        (
            "놀이터 모래에 유리 조각",
            "{dong} {apt} 옆 어린이 놀이터 모래밭에서 깨진 유리 조각을 여러 개 주웠습니다. 점검 부탁드립니다.",
        ),
    ),
    "env_construction": (
        (
            "{road} 공사장 새벽 소음",
            "{road} {n} 신축 공사장에서 아침 6시부터 굴착기 소리가 납니다. 작업 시간 준수를 지도해 주세요.",
        ),
        (
            "공사장 비산먼지 민원",
            "{dong} {spot} 옆 공사장에서 먼지가 날려 창문을 열 수 없고 빨래도 못 넙니다. 살수차나 방진막이 제대로 없는 것 같습니다.",
        ),
    ),
    "env_noise": (
        (
            "{spot} 상가 확성기 소음",
            "{dong} {spot} 상가에서 하루 종일 확성기로 홍보 방송을 틉니다. 재택근무를 하는데 일을 할 수가 없습니다.",
        ),
        (
            "{road} 심야 영업 소음",
            "{road} {n} 주점에서 새벽 2시까지 음악 소리가 크게 납니다. 몇 달째 참고 있습니다.",
        ),
    ),
    "env_odor": (
        (
            "{road} 하수구 악취",
            "{road} {n} 앞 하수구에서 심한 악취가 올라옵니다. 날이 갈수록 더 심해집니다.",
        ),
    ),
    "env_air": (
        (
            "{spot} 관광버스 공회전",
            "{dong} {spot} 앞에 관광버스들이 시동을 켠 채 30분 넘게 서 있습니다. 매연 때문에 숨쉬기가 힘듭니다.",
        ),
    ),
    "building_illegal": (
        (
            "{road} {n} 옥상 무단 증축 의심",
            "{road} {n} 건물 옥상에 최근 패널로 방을 새로 지었습니다. 허가를 받은 것인지 확인해 주세요.",
        ),
        (
            "주차장을 창고로 바꿨습니다",
            "{dong} {road} {n} 빌라 1층 필로티 주차장을 벽으로 막아 창고로 쓰고 있습니다. 주차할 곳이 없어 골목에 차가 넘칩니다.",
        ),
    ),
    "building_site": (
        (
            "{road} 공사장 낙하물 위험",
            "{road} {n} 공사장 가림막이 일부 넘어져 있고 위에서 자재가 떨어질 것 같습니다. 인도로 다니기 무섭습니다.",
        ),
    ),
    "building_vacant": (
        (
            "{spot} 뒤 빈집 붕괴 우려",
            "{dong} {spot} 뒤 빈집 담장이 금이 가고 기울었습니다. 아이들이 지나다니는 길이라 무너질까 걱정입니다.",
        ),
    ),
    "building_approval": (
        (
            "건축물 사용승인 신청 ({road} {n})",
            "{road} {n} 근린생활시설 신축 공사를 마쳐 사용승인을 신청합니다. 감리완료보고서와 공사완료도서를 첨부합니다.",
        ),
    ),
    "hygiene_restaurant": (
        (
            "{spot} 음식점 위생 상태 신고",
            "{dong} {spot} 근처 음식점 주방이 밖에서 보일 정도로 지저분하고 바퀴벌레가 보였습니다. 위생 점검을 요청합니다.",
        ),
        (
            "배달 음식에서 이상한 냄새",
            "{road} {n}의 음식점에서 배달시킨 음식이 상한 냄새가 났습니다. 먹고 나서 가족이 배탈이 났습니다.",
        ),
    ),
    "hygiene_foreign": (
        (
            "반찬에서 이물질이 나왔습니다",
            "{dong} {spot} 반찬가게에서 산 반찬에서 철 수세미 조각이 나왔습니다. 사진을 첨부합니다.",
        ),
    ),
    "hygiene_report": (
        (
            "일반음식점 영업신고",
            "{road} {n} 1층에 분식점을 열려고 일반음식점 영업신고를 합니다. 위생교육 수료증과 건강진단결과서를 첨부합니다.",
        ),
    ),
    "welfare_basic": (
        (
            "기초생활수급 신청 자격 문의",
            "혼자 사는 70대 어머니가 국민연금을 조금 받으십니다. 생계급여를 신청할 수 있는지, 자녀 소득도 보는지 알고 싶습니다.",
        ),
    ),
    "welfare_senior": (
        (
            "{dong} 경로당 냉난방기 고장",
            "{dong} 경로당 냉난방기가 고장 나서 어르신들이 많이 불편해하십니다. 수리를 부탁드립니다.",
        ),
        (
            "장애인 콜택시 이용 문의",
            "휠체어를 쓰는 아버지가 병원에 다니실 때 장애인 콜택시 외에 구에서 지원하는 이동 서비스가 있는지 궁금합니다.",
        ),
    ),
    "welfare_crisis": (
        (
            "이웃 어르신이 며칠째 보이지 않습니다",
            "{dong} {road} {n} 반지하에 혼자 사시는 어르신이 며칠째 보이지 않고 우편물이 쌓여 있습니다. 확인해 주십시오.",
        ),
    ),
    "tax_inquiry": (
        (
            "재산세 세액이 작년보다 많이 올랐습니다",
            "{apt}에 사는데 올해 재산세가 작년보다 크게 올랐습니다. 산정 근거와 분할 납부가 되는지 알고 싶습니다.",
        ),
        (
            "자동차세 연납 할인 문의",
            "자동차세를 1월에 한꺼번에 내면 할인이 되는지, 신청은 어떻게 하는지 문의합니다.",
        ),
    ),
    "tax_arrears": (
        (
            "체납 자동차세 분납 요청",
            "사업이 어려워 자동차세가 밀렸습니다. 번호판 영치 안내를 받았는데 분할해서 낼 수 있는 방법이 있는지 문의합니다.",
        ),
    ),
    "tax_certificate": (
        ("지방세 납세증명서 발급 신청", "입찰 서류 제출용으로 지방세 납세증명서 1부 발급을 신청합니다."),
    ),
    "consult_resident": (
        (
            "전입신고 시 필요한 서류 문의",
            "다음 주에 {dong}으로 이사합니다. 세대주가 아닌 가족이 대신 전입신고를 할 때 필요한 서류를 알고 싶습니다.",
        ),
    ),
    "consult_passport": (
        (
            "여권 재발급 소요 기간 문의",
            "다음 달 출국 예정인데 여권 유효기간이 얼마 남지 않았습니다. 재발급에 며칠 걸리는지, 토요일에도 받을 수 있는지 궁금합니다.",
        ),
    ),
    "city_inquiry": (
        (
            "{park} 리모델링 사업 일정 문의",
            "구청 소식지에서 {park} 리모델링 계획을 봤습니다. 공사 기간과 그동안 이용 제한이 있는지 알고 싶습니다.",
        ),
        (
            "주민참여예산 제안 방법",
            "{dong} 골목길 환경 개선 사업을 주민참여예산으로 제안하고 싶습니다. 제안 시기와 방법을 알려 주세요.",
        ),
    ),
    "event": (
        ("새빛 가을축제 일정 문의", "올해 새빛 가을축제 날짜와 장소, 차량 통제 구간을 알고 싶습니다."),
        (
            "구민 정보화 교육 신청 방법",
            "어머니께서 스마트폰 사용법 교육을 받고 싶어 하십니다. {dong}에서 가까운 교육 장소와 신청 방법을 알려 주세요.",
        ),
    ),
    "unkind": (
        (
            "민원실 직원의 불친절",
            "어제 오후 {spot} 민원 창구에서 서류를 문의했는데 직원이 한숨을 쉬며 설명도 없이 돌려보냈습니다. 어르신인 어머니가 많이 속상해하셨습니다.",
        ),
        (
            "전화 응대가 불친절했습니다",
            "{days}일 전 구청에 전화로 문의했는데 담당자가 말을 끊고 '홈페이지 보세요'라며 전화를 끊었습니다.",
        ),
    ),
    "praise": (
        (
            "{dong} 주민센터 직원분을 칭찬합니다",
            "{dong} 주민센터에서 복잡한 서류 문제를 끝까지 친절하게 도와주신 직원분께 감사드립니다. 덕분에 하루 만에 해결했습니다.",
        ),
        (
            "빠른 포트홀 보수에 감사드립니다",
            "{road}의 도로 파임을 신고한 지 하루 만에 고쳐 주셔서 감사합니다. 담당 공무원분들 칭찬합니다.",
        ),
        (
            "환경미화원분들께 감사 인사",
            "새벽마다 {road}를 깨끗하게 청소해 주시는 환경미화원분들께 감사드립니다. 덕분에 동네가 밝아졌습니다.",
        ),
    ),
    "etc": (
        (
            "어디에 문의해야 할지 몰라 글을 남깁니다",
            "{dong} {spot} 근처 공터에 주인 없는 자전거가 수십 대 방치되어 있습니다. 어느 부서 소관인지 몰라 여기에 남깁니다.",
        ),
    ),
}

ANSWERS: dict[str, tuple[str, ...]] = {
    "road": (
        "민원인께서 알려 주신 {road} {n} 부근을 현장 확인하였으며, 파손된 부분을 아스팔트(블록)로 긴급 보수하였습니다. "
        "앞으로도 순찰을 강화하겠습니다.",
        "현장 확인 결과 보수가 필요하여 도로보수팀에서 임시 포장을 마쳤고, 다음 달 정기 보수 공사 때 전면 재포장할 예정입니다.",
    ),
    "traffic": (
        "신고하신 장소에 단속 공무원이 출동하여 해당 차량에 과태료를 부과하였습니다. 상습 위반 지역으로 지정하여 "
        "집중 단속하겠습니다.",
        "현장을 확인하고 관계 기관과 협의하여 시설을 정비하였습니다. 불편을 드려 죄송합니다.",
    ),
    "ad": (
        "신고하신 불법 광고물을 모두 철거하고 광고주에게 과태료 부과를 위한 절차를 진행하고 있습니다.",
        "제출하신 서류를 검토하였으며 결과를 안내드립니다. 자세한 사항은 담당자에게 문의해 주십시오.",
    ),
    "waste": (
        "신고하신 {spot} 주변 쓰레기를 수거하였으며, 무단투기 경고 안내문을 부착하고 야간 감시를 강화하겠습니다.",
        "수거 업체에 누락 사실을 통보하고 당일 수거를 마쳤습니다. 같은 일이 반복되지 않도록 관리하겠습니다.",
    ),
    "facility": ("현장 점검 후 고장 난 시설을 수리하였습니다. 이용에 불편을 드려 죄송합니다.",),
    "streetlight": (
        "{road} 부근 가로등의 안정기 불량을 확인하여 교체하였고 정상 점등을 확인하였습니다.",
        "보안등 설치 가능 여부를 검토한 결과, 전주 위치를 확인하여 다음 분기 설치 계획에 반영하였습니다.",
    ),
    "park": (
        "공원 관리 인력이 현장을 확인하고 시설을 보수하였습니다. 안전 점검도 함께 실시하였습니다.",
        "가지치기 작업을 마쳤으며, 남은 구간은 다음 주 중 정비할 예정입니다.",
    ),
    "env": (
        "현장을 확인하여 소음(먼지) 측정을 하였고, 기준 초과로 행정지도와 개선명령을 하였습니다. 계속 점검하겠습니다.",
        "해당 사업장에 작업 시간 준수와 방진 시설 보강을 지도하였습니다.",
    ),
    "building": (
        "현장 조사 결과 위반 사항을 확인하여 건축주에게 시정명령을 하였습니다. 기한 내 시정하지 않으면 이행강제금을 부과합니다.",
        "제출하신 서류 검토를 마쳤으며 사용승인 처리하였습니다.",
    ),
    "hygiene": (
        "해당 업소를 방문 점검하여 위생 상태를 개선하도록 지도하고 위반 사항에 대해 행정처분을 진행하고 있습니다.",
        "영업신고를 수리하였습니다. 영업신고증은 민원실에서 받으실 수 있습니다.",
    ),
    "welfare": (
        "담당 사회복지공무원이 직접 방문하여 상담하였고, 받으실 수 있는 급여와 서비스를 안내드렸습니다.",
        "문의하신 제도의 신청 자격과 필요한 서류를 안내드립니다. 주민센터 복지 창구에서도 신청하실 수 있습니다.",
    ),
    "tax": (
        "문의하신 세액은 공시가격 변동에 따른 것이며, 세액이 250만 원을 넘으면 분할 납부가 가능합니다.",
        "분납 계획서를 제출하시면 체납 처분을 유예할 수 있습니다. 징수과로 방문해 주십시오.",
    ),
    "consult": (
        "문의하신 내용에 대해 필요한 서류와 절차를 안내드립니다. 정부24에서도 온라인으로 신청하실 수 있습니다.",
    ),
    "city_inquiry": (
        "문의하신 사업은 올해 하반기 착공 예정이며 자세한 일정은 구청 누리집 공지사항에서 확인하실 수 있습니다.",
    ),
    "event": (
        "문의하신 행사의 일정과 신청 방법을 안내드립니다. 구청 누리집 행사 달력에서도 확인하실 수 있습니다.",
    ),
    "unkind": (
        "불편을 드려 진심으로 사과드립니다. 해당 부서에 친절 교육을 실시하고 재발하지 않도록 관리하겠습니다.",
    ),
    "praise": ("따뜻한 칭찬 감사합니다. 해당 직원에게 전달하였으며 구청장 표창 추천에 반영하겠습니다.",),
    "etc": ("문의하신 내용을 확인하여 소관 부서와 함께 조치하였습니다.",),
}

PROGRESS_NOTES = (
    "현장을 확인하였으며 보수 업체와 일정을 조율하고 있습니다.",
    "담당자가 내일 오전 현장을 방문할 예정입니다.",
    "관계 부서와 협의 중입니다. 결과가 나오는 대로 알려 드리겠습니다.",
)
SUPPLEMENTS = (
    "정확한 위치를 알 수 있도록 가까운 건물 번호나 사진을 보내 주십시오.",
    "신청서에 첨부 서류(도면, 위치도)가 빠져 있습니다. 보완해 주시기 바랍니다.",
    "언제 어느 시간대에 일이 생기는지 구체적으로 알려 주십시오.",
)
EXTENSION_REASONS = (
    (
        "fact_check_or_site_visit",
        "정확한 원인 확인을 위해 현장 측량과 정밀 점검이 필요하여 처리기간을 연장합니다.",
    ),
    ("other_agency_help", "관할 경찰서와 한국전력공사의 협조가 필요하여 처리기간을 연장합니다."),
    ("comparable", "관련 법령 해석에 대해 상급 기관의 의견을 받아야 하여 처리기간을 연장합니다."),
)
# Categories that sometimes belong to another agency, with where they go and why (이송, 영 13).
TRANSFERS: dict[str, tuple[str, str]] = {
    "traffic_signal": ("새빛경찰서", "교통 신호기의 설치와 운영은 관할 경찰서 소관이므로 이송합니다."),
    "streetlight_out": (
        "한국전력공사 새빛지사",
        "한전 소유 전주에 달린 등기구이므로 한국전력공사로 이송합니다.",
    ),
    "road_pothole": ("시 도로관리사업소", "폭 25m 이상 간선도로는 시 도로관리사업소 관할이므로 이송합니다."),
    "building_site": ("고용노동부 새빛지청", "공사 현장 노동자의 산업안전에 관한 사항이므로 이송합니다."),
    "traffic_bus": ("시 버스정책과", "시내버스 노선과 배차는 시 소관이므로 이송합니다."),
}
REJECTIONS = (
    "보완 요청 기한까지 필요한 서류가 제출되지 않아 처리할 수 없습니다.",
    "사인 간의 분쟁으로 행정기관이 개입할 수 있는 사항이 아닙니다.",
    "이미 같은 내용으로 답변드린 민원이며 새로운 사실이 확인되지 않습니다.",
)
WITHDRAWALS = (
    "민원인이 전화로 해결되었다며 취하 의사를 밝혔습니다.",
    "이웃과 직접 해결하였습니다. 취하합니다.",
    "잘못 신청하였습니다.",
)
REOPEN_REASONS = (
    "보수했다고 하셨는데 가 보니 그대로입니다.",
    "답변을 받은 다음 날부터 다시 같은 일이 생기고 있습니다.",
)
