"""Every sentence the domain says to a person, by code: one catalogue, rendered per reader.

A rule that fails says *which* sentence applies and with what values — `Message(code, params)` —
never a finished English string that a surface later has to guess back from. The catalogue maps each
code to its English text, which is also its gettext msgid, so:

- the JSON API shows the English text (the contract in shared/API.md) — it is the `str` value of the
  message, so code that treats messages as strings keeps working unchanged;
- the web and the CLI say the same message in the reader's language with `message.say(gettext)`.

Messages are defined next to the area they belong to, in this package (`matcher/messages/*.py`), with
`define(code, N_("English text with %(param)s"))`; pybabel extracts the `N_` texts from here (see
matcher/translations/babel.cfg). This package is pure: it imports neither Flask nor SQLAlchemy.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

CATALOGUE: dict[str, str] = {}


def N_(text: str) -> str:
    """Marks a text for extraction; it is translated when a surface says it."""
    return text


def _fill(text: str, params: Mapping[str, Any]) -> str:
    return text % dict(params) if params else text


class Message(str):
    """A sentence in English (its `str` value) that remembers its code and parameters."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any] | None = None) -> "Message":
        if code not in CATALOGUE:
            raise KeyError(f"no message is defined with the code {code!r}")
        values = dict(params or {})
        self = super().__new__(cls, _fill(CATALOGUE[code], values))
        self.code = code
        self.params = values
        return self

    def __reduce__(self):  # pickles (job payloads) keep the code, not just the English text
        return (Message, (self.code, self.params))

    def say(self, gettext: Callable[[str], str]) -> str:
        """This message in the language `gettext` translates to (parameters filled in afterwards)."""
        return _fill(gettext(CATALOGUE[self.code]), self.params)


class MessageDefinition:
    """What `define` returns: call it with the parameters to get a `Message`."""

    __slots__ = ("code", "text")

    def __init__(self, code: str, text: str):
        self.code, self.text = code, text

    def __call__(self, **params: Any) -> Message:
        return Message(self.code, params)

    def __repr__(self) -> str:
        return f"<message {self.code}>"


def define(code: str, text: str) -> MessageDefinition:
    """Add `code` → `text` to the catalogue; a code is defined once (a second, different text fails)."""
    known = CATALOGUE.get(code)
    if known is not None and known != text:
        raise ValueError(f"message code {code!r} is already defined as {known!r}")
    CATALOGUE[code] = text
    return MessageDefinition(code, text)


def say(message: Any, gettext: Callable[[str], str]) -> str:
    """Any message a surface receives, in the reader's language: a `Message` is translated by its
    code; a plain string (a third-party library's text no rule of ours produced) is shown as it is."""
    if isinstance(message, Message):
        return message.say(gettext)
    return str(message)
