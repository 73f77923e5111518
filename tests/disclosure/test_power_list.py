import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook, load_workbook

from disclosure.models import PowerListPage
from disclosure.power_list_io import COLUMNS, PowerListFileError, item_dicts, parse_file

from .conftest import add_page, d

HEADER = [h for _, h in COLUMNS]
GOOD_ROWS = [
    ["QL-001", "户外广告设施设置审批", "行政许可", "《城市市容和环境卫生管理条例》第十一条", "市城管局", "受理、审查", "违法审批的", ""],
    ["QL-002", "对擅自设置户外广告的处罚", "行政处罚", "条例第三十六条", "市城管局", "立案、调查", "滥用职权的", ""],
    ["QL-003", "暂扣违法车辆", "行政强制措施", "《行政强制法》第九条", "市城管局", "", "", ""],
    ["QL-004", "燃气设施监督检查", "行政监督检查", "《城镇燃气管理条例》", "市城管局", "", "", "备注"],
]


@pytest.fixture
def power_list(tree, org):
    return add_page(tree.column("qzqd"), PowerListPage(title="权责清单", slug="qd", publisher=org,
                                                        published_on=d("2025-01-10")))


def write_csv(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "csv-gbk", "xlsx"])
def test_import_good_file(power_list, tmp_path, fmt):
    rows = [HEADER] + GOOD_ROWS
    if fmt == "xlsx":
        path = write_xlsx(tmp_path / "list.xlsx", rows)
    else:
        path = write_csv(tmp_path / "list.csv", rows, "gbk" if fmt == "csv-gbk" else "utf-8")
    out = io.StringIO()
    call_command("import_power_list", str(path), "--list", str(power_list.pk), stdout=out)
    power_list.refresh_from_db()
    items = list(power_list.items.all())
    assert [i.code for i in items] == ["QL-001", "QL-002", "QL-003", "QL-004"]
    assert [i.category for i in items] == ["licensing", "penalty", "coercion", "inspection"]
    assert power_list.live and not power_list.has_unpublished_changes
    assert "共4项，其中行政许可1项、行政处罚1项、行政强制1项、行政检查1项。" in out.getvalue()


@pytest.mark.django_db
def test_import_by_path(power_list, tmp_path):
    path = write_csv(tmp_path / "list.csv", [HEADER] + GOOD_ROWS[:1])
    call_command("import_power_list", str(path), "--list", "zwgk/zfxxgk/qzqd/qd", stdout=io.StringIO())
    assert power_list.items.count() == 1


@pytest.mark.django_db
def test_bad_file_imports_nothing_and_reports_each_row(power_list, tmp_path):
    call_command("import_power_list", str(write_csv(tmp_path / "ok.csv", [HEADER] + GOOD_ROWS[:2])),
                 "--list", str(power_list.pk), stdout=io.StringIO())
    revisions_before = power_list.revisions.count()
    bad = [HEADER,
           GOOD_ROWS[0],
           ["", "缺编码的事项", "行政许可", "", "", "", "", ""],
           ["QL-009", "类别写错", "行政审批", "", "", "", "", ""],
           ["QL-001", "编码重复", "行政处罚", "", "", "", "", ""],
           ["QL-010", "名" * 301, "其他", "", "", "", "", ""]]
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_power_list", str(write_csv(tmp_path / "bad.csv", bad)), "--list", str(power_list.pk),
                     stdout=io.StringIO(), stderr=err)
    assert "未导入任何事项" in str(error.value)
    report = err.getvalue()
    assert "第3行，“编码”列：不能为空" in report
    assert "第4行，“类别”列：“行政审批”不是有效类别" in report
    assert "第5行，“编码”列：与第2行重复" in report
    assert "第6行，“事项名称”列：长度301超过上限300个字" in report
    power_list.refresh_from_db()
    assert [i.code for i in power_list.items.all()] == ["QL-001", "QL-002"]  # unchanged
    assert power_list.revisions.count() == revisions_before


@pytest.mark.django_db
def test_missing_header_and_wrong_type(power_list, tmp_path):
    with pytest.raises(PowerListFileError) as error:
        parse_file(write_csv(tmp_path / "h.csv", [["编码", "名称"], ["1", "x"]]))
    assert {e.column for e in error.value.errors} == {"事项名称", "类别"}
    (tmp_path / "x.doc").write_text("x")
    with pytest.raises(PowerListFileError):
        parse_file(tmp_path / "x.doc")


@pytest.mark.django_db
def test_exports_parse_back_to_the_same_data(power_list, tmp_path):
    call_command("import_power_list", str(write_csv(tmp_path / "ok.csv", [HEADER] + GOOD_ROWS)),
                 "--list", str(power_list.pk), stdout=io.StringIO())
    original = item_dicts(power_list)
    client = Client()
    for fmt in ("csv", "xlsx", "json"):
        response = client.get(f"/data/power-list/{power_list.pk}.{fmt}")
        assert response.status_code == 200, fmt
        path = tmp_path / f"export.{fmt}"
        path.write_bytes(response.content)
        assert parse_file(path) == original, fmt
    data = json.loads(client.get(f"/data/power-list/{power_list.pk}.json").content)
    assert data["count"] == 4 and data["items"][0]["category_label"] == "行政许可"
    sheet = load_workbook(tmp_path / "export.xlsx").active
    assert [c.value for c in sheet[1]] == HEADER
    assert client.get(f"/data/power-list/{power_list.pk}.pdf").status_code == 404


@pytest.mark.django_db
def test_list_page_counts_and_filters(power_list, tmp_path):
    call_command("import_power_list", str(write_csv(tmp_path / "ok.csv", [HEADER] + GOOD_ROWS)),
                 "--list", str(power_list.pk), stdout=io.StringIO())
    client = Client()
    html = client.get(power_list.url).content.decode()
    assert "共4项，其中行政许可1项、行政处罚1项、行政强制1项、行政检查1项。" in html
    assert "户外广告设施设置审批" in html and "燃气设施监督检查" in html
    filtered = client.get(power_list.url + "?category=penalty").content.decode()
    assert "对擅自设置户外广告的处罚" in filtered and "户外广告设施设置审批" not in filtered
    assert client.get(power_list.url + "?category=<script>").status_code == 200


@pytest.mark.django_db
def test_admin_upload_imports_or_reports(power_list, tmp_path, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/admin/disclosure/power-list/{power_list.pk}/import/"
    assert admin_client.get(url).status_code == 200
    bad = io.StringIO()
    csv.writer(bad).writerows([HEADER, ["", "无编码", "行政许可"]])
    response = admin_client.post(url, {"file": SimpleUploadedFile("bad.csv", bad.getvalue().encode("utf-8"))})
    assert "第2行，“编码”列：不能为空" in response.content.decode()
    assert power_list.items.count() == 0
    good = io.StringIO()
    csv.writer(good).writerows([HEADER] + GOOD_ROWS)
    response = admin_client.post(url, {"file": SimpleUploadedFile("good.csv", good.getvalue().encode("utf-8"))})
    assert response.status_code == 302
    power_list.refresh_from_db()
    assert power_list.items.count() == 4 and not power_list.has_unpublished_changes
    edit = admin_client.get(f"/admin/pages/{power_list.pk}/edit/").content.decode()
    assert url in edit
