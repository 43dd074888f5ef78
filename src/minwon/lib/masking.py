"""Masking personal data on pages the public or the applicant sees (개인정보 보호법 제29조).

Pure Python, no Django: one function per kind of field, each total (any string in, a string out,
never an exception) and idempotent enough that masking a masked value changes nothing visible.
The staff side shows the real values only through `access.reveal_contact`, which is logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MASK = "*"

_PHONE_DIGITS = re.compile(r"\D")
# 자동차 등록번호: optional region (서울), 2–3 digits, one Hangul syllable, 4 digits.
_PLATE = re.compile(r"^(?P<head>\s*(?:[가-힣]{2}\s?)?\d{2,3}\s?[가-힣]\s?)(?P<tail>\d{4})\s*$")


def mask_name(name: str) -> str:
    """홍길동 → 홍*동, 김민 → 김*, 남궁민수 → 남**수, John Smith → J********h."""
    name = (name or "").strip()
    if len(name) <= 1:
        return MASK * len(name)
    if len(name) == 2:
        return name[0] + MASK
    return name[0] + MASK * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    """010-1234-5678 → 010-****-5678; 02-123-4567 → 02-***-4567; the last four digits stay."""
    if MASK in (phone or ""):
        return phone.strip()
    digits = _PHONE_DIGITS.sub("", phone or "")
    if not digits:
        return ""
    if len(digits) < 7:
        return MASK * len(digits)
    if digits.startswith("02"):
        head = "02"
    elif len(digits) in (10, 11):
        head = digits[:3]
    else:
        head = ""
    middle = digits[len(head) : -4]
    parts = [head, MASK * len(middle), digits[-4:]] if head else [MASK * len(middle), digits[-4:]]
    return "-".join(parts)


def mask_email(email: str) -> str:
    """hong.gildong@example.com → ho**********@example.com; the domain stays readable."""
    email = (email or "").strip()
    if not email:
        return ""
    local, sep, domain = email.rpartition("@")
    if not sep:
        return mask_name(email)
    keep = 2 if len(local) > 3 else 1
    return local[:keep] + MASK * max(len(local) - keep, 1) + "@" + domain


def mask_address(address: str) -> str:
    """서울특별시 새빛구 빛나로 12, 101동 1001호 → 서울특별시 새빛구 빛나로 ***.

    Keeps the leading words without digits (시·구·동 or 도로명, at most three) and hides the rest,
    where the building number, apartment and unit are.
    """
    words = (address or "").split()
    if not words:
        return ""
    kept: list[str] = []
    for word in words:
        if any(ch.isdigit() for ch in word) or len(kept) == 3:
            break
        kept.append(word)
    if len(kept) == len(words):
        # No number at all (e.g. "새빛구 빛나동"): hide the last word so the place stays vague.
        kept = kept[:-1] if len(kept) > 1 else []
    return " ".join([*kept, MASK * 3])


def mask_plate(plate: str) -> str:
    """12가3456 → 12가****, 서울 12 가 3456 → 서울 12 가 ****; otherwise only the first two stay."""
    plate = plate or ""
    if MASK in plate:
        return plate.strip()
    m = _PLATE.match(plate)
    if m:
        return m.group("head") + MASK * 4
    stripped = plate.strip()
    if len(stripped) <= 2:
        return MASK * len(stripped)
    return stripped[:2] + MASK * (len(stripped) - 2)


def mask_rrn(number: str) -> str:
    """900101-1234567 → ******-*******: 주민등록번호·외국인등록번호 show nothing, not even the birth date."""
    digits = _PHONE_DIGITS.sub("", number or "")
    if not digits:
        return (number or "").strip()
    return MASK * 6 + "-" + MASK * 7


def mask_account(number: str) -> str:
    """110-123-456789 → ***-***-**6789: only the last four digits stay, separators are kept."""
    number = (number or "").strip()
    total = sum(ch.isdigit() for ch in number)
    seen = 0
    out = []
    for ch in number:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > total - 4 else MASK)
        else:
            out.append(ch)
    return "".join(out)


# --- free text ---------------------------------------------------------------------------------
#
# `mask_text` finds each kind of personal data inside running text and hands the match to the
# per-field function above, so a phone number looks the same masked in a field and in a sentence.
# The rules run in order (e-mail before phone, so digits inside an address are not taken as a
# number); each one's output contains "*" where digits or syllables were, which no rule matches
# again — that is what makes `mask_text` idempotent.

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_EMAIL = re.compile(r"(?<![\w.%+*-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_RRN = re.compile(
    _NOT_ALNUM_BEFORE + r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?[-–]?\s?[1-8]\d{6}(?!\d)"
)
_BANKS = (
    "계좌번호|계좌|입금|송금|은행|농협|국민|신한|우리|하나|기업|새마을금고|신협|우체국|"
    "카카오뱅크|케이뱅크|토스뱅크"
)
_ACCOUNT = re.compile(
    rf"(?P<lead>(?:{_BANKS})[^\d\n]{{0,12}})"
    r"(?P<num>(?<!\d)\d{2,6}-\d{2,6}-\d{2,8}(?:-\d{1,3})?(?!\d)|(?<!\d)\d{10,14}(?!\d))"
)
# 휴대전화 010·011·016–019, 서울 02, 지역번호 031–064, 인터넷전화 070, 안심번호 050x; with or without
# +82, brackets, dashes, dots or spaces. 전국대표번호 (1588-…) and 120 belong to businesses and stay.
_PHONE = re.compile(
    _NOT_ALNUM_BEFORE + r"(?P<num>(?:\+82[-.\s]?(?:\(0\))?|(?:\((?=0\d{1,3}\)))?0)"
    r"(?:1[016789]|2|[3-6][1-5]|70|50[2-8])\)?\s?[-.\s]?"
    r"\d{3,4}[-.\s]?\d{4})(?!\d)"
)
# 자가용 가–주, 영업용 바·사·아·자, 렌터카 하·허·호, 택배 배, 군용 육·해·공·국·합.
_PLATE_LETTERS = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주바사아자하허호배육해공국합"
_REGIONS = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_PLATE_IN_TEXT = re.compile(
    rf"(?<![가-힣\d])(?:(?:{_REGIONS})\s?)?\d{{2,3}}\s?[{_PLATE_LETTERS}]\s?\d{{4}}(?!\d)"
    r"(?!\s?(?:억|만|천|원|명|개|년))"  # 23조 4000억원 is money
)
_ADDRESS_NUMBERS = "***"
# A number followed by one of these counts money, people or things (20 억, 40 프로, 4000억원), or is
# part of a bigger number or a ratio (5,18 / 1:1): it is not a house number or a plate's tail.
_NOT_AN_ADDRESS_AFTER = (
    r"(?!,\d|:\d|\s?(?:억|만|천)|\s?(?:원|명|개|프로|퍼센트|배|년|세|살|건|회|차례|곳|대|km|kg)"
    r"(?:[이가을를은는의에도씩]|$|[^가-힣]))"
)
# 101동 1203호, 101-1203호, 1203호 (not 제12345호, not 3호선), 101동 alone only with three digits or more.
# A number glued to a word (국보275호, 청원77호) or after a thousands comma (8,000호) is not a unit.
_UNIT = re.compile(
    r"(?<![\d제가-힣,])(?:(?P<dong>\d{1,4})(?P<dsep>\s?동\s?|-))?(?P<ho>\d{2,5})\s?호(?![선기차실])"
)
_APT_DONG = re.compile(r"(?<![\d가-힣])\d{3,4}\s?동(?![가-힣])")
# 도로명 + 건물번호: 빛나로 12, 빛나로12번길 34-5 (not "…으로 100m", not "도로 3곳").
_ROAD_NUMBER = re.compile(
    # Anchored at a word start and bounded, so a long run of Hangul is scanned once, not n² times.
    r"(?<![가-힣])(?P<road>[가-힣]{1,20}(?:\d+번?)?(?<!으)(?:로|길))(?P<sp>\s?)"
    r"(?P<num>\d{1,5}(?:-\d{1,4})?)(?:\s?번지)?(?![\d가-힣A-Za-z%.*-])" + _NOT_AN_ADDRESS_AFTER
)
# 지번: 빛나동 123-4, 빛나2동 45번지, 새빛리 산 12, 종로3가 45 (가 only with its number, so 주가,
# 분양가 and 평균가 are not places).
_JIBUN = re.compile(
    r"(?P<area>[가-힣]{1,8}\d?(?:동|리)|[가-힣]{1,8}\d가)(?P<sp>\s?)"
    r"(?P<num>(?:산\s?)?\d{1,5}(?:-\d{1,5})?)(?:\s?번지)?(?![\d가-힣A-Za-z%.*-])" + _NOT_AN_ADDRESS_AFTER
)

_SURNAMES_2 = "남궁|황보|제갈|선우|독고|사공|서문|동방|어금"
_SURNAMES_1 = (
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천"
    "방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈"
)
_TITLES = (
    "주무관|팀장|과장|국장|계장|주임|대리|부장|실장|차장|소장|원장|센터장|동장|통장|반장|구청장|시장|부시장|"
    "구의원|시의원|의원|위원장|위원|사무관|서기관|담당관|조사관|감독관|기사|사원|선생님|선생|교수|변호사|대표|사장|"
    "님|씨|양|군|여사|어르신|할머니|할아버지|아주머니|아저씨|어머님|아버님|사모님"
)
_NAME = rf"(?:{_SURNAMES_2})[가-힣]{{1,2}}|[{_SURNAMES_1}][가-힣]{{1,2}}"
_PARTICLES = (
    "께서는|께서|께는|께|에게는|에게|한테|이랑|랑|하고|이가|가|이|은|는|을|를|의|과|와|도|만|이며|이고|입니다|"
    "이에요|예요|이었|이셨|이세요|님께서|님께|님이|님은|님의|님을|님도|님"
)
_TITLE_WORD = re.compile(rf"(?:{_TITLES})")
# 국회의원, 예천군의원, 부산 시장: a body or place before an elected title, not a person.
_ELECTED = re.compile(r"구청장|시장|부시장|군수|도지사|구의원|시의원|군의원|도의원|의원")
# 홍길동 님, 김철수씨, 이영희 팀장 — the honorific or title follows the name.
_NAME_TITLE = re.compile(rf"(?<![가-힣*])(?P<name>{_NAME})(?P<sp>\s?)(?P<title>{_TITLES})(?![가-힣])")
_NAME_TITLE_PARTICLE = re.compile(
    rf"(?<![가-힣*])(?P<name>{_NAME})(?P<sp>\s?)(?P<title>(?:{_TITLES})(?:{_PARTICLES}){{1,3}})"
    r"(?![가-힣])"
)
# 박주무관, 이팀장님, 김 주무관: a surname (glued or one space) before a staff title.
_STAFF_TITLE = re.compile("주무관|팀장|과장|국장|계장|주임|실장|소장|동장|사무관")
# The title ends the word (or takes 님 and a particle): 한국장애인 is not 한 + 국장.
_SURNAME_TITLE = re.compile(
    rf"(?<![가-힣*])(?P<name>{_SURNAMES_2}|[{_SURNAMES_1}])(?P<sp>\s?)(?P<title>{_STAFF_TITLE.pattern})"
    rf"(?=님?(?:{_PARTICLES})?(?![가-힣]))"
)
# Words that read as surname + title but are not: 고소장, 양계장; and 전 / 현 before a spaced title
# mean "former" / "current" (전 사무관).
_NOT_SURNAME_TITLE = frozenset(["고소장", "공소장", "기소장", "양계장", "전 ", "현 "])
# 담당자 최민수, 성명: 홍길동, 운전자 박철수 — a label, then the name (followed by a particle or nothing).
_LABELS = (
    "담당자|담당 공무원|담당 직원|담당|신고자|신고인|신청인|작성자|민원인|제보자|성명|이름|성함|"
    "운전자|차주|소유자|대표자|보호자|세대주|피해자|가해자|행위자|점주|업주|건물주|집주인|수령인"
)
_AFTER_LABELLED_NAME = (
    r"$|[^가-힣]|(?:에게|께서|께|이|가|은|는|을|를|의|와|과|입니다|이고|이며|님|씨)(?![가-힣])"
)
_LABEL_NAME = re.compile(
    # At least a space or a colon: 피해자지원금, 담당형사 are words, not a label and a name.
    rf"(?P<label>{_LABELS})(?P<sp>\s+[:：]?\s*|[:：]\s*)"
    # 운전자 성명 홍길동: a second label is not the name, and must stay free to match itself.
    rf"(?!(?:{_LABELS})[\s:：])(?P<name>{_NAME})(?={_AFTER_LABELLED_NAME})"
)
# 김철수 010-1234-5678, 홍길동(02-123-4567): a three-syllable name right before a phone number.
# It runs after the phone rule, so it looks for the masked number; two-syllable words (문자, 전화)
# and words ending in a particle (전화로, 번호를) are too often not names to mask.
_NAME_BEFORE_PHONE = re.compile(
    rf"(?<![가-힣*])(?P<name>(?:{_SURNAMES_2})[가-힣]{{1,2}}|[{_SURNAMES_1}][가-힣]{{2}})(?<![로는를을에의와과])"
    r"(?P<sp>\s?[(:：]?\s?)(?=0\d{1,2}-\*{3,4}-\d{4})"
)
_NOT_NAMES_BEFORE_PHONE = frozenset(
    [
        "연락처",
        "사무실",
        "사무소",
        "민원실",
        "경비실",
        "문의처",
        "신고처",
        "고객센",
        "안내실",
        "대표실",
        "연락망",
    ]
)

# Words that look like "surname + syllables" before a title but are not names.
_NOT_NAMES = frozenset(
    [
        "고객",
        "민원인",
        "주민",
        "구민",
        "시민",
        "이웃",
        "이번",
        "이분",
        "이용자",
        "우리",
        "모든",
        "기사",
        "선생",
        "사장",
        "원장",
        "반장",
        "동장",
        "통장",
        "소장",
        "부장",
        "구청",
        "구청장",
        "주무",
        "과장",
        "차장",
        "국장",
        "주임",
        "대표",
        "관리",
        "관리인",
        "관계",
        "도로",
        "도매",
        "목사",
        "기자",
        "교사",
        "신부",
        "공원",
        "주차",
        "차량",
        "정말",
        "정도",
        "최근",
        "오늘",
        "어제",
        "전화",
        "현장",
        "부서",
        "동네",
        "마을",
        "이장",
        "이사",
        "이사장",
        "조합",
        "조합원",
        "장애",
        "장애인",
        "어르신",
        "안내",
        "안전",
        "한번",
        "하루",
        "전체",
        "방문",
        "문의",
        "민원",
        "지역",
        "동사",
        "동민",
        "구의",
        "시의",
        "기관",
        "강사",
        "감사",
        "조사",
        "조사관",
        "조원",
        "주민센",
        "주인",
        "가게",
        "사모",
        "신청",
        "신청인",
        "신고",
        "신고인",
        "담당",
        "도시",
        "국민",
        "공무원",
        "직원",
        "선배",
        "후배",
        "친구",
        "손님",
        "여러분",
        "아저씨",
        "아주머",
        "아줌",
        "할머",
        "할아",
        "학부",
        "학생",
        "유가족",
        "변호",
        "가족",
        "남편",
        "부인",
        "아내",
        "아들",
        "소방",
        "경찰",
        "경비",
        "경비원",
        "배달",
        "배달원",
        "기사님",
        "사회",
        "복지",
        "성함",
        "이름",
        "성명",
        "제보",
        "제보자",
    ]
)


def _name_and_title(m: re.Match) -> str:
    name = m.group("name")
    # 도로과 과장님, 민원팀 팀장: a department before a title is not a person; nor is a title
    # itself before 님 (주무관님, 센터장님), which reads like "surname + given name + 님".
    if (
        name in _NOT_NAMES
        or name[-1] in "과팀청"
        or _STAFF_TITLE.fullmatch(name[1:])
        or _TITLE_WORD.fullmatch(name)
        or (name[-1] in "시군구도산회" and _ELECTED.match(m.group("title")))
        or (not m.group("sp") and m.group("title").startswith(("시장", "부시장")))  # 주식시장, 전통시장
    ):
        return m.group(0)
    return mask_name(name) + m.group("sp") + m.group("title")


def _name_before_phone(m: re.Match) -> str:
    name = m.group("name")
    if name in _NOT_NAMES or name in _NOT_NAMES_BEFORE_PHONE or _TITLE_WORD.fullmatch(name):
        return m.group(0)
    return mask_name(name) + m.group("sp")


def _surname_title(m: re.Match) -> str:
    if m.group("name") + m.group("title") in _NOT_SURNAME_TITLE or (
        m.group("sp") and m.group("name") + m.group("sp") in _NOT_SURNAME_TITLE
    ):
        return m.group(0)
    return mask_name(m.group("name")) + m.group("sp") + m.group("title")


# What follows 차주, 운전자, 신청인, 이름 … when it is not a name: 차주 연락처, 운전자 주의, 이름 모름.
# Checked as written and without a trailing particle (정보를, 주소로).
_NOT_NAMES_AFTER_LABEL = frozenset(
    [
        "정보",
        "연락처",
        "연락",
        "주소",
        "주소지",
        "주의",
        "안전",
        "조치",
        "변경",
        "지원",
        "명의",
        "모름",
        "미상",
        "불명",
        "조회",
        "확인",
        "본인",
        "교육",
        "보험",
        "동의",
        "동반",
        "서명",
        "신분",
        "신원",
        "신상",
        "전화",
        "번호",
        "성명",
        "이름",
        "차량",
        "명단",
        "거주",
        "거주지",
        "요청",
        "부담",
        "책임",
        "과실",
        "처벌",
        "권리",
        "의무",
        "사망",
        "부상",
        "진술",
        "인적",
        "인적사항",
        "등록",
        "증명",
        "진료",
        "조사",
        "신고",
        "변경신고",
        "부재",
        "유무",
        "여부",
        "분들",
        "분께",
        "이외",
        "외에",
        "전원",
        "모두",
        "자신",
        "당사자",
        "가족",
        "측",
        "측에",
        "정정",
        "기재",
        "표시",
        "문의",
        "상담",
        "방문",
        "면담",
        "석명",
        "서류",
        "소명",
        "신청",
        "사용",
        "신변",
        "형사",
        "검사",
        "목사",
        "하느님",
        "변호사",
        "사진",
        "주차",
        "차량번호",
        "전화번호",
        "휴대폰",
        "경찰",
        "경찰관",
        "판사",
    ]
)
_PARTICLE_END = "를을은는이가의에로도와과"


def _not_a_name_after_label(name: str, after: str = "") -> bool:
    """Whether the word after a label (and `after`, the text that follows it) is not a name.

    Three syllables ending in a particle (구제에, 정보를) are a noun and its particle; a two-syllable
    word is taken as a name only at the end, before punctuation, or before 씨/님 — "이름 공개 및"
    and "피해자 구제" are nouns far more often than 김민 is a name."""
    if name in _NOT_NAMES or name in _NOT_NAMES_AFTER_LABEL:
        return True
    if name[-1] in _PARTICLE_END and name[:-1] in _NOT_NAMES_AFTER_LABEL:
        return True
    if (
        len(name) == 3
        and name[-1] in "를을는의에로와과"
        and not name.startswith(tuple(_SURNAMES_2.split("|")))
    ):
        return True
    is_double_surname = name.startswith(tuple(_SURNAMES_2.split("|")))
    if len(name) == 2 and not is_double_surname:
        return not (after == "" or after[0] in "씨님" or not (after[0].isspace() or "가" <= after[0] <= "힣"))
    return False


def _label_name(m: re.Match) -> str:
    name = m.group("name")
    if _not_a_name_after_label(name, m.string[m.end("name") :]):
        return m.group(0)
    return m.group("label") + m.group("sp") + mask_name(name)


def _phone_in_text(m: re.Match) -> str:
    raw = m.group("num")
    digits = _PHONE_DIGITS.sub("", raw)
    if raw.startswith("+82"):
        digits = digits[2:] if digits[2:].startswith("0") else "0" + digits[2:]
    return mask_phone(digits)


def _account_in_text(m: re.Match) -> str:
    return m.group("lead") + mask_account(m.group("num"))


def _unit(m: re.Match) -> str:
    dong = ""
    if m.group("dong"):
        dong = f"{_ADDRESS_NUMBERS}동 " if "동" in m.group("dsep") else f"{_ADDRESS_NUMBERS}-"
    return f"{dong}{_ADDRESS_NUMBERS}호"


def _numbered_place(group: str) -> Callable[[re.Match[str]], str]:
    def repl(m: re.Match) -> str:
        return m.group(group) + m.group("sp") + _ADDRESS_NUMBERS

    return repl


# One rule per kind of personal data, applied in this order (see the comment above).
_TEXT_RULES: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    ("email", _EMAIL, lambda m: mask_email(m.group(0))),
    ("rrn", _RRN, lambda m: mask_rrn(m.group(0))),
    ("account", _ACCOUNT, _account_in_text),
    ("phone", _PHONE, _phone_in_text),
    ("plate", _PLATE_IN_TEXT, lambda m: mask_plate(m.group(0))),
    ("unit", _UNIT, _unit),
    ("apartment", _APT_DONG, lambda m: f"{_ADDRESS_NUMBERS}동"),
    ("road_number", _ROAD_NUMBER, _numbered_place("road")),
    ("jibun", _JIBUN, _numbered_place("area")),
    ("label_name", _LABEL_NAME, _label_name),
    ("name_title", _NAME_TITLE_PARTICLE, _name_and_title),
    ("name_title", _NAME_TITLE, _name_and_title),
    ("surname_title", _SURNAME_TITLE, _surname_title),
    ("name_phone", _NAME_BEFORE_PHONE, _name_before_phone),
)


def mask_text(text: str) -> str:
    """The public form of free text: every phone, e-mail, plate, 주민등록번호, account, detailed
    address and name-with-title inside it masked by the per-field functions above.

    Total and idempotent: any input gives a string, and masking the result again changes nothing.
    """
    if not text:
        return ""
    try:
        out = str(text)
        for _kind, pattern, repl in _TEXT_RULES:
            out = pattern.sub(repl, out)
        return out
    except Exception:  # a rule bug must not put personal data on a page: hide everything
        return MASK * 3


def personal_data_kinds(text: str) -> list[str]:
    """The kinds of personal data `mask_text` would mask in `text` (for warnings before posting)."""
    kinds: list[str] = []
    out = text or ""
    for kind, pattern, repl in _TEXT_RULES:
        masked = pattern.sub(repl, out)
        if masked != out and kind not in kinds:
            kinds.append(kind)
        out = masked
    return kinds


_STAFF_LABEL = re.compile(
    rf"(?:담당자|담당 공무원|담당 직원|담당)(?:\s+[:：]?\s*|[:：]\s*)"
    rf"(?P<name>{_NAME})(?={_AFTER_LABELLED_NAME})"
)


def staff_mentions(text: str) -> list[str]:
    """Employees named in `text`: what `mask_text` masks as a name or surname with a staff title
    (홍길동 주무관, 이팀장님, 김 과장) or after 담당자. The board keeps such posts private. Titles
    without a name (도로과 과장님, 주무관님께서) and words like 고소장 are not mentions."""
    text = text or ""
    found: dict[tuple[int, int], str] = {}
    for pattern, repl in (
        (_NAME_TITLE_PARTICLE, _name_and_title),
        (_NAME_TITLE, _name_and_title),
        (_SURNAME_TITLE, _surname_title),
    ):
        for m in pattern.finditer(text):
            if _STAFF_TITLE.match(m.group("title")) and repl(m) != m.group(0):
                found.setdefault((m.start("name"), m.end("name")), m.group(0))
    for m in _STAFF_LABEL.finditer(text):
        if not _not_a_name_after_label(m.group("name"), m.string[m.end("name") :]):
            found.setdefault((m.start("name"), m.end("name")), m.group(0))
    return [found[k] for k in sorted(found)]


def looks_like_korean_name(text: str) -> bool:
    """홍길동, 남궁민수 → True; 관리자, 상담사 → False (a common surname, then one or two syllables)."""
    text = (text or "").strip()
    return bool(re.fullmatch(_NAME, text)) and text not in _NOT_NAMES
