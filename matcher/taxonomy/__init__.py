"""Reference data and lookups: HS / TN VED codes, NACE Rev. 2 classes, regions, tax ids.

Pure Python (no Flask, no SQLAlchemy) so the scoring engine may use it too.
"""


class CodeError(ValueError):
    """A code, region or tax id that is malformed or unknown; the message says what is expected."""
