"""Plan builders shared by the scheduling tests (calendar, timeline, talks, rules, scaffold)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from rectimeet.api import prepare
from rectimeet.models.plan import Plan
from rectimeet.plugins import PluginHost
from rectimeet.prepared import Prepared
from rectimeet.scheduling.calendar import WorkCalendar
from rectimeet.testing import TEST_LEVEL, host_with


@cache
def host() -> PluginHost:
    return host_with()


@cache
def calendar() -> WorkCalendar:
    return WorkCalendar.builtin()


def plan_data(meeting: dt.date, members: int = 5, heads: int = 5,
              feedback: dt.date | None = None, **extra: Any) -> dict[str, Any]:
    people = []
    for i in range(members):
        person: dict[str, Any] = {"id": f"m{i + 1}", "name": f"成员{i + 1}",
                                  "role": "主要负责同志" if i == 0 else "成员"}
        if i < heads:
            person["oversees"] = [{"name": f"部门{i + 1}", "head": f"c{i + 1}"}]
        people.append(person)
    data: dict[str, Any] = {
        "unit": {"name": "测试局", "level": TEST_LEVEL, "members": people,
                 "contacts": [{"id": f"c{i + 1}", "name": f"负责人{i + 1}"}
                              for i in range(min(heads, members))]},
        "inspection": {"group": "县委第一巡察组",
                       "feedback_date": feedback or meeting - dt.timedelta(days=20)},
        "meeting": {"date": meeting, "host": "m1"},
    }
    data.update(extra)
    return data


def make_plan(meeting: dt.date, **kwargs: Any) -> Plan:
    return Plan.model_validate(plan_data(meeting, **kwargs))


def prepared(meeting: dt.date, **kwargs: Any) -> Prepared:
    return prepare(make_plan(meeting, **kwargs), host())
