"""Messages by code: English for the API, the reader's language elsewhere, the code kept throughout."""
import json
import pickle

import pytest

from matcher.messages import CATALOGUE, Message, N_, define, say

SAMPLE = define("test.sample", N_("HS code %(value)s does not exist."))
PLAIN = define("test.plain", N_("Choose a region from the list."))


def test_a_message_reads_as_its_english_text_with_the_values_filled_in():
    message = SAMPLE(value="999999")
    assert message == "HS code 999999 does not exist."
    assert (message.code, message.params) == ("test.sample", {"value": "999999"})


def test_a_message_serialises_to_json_as_its_english_text():
    assert json.loads(json.dumps({"errors": [SAMPLE(value="12")]})) == {"errors": ["HS code 12 does not exist."]}


def test_a_message_is_said_again_through_the_readers_translation():
    russian = {"HS code %(value)s does not exist.": "Кода ТН ВЭД %(value)s нет в номенклатуре."}
    assert say(SAMPLE(value="12"), lambda text: russian.get(text, text)) == "Кода ТН ВЭД 12 нет в номенклатуре."


def test_a_message_without_values_is_translated_as_it_is():
    assert PLAIN().say(lambda text: text.upper()) == "CHOOSE A REGION FROM THE LIST."


def test_a_plain_string_from_a_library_is_shown_unchanged():
    assert say("Not a valid URL.", lambda text: "translated") == "Not a valid URL."


def test_a_pickled_message_keeps_its_code_and_values():
    copy = pickle.loads(pickle.dumps(SAMPLE(value="44")))
    assert isinstance(copy, Message) and copy.code == "test.sample" and copy.params == {"value": "44"}


def test_a_code_cannot_be_defined_twice_with_different_texts():
    with pytest.raises(ValueError, match="test.sample"):
        define("test.sample", N_("Something else."))
    assert CATALOGUE["test.sample"] == "HS code %(value)s does not exist."


def test_an_unknown_code_is_refused():
    with pytest.raises(KeyError, match="no.such.code"):
        Message("no.such.code")
