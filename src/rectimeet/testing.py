"""Test helpers for rectimeet and for plugin authors: hypothesis strategies and a test level.

Import from tests only (hypothesis is a test dependency)::

    from rectimeet.testing import plans, host_with, TEST_LEVEL

    @given(plans())
    def test_my_plugin_never_crashes(plan):
        host = host_with(my_plugin)
        rectimeet.check(plan.model_copy(update=...), host=host)
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hypothesis import strategies as st

from rectimeet.hookspecs import LevelContext, hookimpl
from rectimeet.models.checklist import ChecklistKind
from rectimeet.models.level import LevelInfo
from rectimeet.models.plan import Plan
from rectimeet.plugins import PluginHost, make_host
from rectimeet.text import find_illegal

TEST_LEVEL = "test_level"

# Surnames and given names to make readable, unique Chinese names.
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"


class TestLevelPlugin:
    """A minimal level: declares ``test_level`` and leaves every default to the core."""

    __test__ = False  # not a pytest test class

    @hookimpl
    def rectimeet_levels(self) -> list[LevelInfo]:
        return [LevelInfo(id=TEST_LEVEL, name="测试层级", description="rectimeet.testing 的最小层级")]

    @hookimpl
    def rectimeet_rule_params(self, ctx: LevelContext) -> dict[str, Any] | None:
        return None


def host_with(*plugins: object, entry_points: bool = False) -> PluginHost:
    """A plugin host with the core, the test level and ``plugins`` (registered last = first asked).

    ``entry_points=True`` also loads every installed plugin (the built-in levels included).
    """
    extra: list[tuple[str, object]] = [("rectimeet.testing", TestLevelPlugin())]
    for i, p in enumerate(plugins):
        extra.append((getattr(p, "__name__", f"plugin{i}"), p))
    return make_host(entry_points=entry_points, extra_plugins=extra)


def clean_text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text the model accepts unchanged (no characters a .docx cannot hold, no CR or NEL,
    which become LF)."""
    return st.text(min_size=min_size, max_size=max_size).filter(
        lambda s: find_illegal(s) is None and "\r" not in s and "\x85" not in s
        and (min_size == 0 or bool(s.strip()))
    )


def _names(n: int, rnd: random.Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        name = rnd.choice(_SURNAMES) + rnd.choice(_GIVEN) + rnd.choice(["", *_GIVEN])
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


@st.composite
def plan_data(
    draw: st.DrawFn,
    *,
    min_members: int = 2,
    max_members: int = 12,
    meeting_dates: st.SearchStrategy[dt.date] | None = None,
    level: str = TEST_LEVEL,
    complete: bool = True,
) -> dict[str, Any]:
    """Spec data (plain dicts, as a YAML file would give) for a structurally valid plan.

    With ``complete=True`` the plan also satisfies the non-schedule rules: every issue claimed,
    every member criticises every other ≥ ``min_criticisms`` (3) times in total, outlines tracked
    and reviewed by the principal, checklist items complete and due after the meeting.
    """
    n = draw(st.integers(min_members, max_members))
    seed = draw(st.integers(0, 2**32 - 1))
    rnd = random.Random(seed)
    dates = meeting_dates if meeting_dates is not None else st.dates(dt.date(2025, 3, 1), dt.date(2026, 11, 30))
    meeting = draw(dates)
    names = _names(n, rnd)
    n_heads = draw(st.integers(0, min(n, 6)))
    contacts = [{"id": f"h{i + 1}", "name": f"部门负责人{i + 1}", "title": "站所负责人"}
                for i in range(n_heads)]
    members: list[dict[str, Any]] = []
    for i, name in enumerate(names):
        member: dict[str, Any] = {"id": f"m{i + 1}", "name": name,
                                  "role": "主要负责同志" if i == 0 else "成员",
                                  "title": "书记" if i == 0 else "班子成员"}
        if i > 0 and i - 1 < n_heads:
            member["oversees"] = [{"name": f"部门{i}", "head": f"h{i}"}]
        members.append(member)
    ids = [m["id"] for m in members]
    n_issues = draw(st.integers(1, 6))
    issues = [{"id": f"F{k + 1}", "category": "党的建设", "text": f"反馈问题{k + 1}",
               "claimed_by": ["班子", ids[k % n]] if complete else []}
              for k in range(n_issues)]
    # Make sure every member claims something.
    if complete:
        for k, mid in enumerate(ids):
            issues[k % n_issues]["claimed_by"] = sorted({*issues[k % n_issues]["claimed_by"], mid})
    criticisms = []
    if complete:
        per_other = max(1, -(-3 // max(1, n - 1)))  # ceil(3 / (n-1))
        criticisms = [{"from": a, "to": b, "count": per_other} for a in ids for b in ids if a != b]
    review_day = meeting - dt.timedelta(days=20)
    materials: list[dict[str, Any]] = [{"kind": "班子对照检查材料", "author": "班子"}]
    for mid in ids:
        mat: dict[str, Any] = {"kind": "个人发言提纲", "author": mid,
                               "submitted_on": review_day - dt.timedelta(days=1)}
        if mid != ids[0]:
            mat.update(reviewed_by=ids[0], reviewed_on=review_day)
        materials.append(mat)
    checklist = []
    for k, issue in enumerate(issues):
        kind = draw(st.sampled_from(list(ChecklistKind)))
        days = {"立行立改": 20, "限期整改": 90, "长期坚持": 180}[kind.value]
        checklist.append({"id": f"Z{k + 1}", "issue": issue["text"], "source": "巡察反馈",
                          "source_ref": issue["id"], "owner": "班子", "lead": ids[0],
                          "measure": "制定整改措施并落实", "kind": kind.value,
                          "deadline": meeting + dt.timedelta(days=days)})
    return {
        "unit": {"name": "测试单位", "level": level, "org_type": "党委", "tier": "县",
                 "members": members, "contacts": contacts},
        "inspection": {"kind": "巡察", "group": "县委第一巡察组",
                       "feedback_date": meeting - dt.timedelta(days=25), "issues": issues},
        "meeting": {"date": meeting, "host": ids[0], "venue": "会议室"},
        "criticisms": criticisms,
        "materials": materials,
        "checklist": checklist,
    }


def plans(**kwargs: Any) -> st.SearchStrategy[Plan]:
    """Valid :class:`Plan` objects (see :func:`plan_data` for the options)."""
    return plan_data(**kwargs).map(Plan.model_validate)


# ---------------------------------------------------------------------------------------------
# pytest fixtures: enable with ``pytest_plugins = ["rectimeet.testing"]`` in a conftest.py
# ---------------------------------------------------------------------------------------------

try:
    import pytest as _pytest
except ModuleNotFoundError:  # the strategies above work without pytest
    _pytest = None  # type: ignore[assignment]

if _pytest is not None:

    @_pytest.fixture
    def rectimeet_host() -> PluginHost:
        """Every installed plugin (the built-in levels and yours, if installed) plus the test level."""
        return host_with(entry_points=True)

    @_pytest.fixture
    def demo_plan() -> Plan:
        """The embedded township example (the one ``rectimeet demo`` builds), freshly loaded."""
        from importlib import resources

        from rectimeet.spec import load_text

        text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
        return load_text(text, "demo.yaml").plan

    @_pytest.fixture
    def build_documents(tmp_path: Any) -> Any:
        """A function ``build(plan, host=None, documents=None) -> {file name: document text}``
        that assembles into a temporary directory and reads the text back with python-docx."""
        import docx

        from rectimeet import api

        def build(plan: Plan, host: PluginHost | None = None,
                  documents: list[str] | None = None) -> dict[str, str]:
            written = api.assemble(plan, tmp_path / "out", documents, host=host)
            texts = {}
            for path in written:
                document = docx.Document(str(path))
                body = [p.text for p in document.paragraphs]
                cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
                texts[path.name] = "\n".join(body + cells)
            return texts

        return build
