"""Field descriptions from attribute docstrings, attached only when someone asks for them.

Every model documents its fields with a docstring under the field. pydantic can read those at
class creation (``use_attribute_docstrings``), but that reads and parses each module's source
for every class: about a third of importing the models, paid by every ``rectimeet check``. The
docstrings only matter to the JSON schema, the docs and the template reference, so
:func:`attach_field_docs` reads them then, once per process.
"""

import ast
import inspect
import itertools
import textwrap

from pydantic import BaseModel


def _subclasses(cls: type[BaseModel]) -> list[type[BaseModel]]:
    out: list[type[BaseModel]] = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def docstrings(cls: type) -> dict[str, str]:
    """``{field: docstring}`` for the annotated attributes that ``cls`` itself defines."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body
    if not body or not isinstance(body[0], ast.ClassDef):
        return {}
    out: dict[str, str] = {}
    statements = body[0].body
    for node, after in itertools.pairwise(statements):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            out[node.target.id] = inspect.cleandoc(after.value.value)
    return out


_DONE: set[type[BaseModel]] = set()
_REBUILT: set[type[BaseModel]] = set()


def attach_field_docs(base: type[BaseModel]) -> list[type[BaseModel]]:
    """Give every field of ``base`` and its subclasses its docstring as description (an explicit
    description is kept). Models seen before are skipped; returns ``base``'s whole family."""
    models = [base, *_subclasses(base)]
    for model in models:
        if model in _DONE:
            continue
        found: dict[str, str] = {}
        for klass in reversed(model.__mro__):
            if isinstance(klass, type) and issubclass(klass, BaseModel) and klass is not BaseModel:
                found.update(docstrings(klass))
        for name, info in model.model_fields.items():
            if info.description is None and name in found:
                info.description = found[name]
        _DONE.add(model)
    return models


def rebuild_with_docs(base: type[BaseModel]) -> None:
    """:func:`attach_field_docs`, then rebuild the schemas so that the JSON schema carries the
    descriptions (only when a model of the family has not been rebuilt yet)."""
    models = attach_field_docs(base)
    if all(model in _REBUILT for model in models):
        return
    # A model's schema embeds the schemas of the models it holds: rebuild until every one has
    # been rebuilt after the models it refers to (the class tree is small and shallow).
    for _ in range(2):
        for model in models:
            if model.__pydantic_generic_metadata__["origin"] is None:
                model.model_rebuild(force=True)
    _REBUILT.update(models)
