"""The company profile form: request fields -> CompanySchema payload, and schema errors -> the right inputs."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from werkzeug.datastructures import MultiDict

from matcher.messages.input import AMOUNT_NOT_INTEGER
from matcher.services.code_lookup import CodeSearch
from matcher.taxonomy import CodeError, hs, nace
from matcher.web.i18n import localize
from matcher.web.params import row_id, whole_number

if TYPE_CHECKING:  # only named in annotations: the web reaches rows through the services
    from matcher.models import Company

BASIC_FIELDS = ("name", "name_en", "country", "region", "city", "tax_id", "website", "email", "phone",
                "description")
REQUIRED_FIELDS = ("name", "country")  # left out of the payload when blank, so the schema says «required»
ITEM_KINDS = ("offers", "needs")
VOLUME_FIELD = {"offers": "annual_capacity_usd", "needs": "annual_volume_usd"}
MAX_ITEMS_PER_KIND = 100
_ITEM_NAME = re.compile(r"^(offers|needs)-([0-9]{1,3})-([a-z_]+)$")
_CODE_SPLIT = re.compile(r"[,;\n]+")
_WORD_SPLIT = re.compile(r"[,;\s]+")
_LIST_SPLIT = re.compile(r"[,;\n]+")
_NUMBER_NOISE = re.compile(r"[\s\u00a0\u202f_$,]")


@dataclass
class ItemForm:
    """One offer or need block as typed; `index` is its number in the input names."""

    kind: str
    index: int
    id: str = ""
    title: str = ""
    description: str = ""
    hs_codes: str = ""
    nace_codes: str = ""
    volume: str = ""
    code_query: str = ""
    cooperation_types: list[str] = field(default_factory=list)  # issue 15: ticked kinds of cooperation
    errors: dict[str, list[str]] = field(default_factory=dict)
    found: CodeSearch | None = None  # the picker's answer, when «Find codes» was pressed

    @property
    def prefix(self) -> str:
        return f"{self.kind}-{self.index}-"

    def is_blank(self) -> bool:
        return not any(v.strip() for v in (self.title, self.description, self.hs_codes, self.nace_codes,
                                           self.volume))

    def chosen_codes(self) -> set[tuple[str, str]]:
        """(scheme, code) already in the block's code fields, as stored ('8436 80' is 843680): the user's choice,
        which a suggestion never replaces. A code that is not valid yet is left to the schema's message."""
        chosen = set()
        for scheme, attr, taxonomy in (("hs", "hs_codes", hs), ("nace", "nace_codes", nace)):
            for code in split_codes(getattr(self, attr)):
                try:
                    chosen.add((scheme, taxonomy.normalise(code)))
                except CodeError:
                    continue
        return chosen

    def add_code(self, scheme: str, code: str) -> None:
        """Append a picked code after the user's own (kept as typed), unless it is already there in any spelling."""
        attr = "hs_codes" if scheme == "hs" else "nace_codes"
        present = [c.strip() for c in _CODE_SPLIT.split(getattr(self, attr)) if c.strip()]
        if code not in present and (scheme, code) not in self.chosen_codes():
            setattr(self, attr, ", ".join([*present, code]))

    def payload(self) -> dict:
        data: dict = {
            "description": self.description,
            "hs_codes": split_codes(self.hs_codes),
            "nace_codes": split_codes(self.nace_codes),
            VOLUME_FIELD[self.kind]: parse_amount(self.volume),
            "cooperation_types": list(self.cooperation_types),  # issue 15
        }
        if self.title.strip():
            data["title"] = self.title
        if row_id(self.id) is not None:  # anything else names no stored item: it is saved as a new one
            data["id"] = row_id(self.id)
        return data


@dataclass
class CompanyForm:
    """The whole profile form: values as typed, blocks, the version read, and errors by input."""

    values: dict[str, str] = field(default_factory=lambda: {k: "" for k in BASIC_FIELDS})
    roles: list[str] = field(default_factory=list)
    languages: str = ""
    certifications: str = ""
    offers: list[ItemForm] = field(default_factory=list)
    needs: list[ItemForm] = field(default_factory=list)
    version: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    _sent: dict[str, list[ItemForm]] = field(default_factory=dict)

    # -- building -------------------------------------------------------------------------

    @classmethod
    def blank(cls, email: str = "") -> CompanyForm:
        form = cls()
        form.values["email"] = email
        form.languages = "ru"
        form.pad()
        return form

    @classmethod
    def from_company(cls, company: Company) -> CompanyForm:
        form = cls(version=str(company.version), roles=list(company.roles))
        for key in BASIC_FIELDS:
            form.values[key] = str(getattr(company, key) or "")
        form.languages = ", ".join(company.languages or [])
        form.certifications = ", ".join(company.certifications or [])
        for kind, items in (("offers", company.offers), ("needs", company.needs)):
            blocks = getattr(form, kind)
            for position, item in enumerate(items):
                volume = getattr(item, VOLUME_FIELD[kind])
                blocks.append(ItemForm(
                    kind=kind, index=position, id=str(item.id), title=item.title,
                    description=item.description or "", hs_codes=", ".join(item.hs_codes or []),
                    nace_codes=", ".join(item.nace_codes or []), volume="" if volume is None else str(volume),
                    cooperation_types=list(item.cooperation_types or []),  # issue 15
                ))
        form.pad()
        return form

    @classmethod
    def from_request(cls, data: MultiDict) -> CompanyForm:
        form = cls(version=data.get("version", "").strip())
        for key in BASIC_FIELDS:
            form.values[key] = data.get(key, "")
        form.roles = [r for r in data.getlist("roles") if r]
        form.languages = data.get("languages", "")
        form.certifications = data.get("certifications", "")
        blocks: dict[tuple[str, int], ItemForm] = {}
        for name in data.keys():
            match = _ITEM_NAME.match(name)
            if not match:
                continue
            kind, index, attr = match.group(1), int(match.group(2)), match.group(3)
            block = blocks.setdefault((kind, index), ItemForm(kind=kind, index=index))
            if attr in ("id", "title", "description", "hs_codes", "nace_codes", "volume", "code_query"):
                setattr(block, attr, data.get(name, ""))
            elif attr == "cooperation_types":  # issue 15: tick boxes, several values under one name
                block.cooperation_types = [t for t in data.getlist(name) if t]
        for (kind, index), block in sorted(blocks.items()):
            # Codes ticked among the picker's suggestions (the no-JavaScript way to pick them).
            for picked in data.getlist(f"{kind}-{index}-pick"):
                scheme, _sep, code = picked.partition(":")
                if scheme in ("hs", "nace") and code:
                    block.add_code(scheme, code.strip())
            getattr(form, kind).append(block)
        for kind in ITEM_KINDS:
            del getattr(form, kind)[MAX_ITEMS_PER_KIND + 1:]
        return form

    def pad(self) -> None:
        """End each list with one empty block, so a new offer or need can be typed without JavaScript."""
        for kind in ITEM_KINDS:
            blocks = getattr(self, kind)
            if not blocks or not blocks[-1].is_blank() or blocks[-1].id:
                blocks.append(ItemForm(kind=kind, index=self.next_index(kind)))

    def next_index(self, kind: str) -> int:
        return max((b.index for b in getattr(self, kind)), default=-1) + 1

    def add_block(self, kind: str) -> None:
        getattr(self, kind).append(ItemForm(kind=kind, index=self.next_index(kind)))

    def remove_block(self, kind: str, index: int) -> None:
        setattr(self, kind, [b for b in getattr(self, kind) if b.index != index])

    def template_block(self, kind: str) -> ItemForm:
        """The empty block the script clones; «__i__» becomes the next free index."""
        return ItemForm(kind=kind, index="__i__")  # type: ignore[arg-type]

    def block(self, kind: str, index: int) -> ItemForm | None:
        return next((b for b in getattr(self, kind) if b.index == index), None)

    # -- to the schema and back -----------------------------------------------------------

    def payload(self) -> dict:
        """What CompanySchema loads; remembers which block each list position came from."""
        data: dict = {}
        for key in BASIC_FIELDS:
            value = self.values.get(key, "")
            if key in REQUIRED_FIELDS:
                if value.strip():
                    data[key] = value
            else:
                data[key] = value if value.strip() else (None if key != "description" else "")
        if data.get("country"):
            data["country"] = data["country"].strip().upper()
        data["roles"] = list(self.roles)
        data["languages"] = [w for w in _WORD_SPLIT.split(self.languages) if w]
        data["certifications"] = [c.strip() for c in _LIST_SPLIT.split(self.certifications) if c.strip()]
        self._sent = {}
        for kind in ITEM_KINDS:
            # A blank block is ignored; one emptied by hand (it had an id) means «remove it».
            sent = [b for b in getattr(self, kind) if not b.is_blank()]
            self._sent[kind] = sent
            data[kind] = [b.payload() for b in sent]
        return data

    def unreadable_numbers(self) -> dict[str, list[str]]:
        """Volumes with letters beyond ASCII, by schema path: the schema would read «٣» as 3 (ASCII text it
        judges itself, naming the range when the number is too large)."""
        if not self._sent:
            self.payload()
        return {f"{kind}.{position}.{VOLUME_FIELD[kind]}": [AMOUNT_NOT_INTEGER()]
                for kind in ITEM_KINDS for position, block in enumerate(self._sent.get(kind, []))
                if not _NUMBER_NOISE.sub("", block.volume or "").isascii()}

    def attach_errors(self, errors: dict[str, list[str]]) -> None:
        """Put each schema error (a field path such as offers.0.hs_codes.1) next to its input."""
        if not self._sent:
            self.payload()
        for path, messages in errors.items():
            texts = [localize(m) for m in messages]
            parts = path.split(".")
            head = parts[0]
            if head in ITEM_KINDS and len(parts) >= 3 and parts[1].isdigit():
                sent = self._sent.get(head, [])
                position = int(parts[1])
                if position < len(sent):
                    attr = parts[2]
                    attr = {"annual_capacity_usd": "volume", "annual_volume_usd": "volume", "id": "title"}.get(attr, attr)
                    sent[position].errors.setdefault(attr, []).extend(texts)
                    continue
                head = "_form"
            elif head not in (*BASIC_FIELDS, "roles", "languages", "certifications", *ITEM_KINDS):
                head = "_form"
            self.errors.setdefault(head, []).extend(texts)

    def add_form_error(self, message: str) -> None:
        self.errors.setdefault("_form", []).append(message)

    def has_errors(self) -> bool:
        return bool(self.errors) or any(b.errors for kind in ITEM_KINDS for b in getattr(self, kind))

    def error_count(self) -> int:
        return len(self.errors) + sum(len(b.errors) for kind in ITEM_KINDS for b in getattr(self, kind))

    def forget_missing_ids(self, existing: dict[str, set[int]]) -> None:
        """After someone else's save removed an item, keep the text but save it as a new item."""
        for kind in ITEM_KINDS:
            for block in getattr(self, kind):
                if row_id(block.id) is not None and row_id(block.id) not in existing.get(kind, set()):
                    block.id = ""


def split_codes(text: str) -> list[str]:
    """Codes are separated by commas, semicolons or new lines (spaces may sit inside a code: 8457 10)."""
    return [c.strip() for c in _CODE_SPLIT.split(text or "") if c.strip()]


def parse_amount(text: str):
    """'25 000 000' -> 25000000; anything else goes to the schema as typed, so it can say what is wrong."""
    raw = (text or "").strip()
    if not raw:
        return None
    amount = whole_number(_NUMBER_NOISE.sub("", raw), maximum=10**18)
    return raw if amount is None else amount
