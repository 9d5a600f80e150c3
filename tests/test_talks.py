"""四必谈: the required pairs and a schedule that fits them, or says exactly why not."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import pickle
import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from rectimeet.scheduling.talks import (
    HALF_DAYS,
    PairKind,
    RequiredPair,
    TalkProblem,
    lower_bound,
    required_pairs,
    schedule_pairs,
)
from scheduling_plans import calendar, make_plan, prepared

D = dt.date


def test_required_pairs_of_the_four_kinds() -> None:
    plan = make_plan(D(2026, 12, 18), members=5, heads=3)
    plan.unit.branches = [plan.unit.branches.__class__.__args__[0] if False else  # keep mypy calm
                          __import__("rectimeet.models.unit", fromlist=["Branch"]).Branch(
                              name="机关党支部", representative="c1")]
    plan.unit.members[1].branch = "机关党支部"
    kinds = Counter(p.kind for p in required_pairs(plan, include_branch=False))
    assert kinds == {PairKind.PRINCIPAL_MEMBER: 4, PairKind.MEMBER_MEMBER: 6, PairKind.MEMBER_HEAD: 3}
    with_branch = required_pairs(plan, include_branch=True)
    assert RequiredPair("m2", "c1", PairKind.MEMBER_BRANCH) in with_branch


def test_non_party_members_take_no_part() -> None:
    plan = make_plan(D(2026, 12, 18), members=4, heads=0)
    plan.unit.members[3].party_member = False
    assert all("m4" not in (p.a, p.b) for p in required_pairs(plan, include_branch=False))


def test_plan_talks_keeps_recorded_talks_and_schedules_the_rest() -> None:
    p = prepared(D(2026, 12, 18), members=3, heads=0,
                 talks=[{"parties": ["m2", "m1"], "date": "2026-12-01", "held": True}])
    assert p.talk_problem is None
    recorded = p.talks[0]
    assert (recorded.a, recorded.b, recorded.held, recorded.kind) == ("m2", "m1", True,
                                                                      "principal_member")
    scheduled = {frozenset((t.a, t.b)) for t in p.talks[1:]}
    assert scheduled == {frozenset(("m1", "m3")), frozenset(("m2", "m3"))}
    talks_due = p.milestone("talks")
    assert talks_due is not None
    assert all(t.date is not None and t.date <= talks_due.due for t in p.talks[1:])


def test_window_too_short_is_explained_in_chinese_and_english() -> None:
    p = prepared(D(2026, 12, 18), members=12, heads=0, schedule={"talk_window_days": 2})
    problem = p.talk_problem
    assert isinstance(problem, TalkProblem)
    assert "谈心谈话排不下" in problem and "6个半天" in problem  # zh is the string itself
    assert problem.render("zh") == str(problem)
    assert "6 half-days are needed" in problem.render("en")  # 11 talks for the principal, 2 a half-day
    assert not re.search(r"[\u4e00-\u9fff]", problem.render("en").replace(problem.params["who"], ""))
    assert pickle.loads(pickle.dumps(problem)).render("en") == problem.render("en")
    assert all(t.date is None for t in p.talks)


def test_thirty_members_fit_in_a_longer_window() -> None:
    p = prepared(D(2026, 12, 18), members=30, heads=30, schedule={"talk_window_days": 14})
    assert p.talk_problem is None
    assert len(p.talks) == 30 * 29 // 2 + 30


# -- properties ------------------------------------------------------------------------------

@st.composite
def graphs(draw: st.DrawFn) -> list[RequiredPair]:
    n = draw(st.integers(2, 30))
    people = [f"p{i}" for i in range(n)]
    all_pairs = list(itertools.combinations(people, 2))
    chosen = draw(st.lists(st.sampled_from(all_pairs), unique=True, min_size=1,
                           max_size=min(len(all_pairs), 120)))
    return [RequiredPair(a, b, PairKind.MEMBER_MEMBER) for a, b in chosen]


WINDOWS = st.tuples(st.dates(D(2025, 1, 1), D(2026, 12, 1)), st.integers(1, 25)).map(
    lambda t: calendar().working_days(t[0], t[0] + dt.timedelta(days=t[1])))


@given(graphs(), WINDOWS, st.integers(1, 4))
def test_schedule_covers_each_pair_once_within_capacity_on_window_days(
        pairs: list[RequiredPair], window: list[dt.date], capacity: int) -> None:
    result = schedule_pairs(pairs, window, capacity)
    needed, _, _ = lower_bound(pairs, capacity)
    slots = 2 * len(window)
    if needed > slots:
        assert result.problem is not None  # impossible whenever the busiest person cannot fit
    degree = Counter(person for p in pairs for person in (p.a, p.b))
    if guarantee(max(degree.values()), capacity) <= slots:
        assert result.problem is None
    if capacity % 2 == 0:
        # Even capacity: the construction meets the lower bound, so "impossible" is exact.
        assert (result.problem is None) == (needed <= slots)
    if result.problem is not None:
        assert not result.slots
        return
    assert set(result.slots) == set(pairs)
    load = Counter((person, slot) for pair, slot in result.slots.items()
                   for person in (pair.a, pair.b))
    assert max(load.values()) <= capacity
    assert all(day in window and half in HALF_DAYS for day, half in result.slots.values())
    degree = Counter(person for p in pairs for person in (p.a, p.b))
    assert len(set(result.slots.values())) <= guarantee(max(degree.values()), capacity)
    if capacity % 2 == 0:
        used = {slot for slot in result.slots.values()}
        assert len(used) == needed  # earliest possible finish
        ordered = [(d, h) for d in window for h in HALF_DAYS]
        assert result.finish == ordered[needed - 1]


@given(st.integers(2, 30), st.integers(1, 4))
def test_complete_team_meets_the_lower_bound(members: int, capacity: int) -> None:
    people = [f"m{i}" for i in range(members)]
    pairs = [RequiredPair(a, b, PairKind.MEMBER_MEMBER)
             for a, b in itertools.combinations(people, 2)]
    window = calendar().working_days(D(2026, 3, 2), D(2026, 4, 30))
    result = schedule_pairs(pairs, window, capacity)
    assert result.problem is None
    used = len(set(result.slots.values()))
    assert used >= math.ceil((members - 1) / capacity)
    assert used <= guarantee(members - 1, capacity)


def guarantee(max_degree: int, capacity: int) -> int:
    """Half-days the scheduler promises at most: the bound for even capacity, else a bit more."""
    if capacity % 2 == 0:
        return math.ceil(max_degree / capacity)
    if capacity == 1:
        return max_degree + 1  # Vizing / Misra–Gries
    return math.ceil(max_degree / (capacity - 1))
