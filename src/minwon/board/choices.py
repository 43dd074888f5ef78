"""Vocabulary of the open board (민원소통방)."""

from django.db import models


class Tag(models.TextChoices):
    LIVING = "living", "#생활불편신고"
    CONSULT = "consult", "#행정상담"
    INQUIRY = "inquiry", "#시정문의"
    EVENT = "event", "#행사안내"
    TALK = "talk", "#시민대화"


# Posts with these tags ask the city to act: they become a 민원 (channel board) when posted.
ACTION_TAGS = frozenset({Tag.LIVING, Tag.CONSULT, Tag.INQUIRY})


class PostState(models.TextChoices):
    PUBLISHED = "published", "게시"
    HIDDEN = "hidden", "숨김"


class PhotoState(models.TextChoices):
    PENDING = "pending", "검토 대기"
    SHOWN = "shown", "공개"
    HIDDEN = "hidden", "숨김"


class ReportState(models.TextChoices):
    OPEN = "open", "처리 대기"
    DISMISSED = "dismissed", "문제 없음"
    ACTED = "acted", "조치함(숨김)"


class VerifyChannel(models.TextChoices):
    EMAIL = "email", "전자우편"
    SMS = "sms", "휴대전화 문자"


class BoardVerb(models.TextChoices):
    CODE_SENT = "code_sent", "인증번호 발송"
    VERIFIED = "verified", "본인 확인(가입·로그인)"
    POSTED = "posted", "글 게시"
    BECAME_COMPLAINT = "became_complaint", "민원 접수"
    EDITED = "edited", "글 수정"
    HIDDEN = "hidden", "글 숨김"
    UNHIDDEN = "unhidden", "글 다시 게시"
    REPLIED = "replied", "답글"
    REPLY_HIDDEN = "reply_hidden", "답글 숨김"
    SUPPORTED = "supported", "공감"
    UNSUPPORTED = "unsupported", "공감 취소"
    REPORTED = "reported", "신고 접수"
    REPORT_RESOLVED = "report_resolved", "신고 처리"
    PHOTO_SHOWN = "photo_shown", "사진 공개"
    PHOTO_HIDDEN = "photo_hidden", "사진 숨김"
    PHOTO_REDACTED = "photo_redacted", "사진 가림 처리"


# Status groups a reader can filter by; each maps to the linked 민원's status (or none).
STATUS_FILTERS = {
    "open": "처리 중",
    "answered": "답변 완료",
    "none": "민원 아님",
}
