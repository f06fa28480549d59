"""One's own data: the JSON export, the company logo, and deleting the account or the company after a grace period."""
from __future__ import annotations
