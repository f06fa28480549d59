"""The rule every new password meets — sign-up, password change, reset, invite: one function for all.

10 to 128 characters; not among the most common passwords (a list shipped with the code, see
scripts/build-common-passwords.py), also when typed on a Russian keyboard layout (йцукенгшщз is
qwertyuiop); and not the account's own email address or the part of it before @.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from matcher.errors import ValidationFailed

PASSWORD_MIN, PASSWORD_MAX = 10, 128
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "common-passwords.txt.gz"
# Why a password is refused: code -> English message (the API, the CLI). The web shows its own
# translation of each code (matcher/web/auth.py, PASSWORD_TEXTS).
REFUSALS = {
    "length": "must be {min} to {max} characters long",
    "common": "is one of the most common passwords, which are guessed first; choose another",
    "email": "must not be the email address or its part before @",
}
# The key under each Cyrillic letter of the ЙЦУКЕН layout on a QWERTY keyboard.
_RUSSIAN_LAYOUT = str.maketrans("йцукенгшщзхъфывапролджэячсмитьбюё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.`")


class WeakPassword(ValidationFailed):
    """A password that breaks the rule; `code` says which part (a key of REFUSALS)."""

    def __init__(self, code: str, field: str):
        message = REFUSALS[code].format(min=PASSWORD_MIN, max=PASSWORD_MAX)
        super().__init__(f"The password {message}", {field: [message]})
        self.code = code


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def password_refusal(password: str, email: str) -> str | None:
    """The code of the rule `password` breaks for the account `email`, or None when it may be used."""
    password = password or ""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return "length"
    typed = password.strip().lower()
    as_typed_on_latin_keys = typed.translate(_RUSSIAN_LAYOUT)
    if {typed, as_typed_on_latin_keys} & common_passwords():
        return "common"
    address = (email or "").strip().lower()
    if address and typed in {address, address.partition("@")[0]}:
        return "email"
    return None


def check_new_password(password: str, email: str, field: str = "password") -> None:
    """Raise WeakPassword (a 422 naming `field`) unless `password` may be used by `email`'s account."""
    code = password_refusal(password, email)
    if code is not None:
        raise WeakPassword(code, field)
