"""The life of one checklist item: 待整改 → 整改中 → 已完成 → 已销号, and reopening.

Every operation returns a new item with one :class:`Change` appended per field it changed; the
history already there is never touched. Refusals raise :class:`LifecycleError` whose message is
Chinese by default and English on request (``error.render("en")``, also ``error.text("en")``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from rectimeet.errors import LedgerError
from rectimeet.i18n import N_, render
from rectimeet.models.checklist import (
    Change,
    ChecklistItem,
    ChecklistKind,
    ChecklistSource,
    ChecklistStatus,
    Evidence,
)
from rectimeet.models.milestone import DateUnit

PENDING = ChecklistStatus.PENDING
IN_PROGRESS = ChecklistStatus.IN_PROGRESS
DONE = ChecklistStatus.DONE
CLOSED = ChecklistStatus.CLOSED

# The order of the forward path; reopening goes back to 整改中 from 已完成 or 已销号.
FORWARD = (PENDING, IN_PROGRESS, DONE, CLOSED)

EDITABLE = ("issue", "source", "source_ref", "measure", "lead", "responsible", "kind", "deadline",
            "deadline_unit", "evidence", "note", "closed_by", "closed_on")
"""Fields :func:`edit` may change; ``status`` changes only through the transitions."""


class LifecycleError(LedgerError):
    """An operation on an item was refused.

    Like every :class:`~rectimeet.errors.RectimeetError` it keeps ``message_id`` and ``params``
    and renders with :meth:`render` (``str()`` is zh); ``reason`` is a nested message
    ``(id, params)`` filled in as ``{reason}`` in the same language.
    """

    def __init__(self, msgid: str, reason: tuple[str, Mapping[str, Any]] | None = None,
                 **params: Any) -> None:
        self.reason = reason
        super().__init__(msgid, params)

    @property
    def msgid(self) -> str:
        """The message id (older name of ``message_id``)."""
        return self.message_id

    def render(self, lang: str = "zh") -> str:
        params = dict(self.params)
        if self.reason is not None:
            params["reason"] = render(*self.reason, lang=lang)
        return render(self.message_id, params, lang)

    def text(self, lang: str = "zh") -> str:
        """The message in ``lang`` (same as :meth:`render`)."""
        return self.render(lang)


def value_text(value: object) -> str:
    """How a field's value is recorded in a :class:`Change` (dates ISO, evidence one per line)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, ChecklistStatus | ChecklistKind | ChecklistSource | DateUnit):
        return value.value
    if isinstance(value, list):
        return "\n".join(value_text(v) for v in value)
    if isinstance(value, Evidence):
        return f"{value.what}（{value.where}）" if value.where else value.what
    return str(value)


def _apply(item: ChecklistItem, updates: Mapping[str, Any], by: str, on: dt.date, note: str
           ) -> ChecklistItem:
    """A copy of ``item`` with ``updates`` applied and one Change per field that really changed."""
    changes = []
    for name, new in updates.items():
        old = getattr(item, name)
        if old == new:
            continue
        changes.append(Change(on=on, by=by, field=name, old=value_text(old), new=value_text(new),
                              note=note))
    if not changes:
        return item
    data = item.model_dump()
    data.update(updates)
    data["history"] = [*item.model_dump()["history"], *(c.model_dump() for c in changes)]
    # Validation again (not model_copy(update=…)) so that a bad value is refused, not stored.
    return ChecklistItem.model_validate(data)


def _refuse_status(item: ChecklistItem, target: ChecklistStatus, allowed: Sequence[ChecklistStatus]
                   ) -> None:
    if item.status not in allowed:
        raise LifecycleError(
            N_("item {id}: cannot go from {old} to {new}; allowed from {allowed}"),
            id=item.id, old=item.status.value, new=target.value,
            allowed=[s.value for s in allowed],
        )


def start(item: ChecklistItem, *, by: str, on: dt.date, note: str = "") -> ChecklistItem:
    """待整改 → 整改中."""
    _refuse_status(item, IN_PROGRESS, [PENDING])
    return _apply(item, {"status": IN_PROGRESS}, by, on, note)


def complete(item: ChecklistItem, *, by: str, on: dt.date, note: str = "") -> ChecklistItem:
    """整改中 → 已完成 (the work is done; 销号 still needs review)."""
    _refuse_status(item, DONE, [IN_PROGRESS])
    return _apply(item, {"status": DONE}, by, on, note)


def closing_problems(evidence: Sequence[Evidence], reviewer: str, closed_on: dt.date | None
                     ) -> list[tuple[str, str, dict[str, Any]]]:
    """What is missing for 销号, as ``(field, msgid, params)``; empty when it may close."""
    problems: list[tuple[str, str, dict[str, Any]]] = []
    if not evidence:
        problems.append(("evidence", N_("closing needs evidence (what it is and where it is kept)"),
                         {}))
    for e in evidence:
        if not e.what.strip() or not e.where.strip():
            problems.append(("evidence", N_("evidence “{evidence}” must say what it is and where "
                                            "it is kept"), {"evidence": value_text(e)}))
    if not reviewer.strip():
        problems.append(("closed_by", N_("closing needs a reviewer (销号审核人)"), {}))
    if closed_on is None:
        problems.append(("closed_on", N_("closing needs a date (销号日期)"), {}))
    return problems


def close(item: ChecklistItem, *, by: str, on: dt.date, reviewer: str,
          closed_on: dt.date | None = None, evidence: Sequence[Evidence] | None = None,
          note: str = "") -> ChecklistItem:
    """已完成 → 已销号, with evidence (what and where), a reviewer and a date.

    ``evidence`` replaces the item's evidence when given; ``closed_on`` defaults to ``on``.
    """
    _refuse_status(item, CLOSED, [DONE])
    proof = list(item.evidence if evidence is None else evidence)
    day = on if closed_on is None else closed_on
    problems = closing_problems(proof, reviewer, day)
    if problems:
        _, msgid, params = problems[0]
        raise LifecycleError(N_("item {id} cannot be closed: {reason}"), (msgid, params),
                             id=item.id)
    return _apply(item, {"evidence": proof, "closed_by": reviewer, "closed_on": day,
                         "status": CLOSED}, by, on, note)


def reopen(item: ChecklistItem, *, by: str, on: dt.date, note: str = "") -> ChecklistItem:
    """已完成 or 已销号 → 整改中 (e.g. the review found the problem back); the closing is cleared
    from the item and kept in its history."""
    _refuse_status(item, IN_PROGRESS, [DONE, CLOSED])
    return _apply(item, {"status": IN_PROGRESS, "closed_by": "", "closed_on": None}, by, on, note)


def edit(item: ChecklistItem, field: str, value: Any, *, by: str, on: dt.date, note: str = ""
         ) -> ChecklistItem:
    """Change one non-status field (deadline, measure, …), recorded in the history.

    The closing fields (reviewer, date, evidence) of a closed item may be corrected but not
    emptied; on an open item the reviewer and date stay empty.
    """
    if field not in EDITABLE:
        raise LifecycleError(N_("item {id}: field {field} cannot be edited directly"),
                             id=item.id, field=field)
    closing_field = field in ("closed_by", "closed_on")
    if closing_field and item.status is not CLOSED and value not in ("", None):
        raise LifecycleError(N_("item {id}: only a closed (已销号) item has a reviewer and a "
                                "closing date"), id=item.id)
    if item.status is CLOSED and field in ("evidence", "closed_by", "closed_on"):
        proof = value if field == "evidence" else item.evidence
        reviewer = value if field == "closed_by" else item.closed_by
        day = value if field == "closed_on" else item.closed_on
        problems = closing_problems(proof, reviewer or "", day)
        if problems:
            _, msgid, params = problems[0]
            raise LifecycleError(N_("item {id} is closed: {reason}"), (msgid, params), id=item.id)
    return _apply(item, {field: value}, by, on, note)


def path_to(current: ChecklistStatus, target: ChecklistStatus) -> list[ChecklistStatus]:
    """The statuses an item passes through from ``current`` to ``target`` (target last).

    Forward moves go step by step; going back reopens to 整改中 first. 待整改 cannot be
    reached again once work has started.
    """
    if current is target:
        return []
    if target is PENDING:
        raise LifecycleError(N_("cannot go back from {old} to {new}"), old=current.value,
                             new=target.value)
    here = FORWARD.index(current)
    there = FORWARD.index(target)
    if there > here:
        return list(FORWARD[here + 1:there + 1])
    return [IN_PROGRESS, *FORWARD[FORWARD.index(IN_PROGRESS) + 1:there + 1]]


def move_to(item: ChecklistItem, target: ChecklistStatus, *, by: str, on: dt.date,
            reviewer: str = "", closed_on: dt.date | None = None, note: str = ""
            ) -> ChecklistItem:
    """Take ``item`` to ``target`` through the lifecycle, recording every step."""
    for step in path_to(item.status, target):
        if step is IN_PROGRESS:
            item = (start if item.status is PENDING else reopen)(item, by=by, on=on, note=note)
        elif step is DONE:
            item = complete(item, by=by, on=on, note=note)
        else:
            item = close(item, by=by, on=on, reviewer=reviewer, closed_on=closed_on, note=note)
    return item


def state_problems(item: ChecklistItem, lang: str = "zh") -> list[str]:
    """How ``item`` breaks the lifecycle's invariants (empty for every item the operations make).

    A closed item has evidence (what and where), a reviewer and a date; any other item has
    neither reviewer nor date.
    """
    if item.status is CLOSED:
        return [render(msgid, params, lang)
                for _, msgid, params in closing_problems(item.evidence, item.closed_by,
                                                         item.closed_on)]
    problems = []
    if item.closed_by or item.closed_on is not None:
        problems.append(render(N_("item {id}: only a closed (已销号) item has a reviewer and a "
                                  "closing date"), {"id": item.id}, lang))
    return problems
