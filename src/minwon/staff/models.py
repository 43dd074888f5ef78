"""Staff-side data: response templates for the answer editor (admin-editable, STYLE §6)."""

from __future__ import annotations

from django.db import models


class ResponseTemplate(models.Model):
    """A reusable answer text; tied to a category, or to none for every category."""

    category = models.ForeignKey(
        "complaints.Category",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="response_templates",
        verbose_name="민원 유형",
        help_text="비워 두면 모든 유형에서 쓸 수 있습니다.",
    )
    title = models.CharField("제목", max_length=100)
    body = models.TextField(
        "본문",
        help_text="{접수번호} {부서} {담당자} {전화} 는 답변에 넣을 때 실제 값으로 바뀝니다.",
    )
    is_active = models.BooleanField("사용", default=True)

    class Meta:
        verbose_name = "답변 서식"
        verbose_name_plural = "답변 서식"
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def render_for(self, complaint, handler) -> str:
        """The body with the placeholders filled (법 제27조: name the department, handler, phone)."""
        department = complaint.department
        values = {
            "{접수번호}": complaint.tracking_no,
            "{부서}": department.name if department else "",
            "{담당자}": str(handler) if handler else "",
            "{전화}": (handler.office_phone if handler else "") or (department.phone if department else ""),
        }
        text = self.body
        for key, value in values.items():
            text = text.replace(key, value)
        return text
