"""Serving files: a document stays private until a live page links it.

/documents/<id>/<filename> is the only way to a document's file: WAGTAILDOCS_SERVE_METHOD is
"serve_view", Django never serves /media/documents/ (see `serve_media`), and nginx must not
either (docs/security.md §1). A document no live page links answers 404, the same as a
document that doesn't exist, unless the visitor is an editor who may use it (same
department, or a 站点管理员); those responses are marked private so no cache keeps them.
"""

import posixpath
from urllib.parse import unquote

from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views import static
from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_serve
from wagtail.permissions import policy_registry

from review.files.usage import is_used_by_live_page

PROTECTED_MEDIA_DIRS = ("documents",)
EDITOR_ACTIONS = ["change", "choose"]


def editor_may_open(user, document):
    if not (user.is_authenticated and user.is_active):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, EDITOR_ACTIONS, document)


def serve_document(request, document_id, document_filename):
    document = get_document_model().objects.filter(pk=int(document_id)).first() \
        if document_id.isdigit() and len(document_id) <= 18 else None
    if document is None:
        raise Http404("没有这个文件")
    public = is_used_by_live_page(document)
    if not public and not editor_may_open(request.user, document):
        raise Http404("没有这个文件")
    response = wagtail_serve.serve(request, document_id, document_filename)
    if not public:
        patch_cache_control(response, private=True, no_store=True)
    return response


def serve_media(request, path, document_root=None):
    """Django's static file view for /media/ under DEBUG, without the document files: those
    are only ever served through `serve_document`."""
    normalised = posixpath.normpath(unquote(path)).lstrip("/")
    if normalised.split("/", 1)[0] in PROTECTED_MEDIA_DIRS:
        raise Http404("没有这个文件")
    return static.serve(request, path, document_root=document_root)
