"""词汇: milestone keys and agenda kinds are declared, so a misspelt one cannot pass silently.

The core declares the keys it gives a meaning to (:mod:`rectimeet.vocabulary`); plugins declare
their own through ``rectimeet_vocabulary``. A key nobody declared still works — its milestone is
counted and shown with its title, its agenda item read out by its title — but the documents lose
whatever the core would have written for the key it was meant to be.
"""

from __future__ import annotations

from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule
from rectimeet.sourcemap import SpecPath
from rectimeet.vocabulary import Vocabulary, nearest

SOURCE = "rectimeet（命名词汇）"


@rule(
    "VC101",
    name="known-milestone-keys",
    family="vocabulary",
    severity=Severity.WARNING,
    summary=N_("Milestone keys of the level and the spec are declared"),
    rationale="里程碑的键决定实施方案中该步骤的写法和有关规则的检查；拼错的键会让这些静默失效。",
    source=SOURCE,
)
def known_milestone_keys(ctx: RuleContext) -> Iterable[Hit]:
    vocabulary = ctx.prepared.vocabulary
    level_keys = [m.key for m in ctx.prepared.defaults.milestones]
    for key in level_keys:
        if not vocabulary.knows(Vocabulary.MILESTONE, key):
            near = nearest(key, vocabulary.milestones)
            yield Hit(N_("Milestone {key} of level {level} is not declared in the vocabulary"),
                      {"key": key, "level": ctx.plan.unit.level}, ("unit", "level"),
                      *_hint(near))
    known = [*vocabulary.milestones, *level_keys]
    for i, patch in enumerate(ctx.plan.schedule.milestones):
        if patch.key in known:
            continue
        near = nearest(patch.key, known)
        if near is not None:
            yield Hit(N_("Milestone {key} is new, but looks like a misspelling of {known}"),
                      {"key": patch.key, "known": near}, ("schedule", "milestones", i, "key"),
                      N_("Write key: {known} to change that milestone"), {"known": near})


@rule(
    "VC102",
    name="own-milestones",
    family="vocabulary",
    severity=Severity.INFO,
    summary=N_("Milestones the spec adds of its own are shown by their title only"),
    rationale="规格可以增加自己的工作步骤；这类步骤在实施方案中只写标题、材料、报送对象和责任主体。",
    source=SOURCE,
)
def own_milestones(ctx: RuleContext) -> Iterable[Hit]:
    vocabulary = ctx.prepared.vocabulary
    known = [*vocabulary.milestones, *(m.key for m in ctx.prepared.defaults.milestones)]
    for i, patch in enumerate(ctx.plan.schedule.milestones):
        if patch.key not in known and nearest(patch.key, known) is None:
            yield Hit(N_("Milestone {key} is the spec's own: documents show its title, deliverable, "
                         "recipients and who is responsible"),
                      {"key": patch.key}, ("schedule", "milestones", i, "key"))


@rule(
    "VC103",
    name="known-agenda-kinds",
    family="vocabulary",
    severity=Severity.WARNING,
    summary=N_("Agenda item kinds are declared"),
    rationale="议程的 kind 决定主持词中该项的写法；拼错的 kind 只按标题宣读。",
    source=SOURCE,
)
def known_agenda_kinds(ctx: RuleContext) -> Iterable[Hit]:
    vocabulary = ctx.prepared.vocabulary
    items: list[tuple[str, SpecPath]]
    if ctx.plan.meeting.agenda:
        items = [(item.kind, ("meeting", "agenda", i, "kind"))
                 for i, item in enumerate(ctx.plan.meeting.agenda)]
    else:
        items = [(item.kind, ("unit", "level")) for item in ctx.prepared.defaults.agenda]
    for kind, path in items:
        if kind and not vocabulary.knows(Vocabulary.AGENDA, kind):
            yield Hit(N_("Agenda kind {kind} is not declared in the vocabulary"), {"kind": kind},
                      path, *_hint(nearest(kind, vocabulary.agenda)))


def _hint(near: str | None) -> tuple[str, dict[str, str]]:
    if near is not None:
        return N_("Did you mean {known}?"), {"known": near}
    return N_("Declare it with the rectimeet_vocabulary hook (terms: in a level's data file)"), {}


RULES = (known_milestone_keys, own_milestones, known_agenda_kinds)
