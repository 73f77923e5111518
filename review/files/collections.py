"""Department collections: created, permissioned and filled with the department's files.

Written against an app registry (`apps`) so that migration review 0002 runs the very same code
on historical models that `setup_department` runs on the real ones.
"""

from django.db.models import F

from review.role_names import EDITORIAL_ROLES, WAGTAIL_STOCK_GROUPS

# Documents and images: what each department role may do on its own collection. Deleting is
# granted by Wagtail's "change" (see review.files.policy for the live-page exception).
DEPARTMENT_COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
]
FILE_MODELS = [("wagtaildocs", "document"), ("wagtailimages", "image")]
STEP_LENGTH = 4  # treebeard's path step for Collection
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _encode_step(number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEP_LENGTH, "0")


def root_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    return Collection.objects.filter(depth=1).order_by("path").first()


def _new_child_collection(apps, root, name):
    Collection = apps.get_model("wagtailcore", "Collection")
    if hasattr(root, "add_child"):  # the real treebeard model
        return root.add_child(name=name)
    # Historical models have no treebeard methods: the same insertion by hand.
    last = (Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path)
            .order_by("-path").values_list("path", flat=True).first())
    step = int(last[-STEP_LENGTH:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(name=name, path=root.path + _encode_step(step), depth=root.depth + 1,
                                      numchild=0)
    Collection.objects.filter(pk=root.pk).update(numchild=F("numchild") + 1)
    return child


def ensure_department_collection(apps, department):
    """The department's collection under the root, named after its 简称; created once."""
    Collection = apps.get_model("wagtailcore", "Collection")
    collection = Collection.objects.filter(pk=department.collection_id).first() if department.collection_id else None
    if collection is None:
        root = root_collection(apps)
        if root is None:
            return None
        collection = (Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path,
                                                name=department.short_name, department__isnull=True).first()
                      or _new_child_collection(apps, root, department.short_name))
        department.collection_id = collection.pk
        department.save(update_fields=["collection"])
    elif collection.name != department.short_name:
        collection.name = department.short_name
        collection.save(update_fields=["name"])
    return collection


def _permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def grant_department_permissions(apps, department, collection):
    """The department's role groups hold the file permissions on its collection and nowhere else."""
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    permissions = _permissions(apps, DEPARTMENT_COLLECTION_PERMISSIONS)
    group_ids = [pk for pk in (department.drafter_group_id, department.reviewer_group_id,
                               department.leader_group_id) if pk]
    Permission = apps.get_model("auth", "Permission")
    file_permission_ids = Permission.objects.filter(
        content_type__app_label__in=["wagtaildocs", "wagtailimages"]).values_list("pk", flat=True)
    GroupCollectionPermission.objects.filter(group_id__in=group_ids, permission_id__in=file_permission_ids) \
        .exclude(collection_id=collection.pk).delete()
    for group_id in group_ids:
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(group_id=group_id, collection_id=collection.pk,
                                                            permission=permission)


def revoke_role_root_permissions(apps, group_names):
    """Older set-ups gave the global 信息员/审核员/领导 groups add/change on the root collection,
    and Wagtail gives its stock Editors/Moderators groups the same: either let anyone in them
    replace any department's files."""
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = root_collection(apps)
    if root is None:
        return 0
    deleted, _ = GroupCollectionPermission.objects.filter(group__name__in=group_names, collection=root).delete()
    return deleted


def _department_of_pages(apps, references, departments):
    """{page id: department} for the pages in `references` (object_id, content_type_id):
    the deepest department column holding the page, else the department of its 发布机构."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_ids = {int(object_id) for object_id, _ in references if object_id.isdigit()}
    paths = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "path"))
    by_path = sorted(((d.root_page.path, d) for d in departments if d.root_page_id),
                     key=lambda item: -len(item[0]))
    by_organisation = {d.organisation_id: d for d in departments}
    result = {}
    for page_id, path in paths.items():
        result[page_id] = next((d for root_path, d in by_path if path.startswith(root_path)), None)
    unplaced = {}
    for object_id, content_type_id in references:
        if object_id.isdigit() and result.get(int(object_id)) is None:
            unplaced.setdefault(content_type_id, set()).add(int(object_id))
    for content_type_id, ids in unplaced.items():
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        try:
            model = apps.get_model(content_type.app_label, content_type.model) if content_type else None
        except LookupError:
            model = None
        if model is None or "publisher" not in {f.name for f in model._meta.get_fields()}:
            continue
        for page_id, publisher_id in model.objects.filter(pk__in=ids).values_list("pk", "publisher_id"):
            if page_id in result:
                result[page_id] = by_organisation.get(publisher_id)
    return result


def sort_files_into_departments(apps):
    """Give every department its collection and permissions, then move each file from the root
    collection into the collection of the one department whose pages use it. A file used by
    several departments, or by none, stays in the root, where only 站点管理员 reach it.
    Returns {department short name: number of files moved}."""
    Department = apps.get_model("review", "Department")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    departments = list(Department.objects.select_related("root_page"))
    collections = {}
    for department in departments:
        collection = ensure_department_collection(apps, department)
        if collection is not None:
            grant_department_permissions(apps, department, collection)
            collections[department.pk] = collection
    revoke_role_root_permissions(apps, EDITORIAL_ROLES + WAGTAIL_STOCK_GROUPS)
    moved = {department.short_name: 0 for department in departments}
    root = root_collection(apps)
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if root is None or page_type is None or not collections:
        return moved
    for app_label, model_name in FILE_MODELS:
        model = apps.get_model(app_label, model_name)
        file_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        file_ids = [str(pk) for pk in model.objects.filter(collection_id=root.pk).values_list("pk", flat=True)]
        if file_type is None or not file_ids:
            continue
        references = list(ReferenceIndex.objects.filter(
            to_content_type=file_type, to_object_id__in=file_ids, base_content_type=page_type,
        ).values_list("to_object_id", "object_id", "content_type_id").distinct())
        page_departments = _department_of_pages(
            apps, [(object_id, content_type_id) for _, object_id, content_type_id in references], departments)
        owners = {}
        for file_id, object_id, _ in references:
            department = page_departments.get(int(object_id)) if object_id.isdigit() else None
            owners.setdefault(int(file_id), set()).add(department.pk if department else None)
        for file_id, department_ids in owners.items():
            if len(department_ids) == 1 and None not in department_ids:
                department_id = department_ids.pop()
                if department_id in collections:
                    model.objects.filter(pk=file_id).update(collection_id=collections[department_id].pk)
                    moved[next(d.short_name for d in departments if d.pk == department_id)] += 1
    return moved


def collection_for_organisation(organisation_id):
    """The collection of the department of a 发布机构 (for imported attachments), or None."""
    from review.models import Department

    if not organisation_id:
        return None
    department = Department.objects.filter(organisation_id=organisation_id).select_related("collection").first()
    return department.collection if department else None
