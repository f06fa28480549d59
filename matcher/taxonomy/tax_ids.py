"""Tax identifiers by country: Belarus UNP; Russia INN or OGRN (python-stdnum); others as given."""
from __future__ import annotations

import re

from stdnum.by import unp
from stdnum.exceptions import ValidationError
from stdnum.ru import inn, ogrn

from matcher.taxonomy import CodeError


def validate(raw: str, country: str) -> str:
    """The compact, checked tax id; raises CodeError naming what the country expects."""
    value = str(raw).strip()
    if country == "BY":
        try:
            return unp.validate(value)
        except ValidationError as exc:
            raise CodeError(f"not a valid Belarusian UNP (9 characters with a check digit): {exc}") from None
    if country == "RU":
        digits = re.sub(r"[\s-]", "", value)
        for module in (inn, ogrn):
            try:
                return module.validate(digits)
            except ValidationError:
                continue
        raise CodeError(
            "not a valid Russian INN (10 or 12 digits) or OGRN (13 or 15 digits): check digit or length is wrong"
        )
    if not value or len(value) > 20:
        raise CodeError("a tax id must be 1 to 20 characters")
    return value
