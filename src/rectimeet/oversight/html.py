"""The oversight report: one self-contained HTML page, readable on a phone.

Everything is inline — styles, the SVG progress bar of each unit — and nothing is fetched: the
page works from an e-mail attachment or a 政务微信 file, offline. A viewport declaration and
media queries lay the unit cards out in one column and the overdue table as cards on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment

from rectimeet import __version__, atomic
from rectimeet.i18n import N_, render
from rectimeet.oversight import Counts, Oversight


@dataclass(frozen=True)
class Segment:
    kind: str
    x: float
    width: float
    fill: str


# Order along the bar: what is finished, then what is most urgent; the colours of the legend.
_PARTS = (("done", "done", "#4a6fa5"), ("overdue", "overdue", "#c9302c"),
          ("due-10", "due_within_10", "#e6a700"), ("due-20", "due_within_20", "#3c9a3c"),
          ("later", "later", "#c5ccd6"))


def segments(counts: Counts) -> list[Segment]:
    """The stacked bar of one unit, in percent of its items (empty for an empty ledger)."""
    out: list[Segment] = []
    if counts.total == 0:
        return out
    x = 0.0
    for kind, field, fill in _PARTS:
        n = getattr(counts, field)
        if n:
            width = round(n * 100 / counts.total, 3)
            out.append(Segment(kind, round(x, 3), width, fill))
            x += width
    return out


def _texts(oversight: Oversight, lang: str) -> dict[str, Any]:
    def t(msgid: str, **params: Any) -> str:
        return render(msgid, params or None, lang)

    return {
        "title": t(N_("Rectification progress of {units} units"), units=len(oversight.units)),
        "as_of": t(N_("As of {date}"), date=oversight.as_of.isoformat()),
        "overall": t(N_("All units")), "units": t(N_("units")), "item_count": t(N_("Items")),
        "done": t(N_("Done")), "in_progress": t(N_("In progress")), "overdue": t(N_("Overdue")),
        "due_10": t(N_("Due within 10 days")), "due_20": t(N_("Due within 20 days")),
        "later": t(N_("Later or no deadline")),
        "overdue_list": t(N_("Overdue items ({count})"), count=len(oversight.overdue)),
        "no_overdue": t(N_("No item is overdue.")),
        "failures": t(N_("Specs that could not be read")),
        "columns": [t(h) for h in (N_("Unit"), N_("ID"), N_("Issue"), N_("Responsible person"),
                                   N_("Deadline"), N_("Time left"))],
    }


def _late(days: int | None, unit: str, lang: str) -> str:
    working = unit == "working_days"
    msgid = N_("{days} working days overdue") if working else N_("{days} days overdue")
    return render(msgid, {"days": abs(days or 0)}, lang)


def render_report(oversight: Oversight, lang: str = "zh") -> str:
    """The page as text."""
    source = (resources.files("rectimeet.oversight") / "templates" / "report.html").read_text(
        "utf-8")
    template = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True).from_string(source)
    units = []
    for u in oversight.units:
        c = u.counts
        label = render(N_("{unit}: {done} of {total} done, {overdue} overdue, {due10} due within "
                          "10 days, {due20} due within 20 days"),
                       {"unit": u.unit, "done": c.done, "total": c.total, "overdue": c.overdue,
                        "due10": c.due_within_10, "due20": c.due_within_20}, lang)
        units.append({"unit": u.unit, "counts": c, "label": label, "segments": segments(c)})
    overdue = [{"unit": o.unit, "item": o.item,
                "late": _late(o.item.days_left, o.item.deadline_unit, lang)}
               for o in oversight.overdue]
    values = {"html_lang": "zh-CN" if lang.startswith("zh") else "en", "version": __version__,
              "t": _texts(oversight, lang), "units": units, "overall": oversight.overall,
              "overdue": overdue, "failures": oversight.failures}
    return template.render(values)


def export_report(oversight: Oversight, path: Path | str, lang: str = "zh") -> Path:
    """Write the page atomically."""
    return atomic.write_text(path, render_report(oversight, lang))
