"""The rule engine: named, coded, individually configurable checks over a prepared plan.

A :class:`Rule` is a function decorated with :func:`rule`; it receives a :class:`RuleContext`
and yields :class:`Hit` objects. The engine turns hits into :class:`Finding` objects with the
rule's code and (possibly re-graded) severity, and the spec file's line where there is one.
Rules never raise on bad plans; model validation has already guaranteed structure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from rectimeet.errors import format_path
from rectimeet.i18n import N_, render
from rectimeet.sourcemap import SourceMap as SourceMap
from rectimeet.sourcemap import SpecPath, locate

T = TypeVar("T")

if TYPE_CHECKING:
    from rectimeet.errors import Problem
    from rectimeet.models.plan import Plan
    from rectimeet.plugins import PluginHost
    from rectimeet.prepared import Prepared

Path = SpecPath


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Hit(NamedTuple):
    """What a rule reports: a message id with its fields, and where."""

    message: str
    params: Mapping[str, Any] = {}
    path: Path = ()
    hint: str = ""
    hint_params: Mapping[str, Any] = {}


class Finding(NamedTuple):
    """One finding, with a stable code; messages render in zh (default) or en.

    ``code`` is the rule's code (``CA101``), ``severity`` a :class:`Severity`, ``path`` where in
    the plan it is (``location`` writes it out), ``line`` and ``column`` where in the spec file
    (``None`` without a file). A finding is an immutable record (a named tuple).
    """

    code: str
    severity: Severity
    message_id: str
    params: Mapping[str, Any]
    path: Path
    line: int | None = None
    column: int | None = None
    hint_id: str = ""
    hint_params: Mapping[str, Any] = {}
    rule: str = ""

    def message(self, lang: str = "zh") -> str:
        return render(self.message_id, self.params, lang)

    def hint(self, lang: str = "zh") -> str:
        return render(self.hint_id, self.hint_params, lang) if self.hint_id else ""

    @property
    def location(self) -> str:
        return format_path(self.path)

    def sort_key(self) -> tuple[int, str, str, str]:
        return (self.severity.rank, self.code, self.message("en"), self.location)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message(lang),
            "path": self.location,
            "line": self.line,
            "column": self.column,
            "hint": self.hint(lang),
        }


@dataclass
class RuleContext:
    """What a rule can look at."""

    prepared: Prepared
    params: Mapping[str, Any]
    today: dt.date | None = None
    rule_codes: frozenset[str] = frozenset()
    """Codes of every rule of this run (lets configuration rules spot a misspelled code)."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    """Shared by every rule of one run: see :meth:`shared`."""

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, computed once per run: rules that walk the same data share one walk."""
        if key not in self.memo:
            self.memo[key] = compute()
        value: T = self.memo[key]
        return value

    @property
    def plan(self) -> Plan:
        return self.prepared.plan

    def param(self, name: str, default: Any) -> Any:
        return self.params.get(name, default)


CheckFn = Callable[[RuleContext], Iterable[Hit]]
ParamDefault = int | float | bool | str


class Param(NamedTuple):
    """A rule parameter: its default (whose type is the parameter's type) and its range."""

    default: ParamDefault
    minimum: float | None = None
    maximum: float | None = None

    def problem(self, value: object) -> tuple[str, dict[str, Any]] | None:
        """Why ``value`` is not valid for this parameter (message id, fields), or None."""
        kind = type(self.default)
        fields: dict[str, Any] = {"value": value}
        if kind is bool:
            if not isinstance(value, bool):
                return N_("{name} (rule {code}): {value} is not true or false"), fields
            return None
        if kind is str:
            if not isinstance(value, str):
                return N_("{name} (rule {code}): {value} is not text"), fields
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return N_("{name} (rule {code}): {value} is not a number"), fields
        if kind is int and not isinstance(value, int):
            return N_("{name} (rule {code}): {value} is not a whole number"), fields
        if self.minimum is not None and value < self.minimum:
            return N_("{name} (rule {code}): {value} should be at least {ge}"), \
                {**fields, "ge": self.minimum}
        if self.maximum is not None and value > self.maximum:
            return N_("{name} (rule {code}): {value} should be at most {le}"), \
                {**fields, "le": self.maximum}
        return None


def _param_spec(value: ParamDefault | Param) -> Param:
    if isinstance(value, Param):
        return value
    # Every built-in numeric parameter counts or measures something: negative is a typo.
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    return Param(value, minimum=0 if numeric else None)


class Rule(NamedTuple):
    """A documented, coded check."""

    code: str
    name: str
    family: str
    severity: Severity
    summary: str
    """English message id summarising what the rule checks (translated like any message)."""
    rationale: str
    source: str
    check: CheckFn
    params: Mapping[str, Any] = {}
    """Parameters and their defaults (documented in the rule catalogue)."""
    param_specs: Mapping[str, Param] = {}
    """Each parameter's type and range (see :func:`param_problems`)."""

    def __call__(self, ctx: RuleContext) -> Iterable[Hit]:
        return self.check(ctx)


def rule(
    code: str,
    *,
    name: str,
    family: str,
    severity: Severity | str = Severity.ERROR,
    summary: str,
    rationale: str,
    source: str,
    params: Mapping[str, ParamDefault | Param] | None = None,
) -> Callable[[CheckFn], Rule]:
    """Decorate a check function into a :class:`Rule`.

    ``params`` maps each parameter to its default, or to a :class:`Param` with a range; a plain
    numeric default means "at least 0".
    """
    specs = {k: _param_spec(v) for k, v in (params or {}).items()}

    def wrap(fn: CheckFn) -> Rule:
        return Rule(code, name, family, Severity(severity), summary, rationale, source, fn,
                    {k: p.default for k, p in specs.items()}, specs)

    return wrap


def collect_rules(host: PluginHost) -> list[Rule]:
    """Every rule from every plugin (the built-ins come through the core plugin)."""
    from rectimeet.errors import PluginError

    seen: dict[str, str] = {}
    rules: list[Rule] = []
    for plugin, r in host.plugin_rules():
        if r.code in seen:
            dist, _ = host.origin(plugin)
            raise PluginError(plugin, dist, N_("rule code {code} is already used by plugin {other}"),
                              {"code": r.code, "other": seen[r.code]})
        seen[r.code] = plugin
        rules.append(r)
    return sorted(rules, key=lambda r: r.code)


def param_problems(params: Mapping[str, object], rules: Iterable[Rule]) -> list[Problem]:
    """Problems (code P002, path ``rules.params.<name>``) of rule parameters that no rule
    declares, or whose value has the wrong type or is out of the declaring rule's range."""
    from rectimeet.errors import Problem

    specs: dict[str, list[tuple[str, Param]]] = {}
    for r in rules:
        for name in r.params:
            spec = r.param_specs.get(name) or _param_spec(r.params[name])
            specs.setdefault(name, []).append((r.code, spec))
    problems = []
    for name, value in params.items():
        path: Path = ("rules", "params", name)
        if name not in specs:
            problems.append(Problem("P002", path, N_("unknown rule parameter {name}; the rules "
                                                     "take {known}"),
                                    params={"name": name, "known": sorted(specs)}))
            continue
        for code, spec in specs[name]:
            found = spec.problem(value)
            if found is not None:
                msgid, fields = found
                problems.append(Problem("P002", path, msgid,
                                        params={**fields, "name": name, "code": code}))
                break
    return problems


def run_rules(
    prepared: Prepared,
    rules: Iterable[Rule],
    *,
    source_map: SourceMap | None = None,
    today: dt.date | None = None,
    only: Callable[[Rule, Severity], bool] | None = None,
) -> list[Finding]:
    """Run every enabled rule and return all findings, sorted deterministically.

    ``only`` (given a rule and its severity in this plan) picks the rules to run; the others
    still count as installed (a rule that checks the spec's rule settings sees every code)."""
    settings = prepared.plan.rules
    disabled = set(settings.disable)
    rules = list(rules)
    codes = frozenset(r.code for r in rules)
    findings: list[Finding] = []
    memo: dict[str, Any] = {}
    for r in rules:
        if r.code in disabled:
            continue
        if only is not None and not only(r, Severity(settings.severity.get(r.code, r.severity))):
            continue
        params = {**r.params, **{k: v for k, v in prepared.defaults.params.items() if k in r.params},
                  **{k: v for k, v in settings.params.items() if k in r.params}}
        severity = Severity(settings.severity.get(r.code, r.severity))
        ctx = RuleContext(prepared, params, today, codes, memo)
        for hit in r.check(ctx):
            line, col = locate(hit.path, source_map)
            findings.append(Finding(r.code, severity, hit.message, dict(hit.params), hit.path, line,
                                    col, hit.hint, dict(hit.hint_params), r.name))
    return sorted(findings, key=Finding.sort_key)


def format_finding(f: Finding, source: str | None, lang: str) -> str:
    """One finding as a line (and a hint line): ``file:line:col: CODE severity [path] message``."""
    where = source or "<spec>"
    if f.line is not None:
        where += f":{f.line}"
        if f.column is not None:
            where += f":{f.column}"
    sev = render(f.severity.value, None, lang)
    text = f"{where}: {f.code} {sev} [{f.location}] {f.message(lang)}"
    hint = f.hint(lang)
    if hint:
        text += f"\n    {render(N_('hint'), None, lang)}: {hint}"
    return text


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
