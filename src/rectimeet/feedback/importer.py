"""Bring a feedback document's problems into a spec: ``rectimeet import SPEC --feedback FILE``.

The import manages the problems it brought in — those with a ``position``. Re-importing matches
each problem of the document to one in the spec, first by its wording (so a problem that moved
keeps its id and claims), then by its position (so a reworded problem is reported as changed,
not as one removed and one added). What is left over is added, or removed; removing a problem a
member has claimed, or a checklist item answers, is refused unless ``allow_drop``.

Problems typed by hand (no ``position``) are left alone, except one worded exactly like a
problem of the document: that one is adopted (keeps its id and claims, gains area, details and
position). A new problem is claimed by 班子: the feedback is addressed to the party
organisation, whose leadership team answers for every problem; members' claims are for the
team to decide.

Nothing is written unless everything checks; the spec is written like ``--xlsx`` writes it
(comments and order kept, only the changed keys, atomically).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rectimeet import atomic
from rectimeet.errors import LedgerError
from rectimeet.feedback.errors import FeedbackImportError
from rectimeet.feedback.model import FeedbackDocument
from rectimeet.i18n import N_
from rectimeet.models.base import TEAM
from rectimeet.models.checklist import ChecklistItem
from rectimeet.models.inspection import FeedbackIssue, FeedbackSuggestion
from rectimeet.models.plan import Plan

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
_ITEM_FIELDS = ("category", "text", "details", "position")
_INSPECTION_FIELDS = ("kind", "scope", "group", "round", "feedback_date", "feedback_title")


@dataclass(frozen=True)
class Change:
    """One line of what the import does."""

    action: str
    """added, removed or changed."""
    id: str
    """Issue or suggestion id, or ``inspection.<field>``."""
    position: str = ""
    text: str = ""
    """The problem's statement, or the field's new value."""
    old: str = ""
    """What a changed field said before (the old statement for a reworded problem)."""
    fields: tuple[str, ...] = ()


@dataclass
class FeedbackImportResult:
    """What the import changed (or would change, in a dry run)."""

    document: FeedbackDocument
    plan: Plan
    """The plan after the import."""
    changes: list[Change] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Ids of problems typed by hand that the document does not contain (left alone)."""
    unlinked: list[str] = field(default_factory=list)
    """Checklist items whose ``source_ref`` named a dropped problem (cleared, with history)."""
    written: bool = False


@dataclass
class _Candidate:
    text: str
    details: list[str]
    position: str
    category: str
    base_id: str


@dataclass
class _Match:
    candidate: _Candidate
    old: Any | None  # FeedbackIssue | FeedbackSuggestion


def _match(old: Sequence[Any], new: Sequence[_Candidate]) -> tuple[list[_Match], list[Any]]:
    """Pair document items with spec items: same wording and place, same wording, same place."""
    pool = list(old)
    pairs: dict[int, Any] = {}

    def same_place(o: Any, c: _Candidate) -> bool:
        return bool(o.position) and o.position == c.position

    tests: tuple[Callable[[Any, _Candidate], bool], ...] = (
        lambda o, c: o.text == c.text and o.position == c.position,
        lambda o, c: o.text == c.text,
        same_place,
    )
    for test in tests:
        for i, candidate in enumerate(new):
            if i in pairs:
                continue
            for j, item in enumerate(pool):
                if test(item, candidate):
                    pairs[i] = pool.pop(j)
                    break
    return [_Match(c, pairs.get(i)) for i, c in enumerate(new)], pool


def _candidates(doc: FeedbackDocument) -> tuple[list[_Candidate], list[_Candidate]]:
    issues = [
        _Candidate(p.statement, list(p.details), p.position, area.title, f"F{a}-{n}")
        for a, area in enumerate(doc.areas, 1) for n, p in enumerate(area.problems, 1)
    ]
    suggestions = [_Candidate(s.statement, list(s.details), s.position, "", f"S{n}")
                   for n, s in enumerate(doc.suggestions, 1)]
    return issues, suggestions


def _free_id(base: str, used: set[str]) -> str:
    if base not in used:
        return base
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        if base + suffix not in used:
            return base + suffix
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def _reconcile(old: Sequence[Any], candidates: list[_Candidate], make: Any,
               changes: list[Change], *, issues: bool) -> tuple[list[Any], list[Any], list[Any]]:
    """(new list, removed, kept by hand)."""
    managed = [o for o in old if o.position or not issues]
    typed = [o for o in old if not o.position and issues]
    matches, left = _match(old, candidates)
    kept = [o for o in typed if o in left]
    removed = [o for o in managed if o in left]
    used = {o.id for o in kept} | {m.old.id for m in matches if m.old is not None}
    result: list[Any] = list(kept)
    for m in matches:
        c = m.candidate
        values: dict[str, Any] = {"category": c.category} if issues else {}
        values.update(text=c.text, details=c.details, position=c.position)
        if m.old is None:
            new_id = _free_id(c.base_id, used)
            used.add(new_id)
            extra = {"claimed_by": [TEAM]} if issues else {}
            result.append(make(id=new_id, **values, **extra))
            changes.append(Change(ADDED, new_id, c.position, c.text))
            continue
        updated = m.old.model_copy(update=values)
        differs = tuple(k for k in values if getattr(m.old, k) != values[k])
        result.append(updated)
        if differs:
            changes.append(Change(CHANGED, m.old.id, c.position, c.text,
                                  m.old.text if "text" in differs else "", differs))
    for o in removed:
        changes.append(Change(REMOVED, o.id, o.position, o.text))
    return result, removed, kept


def _in_use(plan: Plan, item: Any, issue: bool) -> list[tuple[str, Mapping[str, Any]]]:
    reasons: list[tuple[str, Mapping[str, Any]]] = []
    if issue:
        members = [plan.unit.person_name(who) or who for who in item.claimed_by if who != TEAM]
        if members:
            reasons.append((N_("claimed by {members}"), {"members": members}))
    answered = [c.id for c in plan.checklist if c.source_ref == item.id]
    if answered:
        reasons.append((N_("answered by checklist item(s) {items}"), {"items": answered}))
    return reasons


def _inspection_values(doc: FeedbackDocument) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if doc.kind is not None:
        values["kind"] = doc.kind
    if doc.scope is not None:
        values["scope"] = doc.scope
    if doc.group:
        values["group"] = doc.group
    if doc.round:
        values["round"] = doc.round
    if doc.date is not None:
        values["feedback_date"] = doc.date
    if doc.title:
        title = doc.title.strip()
        values["feedback_title"] = title if title.startswith("《") else f"《{title}》"
    return values


def plan_import(plan: Plan, doc: FeedbackDocument, *, allow_drop: bool = False, by: str = "",
                on: dt.date | None = None, spec: str = "<spec>") -> FeedbackImportResult:
    """Work out the import of ``doc`` into ``plan`` without writing anything.

    Raises :class:`FeedbackImportError` when problems in use would be dropped and
    ``allow_drop`` is false.
    """
    changes: list[Change] = []
    issue_candidates, suggestion_candidates = _candidates(doc)
    inspection = plan.inspection
    issues, removed_issues, kept = _reconcile(inspection.issues, issue_candidates, FeedbackIssue,
                                              changes, issues=True)
    suggestions, removed_suggestions, _ = _reconcile(inspection.suggestions, suggestion_candidates,
                                                     FeedbackSuggestion, changes, issues=False)
    blocked = [(o.id, reasons) for o, is_issue in
               [*((o, True) for o in removed_issues), *((o, False) for o in removed_suggestions)]
               if (reasons := _in_use(plan, o, is_issue))]
    if blocked and not allow_drop:
        raise FeedbackImportError(spec, blocked)
    dropped = {o.id for o in [*removed_issues, *removed_suggestions]}
    day = on or dt.date.today()
    checklist: list[ChecklistItem] = []
    unlinked: list[str] = []
    from rectimeet.ledger import lifecycle

    for item in plan.checklist:
        if item.source_ref in dropped:
            item = lifecycle.edit(item, "source_ref", None, by=by, on=day,
                                  note="反馈意见导入：所答问题已不在反馈意见中")
            unlinked.append(item.id)
        checklist.append(item)
    values = _inspection_values(doc)
    for name, value in values.items():
        old = getattr(inspection, name)
        if old != value:
            changes.append(Change(CHANGED, f"inspection.{name}", text=_text(value), old=_text(old)))
    new_inspection = inspection.model_copy(update={**values, "issues": issues,
                                                   "suggestions": suggestions})
    data = plan.model_dump(by_alias=True)
    data["inspection"] = new_inspection.model_dump(by_alias=True)
    data["checklist"] = [c.model_dump(by_alias=True) for c in checklist]
    new_plan = Plan.model_validate(data)
    return FeedbackImportResult(doc, new_plan, changes, [o.id for o in kept], unlinked)


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(getattr(value, "value", value))


# ---------------------------------------------------------------- writing the spec back


def _node(item: Any, issue: bool) -> CommentedMap:
    node = CommentedMap(id=item.id)
    if issue and item.category:
        node["category"] = item.category
    node["text"] = item.text
    if item.details:
        node["details"] = CommentedSeq(item.details)
    node["position"] = item.position
    if issue:
        claims = CommentedSeq(item.claimed_by)
        claims.fa.set_flow_style()
        node["claimed_by"] = claims
    return node


def _update_node(node: CommentedMap, old: Any, new: Any) -> None:
    keys = [k for k in _ITEM_FIELDS if k in type(new).model_fields]
    for name in keys:
        value = getattr(new, name)
        if value == getattr(old, name) and (name in node or not value):
            continue
        if not value:
            node.pop(name, None)
            continue
        if name == "details" and node.fa.flow_style():
            node.fa.set_block_style()
        yaml_value = CommentedSeq(value) if name == "details" else value
        if name in node:
            node[name] = yaml_value
        else:
            # New keys go before the claims, where a reader expects the problem's own words.
            at = list(node).index("claimed_by") if "claimed_by" in node else len(node)
            node.insert(at, name, yaml_value)


def _write_items(parent: CommentedMap, key: str, old: Sequence[Any], new: Sequence[Any],
                 issue: bool) -> None:
    if not new and key not in parent:
        return
    seq = parent.get(key)
    nodes = {o.id: n for o, n in zip(old, seq or [], strict=False)}
    olds = {o.id: o for o in old}
    items: list[Any] = []
    for item in new:
        if item.id in nodes and isinstance(nodes[item.id], CommentedMap):
            _update_node(nodes[item.id], olds[item.id], item)
            items.append(nodes[item.id])
        else:
            items.append(_node(item, issue))
    if isinstance(seq, CommentedSeq):
        # The same sequence object keeps the comment on its key line.
        del seq[:]
        seq.extend(items)
        return
    _put(parent, key, CommentedSeq(items), before="issues")


def _put(mapping: CommentedMap, key: str, value: Any, before: str | None = None) -> None:
    """Set ``key``; a new key goes before ``before`` or at the end — but never after a last key
    that carries comments: ruamel keeps the comment block that ends a section (often the next
    section's title) on the section's last key or sequence, so that key has to stay last."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    at = keys.index(before) if before in keys else len(keys)
    if at == len(keys) and keys:
        last = keys[-1]
        entry = mapping.ca.items.get(last)
        if isinstance(mapping[last], CommentedMap | CommentedSeq) or (entry and any(entry)):
            at -= 1
    mapping.insert(at, key, value)


def update_document(document: Any, before: Plan, result: FeedbackImportResult) -> None:
    """Edit the round-trip YAML ``document`` in place to say what ``result.plan`` says."""
    from rectimeet.ledger.excel import ImportResult
    from rectimeet.ledger.excel import update_document as update_checklist

    inspection = document["inspection"]
    after = result.plan.inspection
    for name in _INSPECTION_FIELDS:
        value = getattr(after, name)
        if value != getattr(before.inspection, name):
            _put(inspection, name, dt.date.fromordinal(value.toordinal())
                 if isinstance(value, dt.date) else _text(value))
    _write_items(inspection, "issues", before.inspection.issues, after.issues, True)
    _write_items(inspection, "suggestions", before.inspection.suggestions, after.suggestions, False)
    if result.unlinked:
        rows = document["checklist"] if "checklist" in document else CommentedSeq()
        update_checklist(rows, before, ImportResult(result.plan.checklist))


def import_feedback(spec_path: Path | str, source: Path | str, *, allow_drop: bool = False,
                    dry_run: bool = False, by: str = "", on: dt.date | None = None,
                    document: FeedbackDocument | None = None) -> FeedbackImportResult:
    """Import the feedback document ``source`` into the spec file (see the module doc).

    ``document`` skips reading ``source`` (already parsed). Raises
    :class:`~rectimeet.feedback.FeedbackError` for an unreadable document and
    :class:`FeedbackImportError` for problems in use that would be dropped; the spec is then
    untouched, as it is in a dry run.
    """
    from rectimeet.feedback import parse
    from rectimeet.locking import spec_lock
    from rectimeet.spec.loader import load_bytes, load_text, read_spec_bytes
    from rectimeet.spec.writer import SpecText, dump_like

    doc = document if document is not None else parse(source)
    if dry_run:
        loaded = load_bytes(read_spec_bytes(Path(spec_path)), Path(spec_path))
        return plan_import(loaded.plan, doc, allow_drop=allow_drop, by=by, on=on, spec=str(spec_path))
    # One writer at a time, and the file replaced only if it did not change since it was read.
    with spec_lock(spec_path):
        raw = read_spec_bytes(Path(spec_path))
        loaded = load_bytes(raw, Path(spec_path))
        result = plan_import(loaded.plan, doc, allow_drop=allow_drop, by=by, on=on,
                             spec=str(spec_path))
        if not result.changes:
            return result
        spec = SpecText.of(raw.decode("utf-8"))
        update_document(loaded.document, loaded.plan, result)
        text = dump_like(loaded.document, raw.decode("utf-8-sig"))
        data = spec.encode(text)
        reread = load_text(data.decode("utf-8-sig"), spec_path).plan
        if reread.inspection != result.plan.inspection or reread.checklist != result.plan.checklist:
            raise LedgerError(N_("{path}: the updated spec does not read back as computed; "
                                 "nothing was written"), {"path": str(spec_path)})
        atomic.write_bytes(spec_path, data, expect=raw)
    result.written = True
    return result
