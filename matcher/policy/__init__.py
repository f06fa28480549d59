"""Every access question — who may see, change or act on what — answered in one place.

Each area has its own module here (roles, companies, contacts and tax ids, mission rights); web
views, API resources, services and CLI commands ask these functions and never decide access themselves.
"""
from matcher.policy.companies import (  # noqa: F401 - the public questions of this package
    is_public, may_edit_company, may_read_matches, may_see_tax_id, may_view_company,
)
from matcher.policy.contacts import (  # noqa: F401
    CONTACTS, FIELD_GROUPS, PUBLIC, ContactAccess, contact_access, hidden_fields, is_owner, may_see,
    mutual_partners,
)
from matcher.policy.mission_rights import (  # noqa: F401
    may_edit_mission, may_organise, may_read_mission, may_see_job, sees_every_participant,
)
from matcher.policy.roles import ROLES, STAFF_ROLES, is_admin, is_staff, may_use_admin_pages  # noqa: F401
