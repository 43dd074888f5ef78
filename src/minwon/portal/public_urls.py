"""URLs anyone may open without logging in (the meta-test in core/tests/test_site_meta.py).

Every other URL must send an anonymous visitor to the log-in page. Adding a name here is a
security decision: the view must then do its own checks (the complaint pages below answer 404
unless the visitor is the applicant or holds a session grant from filing or tracking).
Staff pages never belong here.
"""

PUBLIC_URL_NAMES = frozenset(
    {
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
        # Monthly public report and open data: figures and masked public 민원 only (insight.public).
        "reports:monthly",
        "reports:monthly_pdf",
        "reports:open_complaints",
        "reports:open_figures",
    }
)

# URL namespaces guarded by their own log-in (Django admin redirects to admin:login).
SELF_GUARDED_NAMESPACES = frozenset({"admin"})
