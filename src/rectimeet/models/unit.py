"""单位, 领导班子 and the people around it."""

from enum import StrEnum

from pydantic import Field

from rectimeet.coreschema import new_dict, new_list
from rectimeet.models.base import Id, Model
from rectimeet.text import Name, Text


class OrgType(StrEnum):
    """The unit's party organisation (党组织类型)."""

    PARTY_COMMITTEE = "党委"
    PARTY_GROUP = "党组"
    GENERAL_BRANCH = "党总支"
    BRANCH = "党支部"


class Tier(StrEnum):
    """Administrative tier of the unit (层级)."""

    PROVINCE = "省"
    CITY = "市"
    COUNTY = "县"
    TOWNSHIP = "乡"


class Role(StrEnum):
    """A member's role in the leadership team."""

    PRINCIPAL = "主要负责同志"
    DEPUTY = "副职"
    MEMBER = "成员"


class SuperiorRole(StrEnum):
    """The superior bodies a unit reports to; milestones name recipients by these keys."""

    DISCIPLINE = "discipline"
    """纪委监委 (discipline inspection and supervision commission)."""
    ORGANIZATION = "organization"
    """组织部 (organisation department)."""
    INSPECTION_OFFICE = "inspection_office"
    """巡察办 / 巡视办 (the inspection leading group's office)."""
    INSPECTION_GROUP = "inspection_group"
    """巡察组 / 巡视组 (the inspecting group itself)."""
    PARTY_COMMITTEE = "party_committee"
    """上级党委 (the superior party committee)."""
    RECTIFICATION_OFFICE = "rectification_office"
    """整改办 (rectification office, where one exists)."""
    STATIONED_DISCIPLINE_GROUP = "stationed_discipline_group"
    """派驻纪检监察组 (the stationed discipline inspection group)."""
    LIAISON_LEADER = "liaison_leader"
    """挂点领导 (the superior leader who keeps this unit as a contact point)."""
    SUPERVISION_GROUP = "supervision_group"
    """督导组 / 指导组 (the supervising group for the meeting)."""


class Contact(Model):
    """Someone outside the leadership team who takes part (e.g. a department head for talks)."""

    id: Id
    """Identifier used to reference this person from talks."""
    name: Name
    """Name (姓名)."""
    title: Text = ""
    """Title or position (职务), e.g. 农业服务中心主任."""


class Oversight(Model):
    """A department, station or village a member oversees or keeps contact with (分管/联系)."""

    name: Name
    """Name of the department or village, e.g. 农业服务中心 or 东村."""
    head: Id | None = None
    """The contact id of its principal (for the 四必谈 member ↔ department-head talk)."""
    kind: Text = "分管"
    """分管 (oversees) or 联系 (liaison point)."""


class Member(Model):
    """A member of the leadership team (班子成员)."""

    id: Id
    """Identifier used everywhere a member is referenced."""
    name: Name
    """Name (姓名)."""
    title: Text = ""
    """Title (职务), e.g. 乡党委书记."""
    role: Role = Role.MEMBER
    """主要负责同志, 副职 or 成员."""
    oversees: list[Oversight] = Field(default_factory=new_list)
    """Departments and villages this member oversees or keeps contact with (分管/联系)."""
    party_member: bool = True
    """Whether the member is a party member (non-members 列席 rather than take part)."""
    branch: Text | None = None
    """The party branch this member's membership is in (组织关系所在党支部), by branch name."""


class Branch(Model):
    """A party branch under the unit (所属党支部)."""

    name: Name
    """Branch name, e.g. 机关党支部."""
    representative: Id | None = None
    """Contact id of the branch's party-member representative (for the optional fourth talk)."""
    secretary: Text = ""
    """Branch secretary's name, when known."""


class Unit(Model):
    """The unit (单位) whose leadership team holds the meeting."""

    name: Name
    """Full name of the unit, e.g. 某某县某某乡."""
    level: Name
    """Level plugin that supplies the defaults: township, county_bureau, provincial_department,
    school, municipal_government, or a third-party level."""
    org_type: OrgType = OrgType.PARTY_COMMITTEE
    """Party organisation type: 党委, 党组, 党总支 or 党支部."""
    org_name: Text = ""
    """The party organisation's name, e.g. 某某乡党委; defaults to the unit name + org_type."""
    tier: Tier = Tier.COUNTY
    """Administrative tier (省/市/县/乡) of the unit's superiors (decides 县委… vs 市委…)."""
    superiors: dict[SuperiorRole, Name] = Field(default_factory=new_dict)
    """Superior bodies by role, e.g. ``discipline: 县纪委监委``; level plugins fill the rest."""
    members: list[Member] = Field(min_length=1)
    """The leadership team (领导班子), principal first."""
    contacts: list[Contact] = Field(default_factory=new_list)
    """People outside the team who take part in talks (department heads, branch representatives)."""
    branches: list[Branch] = Field(default_factory=new_list)
    """Party branches under the unit."""

    @property
    def party_org(self) -> str:
        """The organisation's display name (org_name, or unit name + org type)."""
        return self.org_name or f"{self.name}{self.org_type.value}"

    def principal(self) -> Member | None:
        """The first member marked 主要负责同志, or ``None`` when nobody is (rule MG101 reports that;
        code that needs someone to name falls back to the first member itself)."""
        principals = [m for m in self.members if m.role is Role.PRINCIPAL]
        return principals[0] if principals else None

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def person_name(self, person_id: str) -> str:
        """Name of a member or contact by id (the id itself if unknown)."""
        for member in self.members:
            if member.id == person_id:
                return member.name
        for contact in self.contacts:
            if contact.id == person_id:
                return contact.name
        return person_id
