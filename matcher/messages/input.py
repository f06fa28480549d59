"""What input checks say: marshmallow's own field and validator errors, and our schemas' rules.

The API text of a marshmallow error is marshmallow's own English (clients of the API see it today);
people read the friendlier `web=` text. matcher/schemas/messages.py hands these to marshmallow.
"""
from matcher.messages import N_, define

# -- marshmallow's fields ---------------------------------------------------------------------------
REQUIRED = define("input.required", "Missing data for required field.", web=N_("This field is required."))
NULL = define("input.null", "Field may not be null.", web=N_("This field is required."))
INVALID_VALUE = define("input.invalid", "Invalid value.", web=N_("This value is not accepted."))
NOT_TEXT = define("input.not_text", "Not a valid string.", web=N_("Enter text here."))
NOT_UTF8 = define("input.not_utf8", "Not a valid utf-8 string.", web=N_("Enter text here."))
NOT_INTEGER = define("input.not_integer", "Not a valid integer.", web=N_("Enter a whole number."))
NOT_NUMBER = define("input.not_number", "Not a valid number.", web=N_("Enter a number."))
NUMBER_TOO_LARGE = define("input.number_too_large", "Number too large.", web=N_("The number is too large."))
NOT_FINITE = define("input.not_finite", "Special numeric values (nan or infinity) are not permitted.",
                    web=N_("Enter a number."))
NOT_BOOLEAN = define("input.not_boolean", "Not a valid boolean.", web=N_("Choose yes or no."))
NOT_DATE = define("input.not_date", "Not a valid date.", web=N_("Enter a date, e.g. 2027-09-14."))
NOT_DATETIME = define("input.not_datetime", "Not a valid %(obj_type)s.",
                      web=N_("Enter a date and a time, e.g. 2027-09-14 10:00."))
NOT_AWARE = define("input.not_aware", "Not a valid %(awareness)s %(obj_type)s.",
                   web=N_("Enter the time with its time zone."))
NOT_LIST = define("input.not_list", "Not a valid list.", web=N_("Enter a list of values."))
NOT_OBJECT = define("input.not_object", "Invalid type.", web=N_("This value is not accepted."))
NOT_INPUT_OBJECT = define("input.not_input_object", "Invalid input type.", web=N_("This value is not accepted."))
UNKNOWN_FIELD = define("input.unknown_field", "Unknown field.", web=N_("This field is not expected here."))
NOT_URL = define("input.not_url", "Not a valid URL.", web=N_("Enter a web address starting with http:// or https://."))
NOT_EMAIL = define("input.not_email", "Not a valid email address.",
                   web=N_("Enter a valid email address, e.g. name@company.by."))

# -- marshmallow's validators -----------------------------------------------------------------------
SHORTER_THAN = define("input.shorter_than", "Shorter than minimum length %(min)s.",
                      web=N_("At least %(min)s characters."))
LONGER_THAN = define("input.longer_than", "Longer than maximum length %(max)s.", web=N_("At most %(max)s characters."))
LENGTH_BETWEEN = define("input.length_between", "Length must be between %(min)s and %(max)s.",
                        web=N_("From %(min)s to %(max)s characters."))
LENGTH_REQUIRED = define("input.length_required", "Length must be between %(min)s and %(max)s.",
                         web=N_("Required, at most %(max)s characters."))
LENGTH_EQUAL = define("input.length_equal", "Length must be %(equal)s.", web=N_("Exactly %(equal)s characters."))
FEWER_THAN = define("input.fewer_than", "Shorter than minimum length %(min)s.", web=N_("At least %(min)s entries."))
MORE_THAN = define("input.more_than", "Longer than maximum length %(max)s.", web=N_("At most %(max)s entries."))
COUNT_BETWEEN = define("input.count_between", "Length must be between %(min)s and %(max)s.",
                       web=N_("From %(min)s to %(max)s entries."))
AT_LEAST = define("input.at_least", "Must be greater than or equal to %(min)s.",
                  web=N_("Enter a number of at least %(min)s."))
AT_MOST = define("input.at_most", "Must be less than or equal to %(max)s.",
                 web=N_("Enter a number of at most %(max)s."))
IN_RANGE = define("input.in_range", "Must be greater than or equal to %(min)s and less than or equal to %(max)s.",
                  web=N_("Enter a number from %(min)s to %(max)s."))
AMOUNT_IN_RANGE = define("input.amount_in_range",
                         "Must be greater than or equal to %(min)s and less than or equal to %(max)s.",
                         web=N_("Enter an amount from %(min)s to %(max)s."))
AMOUNT_NOT_INTEGER = define("input.amount_not_integer", "Not a valid integer.",
                            web=N_("Enter a whole number of US dollars, e.g. 2500000."))
ONE_OF = define("input.one_of", "Must be one of: %(choices)s.", web=N_("Choose one of the offered values."))
NO_MATCH = define("input.no_match", "String does not match expected pattern.", web=N_("This value is not accepted."))

# -- our schemas' rules -----------------------------------------------------------------------------
NOT_A_JSON_OBJECT = define("input.body_not_object", "The body must be a JSON object",
                           web=N_("The form could not be read; send it again."))
EXPECTED_OBJECT = define("input.expected_object", "expected a JSON object",
                         web=N_("The form could not be read; send it again."))
FIELDS_INVALID = define("input.fields_invalid", "Some fields are invalid: %(fields)s",
                        web=N_("Some fields are filled in incorrectly."))
NUL_CHARACTER = define("input.nul_character", "must not contain the NUL character",
                       web=N_("This text holds a NUL character, which cannot be stored; remove it."))
ONLY_INVISIBLE = define("input.only_invisible", "holds only invisible or control characters; type the text again",
                        web=N_("Only invisible or control characters were typed here; type the text again."))
ROW_ID_OUT_OF_RANGE = define("input.row_id_range", "not an id: ids are whole numbers from %(min)s to %(max)s",
                             web=N_("Not an id: ids are whole numbers from %(min)s to %(max)s."))
CHOOSE_A_ROLE = define("company.choose_role", "choose at least one role: supplier or buyer",
                       web=N_("Choose at least one role: supplier or buyer."))
PHONE = define("company.phone", "a phone number: digits, spaces, + ( ) -",
               web=N_("A phone number: digits, spaces and + ( ) -."))
OFFERS_NEED_SUPPLIER = define("company.offers_need_supplier",
                              "only a supplier has offers: add the role «supplier» or remove the offers",
                              web=N_("Only a supplier has offers: tick the role «Supplier» or remove the offers."))
NEEDS_NEED_BUYER = define("company.needs_need_buyer",
                          "only a buyer has needs: add the role «buyer» or remove the needs",
                          web=N_("Only a buyer has needs: tick the role «Buyer» or remove the needs."))
MISSION_ENDS_BEFORE_START = define("mission.ends_before_start",
                                   "the mission cannot end (%(ends)s) before it starts (%(starts)s)",
                                   web=N_("The mission cannot end before it starts."))
PARTICIPANT_TWICE = define("mission.participant_twice", "company %(company_id)s is already in participants.%(first)s",
                           web=N_("Company %(company_id)s is already among the participants."))
TIME_WITHOUT_OFFSET = define("schedule.time_without_offset",
                             "give the time with its UTC offset, e.g. 2027-09-14T10:00:00+05:00",
                             web=N_("Choose the time zone of the start time."))
FIRST_MEETING_NOT_DATETIME = define("schedule.start_not_datetime", "Not a valid %(obj_type)s.",
                                    web=N_("Enter the date and the time of the first meeting."))
