"""Every access question — who may see, change or act on what — answered in one place.

Each area has its own module here (contacts and tax ids in `contacts`); web views, API resources and
CLI commands ask these functions and never decide access themselves.
"""
from matcher.policy.contacts import (  # noqa: F401 - the public questions of this package
    CONTACTS, FIELD_GROUPS, PUBLIC, STAFF_ROLES, ContactAccess, contact_access, hidden_fields,
    is_owner, may_see, mutual_partners,
)
