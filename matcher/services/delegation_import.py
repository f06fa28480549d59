"""Import a delegation (CSV or XLSX) into a mission: validate every row, recognise known companies.

Each row goes through CompanySchema, the one source of validation. A company already known — by
tax id, or by a name that is the same once script, legal form and quotes are set aside — is
linked instead of duplicated. Mode "all_or_nothing" (the default) writes nothing unless every
row is clean; mode "valid_rows" imports the clean rows and reports the others. Either way the
report names each bad row by the number a spreadsheet shows and the column as the file calls it.
The file is parsed before any transaction begins and, on SQLite, the rows are checked without
the write lock, so neither a slow parse nor thousands of checks hold up other writers.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from matcher.db import db
from matcher.errors import Conflict, DomainError, ValidationFailed
from matcher.messages import delegations as say
from matcher.models import Company
from matcher.schemas import load_or_raise
from matcher.schemas.company import CompanySchema
from matcher.services.companies import create_company, find_by_tax_id
from matcher.services.company_names import NameIndex
from matcher.services.delegation_codes import propose_codes
from matcher.services.delegation_columns import (
    BY_FIELD, amount, country_code, header, region_code, roles, split_list,
)
from matcher.services.delegation_files import read_delegation_file
from matcher.services.missions import add_participants, load_mission
from matcher.services.unit_of_work import use_case
from matcher.sqlite_tuning import set_write_intent, write_intent

IMPORT_MODES = ("all_or_nothing", "valid_rows")
_ITEM_KEYS = {"title": "title", "description": "description", "hs_codes": "hs_codes", "nace_codes": "nace_codes"}


class DelegationRejected(ValidationFailed):
    """The file has bad rows and nothing was imported; `report` lists them as the import would have."""

    def __init__(self, detail: str, errors: dict[str, list[str]], report: dict):
        super().__init__(detail, errors)
        self.report = report


@dataclass
class _Row:
    number: int
    values: dict[str, str]
    payload: dict = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)   # field -> messages
    existing: Company | None = None
    recognised_by: str | None = None
    similarity: float | None = None


@use_case
def import_delegation(mission_id: int, data: bytes, filename: str | None, organizer, *,
                      mode: str = "all_or_nothing", dry_run: bool = False) -> dict:
    """Read, check and (unless dry_run) import the file; the report says what happened to each row."""
    if mode not in IMPORT_MODES:
        raise ValidationFailed(say.MODE_ONE_OF(), {"mode": [say.MODE_CHOICES(choices=", ".join(IMPORT_MODES))]})
    # Read the file before touching the database, with whatever the caller began committed: on
    # SQLite a write request's transaction holds the one write lock, and other requests would queue
    # behind a long parse (or give up with "database is locked").
    db.session.commit()
    sheet = read_delegation_file(data, filename)
    with _checking_without_the_write_lock():
        load_mission(mission_id, organizer, edit=True)
        rows = [_Row(number, values) for number, values in sheet.rows]
        for row in rows:
            _validate(row)
        _recognise(rows)
        _flag_repeats(rows)
        report = _report(sheet, rows, mode, dry_run)
        known_ids = [r.existing.id for r in rows if not r.errors and r.existing is not None]
    # The classifier needs no database: proposals are worked out after the read transaction ends.
    report["proposed_codes"] = propose_codes([(r.number, r.payload) for r in rows
                                              if not r.errors and r.existing is None])
    errors = {f"rows.{r.number}.{name}": [say.IN_COLUMN(column=_column(sheet, name), message=m) for m in msgs]
              for r in rows for name, msgs in r.errors.items()}
    if errors and mode == "all_or_nothing":
        bad = len({r.number for r in rows if r.errors})
        raise DelegationRejected(say.ROWS_REJECTED(bad=bad, total=len(rows)), errors, report)
    if dry_run:
        return report | {"errors": errors}
    # One transaction: new companies and participants are committed together or not at all. A known
    # company deleted since it was recognised fails its foreign key: a 409, as for any change meanwhile.
    try:
        created = _create_companies([r for r in rows if not r.errors and r.existing is None], mode, report, errors)
        company_ids = known_ids + created
        mission = load_mission(mission_id, organizer, edit=True)
        report["participants_added"] = add_participants(mission, company_ids)
        db.session.commit()
    except (DomainError, StaleDataError, IntegrityError) as exc:
        db.session.rollback()
        if isinstance(exc, DomainError):
            raise
        raise Conflict(say.IMPORT_RACE()) from None
    report["imported"] = True
    return report | {"errors": errors}


@contextmanager
def _checking_without_the_write_lock():
    """Validating and recognising thousands of rows takes seconds: on SQLite they read in a deferred
    transaction, ended before the writes begin in one that takes the write lock, so other writers
    do not queue behind the checks. (On PostgreSQL nothing locks the database; the transaction stays,
    as it may hold the request's idempotency key.)"""
    on_sqlite = db.session.get_bind().dialect.name == "sqlite"
    before = write_intent()
    if on_sqlite:
        set_write_intent(False)
    try:
        yield
    finally:
        if on_sqlite:
            db.session.rollback()  # only reads happened; an idempotency key on SQLite is committed already
            set_write_intent(before)


def _validate(row: _Row) -> None:
    row.payload = _payload(row.values)
    try:
        row.payload = load_or_raise(CompanySchema(), row.payload)
    except ValidationFailed as exc:
        for path, messages in exc.errors.items():
            row.errors.setdefault(_field_of(path), []).extend(messages)


def _payload(values: dict[str, str]) -> dict:
    """A row as the company API would receive it."""
    payload: dict = {}
    for key in ("name", "name_en", "city", "tax_id", "phone", "email", "description"):
        if values.get(key):
            payload[key] = values[key]
    if values.get("country"):
        payload["country"] = country_code(values["country"])
    if values.get("region"):
        payload["region"] = region_code(values["region"], payload.get("country", ""))
    if values.get("website"):
        site = values["website"]
        payload["website"] = site if "://" in site else f"https://{site}"
    for key in ("languages", "certifications"):
        if values.get(key):
            payload[key] = split_list(values[key])
    for kind, volume in (("offer", "annual_capacity_usd"), ("need", "annual_volume_usd")):
        item = {key: values[f"{kind}_{column}"] for column, key in _ITEM_KEYS.items() if values.get(f"{kind}_{column}")}
        for key in ("hs_codes", "nace_codes"):
            if key in item:
                item[key] = split_list(item[key])
        if values.get(f"{kind}_{volume}"):
            item[volume] = amount(values[f"{kind}_{volume}"])
        if item:
            payload[f"{kind}s"] = [item]
    if values.get("roles"):
        payload["roles"] = roles(values["roles"])
    else:  # left empty: the row says what it sells or buys
        payload["roles"] = [r for r, kind in (("supplier", "offers"), ("buyer", "needs")) if kind in payload]
    if payload.get("country") == "RU" and payload.get("tax_id", "").isdigit() and len(payload["tax_id"]) in (9, 11):
        payload["tax_id"] = "0" + payload["tax_id"]  # a spreadsheet ate the INN's leading zero
    return payload


def _field_of(path: str) -> str:
    """A schema error path back to the file's column: offers.0.hs_codes.1 -> offer_hs_codes."""
    parts = path.split(".")
    if parts[0] in ("offers", "needs"):
        kind = parts[0][:-1]
        rest = [p for p in parts[1:] if not p.isdigit()]
        if not rest:
            return f"{kind}_title"
        key = rest[0]
        return f"{kind}_{key}" if key in _ITEM_KEYS or key.startswith("annual_") else f"{kind}_title"
    return parts[0]


def _recognise(rows: list[_Row]) -> None:
    """Known companies: by tax id first, else by name (in either script) within the same country."""
    by_country: dict[str, NameIndex] = {}
    for company in db.session.execute(
            select(Company.id, Company.name, Company.name_en, Company.country, Company.tax_id)).all():
        by_country.setdefault(company.country, NameIndex()).add(company, company.name, company.name_en)
    for row in (r for r in rows if not r.errors):
        tax_id = row.payload.get("tax_id")
        found = find_by_tax_id(tax_id) if tax_id else None
        if found is not None:
            row.existing, row.recognised_by, row.similarity = found, "tax_id", 100.0
            continue
        index = by_country.get(row.payload["country"])
        matches = [(score, c) for score, c in (index.find(row.payload["name"], row.payload.get("name_en"))
                                               if index else [])
                   if not (tax_id and c.tax_id)]  # two different tax ids: different companies, however alike
        if not matches:
            continue
        if len(matches) > 1 and matches[0][0] == matches[1][0]:
            ids = ", ".join(str(c.id) for _, c in matches[:3])
            row.errors["name"] = [say.SEVERAL_ALIKE(ids=ids)]
            continue
        row.existing = db.session.get(Company, matches[0][1].id)
        row.recognised_by, row.similarity = "name", round(matches[0][0], 1)


def _flag_repeats(rows: list[_Row]) -> None:
    """The same company twice in one file is an error on its later row."""
    by_tax_id: dict[str, _Row] = {}
    by_known: dict[int, _Row] = {}
    names: dict[str, NameIndex] = {}
    for row in (r for r in rows if not r.errors):
        tax_id, country = row.payload.get("tax_id"), row.payload["country"]
        earlier = by_tax_id.get(tax_id) if tax_id else None
        what = "tax_id"
        if earlier is None and row.existing is not None:
            earlier, what = by_known.get(row.existing.id), "name"
        if earlier is None and country in names:
            alike = [r for _, r in names[country].find(row.payload["name"], row.payload.get("name_en"))
                     if not (tax_id and r.payload.get("tax_id"))]
            earlier, what = (alike[0] if alike else None), "name"
        if earlier is not None:
            row.errors[what] = [say.SAME_AS_ROW(value=earlier.number, name=earlier.payload["name"])]
            continue
        if tax_id:
            by_tax_id[tax_id] = row
        if row.existing is not None:
            by_known[row.existing.id] = row
        names.setdefault(country, NameIndex()).add(row, row.payload["name"], row.payload.get("name_en"))


def _create_companies(rows: list[_Row], mode: str, report: dict, errors: dict) -> list[int]:
    created: list[int] = []
    for row in rows:
        try:
            company = create_company({k: v for k, v in row.payload.items()}, commit=False)
        except DomainError as exc:  # e.g. the tax id was registered a moment ago by someone else
            if mode == "all_or_nothing":
                raise Conflict(say.ROW_NOT_STORED(row=row.number, reason=exc.detail),
                               {f"rows.{row.number}.{k}": v for k, v in (exc.errors or {"_row": [exc.detail]}).items()}
                               ) from None
            errors.update({f"rows.{row.number}.{k}": v for k, v in (exc.errors or {"_row": [exc.detail]}).items()})
            report["rejected"].append({"row": row.number, "errors": exc.errors or {"_row": [exc.detail]}})
            continue
        created.append(company.id)
        report["created"].append({"row": row.number, "company_id": company.id, "name": company.name})
    return created


def _report(sheet, rows: list[_Row], mode: str, dry_run: bool) -> dict:
    return {
        "file": {"format": sheet.format, "encoding": sheet.encoding, "delimiter": sheet.delimiter,
                 "rows": len(rows), "columns": sheet.headers, "ignored_columns": sheet.ignored_columns},
        "mode": mode, "dry_run": dry_run, "imported": False,
        "recognised": [{"row": r.number, "company_id": r.existing.id, "name": r.existing.name,
                        "name_in_file": r.payload.get("name"), "by": r.recognised_by, "similarity": r.similarity}
                       for r in rows if r.existing is not None and not r.errors],
        "to_create": [{"row": r.number, "name": r.payload.get("name")} for r in rows
                      if r.existing is None and not r.errors],
        "created": [],
        "rejected": [{"row": r.number, "errors": {_column(sheet, k): v for k, v in r.errors.items()}}
                     for r in rows if r.errors],
        "participants_added": 0,
    }


def _column(sheet, name: str) -> str:
    """The column as the file calls it (or as the template would), for messages."""
    if name not in BY_FIELD:
        return name
    return sheet.headers.get(name) or header(name, "en")
