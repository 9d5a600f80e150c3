"""Shared fixtures: a host with only the core and the test level, and a small valid spec."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# rectimeet.testing is also loaded as a pytest plugin below; let pytest rewrite its asserts
# before this file imports it.
pytest.register_assert_rewrite("rectimeet.testing")

from hypothesis import HealthCheck, settings  # noqa: E402

from rectimeet.plugins import PluginHost  # noqa: E402
from rectimeet.testing import host_with  # noqa: E402

# The fixtures plugin authors get (rectimeet_host, demo_plan, build_documents); used here too.
pytest_plugins = ["rectimeet.testing"]

settings.register_profile("ci", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(autouse=True, scope="session")
def _template_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates go to a cache of the test run's own, never the user's."""
    from rectimeet.documents.template_cache import ENV_VAR

    before = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = str(tmp_path_factory.mktemp("template-cache"))
    yield
    if before is None:
        del os.environ[ENV_VAR]
    else:
        os.environ[ENV_VAR] = before


@pytest.fixture
def core_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process-wide host holds only the core and the test level (no installed plugins)."""
    from rectimeet import plugins

    monkeypatch.setattr(plugins, "_HOST", host_with())


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run ``rectimeet ARGS`` in-process: (exit code, stdout, stderr); a crash is re-raised."""
    from click.testing import CliRunner

    from rectimeet.cli import main

    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="session")
def core_host() -> PluginHost:
    """Core fallback + the ``test_level`` level; no installed plugins."""
    return host_with()


SMALL_SPEC = textwrap.dedent(
    """\
    # 一个最小的完整规格（测试用）
    unit:
      name: 测试乡
      level: test_level
      org_type: 党委
      tier: 乡
      members:
        - {id: m1, name: 张书记, role: 主要负责同志, title: 乡党委书记}
        - {id: m2, name: 李乡长, title: 乡长, oversees: [{name: 农业站, head: h1}]}
        - {id: m3, name: 王委员, title: 纪委书记}
      contacts:
        - {id: h1, name: 赵站长, title: 农业站站长}
    inspection:
      kind: 巡察
      group: 县委第一巡察组
      feedback_date: 2026-10-30
      issues:
        - {id: F1, category: 党的建设, text: 基层党组织建设薄弱, claimed_by: [班子, m1, m2]}
        - {id: F2, category: 全面从严治党, text: 落实主体责任不到位, claimed_by: [m3]}
    meeting:
      date: 2026-11-27
      host: m1
      venue: 乡党委会议室
    study:
      sessions:
        - {date: 2026-11-13, mode: 集中学习, days: 0.5, topic: 党委理论学习中心组集中学习}
    criticisms:
      - {from: m1, to: m2, count: 2}
      - {from: m1, to: m3, count: 2}
      - {from: m2, to: m1, count: 2}
      - {from: m2, to: m3, count: 2}
      - {from: m3, to: m1, count: 2}
      - {from: m3, to: m2, count: 2}
    materials:
      - {kind: 班子对照检查材料, author: 班子}
      - {kind: 个人发言提纲, author: m1, submitted_on: 2026-11-18}
      - {kind: 个人发言提纲, author: m2, submitted_on: 2026-11-18, reviewed_by: m1, reviewed_on: 2026-11-19}
      - {kind: 个人发言提纲, author: m3, submitted_on: 2026-11-18, reviewed_by: m1, reviewed_on: 2026-11-19}
    checklist:
      - {id: Z1, issue: 基层党组织建设薄弱, source: 巡察反馈, source_ref: F1, owner: 班子, lead: m1,
         measure: 开展软弱涣散党组织整顿, kind: 限期整改, deadline: 2026-12-30}
      - {id: Z2, issue: 落实主体责任不到位, source: 巡察反馈, source_ref: F2, owner: m3, lead: m3,
         measure: 建立责任清单, kind: 立行立改, deadline: 2026-12-11}
    """
)


@pytest.fixture
def small_spec_text() -> str:
    return SMALL_SPEC


@pytest.fixture
def small_spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(SMALL_SPEC, encoding="utf-8")
    return path


@pytest.fixture
def small_data() -> dict[str, Any]:
    from rectimeet.spec import parse_yaml, to_plain

    data: dict[str, Any] = to_plain(parse_yaml(SMALL_SPEC))
    return data


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
