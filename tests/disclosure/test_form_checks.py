"""The page types' form checks keep the contract DisclosurePageForm calls them with
(disclosure/models/forms.py): an override with another signature would fail only when an editor
saves that page type."""

import inspect

import pytest
from django.apps import apps

from disclosure.models import DisclosurePage

CONTRACT = {
    "editor_errors": ["self", "submitted"],
    "inline_errors": ["self", "formsets", "submitted"],
    "publish_errors": ["self", "cleaned_data"],
}


def page_types():
    return [model for model in apps.get_models() if issubclass(model, DisclosurePage)]


def test_there_are_page_types_to_check():
    assert len(page_types()) > 5


@pytest.mark.parametrize("model", page_types(), ids=lambda model: model.__name__)
def test_every_page_type_keeps_the_form_check_signatures(model):
    for name, parameters in CONTRACT.items():
        assert list(inspect.signature(getattr(model, name)).parameters) == parameters, f"{model.__name__}.{name}"


@pytest.mark.parametrize("model", page_types(), ids=lambda model: model.__name__)
def test_every_page_type_uses_the_form_that_runs_them(model):
    from disclosure.models.forms import DisclosurePageForm

    assert issubclass(model.base_form_class, DisclosurePageForm), model.__name__
