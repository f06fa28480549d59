"""What company profiles, niches, opinions on partners, match lists, accounts and mail preferences say
(services/companies.py, niches.py, interests.py, matching.py, accounts.py, preferences.py)."""
from matcher.messages import N_, define

COMPANY_NOT_FOUND = define("company.not_found", "No company with id %(id)s", web=N_("There is no company %(id)s."))
COMPANY_BUSY = define("company.busy", "The company is being changed by others at this moment; retry shortly",
                      web=N_("The company is being changed by others at this moment; try again shortly."))
COMPANY_VERSION = define("company.version", "The company changed since you read it (version %(version)s, you had "
                         "%(expected)s)",
                         web=N_("Someone changed this profile meanwhile. Reload the page and try again."))
COMPANY_VERSION_GONE = define("company.version_delete", "The company changed since you read it (version %(version)s)",
                              web=N_("Someone changed this profile meanwhile. Reload the page and try again."))
COMPANY_CHANGED = define("company.changed", "The company was changed by someone else meanwhile; reload and retry",
                         web=N_("Someone changed this profile meanwhile. Reload the page and try again."))
FOREIGN_ITEM = define("company.foreign_item", "An item refers to an id this company does not have",
                      web=N_("An offer or need no longer exists; it will be saved as a new one."))
NO_SUCH_ITEM = define("company.no_such_item", "no %(kind)s with id %(id)s in this company",
                      web=N_("This item no longer exists; it will be saved as a new one."))
TAX_ID_TAKEN = define("company.tax_id_taken", "A company with this tax id is already registered",
                      web=N_("A company with this tax id is already registered."))
TAX_ID_TAKEN_FIELD = define("company.tax_id_taken_field", "a company with this tax id is already registered",
                            web=N_("A company with this tax id is already registered."))
OWNER_TAKEN = define("company.owner_taken", "This user already owns a company",
                     web=N_("This user already owns a company."))
OWNER_TAKEN_FIELD = define("company.owner_taken_field", "this user already owns a company",
                           web=N_("This user already owns a company."))
WRITE_CONFLICT = define("company.write_conflict", "The write conflicts with stored data",
                        web=N_("The change conflicts with data already stored."))

NICHE_NOT_FOUND = define("niche.not_found", "No niche with id %(id)s", web=N_("There is no niche %(id)s."))
NICHE_BUSY = define("niche.busy", "The niche is being changed by others at this moment; retry shortly",
                    web=N_("The niche is being changed by others at this moment; try again shortly."))
NICHE_VERSION = define("niche.version", "The niche changed since you read it (version %(version)s)",
                       web=N_("Someone changed this niche meanwhile. Reload the page and try again."))
NICHE_CHANGED = define("niche.changed", "The niche was changed by someone else meanwhile; reload and retry",
                       web=N_("Someone changed this niche meanwhile. Reload the page and try again."))

STATE_ONE_OF = define("interest.state", "state must be one of %(choices)s", web=N_("Choose one of the offered values."))
STATE_CHOICES = define("interest.state_choices", "one of %(choices)s", web=N_("Choose one of the offered values."))
RATES_ITSELF = define("interest.itself", "A company cannot rate itself", web=N_("A company cannot rate itself."))
NOT_YOUR_OWN = define("interest.not_own", "not your own company", web=N_("Choose a company other than your own."))
INTEREST_BUSY = define("interest.busy", "The opinion on this partner is changing right now; retry",
                       web=N_("The opinion on this partner is changing right now; try again."))

SIDE_ONE_OF = define("matches.side", "`as` must be buyer or supplier", web=N_("Choose buyer or supplier."))
SIDE_CHOICES = define("matches.side_choices", "one of: buyer, supplier", web=N_("Choose buyer or supplier."))
NOT_IN_ROLE = define("matches.not_in_role", "This company is not a %(role)s",
                     web=N_("This company does not have the role %(role)s."))
ROLES_ARE = define("matches.roles_are", "the company's roles are %(roles)s",
                   web=N_("The company's roles are %(roles)s."))

ROLE_ONE_OF = define("account.role", "role must be one of %(choices)s", web=N_("Choose one of the offered values."))
ROLE_CHOICES = define("account.role_choices", "one of %(choices)s", web=N_("Choose one of the offered values."))
EMAIL_REQUIRED = define("account.email_required", "a valid email address is required",
                        web=N_("Enter a valid email address, e.g. name@company.by."))
EMAIL_INVALID = define("account.email_invalid", "not a valid email address",
                       web=N_("Enter a valid email address, e.g. name@company.by."))
TOKEN_NOT_FOUND = define("account.token_not_found", "No token with id %(id)s", web=N_("There is no such token."))
DIGEST_UNKNOWN = define("mail.digest_unknown", "Unknown digest frequency",
                        web=N_("Choose how often to get the digest."))
DIGEST_CHOICES = define("mail.digest_choices", "one of: %(choices)s", web=N_("Choose how often to get the digest."))
BAD_UNSUBSCRIBE = define("mail.bad_unsubscribe", "This unsubscribe link is not valid (it may have been cut when "
                         "copied)", web=N_("This unsubscribe link is not valid (it may have been cut when copied)."))
