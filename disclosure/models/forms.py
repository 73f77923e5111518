"""Admin forms for pages: checks that apply to what an editor types, not to imported data."""

from wagtail.admin.forms import WagtailAdminPageForm

from disclosure.slugs import OptionalSlugFormMixin

COLUMN_PAGE_SIZE_RANGE = (1, 200)


# Functions (form, user, parent_page) that fill in defaults on a new page's form. The review app
# adds the one that takes 发布机构 and 来源 from the editor's department (review.editor_defaults):
# registered from its AppConfig.ready(), because the content model must not import review,
# which is built on it.
FORM_INITIALISERS = []


class SubmittedValues:
    """What an editor submitted, read field by field with `get(name)`.

    A field on the form gives its cleaned value, or None when it failed its own validation (so it
    gets only its own error, not a contradiction on top); a field not on the form (another tab's
    panel hidden from this user, for instance) gives the page's stored value.
    """

    def __init__(self, form):
        self._form = form

    def get(self, name):
        if name in self._form.fields:
            return self._form.cleaned_data.get(name)
        return getattr(self._form.instance, name, None)


class DisclosurePageForm(OptionalSlugFormMixin, WagtailAdminPageForm):
    """The admin form of every `DisclosurePage`; it runs the page type's own form checks.

    Each page type states its rules in three methods that `DisclosurePage` defines (finding
    nothing) and subclasses extend with `super()`; each returns Chinese messages keyed by where
    they belong (a field name, or a name not on the form for an error at the top of the form):

    - `editor_errors(submitted)` -> {field: message}: contradictions in what was typed (dates
      out of order, negative amounts, bad check digits), on every save, drafts included: a
      contradiction is not a missing field. `submitted` is a `SubmittedValues`.
    - `inline_errors(formsets, submitted)` -> {(formset name, form index, field): message}: the
      same for the rows of inline panels (`live_inline_forms` gives the rows that will be saved).
    - `publish_errors(cleaned_data)` -> {field: message}: what only publishing or submitting
      needs (drafts may be unfinished); skipped when Wagtail defers validation for a draft save.

    They live in the form, not in `Model.clean()` (which runs on every save, imports included),
    so legacy records that break them still import and publish.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        for initialise in FORM_INITIALISERS:
            initialise(self, for_user, self.parent_page)

    def clean(self):
        cleaned = super().clean()
        page, submitted = self.instance, SubmittedValues(self)
        self._add_errors(page.editor_errors(submitted))
        for (formset_name, index, field), message in page.inline_errors(self.formsets, submitted).items():
            self.formsets[formset_name].forms[index].add_error(field, message)
        if not self.is_deferred_validation:
            self._add_errors(page.publish_errors(cleaned))
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
