"""URLs anyone may open without logging in (the meta-test in core/tests/test_site_meta.py).

Every other URL must send an anonymous visitor to the log-in page. Adding a name here is a
security decision: the view must then do its own checks (the complaint pages below answer 404
unless the visitor is the applicant or holds a session grant from filing or tracking).
Staff pages never belong here.
"""

PUBLIC_URL_NAMES = frozenset(
    {
        "healthz",  # liveness for load balancers: answers "ok", reads nothing
        "portal:home",
        "portal:file",
        "portal:similar",
        "portal:receipt",  # session grant or applicant, else 404
        "portal:detail",  # session grant or applicant, else 404
        "portal:attachment",  # session grant or applicant, else 404
        "portal:withdraw",  # session grant or applicant, else 404
        "portal:reopen",  # session grant or applicant, else 404
        "portal:track",
        "accounts:login",
        "accounts:logout",  # POST only; logging out needs no log-in
        "accounts:signup",
        "set_language",
        "care:satisfaction",  # the signed link is the proof; forged or expired tokens are refused
        "care:praise",  # anyone may praise an employee; staff may also record it for a caller
        "care:unkind_new",  # anyone may report; the report goes to the care officer only
        # The field app's PWA files hold nothing personal; browsers fetch the manifest and icons
        # without cookies, and a service worker must stay updatable after a session ends.
        "field:manifest",
        "field:sw",
        "field:icon",
        # The open board: anyone reads. Each view checks on its own: private and hidden posts answer
        # 404 (board.access.get_post_for); writing views send an anonymous visitor to board:join.
        "board:list",
        "board:map",
        "board:feed",
        "board:detail",
        "board:photo",
        "board:join",
        "board:join_confirm",
        "board:new",
        "board:similar",
        "board:support",
        "board:reply",
        "board:report",
        # Monthly public report and open data: figures and masked public 민원 only (insight.public).
        "reports:monthly",
        "reports:monthly_pdf",
        "reports:open_complaints",
        "reports:open_figures",
    }
)

# URL namespaces guarded by their own log-in (Django admin redirects to admin:login).
# `api` answers 401 without a token; `open311` is public by the GeoReport spec but shows only
# public 민원, masked (POST needs an api_key).
SELF_GUARDED_NAMESPACES = frozenset({"admin", "api", "open311"})
