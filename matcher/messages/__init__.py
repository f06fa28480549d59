"""Every sentence the domain says to a person, by code: one catalogue, rendered per reader.

A rule that fails says *which* sentence applies and with what values — `Message(code, params)` —
never a finished English string that a surface later has to guess back from. Per code the catalogue
holds two texts:

- the **API text**: the English the JSON API shows (the contract in shared/API.md). It is the `str`
  value of the message, so code that treats messages as strings keeps working unchanged, and it may
  be a library's own wording (marshmallow's «Missing data for required field.») that clients rely on;
- the **reader's text** (`web=`, defaults to the API text): the gettext msgid the web and the CLI say
  in the reader's language — in English too, so a person reads «This field is required.» where a
  client reads marshmallow's words. Only these texts are translated (matcher/translations).

Define messages next to the area they belong to, in this package (`matcher/messages/<area>.py`):

    UNKNOWN = define("hs.unknown", "HS code %(value)s does not exist in the HS nomenclature",
                     web=N_("HS code %(value)s does not exist in the HS nomenclature."))
    raise CodeError(UNKNOWN(value=code))

A library that fills its error templates with `str.format(**values)` (marshmallow's fields and
validators) is handed `UNKNOWN.template()`: it formats into a `Message` with those values.

A surface says a message in its reader's language: `say(message, gettext)` with Flask-Babel's gettext in
a request (matcher/web/i18n.py `localize`), or `say_in(message, lang)` anywhere else (CLI, files,
mail, the API's `lang` parameter), which loads the same compiled catalogue with babel.

pybabel extracts the `N_` texts from here (matcher/translations/babel.cfg). This package is pure: it
imports neither Flask nor SQLAlchemy (the scoring package uses it).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOGUE: dict[str, str] = {}   # code -> the API's English text
READER: dict[str, str] = {}      # code -> the msgid a person reads (translated)
LANGUAGES = ("ru", "en")
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
_PARAM = re.compile(r"%\((\w+)\)")


def N_(text: str) -> str:
    """Marks a text for extraction; it is translated when a surface says it."""
    return text


def _fill(text: str, params: Mapping[str, Any]) -> str:
    return text % dict(params) if params else text


class Message(str):
    """A sentence in the API's English (its `str` value) that remembers its code and parameters."""

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
        params = {k: say(v, gettext) if isinstance(v, Message) else v for k, v in self.params.items()}
        return _fill(gettext(READER[self.code]), params)


class Template(Message):
    """A message whose values a library fills in with `str.format(**values)`: marshmallow's error
    templates (`error_messages`, validators' `error=`) become Messages this way. Unfilled, its
    `str` value is the API text with its placeholders (what marshmallow shows for a value-less one)."""

    def format(self, *args: Any, **values: Any) -> Message:  # noqa: A003 - the str method libraries call
        wanted = set(_PARAM.findall(CATALOGUE[self.code])) | set(_PARAM.findall(READER[self.code]))
        return Message(self.code, {k: v for k, v in values.items() if k in wanted})


class MessageDefinition:
    """What `define` returns: call it with the parameters to get a `Message`."""

    __slots__ = ("code", "text", "web")

    def __init__(self, code: str, text: str, web: str):
        self.code, self.text, self.web = code, text, web

    def __call__(self, **params: Any) -> Message:
        return Message(self.code, params)

    def template(self) -> Template:
        """This message as an error template for marshmallow (see `Template`)."""
        return Template(self.code)

    def __repr__(self) -> str:
        return f"<message {self.code}>"


def define(code: str, text: str, web: str | None = None) -> MessageDefinition:
    """Add `code` → (`text` for the API, `web` for people, default `text`) to the catalogue; a code is
    defined once (a second, different definition fails)."""
    reader = web if web is not None else text
    known = CATALOGUE.get(code)
    if known is not None and (known, READER[code]) != (text, reader):
        raise ValueError(f"message code {code!r} is already defined as {known!r}")
    CATALOGUE[code], READER[code] = text, reader
    return MessageDefinition(code, text, reader)


def say(message: Any, gettext: Callable[[str], str]) -> str:
    """Any message a surface receives, in the reader's language: a `Message` is translated by its
    code; a plain string (a third-party library's text no rule of ours produced) is shown as it is."""
    if isinstance(message, Message):
        return message.say(gettext)
    return str(message)


@lru_cache(maxsize=len(LANGUAGES))
def translator(lang: str) -> Callable[[str], str]:
    """gettext for `lang` outside a request (the compiled catalogue the web uses, loaded by babel)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    from babel.support import Translations  # babel is pure Python; loaded only when a surface needs it

    return Translations.load(str(TRANSLATIONS), [lang], domain="messages").gettext


def say_in(message: Any, lang: str) -> str:
    """A message in `lang` ('ru' or 'en') outside a request: the CLI, files, mail, the API's `lang`."""
    return say(message, translator(lang))


def load_all() -> None:
    """Import every module of this package, so the catalogue is complete (tests, extraction checks)."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        importlib.import_module(f"{__name__}.{module.name}")
