"""Vocabulary of the complaint domain (DESIGN §2, glossary §6)."""

from django.db import models


class Kind(models.TextChoices):
    """민원의 종류 and its default processing period (법 제2조, 영 제14조–제17조 and 별표)."""

    STATUTORY = "statutory", "법정민원"
    INQUIRY_LAW = "inquiry_law", "질의민원(법령)"
    INQUIRY_PROCEDURE = "inquiry_procedure", "질의민원(제도·절차)"
    SUGGESTION = "suggestion", "건의민원"
    GRIEVANCE = "grievance", "고충민원"
    OTHER = "other", "기타민원"


# Period strings are parsed by minwon.lib.legalclock. 법정민원 take the period published for the
# category (민원처리기준표), so theirs comes from Category.statutory_period.
DEFAULT_PERIODS = {
    Kind.INQUIRY_LAW: "14d",
    Kind.INQUIRY_PROCEDURE: "7d",
    Kind.SUGGESTION: "14d",
    Kind.GRIEVANCE: "7d",
    Kind.OTHER: "즉시",
}


class Channel(models.TextChoices):
    WEB = "web", "인터넷"
    MOBILE = "mobile", "모바일"
    FIELD = "field", "행정종합관찰"
    BOARD = "board", "민원소통방"
    CALL = "call", "120 콜센터"
    VISIT = "visit", "방문·구술"
    POST = "post", "우편·팩스"
    API = "api", "API·Open311"
    IMPORT = "import", "국민신문고·새올 연계"


class Status(models.TextChoices):
    RECEIVED = "received", "도착"
    ACCEPTED = "accepted", "접수"
    ASSIGNED = "assigned", "부서 배정"
    IN_PROGRESS = "in_progress", "처리 중"
    SUPPLEMENT_REQUESTED = "supplement_requested", "보완 요청"
    ANSWERED = "answered", "답변 완료"
    CLOSED = "closed", "종결"
    TRANSFERRED = "transferred", "이송"
    WITHDRAWN = "withdrawn", "취하"
    MERGED = "merged", "병합"
    REJECTED = "rejected", "반려"
    REOPENED = "reopened", "재처리 요청"


# Statuses in which the city still owes the applicant something (the clock runs or is paused).
OPEN_STATUSES = (
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.SUPPLEMENT_REQUESTED,
    Status.REOPENED,
)
TERMINAL_STATUSES = (Status.CLOSED, Status.TRANSFERRED, Status.WITHDRAWN, Status.MERGED, Status.REJECTED)


class Visibility(models.TextChoices):
    PRIVATE = "private", "비공개"
    PUBLIC = "public", "공개"


class NotifyChannel(models.TextChoices):
    SMS = "sms", "문자(SMS)"
    ALIMTALK = "alimtalk", "카카오 알림톡"
    EMAIL = "email", "전자우편"
    LETTER = "letter", "우편(서면)"


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", "보완 기간"
    SITE_VISIT = "site_visit", "현장조사"
    OTHER = "other", "기타 정지"


class ExtensionReason(models.TextChoices):
    """Lawful reasons for extension (영 제21조). Workload is deliberately absent."""

    OTHER_AGENCY_HELP = "other_agency_help", "다른 행정기관의 협조가 필요함"
    FACT_CHECK_OR_SITE_VISIT = "fact_check_or_site_visit", "사실 확인·현장조사가 필요함"
    FORCE_MAJEURE = "force_majeure", "천재지변 등 부득이한 사유"
    COMPARABLE = "comparable", "그 밖에 이에 준하는 사유"


class ClosureReason(models.TextChoices):
    RESOLVED = "resolved", "처리 완료"
    ANSWER_ACCEPTED = "answer_accepted", "답변 확인"
    NO_RESPONSE = "no_response", "민원인 무응답"
    REPEATED = "repeated", "반복민원 종결(법 제23조)"
    DUPLICATE = "duplicate", "중복민원"
    OTHER = "other", "기타"


class EventVerb(models.TextChoices):
    RECEIVED = "received", "민원 도착"
    ACCEPTED = "accepted", "접수"
    ASSIGNED = "assigned", "부서 배정"
    REASSIGNED = "reassigned", "부서 재배정"
    HANDLER_ASSIGNED = "handler_assigned", "담당자 지정"
    STARTED = "started", "처리 시작"
    SUPPLEMENT_REQUESTED = "supplement_requested", "보완 요청"
    SUPPLEMENT_RECEIVED = "supplement_received", "보완 접수"
    EXTENDED = "extended", "처리기간 연장"
    TRANSFERRED = "transferred", "타 기관 이송"
    ANSWERED = "answered", "답변"
    CLOSED = "closed", "종결"
    WITHDRAWN = "withdrawn", "취하"
    REJECTED = "rejected", "반려"
    MERGED = "merged", "병합"
    MERGED_INTO = "merged_into", "병합 대상"
    REOPENED = "reopened", "재처리 요청"
    RECLASSIFIED = "reclassified", "민원 종류 변경"
    NOTE = "note", "메모"
    PROGRESS = "progress", "진행 상황"
    ATTACHMENT_ADDED = "attachment_added", "첨부 추가"
    FLAGGED = "flagged", "민원팀장 보고"
    CONTACT_VIEWED = "contact_viewed", "개인정보 열람"
    LETTER_PRINTED = "letter_printed", "통지서 인쇄"
    LETTER_POSTED = "letter_posted", "통지서 우편 발송"
