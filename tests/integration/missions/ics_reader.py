"""A strict little RFC 5545 reader for tests: checks line endings and folding, unfolds, unescapes."""
from __future__ import annotations

import re


def read_calendar(data: bytes) -> tuple[dict, list[dict]]:
    """(calendar properties, events); every physical line must end in CRLF and fit in 75 octets."""
    assert data.endswith(b"\r\n"), "the file must end with CRLF"
    physical = data.split(b"\r\n")[:-1]
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, "bare LF or CR inside a line"
        assert len(line) <= 75, f"line of {len(line)} octets: {line[:40]!r}…"
    logical: list[bytes] = []
    for line in physical:
        if line[:1] in (b" ", b"\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    calendar: dict = {}
    events: list[dict] = []
    current: dict | None = None
    for raw in logical:
        text = raw.decode("utf-8")
        name, _, value = text.partition(":")
        name = name.split(";")[0]
        if (name, value) == ("BEGIN", "VEVENT"):
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            events.append(current)
            current = None
        elif current is not None:
            current[name] = _unescape(value)
        else:
            calendar[name] = _unescape(value) if name not in ("BEGIN", "END") else value
    return calendar, events


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
