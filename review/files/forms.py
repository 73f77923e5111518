"""Document and image forms (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE).

Saving a new file over a document that a live page links would change the public page at
once, with no review (and over one a page in review links, the file after its 保密审查):
Wagtail's edit form deletes the old file and serves the new one under the same link. The same
goes for the title, which the attachment list shows. So for a file a live page uses, anyone but
a 站点管理员 gets a form error instead, telling them the way that does go through review: upload
the new version as a new document and link it in the page's next revision. Tags and the
collection may still change; they are not shown to the public.
"""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from review.files.policy import is_site_admin
from review.files.usage import live_pages_using, pages_in_review_using

PUBLIC_FIELDS = ("file", "title")
MAX_PAGES_NAMED = 3


def in_use_message(pages, noun):
    names = "、".join("《%s》" % page.title for page in pages[:MAX_PAGES_NAMED])
    more = "等 %d 个页面" % len(pages) if len(pages) > MAX_PAGES_NAMED else ""
    return (
        f"此{noun}正被已发布或正在审核的页面 {names}{more} 使用，直接替换或改名会绕过这些页面的审核。"
        f"请上传一个新{noun}，在页面中改为使用新{noun}并提交审核，审核通过发布后公众才会看到新{noun}；"
        f"原{noun}保持不变。"
    )


class LiveFileFormMixin:
    noun = "文件"

    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        self.live_pages = []
        if self.instance.pk and not (user is not None and is_site_admin(user)):
            self.live_pages = list(live_pages_using(self.instance)[:MAX_PAGES_NAMED + 1])
            live_ids = {page.pk for page in self.live_pages}
            self.live_pages += [page for page in pages_in_review_using(self.instance) if page.pk not in live_ids]
        if self.live_pages and "file" in self.fields:
            self.fields["file"].help_text = in_use_message(self.live_pages, self.noun)

    def clean(self):
        cleaned_data = super().clean()
        for name in PUBLIC_FIELDS:
            if self.live_pages and name in self.fields and name in self.changed_data:
                self.add_error(name, in_use_message(self.live_pages, self.noun))
        return cleaned_data


class DepartmentDocumentForm(LiveFileFormMixin, BaseDocumentForm):
    noun = "文档"

    class Meta(BaseDocumentForm.Meta):
        pass


class DepartmentImageForm(LiveFileFormMixin, BaseImageForm):
    noun = "图片"

    class Meta(BaseImageForm.Meta):
        pass
