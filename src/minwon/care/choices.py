"""Vocabulary of kindness, answer quality and staff protection (issue 8)."""

from django.db import models


class SurveyChannel(models.TextChoices):
    LINK = "link", "답변 통지 링크"
    PHONE = "phone", "전화 조사"


class PraiseChannel(models.TextChoices):
    WEB = "web", "인터넷"
    DESK = "desk", "방문(민원실)"
    CALL = "call", "120 콜센터"
    POST = "post", "우편·팩스"


class ReportStatus(models.TextChoices):
    RECEIVED = "received", "접수"
    CLOSED = "closed", "처리 완료"


class ReportOutcome(models.TextChoices):
    CONFIRMED = "confirmed", "사실 확인 · 조치"
    GUIDANCE = "guidance", "친절 교육·지도"
    NOT_CONFIRMED = "not_confirmed", "사실 확인 안 됨"
    WITHDRAWN = "withdrawn", "신고 취하"


class SampleStatus(models.TextChoices):
    PENDING = "pending", "평가 대기"
    REVIEWED = "reviewed", "평가 완료"


class IncidentKind(models.TextChoices):
    VERBAL = "verbal", "폭언"
    VIOLENCE = "violence", "폭행"
    SEXUAL = "sexual", "성희롱"
    THREAT = "threat", "협박"
    REPEATED = "repeated", "반복·장시간"
    OTHER = "other", "기타"


class IncidentContext(models.TextChoices):
    COMPLAINT = "complaint", "민원 처리 중"
    CALL = "call", "전화"
    VISIT = "visit", "방문"


class IncidentStatus(models.TextChoices):
    OPEN = "open", "처리 중"
    CLOSED = "closed", "종결"


class ReferralKind(models.TextChoices):
    POLICE = "police", "수사기관 고발·신고"
    LEGAL = "legal", "법률 지원"
    COUNSELLING = "counselling", "심리 상담"
    OTHER = "other", "기타"
