"""The code picker's wording and JSON answer, shared by the live lookup and the no-JavaScript form."""
from __future__ import annotations

from flask_babel import gettext as _

from matcher.services.code_lookup import CodeHit, CodeSearch


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated when shown."""
    return message


# Every sentence the picker says, in one place (English source, Russian in the catalogue).
FOUND_FOR_QUERY = N_("Codes for «%(query)s», best first:")
FOUND_FOR_CORRECTION = N_("Nothing found for «%(query)s». Did you mean «%(correction)s»? Codes for it:")
FOUND_FROM_TEXT_AFTER_MISS = N_("Nothing found for «%(query)s». Suggested from the title and description:")
FOUND_FROM_TEXT = N_("Suggested from the title and description, best first:")
NOTHING_FOR_QUERY = N_("Nothing found for «%(query)s». Try the product's name in Russian or English "
                       "(e.g. «станок», «harvester»), or describe the product in the title and description "
                       "and ask for suggestions.")
NOTHING_TO_SUGGEST = N_("Nothing to suggest yet: describe the product in the title or description in a few words.")
DID_YOU_MEAN = N_("Did you mean:")
EVIDENCE = N_("found by: %(words)s")
ADD = N_("Add")
ADDED = N_("Added")
ALREADY_CHOSEN = N_("already among your codes")
TICK_TO_ADD = N_("Tick the ones that fit: they are added to the codes when you save.")


def picker_heading(found: CodeSearch) -> str:
    """The sentence above the picker's results, in the page's language."""
    if not found.hits:
        return _(NOTHING_FOR_QUERY, query=found.query) if found.query else _(NOTHING_TO_SUGGEST)
    if found.source == "did_you_mean":
        return _(FOUND_FOR_CORRECTION, query=found.query, correction=found.corrected_to)
    if found.source == "description":
        return _(FOUND_FROM_TEXT_AFTER_MISS, query=found.query) if found.query else _(FOUND_FROM_TEXT)
    return _(FOUND_FOR_QUERY, query=found.query)


def evidence_text(hit: CodeHit) -> str:
    """Why the classifier proposes the code: the words that produced it."""
    if not hit.evidence:
        return ""
    return _(EVIDENCE, words=", ".join(f"«{word}»" for word in hit.evidence))


def picker_texts() -> dict[str, str]:
    """The picker's short labels in the page's language, for the template and (via data attributes) the script."""
    return {"did_you_mean": _(DID_YOU_MEAN), "add": _(ADD), "added": _(ADDED), "already_chosen": _(ALREADY_CHOSEN),
            "tick_to_add": _(TICK_TO_ADD)}


def picker_answer(found: CodeSearch) -> dict:
    """The JSON the profile script renders: items best first, the heading, corrections and the words behind each code."""
    return {
        "items": [{**hit.to_dict(), "why": evidence_text(hit)} for hit in found.hits],
        "source": found.source,
        "heading": picker_heading(found),
        "did_you_mean": found.corrections,
        "did_you_mean_label": _(DID_YOU_MEAN) if found.corrections else "",
    }
