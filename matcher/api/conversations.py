"""/api/v1/conversations: messages between two companies, one thread per pair, with unread counts."""
from __future__ import annotations

from matcher.api import api
from matcher.api.auth import allow_roles, current_user
from matcher.api.idempotency import idempotent
from matcher.api.openapi import problems, tag
from matcher.api.participation_schemas import CompanyMessageOutSchema, ThreadListSchema, ThreadSchema
from matcher.schemas.mission_participation import MessageSchema
from matcher.services import conversations


@api.get("/conversations")
@allow_roles("company")
@tag("messages")
@api.response(200, ThreadListSchema, description="The company's threads, newest first")
def list_conversations():
    """List one's company's threads with the last message and the unread count of each."""
    return conversations.list_threads(current_user())


@api.get("/conversations/<id:company_id>/messages")
@allow_roles("company")
@tag("messages")
@api.response(200, ThreadSchema, description="The thread, oldest first")
@problems(422)
def read_conversation(company_id: int):
    """Read the thread between one's company and `company_id`; what they sent is marked read.

    Two companies may write when both take part in one mission or after mutual interest; no one
    else — organisers included — reads their thread.
    """
    return conversations.read_thread(current_user(), company_id)


@api.post("/conversations/<id:company_id>/messages")
@allow_roles("company")
@idempotent()
@api.arguments(MessageSchema, location="body")
@tag("messages")
@api.response(201, CompanyMessageOutSchema, description="The message sent")
def send_company_message(company_id: int, payload: dict):
    """Write to another company: plain text, 1–2,000 characters (control and bidi characters removed).

    `mission_id` may name a mission both companies take part in.
    """
    return conversations.send_message(current_user(), company_id, payload), 201
