"""What the rules of mission participation say: registration, meeting requests, messages between companies."""
from matcher.messages import N_, define

NO_MISSION = define("missions.no_mission", N_("No mission with id %(mission_id)s."))
NEEDS_COMPANY = define("missions.needs_company", N_("Describe your company first: a mission takes companies."))
STAFF_DO_NOT_REGISTER = define(
    "missions.staff_do_not_register",
    N_("Companies register themselves; organisers add participants on the mission's form."))
REGISTRATION_CLOSED = define("missions.registration_closed", N_("This mission does not take registrations now."))
REGISTRATION_PAST_DEADLINE = define(
    "missions.registration_past_deadline", N_("Registration for this mission closed on %(deadline)s."))
ALREADY_PARTICIPANT = define("missions.already_participant", N_("Your company already takes part in this mission."))
ALREADY_REGISTERED = define("missions.already_registered", N_("Your company has already registered for this mission."))
NO_REGISTRATION = define("missions.no_registration", N_("No registration with id %(registration_id)s in this mission."))
ROLE_NOT_OFFERED = define(
    "missions.role_not_offered", N_("Your company's profile does not say it is a %(role)s; choose a role it has."))
SLOT_OUT_OF_DAY = define("missions.slot_out_of_day", N_("Slot %(slot)s is not one of the mission's slots 1–%(slots)s."))
REGISTRATION_DECIDED = define(
    "missions.registration_decided", N_("This registration is already %(status)s."))
MISSION_CHANGED = define(
    "missions.changed_meanwhile", N_("The mission was changed by someone else meanwhile; reload and retry."))
ONLY_OWN_REGISTRATION = define(
    "missions.only_own_registration", N_("A company may only withdraw its own registration."))
ONLY_ORGANISER_DECIDES = define(
    "missions.only_organiser_decides", N_("Only the mission's organiser or an admin approves or declines registrations."))

NOT_A_PARTICIPANT = define("missions.not_a_participant", N_("Your company does not take part in this mission."))
STAFF_DO_NOT_REQUEST = define(
    "missions.staff_do_not_request", N_("Meeting requests are sent and answered by the participating companies."))
PARTNER_NOT_IN_MISSION = define(
    "missions.partner_not_in_mission", N_("Company %(company_id)s does not take part in this mission."))
CANNOT_MEET_SELF = define("missions.cannot_meet_self", N_("A company cannot ask itself for a meeting."))
NOT_A_PAIR = define(
    "missions.not_a_pair", N_("A meeting pairs a supplier with a buyer; these two companies are on the same side."))
REQUEST_EXISTS = define(
    "missions.request_exists", N_("There is already a meeting request between these two companies (%(status)s)."))
REQUEST_LIMIT = define(
    "missions.request_limit", N_("The organiser allows at most %(limit)s meeting requests per participant."))
NO_REQUEST = define("missions.no_request", N_("No meeting request with id %(request_id)s in this mission."))
ONLY_RECIPIENT_ANSWERS = define(
    "missions.only_recipient_answers", N_("Only the company that was asked accepts or declines a request."))
REQUEST_NOT_OPEN = define(
    "missions.request_not_open", N_("This request is %(status)s; it can no longer become %(wanted)s."))
NOT_HYBRID = define(
    "missions.not_hybrid", N_("This mission has no online meetings; the organiser can make it hybrid."))
MOVE_NEEDS_ACCEPTED = define(
    "missions.move_needs_accepted", N_("Only an accepted meeting can be moved."))

NO_PARTNER = define("messages.no_partner", N_("No company with id %(company_id)s."))
MESSAGE_NEEDS_COMPANY = define("messages.needs_company", N_("Messages are written between companies: describe yours first."))
CANNOT_WRITE_SELF = define("messages.cannot_write_self", N_("A company cannot write to itself."))
MESSAGES_NOT_YET = define(
    "messages.not_yet",
    N_("You can write to this company once you both take part in a mission or have both said «interested»."))
