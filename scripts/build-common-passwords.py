"""Rebuild matcher/services/data/common-passwords.txt.gz from two packages' published lists.

Sources (read from their wheels, nothing is fetched from anywhere else):
- Django's contrib/auth/common-passwords.txt.gz — 20,000 common passwords compiled by Royce
  Williams, lower-cased (BSD-3-Clause);
- zxcvbn 4.5.0's frequency_lists.py, list "passwords" — 30,000 most frequent (MIT).

Only passwords of at least PASSWORD_MIN characters are kept: shorter ones are refused by the
length rule already, so shipping them would add bytes and no protection.

    .venv/bin/pip download --no-deps -d /tmp/pw Django==5.2.17 zxcvbn==4.5.0
    .venv/bin/python scripts/build-common-passwords.py /tmp/pw/django-5.2.17-py3-none-any.whl \
        /tmp/pw/zxcvbn-4.5.0-py2.py3-none-any.whl
"""
from __future__ import annotations

import gzip
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matcher.services.passwords import COMMON_PASSWORDS_FILE, PASSWORD_MIN  # noqa: E402


def django_list(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read("django/contrib/auth/common-passwords.txt.gz")
    return gzip.decompress(raw).decode().split()


def zxcvbn_list(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("zxcvbn/frequency_lists.py").decode()
    return re.search(r'"passwords":\s*"([^"]*)"\.split\(","\)', source).group(1).split(",")


def main(django_wheel: str, zxcvbn_wheel: str) -> None:
    words = {w.strip().lower() for w in django_list(Path(django_wheel)) + zxcvbn_list(Path(zxcvbn_wheel))}
    kept = sorted(w for w in words if len(w) >= PASSWORD_MIN)
    with gzip.GzipFile(COMMON_PASSWORDS_FILE, "wb", mtime=0) as out:  # mtime 0: the same input, the same bytes
        out.write(("\n".join(kept) + "\n").encode())
    print(f"{len(kept)} passwords of {PASSWORD_MIN}+ characters -> {COMMON_PASSWORDS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
