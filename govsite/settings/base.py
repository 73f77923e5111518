"""Settings shared by every environment. Configuration comes from the environment."""

import base64
import hashlib
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "home",
    "disclosure",
    "review",
    "health",
    "search",
    "pagecache",
    "applications",
    "annual_report",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.table_block",  # TableBlock (disclosure.blocks) needs its admin JS/CSS
    "wagtail.embeds",
    "wagtail.sites",
    "review.users_app.UsersAppConfig",  # wagtail.users with department and role in the user list
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # Wagtail's "10 seconds ago" dates use its naturaltime and catalogue
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Both before WhiteNoise, so static files (the SVG favicon too) carry the headers.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "home.security.csp.GovsiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cache hit costs no session, user or database work.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleSessionTimeoutMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.ElderModeVaryMiddleware",
    # Last, so that it turns a lockout flagged anywhere below into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "govsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "govsite.wsgi.application"

# SQLite by default; DATABASE_URL (e.g. postgres://user:pass@host:5432/db) switches engines.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the server read while an import or the index queue writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL;")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Admin sign-in security (docs/security.md, "Admin sign-in"). 等保 2.0 asks for complex
# passwords, lockout after repeated failures, a second factor and an idle timeout.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes checks every password attempt first and refuses it while the account is locked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Wrong passwords tolerated per account; the next one locks it.
LOGIN_FAILURES_ALLOWED = int(os.environ.get("LOGIN_FAILURES_ALLOWED", "10"))
AXES_FAILURE_LIMIT = LOGIN_FAILURES_ALLOWED + 1
# Either one locks: the account, whatever addresses the guesses come from, and the address,
# whichever accounts it tries (one common password sprayed over many user names).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = __import__("datetime").timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 403
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账户已被锁定，请稍后再试或联系站点管理员解锁。"
AXES_PERMALOCK_MESSAGE = "登录失败次数过多，账户已被锁定，请联系站点管理员解锁。"
# The login record is accounts.LoginEvent; axes keeps only the attempt counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Client address behind reverse proxies (TRUSTED_PROXIES below): home/security/client.py.
AXES_CLIENT_IP_CALLABLE = "home.security.client.client_address"

# There is one sign-in page for the whole site: Wagtail's.
LOGIN_URL = "wagtailadmin_login"

# Two-factor sign-in (TOTP): required for 站点管理员, 领导 and anyone who can publish.
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "武冈市人民政府网站")
OTP_TOTP_THROTTLE_FACTOR = 1

# Sessions end when the browser closes, after SESSION_IDLE_TIMEOUT_MINUTES without a request,
# and at the latest SESSION_COOKIE_AGE after the last activity.
SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SESSION_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_MAX_AGE_HOURS", "12")) * 3600

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Translations for interface strings Wagtail's own zh_Hans catalogues lack (locale/zh_Hans/).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Files that must never have a URL (依申请公开 补正 attachments): outside MEDIA_ROOT, downloaded only
# through permission-checked admin views (docs/applications.md).
APPLICATION_PRIVATE_ROOT = Path(os.environ.get("APPLICATION_PRIVATE_ROOT", BASE_DIR / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "武冈市人民政府"
WAGTAIL_I18N_ENABLED = False
# Addresses are printed as QR codes: a Chinese title must never become the slug (about 300
# characters once percent-encoded). Pages get short ASCII slugs instead (disclosure/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "ofd", "pdf", "rtf", "txt", "wps", "xls", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Documents are always served through /documents/<id>/<name>, which answers 404 for a document
# no live page links (review.files.views); never by a direct /media/ URL. The forms refuse to
# replace a file a live page uses (docs/security.md §1).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "review.files.forms.DepartmentDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "review.files.forms.DepartmentImageForm"
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# An edit made while a page is in review sends it back to the first task: the 保密审查 that
# 科室审核 confirmed must cover the text that is finally published.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Under the workflow only its final approval publishes (a 领导 has no publish button): see
# review/publication.py and docs/security.md.
WAGTAIL_FINISH_WORKFLOW_ACTION = "review.workflow_publish.publish_approved_revision"

# Wagtail's own (admin) search: page search and the page, document, image and snippet
# choosers. It stays in the site's database (drafts and pages in review included) whether or
# not Elasticsearch is configured, and splits Chinese with the project's analysis
# (search/admin_backend.py; rebuild with `manage.py update_index`, see docs/operations.md).
# The public search is the `search` app and its own backends, configured below.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}

# Public search engine: Elasticsearch when ELASTICSEARCH_URL is set, otherwise
# the embedded SQLite FTS5 index in its own file.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "").strip()
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "").strip() or None
# Seconds before an Elasticsearch request gives up (bulk loads and index creation allow more).
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "10"))
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "govsite")
SEARCH_INDEX_SHARDS = int(os.environ.get("SEARCH_INDEX_SHARDS", "1"))
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))
SEARCH_EMBEDDED_PATH = Path(os.environ.get("SEARCH_EMBEDDED_PATH", BASE_DIR / "search_index.sqlite3"))
# When Elasticsearch is unreachable, answer from the embedded index instead of an error page.
SEARCH_FALLBACK_TO_EMBEDDED = env_bool("SEARCH_FALLBACK_TO_EMBEDDED", False)
# Output of the last rebuild started from the admin's 检索状态 page (search/admin_views.py);
# the running rebuild holds a lock on it. Must be writable by the web server.
SEARCH_REBUILD_LOG = Path(os.environ.get("SEARCH_REBUILD_LOG", BASE_DIR / "search_rebuild.log"))

# --- Security headers and limits (docs/security.md) -------------------------------------------


def inline_style_hashes(*template_names):
    """CSP hashes of the <style> blocks of templates that must render without static files."""
    hashes = []
    for name in template_names:
        text = (BASE_DIR / "templates" / name).read_text(encoding="utf-8")
        for block in re.findall(r"<style>(.*?)</style>", text, flags=re.S):
            digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii")
            hashes.append(f"'sha256-{digest}'")
    return hashes


# One policy for every public page: the same bytes for every visitor, so the shared page cache
# can keep it. No nonces, no 'unsafe-inline', no 'unsafe-eval'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *inline_style_hashes("500.html")],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The admin's preview panel frames the site's own pages; nobody else may.
        "frame-ancestors": ["'self'"],
    },
}
# What the Wagtail and Django admins need on top of that (a per-request nonce is added to
# script-src): image previews of new uploads are blob:/data: URLs, and Wagtail's bundled
# vendor.js (React, Draftail, the TableBlock's Handsontable grid, tooltips) inserts <style>
# elements and style attributes at run time, which no hash or nonce can cover. So the admin's
# style-src is replaced by 'self' 'unsafe-inline' (a hash beside 'unsafe-inline' would switch it
# off); scripts stay strict (docs/security.md).
GOVSITE_CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
GOVSITE_CSP_ADMIN_UPDATE = {"img-src": ["data:", "blob:"]}
GOVSITE_CSP_ADMIN_REPLACE = {"style-src": ["'self'", "'unsafe-inline'"]}
# No third-party requests from the admin (and none the CSP would have to allow): Wagtail's
# default avatars come from gravatar.com, and its dashboard asks releases.wagtail.org for updates.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection",
        "interest-cohort", "local-fonts", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "web-share", "xr-spatial-tracking",
    )
}
# The admin's "copy link" buttons and its preview's full-screen mode use these on our own origin.
PERMISSIONS_POLICY.update({"clipboard-write": ["self"], "fullscreen": ["self"]})

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
GOVSITE_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Public search requests per client address, e.g. "60/m", "1000/h"; "off" disables the limit.
# Off unless configured here; production settings switch it on by default.
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "off")
# Caches. Without CACHE_URL/REDIS_URL: Django's per-process memory cache for small things, and the
# page cache in files, which every gunicorn worker and management command (publish_scheduled,
# expire_documents) shares, so one purge reaches them all. With CACHE_URL (or REDIS_URL), e.g.
# redis://127.0.0.1:6379/0: both in Redis, shared by several app servers (docs/operations.md).
CACHE_URL = (os.environ.get("CACHE_URL", "") or os.environ.get("REDIS_URL", "")).strip()
PAGE_CACHE_DIR = Path(os.environ.get("PAGE_CACHE_DIR", BASE_DIR / "page_cache"))
PAGE_CACHE_ALIAS = "pages"


def redis_cache(url, prefix):
    # Short socket timeouts: a Redis that stops answering must not hold pages up for long.
    timeout = float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.5"))
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
    }


if CACHE_URL:
    CACHES = {
        "default": redis_cache(CACHE_URL, os.environ.get("CACHE_KEY_PREFIX", "govsite")),
        PAGE_CACHE_ALIAS: redis_cache(CACHE_URL, os.environ.get("CACHE_KEY_PREFIX", "govsite") + "-pages"),
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(PAGE_CACHE_DIR),
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "20000"))},
        },
    }

# The page cache (pagecache app) and the HTTP caching headers of public pages.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", "30"))

# A proxy or CDN in front that accepts HTTP PURGE (nginx with the cache-purge module, Varnish):
# purged with the same URLs as the page cache, after each change commits.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "").strip()
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "pagecache.frontend.TimedHTTPBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
        "TIMEOUT": float(os.environ.get("FRONTEND_CACHE_PURGE_TIMEOUT", "3")),
    }
# 依申请公开 (docs/applications.md): attempts per client address on the query page per window
# (0 turns the limit off).
APPLICATION_QUERY_RATE_LIMIT = int(os.environ.get("APPLICATION_QUERY_RATE_LIMIT", "10"))
APPLICATION_QUERY_RATE_WINDOW = int(os.environ.get("APPLICATION_QUERY_RATE_WINDOW", "600"))
# Site health (docs/health.md): host names the external-link check may contact even though they
# resolve to a private or loopback address (the site's own host names always may). Empty in
# production unless a linked intranet host is meant to be checked.
HEALTH_LINK_CHECK_ALLOWED_HOSTS = env_list("HEALTH_LINK_CHECK_ALLOWED_HOSTS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


def require_secret_key():
    if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters in production."
        )
