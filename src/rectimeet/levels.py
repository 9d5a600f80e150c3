"""Data-driven levels: a level is a YAML data file and one line of code.

A package that provides a level keeps its content in ``<package>/data/<level>.yaml`` (a
:class:`~rectimeet.models.level.LevelProfile`), optionally ``<package>/data/<level>.<variant>.yaml``
for one kind of unit under the level that differs, and ``<package>/scaffolds/<level>.yaml`` for
``rectimeet new``. :class:`DataLevel` serves every level hook from those files::

    from rectimeet.levels import DataLevel

    plugin = DataLevel("state_enterprise", package="rectimeet_soe")

and the package's entry point names that object (``state_enterprise = "rectimeet_soe:plugin"``).
Files are read and validated on first use, never at import. A :class:`DataLevel` answers a hook
only for a unit of its own level, so the core fallback or another plugin answers for the rest.
The built-in levels (``rectimeet_levels``) are built exactly this way.
"""

from __future__ import annotations

import importlib.metadata as md
import json
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from rectimeet.adapters import validate_as
from rectimeet.errors import PluginError
from rectimeet.hookspecs import PROJECT, LevelContext, hookimpl
from rectimeet.i18n import N_
from rectimeet.models.level import FocusArea, LevelInfo, LevelProfile, ParamValue, Participants
from rectimeet.models.meeting import AgendaItem, MeetingKind
from rectimeet.models.milestone import Milestone
from rectimeet.models.outline import OutlineSection
from rectimeet.models.study import StudyItem
from rectimeet.models.unit import SuperiorRole, Tier
from rectimeet.packagedata import fingerprint, package_files
from rectimeet.spec import fastload
from rectimeet.vocabulary import VocabularyTerm

if TYPE_CHECKING:
    from rectimeet.rules.engine import Rule

T = TypeVar("T")

DATA_DIR = "data"
SCAFFOLD_DIR = "scaffolds"

INSPECTION_GROUP_FIELD = "{inspection_group}"
"""Written in a guides list, stands for the plan's inspecting group (e.g. 县委第一巡察组)."""

# Nearest tier first when a level has no names for the unit's own tier; ties go upwards.
TIER_ORDER = (Tier.PROVINCE, Tier.CITY, Tier.COUNTY, Tier.TOWNSHIP)

VariantPicker = Callable[[LevelContext], str | None]
"""Names the variant data file for a unit (``branch`` → ``<level>.branch.yaml``), or ``None``."""


def _distribution(package: str) -> str | None:
    """The distribution whose ``rectimeet`` entry point lives in ``package`` (for error messages)."""
    top = package.split(".", 1)[0]
    for ep in md.entry_points(group=PROJECT):
        if ep.module.split(".", 1)[0] == top and ep.dist is not None:
            return ep.dist.name
    return None


@cache
def _profile_data(package: str, name: str) -> object:
    """The parsed, not yet validated, data file ``<package>/data/<name>.yaml``."""
    level = name.split(".", 1)[0]
    file = f"{DATA_DIR}/{name}.yaml"
    resource = package_files(package) / DATA_DIR / f"{name}.yaml"
    if not resource.is_file():
        raise PluginError(level, _distribution(package), N_("data file {file} is missing"),
                          {"file": file})
    raw = resource.read_bytes()
    entry = _listing(package).get(name)
    if isinstance(entry, dict) and "data" in entry and entry.get("checksum") == fingerprint(raw):
        return entry["data"]  # the file as it was parsed when the listing was written
    text = raw.decode("utf-8")
    fast = fastload.read(text)  # libyaml's events straight into data (no positions needed)
    if fast is not None:
        return fast[0]
    try:
        # What the fast reader leaves alone, and the wording of a syntax error.
        return YAML(typ="safe").load(text)
    except YAMLError as exc:
        raise PluginError(level, _distribution(package), N_("{file} is not valid YAML: {error}"),
                          {"file": file, "error": str(exc)}) from exc


LISTED_SECTIONS = frozenset({"info", "terms"})
"""The sections every level's file is read for, whichever level a plan uses."""


LISTING = "listing.json"
"""Beside the data files: each file's :data:`LISTED_SECTIONS`, and its whole data where JSON holds
it exactly, with the checksum of the file they were taken from (written by
``python -m rectimeet.levels PACKAGE``). Parsing the JSON costs a tenth of parsing the YAML."""


@cache
def _listing(package: str) -> dict[str, Any]:
    resource = package_files(package) / DATA_DIR / LISTING
    if not resource.is_file():
        return {}
    try:
        data = json.loads(resource.read_text("utf-8"))
    except ValueError:
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


@cache
def _listed_data(package: str, name: str) -> object:
    """The data file's :data:`LISTED_SECTIONS` only: the rest of each file is not built (a
    plan loads its own level's file whole, and no other).

    Every command lists every level, so a package may ship its files' listed sections in
    :data:`LISTING`; an entry is used only when the file still has the checksum it was taken
    from. Otherwise the sections are read from the file itself, and a file the fast reader
    leaves alone is read whole.
    """
    resource = package_files(package) / DATA_DIR / f"{name}.yaml"
    if resource.is_file():
        raw = resource.read_bytes()
        entry = _listing(package).get(name)
        if isinstance(entry, dict) and entry.get("checksum") == fingerprint(raw):
            return entry.get("sections")
        sections = fastload.read_sections(raw.decode("utf-8"), LISTED_SECTIONS)
        if sections is not None:
            return sections
    return _profile_data(package, name)


def listing_text(package: str) -> str:
    """The :data:`LISTING` file for ``package``'s data files as they are now. A file whose listed
    sections hold a number is left out (a number read from YAML remembers how it was written,
    0301 or 3.10, which JSON would not keep): it is read itself."""
    files: dict[str, Any] = {}
    for name in profile_names(package):
        raw = (package_files(package) / DATA_DIR / f"{name}.yaml").read_bytes()
        sections = fastload.read_sections(raw.decode("utf-8"), LISTED_SECTIONS)
        if sections is not None and _only_text(sections):
            files[name] = {"checksum": fingerprint(raw), "sections": sections}
            whole = fastload.read(raw.decode("utf-8"))
            if whole is not None and _as_json(whole[0]):
                files[name]["data"] = whole[0]
    # Not sort_keys: a mapping's order is part of the data (the order tiers are shown in).
    return json.dumps({"files": dict(sorted(files.items()))}, ensure_ascii=False, indent=1) + "\n"


def _as_json(value: object) -> bool:
    """Whether JSON holds ``value`` exactly: text, true/false, null, and numbers written as
    JSON writes them (a number read from YAML remembers how it was written, ``0301``)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _as_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_as_json(v) for v in value)
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return True
    if isinstance(value, int):
        return getattr(value, "source", str(int(value))) == str(int(value))
    return False


def _only_text(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _only_text(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_text(v) for v in value)
    return value is None or isinstance(value, str | bool)


def _section(package: str, name: str, section: str, type_: type[T]) -> T:
    """One section of a data file, validated alone: listing levels or terms needs no more.

    A section that does not validate alone is reported by validating the whole file.
    """
    data = (_listed_data if section in LISTED_SECTIONS else _profile_data)(package, name)
    if isinstance(data, dict):
        try:
            model = LevelProfile.model_fields[section]
            value = data.get(section, model.get_default(call_default_factory=True))
            result: T = validate_as(type_, value)
            return result
        except ValidationError:
            pass
    load_profile(package, name)  # raises the file's own error
    raise AssertionError(f"{name}: section {section} validates in the file but not alone")


@cache
def level_info(package: str, name: str) -> LevelInfo:
    """The ``info`` section of a data file (what ``rectimeet_levels`` lists)."""
    return _section(package, name, "info", LevelInfo)


@cache
def level_terms(package: str, name: str) -> tuple[VocabularyTerm, ...]:
    """The ``terms`` section of a data file (what ``rectimeet_vocabulary`` declares)."""
    return tuple(_section(package, name, "terms", list[VocabularyTerm]))


@cache
def load_profile(package: str, name: str) -> LevelProfile:
    """The validated profile ``<package>/data/<name>.yaml`` (``name``: a level id or ``level.variant``)."""
    level = name.split(".", 1)[0]
    file = f"{DATA_DIR}/{name}.yaml"
    data = _profile_data(package, name)
    try:
        return LevelProfile.model_validate(data)
    except ValidationError as exc:
        # pydantic's own report (English) is kept as the detail.
        raise PluginError(level, _distribution(package), N_("{file} is invalid: {error}"),
                          {"file": file, "error": str(exc)}) from exc


@cache
def profile_names(package: str) -> tuple[str, ...]:
    """Every data file's name in ``package`` (``township``, ``county_bureau.branch``, …), sorted."""
    folder = package_files(package) / DATA_DIR
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name.removesuffix(".yaml") for p in folder.iterdir()
                        if p.name.endswith(".yaml")))


def scaffold_text(package: str, level: str) -> str | None:
    """The commented example spec ``<package>/scaffolds/<level>.yaml``, or ``None``."""
    resource = package_files(package) / SCAFFOLD_DIR / f"{level}.yaml"
    return resource.read_text("utf-8") if resource.is_file() else None


def patched_scaffold(text: str, patch: Mapping[str, str]) -> str:
    """A scaffold with ``patch`` (dotted path → value) applied, comments kept."""
    from rectimeet.spec import dump_document, parse_yaml

    document = parse_yaml(text, "<scaffold>")
    for dotted, value in patch.items():
        *parents, last = dotted.split(".")
        node = document
        for key in parents:
            node = node[key]
        node[last] = value
    return str(dump_document(document))


def nearest_tier(table: Mapping[Tier, T], tier: Tier) -> T | None:
    """``table[tier]``, else the entry of the closest tier (the higher one on a tie)."""
    if tier in table:
        return table[tier]
    if not table:
        return None
    here = TIER_ORDER.index(tier)
    best = min(table, key=lambda t: (abs(TIER_ORDER.index(t) - here), TIER_ORDER.index(t)))
    return table[best]


NAME_FIELDS = {
    "committee": "the unit's party organisation type: 党委, 党组, 党总支 or 党支部",
    "inspection_group": "the inspecting group as the spec names it (司法厅党委第三巡察组)",
    "inspector": "the body that inspects: the group's name without 第…巡视组/巡察组 (司法厅党委)",
}
"""Fields a level's data may write in any text (``{committee}书记``), filled in from the unit."""

_GROUP_KINDS = ("巡视组", "巡察组", "巡视办", "巡察办")
_NUMERALS = frozenset("一二三四五六七八九十")


def inspector_of(group: str) -> str:
    """The inspecting body in a group's name: 司法厅党委第三巡察组 → 司法厅党委 (the name itself
    when nothing is left). Written out rather than as a pattern: a Chinese character class costs
    every process about half a millisecond to compile."""
    if not group.endswith(_GROUP_KINDS):
        return group
    body = group[:-3]
    while body and (body[-1] in _NUMERALS or body[-1].isdecimal()):
        body = body[:-1]
    body = body.removesuffix("第")
    return body or group


def name_fields(ctx: LevelContext) -> dict[str, str]:
    """The values of :data:`NAME_FIELDS` for ``ctx``'s unit and plan."""
    fields = {"committee": ctx.unit.org_type.value}
    if ctx.plan is not None:
        group = ctx.plan.inspection.group
        fields["inspection_group"] = group
        fields["inspector"] = inspector_of(group)
    return fields


_NAMED: dict[tuple[int, tuple[tuple[str, str], ...]], LevelProfile] = {}


def with_names(profile: LevelProfile, fields: tuple[tuple[str, str], ...]) -> LevelProfile:
    """``profile`` with the name fields in its texts filled in (unknown ``{fields}`` are kept).

    Profiles are loaded once per process, so the result is kept per profile and fields.
    """
    key = (id(profile), fields)
    if key not in _NAMED:
        _NAMED[key] = _fill_names(profile, dict(fields))
    return _NAMED[key]


def _fill_names(profile: LevelProfile, values: dict[str, str]) -> LevelProfile:
    if not any(f"{{{k}}}" in profile.model_dump_json() for k in values):
        return profile

    def fill(node: object) -> object:
        if isinstance(node, str):
            for key, value in values.items():
                node = node.replace(f"{{{key}}}", value)
            return node
        if isinstance(node, list):
            return [fill(n) for n in node]
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        return node

    data = fill(profile.model_dump(exclude_unset=True))
    return LevelProfile.model_validate(data)


class DataLevel:
    """The hooks of one level, answered from its data files in ``package``.

    ``variant`` picks a variant data file for a unit; ``rules`` returns the level's own rules
    (each should return early for plans of other levels: plugin rules run on every plan).
    Register the object itself as the plugin; pluggy finds these methods.
    """

    def __init__(
        self,
        level_id: str,
        *,
        package: str,
        variant: VariantPicker | None = None,
        rules: Callable[[], Sequence[Rule]] | None = None,
    ) -> None:
        self.id = level_id
        self.package = package
        self._variant = variant
        self._rules = rules

    def __repr__(self) -> str:
        return f"DataLevel({self.id!r}, package={self.package!r})"

    # -- which profile answers ---------------------------------------------------------------

    def profile(self, name: str | None = None) -> LevelProfile:
        """The level's own profile, or the variant profile ``name`` (``branch``)."""
        return load_profile(self.package, f"{self.id}.{name}" if name else self.id)

    def profiles(self) -> list[LevelProfile]:
        """The level's profile and every variant's."""
        names = [n for n in profile_names(self.package) if n.split(".", 1)[0] == self.id]
        return [load_profile(self.package, n) for n in names]

    def profile_for(self, ctx: LevelContext, section: str | None = None) -> LevelProfile | None:
        """The profile for ``ctx``'s unit, or ``None`` when the unit is of another level.

        With ``section``, also ``None`` when the data file leaves that section out, so that the
        core fallback answers for it (an explicit empty list means "none").
        """
        if ctx.level != self.id:
            return None
        profile = self.profile(self._variant(ctx) if self._variant is not None else None)
        if section is not None and section not in profile.model_fields_set:
            return None
        return with_names(profile, tuple(sorted(name_fields(ctx).items())))

    def _superiors(self, profile: LevelProfile, ctx: LevelContext) -> dict[SuperiorRole, str]:
        names = dict(nearest_tier(profile.superiors, ctx.unit.tier) or {})
        if ctx.plan is not None:
            # The spec names the real group (县委第一巡察组); the data only knows its kind.
            names[SuperiorRole.INSPECTION_GROUP] = ctx.plan.inspection.group
        return names

    # -- hooks -------------------------------------------------------------------------------

    @hookimpl
    def rectimeet_levels(self) -> list[LevelInfo]:
        # Only the info section: listing levels should not validate every level's whole file.
        info = level_info(self.package, self.id)
        return [info.model_copy(update={"variants": [*info.variants, *self.variants()]})]

    @hookimpl
    def rectimeet_vocabulary(self) -> list[VocabularyTerm]:
        seen: dict[tuple[str, str], VocabularyTerm] = {}
        names = [n for n in profile_names(self.package) if n.split(".", 1)[0] == self.id]
        for name in names:
            for term in level_terms(self.package, name):
                seen.setdefault((term.vocabulary.value, term.key), term)
        return list(seen.values())

    @hookimpl
    def rectimeet_agenda(self, ctx: LevelContext) -> list[AgendaItem] | None:
        profile = self.profile_for(ctx, "agenda")
        return None if profile is None else list(profile.agenda)

    @hookimpl
    def rectimeet_meeting_kind(self, ctx: LevelContext) -> MeetingKind | None:
        profile = self.profile_for(ctx, "meeting_kind")
        return None if profile is None else profile.meeting_kind

    @hookimpl
    def rectimeet_study_list(self, ctx: LevelContext) -> list[StudyItem] | None:
        profile = self.profile_for(ctx, "study")
        return None if profile is None else list(profile.study)

    @hookimpl
    def rectimeet_focus_areas(self, ctx: LevelContext) -> list[FocusArea] | None:
        profile = self.profile_for(ctx, "focus_areas")
        return None if profile is None else list(profile.focus_areas)

    @hookimpl
    def rectimeet_participants(self, ctx: LevelContext) -> Participants | None:
        profile = self.profile_for(ctx)
        if profile is None:
            return None
        found = nearest_tier(profile.participants, ctx.unit.tier)
        if found is None:
            return None
        group = self._superiors(profile, ctx).get(SuperiorRole.INSPECTION_GROUP, "巡视巡察组")
        guides = [g.replace(INSPECTION_GROUP_FIELD, group) for g in found.guides]
        return found.model_copy(update={"guides": guides})

    @hookimpl
    def rectimeet_superiors(self, ctx: LevelContext) -> dict[SuperiorRole, str] | None:
        profile = self.profile_for(ctx, "superiors")
        return None if profile is None else self._superiors(profile, ctx)

    @hookimpl
    def rectimeet_milestones(self, ctx: LevelContext) -> list[Milestone] | None:
        profile = self.profile_for(ctx, "milestones")
        return None if profile is None else [m.model_copy() for m in profile.milestones]

    @hookimpl
    def rectimeet_outline(self, ctx: LevelContext) -> list[OutlineSection] | None:
        profile = self.profile_for(ctx, "outline")
        return None if profile is None or not profile.outline else list(profile.outline)

    @hookimpl
    def rectimeet_requirements(self, ctx: LevelContext) -> list[str] | None:
        profile = self.profile_for(ctx, "requirements")
        return None if profile is None else list(profile.requirements)

    @hookimpl
    def rectimeet_rule_params(self, ctx: LevelContext) -> dict[str, ParamValue] | None:
        profile = self.profile_for(ctx, "params")
        return None if profile is None else dict(profile.params)

    @hookimpl
    def rectimeet_scaffold(self, level: str) -> str | None:
        base, _, variant = level.partition(".")
        if base != self.id:
            return None
        text = scaffold_text(self.package, level) if variant else None
        if text is None and variant:
            if variant not in self.variants():
                return None
            base_text = scaffold_text(self.package, self.id)
            patch = self.profile(variant).scaffold_patch
            return None if base_text is None else patched_scaffold(base_text, patch)
        return text if text is not None else scaffold_text(self.package, self.id)

    def variants(self) -> list[str]:
        """The level's variants (``branch`` for ``county_bureau.branch``)."""
        return [n.split(".", 1)[1] for n in profile_names(self.package)
                if n.startswith(f"{self.id}.")]

    @hookimpl
    def rectimeet_rules(self) -> list[Rule]:
        return list(self._rules()) if self._rules is not None else []


if __name__ == "__main__":
    import sys

    from rectimeet import atomic

    for package in sys.argv[1:]:
        target = package_files(package) / DATA_DIR / LISTING
        atomic.write_text(str(target), listing_text(package))
        print(target)

