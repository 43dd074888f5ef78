"""Board pages: read (anyone), join by code, post, 공감, reply, report; moderation for the desk.

Thin function views: reads through `access`/`queries`, writes through `services` (or
`complaints.services` for routing a 민원). Every text shown to readers comes from `queries.present`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minwon.complaints import hooks
from minwon.complaints.access import AccessDenied
from minwon.complaints.errors import ComplaintError
from minwon.complaints.intake import Upload
from minwon.complaints.services import assign_department

from . import access, queries, services
from .choices import STATUS_FILTERS, Tag
from .forms import (
    ConfirmForm,
    EditForm,
    JoinForm,
    PostForm,
    ReasonForm,
    RedactForm,
    ReplyForm,
    ReportForm,
    RouteForm,
    ToComplaintForm,
)
from .models import AbuseReport, PostPhoto, Reply

SESSION_CODE = "board_code_id"
SESSION_NEXT = "board_next"
PER_PAGE = 20


def _apply(form, err: services.BoardError) -> None:
    for key, message in err.errors.items():
        form.add_error(key if key in form.fields else None, message)


def _join_url(next_url: str) -> str:
    return f"{reverse('board:join')}?{urlencode({'next': next_url})}"


# --- reading ------------------------------------------------------------------------------------------


def _filters(request) -> dict[str, str]:
    return {
        "tag": request.GET.get("tag", "") if request.GET.get("tag", "") in Tag.values else "",
        "status": request.GET.get("status", "") if request.GET.get("status", "") in STATUS_FILTERS else "",
        "area": request.GET.get("area", "")[:30],
    }


def _filter_context(filters: dict[str, str]) -> dict:
    return {
        "filters": filters,
        "tags": Tag.choices,
        "statuses": list(STATUS_FILTERS.items()),
        "areas": queries.areas(),
        "query": urlencode({k: v for k, v in filters.items() if v}),
    }


@require_GET
def post_list(request):
    filters = _filters(request)
    page = Paginator(queries.listed(**filters), PER_PAGE).get_page(request.GET.get("page"))
    items = [queries.present(p) for p in page.object_list]
    return render(request, "board/list.html", {"page": page, "items": items, **_filter_context(filters)})


@require_GET
def post_map(request):
    filters = _filters(request)
    rows = queries.listed(**filters).filter(lat__isnull=False)[:500]
    pins = [
        {
            "lat": p.lat,
            "lng": p.lng,
            "title": p.title,
            "tag": p.tag_label,
            "status": p.status,
            "url": reverse("board:detail", args=[p.pk]),
        }
        for p in (queries.present(r) for r in rows)
    ]
    return render(
        request,
        "board/map.html",
        {
            "pins": pins,
            "tile_url": settings.MINWON_MAP_TILE_URL,
            "map_center": settings.MINWON_MAP_CENTER,
            **_filter_context(filters),
        },
    )


@require_GET
def feed_json(request):
    """JSON Feed 1.1 of the newest public posts (masked like the pages)."""
    filters = _filters(request)
    items = [queries.present(p) for p in queries.listed(**filters)[:50]]
    base = request.build_absolute_uri("/")[:-1]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{settings.MINWON_CITY_NAME} 민원소통방",
        "home_page_url": base + reverse("board:list"),
        "feed_url": request.build_absolute_uri(),
        "items": [
            {
                "id": str(i.pk),
                "url": base + reverse("board:detail", args=[i.pk]),
                "title": f"{i.tag_label} {i.title}",
                "content_text": i.body + (f"\n\n[답변] {i.answer}" if i.answer else ""),
                "date_published": i.post.created_at.isoformat(),
                "tags": [i.tag_label],
                "_minwon": {"status": i.status, "due": i.due, "area": i.post.area, "supports": i.supports},
            }
            for i in items
        ],
    }
    return JsonResponse(feed, json_dumps_params={"ensure_ascii": False})


@require_GET
def post_detail(request, pk: int):
    post = access.get_post_for(request.user, pk)
    item = queries.present(post, photos=queries.visible_photos(request.user, post))
    user = request.user
    context = {
        "item": item,
        "post": post,
        "replies": queries.public_replies(post),
        "reply_form": ReplyForm(),
        "report_form": ReportForm(),
        "supported": user.is_authenticated and post.supports.filter(user=user).exists(),
        "is_moderator": access.is_moderator(user),
        "is_author": access.is_author(user, post),
        "can_edit": access.can_edit(user, post),
        "official": access.can_reply_official(user, post),
    }
    if context["is_moderator"]:
        context.update(_moderator_context(post))
    if access.can_reply_official(user, post) or access.is_moderator(user):
        context["staff_complaint_url"] = _staff_complaint_url(post)
    return render(request, "board/detail.html", context)


def _staff_complaint_url(post) -> str:
    if post.complaint_id is None:
        return ""
    try:
        return reverse("staff:complaint", args=[post.complaint_id])
    except Exception:
        return ""


def _moderator_context(post) -> dict:
    ctx: dict = {"hide_form": ReasonForm(), "redact_form": RedactForm()}
    if post.complaint_id is None:
        ctx["complaint_form"] = ToComplaintForm()
    elif post.complaint.status == "accepted" and post.complaint.department_id is None:
        suggestions = hooks.suggest_departments(post.complaint)
        ctx["route_form"] = RouteForm(
            initial={"department": getattr(suggestions[0].department, "pk", None)} if suggestions else {}
        )
        ctx["suggestions"] = suggestions
    ctx["revisions"] = list(post.revisions.select_related("edited_by"))
    return ctx


@require_GET
def photo(request, pk: int, photo_pk: int):
    post = access.get_post_for(request.user, pk)
    item = get_object_or_404(PostPhoto, pk=photo_pk, post=post)
    if item not in queries.visible_photos(request.user, post):
        raise Http404
    # The redacted copy is what everyone sees once it exists; the original only on a moderator's ask.
    original = access.is_moderator(request.user) and request.GET.get("original") == "1"
    source = item.file if original or not item.redacted else item.redacted
    response = FileResponse(source.open("rb"), content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- joining ------------------------------------------------------------------------------------------


def _safe_next(request, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("board:new")


@require_http_methods(["GET", "POST"])
def join(request):
    if request.method == "GET" and "next" in request.GET:
        request.session[SESSION_NEXT] = _safe_next(request, request.GET["next"])
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.send_code(form.cleaned_data["address"])
        except services.BoardError as err:
            _apply(form, err)
        else:
            request.session[SESSION_CODE] = row.pk
            messages.info(request, "인증번호를 보냈습니다. 받은 6자리 숫자를 입력해 주십시오.")
            return redirect("board:join_confirm")
    return render(request, "board/join.html", {"form": form})


@require_http_methods(["GET", "POST"])
def join_confirm(request):
    code_id = request.session.get(SESSION_CODE)
    if not code_id:
        return redirect("board:join")
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.verify_code(
                code_id, form.cleaned_data["code"], nickname=form.cleaned_data["nickname"]
            )
        except services.BoardError as err:
            _apply(form, err)
        else:
            next_url = request.session.pop(SESSION_NEXT, "") or reverse("board:new")
            request.session.pop(SESSION_CODE, None)
            login(request, user, backend="minwon.accounts.backends.LockoutModelBackend")
            messages.success(request, "본인 확인을 마쳤습니다. 이제 글을 쓰고 공감할 수 있습니다.")
            return HttpResponseRedirect(_safe_next(request, next_url))
    return render(request, "board/join_confirm.html", {"form": form})


# --- writing ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def post_new(request):
    if not request.user.is_authenticated:
        return redirect(_join_url(reverse("board:new")))
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploads = [Upload(f.name, f.read(), f.content_type or "") for f in data["photos"]]
        try:
            post = services.create_post(
                request.user,
                services.PostInput(
                    tag=data["tag"],
                    title=data["title"],
                    body=data["body"],
                    address=data["address"],
                    lat=data["lat"],
                    lng=data["lng"],
                    category=data["category"],
                ),
                uploads,
            )
        except services.BoardError as err:
            _apply(form, err)
            if request.FILES:
                messages.warning(request, "보안을 위해 사진은 다시 선택해 주십시오.")
        else:
            messages.success(request, _posted_message(post))
            return redirect("board:detail", pk=post.pk)
    similar = []
    if request.method == "POST" and form.data.get("title"):
        similar = queries.similar_posts(title=form.data.get("title", ""), body=form.data.get("body", ""))
    return render(
        request,
        "board/post_form.html",
        {
            "form": form,
            "similar": similar,
            "tile_url": settings.MINWON_MAP_TILE_URL,
            "map_center": settings.MINWON_MAP_CENTER,
        },
    )


def _posted_message(post) -> str:
    if post.complaint_id:
        no = post.complaint.tracking_no
        return f"글을 올렸습니다. 민원(접수번호 {no})으로 접수되어 처리 상황이 글에 표시됩니다."
    if post.is_private:
        return f"글을 올렸습니다. {post.private_reason}"
    return "글을 올렸습니다."


@require_GET
def similar(request):
    """htmx partial: open posts like the one being written, near the chosen place."""

    def number(name):
        try:
            return float(request.GET.get(name, ""))
        except ValueError:
            return None

    items = queries.similar_posts(
        title=request.GET.get("title", "")[:200],
        body=request.GET.get("body", "")[:2000],
        lat=number("lat"),
        lng=number("lng"),
    )
    return render(request, "board/_similar.html", {"similar": items})


@require_POST
def support(request, pk: int):
    if not request.user.is_authenticated:
        return redirect(_join_url(reverse("board:detail", args=[pk])))
    post = access.get_post_for(request.user, pk)
    try:
        on = services.toggle_support(request.user, post)
    except AccessDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "공감했습니다." if on else "공감을 취소했습니다.")
    return redirect("board:detail", pk=pk)


@require_POST
def reply(request, pk: int):
    if not request.user.is_authenticated:
        return redirect(_join_url(reverse("board:detail", args=[pk])))
    post = access.get_post_for(request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.add_reply(request.user, post, body=form.cleaned_data["body"])
        except (services.BoardError, AccessDenied) as err:
            messages.error(request, str(err))
        else:
            messages.success(request, "답글을 올렸습니다.")
    return redirect(reverse("board:detail", args=[pk]) + "#replies")


@require_POST
def report(request, pk: int):
    if not request.user.is_authenticated:
        return redirect(_join_url(reverse("board:detail", args=[pk])))
    post = access.get_post_for(request.user, pk)
    form = ReportForm(request.POST)
    reply_obj = None
    if request.POST.get("reply"):
        reply_obj = get_object_or_404(Reply, pk=request.POST["reply"], post=post)
    if form.is_valid():
        try:
            services.report_abuse(request.user, post, reason=form.cleaned_data["reason"], reply=reply_obj)
        except (services.BoardError, AccessDenied) as err:
            messages.error(request, str(err))
        else:
            messages.success(request, "신고를 접수했습니다. 민원팀이 확인합니다.")
    return redirect("board:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    post = access.get_post_for(request.user, pk)
    if not access.can_edit(request.user, post):
        raise AccessDenied("이 글을 고칠 수 없습니다.")
    initial = {"title": post.title, "body": post.body, "address": post.address}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(request.user, post, **form.cleaned_data)
        except services.BoardError as err:
            _apply(form, err)
        else:
            messages.success(request, "글을 고쳤습니다. 고치기 전의 글은 기록으로 남습니다.")
            return redirect("board:detail", pk=pk)
    return render(request, "board/edit.html", {"form": form, "post": post})


# --- moderation ---------------------------------------------------------------------------------------


@login_required
@require_GET
def queue(request):
    if not access.is_moderator(request.user):
        raise AccessDenied("민원팀 또는 관리자만 볼 수 있습니다.")
    return render(request, "board/queue.html", queries.moderation_queue())


@login_required
@require_POST
def moderate(request, pk: int, action: str):
    user = request.user
    post = access.get_post_for(user, pk)
    if action not in MODERATION or not (access.is_moderator(user)):
        raise AccessDenied("민원팀 또는 관리자만 할 수 있습니다.")
    try:
        message = MODERATION[action](request, user, post)
    except (services.BoardError, ComplaintError) as err:
        messages.error(request, _error_text(err))
    else:
        messages.success(request, message)
    back = request.POST.get("back", "")
    if back == "queue":
        return redirect("board:queue")
    return redirect("board:detail", pk=pk)


def _error_text(err) -> str:
    errors = getattr(err, "errors", None)
    if isinstance(errors, dict):
        return " ".join(str(v) for v in errors.values())
    return str(err)


def _hide(request, user, post):
    services.hide_post(user, post, reason=request.POST.get("reason", ""))
    return "글을 숨겼습니다. 작성자에게 사유가 보입니다."


def _unhide(request, user, post):
    services.unhide_post(user, post)
    return "글을 다시 게시했습니다."


def _private(request, user, post):
    services.set_private(user, post, private=True, reason=request.POST.get("reason", ""))
    return "비공개로 바꿨습니다."


def _public(request, user, post):
    services.set_private(user, post, private=False)
    return "공개로 바꿨습니다."


def _to_complaint(request, user, post):
    form = ToComplaintForm(request.POST)
    if not form.is_valid() or form.cleaned_data["category"] is None:
        raise services.BoardError({"category": "민원 유형을 골라 주십시오."})
    c = services.make_complaint(
        user, post, category=form.cleaned_data["category"], department=form.cleaned_data["department"]
    )
    where = f" {c.department.name}에 배정했습니다." if c.department_id else ""
    return f"민원으로 접수했습니다(접수번호 {c.tracking_no}).{where}"


def _route(request, user, post):
    form = RouteForm(request.POST)
    if not form.is_valid() or form.cleaned_data["department"] is None or post.complaint is None:
        raise services.BoardError({"department": "처리부서를 골라 주십시오."})
    c = assign_department(user, post.complaint, form.cleaned_data["department"])
    return f"{c.department.name}에 배정했습니다."  # type: ignore[union-attr]


def _hide_reply(request, user, post):
    target = get_object_or_404(Reply, pk=request.POST.get("reply"), post=post)
    services.hide_reply(user, target, reason=request.POST.get("reason", ""))
    return "답글을 숨겼습니다."


def _photo(request, post) -> PostPhoto:
    return get_object_or_404(PostPhoto, pk=request.POST.get("photo"), post=post)


def _photo_show(request, user, post):
    services.set_photo_state(user, _photo(request, post), shown=True)
    return "사진을 공개했습니다."


def _photo_hide(request, user, post):
    services.set_photo_state(user, _photo(request, post), shown=False)
    return "사진을 숨겼습니다."


def _photo_redact(request, user, post):
    form = RedactForm(request.POST)
    if not form.is_valid():
        raise services.BoardError({"box": "가릴 영역을 0~100 사이의 숫자(%)로 적어 주십시오."})
    d = form.cleaned_data
    services.redact_photo(user, _photo(request, post), box=(d["left"], d["top"], d["width"], d["height"]))
    return "사진의 일부를 가려 공개했습니다. 원본은 직원만 볼 수 있습니다."


def _resolve(request, user, post):
    target = get_object_or_404(AbuseReport, pk=request.POST.get("report"), post=post)
    hide = request.POST.get("outcome") == "hide"
    services.resolve_report(user, target, hide=hide, note=request.POST.get("reason", ""))
    return "신고를 처리했습니다."


MODERATION = {
    "hide": _hide,
    "unhide": _unhide,
    "private": _private,
    "public": _public,
    "complaint": _to_complaint,
    "route": _route,
    "hide_reply": _hide_reply,
    "photo_show": _photo_show,
    "photo_hide": _photo_hide,
    "photo_redact": _photo_redact,
    "resolve": _resolve,
}
