"""The full demo site (tree, seed and every app's demo content) for the security tests, and one
URL of each public page type. Built once per test module and rolled back afterwards."""

import io

import pytest
from django.core.management import call_command

from tests.conftest import ensure_test_database

HOST = "127.0.0.1:8000"


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock():
        ensure_test_database()
        with transaction.atomic():
            call_command("load_demo_site", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


def page_type_urls():
    """One live page of each page type, and every column of a distinct column type (the catalogue
    and listings are different views of one model), as site-relative paths."""
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    urls, seen = [], set()
    for page in Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific().order_by("path"):
        kind = (type(page).__name__, getattr(page, "column_type", None))
        if kind in seen:
            continue
        url = page.get_url()
        if url:
            seen.add(kind)
            urls.append(url)
    return urls


def first_of(model_path):
    from django.apps import apps

    model = apps.get_model(model_path)
    return model.objects.live().public().first()
