"""What a delegation upload says about its file and its rows (services/delegation_files.py and
delegation_import.py); the archive and CSV limits have their own codes in services/upload_problems.py."""
from matcher.messages import N_, define

FILE_EMPTY = define("delegation.empty", "The file is empty", web=N_("The file is empty."))
FILE_TOO_LARGE = define("delegation.too_large", "The file is %(size_mb).1f MB; at most %(limit_mb)s MB (%(rows)s rows) "
                        "are accepted — split it", web=N_("The file is too large (%(size_mb).1f MB): split it."))
OLD_EXCEL = define("delegation.xls", "This is an old Excel .xls workbook; save it as .xlsx or as CSV and upload again",
                   web=N_("This is an old Excel .xls workbook: save it as .xlsx or as CSV and upload it again."))
PDF = define("delegation.pdf", "This is a PDF; upload the delegation as CSV or XLSX (download the template)",
             web=N_("This is a PDF: upload the delegation as CSV or XLSX (download the template)."))
BINARY = define("delegation.binary", "This is a binary file, not a CSV or XLSX table",
                web=N_("This file is neither a CSV table nor an XLSX workbook."))
NOT_UTF16 = define("delegation.not_utf16", "The file starts like UTF-16 text but is not; save it as CSV UTF-8",
                   web=N_("The text encoding is not recognised: save the table as «CSV UTF-8»."))
UNKNOWN_ENCODING = define("delegation.encoding", "The text is neither UTF-8 nor Windows-1251; save it as CSV UTF-8",
                          web=N_("The text encoding is not recognised: save the table as «CSV UTF-8»."))
NO_COMPANIES = define("delegation.no_companies", "The file has a header row but no companies under it",
                      web=N_("The file has a header row but no companies."))
SAME_COLUMN_TWICE = define("delegation.column_twice", "Columns «%(first)s» and «%(second)s» both mean %(field)s; "
                           "keep one", web=N_("The columns «%(first)s» and «%(second)s» mean the same: keep one."))
NO_KNOWN_COLUMN = define("delegation.no_known_column", "This does not look like a delegation table: none of its "
                         "columns is known (the first row should name them, e.g. %(expected)s …); download the "
                         "template",
                         web=N_("None of the columns is known: the first row must name them as in the template."))
COLUMN_MISSING = define("delegation.column_missing", "Required column missing: %(value)s",
                        web=N_("Required column missing: %(value)s."))
MODE_ONE_OF = define("delegation.mode", "mode must be all_or_nothing or valid_rows",
                     web=N_("Choose how to import: all rows or only the valid ones."))
MODE_CHOICES = define("delegation.mode_choices", "one of: %(choices)s",
                      web=N_("Choose how to import: all rows or only the valid ones."))
IN_COLUMN = define("delegation.in_column", "%(column)s: %(message)s", web=N_("Column «%(column)s»: %(message)s"))
ROWS_REJECTED = define("delegation.rows_rejected", "%(bad)s of %(total)s rows have errors; nothing was imported. "
                       "Fix them, or import only the valid rows",
                       web=N_("%(bad)s of %(total)s rows have errors; nothing was imported. Fix them, or import "
                              "only the valid rows."))
IMPORT_RACE = define("delegation.race", "The mission changed while the delegation was imported; import the file again",
                     web=N_("The mission changed while the delegation was imported; import the file again."))
ROW_NOT_STORED = define("delegation.row_not_stored", "Row %(row)s could not be stored (%(reason)s); nothing was "
                        "imported", web=N_("Row %(row)s could not be stored (%(reason)s); nothing was imported."))
SEVERAL_ALIKE = define("delegation.several_alike", "matches several known companies equally (ids %(ids)s); add the "
                       "tax id to choose", web=N_("Matches several known companies equally: add the tax id to choose."))
SAME_AS_ROW = define("delegation.same_as_row", "the same company as row %(value)s («%(name)s»)",
                     web=N_("The same company as row %(value)s."))

# the blank delegation template (services/delegation_files.py delegation_template)
TEMPLATE_SHEET = define("delegation.template_sheet", N_("Delegation"))
INSTRUCTIONS_SHEET = define("delegation.instructions_sheet", N_("Instructions"))
INSTRUCTIONS = (
    define("delegation.howto_rows",
           N_("One row per company. Required: name and country (BY, RU or the country's name).")),
    define("delegation.howto_roles",
           N_("Roles: supplier, buyer or both. Left empty, they follow from offer_title / need_title.")),
    define("delegation.howto_tax_id",
           N_("A Belarusian UNP (9 characters) or a Russian INN / OGRN is checked by its check digit.")),
    define("delegation.howto_codes", N_("HS and NACE codes separated by commas or semicolons: 8436 80; 8457.")),
    define("delegation.howto_known", N_("Companies already known (by tax id, or by name in Cyrillic or Latin letters) "
                                        "are not duplicated.")),
    define("delegation.howto_report", N_("Rows with errors are listed in the report by row number and column.")),
)
