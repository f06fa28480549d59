"""The words of the reasons' details (matcher/scoring/wording.py says them in the reader's language).

Their English (the API text) is what lang=en shows, on the API and on English pages alike; every other
language translates the reader's text, like any other message. The levels of a shared code prefix use
the classifications' own names (Russian: TN VED's «группа», «товарная позиция», OKVED's «класс», «подкласс»)."""
from matcher.messages import N_, define

SIMILAR_SPELLING = define("reason.similar_spelling", N_("«%(a)s» ≈ «%(b)s» (similar spelling)"))
NO_CONCEPTS = define("reason.no_concepts", N_("no shared concepts"))
NO_CODE = define("reason.no_code", N_("no shared code prefix"))
CODE_WITHIN = define("reason.code_within", N_("%(inner)s within %(outer)s%(label)s"))
CODE_LEVEL = define("reason.code_level", N_("%(a)s ~ %(b)s: same %(level)s %(shown)s%(label)s"))
INFERRED = define("reason.inferred", N_("%(side)s: inferred %(code)s from «%(source)s»"))
NEED = define("reason.need", N_("need"))
OFFER = define("reason.offer", N_("offer"))
KIND = define("reason.kind", N_("need is %(need)s, offer is %(offer)s"))
GOODS = define("reason.goods", N_("goods"))
SERVICE = define("reason.service", N_("a service"))
VOLUME_UNKNOWN = define("reason.volume_unknown", N_("volume or capacity unknown (neutral)"))
VOLUME_WITHIN = define("reason.volume_within", N_("volume %(need)s within capacity %(capacity)s"))
VOLUME_EXCEEDS = define("reason.volume_exceeds", N_("volume %(need)s exceeds capacity %(capacity)s"))
MILLIONS = define("reason.millions", N_("%(n)s M$"))
FILLS_NICHE = define("reason.fills_niche", N_("fills the niche left by %(names)s"))
NEEDS_NICHE = define("reason.needs_niche", N_("needs what %(name)s supplied"))
ROUTE = define("reason.route", N_("%(supplier)s supplier → %(buyer)s buyer"))
CORRIDOR_PERM = define("reason.corridor_perm", N_(" (corridor, Perm Krai)"))
CORRIDOR = define("reason.corridor", N_(" (corridor)"))
SAME_COUNTRY = define("reason.same_country", N_(" (same country)"))
# One English for the API («shared ISO 9001»), two readings where the number shows (Russian).
SHARED_CERT = define("reason.shared_cert", "shared %(names)s", web=N_("shared certificate %(names)s"))
SHARED_CERTS = define("reason.shared_certs", "shared %(names)s", web=N_("shared certificates %(names)s"))
SHARED_LANGUAGE = define("reason.shared_language", N_("shared language %(names)s"))
NO_SHARED_LANGUAGE = define("reason.no_shared_language", N_("no shared language"))
LANGUAGES_UNKNOWN = define("reason.languages_unknown", N_("languages unknown (neutral)"))
LANGUAGES_NICHE = define("reason.languages_niche", N_("languages not compared for a niche (neutral)"))

HS_CHAPTER = define("reason.hs_chapter", N_("chapter"))
HS_HEADING = define("reason.hs_heading", N_("heading"))
HS_SUBHEADING = define("reason.hs_subheading", N_("subheading"))
NACE_DIVISION = define("reason.nace_division", N_("division"))
NACE_GROUP = define("reason.nace_group", N_("group"))
NACE_CLASS = define("reason.nace_class", N_("class"))
