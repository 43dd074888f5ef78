"""Request and response shapes of the REST API (they become the OpenAPI schema at /api/docs)."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class ErrorOut(Schema):
    code: str = Field(description="기계가 읽는 오류 코드 (바뀌지 않음)", examples=["invalid"])
    message: str = Field(description="사람이 읽는 한국어 설명")
    errors: dict[str, str] = Field(default_factory=dict, description="입력 항목별 오류")


class ApplicantIn(Schema):
    name: str = Field("", max_length=50)
    phone: str = Field("", max_length=20, examples=["010-1234-5678"])
    email: str = Field("", max_length=254)
    postal_address: str = Field("", max_length=200)
    notify_channels: list[str] = Field(default_factory=list, description="sms, alimtalk, email, letter")
    consent: bool = Field(False, description="개인정보 수집·이용 동의 (연락처를 보낼 때 필수)")


class ComplaintIn(Schema):
    category: str = Field(..., max_length=30, description="민원 유형 코드 (GET /api/categories)")
    title: str = Field(..., max_length=200)
    body: str = Field(..., max_length=20000)
    kind: str | None = Field(None, max_length=20, description="민원 종류; 비우면 유형의 기본 종류")
    address: str = Field("", max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lng: float | None = Field(None, ge=-180, le=180)
    visibility: str = Field("private", max_length=10, description="private 또는 public")
    applicant: ApplicantIn = Field(default_factory=lambda: ApplicantIn.model_validate({}))
    extra_answers: dict[str, str] = Field(default_factory=dict, description="유형의 추가 질문 답변")


class ComplaintCreatedOut(Schema):
    id: int
    tracking_no: str
    status: str
    status_label: str
    received_at: datetime
    due_at: datetime | None
    status_url: str


class CategoryRef(Schema):
    code: str
    name: str


class TimelineItem(Schema):
    at: datetime
    verb: str
    label: str
    status: str
    note: str | None


class ComplaintStatusOut(Schema):
    tracking_no: str
    status: str
    status_label: str
    is_open: bool
    category: CategoryRef
    kind: str
    kind_label: str
    channel: str
    department: str | None
    public: bool
    title: str | None
    address: str | None
    received_at: datetime
    accepted_at: datetime | None
    due_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    answer: str | None
    timeline: list[TimelineItem]


class WorklistQuery(Schema):
    """The staff worklist's filters, same names and rules as /staff/worklist/."""

    q: str | None = Field(None, max_length=100, description="검색어 또는 접수번호")
    department: str | None = Field(None, description="부서 id")
    status: str | None = Field(None, description="open(기본), all, 또는 상태 코드")
    category: str | None = Field(None, description="유형 id")
    channel: str | None = None
    handler: str | None = Field(None, description="mine, unassigned 또는 직원 id")
    due_within: str | None = Field(None, description="기한까지 남은 근무시간 (1–400)")
    overdue: str | None = Field(None, description="true 이면 기한이 지난 민원만")
    received_from: str | None = Field(None, description="YYYY-MM-DD")
    received_to: str | None = Field(None, description="YYYY-MM-DD")
    sort: str | None = Field(None, description="due, -due, received, -received, status, relevance")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(50, ge=1, le=100)


class WorklistRow(Schema):
    id: int
    tracking_no: str
    title: str
    category: str
    kind: str
    channel: str
    status: str
    status_label: str
    department: str | None
    handler: str | None
    received_at: datetime
    due_at: datetime | None
    due_state: str


class WorklistPage(Schema):
    count: int = Field(description="전체 건수 (capped 이면 그 이상)")
    capped: bool
    page: int
    page_size: int
    num_pages: int
    results: list[WorklistRow]


class CategoryOut(Schema):
    code: str
    name: str
    default_kind: str
    extra_questions: list[dict]
