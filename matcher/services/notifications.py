"""Who is told what, by mail: interest, mutual interest (with contacts), digests, mission agendas.

Every notification goes through the outbox under an event id, so each event makes at most one
mail per recipient, in the recipient's language (RU/EN), as text and HTML, with a one-click
unsubscribe link and the List-Unsubscribe headers. Accounts that have not confirmed their
address get nothing, and nothing is said about their companies.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from sqlalchemy import select

from matcher.db import db, utcnow
from matcher.errors import DomainError
from matcher.mail import MailError, compose
from matcher.mail.compose import mail_language
from matcher.mail.links import external_url
from matcher.models import Company, Mission, MissionSchedule, User
from matcher.policy.contacts import mutual_partners
from matcher.services import outbox, preferences
from matcher.services.visibility import is_public
from matcher.settings import SETTINGS
from matcher.taxonomy import regions

log = logging.getLogger(__name__)

DIGEST_SIZE = 10
DIGEST_PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
DIGEST_EARLY_S = 3600    # an hourly scheduler may come a little early; a day is still a day


@dataclass(frozen=True)
class Recipient:
    email: str
    lang: str
    user: User | None  # None: a mission participant without an account, mailed at its contact address


def account_recipient(company: Company | None) -> Recipient | None:
    """The owner of `company` when their address is confirmed; else nobody."""
    owner = company.owner if company is not None else None
    if owner is None or owner.email_verified_at is None:
        return None
    return Recipient(owner.email, mail_language(owner.locale), owner)


def participant_recipient(company: Company) -> Recipient | None:
    """For mission mail: the confirmed owner, or (a company entered by staff or an import) its contact email."""
    if company.owner_id is not None:
        return account_recipient(company)
    if not company.email or "@" not in company.email:
        return None
    langs = company.languages or []
    return Recipient(company.email.strip(), "ru" if "ru" in langs or not langs else "en", None)


def notify(template: str, recipient: Recipient, kind: str, event_id: str, attachments=(), **context):
    """Compose and queue one notification unless the recipient turned this kind off; the outbox row or None."""
    preference = preferences.preference_for(recipient.email)
    if not preferences.wants(preference, kind):
        return None
    link = external_url("web.unsubscribe", token=preferences.unsubscribe_token(recipient.email, kind))
    mail = compose(template, recipient.lang, recipient.email, unsubscribe_link=link,
                   preferences_link=external_url("web.notification_preferences"), **context)
    mail.headers["List-Unsubscribe"] = f"<{link}>"
    mail.headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    mail.attachments = list(attachments)
    return outbox.send(mail, event_id)


def company_card(company: Company, lang: str, contacts: bool = False) -> dict:
    """What a mail says about a company: name in the reader's script where we have it, place, link."""
    card = {
        "id": company.id,
        "name": company.name_en if lang == "en" and company.name_en else company.name,
        "place": ", ".join(filter(None, [company.city, regions.country_name(company.country, lang)])),
        "link": external_url("web.company_page", company_id=company.id),
    }
    if contacts:
        card |= {"email": company.email, "phone": company.phone, "website": company.website}
    return card


# -- interest ------------------------------------------------------------------------------------

def interest_expressed(company_id: int, partner_id: int) -> None:
    """`company_id` said «interested» in `partner_id`: tell the partner, or — when the interest is
    now mutual — give each side the other's contacts."""
    company, partner = db.session.get(Company, company_id), db.session.get(Company, partner_id)
    if company is None or partner is None or not is_public(company):
        return
    if partner_id in mutual_partners(company_id):
        low, high = sorted((company_id, partner_id))
        for me, other in ((company, partner), (partner, company)):
            recipient = account_recipient(me)
            if recipient is not None and is_public(other):
                notify("notify_mutual", recipient, "interest", f"mutual:{low}:{high}:to:{me.id}",
                       partner=company_card(other, recipient.lang, contacts=True),
                       matches_link=external_url("web.matches"))
        return
    recipient = account_recipient(partner)
    if recipient is not None:
        notify("notify_interest", recipient, "interest", f"interest:{company_id}:{partner_id}",
               company=company_card(company, recipient.lang), matches_link=external_url("web.matches"))


# -- digests -------------------------------------------------------------------------------------

def send_due_digests(now: datetime | None = None) -> int:
    """Mail each confirmed company account whose day or week is up its new good matches; the count sent."""
    from matcher.services.matching import matches_for_company

    now = now or utcnow()
    rows = db.session.execute(select(User, Company).join(Company, Company.owner_id == User.id)
                              .where(User.email_verified_at.is_not(None)).order_by(User.id)).all()
    sent = 0
    for user, company in rows:
        preference = preferences.preference_for(user.email)
        period = DIGEST_PERIODS.get(preference.digest)
        if period is None or not company.roles:
            continue
        last = preference.digest_sent_at
        if last is not None and now - _aware(last) < period - timedelta(seconds=DIGEST_EARLY_S):
            continue
        lang = mail_language(user.locale)
        try:
            found = matches_for_company(company.id, limit=DIGEST_SIZE, min_score=SETTINGS.digest_min_score, lang=lang,
                                        worded=False)  # the mail names partners and scores, no reasons
        except (DomainError, KeyError) as exc:  # a profile the engine cannot rank yet
            log.info("no digest for company %s: %s", company.id, exc)
            continue
        preference = preferences.stored_preference(user.email, user.id)
        seen = set(preference.digest_seen or [])
        new = [m for m in found if m["company"]["id"] not in seen]
        preference.digest_sent_at = now
        preference.digest_seen = sorted(seen | {m["company"]["id"] for m in new})
        db.session.commit()
        if not new:
            continue
        period_key = now.date().isoformat() if preference.digest == "daily" else "W".join(
            map(str, now.isocalendar()[:2]))
        cards = []
        for match in new:
            partner = db.session.get(Company, match["company"]["id"])
            if partner is not None:
                cards.append(company_card(partner, lang) | {"score": round(match["score"])})
        if notify("notify_digest", Recipient(user.email, lang, user), "digest",
                  f"digest:{user.id}:{preference.digest}:{period_key}", matches=cards,
                  daily=preference.digest == "daily", matches_link=external_url("web.matches")):
            sent += 1
    return sent


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# -- mission schedules (queued by mission_schedules.announce_schedule) ---------------------------

def schedule_published(schedule_id: int) -> int:
    """Mail every participant with an address its agenda of this schedule (.ics attached) when it
    is new to them; returns how many mails were queued. A schedule replaced meanwhile sends nothing."""
    from matcher.services.mission_agendas import agenda_ics, company_agenda
    from matcher.services.stored_schedules import last_schedule

    schedule = db.session.get(MissionSchedule, schedule_id)
    if schedule is None:
        return 0
    current = last_schedule(schedule.mission_id)
    if current is None or current.id != schedule_id:
        return 0
    previous = db.session.scalar(select(MissionSchedule).where(
        MissionSchedule.mission_id == schedule.mission_id, MissionSchedule.id < schedule_id)
        .order_by(MissionSchedule.id.desc()).limit(1))
    mission = db.session.get(Mission, schedule.mission_id)
    queued = 0
    for participant in list(mission.participants):
        company = participant.company
        recipient = participant_recipient(company) if company is not None else None
        if recipient is None:
            continue
        if previous is not None and _meetings_of(previous, company.id) == _meetings_of(schedule, company.id):
            continue  # this company's day did not change
        viewer = recipient.user or SimpleNamespace(role="company", id=None, company=company)
        try:
            agenda = company_agenda(mission.id, company.id, viewer, recipient.lang)
            ics = agenda_ics(mission.id, company.id, viewer, recipient.lang)
        except DomainError as exc:
            log.info("no agenda for company %s in mission %s: %s", company.id, mission.id, exc)
            continue
        try:
            row = notify("notify_schedule", recipient, "missions", f"schedule:{schedule_id}:to:{company.id}",
                         attachments=[(f"mission-{mission.id}-agenda.ics", ics, "text/calendar")],
                         agenda=agenda, changed=previous is not None,
                         agenda_link=external_url("web.mission_agenda", mission_id=mission.id, company_id=company.id))
        except MailError as exc:  # e.g. a contact address the mail module refuses
            log.warning("agenda of company %s not queued: %s", company.id, exc)
            continue
        queued += row is not None
    return queued


def _meetings_of(schedule: MissionSchedule, company_id: int) -> set[tuple]:
    return {(m.slot, m.table_no, m.supplier_id, m.buyer_id) for m in schedule.meetings
            if company_id in (m.supplier_id, m.buyer_id)}
