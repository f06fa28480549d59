"""The mission and schedule forms: request fields -> service payloads, and service errors (Messages, said in
the page's language) -> the right inputs."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from werkzeug.datastructures import MultiDict

from matcher.services.code_lookup import CodeHit
from matcher.settings import SETTINGS
from matcher.web.forms import split_codes
from matcher.web.i18n import localize
from matcher.web.params import row_id, whole_number

MISSION_FIELDS = ("name", "city", "starts_on", "ends_on", "hs_prefixes", "nace_prefixes")
SCHEDULE_FIELDS = ("slots", "tables", "slot_minutes", "day", "time", "utc_offset", "max_meetings", "min_score",
                   "per_company")
# UTC offsets of the corridor and its neighbours; Perm Krai keeps UTC+5 all year, Minsk and Moscow UTC+3.
UTC_OFFSETS = ("+02:00", "+03:00", "+04:00", "+05:00", "+06:00", "+07:00")
DEFAULT_OFFSET = "+05:00"

def _error_field(path: str, known: tuple[str, ...]) -> str:
    head = path.split(".")[0]
    return head if head in known else "_form"


@dataclass
class MissionForm:
    """The mission form: values as typed, the ticked companies, the version read, errors by input."""

    values: dict[str, str] = field(default_factory=lambda: {k: "" for k in MISSION_FIELDS})
    company_ids: list[int] = field(default_factory=list)
    version: str = ""
    code_query: str = ""
    code_hits: list[CodeHit] = field(default_factory=list)
    searched: bool = False
    errors: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_mission(cls, mission: dict) -> MissionForm:
        form = cls(company_ids=list(mission["company_ids"]), version=str(mission["version"]))
        for key in ("name", "city", "starts_on", "ends_on"):
            form.values[key] = mission[key] or ""
        form.values["hs_prefixes"] = ", ".join(mission["hs_prefixes"])
        form.values["nace_prefixes"] = ", ".join(mission["nace_prefixes"])
        return form

    @classmethod
    def from_request(cls, data: MultiDict) -> MissionForm:
        form = cls(version=data.get("version", "").strip(), code_query=data.get("focus-code_query", "").strip())
        for key in ("name", "city", "starts_on", "ends_on"):
            form.values[key] = data.get(key, "")
        form.values["hs_prefixes"] = data.get("focus-hs_codes", "")
        form.values["nace_prefixes"] = data.get("focus-nace_codes", "")
        for picked in data.getlist("focus-pick"):  # codes ticked among the picker's suggestions
            scheme, _sep, code = picked.partition(":")
            key = {"hs": "hs_prefixes", "nace": "nace_prefixes"}.get(scheme)
            if key and code.strip() and code.strip() not in split_codes(form.values[key]):
                form.values[key] = ", ".join([*split_codes(form.values[key]), code.strip()])
        # An id no row can have (tampered with, or «²») is dropped: there is no such company to pick.
        form.company_ids = list(dict.fromkeys(i for i in map(row_id, data.getlist("company_ids")) if i))
        return form

    def payload(self) -> dict:
        """What MissionSchema loads: blanks are left out (name: «required») or None."""
        data: dict = {"company_ids": list(self.company_ids),
                      "hs_prefixes": split_codes(self.values["hs_prefixes"]),
                      "nace_prefixes": split_codes(self.values["nace_prefixes"])}
        if self.values["name"].strip():
            data["name"] = self.values["name"]
        for key in ("city", "starts_on", "ends_on"):
            data[key] = self.values[key].strip() or None
        return data

    def attach_errors(self, errors: dict[str, list[str]]) -> None:
        """Each error next to its input: company_ids.3 -> the participants, hs_prefixes.1 -> the codes."""
        for path, messages in errors.items():
            target = _error_field(path, (*MISSION_FIELDS, "company_ids"))
            self.errors.setdefault(target, []).extend(localize(m) for m in messages)

    def add_form_error(self, message: str) -> None:
        self.errors.setdefault("_form", []).append(message)


@dataclass
class ScheduleForm:
    """The schedule form: the day's shape, as typed; the service's errors by input."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def initial(cls, mission: dict, last_params: dict | None) -> ScheduleForm:
        """The last run's settings, else a day of 8 × 20-minute slots at 10 tables from 10:00 Perm time."""
        values = {"slots": "8", "tables": "10", "slot_minutes": "20", "day": mission["starts_on"] or
                  date.today().isoformat(), "time": "10:00", "utc_offset": DEFAULT_OFFSET, "max_meetings": "",
                  "min_score": f"{SETTINGS.meeting_min_score:g}",
                  "per_company": str(SETTINGS.mission_pairs_per_company)}
        if last_params:
            starts = last_params["starts_at"]
            values.update({key: "" if last_params.get(key) is None else f"{last_params[key]:g}"
                           for key in ("slots", "tables", "slot_minutes", "max_meetings", "min_score", "per_company")})
            values.update(day=starts[:10], time=starts[11:16], utc_offset=starts[19:] or DEFAULT_OFFSET)
        return cls(values=values)

    @classmethod
    def from_request(cls, data: MultiDict) -> ScheduleForm:
        return cls(values={key: data.get(key, "").strip() for key in SCHEDULE_FIELDS})

    def payload(self, time_limit_s: float) -> dict:
        """What ScheduleRequestSchema loads; numbers go as typed when they are not numbers, so the
        schema names the field."""
        data: dict = {"time_limit_s": time_limit_s}
        for key in ("slots", "tables", "slot_minutes", "per_company"):
            data[key] = _number(self.values[key], int)
        for key in ("min_score",):
            data[key] = _number(self.values[key], float)
        data["max_meetings"] = _number(self.values["max_meetings"], int) if self.values["max_meetings"] else None
        offset = self.values["utc_offset"] if self.values["utc_offset"] in UTC_OFFSETS else ""
        data["starts_at"] = f"{self.values['day']}T{self.values['time']}:00{offset}"
        return {key: value for key, value in data.items() if value != ""}

    def attach_errors(self, errors: dict[str, list[str]]) -> None:
        for path, messages in errors.items():
            target = "day" if path == "starts_at" else _error_field(path, SCHEDULE_FIELDS)
            self.errors.setdefault(target, []).extend(localize(m) for m in messages)

    def add_form_error(self, message: str) -> None:
        self.errors.setdefault("_form", []).append(message)


def _number(text: str, kind):
    text = text.strip().replace(",", ".") if kind is float else text.strip()
    if not text:
        return ""
    if kind is int:  # ASCII digits only; anything else goes as typed, for the schema to name
        number = whole_number(text, maximum=10**18)
        return text if number is None else number
    try:
        return kind(text)
    except ValueError:
        return text
