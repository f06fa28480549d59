"""The niche service refuses bad input with a domain error, whatever surface called it."""
from __future__ import annotations

import pytest

from matcher.errors import ValidationFailed
from matcher.services import niches


def test_an_update_that_is_not_an_object_is_refused_naming_the_body(app):
    niche = niches.create_niche({"title": "Лесные машины", "departed_company": "Ponsse", "region": "RU-PER",
                                 "hs_codes": ["843680"]})
    with pytest.raises(ValidationFailed) as refused:
        niches.update_niche(niche.id, ["title", "x"])
    assert refused.value.errors == {"_schema": ["expected a JSON object"]}
