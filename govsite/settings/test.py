import os
import tempfile

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key-never-use-in-production-0123456789abcdef"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="govsite-test-media-")
SEARCH_EMBEDDED_PATH = os.path.join(tempfile.mkdtemp(prefix="govsite-test-search-"), "index.sqlite3")
SEARCH_INDEX_PREFIX = f"govsite-test-{os.getpid()}"
GOVSITE_ALLOW_DEMO_USERS = True
# Serve static files from the app/static folders without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Off under tests: the rate-limit tests switch it on with a settings override.
SEARCH_RATE_LIMIT = "off"
# The page cache stays off: other tests change pages without committing, so nothing is purged.
# tests/cache turns it on, against the file cache or Redis.
PAGE_CACHE_ENABLED = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
              "LOCATION": tempfile.mkdtemp(prefix="govsite-test-pages-")},
}
# django-axes logs every failed attempt as a warning (useful in production logs); the lockout
# tests make hundreds of them.
LOGGING["loggers"] = {"axes": {"level": "ERROR"}}  # noqa: F405
