"""The API's participation schemas spell out the stored states (the API layer does not import the models)."""
from __future__ import annotations

from matcher.api.participation_schemas import REGISTRATION_STATES, REQUEST_STATUSES
from matcher.models.mission_participation import REGISTRATION_STATES as STORED_REGISTRATION_STATES
from matcher.models.mission_participation import REQUEST_STATES as STORED_REQUEST_STATES


def test_the_documented_registration_states_are_the_stored_ones():
    assert REGISTRATION_STATES == STORED_REGISTRATION_STATES


def test_the_documented_request_statuses_are_the_stored_ones_and_scheduled():
    assert set(REQUEST_STATUSES) == set(STORED_REQUEST_STATES) | {"scheduled"}
