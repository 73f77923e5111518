"""Admin form for disclosure pages: checks that only apply when publishing."""

from wagtail.admin.forms import WagtailAdminPageForm


class DisclosurePageForm(WagtailAdminPageForm):
    """Wagtail defers required-field checks when saving a draft; this form runs the
    publish-only checks of each page type (`publish_errors()`) in the same way."""

    def clean(self):
        cleaned = super().clean()
        if not self.is_deferred_validation:
            check = getattr(self.instance, "publish_errors", None)
            if check is not None:
                for field, message in check(cleaned).items():
                    if field in self.fields:
                        self.add_error(field, message)
                    else:
                        self.add_error(None, message)
        return cleaned
