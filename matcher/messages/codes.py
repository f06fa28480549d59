"""What the reference taxonomies say about a code: HS / TN VED, NACE / OKVED, countries, regions,
languages and tax ids (matcher/taxonomy raises CodeError with one of these)."""
from matcher.messages import N_, define

HS_MALFORMED = define(
    "hs.malformed", "«%(value)s» is not an HS / TN VED code: expected 2, 4 or 6 digits, or 7–10 for a national code",
    web=N_("«%(value)s» is not an HS / TN VED code: 2, 4 or 6 digits, or 7–10 for a national code."))
HS_UNKNOWN = define("hs.unknown", "HS code %(value)s does not exist in the HS nomenclature",
                    web=N_("HS code %(value)s does not exist in the HS nomenclature."))
NACE_MALFORMED = define("nace.malformed",
                        "«%(value)s» is not a NACE / OKVED code: expected a form like 28, 28.4 or 28.41",
                        web=N_("«%(value)s» is not a NACE / OKVED code: a form like 28, 28.4 or 28.41."))
NACE_UNKNOWN = define("nace.unknown", "NACE Rev. 2 code %(value)s does not exist",
                      web=N_("NACE code %(value)s does not exist."))
LANGUAGE_UNKNOWN = define("language.unknown", "«%(value)s» is not an ISO 639-1 language code (e.g. ru, en, be)",
                          web=N_("«%(value)s» is not a two-letter language code (ru, en, be …)."))
COUNTRY_UNKNOWN = define("country.unknown", "«%(value)s» is not an ISO 3166-1 alpha-2 country code (e.g. BY, RU)",
                         web=N_("Choose a country from the list."))
REGION_UNKNOWN = define("region.unknown", "«%(value)s» is not an ISO 3166-2 region code (e.g. RU-PER, BY-HM)",
                        web=N_("Choose a region from the list."))
REGION_ELSEWHERE = define("region.elsewhere", "region %(value)s is not in country %(country)s",
                          web=N_("This region does not belong to the chosen country."))
UNP_INVALID = define("tax_id.unp", "not a valid Belarusian UNP (9 characters with a check digit): %(reason)s",
                     web=N_("Not a valid Belarusian UNP: 9 characters with a check digit."))
INN_INVALID = define("tax_id.inn", "not a valid Russian INN (10 or 12 digits) or OGRN (13 or 15 digits): "
                     "check digit or length is wrong",
                     web=N_("Not a valid Russian INN (10 or 12 digits) or OGRN (13 or 15 digits)."))
TAX_ID_LENGTH = define("tax_id.length", "a tax id must be 1 to 20 characters",
                       web=N_("A tax id is 1 to 20 characters."))
