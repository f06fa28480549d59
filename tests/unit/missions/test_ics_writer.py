"""The hand-written iCalendar writer: folding, escaping, UTC times — no app, no database."""
from datetime import datetime, timedelta, timezone

import pytest

from matcher.services.ics import CalendarEvent, calendar, escape_text, fold, utc_stamp

PERM = timezone(timedelta(hours=5))


def test_long_cyrillic_lines_fold_at_75_octets_without_splitting_a_letter():
    line = "DESCRIPTION:" + "Харвестеры и форвардеры для лесозаготовки в Пермском крае. " * 6
    folded = fold(line)
    physical = folded.split(b"\r\n")[:-1]
    assert all(len(p) <= 75 for p in physical) and len(physical) > 3
    assert all(p.startswith(b" ") for p in physical[1:])
    for p in physical:
        p.decode("utf-8")  # a split multi-octet letter would not decode
    assert b"".join([physical[0]] + [p[1:] for p in physical[1:]]).decode() == line


def test_short_lines_are_left_alone():
    assert fold("SUMMARY:Встреча") == "SUMMARY:Встреча\r\n".encode()


def test_text_escapes_backslash_semicolon_comma_and_newlines():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_times_are_written_in_utc():
    assert utc_stamp(datetime(2027, 9, 14, 10, 0, tzinfo=PERM)) == "20270914T050000Z"
    with pytest.raises(ValueError):
        utc_stamp(datetime(2027, 9, 14, 10, 0))


def test_calendar_has_the_required_properties_and_crlf_everywhere():
    start = datetime(2027, 9, 14, 10, 0, tzinfo=PERM)
    data = calendar([CalendarEvent("m-1@matcher", start, start + timedelta(minutes=20), "Встреча")],
                    "Форум", datetime(2027, 9, 1, tzinfo=timezone.utc))
    text = data.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for needed in ("UID:m-1@matcher", "DTSTAMP:20270901T000000Z", "DTSTART:20270914T050000Z",
                   "DTEND:20270914T052000Z", "SUMMARY:Встреча"):
        assert needed + "\r\n" in text
