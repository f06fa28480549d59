"""The profile completeness meter's hints: what to add next, and why it helps (issue 17)."""
from __future__ import annotations

from matcher.messages import N_, define

ITEMS = define("profile_hint.items", N_("Describe at least one offer or need: matches are made from them."))
CODES = define("profile_hint.codes", N_("Add HS or NACE codes to every offer and need: a shared code is the strongest reason a match can have, and the code picker finds codes from your words."))
ITEM_DESCRIPTIONS = define("profile_hint.item_descriptions", N_("Give every offer and need a description of a sentence or two: the matcher reads Russian and English words too."))
DESCRIPTION = define("profile_hint.description", N_("Say what the company does, for whom and in what volumes (at least %(chars)d characters)."))
REGION = define("profile_hint.region", N_("Choose your region and city: partners filter their matches by place."))
CONTACTS = define("profile_hint.contacts", N_("Give a contact email or phone: partners see it once the interest is mutual."))
WEBSITE = define("profile_hint.website", N_("Add your website."))
LANGUAGES = define("profile_hint.languages", N_("List the languages you work in."))
LOGO = define("profile_hint.logo", N_("Upload a logo: partners recognise you in their lists."))
