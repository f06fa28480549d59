"""The password rule (matcher.services.passwords), on its own: no app, no database."""
from __future__ import annotations

import pytest

from matcher.services.passwords import (
    PASSWORD_MIN, REFUSALS, WeakPassword, check_new_password, common_passwords, password_refusal,
)

EMAIL = "olga.petrova@lesmash.example.by"


@pytest.mark.parametrize("password, code", [
    ("12345678", "length"),
    ("password", "length"),
    ("короткий", "length"),
    ("x" * 129, "length"),
    ("1234567890", "common"),
    ("password123", "common"),
    ("PassWord123", "common"),          # case does not make a common password rare
    ("qwertyuiop", "common"),
    ("йцукенгшщз", "common"),           # qwertyuiop typed with the Russian layout on
    ("пароль" * 2, "common"),           # «парольпароль» is gfhjkmgfhjkm on the Latin keys
    (EMAIL, "email"),
    (EMAIL.upper(), "email"),
    ("olga.petrova", "email"),          # the part before @
])
def test_weak_passwords_are_refused_with_the_rule_they_break(password, code):
    assert password_refusal(password, EMAIL) == code


@pytest.mark.parametrize("password", ["correct-horse-42", "Лесмаш-Борисов-2027", "olga.petrova.1987", "x" * 128])
def test_long_uncommon_passwords_that_are_not_the_email_are_accepted(password):
    assert password_refusal(password, EMAIL) is None


def test_the_shipped_list_is_there_and_holds_only_passwords_the_length_rule_lets_through():
    listed = common_passwords()
    assert len(listed) > 2000
    assert all(len(p) >= PASSWORD_MIN and p == p.lower() for p in listed)


def test_a_refusal_is_a_422_naming_the_field_it_was_given():
    with pytest.raises(WeakPassword) as refused:
        check_new_password("1234567890", EMAIL, field="new_password")
    assert refused.value.status == 422 and refused.value.code == "common"
    assert refused.value.errors == {"new_password": [REFUSALS["common"]]}
