"""What missions, their schedules, agendas, exports and background jobs say (services/missions.py,
mission_schedules.py, mission_agendas.py, mission_exports.py, background.py, outbox.py, scheduling/)."""
from matcher.messages import N_, define

# -- missions ---------------------------------------------------------------------------------------
ORGANISERS_ONLY = define("mission.organisers_only", "Only organisers and admins manage trade missions",
                         web=N_("Only organisers and admins manage trade missions."))
MISSION_NOT_FOUND = define("mission.not_found", "No mission with id %(id)s", web=N_("There is no mission %(id)s."))
MISSION_EDIT_FORBIDDEN = define("mission.edit_forbidden", "Only the mission's organiser or an admin may change it",
                                web=N_("Only the mission's organiser or an admin may change it."))
NO_SUCH_COMPANY = define("mission.no_such_company", "no company with id %(value)s",
                         web=N_("Company %(value)s no longer exists: untick it and save again."))
COMPANIES_MISSING = define("mission.companies_missing", "Some companies do not exist: %(fields)s",
                           web=N_("Some companies do not exist any more."))
MISSION_VERSION = define("mission.version", "The mission changed since you read it (version %(version)s, you had "
                         "%(expected)s)", web=N_("The mission changed since you read it; reload the page and retry."))
MISSION_CHANGED = define("mission.changed", "The mission was changed by someone else meanwhile; reload and retry",
                         web=N_("The mission was changed by someone else meanwhile; reload the page and retry."))

# -- schedules --------------------------------------------------------------------------------------
SCORING_TOO_SLOW = define(
    "schedule.scoring_too_slow",
    "Scoring the pairs of this mission took %(seconds).0f s, which leaves no time to schedule within one web "
    "request; run `flask mission schedule %(mission_id)s` on the server instead",
    web=N_("Scoring the pairs of this mission took %(seconds).0f s, which leaves no time to build the schedule "
           "within one page request; ask the administrator to run `flask mission schedule %(mission_id)s` on "
           "the server."))
SCHEDULE_RACE = define("schedule.race", "The mission changed while its schedule was being built (an edit, a locked "
                       "meeting or another run); run the schedule again",
                       web=N_("The mission changed while the schedule was being built; build it again."))
SCHEDULE_NOT_STORED = define("schedule.not_stored", "The schedule could not be stored: %(reason)s",
                             web=N_("The schedule could not be stored; build it again."))
MEETING_NOT_FOUND = define("schedule.meeting_not_found", "No meeting with id %(meeting_id)s in mission %(mission_id)s",
                           web=N_("There is no such meeting in this mission."))
MEETING_OLD = define("schedule.meeting_old", "This meeting belongs to an older schedule; lock meetings of the "
                     "current one",
                     web=N_("This meeting belongs to an older schedule; lock meetings of the current one."))
MISSION_CHANGED_MEANWHILE = define("schedule.mission_changed", "The mission changed meanwhile (a new schedule?); "
                                   "reload and retry",
                                   web=N_("The mission changed meanwhile; reload the page and retry."))
OUTSIDE_DATES = define("schedule.outside_dates", "The meetings must start within the mission's dates",
                       web=N_("The meetings must start within the mission's dates."))
DAY_OUTSIDE_DATES = define("schedule.day_outside_dates", "%(value)s is outside the mission's dates %(span)s",
                           web=N_("%(value)s is outside the mission's dates: the meetings must start on a day of "
                                  "the mission."))
LOCKS_BROKEN = define("schedule.locks_broken", "Some locked meetings cannot be kept",
                      web=N_("Some locked meetings cannot be kept."))
LOCKED_PARTNER_LEFT = define(
    "schedule.locked_partner_left", "the locked meeting in slot %(slot)s involves company %(value)s, no longer a "
    "participant; unlock it first",
    web=N_("The locked meeting in slot %(slot)s involves a company that left the mission: unlock it first."))
SCHEDULE_NOT_YET = define("schedule.none_yet", "Mission %(mission_id)s has no schedule yet",
                          web=N_("This mission has no schedule yet."))
AGENDA_NOT_FOUND = define("agenda.not_found", "No agenda of company %(company_id)s in mission %(mission_id)s",
                          web=N_("There is no such agenda in this mission."))
NOT_A_PARTICIPANT = define("agenda.not_participant", "Company %(company_id)s is not in mission %(mission_id)s",
                           web=N_("This company does not take part in the mission."))
LANG_ONE_OF = define("files.lang", "lang must be ru or en", web=N_("Choose Russian or English."))
LANG_CHOICES = define("files.lang_choices", "one of: ru, en", web=N_("Choose Russian or English."))
FORMAT_ONE_OF = define("files.format", "format must be csv or xlsx", web=N_("Choose CSV or XLSX."))
FORMAT_CHOICES = define("files.format_choices", "one of: csv, xlsx", web=N_("Choose CSV or XLSX."))

# -- the scheduler's own input checks (matcher/scheduling/model.py) --------------------------------
SIZE_INVALID = define("scheduler.size_invalid", "The schedule's size is invalid",
                      web=N_("The schedule's size is invalid."))
INPUT_BREAKS_RULE = define("scheduler.input_invalid", "The scheduling input breaks a rule: %(fields)s",
                           web=N_("Some settings of the schedule break a rule."))
ONE_SLOT_NEEDED = define("scheduler.one_slot", "at least one slot is needed", web=N_("At least one slot is needed."))
ONE_TABLE_NEEDED = define("scheduler.one_table", "at least one table is needed",
                          web=N_("At least one table is needed."))
CAP_NEGATIVE = define("scheduler.cap_negative", "a cap on meetings cannot be negative",
                      web=N_("A cap on meetings cannot be negative."))
SLOTS_OUTSIDE = define("scheduler.slots_outside", "slots %(outside)s are outside 1..%(slots)s",
                       web=N_("Slots %(outside)s are outside the day's 1 to %(slots)s."))
MEETS_ITSELF = define("scheduler.meets_itself", "a company cannot meet itself", web=N_("A company cannot meet itself."))
SCORE_NEGATIVE = define("scheduler.score_negative", "a score must be a number ≥ 0", web=N_("A score is a number ≥ 0."))
LOCKED_SLOT_OUTSIDE = define(
    "scheduler.locked_slot_outside", "locked meeting in slot %(slot)s does not fit in %(slots)s slots; unlock it or "
    "keep more slots",
    web=N_("A locked meeting does not fit this day: unlock it first or keep enough slots and tables."))
LOCKED_TABLE_OUTSIDE = define(
    "scheduler.locked_table_outside", "locked meeting at table %(table)s does not fit in %(tables)s tables; unlock "
    "it or keep more tables",
    web=N_("A locked meeting does not fit this day: unlock it first or keep enough slots and tables."))
LOCKED_TABLE_TAKEN = define("scheduler.locked_table_taken",
                            "table %(table)s in slot %(slot)s already holds locked meeting %(other)s",
                            web=N_("Table %(table)s in slot %(slot)s already holds another locked meeting."))
LOCKED_PAIR_TWICE = define("scheduler.locked_pair_twice",
                           "the same two companies already have locked meeting %(other)s",
                           web=N_("The same two companies already have a locked meeting."))
LOCKED_PERSON_TWICE = define("scheduler.locked_person_twice",
                             "company %(company_id)s already has locked meeting %(other)s in slot %(slot)s",
                             web=N_("Company %(company_id)s already has a locked meeting in slot %(slot)s."))
LOCKED_UNAVAILABLE = define("scheduler.locked_unavailable", "company %(company_id)s is not available in slot %(slot)s",
                            web=N_("Company %(company_id)s is not available in slot %(slot)s."))
LOCKED_OVER_CAP = define(
    "scheduler.locked_over_cap", "company %(company_id)s has %(count)s locked meetings, more than its cap of %(cap)s",
    web=N_("A company has more locked meetings than the cap allows: unlock some or raise the cap."))

# -- background jobs and the mail outbox ------------------------------------------------------------
JOB_NOT_FOUND = define("job.not_found", "No job with id %(id)s", web=N_("There is no job %(id)s."))
QUEUE_DOWN = define("job.queue_down", "The job queue (Redis) cannot be reached right now; try again in a minute",
                    web=N_("The job queue cannot be reached right now; try again in a minute."))
JOB_CRASHED = define("job.crashed", "The job stopped on an unexpected error; the worker's log has the details",
                     web=N_("The job stopped on an unexpected error; the administrator can find the details in the "
                            "worker's log."))
OUTBOX_NOT_FOUND = define("outbox.not_found", "No outbox mail with id %(id)s",
                          web=N_("There is no outbox mail %(id)s."))
OUTBOX_NOT_FAILED = define("outbox.not_failed", "Only a failed mail can be sent again; this one is %(status)s",
                           web=N_("Only a failed mail can be sent again; this one is %(status)s."))
