"""The catalogue: every code is translated into Russian, says nothing its API text cannot fill in, and
marshmallow's own errors keep the English API clients read today while gaining a code."""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from matcher.errors import ValidationFailed
from matcher.messages import CATALOGUE, READER, load_all, say_in
from matcher.schemas import load_or_raise
from matcher.schemas.company import CompanySchema
from matcher.schemas.mission import MissionSchema, ScheduleRequestSchema
from matcher.scoring import wording

RUSSIAN_PO = Path(__file__).resolve().parents[3] / "matcher" / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
_PARAM = re.compile(r"%\((\w+)\)")
_WORDS = re.compile(r"[^\W\d_]")  # a letter: a text of placeholders and punctuation has nothing to translate


def _russian() -> dict[str, str]:
    with RUSSIAN_PO.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def _errors(schema, data) -> dict:
    with pytest.raises(ValidationFailed) as caught:
        load_or_raise(schema, data)
    return caught.value.errors


def test_every_catalogue_code_has_a_russian_translation():
    load_all()
    russian = _russian()
    untranslated = sorted(code for code, msgid in READER.items() if not code.startswith("test.")
                          and _WORDS.search(_PARAM.sub("", msgid)) and not russian.get(msgid))
    assert not untranslated, untranslated


def test_what_a_person_reads_needs_no_value_the_api_text_does_not_carry():
    load_all()
    for code, msgid in READER.items():
        assert set(_PARAM.findall(msgid)) <= set(_PARAM.findall(CATALOGUE[code])), code


def test_a_russian_translation_keeps_every_placeholder_of_its_english():
    load_all()
    russian = _russian()
    for code, msgid in READER.items():
        if russian.get(msgid):
            assert sorted(_PARAM.findall(russian[msgid])) == sorted(_PARAM.findall(msgid)), code


def test_marshmallows_own_errors_keep_their_english_and_gain_a_code():
    errors = _errors(CompanySchema(), {"country": "BY", "roles": ["maker"], "website": "lesmash", "email": "x@",
                                       "description": "x" * 10001, "bogus": 1,
                                       "offers": [{"title": "Форвардеры", "annual_capacity_usd": -1}]})
    seen = {path: (messages[0].code, str(messages[0])) for path, messages in errors.items()}
    assert seen["name"] == ("input.required", "Missing data for required field.")
    assert seen["roles.0"] == ("input.one_of", "Must be one of: supplier, buyer.")
    assert seen["website"] == ("input.not_url", "Not a valid URL.")
    assert seen["email"] == ("input.not_email", "Not a valid email address.")
    assert seen["description"] == ("input.longer_than", "Longer than maximum length 10000.")
    assert seen["bogus"] == ("input.unknown_field", "Unknown field.")
    assert seen["offers.0.annual_capacity_usd"] == (
        "input.amount_in_range", "Must be greater than or equal to 0 and less than or equal to 10000000000000.")
    schedule = _errors(ScheduleRequestSchema(), {"slots": "eight", "starts_at": "2027-09-14T10:00:00"})
    assert (schedule["slots"][0].code, schedule["slots"][0]) == ("input.not_integer", "Not a valid integer.")
    mission = _errors(MissionSchema(), {"name": None, "starts_on": "14.09.2027"})
    assert (mission["name"][0].code, mission["name"][0]) == ("input.null", "Field may not be null.")
    assert (mission["starts_on"][0].code, mission["starts_on"][0]) == ("input.not_date", "Not a valid date.")


def test_a_person_reads_the_friendlier_wording_in_either_language():
    message = _errors(MissionSchema(), {})["name"][0]
    assert say_in(message, "en") == "This field is required."
    assert say_in(message, "ru") == "Обязательное поле."


def test_the_reasons_are_worded_from_the_catalogue_in_each_language():
    assert wording.say("route", "en", supplier="BY-HM", buyer="RU-PER") == "BY-HM supplier → RU-PER buyer"
    assert wording.say("route", "ru", supplier="BY-HM", buyer="RU-PER") == "поставщик BY-HM → покупатель RU-PER"
    assert wording.say("shared_certs", "en", names="EAC, ISO 9001") == "shared EAC, ISO 9001"
    assert wording.say("shared_certs", "ru", names="EAC, ISO 9001") == "общие сертификаты EAC, ISO 9001"
    assert wording.level(True, 4, "ru") == "товарная позиция" and wording.level(False, 2, "en") == "division"
