"""Tax identifiers by country: Belarus UNP; Russia INN or OGRN (python-stdnum); others as given."""
from __future__ import annotations

import re

from stdnum.by import unp
from stdnum.exceptions import ValidationError
from stdnum.ru import inn, ogrn

from matcher.messages.codes import INN_INVALID, TAX_ID_LENGTH, UNP_INVALID
from matcher.taxonomy import CodeError


def validate(raw: str, country: str) -> str:
    """The compact, checked tax id; raises CodeError naming what the country expects."""
    value = str(raw).strip()
    if country == "BY":
        try:
            return unp.validate(value)
        except ValidationError as exc:
            raise CodeError(UNP_INVALID(reason=str(exc))) from None
    if country == "RU":
        digits = re.sub(r"[\s-]", "", value)
        for module in (inn, ogrn):
            try:
                return module.validate(digits)
            except ValidationError:
                continue
        raise CodeError(INN_INVALID())
    if not value or len(value) > 20:
        raise CodeError(TAX_ID_LENGTH())
    return value
