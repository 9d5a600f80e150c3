"""The plugin host: a manager factory, entry-point loading, and a typed facade over the hooks.

Nothing is loaded at import time. :func:`get_host` builds (once per process) a host that
registers the core fallback, then the built-in level plugins, then third-party plugins, all
found through the ``rectimeet`` entry-point group. pluggy calls implementations last-registered
first, which gives the documented precedence: third party > level plugin > core fallback.
"""

from __future__ import annotations

import importlib
import importlib.metadata as md
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import pluggy
from pydantic import BaseModel, ValidationError

from rectimeet import hookspecs
from rectimeet.adapters import validate_as
from rectimeet.errors import PluginError, UnknownLevelError
from rectimeet.feedback.errors import FeedbackError
from rectimeet.hookspecs import PROJECT, LevelContext
from rectimeet.i18n import N_
from rectimeet.models.level import FocusArea, LevelDefaults, LevelInfo, Participants
from rectimeet.models.meeting import AgendaItem, MeetingKind
from rectimeet.models.milestone import Milestone
from rectimeet.models.outline import OutlineSection
from rectimeet.models.plan import Plan
from rectimeet.models.study import StudyItem
from rectimeet.models.unit import SuperiorRole, Unit
from rectimeet.vocabulary import Declared, VocabularyTerm, declared

if TYPE_CHECKING:
    from rectimeet.feedback.model import FeedbackDocument

ENTRY_POINT_GROUP = PROJECT
BUILTIN_DISTRIBUTION = "rectimeet"
CORE_PLUGINS = ("rectimeet.core_defaults", "rectimeet.documents.plugin")

T = TypeVar("T")


class PluginRecord(NamedTuple):
    """What ``rectimeet plugins`` shows about one registered plugin."""

    name: str
    distribution: str | None
    version: str | None
    builtin: bool
    hooks: tuple[str, ...]
    levels: tuple[str, ...]


class PluginHost:
    """A typed facade over a pluggy manager: the only place that calls ``pm.hook``."""

    def __init__(self, pm: pluggy.PluginManager, origins: dict[str, str | md.Distribution | None]):
        self.pm = pm
        # plugin name -> its distribution's name, or the distribution itself until its name is
        # first asked for (reading it parses the distribution's METADATA file)
        self._origins = origins
        self._versions: dict[str, str | None] = {}

    # -- bookkeeping -------------------------------------------------------------------------

    def origin(self, plugin_name: str) -> tuple[str | None, str | None]:
        """The plugin's distribution and its version (read when first asked: reading a
        distribution's metadata costs a parse of its METADATA file)."""
        dist = self._origins.get(plugin_name)
        if dist is not None and not isinstance(dist, str):
            dist = self._origins[plugin_name] = dist.name
        if dist is None:
            return None, None
        if dist not in self._versions:
            self._versions[dist] = _version(dist)
        return dist, self._versions[dist]

    def records(self) -> list[PluginRecord]:
        out = []
        for name, plugin in self.pm.list_name_plugin():
            if plugin is None:
                continue
            dist, version = self.origin(name)
            hooks = tuple(sorted(h.name for h in self.pm.get_hookcallers(plugin) or []))
            levels: tuple[str, ...] = ()
            if hasattr(plugin, "rectimeet_levels"):
                levels = tuple(i.id for i in self._call_one(name, plugin.rectimeet_levels, list[LevelInfo]))
            out.append(PluginRecord(name, dist, version, dist in (None, BUILTIN_DISTRIBUTION),
                                    hooks, levels))
        return out

    def _invoke(self, hook: str, impl: Any, kwargs: dict[str, Any]) -> Any:
        """Call one implementation; any exception becomes a PluginError naming its plugin."""
        try:
            return impl.function(*[kwargs[a] for a in impl.argnames])
        except (PluginError, FeedbackError):
            # A FeedbackError is a plugin's considered refusal of a file: it already says why.
            raise
        except Exception as exc:  # a plugin may raise anything: name it, keep the cause
            dist, _ = self.origin(impl.plugin_name)
            raise PluginError(impl.plugin_name, dist, N_("hook {hook} raised {kind}: {error}"),
                              {"hook": hook, "kind": type(exc).__name__, "error": str(exc)}) from exc

    def _call_one(self, name: str, fn: Callable[[], Any], type_: Any) -> Any:
        try:
            return validate_as(type_, fn())
        except Exception as exc:
            dist, _ = self.origin(name)
            raise PluginError(name, dist, N_("hook {hook} failed: {error}"),
                              {"hook": fn.__name__, "error": str(exc)}) from exc

    def _first(self, hook: str, type_: Any, **kwargs: Any) -> Any:
        """Call a firstresult hook and validate the answer with the core models."""
        caller = getattr(self.pm.hook, hook)
        # Walk implementations in call order ourselves so a bad answer is blamed correctly.
        for impl in reversed(caller.get_hookimpls()):
            result = self._invoke(hook, impl, kwargs)
            if result is None:
                continue
            try:
                return validate_as(type_, _plain(result))
            except ValidationError as exc:
                dist, _ = self.origin(impl.plugin_name)
                raise PluginError(impl.plugin_name, dist, N_("hook {hook} returned invalid data: {error}"),
                                  {"hook": hook, "error": str(exc)}) from exc
        return None

    def _all(self, hook: str, type_: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        caller = getattr(self.pm.hook, hook)
        out = []
        for impl in reversed(caller.get_hookimpls()):
            result = self._invoke(hook, impl, kwargs)
            if result is None:
                continue
            try:
                out.append((impl.plugin_name, validate_as(type_, _plain(result))))
            except ValidationError as exc:
                dist, _ = self.origin(impl.plugin_name)
                raise PluginError(impl.plugin_name, dist, N_("hook {hook} returned invalid data: {error}"),
                                  {"hook": hook, "error": str(exc)}) from exc
        return out

    # -- levels ------------------------------------------------------------------------------

    def levels(self) -> dict[str, LevelInfo]:
        found: dict[str, LevelInfo] = {}
        owner: dict[str, str] = {}
        for plugin, infos in self._all("rectimeet_levels", list[LevelInfo]):
            for info in infos:
                if info.id in found:
                    dist, _ = self.origin(plugin)
                    raise PluginError(plugin, dist, N_("level {level} is already provided by plugin {other}"),
                                      {"level": info.id, "other": owner[info.id]})
                found[info.id] = info
                owner[info.id] = plugin
        return found

    def defaults(self, unit: Unit, plan: Plan | None = None) -> LevelDefaults:
        """Resolve every default for ``unit`` (agenda, study list, …) through the hooks."""
        levels = self.levels()
        if unit.level not in levels:
            known = ", ".join(sorted(levels)) or "none"
            raise UnknownLevelError(N_("unknown level {level}; installed levels: {known}"),
                                    {"level": unit.level, "known": known})
        ctx = LevelContext(level=unit.level, unit=unit, plan=plan)
        defaults = LevelDefaults(
            level=unit.level,
            meeting_kind=self._first("rectimeet_meeting_kind", MeetingKind, ctx=ctx)
            or MeetingKind.DEMOCRATIC_LIFE,
            agenda=self._first("rectimeet_agenda", list[AgendaItem], ctx=ctx) or [],
            study=self._first("rectimeet_study_list", list[StudyItem], ctx=ctx) or [],
            focus_areas=self._first("rectimeet_focus_areas", list[FocusArea], ctx=ctx) or [],
            participants=self._first("rectimeet_participants", Participants, ctx=ctx) or Participants(),
            milestones=self._first("rectimeet_milestones", list[Milestone], ctx=ctx) or [],
            requirements=self._first("rectimeet_requirements", list[str], ctx=ctx) or [],
            superiors=self._first("rectimeet_superiors", dict[SuperiorRole, str], ctx=ctx) or {},
            params=self._first("rectimeet_rule_params", dict[str, int | float | bool | str], ctx=ctx)
            or {},
            outline=self._first("rectimeet_outline", list[OutlineSection], ctx=ctx) or [],
        )
        # Adjusters run in registration order: core, level plugins, then third parties last.
        # The defaults are re-validated after each one, so a bad change is blamed on its author.
        for impl in self.pm.hook.rectimeet_adjust_defaults.get_hookimpls():
            self._invoke("rectimeet_adjust_defaults", impl, {"ctx": ctx, "defaults": defaults})
            try:
                defaults = LevelDefaults.model_validate(defaults.model_dump())
            except ValidationError as exc:
                dist, _ = self.origin(impl.plugin_name)
                raise PluginError(impl.plugin_name, dist, N_("hook {hook} returned invalid data: {error}"),
                                  {"hook": "rectimeet_adjust_defaults", "error": str(exc)}) from exc
        return defaults

    def vocabulary(self) -> Declared:
        """The named vocabularies in force: the core's terms plus every plugin's declarations."""
        terms = [(plugin, term) for plugin, items in self._all("rectimeet_vocabulary", list[VocabularyTerm])
                 for term in items]
        return declared(terms)

    # -- rules, calendar, documents, scaffold --------------------------------------------------

    def plugin_rules(self) -> list[tuple[str, Any]]:
        """(plugin name, rule) pairs contributed by plugins."""
        from rectimeet.rules.engine import Rule

        out = []
        for plugin, rules in self._all("rectimeet_rules", list[Any]):
            for rule in rules:
                if not isinstance(rule, Rule):
                    dist, _ = self.origin(plugin)
                    raise PluginError(plugin, dist, N_("hook {hook} returned invalid data: {error}"),
                                      {"hook": "rectimeet_rules", "error": f"{rule!r} is not a Rule"})
                out.append((plugin, rule))
        return out

    def calendar_years(self) -> list[Any]:
        from rectimeet.scheduling.calendar_data import YearSchedule

        years: list[Any] = []
        for _plugin, items in self._all("rectimeet_calendar_years", list[YearSchedule]):
            years.extend(items)
        return years

    def document_records(self) -> list[tuple[str, list[Any]]]:
        """(plugin name, document types) pairs, lowest precedence first (built-ins first)."""
        from rectimeet.documents.registry import DocumentType

        out = []
        for impl in self.pm.hook.rectimeet_documents.get_hookimpls():
            result = self._invoke("rectimeet_documents", impl, {})
            if result is None:
                continue
            bad = [r for r in result if not isinstance(r, DocumentType)]
            if bad or not isinstance(result, list | tuple):
                dist, _ = self.origin(impl.plugin_name)
                raise PluginError(impl.plugin_name, dist, N_("hook {hook} returned invalid data: {error}"),
                                  {"hook": "rectimeet_documents",
                                   "error": f"{bad[0] if bad else result!r} is not a DocumentType"})
            out.append((impl.plugin_name, list(result)))
        return out

    def template_dirs(self, unit: Unit, plan: Plan | None = None) -> list[Path]:
        ctx = LevelContext(level=unit.level, unit=unit, plan=plan)
        dirs: list[Path] = []
        for _plugin, items in self._all("rectimeet_template_dirs", list[Path], ctx=ctx):
            dirs.extend(items)
        return dirs

    def scaffold(self, level: str) -> str | None:
        result: str | None = self._first("rectimeet_scaffold", str, level=level)
        return result

    def parse_feedback(self, path: Path) -> FeedbackDocument | None:
        """A plugin's reading of a feedback document, or None when no plugin answers."""
        from rectimeet.feedback.model import FeedbackDocument

        result: FeedbackDocument | None = self._first("rectimeet_parse_feedback",
                                                      FeedbackDocument, path=path)
        return result


def _plain(value: Any) -> Any:
    """Let plugins return model instances or plain data alike."""
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


BUILTIN_PACKAGES = frozenset({"rectimeet", "rectimeet_levels"})
"""The top-level packages rectimeet's own distribution installs: an entry point into one of them
is a built-in plugin."""


def _entry_points() -> list[tuple[md.EntryPoint, md.Distribution | None]]:
    """The plugins' entry points with their distributions, built-ins first."""
    found = [(ep, ep.dist) for ep in _group_entry_points(ENTRY_POINT_GROUP)]
    # Built-ins first so that third parties, registered later, are called first (LIFO). Told by
    # the package the entry point names, not by the distribution's name: that name is read by
    # parsing the distribution's METADATA file, a cost every check would pay.
    return sorted(found, key=lambda item: (0 if _top_package(item[0]) in BUILTIN_PACKAGES else 1,
                                           item[0].name))


def _group_entry_points(group: str) -> list[md.EntryPoint]:
    """The entry points of ``group``, in the order :func:`importlib.metadata.entry_points` gives.

    Only the distributions whose ``entry_points.txt`` names the group are parsed: parsing every
    installed distribution's file, as ``entry_points(group=…)`` does, costs a check about a
    millisecond and a half. A distribution installed twice on the path yields its entry points
    twice; the host keeps the first of each name, as ``entry_points`` would.
    """
    header = f"[{group}]"
    found: list[md.EntryPoint] = []
    for dist in md.distributions():
        text = dist.read_text("entry_points.txt")
        if text and header in text:
            found.extend(dist.entry_points.select(group=group))
    return found


def _top_package(ep: md.EntryPoint) -> str:
    return ep.value.split(":", 1)[0].split(".", 1)[0].strip()


class _Manager(pluggy.PluginManager):
    """pluggy's manager, told that no hook implementation's name starts with ``_``."""

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        # pluggy looks at every attribute a plugin has, dunders included (more than half of a
        # plugin object's), and reading each without running descriptors is what registering
        # costs; hook names all start with the project's name.
        if name.startswith("_"):
            return None
        return super().parse_hookimpl_opts(plugin, name)


def make_host(
    *,
    entry_points: bool = True,
    extra_plugins: list[tuple[str, ModuleType | object]] | None = None,
    block: tuple[str, ...] = (),
) -> PluginHost:
    """Build a fresh plugin host.

    ``entry_points=False`` loads only the core fallback (useful in tests); ``extra_plugins``
    registers objects directly, after everything else (so they take precedence); ``block``
    names entry points not to load.
    """
    pm = _Manager(PROJECT)
    pm.add_hookspecs(hookspecs)
    origins: dict[str, str | md.Distribution | None] = {}
    for module_name in CORE_PLUGINS:
        module = importlib.import_module(module_name)
        pm.register(module, name=module_name)
        origins[module_name] = BUILTIN_DISTRIBUTION
    if entry_points:
        for ep, dist in _entry_points():
            if ep.name in block or pm.has_plugin(ep.name):
                continue
            try:
                plugin = ep.load()
                pm.register(plugin, name=ep.name)
            except Exception as exc:
                raise PluginError(ep.name, dist.name if dist is not None else None,
                                  N_("could not be loaded: {kind}: {error}"),
                                  {"kind": type(exc).__name__, "error": str(exc)}) from exc
            origins[ep.name] = dist
    for name, plugin in extra_plugins or []:
        try:
            pm.register(plugin, name=name)
        except Exception as exc:
            raise PluginError(name, None, N_("could not be registered: {error}"), {"error": str(exc)}) from exc
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = getattr(exc.plugin, "__name__", str(exc.plugin))
        plugin_name = pm.get_name(exc.plugin) or name
        raise PluginError(plugin_name, PluginHost(pm, origins).origin(plugin_name)[0],
                          N_("invalid hook implementation: {error}"),
                          {"error": str(exc)}) from exc
    return PluginHost(pm, origins)


def _version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


_HOST: PluginHost | None = None


def get_host() -> PluginHost:
    """The process-wide host, built on first use (never at import)."""
    global _HOST
    if _HOST is None:
        _HOST = make_host()
    return _HOST


def reset_host() -> None:
    """Forget the process-wide host (after installing or removing a plugin)."""
    global _HOST
    _HOST = None
