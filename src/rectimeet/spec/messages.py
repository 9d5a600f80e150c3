"""Pydantic's validation errors, said in rectimeet's words (and so in zh or en).

Pydantic words its errors in English; a clerk reads Chinese. Each error type a spec can
produce maps to a message id here, with the offending value and pydantic's context as fields;
anything unmapped keeps pydantic's own wording.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rectimeet.i18n import N_

_DATE = N_("{value} is not a valid date (write it as 2026-12-18)")
_TIME = N_("{value} is not a valid time (write it as 09:00)")
_INT = N_("{value} is not a whole number")
_NUMBER = N_("{value} is not a number")
_CHOICE = N_("{value} is not one of: {expected}")
_MAPPING = N_("this should be a section of named fields")

MESSAGES: Mapping[str, str] = {
    "missing": N_("this required field is missing"),
    "extra_forbidden": N_("unknown field {field} (check the spelling)"),
    "bad_text": N_("text contains character U+{codepoint} at position {index}, which a .docx cannot hold"),
    "blank_text": N_("this text must not be empty"),
    "same_person": N_("a talk needs two different people"),
    "session_end": N_("a session must end after it starts"),
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "date_type": _DATE,
    "time_parsing": _TIME,
    "time_type": _TIME,
    "bool_number": N_("{value} is true or false, not a number"),
    "time_number": N_("{value} is a number, not a time; write the time as 09:00 (quoted if an "
                      "older tool rewrites it)"),
    "date_range": N_("{value} is outside the dates a plan may name ({first} … {last})"),
    "int_parsing": _INT,
    "int_type": _INT,
    "int_from_float": _INT,
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "bool_parsing": N_("{value} is not true or false"),
    "bool_type": N_("{value} is not true or false"),
    "string_type": N_("{value} should be text"),
    "list_type": N_("this should be a list (items starting with -)"),
    "tuple_type": N_("this should be a list (items starting with -)"),
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "enum": _CHOICE,
    "literal_error": _CHOICE,
    "greater_than_equal": N_("{value} should be at least {ge}"),
    "greater_than": N_("{value} should be more than {gt}"),
    "less_than_equal": N_("{value} should be at most {le}"),
    "less_than": N_("{value} should be less than {lt}"),
    "too_short": N_("this should have at least {min_length} items"),
    "too_long": N_("this should have at most {max_length} items"),
    "string_too_short": N_("this text must not be empty"),
    "string_too_long": N_("this text is longer than {max_length} characters"),
    "string_pattern_mismatch": N_("{value} must be one word without spaces"),
}


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def message_for(error: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """(message id, params) for one entry of ``ValidationError.errors()``."""
    kind = str(error["type"])
    msgid = MESSAGES.get(kind)
    if msgid is None:
        return str(error["msg"]), {}
    params: dict[str, Any] = {k: v for k, v in (error.get("ctx") or {}).items() if k != "error"}
    params["value"] = _show(error.get("input", ""))
    loc = error.get("loc") or ()
    params["field"] = str(loc[-1]) if loc else ""
    if "expected" in params:
        params["expected"] = str(params["expected"]).replace("'", "")
    return msgid, params
