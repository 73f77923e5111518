"""Files belong to departments (docs/security.md §1), through the real admin views.

The 司法局's 信息员 can't open, replace or delete the 城管局's documents and images, nor pick
them in a chooser; a file a live page uses can't be replaced, renamed or deleted except by a
站点管理员; a document no live page links answers 404 to the public.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission
from wagtail.rich_text import RichText

from review.roles import ROLE_SITE_ADMIN, add_user_to_role
from tests.review.conftest import login

pytestmark = pytest.mark.django_db

ORIGINAL = b"%PDF-1.4\n% original reviewed file\n%%EOF\n"
REPLACEMENT = b"%PDF-1.4\n% unreviewed replacement\n%%EOF\n"


def make_document(collection, title="城管局规范性文件附件", content=ORIGINAL, name="fujian.pdf"):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def make_image(collection, title="城管局执法现场照片"):
    image = get_image_model()(title=title, collection=collection, file=get_test_image_file())
    image.save()
    return image


def live_page_linking(department, document=None, image=None, slug="fujian-page", rich_text=False):
    from disclosure.models import ArticlePage, NewsPage

    if image is not None:
        page = NewsPage(title="城管局执法动态", slug=slug, image=image, publisher=department.organisation)
    else:
        page = ArticlePage(title="城管局规范性文件", slug=slug, publisher=department.organisation)
        if rich_text:
            page.body = [("paragraph", RichText(f'<p>附件：<a linktype="document" id="{document.pk}">下载</a></p>'))]
        else:
            page.body = [("attachment", {"document": document, "title": ""})]
    department.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def downloaded(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def site_admin():
    user = get_user_model().objects.create_user("files_admin", password="x")
    add_user_to_role(user, ROLE_SITE_ADMIN)
    return user


# --- collections and permissions -------------------------------------------------------------


def test_each_department_has_its_own_collection_and_only_permissions_there(tree):
    root = Collection.get_first_root_node()
    for department in (tree["dept_a"], tree["dept_b"]):
        collection = department.collection
        assert collection is not None and collection.get_parent() == root
        assert collection.name == department.short_name
        for group in department.groups():
            held = set(GroupCollectionPermission.objects.filter(group=group)
                       .values_list("collection_id", "permission__codename"))
            assert held == {(collection.pk, codename) for codename in (
                "add_document", "change_document", "choose_document", "add_image", "change_image", "choose_image")}
    assert tree["dept_a"].collection != tree["dept_b"].collection
    # The global roles hold no file permission anywhere; 站点管理员 keep the root.
    assert not GroupCollectionPermission.objects.filter(group__name__in=["信息员", "审核员", "领导"]).exists()
    assert GroupCollectionPermission.objects.filter(group__name=ROLE_SITE_ADMIN, collection=root,
                                                    permission__codename="delete_document").exists()


def test_setup_roles_removes_the_old_root_grant(tree):
    from django.contrib.auth.models import Permission

    from review.roles import setup_roles

    drafters = Group.objects.get(name="信息员")
    change = Permission.objects.get(content_type__app_label="wagtaildocs", codename="change_document")
    GroupCollectionPermission.objects.create(group=drafters, collection=Collection.get_first_root_node(),
                                             permission=change)
    setup_roles()
    assert not GroupCollectionPermission.objects.filter(group=drafters).exists()


# --- the fence between departments ----------------------------------------------------------


def test_other_department_gets_403_or_404_on_documents(client, tree):
    document = make_document(tree["dept_a"].collection)
    login(client, tree["drafter_b"])
    edit = reverse("wagtaildocs:edit", args=[document.pk])
    delete = reverse("wagtaildocs:delete", args=[document.pk])
    assert client.get(edit).status_code in (403, 404)
    replace = client.post(edit, {"title": "被替换", "file": SimpleUploadedFile("evil.pdf", REPLACEMENT),
                                 "tags": ""})
    assert replace.status_code in (403, 404)
    assert client.get(delete).status_code in (403, 404)
    assert client.post(delete).status_code in (403, 404)
    multiple_edit = client.post(reverse("wagtaildocs:edit_multiple", args=[document.pk]),
                                {f"doc-{document.pk}-title": "被改名", f"doc-{document.pk}-tags": ""},
                                HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert multiple_edit.status_code in (403, 404)
    multiple_delete = client.post(reverse("wagtaildocs:delete_multiple", args=[document.pk]),
                                  HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert multiple_delete.status_code in (403, 404)
    bulk = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"]) + f"?id={document.pk}"
    client.post(bulk)

    document.refresh_from_db()
    assert document.title == "城管局规范性文件附件"
    with document.file.open("rb") as handle:
        assert handle.read() == ORIGINAL
    # …while the 城管局's own 信息员 may open it.
    client.logout()
    login(client, tree["drafter"])
    assert client.get(edit).status_code == 200


def test_other_department_gets_403_or_404_on_images(client, tree):
    image = make_image(tree["dept_a"].collection)
    original_name = image.file.name
    login(client, tree["drafter_b"])
    edit = reverse("wagtailimages:edit", args=[image.pk])
    delete = reverse("wagtailimages:delete", args=[image.pk])
    assert client.get(edit).status_code in (403, 404)
    replace = client.post(edit, {"title": "被替换", "file": get_test_image_file("evil.png", colour="red"),
                                 "tags": ""})
    assert replace.status_code in (403, 404)
    assert client.get(delete).status_code in (403, 404)
    assert client.post(delete).status_code in (403, 404)
    bulk = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"]) + f"?id={image.pk}"
    client.post(bulk)
    image.refresh_from_db()
    assert (image.title, image.file.name) == ("城管局执法现场照片", original_name)
    client.logout()
    login(client, tree["drafter"])
    assert client.get(edit).status_code == 200


def chooser_html(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.json()["html"]


def test_choosers_list_only_the_own_departments_files(client, tree):
    make_document(tree["dept_a"].collection, title="城管局专用附件甲")
    make_image(tree["dept_a"].collection, title="城管局专用图片乙")
    make_document(tree["dept_b"].collection, title="司法局专用附件丙")
    login(client, tree["drafter_b"])
    documents = chooser_html(client, "wagtaildocs_chooser:choose")
    images = chooser_html(client, "wagtailimages_chooser:choose")
    assert "城管局专用附件甲" not in documents and "城管局专用图片乙" not in images
    assert "司法局专用附件丙" in documents
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "城管局专用附件甲" not in listing and "司法局专用附件丙" in listing
    client.logout()
    login(client, tree["drafter"])
    assert "城管局专用附件甲" in chooser_html(client, "wagtaildocs_chooser:choose")
    assert "城管局专用图片乙" in chooser_html(client, "wagtailimages_chooser:choose")


def test_an_upload_goes_into_the_uploaders_department_collection(client, tree):
    login(client, tree["drafter"])
    response = client.post(reverse("wagtaildocs:add"), {
        "title": "城管局新上传", "file": SimpleUploadedFile("xin.pdf", ORIGINAL), "tags": ""})
    assert response.status_code == 302, response.content[:1000]
    assert get_document_model().objects.get(title="城管局新上传").collection == tree["dept_a"].collection


# --- private until a live page links it ------------------------------------------------------


def test_private_upload_is_404_to_the_public_until_a_live_page_links_it(client, tree):
    login(client, tree["drafter"])
    client.post(reverse("wagtaildocs:add"), {
        "title": "待发布附件", "file": SimpleUploadedFile("daifabu.pdf", ORIGINAL), "tags": ""})
    document = get_document_model().objects.get(title="待发布附件")
    assert document.url.startswith("/documents/")
    # The uploader and the department's editors can open it; the response is never cached publicly.
    own = client.get(document.url)
    assert own.status_code == 200 and downloaded(own) == ORIGINAL
    assert "private" in own["Cache-Control"] and "no-store" in own["Cache-Control"]
    public = Client()
    assert public.get(document.url).status_code == 404
    other = Client()
    login(other, tree["drafter_b"])
    assert other.get(document.url).status_code == 404

    page = live_page_linking(tree["dept_a"], document=document)
    response = public.get(document.url)
    assert response.status_code == 200 and downloaded(response) == ORIGINAL
    assert "private" not in response.get("Cache-Control", "")

    page.unpublish()
    assert public.get(document.url).status_code == 404


def test_a_draft_page_linking_a_document_does_not_publish_it(tree):
    from disclosure.models import ArticlePage

    document = make_document(tree["dept_a"].collection)
    draft = ArticlePage(title="草稿", slug="draft-link", live=False, publisher=tree["org_a"])
    draft.body = [("attachment", {"document": document, "title": ""})]
    tree["dept_a"].root_page.add_child(instance=draft)
    draft.save_revision()
    assert Client().get(document.url).status_code == 404


def test_rich_text_document_link_of_a_live_page_makes_it_public(tree):
    document = make_document(tree["dept_a"].collection)
    assert Client().get(document.url).status_code == 404
    live_page_linking(tree["dept_a"], document=document, rich_text=True)
    assert Client().get(document.url).status_code == 200


def test_unknown_or_mismatched_document_urls_are_404(tree):
    document = make_document(tree["dept_a"].collection)
    live_page_linking(tree["dept_a"], document=document)
    public = Client()
    assert public.get(f"/documents/{document.pk}/other-name.pdf").status_code == 404
    assert public.get("/documents/99999999/x.pdf").status_code == 404
    assert public.get("/documents/12345678901234567890123/x.pdf").status_code == 404


def test_media_documents_are_never_served_by_django(tree, rf, settings):
    from django.http import Http404

    from review.files.views import serve_media

    document = make_document(tree["dept_a"].collection)
    live_page_linking(tree["dept_a"], document=document)
    image = make_image(tree["dept_a"].collection)
    assert document.file.name.startswith("documents/")
    for path in (document.file.name, f"images/../{document.file.name}", f"./{document.file.name}",
                 f"/{document.file.name}", "documents/"):
        with pytest.raises(Http404):
            serve_media(rf.get("/media/" + path), path, document_root=settings.MEDIA_ROOT)
    served = serve_media(rf.get("/media/" + image.file.name), image.file.name, document_root=settings.MEDIA_ROOT)
    assert served.status_code == 200


# --- a live page's file changes only through that page's review ------------------------------


def test_replacing_a_live_documents_file_is_refused_and_the_public_file_is_unchanged(client, tree):
    document = make_document(tree["dept_a"].collection)
    live_page_linking(tree["dept_a"], document=document)
    login(client, tree["drafter"])
    edit = reverse("wagtaildocs:edit", args=[document.pk])
    assert "正被已发布或正在审核的页面" in client.get(edit).content.decode()
    response = client.post(edit, {"title": document.title, "file": SimpleUploadedFile("new.pdf", REPLACEMENT),
                                  "tags": ""})
    assert response.status_code == 200
    assert "请上传一个新文档" in response.content.decode()
    renamed = client.post(edit, {"title": "改过的标题", "tags": ""})
    assert renamed.status_code == 200 and "正被已发布或正在审核的页面" in renamed.content.decode()
    document.refresh_from_db()
    assert document.title == "城管局规范性文件附件"
    public = Client().get(document.url)
    assert public.status_code == 200 and downloaded(public) == ORIGINAL
    # The multiple-upload edit endpoint can't rename it either.
    client.post(reverse("wagtaildocs:edit_multiple", args=[document.pk]),
                {f"doc-{document.pk}-title": "改过的标题", f"doc-{document.pk}-tags": ""},
                HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    document.refresh_from_db()
    assert document.title == "城管局规范性文件附件"


def test_a_document_linked_by_a_page_in_review_cannot_be_replaced_either(client, tree):
    """The file 科室审核 checked (保密审查) is the file that gets published."""
    from disclosure.models import ArticlePage

    document = make_document(tree["dept_a"].collection)
    page = ArticlePage(title="送审的通知", slug="in-review", live=False, publisher=tree["org_a"])
    tree["dept_a"].root_page.add_child(instance=page)  # the page row links nothing…
    page.body = [("attachment", {"document": document, "title": ""})]
    page.save_revision(user=tree["drafter"])  # …the revision under review does
    page.get_workflow().start(page, tree["drafter"])
    login(client, tree["drafter"])
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), {
        "title": document.title, "file": SimpleUploadedFile("new.pdf", REPLACEMENT), "tags": ""})
    assert response.status_code == 200 and "送审的通知" in response.content.decode()
    with document.file.open("rb") as handle:
        assert handle.read() == ORIGINAL


def test_a_document_no_live_page_uses_can_still_be_replaced(client, tree):
    document = make_document(tree["dept_a"].collection)
    login(client, tree["drafter"])
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), {
        "title": "改过的标题", "file": SimpleUploadedFile("new.pdf", REPLACEMENT), "tags": ""})
    assert response.status_code == 302, response.content[:2000]
    document.refresh_from_db()
    assert document.title == "改过的标题"
    with document.file.open("rb") as handle:
        assert handle.read() == REPLACEMENT


def test_deleting_a_live_document_is_refused_except_for_site_admins(client, tree):
    document = make_document(tree["dept_a"].collection)
    live_page_linking(tree["dept_a"], document=document)
    login(client, tree["leader"])
    delete = reverse("wagtaildocs:delete", args=[document.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete).status_code == 403
    client.post(reverse("wagtaildocs:delete_multiple", args=[document.pk]), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    client.post(reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"]) + f"?id={document.pk}")
    assert get_document_model().objects.filter(pk=document.pk).exists()
    # An unused one of the same department may go.
    spare = make_document(tree["dept_a"].collection, title="多余的附件")
    assert client.post(reverse("wagtaildocs:delete", args=[spare.pk])).status_code == 302
    assert not get_document_model().objects.filter(pk=spare.pk).exists()
    # A 站点管理员 may replace and delete a live file (to take down a leaked one at once).
    client.logout()
    login(client, site_admin())
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), {
        "title": document.title, "file": SimpleUploadedFile("fixed.pdf", REPLACEMENT), "tags": "",
        "collection": document.collection_id})
    assert response.status_code == 302, response.content[:2000]
    assert client.post(delete).status_code == 302
    assert not get_document_model().objects.filter(pk=document.pk).exists()


def test_a_live_image_cannot_be_replaced_or_deleted_by_its_department(client, tree):
    image = make_image(tree["dept_a"].collection)
    original_name = image.file.name
    live_page_linking(tree["dept_a"], image=image, slug="image-page")
    login(client, tree["drafter"])
    response = client.post(reverse("wagtailimages:edit", args=[image.pk]), {
        "title": image.title, "file": get_test_image_file("new.png", colour="red"), "tags": ""})
    assert response.status_code == 200 and "请上传一个新图片" in response.content.decode()
    assert client.post(reverse("wagtailimages:delete", args=[image.pk])).status_code == 403
    image.refresh_from_db()
    assert image.file.name == original_name


# --- existing files move into the department collections ------------------------------------


def historical_apps():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    return MigrationExecutor(connection).loader.project_state(("review", "0002_department_collections")).apps


def migration_module():
    import importlib

    return importlib.import_module("review.migrations.0002_department_collections")


def test_demo_site_and_migration_put_demo_files_in_the_department_collections():
    import io

    from django.contrib.auth.models import Permission
    from django.core.management import call_command

    from review.models import Department

    call_command("load_demo_site", stdout=io.StringIO())
    cgj = Department.objects.get(short_name="市城管局")
    demo_pdf = get_document_model().objects.get(title="户外广告设置管理办法（示例数据）")
    # A fresh demo site is already sorted: the 城管局's normative document's PDF is the 城管局's.
    assert demo_pdf.collection == cgj.collection
    assert Client().get(demo_pdf.url).status_code == 200  # a live page links it

    # Put the database back the way it was before migration review 0002: every file in the root,
    # no department collections, the global roles holding add/change on the root.
    root = Collection.get_first_root_node()
    get_document_model().objects.update(collection=root)
    GroupCollectionPermission.objects.exclude(collection=root).delete()
    Department.objects.update(collection=None)
    Collection.objects.filter(depth=2).delete()
    for role in ("信息员", "审核员", "领导"):
        for codename in ("add_document", "change_document", "choose_document"):
            GroupCollectionPermission.objects.create(
                group=Group.objects.get(name=role), collection=Collection.get_first_root_node(),
                permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename))
    assert Collection.objects.count() == 1

    migration_module().sort_files(historical_apps(), None)

    cgj.refresh_from_db()
    sfj = Department.objects.get(short_name="市司法局")
    assert cgj.collection is not None and sfj.collection is not None and cgj.collection != sfj.collection
    assert {c.name for c in Collection.get_first_root_node().get_children()} == {"市城管局", "市司法局"}
    demo_pdf.refresh_from_db()
    assert demo_pdf.collection == cgj.collection
    assert not GroupCollectionPermission.objects.filter(group__name__in=["信息员", "审核员", "领导"]).exists()
    assert set(GroupCollectionPermission.objects.filter(group=cgj.drafter_group)
               .values_list("collection_id", flat=True)) == {cgj.collection_id}
    # The treebeard fields written by hand are those treebeard itself would write.
    assert Collection.find_problems() == ([], [], [], [], [])
    assert Collection.get_first_root_node().numchild == 2
    # The 城管局's 信息员 may use the file now; the 司法局's may not.
    cgj_user = get_user_model().objects.get(username="cgj_xxy")
    sfj_user = get_user_model().objects.get(username="sfj_xxy")
    client = Client()
    login(client, cgj_user)
    assert client.get(reverse("wagtaildocs:edit", args=[demo_pdf.pk])).status_code == 200
    client.logout()
    login(client, sfj_user)
    assert client.get(reverse("wagtaildocs:edit", args=[demo_pdf.pk])).status_code in (403, 404)

    # Running it again changes nothing.
    before = (Collection.objects.count(), GroupCollectionPermission.objects.count())
    migration_module().sort_files(historical_apps(), None)
    assert (Collection.objects.count(), GroupCollectionPermission.objects.count()) == before


def test_migration_on_a_fresh_database_does_nothing():
    from home.demo import ensure_root
    from review.models import Department

    ensure_root()
    assert not Department.objects.exists()
    before = Collection.objects.count()
    migration_module().sort_files(historical_apps(), None)
    assert Collection.objects.count() == before


def test_a_file_used_by_two_departments_stays_in_the_root(tree):
    from django.apps import apps

    from review.files.collections import sort_files_into_departments

    root = Collection.get_first_root_node()
    shared = make_document(root, title="两个部门共用的附件")
    live_page_linking(tree["dept_a"], document=shared, slug="shared-a")
    live_page_linking(tree["dept_b"], document=shared, slug="shared-b")
    own = make_document(root, title="司法局自己的附件")
    live_page_linking(tree["dept_b"], document=own, slug="own-b")
    moved = sort_files_into_departments(apps)
    shared.refresh_from_db()
    own.refresh_from_db()
    assert shared.collection == root
    assert own.collection == tree["dept_b"].collection
    assert moved == {"市城管局": 0, "市司法局": 1}


@pytest.mark.django_db
def test_files_are_not_managed_through_the_django_admin(client):
    """The Django admin knows nothing of department collections, so documents and images are not
    registered there: a staff superuser gets 404, not a way around the fences."""
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_superuser("staffroot", "s@example.com", "Str0ng-Passw0rd!")
    client.force_login(staff)
    for path in ("/django-admin/wagtaildocs/document/", "/django-admin/wagtailimages/image/"):
        assert client.get(path).status_code == 404, path
    assert client.get("/django-admin/").status_code == 200
