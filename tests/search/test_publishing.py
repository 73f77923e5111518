"""Index sync through the durable queue, with real pages, on both engines.

Publishing runs inside a transaction; `django_capture_on_commit_callbacks(execute=True)`
runs the queue's after-commit drain exactly as a real commit would.
"""

from datetime import date

import pytest
from wagtail.models import Page

from disclosure.models import ColumnPage, NormativeDocumentPage, Organisation, RegulationPage
from home.demo import ensure_home
from search import queue
from search.models import IndexQueueEntry
from tests.search.conftest import engine_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def columns(db):
    home, _site = ensure_home("testserver", 80)
    gfx = ColumnPage(title="规范性文件", slug="gfxwj")
    home.add_child(instance=gfx)
    gfx.save_revision().publish()
    laws = ColumnPage(title="法律法规", slug="flfg")
    home.add_child(instance=laws)
    laws.save_revision().publish()
    return {"gfx": gfx, "laws": laws}


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)
    return run


def new_document(parent, title, body_text, publish_it, publish, **fields):
    page = NormativeDocumentPage(
        title=title, slug=f"doc-{abs(hash(title)) % 10**8}",
        body=[("paragraph", f"<p>{body_text}</p>")], **fields,
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish_it:
        publish(revision.publish)
    page.refresh_from_db()
    return page


def search(api, q):
    return [r["title"] for r in api(q)["results"]]


def test_a_published_page_is_found_and_a_draft_is_not(search_backend, columns, publish, api):
    org = Organisation.objects.create(name="武冈市交通运输局")
    page = new_document(columns["gfx"], "武冈市公共停车场收费管理办法", "公共停车场实行明码标价。",
                        True, publish, publisher=org, doc_number="武交发〔2024〕5号",
                        published_on=date(2024, 5, 6))
    new_document(columns["gfx"], "武冈市停车场建设规划草案", "尚未定稿的草案。", False, publish)
    result = api("停车场")
    assert [r["title"] for r in result["results"]] == ["武冈市公共停车场收费管理办法"]
    hit = result["results"][0]
    assert hit["url"] == page.get_url_parts()[2]
    assert hit["publisher"] == "武冈市交通运输局"
    assert hit["doc_number"] == "武交发〔2024〕5号"
    assert hit["date"] == "2024-05-06"
    assert hit["kind"] == "normative_document"
    assert IndexQueueEntry.objects.count() == 0


def test_saving_a_draft_of_a_live_page_does_not_change_the_index(search_backend, columns, publish, api):
    page = new_document(columns["gfx"], "武冈市城区养犬管理办法", "养犬人应当为犬只办理登记。", True, publish)
    page.title = "武冈市城区养犬管理办法（修订草稿）"
    page.body = [("paragraph", "<p>草稿里新写的内容：禁止燃放孔明灯。</p>")]
    publish(page.save_revision)
    assert IndexQueueEntry.objects.count() == 0
    assert search(api, "养犬") == ["武冈市城区养犬管理办法"]
    assert search(api, "孔明灯") == []


def test_an_unpublished_page_disappears(search_backend, columns, publish, api):
    page = new_document(columns["gfx"], "武冈市燃放烟花爆竹管理规定", "禁止在城区燃放烟花爆竹。", True, publish)
    assert search(api, "烟花爆竹") == ["武冈市燃放烟花爆竹管理规定"]
    publish(page.unpublish)
    assert search(api, "烟花爆竹") == []


def test_a_deleted_page_disappears(search_backend, columns, publish, api):
    page = new_document(columns["gfx"], "武冈市户外广告设置管理办法", "设置户外广告应当经过审批。", True, publish)
    assert search(api, "户外广告") == ["武冈市户外广告设置管理办法"]
    publish(Page.objects.get(pk=page.pk).specific.delete)
    assert search(api, "户外广告") == []


def test_a_moved_page_is_found_at_its_new_url(search_backend, columns, publish, api):
    page = RegulationPage(title="武冈市历史文化街区保护条例", slug="lswhjq",
                          body=[("paragraph", "<p>保护历史文化街区的传统格局。</p>")])
    columns["gfx"].add_child(instance=page)
    publish(page.save_revision().publish)
    publish(Page.objects.get(pk=page.pk).specific.move, columns["laws"], pos="last-child")
    page.refresh_from_db()
    result = api("历史文化街区")
    assert result["results"][0]["url"] == page.get_url_parts()[2]
    assert "/flfg/" in result["results"][0]["url"]
    assert result["results"][0]["kind"] == "regulation"


def test_engine_down_keeps_the_backlog_and_it_drains_in_order(search_backend, settings, columns, publish,
                                                             api, tmp_path, request):
    name = request.node.callspec.params["search_backend"]
    working = {k: getattr(settings, k) for k in ("SEARCH_EMBEDDED_PATH", "ELASTICSEARCH_URL")}
    kept = new_document(columns["gfx"], "武冈市城市道路挖掘管理办法", "挖掘城市道路应当申请许可。", True, publish)
    engine_down(settings, name, tmp_path)

    # While the engine is down, editors keep publishing: nothing fails, nothing is lost.
    first = new_document(columns["gfx"], "武冈市夜市摊点管理办法", "夜市摊点应当在规定时间经营。", True, publish)
    second = new_document(columns["gfx"], "武冈市桥梁安全管理办法", "桥梁实行定期检测。", True, publish)
    publish(Page.objects.get(pk=kept.pk).specific.unpublish)
    assert Page.objects.get(pk=first.pk).live and Page.objects.get(pk=second.pk).live
    assert list(IndexQueueEntry.objects.values_list("page_id", flat=True)) == [first.pk, second.pk, kept.pk]
    state = queue.status()
    assert state["backlog"] == 3 and state["last_error"]
    api("夜市", expect=503)

    # A failed drain keeps everything and records the error.
    assert queue.drain() == 0
    assert IndexQueueEntry.objects.count() == 3

    # The engine comes back: the backlog drains in order, and every change is applied.
    for key, value in working.items():
        setattr(settings, key, value)
    assert queue.flush() == 3
    assert queue.status()["backlog"] == 0
    assert search(api, "夜市") == ["武冈市夜市摊点管理办法"]
    assert search(api, "桥梁") == ["武冈市桥梁安全管理办法"]
    assert search(api, "挖掘") == []


def test_a_newer_change_replaces_the_older_queued_one(search_backend, settings, columns, publish, api,
                                                      tmp_path, request):
    name = request.node.callspec.params["search_backend"]
    working = {k: getattr(settings, k) for k in ("SEARCH_EMBEDDED_PATH", "ELASTICSEARCH_URL")}
    engine_down(settings, name, tmp_path)
    page = new_document(columns["gfx"], "武冈市集贸市场管理办法", "集贸市场实行统一管理。", True, publish)
    publish(Page.objects.get(pk=page.pk).specific.unpublish)
    publish(Page.objects.get(pk=page.pk).specific.save_revision().publish)
    assert IndexQueueEntry.objects.filter(page_id=page.pk).count() == 1
    for key, value in working.items():
        setattr(settings, key, value)
    queue.flush()
    assert search(api, "集贸市场") == ["武冈市集贸市场管理办法"]


def test_deferred_queue_drains_in_batches_on_exit(search_backend, columns, publish, api):
    with queue.deferred(batch_size=2):
        pages = [new_document(columns["gfx"], f"武冈市第{n}批防汛物资储备通知", "做好防汛物资储备。", True, publish)
                 for n in range(5)]
        queued = set(IndexQueueEntry.objects.values_list("page_id", flat=True))
        assert {p.pk for p in pages} <= queued
        assert api("防汛物资")["total"] == 0
    assert IndexQueueEntry.objects.count() == 0
    assert api("防汛物资")["total"] == 5


def test_a_password_protected_page_is_not_searchable(search_backend, columns, publish, api):
    from wagtail.models import PageViewRestriction

    page = new_document(columns["gfx"], "武冈市内部通讯录管理规定", "通讯录仅限内部使用。", True, publish)
    assert search(api, "通讯录") == ["武冈市内部通讯录管理规定"]
    restriction = publish(PageViewRestriction.objects.create, page=page,
                          restriction_type=PageViewRestriction.PASSWORD, password="secret")
    assert search(api, "通讯录") == []
    publish(restriction.delete)
    assert search(api, "通讯录") == ["武冈市内部通讯录管理规定"]


# Committed data: Elasticsearch's rebuild reads pages from its bulk-indexing threads.
@pytest.mark.django_db(transaction=True)
def test_search_index_command_status_drain_and_rebuild(search_backend, settings, columns, publish, api,
                                                       tmp_path, request):
    from io import StringIO

    from django.core.management import CommandError, call_command

    name = request.node.callspec.params["search_backend"]
    working = {k: getattr(settings, k) for k in ("SEARCH_EMBEDDED_PATH", "ELASTICSEARCH_URL")}
    engine_down(settings, name, tmp_path)
    new_document(columns["gfx"], "武冈市地名管理办法", "地名的命名应当尊重历史。", True, publish)
    out = StringIO()
    call_command("search_index", "--status", stdout=out)
    text = out.getvalue()
    assert "积压更新：" in text and "积压更新：0 条" not in text and "最近错误：无" not in text
    with pytest.raises(CommandError, match="仍有"):
        call_command("search_index", "--drain", stdout=StringIO())
    for key, value in working.items():
        setattr(settings, key, value)
    call_command("search_index", "--drain", stdout=StringIO())
    assert search(api, "地名") == ["武冈市地名管理办法"]
    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    assert "已重建" in out.getvalue() and "1 篇" in out.getvalue()
    assert search(api, "地名") == ["武冈市地名管理办法"]
    out = StringIO()
    call_command("search_index", "--status", stdout=out)
    assert "积压更新：0 条" in out.getvalue() and "索引文档：1 篇" in out.getvalue()


def test_revoking_a_decision_withdraws_it_from_search(search_backend, columns, publish, api):
    """A revoked 行政处罚 decision is withdrawn: its facts must not stay findable."""
    from disclosure.models import EnforcementDecisionPage

    home = columns["gfx"].get_parent()
    xzzf = ColumnPage(title="行政执法公示", slug="xzzfgs")
    home.add_child(instance=xzzf)
    xzzf.save_revision().publish()
    org = Organisation.objects.create(name="武冈市城市管理和综合执法局")
    page = EnforcementDecisionPage(
        title="某公司占道堆放砂石案", slug="cf-1", publisher=org, doc_number="武城管罚决字〔2025〕第3号",
        party_name="武冈市某建材有限公司", party_type="organisation", credit_code="91430581MA4L00000E",
        legal_representative="李某", facts="当事人在迎宾路占道堆放砂石。", basis="《城市道路管理条例》",
        penalty_category="罚款", penalty_content="罚款一千元。", decided_on=date(2025, 10, 9),
        publicity_on=date(2025, 10, 10), published_on=date(2025, 10, 10),
    )
    xzzf.add_child(instance=page)
    publish(page.save_revision().publish)
    assert "某公司占道堆放砂石案" in search(api, "占道堆放砂石")

    page.refresh_from_db()
    page.status, page.revocation_notice = "revoked", "经行政复议决定撤销。"
    publish(page.save_revision().publish)
    assert search(api, "占道堆放砂石") == []
