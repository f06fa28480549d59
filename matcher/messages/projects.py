"""Messages of projects, proposals, outcomes and the corridor figures (issue 15)."""
from matcher.messages import N_, define

PROJECT_NOT_FOUND = define("projects.not_found", N_("No project with id %(project_id)s."))
PROJECT_FIELDS_INVALID = define("projects.fields_invalid", N_("Some fields of the project are invalid: %(fields)s."))
PROJECT_NEEDS_BUYER = define("projects.needs_buyer", N_(
    "Only a buyer company with a confirmed address, an organiser or an admin may publish a project."))
PROJECT_OWNER_REQUIRED = define("projects.owner_required", N_(
    "Name the company that publishes the project (owner_company_id)."))
PROJECT_OWNER_NOT_BUYER = define("projects.owner_not_buyer", N_("Company %(company_id)s is not a buyer."))
PROJECT_EDIT_FORBIDDEN = define("projects.edit_forbidden", N_(
    "Only the project's owner, an organiser or an admin may change it."))
PROJECT_CLOSED = define("projects.closed", N_("The project is closed: it takes no more proposals."))
PROJECT_CHANGED = define("projects.changed", N_("The project changed since you read it (version %(version)s)."))
INTEREST_NEEDS_SUPPLIER = define("projects.interest_needs_supplier", N_(
    "Only a supplier company's account may propose for a project."))
INTEREST_OWN_PROJECT = define("projects.interest_own_project", N_("A company cannot propose for its own project."))
INTEREST_NOT_FOUND = define("projects.interest_not_found", N_("Company %(company_id)s has made no proposal for this project."))
SHORTLIST_STATE = define("projects.shortlist_state", N_("The status must be one of: %(choices)s."))

OUTCOME_NOT_A_PAIR = define("outcomes.not_a_pair", N_(
    "An outcome is recorded for a pair that met or said «interested» to each other."))
OUTCOME_NOT_YOURS = define("outcomes.not_yours", N_("Only one of the two companies may record their outcome."))
