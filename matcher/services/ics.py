"""iCalendar (RFC 5545) files written by hand: CRLF lines folded at 75 octets, escaped text, UTC times."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

PRODUCT_ID = "-//matcher//Trade mission meetings//RU"
MAX_LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    uid: str                    # stays the same across re-schedulings, so calendars update in place
    starts_at: datetime         # timezone-aware
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""
    sequence: int = 0           # grows with every new version of the event


def escape_text(value: str) -> str:
    """TEXT values (§3.3.11): backslash, semicolon and comma escaped; line breaks become \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded (§3.1) so no physical line exceeds 75 octets without its
    CRLF; a fold never splits a multi-octet character, and each continuation starts with a space."""
    out = bytearray()
    used = 0
    for char in line:
        encoded = char.encode("utf-8")
        if used + len(encoded) > MAX_LINE_OCTETS:
            out += b"\r\n "
            used = 1
        out += encoded
        used += len(encoded)
    return bytes(out) + b"\r\n"


def utc_stamp(moment: datetime) -> str:
    """DATE-TIME in UTC form (§3.3.5, FORM #2): 20270914T050000Z."""
    if moment.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: list[CalendarEvent], name: str, stamp: datetime) -> bytes:
    """A VCALENDAR of VEVENTs; `stamp` (DTSTAMP) says when this version of the schedule was made."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc_stamp(stamp)}",
            f"DTSTART:{utc_stamp(event.starts_at)}",
            f"DTEND:{utc_stamp(event.ends_at)}",
            f"SEQUENCE:{event.sequence}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)
