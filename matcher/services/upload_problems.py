"""Why an uploaded delegation file is refused as a whole: a code with parameters until a surface words it.

The English wording lives here (the API and the CLI show it); the web has its own wording of the
same codes in the page's language (matcher/web/mission_imports.py).
"""
from __future__ import annotations

from matcher.errors import ValidationFailed

MESSAGES = {
    "not_a_workbook": "This is a ZIP archive but not a readable XLSX workbook ({reason}); "
                      "save the sheet as .xlsx or CSV",
    "archive_members": "The XLSX archive holds {count:,} parts; a workbook has far fewer, "
                       "at most {limit:,} are accepted",
    "archive_method": "The XLSX part {member} is packed with compression method {method}; "
                      "only stored and deflated parts are accepted",
    "archive_encrypted": "The XLSX part {member} is encrypted; remove the password and save the sheet again",
    "member_size": "The XLSX part {member} unpacks to {size_mb:.1f} MB; at most {limit_mb} MB per part are accepted",
    "member_ratio": "The XLSX part {member} unpacks to {ratio:,}× its packed size; at most {limit:,}× is accepted",
    "archive_size": "The XLSX unpacks to {size_mb:.1f} MB in all; at most {limit_mb} MB are accepted",
    "shared_strings": "The XLSX holds more than {limit:,} texts in its shared strings table; "
                      "at most {limit:,} are accepted — split it",
    "xml_doctype": "The XLSX part {member} declares a DOCTYPE or entities, which workbooks never need; "
                   "save the sheet again from Excel or LibreOffice",
    "too_many_rows": "The file has more than {limit:,} rows; split it into smaller files",
    "sheet_rows": "The sheet runs past {limit:,} rows, blank ones included; delete the empty rows under the table "
                  "or split it",
    "unclosed_quote": "The CSV row {row} (line {line}) opens a quote «\"» that is never closed, so every line after "
                      "it would be read as one cell; close or remove that quote",
    "csv_broken": "The CSV cannot be read from row {row} (line {line}) on ({reason}); check the quotes around cells",
    "quote_spans_lines": "The CSV row {row} (line {line}) opens a quote «\"» that closes only on line {last_line}, "
                         "so the lines between are read into the column «{column}»; close or remove that quote",
}


class FileRefused(ValidationFailed):
    """The file as a whole cannot be read (422, under `file`); `code` and `params` (numbers as numbers,
    for each surface to format in its language) say why."""

    def __init__(self, code: str, **params):
        message = MESSAGES[code].format(**params)
        super().__init__(message, {"file": [message]})
        self.code = code
        self.params = params
