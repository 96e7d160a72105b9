"""The saved file's JSON schema, with each field described by its docstring in the source.

The models document their fields with attribute docstrings. Pydantic can read them itself
(``use_attribute_docstrings``), but it does so for every class on every import, about
35 ms of each process's start-up, for descriptions only ``carte-prep schema`` prints. So
they are read here, from the source, when the schema is asked for.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import typing
from typing import Any

from pydantic import BaseModel


def attribute_docs(cls: type[BaseModel]) -> dict[str, str]:
    """Each field of one class with the docstring written under it (its own fields only)."""
    tree = ast.parse(inspect.getsource(cls))
    body = next(node for node in tree.body if isinstance(node, ast.ClassDef)).body
    docs: dict[str, str] = {}
    for field, following in itertools.pairwise(body):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[field.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _described(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    properties = schema.get("properties", {})
    for name, doc in attribute_docs(cls).items():
        if name in properties:
            properties[name].setdefault("description", doc)


def documented_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema, every class's fields described from their docstrings."""
    schema = model.model_json_schema()
    _described(schema, model)
    models = _models_within(model)
    for name, definition in schema.get("$defs", {}).items():
        if name in models:
            _described(definition, models[name])
    return schema


def _models_within(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class reachable from ``model``'s fields, by name (the schema's $defs).

    Found from the fields, not from one module: the models are spread over several.
    """
    found: dict[str, type[BaseModel]] = {}
    waiting: list[Any] = [model]
    while waiting:
        kind = waiting.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if kind.__name__ in found:
                continue
            found[kind.__name__] = kind
            waiting.extend(field.annotation for field in kind.model_fields.values())
        else:
            waiting.extend(typing.get_args(kind))
    return found
