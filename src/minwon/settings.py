"""One env-driven settings module (STYLE.md §9).

Every knob is an environment variable documented in `.env.example`; with none set the project
runs on SQLite (WAL mode) with no external services, which is what the demo and the tests use.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

DEBUG = env.bool("MINWON_DEBUG", default=False)
# The fallback key only exists so that a fresh clone runs; production must set MINWON_SECRET_KEY.
SECRET_KEY = env.str("MINWON_SECRET_KEY", default="insecure-dev-key-change-me-minwon-0000000000000000")
ALLOWED_HOSTS = env.list("MINWON_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("MINWON_CSRF_TRUSTED_ORIGINS", default=[])

DATA_DIR = Path(env.str("MINWON_DATA_DIR", default=str(PROJECT_DIR / "var")))
# SQLite cannot create its folder; a fresh clone's first `minwon migrate` needs it to exist.
DATA_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django-ninja renders /api/docs from its bundled Swagger UI (static/ninja/) only when it is an
    # installed app; otherwise the page loads the UI from a CDN and is blank offline.
    "ninja",
    "minwon.core",
    "minwon.accounts",
    "minwon.org",
    "minwon.complaints",
    "minwon.notify",
    "minwon.portal",
    "minwon.staff",
    "minwon.triage",
    "minwon.kb",
    "minwon.callcentre",
    "minwon.care",
    "minwon.field",
    "minwon.board",
    "minwon.api",
    "minwon.open311",
    "minwon.exchange",
    "minwon.insight",
    "minwon.proactive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "minwon.urls"
WSGI_APPLICATION = "minwon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "minwon.core.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'minwon.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE transactions take the write
    # lock up front so two writers queue on busy_timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {
        "NAME": env.str("MINWON_TEST_SQLITE", default=str(DATA_DIR / "test.sqlite3"))
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("MINWON_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["minwon.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"

# argon2 first: new and re-hashed passwords use it; the others only verify legacy hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# 개인정보의 안전성 확보조치 기준: lock an account after repeated failed log-ins.
LOGIN_MAX_FAILURES = env.int("MINWON_LOGIN_MAX_FAILURES", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("MINWON_LOGIN_LOCKOUT_MINUTES", default=30)

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MINWON_MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("MINWON_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Attachments (DESIGN §3): images are re-encoded with metadata stripped.
MINWON_MAX_ATTACHMENTS = env.int("MINWON_MAX_ATTACHMENTS", default=5)
MINWON_MAX_UPLOAD_BYTES = env.int("MINWON_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
MINWON_MAX_IMAGE_SIDE = env.int("MINWON_MAX_IMAGE_SIDE", default=2560)
DATA_UPLOAD_MAX_MEMORY_SIZE = MINWON_MAX_UPLOAD_BYTES

# The city the instance serves; shown on pages and letters.
MINWON_CITY_NAME = env.str("MINWON_CITY_NAME", default="새빛구")
MINWON_AGENCY_PHONE = env.str("MINWON_AGENCY_PHONE", default="120")
# h3 resolution of the location cell stored on each complaint (9 ≈ 0.1 km² hexagons).
MINWON_H3_RESOLUTION = env.int("MINWON_H3_RESOLUTION", default=9)
MINWON_MAP_TILE_URL = env.str("MINWON_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("MINWON_LOG_LEVEL", default="INFO")},
    # Django's own "django" logger has a console handler under DEBUG; let it not repeat via root.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- web (portal) ---
# Site-wide CSS, JS and the vendored htmx/Leaflet live in src/minwon/static (no build step).
STATICFILES_DIRS = [BASE_DIR / "static"]
# Dev-only pages (log in as, outbox) exist only when DEBUG is on; urls.py mounts them likewise.
if DEBUG:
    INSTALLED_APPS += ["minwon.devtools"]
# Tracking without an account (portal:track): failed look-ups allowed per window, per IP and per number.
MINWON_TRACK_WINDOW_MINUTES = env.int("MINWON_TRACK_WINDOW_MINUTES", default=15)
MINWON_TRACK_MAX_FAILURES_PER_IP = env.int("MINWON_TRACK_MAX_FAILURES_PER_IP", default=10)
MINWON_TRACK_MAX_FAILURES_PER_NUMBER = env.int("MINWON_TRACK_MAX_FAILURES_PER_NUMBER", default=5)
# Where the filing map opens before the citizen sets a pin: "lat,lng,zoom" (default: the city hall).
MINWON_MAP_CENTER = [float(x) for x in env.list("MINWON_MAP_CENTER", default=["37.5665", "126.9780", "15"])]

# --- triage (minwon.triage) ---
# Routing models are retrained by the worker (triage.jobs.run_due_jobs) when older than the admin's
# TriageSettings.retrain_every_hours; this only bounds how long a process reuses a loaded model.
MINWON_TRIAGE_MODEL_CHECK_SECONDS = env.int("MINWON_TRIAGE_MODEL_CHECK_SECONDS", default=30)
# Upper bound on complaints read for one retrain (newest first).
MINWON_TRIAGE_MAX_TRAINING_ROWS = env.int("MINWON_TRIAGE_MAX_TRAINING_ROWS", default=200_000)

# --- 120 call centre and 구술민원 (minwon.callcentre) ---
# One-time code a citizen reads back to confirm an oral complaint: minutes valid, wrong tries
# allowed per code, and codes sent per complaint before the clerk must use the counter tablet.
MINWON_ORAL_CODE_MINUTES = env.int("MINWON_ORAL_CODE_MINUTES", default=5)
MINWON_ORAL_CODE_MAX_ATTEMPTS = env.int("MINWON_ORAL_CODE_MAX_ATTEMPTS", default=5)
MINWON_ORAL_CODE_MAX_SENDS = env.int("MINWON_ORAL_CODE_MAX_SENDS", default=5)

# --- notifications (minwon.notify) ---
# Links in notices (satisfaction survey /s/<token>/) point here: the public address of the site.
MINWON_PUBLIC_BASE_URL = env.str("MINWON_PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
# Dry run (default: on with MINWON_DEBUG, i.e. the demo): SMS, 알림톡, e-mail and webhooks are
# recorded in the outbox but nothing leaves the machine. Letters are always rendered.
MINWON_NOTIFY_DRY_RUN = env.bool("MINWON_NOTIFY_DRY_RUN", default=DEBUG)
# Channel plug-ins: a city swaps in its own provider's class here (docs/notifications.md).
MINWON_NOTIFY_CHANNELS = {
    "sms": env.str("MINWON_CHANNEL_SMS", default="minwon.notify.channels.http.SmsChannel"),
    "alimtalk": env.str("MINWON_CHANNEL_ALIMTALK", default="minwon.notify.channels.http.AlimtalkChannel"),
    "email": env.str("MINWON_CHANNEL_EMAIL", default="minwon.notify.channels.email.EmailChannel"),
    "letter": env.str("MINWON_CHANNEL_LETTER", default="minwon.notify.channels.letter.LetterChannel"),
    "webhook": env.str("MINWON_CHANNEL_WEBHOOK", default="minwon.notify.channels.webhook.WebhookChannel"),
}
# SMS and 카카오 알림톡 HTTP provider (generic JSON adapter; see docs/notifications.md).
MINWON_SMS_URL = env.str("MINWON_SMS_URL", default="")
MINWON_SMS_KEY = env.str("MINWON_SMS_KEY", default="")
MINWON_SMS_SENDER = env.str("MINWON_SMS_SENDER", default=MINWON_AGENCY_PHONE)
MINWON_ALIMTALK_URL = env.str("MINWON_ALIMTALK_URL", default="")
MINWON_ALIMTALK_KEY = env.str("MINWON_ALIMTALK_KEY", default="")
MINWON_ALIMTALK_SENDER_KEY = env.str("MINWON_ALIMTALK_SENDER_KEY", default="")
# Seconds to wait for a provider or webhook; must be well under the worker's lease.
MINWON_PROVIDER_TIMEOUT = env.float("MINWON_PROVIDER_TIMEOUT", default=10.0)
# E-mail over SMTP. The backend is separate from EMAIL_BACKEND, which test runners replace.
MINWON_EMAIL_BACKEND = env.str("MINWON_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("MINWON_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("MINWON_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("MINWON_EMAIL_USER", default="")
EMAIL_HOST_PASSWORD = env.str("MINWON_EMAIL_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("MINWON_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("MINWON_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("MINWON_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("MINWON_EMAIL_FROM", default=f"{MINWON_CITY_NAME} 민원 <minwon@localhost>")
MINWON_MAIL_DOMAIN = env.str("MINWON_MAIL_DOMAIN", default="localhost")
# Retries: base·2^(n-1) seconds between tries, capped; after MAX_ATTEMPTS the next channel.
MINWON_NOTIFY_MAX_ATTEMPTS = env.int("MINWON_NOTIFY_MAX_ATTEMPTS", default=6)
MINWON_NOTIFY_BACKOFF_SECONDS = env.int("MINWON_NOTIFY_BACKOFF_SECONDS", default=60)
MINWON_NOTIFY_BACKOFF_MAX_SECONDS = env.int("MINWON_NOTIFY_BACKOFF_MAX_SECONDS", default=3600)
# A claimed message is another worker's to take after this many seconds without progress.
MINWON_WORKER_LEASE_SECONDS = env.float("MINWON_WORKER_LEASE_SECONDS", default=60.0)
# Time-driven jobs: how often each runs, and how early the handler hears that a due time nears.
MINWON_JOBS_INTERVAL_SECONDS = env.int("MINWON_JOBS_INTERVAL_SECONDS", default=60)
MINWON_DUE_SOON_WORKING_HOURS = env.float("MINWON_DUE_SOON_WORKING_HOURS", default=8.0)
# Staff alerts land in the in-app inbox; also by e-mail to staff with an address when on.
MINWON_STAFF_ALERT_EMAIL = env.bool("MINWON_STAFF_ALERT_EMAIL", default=True)

# --- kindness, answer quality, staff protection (minwon.care) ---
# How long the satisfaction link in an answer notice stays valid (days).
MINWON_SATISFACTION_LINK_DAYS = env.int("MINWON_SATISFACTION_LINK_DAYS", default=30)
# Answered 민원 sampled per department and week for the answer-quality review, and the seed that
# makes the sample reproducible (change it to draw differently; the same seed redraws the same).
MINWON_CARE_QUALITY_SAMPLE_SIZE = env.int("MINWON_CARE_QUALITY_SAMPLE_SIZE", default=3)
MINWON_CARE_QUALITY_SEED = env.str("MINWON_CARE_QUALITY_SEED", default="minwon-quality")
# Phone kindness survey: 민원 per generated call list.
MINWON_CARE_PHONE_SAMPLE_SIZE = env.int("MINWON_CARE_PHONE_SAMPLE_SIZE", default=10)
# Staff protection: default days an employee stays separated from an abusive applicant.
MINWON_CARE_EXEMPTION_DAYS = env.int("MINWON_CARE_EXEMPTION_DAYS", default=180)
# Largest evidence file (recording, photo, video, PDF) for an incident, in MB.
MINWON_CARE_EVIDENCE_MAX_MB = env.int("MINWON_CARE_EVIDENCE_MAX_MB", default=50)
# 민원 categories (codes, comma-separated) whose 민원 are praise or unkindness reports: whatever
# channel they arrived on, they wait on the care worklist until forwarded to the employee/officer.
MINWON_CARE_PRAISE_CATEGORIES = env.list("MINWON_CARE_PRAISE_CATEGORIES", default=["praise"])
MINWON_CARE_UNKIND_CATEGORIES = env.list("MINWON_CARE_UNKIND_CATEGORIES", default=["unkind"])
# --- open board (minwon.board) ---
MINWON_BOARD_POSTS_PER_DAY = env.int("MINWON_BOARD_POSTS_PER_DAY", default=5)
MINWON_BOARD_REPLIES_PER_DAY = env.int("MINWON_BOARD_REPLIES_PER_DAY", default=30)
MINWON_BOARD_CODE_MINUTES = env.int("MINWON_BOARD_CODE_MINUTES", default=10)
MINWON_BOARD_CODES_PER_HOUR = env.int("MINWON_BOARD_CODES_PER_HOUR", default=5)
# Photos wait for a staff look (hide or blur faces and plates) before the public sees them.
MINWON_BOARD_PHOTO_REVIEW = env.bool("MINWON_BOARD_PHOTO_REVIEW", default=True)
# Category code for each action tag's 민원 when the citizen picks none ("" = the desk decides).
MINWON_BOARD_TAG_CATEGORIES = {
    "living": env.str("MINWON_BOARD_CATEGORY_LIVING", default="etc"),
    "consult": env.str("MINWON_BOARD_CATEGORY_CONSULT", default="consult"),
    "inquiry": env.str("MINWON_BOARD_CATEGORY_INQUIRY", default="city_inquiry"),
}
# --- machine interfaces (minwon.api, minwon.open311, minwon.exchange) ---
# jurisdiction_id this Open311 server answers for (requests naming another get 404).
MINWON_OPEN311_JURISDICTION = env.str("MINWON_OPEN311_JURISDICTION", default="saebit.go.kr")
# Default per-minute request limit of a new API token (each token has its own, editable in admin).
MINWON_API_DEFAULT_RATE = env.int("MINWON_API_DEFAULT_RATE", default=600)
# How long an Idempotency-Key answer is replayed before the worker forgets it.
MINWON_API_IDEMPOTENCY_HOURS = env.int("MINWON_API_IDEMPOTENCY_HOURS", default=48)
# Seconds a web process keeps a looked-up API token before reading it again: a revocation or scope
# change made in another process takes effect within this time (0 = read on every request).
MINWON_API_TOKEN_CACHE_SECONDS = env.float("MINWON_API_TOKEN_CACHE_SECONDS", default=5.0)
# Insight: the evaluation period in months (half-year by default) and the grace after a 적극행정
# reporting period before its progress report counts as late.
MINWON_EVALUATION_MONTHS = env.int("MINWON_EVALUATION_MONTHS", default=6)
MINWON_PROACTIVE_REPORT_GRACE_DAYS = env.int("MINWON_PROACTIVE_REPORT_GRACE_DAYS", default=5)
