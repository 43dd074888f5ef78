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
    "minwon.core",
    "minwon.accounts",
    "minwon.org",
    "minwon.complaints",
    "minwon.notify",
    "minwon.portal",
    "minwon.staff",
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
