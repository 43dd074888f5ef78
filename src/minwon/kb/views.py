"""Knowledge-base pages (상담자료): search, read, edit with history, suggest, decide.

Every staff member reads; the owner department edits and decides on suggestions; agents
suggest. Fetch-and-authorize lives in `access`; every write is one `services` call.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minwon.staff.views import staff_page

from . import access, queries, services
from .diff import line_diff
from .forms import ArticleForm, DecisionForm, SuggestionForm
from .models import Article, Section
from .search import search_articles


def _apply(form, exc: services.KbError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@require_GET
@staff_page()
def index(request):
    q = request.GET.get("q", "").strip()
    section = request.GET.get("section", "")
    section = section if section in Section.values else ""
    hits = search_articles(q, section=section, limit=30) if q else []
    listing = None
    if not q:
        listing = Article.objects.active().select_related("department")
        if section:
            listing = listing.filter(section=section)
    user = request.user
    return render(
        request,
        "kb/index.html",
        {
            "q": q,
            "section": section,
            "sections": Section.choices,
            "hits": hits,
            "listing": listing,
            "most_used": Article.objects.most_used()[:10],
            "stale": queries.stale_for(user)[:20],
            "pending": queries.pending_suggestions(user)[:20],
            "can_create": queries.owned_departments(user).exists(),
        },
    )


@require_GET
@staff_page()
def article(request, pk: int):
    a = access.get_article_for(request.user, pk)
    services.record_view(request.user, a, source="kb")
    return render(
        request,
        "kb/article.html",
        {
            "a": a,
            "revisions": a.revisions.select_related("edited_by"),
            "can_edit": access.can_edit(request.user, a),
            "pending": a.suggestions.filter(status="pending").select_related("suggested_by"),
            "suggest_form": SuggestionForm(initial={"body": a.body}),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page()
def new(request):
    departments = queries.owned_departments(request.user)
    if not departments.exists():
        raise access.AccessDenied(_("상담자료를 만들 수 있는 부서에 속해 있지 않습니다."))
    form = ArticleForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            a = services.create_article(
                request.user,
                title=d["title"],
                body=d["body"],
                section=d["section"],
                department=d["department"],
                tags=d["tags"],
                review_by=d["review_by"],
            )
        except services.KbError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("상담자료를 등록했습니다."))
            return redirect("kb:article", a.pk)
    return render(request, "kb/edit.html", {"form": form, "a": None})


@require_http_methods(["GET", "POST"])
@staff_page()
def edit(request, pk: int):
    a = access.get_article_for(request.user, pk, edit=True)
    initial = {
        "title": a.title,
        "section": a.section,
        "tags": a.tags,
        "body": a.body,
        "review_by": a.review_by,
    }
    form = ArticleForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.edit_article(
                request.user,
                a,
                title=d["title"],
                body=d["body"],
                section=d["section"],
                tags=d["tags"],
                review_by=d["review_by"],
                note=d["note"],
            )
        except services.KbError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("새 판으로 저장했습니다."))
            return redirect("kb:article", a.pk)
    return render(request, "kb/edit.html", {"form": form, "a": a})


def _int(value, default: int) -> int:
    return int(value) if str(value).isdigit() else default


@require_GET
@staff_page()
def diff(request, pk: int):
    a = access.get_article_for(request.user, pk)
    revs = {r.number: r for r in a.revisions.select_related("edited_by")}
    new_no = _int(request.GET.get("b"), a.revision_no)
    old_no = _int(request.GET.get("a"), max(new_no - 1, 1))
    if old_no not in revs or new_no not in revs:
        raise Http404(_("그런 판이 없습니다."))
    old, new_ = revs[old_no], revs[new_no]
    return render(
        request,
        "kb/diff.html",
        {
            "a": a,
            "old": old,
            "new": new_,
            "lines": line_diff(old.body, new_.body),
            "title_changed": old.title != new_.title,
            "numbers": sorted(revs),
        },
    )


@require_POST
@staff_page()
def suggest(request, pk: int):
    a = access.get_article_for(request.user, pk)
    form = SuggestionForm(request.POST)
    if form.is_valid():
        try:
            services.suggest_edit(
                request.user, a, body=form.cleaned_data["body"], note=form.cleaned_data["note"]
            )
        except services.KbError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("수정 제안을 담당 부서에 보냈습니다."))
            return redirect("kb:article", a.pk)
    return render(
        request,
        "kb/article.html",
        {
            "a": a,
            "revisions": a.revisions.select_related("edited_by"),
            "can_edit": access.can_edit(request.user, a),
            "pending": a.suggestions.filter(status="pending"),
            "suggest_form": form,
            "open_suggest": True,
        },
        status=400,
    )


@require_http_methods(["GET", "POST"])
@staff_page()
def decide(request, pk: int):
    s = access.get_suggestion_for(request.user, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["decision"] == "accept":
                services.accept_suggestion(request.user, s, note=d["note"])
                messages.success(request, _("제안을 반영해 새 판으로 저장했습니다."))
            else:
                services.reject_suggestion(request.user, s, note=d["note"])
                messages.success(request, _("제안을 반려했습니다."))
        except services.KbError as exc:
            _apply(form, exc)
        else:
            return redirect("kb:article", s.article_id)
    return render(
        request,
        "kb/decide.html",
        {"s": s, "form": form, "lines": line_diff(s.article.body, s.body)},
    )
