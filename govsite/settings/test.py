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
# django-axes logs every failed attempt as a warning (useful in production logs); the lockout
# tests make hundreds of them.
LOGGING["loggers"] = {"axes": {"level": "ERROR"}}  # noqa: F405
