"""Reference data and lookups: HS / TN VED codes, NACE Rev. 2 classes, regions, tax ids.

Pure Python (no Flask, no SQLAlchemy) so the scoring engine may use it too.
"""


class CodeError(ValueError):
    """A code, region or tax id that is malformed or unknown; `message` (matcher.messages.codes) says
    what is expected, in the API's English as `str(exc)` and in any reader's language by its code."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
