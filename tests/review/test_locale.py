"""The project's zh_Hans catalogues: compiled, consistent, and served to the admin's JavaScript."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import PROJECT_DIR, require

LOCALE_DIR = PROJECT_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_committed_mo_is_compiled_from_the_po(domain, tmp_path):
    """A fresh machine needs no gettext tools: the .mo is committed. It must match the .po."""
    msgfmt = shutil.which("msgfmt")
    require(msgfmt is not None, "gettext's msgfmt is not installed (apt-get install gettext)")
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run([msgfmt, "--check", "-o", str(compiled), str(LOCALE_DIR / f"{domain}.po")], check=True)
    assert compiled.read_bytes() == (LOCALE_DIR / f"{domain}.mo").read_bytes(), \
        f"run: msgfmt --check -o locale/zh_Hans/LC_MESSAGES/{domain}.mo locale/zh_Hans/LC_MESSAGES/{domain}.po"


def test_project_catalogue_fills_wagtails_gaps():
    with translation.override("zh-hans"):
        assert translation.gettext("Search all pages…") == "搜索全部页面…"
        assert translation.gettext("Privacy and access") == "访问权限"
        assert translation.gettext("Saved") == "已保存"
        assert translation.ngettext("There is one matching page", "There are %(counter)s matching pages", 2) \
            % {"counter": 2} == "找到 2 个匹配的页面"
        # the table block's header controls (Python side of the block)
        assert translation.gettext("Which cells should be displayed as headers?") == "哪些单元格作为表头？"
        # Wagtail's own translations are kept
        assert translation.gettext("Dashboard") != "Dashboard"


@pytest.mark.django_db
def test_admin_javascript_catalogue_has_the_editor_strings(admin_client):
    """Wagtail's JavaScript reads its strings from /admin/jsi18n/ (Django's JavaScriptCatalog,
    which also reads LOCALE_PATHS): 'Insert a block' and the autosave messages come from here."""
    source = admin_client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    # The catalogue escapes non-ASCII text as backslash-u plus four hex digits; undo only those.
    body = re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), source)
    for text in ("插入内容块", "拆分内容块", "修改已自动保存。", "正在自动保存…"):
        assert text in body, text
