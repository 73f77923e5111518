"""Admin forms for pages: checks that apply to what an editor types, not to imported data."""

from wagtail.admin.forms import WagtailAdminPageForm

from disclosure.slugs import OptionalSlugFormMixin

COLUMN_PAGE_SIZE_RANGE = (1, 200)


# Functions (form, user, parent_page) that fill in defaults on a new page's form. The review app
# adds the one that takes 发布机构 and 来源 from the editor's department (review.editor_defaults):
# registered from its AppConfig.ready(), because the content model must not import review,
# which is built on it.
FORM_INITIALISERS = []


class DisclosurePageForm(OptionalSlugFormMixin, WagtailAdminPageForm):
    """Wagtail defers required-field checks when saving a draft; this form runs the
    publish-only checks of each page type (`publish_errors()`) in the same way.

    `editor_errors()` (contradicting dates, negative amounts, bad check digits…) runs on every
    save, drafts included: a contradiction is not a missing field. These checks live in the
    form, not in `Model.clean()`, so legacy records that break them still import and publish."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        for initialise in FORM_INITIALISERS:
            initialise(self, for_user, self.parent_page)

    def field_value(self, name):
        """The value the editor submitted, or the page's own for fields not on the form.
        A field that failed its own validation gives None, so it gets only its own error."""
        if name in self.fields:
            return self.cleaned_data.get(name)
        return getattr(self.instance, name, None)

    def clean(self):
        cleaned = super().clean()
        editor_check = getattr(self.instance, "editor_errors", None)
        if editor_check is not None:
            self._add_errors(editor_check(self.field_value))
        inline_check = getattr(self.instance, "inline_errors", None)
        if inline_check is not None:
            for (formset_name, index, field), message in inline_check(self.formsets, self.field_value).items():
                self.formsets[formset_name].forms[index].add_error(field, message)
        if not self.is_deferred_validation:
            check = getattr(self.instance, "publish_errors", None)
            if check is not None:
                self._add_errors(check(cleaned))
        return cleaned

    def _add_errors(self, errors):
        for field, message in errors.items():
            if field in self.fields:
                if field not in self.errors or message not in self.errors[field]:
                    self.add_error(field, message)
            else:
                self.add_error(None, message)


def live_inline_forms(formset):
    """(index, cleaned_data) of the inline forms that will be saved (not deleted, not empty).
    The parent form is cleaned before its formsets: validate them here first (the result is cached)."""
    _ = formset.errors
    for index, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None)
        if data and not data.get("DELETE"):
            yield index, data


class ColumnPageForm(OptionalSlugFormMixin, WagtailAdminPageForm):
    def clean_page_size(self):
        value = self.cleaned_data.get("page_size")
        low, high = COLUMN_PAGE_SIZE_RANGE
        if value is not None and not low <= value <= high:
            from django.core.exceptions import ValidationError

            raise ValidationError(f"每页条数应在{low}到{high}之间。")
        return value
