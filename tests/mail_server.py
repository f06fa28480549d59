"""A real SMTP server in the test process (aiosmtpd) and a mailbox that parses what it receives."""
from __future__ import annotations

import re
import socket
import threading
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://[^\s<>\"]+")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """Every message the server accepted, parsed by the standard email package, in arrival order."""

    def __init__(self):
        self._lock = threading.Lock()
        self._messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content)
        with self._lock:
            self._messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return [message for _, message in self._messages]

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [message for rcpt, message in self._messages if address.lower() in (r.lower() for r in rcpt)]

    def wait_for(self, address: str, count: int = 1, timeout_seconds: float = 10.0) -> EmailMessage:
        """The newest of at least `count` messages to `address` (mail sent by a job may lag a little)."""
        deadline = time.monotonic() + timeout_seconds
        while True:
            found = self.to(address)
            if len(found) >= count:
                return found[-1]
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(found)} message(s) to {address}, expected {count}: "
                                     f"{[m['Subject'] for m in self.messages]}")
            time.sleep(0.05)


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML bodies; both must be there."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None, "a message without both parts"
    return text.get_content(), html.get_content()


def link_in(message: EmailMessage, path_part: str) -> str:
    """The first link of the plain-text part whose address contains `path_part`."""
    text, _ = parts(message)
    for link in LINK.findall(text):
        if path_part in link:
            return link
    raise AssertionError(f"no link with {path_part!r} in: {text}")


class SmtpServer:
    """aiosmtpd on a free loopback port, in its own thread."""

    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SmtpServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()
