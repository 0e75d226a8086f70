"""Every field of every page context is documented (Datasette's test_template_context)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import app.archive

MODULES = [importlib.import_module(f"app.archive.{m.name}") for m in pkgutil.iter_modules(app.archive.__path__)]
CONTEXTS = sorted(
    {
        obj
        for module in MODULES
        for _, obj in inspect.getmembers(module, dataclasses.is_dataclass)
        if isinstance(obj, type) and obj.__module__.startswith("app.archive")
    },
    key=lambda cls: cls.__qualname__,
)


def test_the_contexts_are_found() -> None:
    names = {cls.__name__ for cls in CONTEXTS}
    assert {"HomeContext", "ArticleContext", "PassageContext", "SourceContext", "ZoneContext", "CityContext",
            "ZonesContext", "SearchPageContext"} <= names


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda cls: cls.__name__)
def test_every_field_is_documented(context: type) -> None:
    assert context.__doc__ and not context.__doc__.startswith(f"{context.__name__}("), "the class needs a docstring"
    undocumented = [f.name for f in dataclasses.fields(context) if not f.metadata.get("help", "").strip()]
    assert not undocumented, f"{context.__name__} fields without help: {undocumented}"
