"""rectimeet: plan, check and document a 巡视巡察整改专题民主生活会 from one model.

The public API is re-exported lazily so that ``import rectimeet`` stays cheap and has no side
effects (no plugin loading, no template reading).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Plan": "rectimeet.models.plan",
    "load_plan": "rectimeet.spec",
    "dump_plan": "rectimeet.spec",
    "prepare": "rectimeet.api",
    "load": "rectimeet.spec.sources",
    "check": "rectimeet.api",
    "status": "rectimeet.api",
    "LoadedSpec": "rectimeet.spec.loader",
    "ScheduleResult": "rectimeet.results",
    "StatusResult": "rectimeet.results",
    "schedule": "rectimeet.api",
    "assemble": "rectimeet.api",
    "document_types": "rectimeet.api",
    "Prepared": "rectimeet.prepared",
    "RectimeetError": "rectimeet.errors",
    "SpecError": "rectimeet.errors",
    "PluginError": "rectimeet.errors",
    "LanguageError": "rectimeet.errors",
    "Finding": "rectimeet.rules.engine",
    "Severity": "rectimeet.rules.engine",
    "hookimpl": "rectimeet.hookspecs",
}

__all__ = [
    "Finding",
    "LanguageError",
    "LoadedSpec",
    "Plan",
    "PluginError",
    "Prepared",
    "RectimeetError",
    "ScheduleResult",
    "Severity",
    "SpecError",
    "StatusResult",
    "__version__",
    "assemble",
    "check",
    "document_types",
    "dump_plan",
    "hookimpl",
    "load",
    "load_plan",
    "prepare",
    "schedule",
    "status",
]

if TYPE_CHECKING:
    from rectimeet.api import assemble, check, document_types, prepare, schedule, status
    from rectimeet.errors import LanguageError, PluginError, RectimeetError, SpecError
    from rectimeet.hookspecs import hookimpl
    from rectimeet.models.plan import Plan
    from rectimeet.prepared import Prepared
    from rectimeet.results import ScheduleResult, StatusResult
    from rectimeet.rules.engine import Finding, Severity
    from rectimeet.spec import dump_plan, load_plan
    from rectimeet.spec.loader import LoadedSpec
    from rectimeet.spec.sources import load


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'rectimeet' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
