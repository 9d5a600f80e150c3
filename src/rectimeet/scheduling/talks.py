"""谈心谈话: the required pairs (四必谈) and a schedule that fits them into the talk window.

The schedule is built over half-day slots (上午/下午 of each working day in the window). Every
person may have at most ``capacity`` talks per half-day, so the busiest person needs at least
``ceil(talks / capacity)`` half-days: that is the lower bound. For an even capacity (the default
is 2) the construction below always meets it, so a window is reported too short exactly when it
is (Petersen: orient the pairs along Euler tours so nobody has more than ``ceil(d/2)`` outgoing
or incoming talks, then colour the bipartite out/in graph with König's theorem). Capacity 1 is
edge colouring, NP-hard in general: Misra–Gries needs at most one half-day more than the bound.
Other odd capacities use the better of the construction for ``capacity - 1`` and a greedy.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from rectimeet.i18n import N_, render
from rectimeet.models.plan import Plan
from rectimeet.prepared import ComputedMilestone, ScheduledTalk
from rectimeet.scheduling.calendar import WorkCalendar
from rectimeet.vocabulary import MilestoneKey, TalkKind

HALF_DAYS = ("上午", "下午")


PairKind = TalkKind
"""The kinds of required pair (declared with the other vocabularies in :mod:`rectimeet.vocabulary`)."""


class RequiredPair(NamedTuple):
    a: str
    b: str
    kind: PairKind

    @property
    def key(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


def required_pairs(plan: Plan, include_branch: bool) -> list[RequiredPair]:
    """The 四必谈 pairs of the team (members who are not party members take no part)."""
    unit = plan.unit
    members = [m for m in unit.members if m.party_member]
    if not members:
        return []
    principal = unit.principal() or members[0]
    pairs: dict[frozenset[str], RequiredPair] = {}

    def add(a: str, b: str | None, kind: PairKind) -> None:
        if b is not None and a != b and frozenset((a, b)) not in pairs:
            pairs[frozenset((a, b))] = RequiredPair(a, b, kind)

    others = [m for m in members if m.id != principal.id]
    for m in others:
        add(principal.id, m.id, PairKind.PRINCIPAL_MEMBER)
    for i, m in enumerate(others):
        for n in others[i + 1:]:
            # Ordered by id so that reordering the team never changes a pair's wording.
            add(min(m.id, n.id), max(m.id, n.id), PairKind.MEMBER_MEMBER)
    for m in members:
        for oversight in m.oversees:
            add(m.id, oversight.head, PairKind.MEMBER_HEAD)
    if include_branch:
        representatives = {b.name: b.representative for b in unit.branches}
        for m in members:
            if m.branch is not None:
                add(m.id, representatives.get(m.branch), PairKind.MEMBER_BRANCH)
    return list(pairs.values())


# -- the scheduler ---------------------------------------------------------------------------

Slot = tuple[dt.date, str]


class TalkProblem(str):
    """Why the talks do not fit, as a message id with its fields.

    It is a ``str`` (the zh text) so that documents, JSON and ``Prepared.talk_problem`` keep a
    plain string; :meth:`render` gives it in another language.
    """

    message_id: str
    params: Mapping[str, Any]

    def __new__(cls, message_id: str, params: Mapping[str, Any]) -> TalkProblem:
        self = super().__new__(cls, render(message_id, params))
        self.message_id = message_id
        self.params = dict(params)
        return self

    def __reduce__(self) -> tuple[type[TalkProblem], tuple[str, dict[str, Any]]]:
        return TalkProblem, (self.message_id, dict(self.params))

    def render(self, lang: str = "zh") -> str:
        return render(self.message_id, self.params, lang)


class TalkSchedule(NamedTuple):
    """The outcome: a slot for every pair, or why that is impossible."""

    slots: dict[RequiredPair, Slot]
    needed: int
    """Half-days the busiest person needs at least (the lower bound)."""
    available: int
    """Half-days in the window."""
    busiest: str | None
    problem: TalkProblem | None = None

    @property
    def finish(self) -> Slot | None:
        return max(self.slots.values()) if self.slots else None


def lower_bound(pairs: Iterable[RequiredPair], capacity: int) -> tuple[int, str | None, int]:
    """(half-days needed, busiest person, their number of talks)."""
    degree: dict[str, int] = defaultdict(int)
    for p in pairs:
        degree[p.a] += 1
        degree[p.b] += 1
    if not degree:
        return 0, None, 0
    busiest = max(sorted(degree), key=lambda k: degree[k])
    return math.ceil(degree[busiest] / capacity), busiest, degree[busiest]


def _orient(pairs: Sequence[RequiredPair]) -> list[tuple[str, str]]:
    """Orient every pair so each person has at most ceil(d/2) outgoing and incoming talks.

    Odd-degree people are joined to a virtual hub so every degree is even, then each Euler
    circuit is followed (Hierholzer), which orients edges in and out alternately.
    """
    hub = object()
    adj: dict[object, list[tuple[object, int]]] = defaultdict(list)
    edges: list[tuple[object, object]] = []
    for p in pairs:
        edges.append((p.a, p.b))
    odd = [v for v, c in _degrees(edges).items() if c % 2]
    edges.extend((v, hub) for v in odd)
    for i, (u, v) in enumerate(edges):
        adj[u].append((v, i))
        adj[v].append((u, i))
    used = [False] * len(edges)
    oriented: dict[int, tuple[object, object]] = {}
    pointer: dict[object, int] = defaultdict(int)
    for start in list(adj):
        stack: list[tuple[object, int | None]] = [(start, None)]
        while stack:
            vertex, _ = stack[-1]
            neighbours = adj[vertex]
            while pointer[vertex] < len(neighbours) and used[neighbours[pointer[vertex]][1]]:
                pointer[vertex] += 1
            if pointer[vertex] == len(neighbours):
                stack.pop()
                continue
            nxt, index = neighbours[pointer[vertex]]
            used[index] = True
            oriented[index] = (vertex, nxt)
            stack.append((nxt, index))
    return [(str(oriented[i][0]), str(oriented[i][1])) for i in range(len(pairs))]


def _degrees(edges: Iterable[tuple[object, object]]) -> dict[object, int]:
    degree: dict[object, int] = defaultdict(int)
    for u, v in edges:
        degree[u] += 1
        degree[v] += 1
    return degree


def _bipartite_colouring(edges: Sequence[tuple[tuple[str, int], tuple[str, int]]],
                         colours: int) -> list[int]:
    """Properly colour a bipartite multigraph of max degree <= colours (König's theorem)."""
    left: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)   # vertex → colour → edge
    right: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)
    colour = [-1] * len(edges)
    for e, (u, v) in enumerate(edges):
        a = next(c for c in range(colours) if c not in left[u])
        b = next(c for c in range(colours) if c not in right[v])
        if a != b and a in right[v]:
            # Swap a and b along the alternating path starting at v (it cannot reach u).
            path: list[int] = []
            side, vertex, want = "right", v, a
            while True:
                table = right if side == "right" else left
                edge = table[vertex].get(want)
                if edge is None:
                    break
                path.append(edge)
                eu, ev = edges[edge]
                side, vertex = ("left", eu) if side == "right" else ("right", ev)
                want = b if want == a else a
            for edge in path:
                eu, ev = edges[edge]
                del left[eu][colour[edge]]
                del right[ev][colour[edge]]
            for edge in path:
                eu, ev = edges[edge]
                colour[edge] = b if colour[edge] == a else a
                left[eu][colour[edge]] = edge
                right[ev][colour[edge]] = edge
        colour[e] = a
        left[u][a] = e
        right[v][a] = e
    return colour


def _classes(pairs: Sequence[RequiredPair], capacity: int) -> list[list[RequiredPair]]:
    """Split the pairs into as few groups as possible with <= capacity talks per person each."""
    if not pairs:
        return []
    oriented = _orient(pairs)
    out_deg: dict[str, int] = defaultdict(int)
    in_deg: dict[str, int] = defaultdict(int)
    for u, v in oriented:
        out_deg[u] += 1
        in_deg[v] += 1
    # Each person's outgoing talks use capacity_out "seats" per class, incoming capacity_in.
    if capacity == 1:
        # Capacity 1 is graph edge colouring (NP-hard in general): Vizing's Δ+1 bound.
        return _best(_misra_gries(pairs), _greedy_classes(pairs, capacity))
    if capacity % 2:
        # Odd capacity: the even construction one seat lower, or greedy, whichever is shorter.
        return _best(_classes(pairs, capacity - 1), _greedy_classes(pairs, capacity))
    cap_out = cap_in = capacity // 2
    groups = lower_bound(pairs, capacity)[0]
    while not (all(d <= cap_out * groups for d in out_deg.values())
               and all(d <= cap_in * groups for d in in_deg.values())):
        groups += 1  # never taken for even capacity (Petersen), kept as a guard
    seat_out: dict[str, int] = defaultdict(int)
    seat_in: dict[str, int] = defaultdict(int)
    split: list[tuple[tuple[str, int], tuple[str, int]]] = []
    for u, v in oriented:
        split.append(((u, seat_out[u] // groups), (v, seat_in[v] // groups)))
        seat_out[u] += 1
        seat_in[v] += 1
    colours = _bipartite_colouring(split, groups)
    classes: list[list[RequiredPair]] = [[] for _ in range(groups)]
    for pair, c in zip(pairs, colours, strict=True):
        classes[c].append(pair)
    return [c for c in classes if c]


def _best(*options: list[list[RequiredPair]]) -> list[list[RequiredPair]]:
    return min(options, key=len)


def _misra_gries(pairs: Sequence[RequiredPair]) -> list[list[RequiredPair]]:
    """Proper edge colouring with at most Δ+1 colours (Misra & Gries 1992)."""
    degree = _degrees((p.a, p.b) for p in pairs)
    colours = max(degree.values()) + 1
    at: dict[str, dict[int, str]] = defaultdict(dict)  # person → colour → the other person
    colour_of: dict[frozenset[str], int] = {}

    def free(x: str) -> int:
        return next(c for c in range(colours) if c not in at[x])

    def set_colour(x: str, y: str, c: int | None) -> None:
        old = colour_of.pop(frozenset((x, y)), None)
        if old is not None:
            del at[x][old]
            del at[y][old]
        if c is not None:
            colour_of[frozenset((x, y))] = c
            at[x][c] = y
            at[y][c] = x

    def is_fan(u: str, fan: list[str]) -> bool:
        return all(colour_of[frozenset((u, fan[j + 1]))] not in at[fan[j]]
                   for j in range(len(fan) - 1))

    for p in pairs:
        u, v = p.a, p.b
        fan, seen = [v], {v}
        while True:
            last = fan[-1]
            nxt = next((w for c, w in sorted(at[u].items())
                        if w not in seen and c not in at[last]), None)
            if nxt is None:
                break
            fan.append(nxt)
            seen.add(nxt)
        c, d = free(u), free(fan[-1])
        # Invert the path from u whose edges alternate d, c, d, …
        path: list[tuple[str, str, int]] = []
        x, want = u, d
        while want in at[x]:
            y = at[x][want]
            path.append((x, y, want))
            x, want = y, (c if want == d else d)
        for x, y, _ in path:
            set_colour(x, y, None)
        for x, y, col in path:
            set_colour(x, y, c if col == d else d)
        index = next(i for i in range(len(fan))
                     if d not in at[fan[i]] and is_fan(u, fan[:i + 1]))
        for j in range(index):
            shifted = colour_of[frozenset((u, fan[j + 1]))]
            set_colour(u, fan[j + 1], None)
            set_colour(u, fan[j], shifted)
        set_colour(u, fan[index], d)
    classes: list[list[RequiredPair]] = [[] for _ in range(colours)]
    for p in pairs:
        classes[colour_of[frozenset((p.a, p.b))]].append(p)
    return [cls for cls in classes if cls]


def _greedy_classes(pairs: Sequence[RequiredPair], capacity: int) -> list[list[RequiredPair]]:
    degree: dict[str, int] = defaultdict(int)
    for p in pairs:
        degree[p.a] += 1
        degree[p.b] += 1
    ordered = sorted(pairs, key=lambda p: (-(degree[p.a] + degree[p.b]), p.a, p.b))
    classes: list[list[RequiredPair]] = []
    load: list[dict[str, int]] = []
    for p in ordered:
        index = next((i for i, used in enumerate(load)
                      if used.get(p.a, 0) < capacity and used.get(p.b, 0) < capacity), None)
        if index is None:
            classes.append([])
            load.append({})
            index = len(classes) - 1
        classes[index].append(p)
        used = load[index]
        used[p.a] = used.get(p.a, 0) + 1
        used[p.b] = used.get(p.b, 0) + 1
    return classes


def schedule_pairs(pairs: Sequence[RequiredPair], days: Sequence[dt.date], capacity: int,
                   names: dict[str, str] | None = None) -> TalkSchedule:
    """Give every pair a half-day among ``days`` (working days, in order), earliest finish first."""
    slots: list[Slot] = [(d, h) for d in sorted(days) for h in HALF_DAYS]
    needed, busiest, talks = lower_bound(pairs, capacity)
    classes = _classes(pairs, capacity)
    if len(classes) > len(slots):
        who = (names or {}).get(busiest or "", busiest or "")
        window = f"{slots[0][0].isoformat()}—{slots[-1][0].isoformat()}" if slots else "—"
        fields = {"window": window, "capacity": capacity, "needed": needed, "slots": len(slots)}
        if needed > len(slots):
            why = TalkProblem(N_("Talk schedule impossible: {who} has {talks} talks, at most "
                                 "{capacity} per half-day, so {needed} half-days are needed but "
                                 "the window ({window}) has {days} working days, {slots} "
                                 "half-days."),
                              {**fields, "who": who, "talks": talks, "days": len(days)})
        else:
            why = TalkProblem(N_("Talk schedule does not fit: with at most {capacity} per "
                                 "half-day the schedule found needs {found} half-days (lower "
                                 "bound {needed}) but the window ({window}) has {slots}; allow "
                                 "{more} per half-day or lengthen the window."),
                              {**fields, "found": len(classes), "more": capacity + 1})
        return TalkSchedule({}, max(needed, len(classes)), len(slots), busiest, why)
    assigned = {p: slots[i] for i, cls in enumerate(classes) for p in cls}
    return TalkSchedule(assigned, needed, len(slots), busiest)


def talk_window(plan: Plan, calendar: WorkCalendar,
                milestones: Sequence[ComputedMilestone]) -> list[dt.date]:
    """Working days in the ``talk_window_days`` calendar days ending on the talks deadline."""
    talks = next((m for m in milestones if m.key == MilestoneKey.TALKS), None)
    end = talks.due if talks is not None else plan.meeting.date - dt.timedelta(days=1)
    end = min(end, plan.meeting.date - dt.timedelta(days=1))
    start = end - dt.timedelta(days=plan.schedule.talk_window_days - 1)
    return calendar.working_days(start, end)


def plan_talks(plan: Plan, calendar: WorkCalendar, milestones: list[ComputedMilestone]
               ) -> tuple[list[ScheduledTalk], TalkProblem | None]:
    """Recorded talks as they are, plus the missing required pairs scheduled in the window."""
    unit = plan.unit
    pairs = required_pairs(plan, plan.schedule.include_branch_talks)
    kinds = {p.key: p.kind.value for p in pairs}
    out: list[ScheduledTalk] = []
    for talk in plan.talks:
        a, b = talk.parties
        out.append(ScheduledTalk(a, b, unit.person_name(a), unit.person_name(b),
                                 kinds.get(talk.pair, TalkKind.OTHER.value), talk.date, talk.half_day,
                                 talk.held))
    recorded = {t.pair for t in plan.talks}
    missing = [p for p in pairs if p.key not in recorded]
    names = {m.id: m.name for m in unit.members} | {c.id: c.name for c in unit.contacts}
    result = schedule_pairs(missing, talk_window(plan, calendar, milestones),
                            plan.schedule.talk_capacity, names)
    for p in missing:
        day, half = result.slots.get(p, (None, ""))
        out.append(ScheduledTalk(p.a, p.b, names.get(p.a, p.a), names.get(p.b, p.b),
                                 p.kind.value, day, half))
    return out, result.problem
