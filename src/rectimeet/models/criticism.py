"""批评意见: criticism one member gives another."""

from typing import Annotated

from pydantic import Field, model_validator

from rectimeet.coreschema import new_list
from rectimeet.models.base import Id, Model, whole
from rectimeet.text import Text


class Criticism(Model):
    """Criticism from one member to another: how many points, optionally recorded."""

    from_: Id = Field(alias="from")
    """Member id of the one who criticises."""
    to: Id
    """Member id of the one criticised."""
    count: Annotated[int, whole(ge=0)] = 1
    """Number of points (条) given; at least the number of texts recorded."""
    texts: list[Text] = Field(default_factory=new_list)
    """The points as recorded in the minutes, if the clerk keeps them."""

    @model_validator(mode="after")
    def _count_covers_texts(self) -> "Criticism":
        if self.texts and self.count < len(self.texts):
            object.__setattr__(self, "count", len(self.texts))
        return self
