"""Look inside an uploaded XLSX (a ZIP archive) before openpyxl parses it, so a small upload cannot
unpack into gigabytes, millions of strings or XML entity tricks.

Sizes are checked from the archive's directory and then for real while unpacking: zipfile never
hands out more than a part's declared size (a lying size ends in a CRC error), so the declared
sizes bound what openpyxl can later read.
"""
from __future__ import annotations

import io
import re
import zipfile

from matcher.services.upload_problems import FileRefused
from matcher.text_safety import clean_text

MAX_MEMBERS = 300                      # a workbook has a dozen parts; hundreds of sheets are not a delegation
MAX_MEMBER_BYTES = 16 * 1024 * 1024    # a full sheet (6,000 rows × 80 short cells) of XML fits in it
MAX_TOTAL_BYTES = 40 * 1024 * 1024
MAX_RATIO = 100                        # spreadsheet XML packs 5–30×; bombs pack thousands of times
RATIO_FROM_BYTES = 1024 * 1024         # small parts may pack tighter, harmlessly
MAX_SHARED_STRINGS = 100_000           # 5,000 rows × 20 distinct texts; parsing them takes a second or two
ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Excel, LibreOffice and openpyxl write
_CHUNK = 256 * 1024
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_MB = 1024 * 1024


def check_xlsx_archive(data: bytes) -> None:
    """Refuse (FileRefused) an archive whose parts are too many, too big, packed oddly or carry a DOCTYPE."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise FileRefused("not_a_workbook", reason=_reason(exc)) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise FileRefused("archive_members", count=len(members), limit=MAX_MEMBERS)
        total = 0
        for member in members:
            _check_directory_entry(member)
            total += member.file_size
            if total > MAX_TOTAL_BYTES:
                raise FileRefused("archive_size", size_mb=_mb(total), limit_mb=MAX_TOTAL_BYTES // _MB)
        strings = 0
        for member in members:
            strings += _scan(archive, member)
            if strings > MAX_SHARED_STRINGS:
                raise FileRefused("shared_strings", limit=MAX_SHARED_STRINGS)


def _check_directory_entry(member: zipfile.ZipInfo) -> None:
    if member.compress_type not in ALLOWED_METHODS:
        raise FileRefused("archive_method", member=_name(member), method=member.compress_type)
    if member.flag_bits & 0x1:
        raise FileRefused("archive_encrypted", member=_name(member))
    if member.file_size > MAX_MEMBER_BYTES:
        raise FileRefused("member_size", member=_name(member), size_mb=_mb(member.file_size),
                          limit_mb=MAX_MEMBER_BYTES // _MB)
    if member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
        raise FileRefused("member_ratio", member=_name(member),
                          ratio=member.file_size // max(member.compress_size, 1), limit=MAX_RATIO)


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    """Unpack one part as a stream: count its shared strings, refuse DTDs; the CRC is checked at its end."""
    if member.is_dir():
        return 0
    count, tail = 0, b""
    xml = member.filename.lower().endswith(_XML_SUFFIXES)  # images (an SVG may have a DOCTYPE) are not parsed
    try:
        with archive.open(member) as part:
            while chunk := part.read(_CHUNK):
                if not xml:
                    continue
                if not tail and (chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in chunk[:4]):
                    # UTF-16/32 XML would slip past the byte patterns below; Excel writes UTF-8 only.
                    raise FileRefused("not_a_workbook", reason=f"{_name(member)} is not UTF-8 XML")
                window = tail + chunk
                if any(marker in window for marker in _DECLARATIONS):
                    raise FileRefused("xml_doctype", member=_name(member))
                # A tag split across two chunks is counted once: matches lying wholly in the carried
                # tail were counted with the chunk before.
                count += sum(1 for m in _SHARED_STRING.finditer(window) if m.end() > len(tail))
                tail = window[-64:]
    except FileRefused:
        raise
    except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError …: a corrupt part is the file's fault
        raise FileRefused("not_a_workbook", reason=_reason(exc)) from None
    return count


def _name(member: zipfile.ZipInfo) -> str:
    """A part's name as messages show it: the archive chose it, so it is cleaned and kept short."""
    name = clean_text(member.filename)
    return name if len(name) <= 80 else name[:77] + "…"


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc)[:120]}" if str(exc) else type(exc).__name__


def _mb(size: int) -> float:
    return round(size / _MB, 1)
