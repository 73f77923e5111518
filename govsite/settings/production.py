from .base import *  # noqa: F401,F403
from .base import env_bool, env_list, require_secret_key

DEBUG = False
require_secret_key()

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(__import__("os").environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
GOVSITE_ALLOW_DEMO_USERS = False
# On by default in production: one client can't keep the search engine busy for everyone.
SEARCH_RATE_LIMIT = __import__("os").environ.get("SEARCH_RATE_LIMIT", "60/m")
