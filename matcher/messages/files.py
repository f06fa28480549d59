"""Words of the files and texts people take away: the match list and schedule (CSV / XLSX), a company's
agenda (.ics), the CLI's match list. Said with `say_in(message, lang)` in the reader's language."""
from matcher.messages import N_, define

# -- spreadsheet headers and labels (services/mission_exports.py) ----------------------------------
RANK = define("file.rank", N_("#"))
SUPPLIER = define("file.supplier", N_("Supplier"))
BUYER = define("file.buyer", N_("Buyer"))
COUNTRY = define("file.country", N_("Country"))
REGION = define("file.region", N_("Region"))
SCORE = define("file.score", N_("Score"))
REASONS = define("file.reasons", N_("Why"))
SUPPLIER_ID = define("file.supplier_id", N_("Supplier ID"))
BUYER_ID = define("file.buyer_id", N_("Buyer ID"))
SLOT = define("file.slot", N_("Slot"))
TIME = define("file.time", N_("Time"))
TABLE = define("file.table", N_("Table"))
STARTS = define("file.starts", N_("Starts"))
ENDS = define("file.ends", N_("Ends"))
LOCKED = define("file.locked", N_("Locked"))
YES = define("file.yes", N_("yes"))
NO = define("file.no", N_("no"))
GRID = define("file.grid", N_("Grid"))
MEETINGS = define("file.meetings", N_("Meetings"))
UNSCHEDULED = define("file.unscheduled", N_("Unscheduled"))
SUMMARY = define("file.summary", N_("Summary"))
MATCHES = define("file.matches", N_("Pairs"))
MISSION = define("file.mission", N_("Mission"))
DATES = define("file.dates", N_("Dates"))
VALUE = define("file.value", N_("Schedule value"))
BOUND = define("file.bound", N_("Upper bound"))
RATIO = define("file.ratio", N_("Share of the bound"))
MET = define("file.met", N_("Companies with a meeting"))
WITH_PARTNER = define("file.with_partner", N_("Companies with a worthwhile partner"))
TIMEZONE = define("file.timezone", N_("Times are in UTC%(offset)s"))

# the features of a score, as a file's «Why» column names them
FEATURES = {
    "hs_codes": define("feature.hs_codes", N_("HS codes")),
    "nace_codes": define("feature.nace_codes", N_("NACE codes")),
    "text": define("feature.text", N_("descriptions")),
    "concepts": define("feature.concepts", N_("concepts")),
    "volume": define("feature.volume", N_("volumes")),
    "niche": define("feature.niche", N_("niche")),
    "geography": define("feature.geography", N_("geography")),
    "certifications": define("feature.certifications", N_("certifications")),
    "languages": define("feature.languages", N_("languages")),
    "service_mismatch": define("feature.service_mismatch", N_("service ≠ goods")),
}

# -- a company's agenda as a calendar (services/mission_agendas.py) --------------------------------
MEETING_WITH = define("agenda.summary", N_("Meeting: %(partner)s"))
AT_TABLE = define("agenda.table", N_("table %(table)s"))
YOU_SUPPLY = define("agenda.supplier", N_("you are the supplier"))
YOU_BUY = define("agenda.buyer", N_("you are the buyer"))
MATCH_SCORE = define("agenda.score", N_("Match score: %(score)s"))
CALENDAR = define("agenda.calendar", N_("%(mission)s: meetings"))
PARTNER = define("agenda.partner", N_("Partner: %(name)s"))
WEBSITE = define("agenda.website", N_("Website: %(url)s"))
VIDEO_LINK = define("agenda.video_link", N_("Video link: %(url)s"))
CONTACT = define("agenda.contact", N_("Contact: %(contact)s"))

# -- `flask match` (matcher/cli.py) ------------------------------------------------------------------
BEST_PARTNERS = define("cli.best_partners", N_("Best partners for %(name)s (%(side)s)"))
LOOKS_FOR_SUPPLIERS = define("cli.buyer", N_("looking for suppliers"))
LOOKS_FOR_BUYERS = define("cli.supplier", N_("looking for buyers"))
NO_PARTNERS = define("cli.none", N_("No suitable partners yet."))
SCORE_WORD = define("cli.score", N_("score"))
