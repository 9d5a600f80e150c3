"""谈心谈话: heart-to-heart talks between two parties."""

from pydantic import field_validator
from pydantic_core import PydanticCustomError

from rectimeet.models.base import Day, Id, Model
from rectimeet.text import Text


class Talk(Model):
    """A talk between two people: members or contacts, by id."""

    parties: tuple[Id, Id]
    """The two people, member or contact ids; order does not matter."""
    date: Day | None = None
    """When it was (or is to be) held."""
    held: bool = False
    """Whether it has taken place."""
    note: Text = ""
    """Topics or remarks (never the content of anyone's self-criticism)."""
    half_day: Text = ""
    """上午 or 下午, when known."""

    @field_validator("parties")
    @classmethod
    def _two_people(cls, value: tuple[str, str]) -> tuple[str, str]:
        if value[0] == value[1]:
            raise PydanticCustomError("same_person", "a talk needs two different people")
        return value

    @property
    def pair(self) -> frozenset[str]:
        return frozenset(self.parties)

