from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS + ["*"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Local demo users (load_demo_site) are only ever created under these settings.
GOVSITE_ALLOW_DEMO_USERS = True
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
