"""The fixed statutory days off (法定节假日) of years whose schedule is not published.

They come from the ``holidays`` library (China, its guessed 补假 and 调休 left out). Importing
it and working out a year costs about 0.15 s, more than the rest of a ``rectimeet check`` of a
plan whose meeting falls in such a year (every plan for next year until the State Council
publishes its schedule). So the library's answers for :data:`FIRST_YEAR`–:data:`LAST_YEAR` ship
as a table, ``data/statutory_days.json``, written by ``python -m rectimeet.scheduling.statutory``;
a test fails when the table and the installed library disagree. Years outside the table ask the
library itself.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

from rectimeet.packagedata import package_files

FIRST_YEAR = 1990
LAST_YEAR = 2100
TABLE = "statutory_days.json"


def from_library(years: range) -> dict[int, frozenset[dt.date]]:
    """The statutory days of ``years`` as the ``holidays`` library gives them."""
    import holidays

    # observed=False drops the library's 补假 and its guessed 调休 rest days.
    china = holidays.country_holidays("CN", years=years, language="zh_CN", observed=False)
    days: dict[int, set[dt.date]] = {year: set() for year in years}
    for day in china:
        if day.year in days:
            days[day.year].add(day)
    return {year: frozenset(found) for year, found in days.items()}


@cache
def _table() -> dict[str, list[str]]:
    data = json.loads((package_files("rectimeet") / "data" / TABLE).read_text("utf-8"))
    years: dict[str, list[str]] = data["years"]
    return years


@cache
def statutory_days(year: int) -> frozenset[dt.date]:
    """The fixed statutory days off of ``year``, without substitute days (补假) or 调休."""
    days = _table().get(str(year)) if FIRST_YEAR <= year <= LAST_YEAR else None
    if days is None:
        return from_library(range(year, year + 1))[year]
    return frozenset(dt.date(year, int(md[:2]), int(md[3:])) for md in days)


def table_text() -> str:
    """The table's file, computed afresh from the installed ``holidays``."""
    from importlib.metadata import version

    computed = from_library(range(FIRST_YEAR, LAST_YEAR + 1))
    lines = [f'  "{year}": {json.dumps([d.strftime("%m-%d") for d in sorted(days)])}'
             for year, days in computed.items()]
    source = json.dumps(f"holidays {version('holidays')}: China, observed=False")
    # One year a line: a change the library makes shows as the years it touches.
    return '{\n"source": ' + source + ',\n"years": {\n' + ",\n".join(lines) + "\n}}\n"


if __name__ == "__main__":
    from rectimeet import atomic

    target = package_files("rectimeet") / "data" / TABLE
    atomic.write_text(str(target), table_text())
    print(target)
