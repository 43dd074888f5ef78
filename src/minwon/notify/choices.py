"""Vocabulary of the outbox (DESIGN §2 "Delivery")."""

from django.db import models


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "발송 대기"
    SENDING = "sending", "발송 중"
    # Letters: the PDF exists and waits for the desk to print it, then to post it.
    PRINT_QUEUED = "print_queued", "인쇄 대기"
    PRINTED = "printed", "인쇄 완료(발송 대기)"
    SENT = "sent", "발송 완료"
    FAILED = "failed", "발송 실패"
    CANCELLED = "cancelled", "발송 취소"


# States the worker may still act on; everything else is history.
PENDING_STATUSES = (MessageStatus.QUEUED, MessageStatus.SENDING)
# The notice reached (or is on its way to) the recipient: no fallback needed.
DELIVERED_STATUSES = (MessageStatus.SENT, MessageStatus.PRINT_QUEUED, MessageStatus.PRINTED)


class Channel(models.TextChoices):
    SMS = "sms", "문자(SMS)"
    ALIMTALK = "alimtalk", "카카오 알림톡"
    EMAIL = "email", "전자우편"
    LETTER = "letter", "우편(서면)"
    WEBHOOK = "webhook", "웹훅"


class Audience(models.TextChoices):
    APPLICANT = "applicant", "민원인"
    STAFF = "staff", "직원"
    INTEGRATION = "integration", "연계 시스템"


class AttemptOutcome(models.TextChoices):
    SENT = "sent", "성공"
    TEMPORARY = "temporary", "일시 오류(재시도)"
    PERMANENT = "permanent", "영구 오류"
    # The worker holding the message died (lease expired); the next worker retries it.
    ABANDONED = "abandoned", "작업자 중단"


class NoticeKey(models.TextChoices):
    """Template keys: one per kind of notice. Applicant notices first, then staff alerts."""

    ACCEPTED = "accepted", "접수 안내"
    ASSIGNED = "assigned", "처리부서 배정 안내"
    SUPPLEMENT_REQUESTED = "supplement_requested", "보완 요청"
    EXTENDED = "extended", "처리기간 연장 안내"
    TRANSFERRED = "transferred", "이송 안내"
    PROGRESS = "progress", "처리 진행 상황 안내(영 제23조)"
    ANSWERED = "answered", "처리 결과 통지"
    REJECTED = "rejected", "반려 통지"
    CLOSED = "closed", "종결 안내"
    MERGED = "merged", "병합 안내"
    WITHDRAWN = "withdrawn", "취하 확인"
    # To citizens who joined the 민원 (공감) and asked to hear its result: not the 법 제27조 notice,
    # which goes to the applicant; no survey link (the rating is the applicant's).
    SUPPORTER_RESULT = "supporter_result", "공감 민원 처리 결과 안내"
    STAFF_ASSIGNED = "staff_assigned", "[직원] 새 민원 배정"
    STAFF_HANDLER = "staff_handler", "[직원] 담당자 지정"
    STAFF_REOPENED = "staff_reopened", "[직원] 재처리 요청"
    STAFF_DUE_SOON = "staff_due_soon", "[직원] 처리기한 임박"
    STAFF_OVERDUE = "staff_overdue", "[직원] 처리기한 경과"
    STAFF_ROUTING_LATE = "staff_routing_late", "[직원] 부서 배정 기한 경과"
    STAFF_DESK_HEAD = "staff_desk_head", "[직원] 재배정 반복(민원팀장 확인)"


STAFF_KEYS = frozenset(k for k in NoticeKey if k.value.startswith("staff_"))
# Notices that are a 처리결과 통지 (법 제27조): as a letter they are the formal 통지서.
RESULT_KEYS = frozenset({NoticeKey.ANSWERED, NoticeKey.REJECTED})
