import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from disclosure.admin_views import expiring_documents
from disclosure.models import NormativeDocumentPage, PolicyInterpretationPage, ValidityChange

from .conftest import add_page, d


def document(tree, org, slug, **fields):
    values = dict(title=f"文件{slug}", publisher=org, published_on=d("2025-01-02"), doc_number="武城管发[2025]1号")
    values.update(fields)
    return add_page(tree.column("gfxwj"), NormativeDocumentPage(slug=slug, **values))


@pytest.mark.django_db
def test_doc_number_normalised_on_save(tree, org):
    page = document(tree, org, "a", doc_number="武城管发（２０２５） 1号")
    assert page.doc_number == "武城管发〔2025〕1号"


@pytest.mark.django_db
def test_interpretation_links_both_ways(tree, org):
    doc = document(tree, org, "a", title="户外广告管理办法")
    first = add_page(tree.column("zcjd"), PolicyInterpretationPage(
        title="图解户外广告管理办法", slug="i1", form="graphic", document=doc, publisher=org))
    add_page(tree.column("zcjd"), PolicyInterpretationPage(
        title="问答户外广告管理办法", slug="i2", form="qa", document=doc, publisher=org))
    draft = PolicyInterpretationPage(title="未发布的解读", slug="i3", document=doc, live=False)
    tree.column("zcjd").add_child(instance=draft)
    client = Client()
    doc_html = client.get(doc.url).content.decode()
    assert "相关解读" in doc_html
    assert f'href="{first.url}"' in doc_html and "问答户外广告管理办法" in doc_html
    assert "未发布的解读" not in doc_html
    interp_html = client.get(first.url).content.decode()
    assert f'href="{doc.url}"' in interp_html and "户外广告管理办法" in interp_html
    assert set(doc.live_interpretations().values_list("title", flat=True)) == {
        "问答户外广告管理办法", "图解户外广告管理办法"}


@pytest.mark.django_db
def test_validity_history_links_replacing_document(tree, org):
    new = document(tree, org, "new", title="新办法", doc_number="武城管发〔2025〕3号")
    old = document(tree, org, "old", title="旧办法", doc_number="武城管发〔2019〕2号", published_on=d("2019-05-10"))
    old.validity_changes = [ValidityChange(changed_on=d("2025-04-18"), status="repealed", related_document=new)]
    old.save_revision().publish()
    old.refresh_from_db()
    assert old.validity == "repealed"
    html = Client().get(old.url).content.decode()
    assert "本文件废止" in html and f'href="{new.url}"' in html and "有效性变更记录" in html

    bad = ValidityChange(changed_on=d("2025-04-18"), status="amended", page=old)
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "替代或修改文件" in str(error.value)


@pytest.mark.django_db
def test_expire_documents_marks_expired_and_records_history(tree, org):
    past = document(tree, org, "p", expires_on=d("2025-05-31"))
    soon = document(tree, org, "s", expires_on=d("2025-08-15"))
    later = document(tree, org, "l", expires_on=d("2026-12-31"))
    assert past.validity == "valid"
    out = io.StringIO()
    call_command("expire_documents", "--date", "2025-06-01", stdout=out)
    for page in (past, soon, later):
        page.refresh_from_db()
    assert past.validity == "expired" and soon.validity == "valid" and later.validity == "valid"
    change = past.validity_changes.get()
    assert change.status == "expired" and change.changed_on == d("2025-06-01")
    assert not past.has_unpublished_changes  # published, not left as a draft
    assert "已标记失效" in out.getvalue() and "2025-08-15" in out.getvalue()
    assert "本文件失效" in Client().get(past.url).content.decode()
    # Running again does nothing more.
    call_command("expire_documents", "--date", "2025-06-02", stdout=io.StringIO())
    assert past.validity_changes.count() == 1
    assert [p.pk for p in expiring_documents(d("2025-06-01"))] == [soon.pk]


@pytest.mark.django_db
def test_expiring_report_in_admin(tree, org, admin_client):
    from django.utils import timezone
    from wagtail import hooks

    today = timezone.localdate()
    document(tree, org, "due", title="九十天内到期", expires_on=today)
    document(tree, org, "far", title="很久以后到期", expires_on=today + datetime.timedelta(days=730))
    response = admin_client.get("/admin/disclosure/expiring-documents/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "九十天内到期" in html and "很久以后到期" not in html
    labels = [fn().label for fn in hooks.get_hooks("register_reports_menu_item")]
    assert "即将到期的规范性文件" in labels and "执法公示时限" in labels


@pytest.mark.django_db
def test_expiry_before_effective_date_is_rejected(tree, org):
    page = NormativeDocumentPage(title="x", slug="x", effective_on=d("2025-05-01"), expires_on=d("2025-04-01"))
    tree.column("gfxwj").add_child(instance=NormativeDocumentPage(title="y", slug="y", live=False))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["expires_on"] == ["有效期至不能早于施行日期。"]
