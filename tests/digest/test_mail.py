"""to_message(), write() and send(): the digest as a MIME mail, on disk and over SMTP."""
from __future__ import annotations

import email
import email.policy
import logging
import re
import smtplib
import socket

import pytest
from aiosmtpd.controller import Controller

import digest
from tests.digest.conftest import AS_OF

SENDER = "veille@example.com"
RECIPIENTS = ["marketing@example.com", "ci@example.com"]


@pytest.fixture
def built(warehouse):
    return digest.build(warehouse, as_of=AS_OF, watch_name="Télécoms FR",
                        failed_sources=[{"source": "bluesky-nova", "error": "HTTP 503"}],
                        metric_version="2026.11-1")


class _Inbox:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    # aiosmtpd's Controller cannot use port=0 (its readiness probe needs the real port).
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtpd():
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def _check_mail(msg: email.message.EmailMessage) -> None:
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",))
    html_part = msg.get_body(("html",))
    assert plain is not None and "semaine du 16 au 22 novembre 2026" in plain.get_content()
    assert "Panne <b>générale</b>" in plain.get_content()
    html = html_part.get_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    related = msg.get_payload()[1]
    assert related.get_content_type() == "multipart/related"
    attached = {p["Content-ID"].strip("<>"): p for p in related.iter_parts()
                if p.get_content_type() == "image/png"}
    referenced = set(re.findall(r'src="cid:([^"]+)"', html))
    assert referenced and referenced == set(attached)
    for part in attached.values():
        assert part.get_content().startswith(b"\x89PNG")


def test_message_is_alternative_text_and_related_html(built):
    msg = digest.to_message(built, SENDER, RECIPIENTS)
    raw = msg.as_bytes(policy=email.policy.SMTP)
    assert len(raw) < 1_000_000
    _check_mail(email.message_from_bytes(raw, policy=email.policy.default))
    assert msg["To"] == ", ".join(RECIPIENTS)
    assert msg["Subject"] == built.subject


def test_write_puts_html_txt_eml_side_by_side(built, tmp_path):
    paths = digest.write(built, tmp_path / "digests", sender=SENDER, recipients=RECIPIENTS)
    assert {p.name for p in paths.values()} == {"2026-11-22.html", "2026-11-22.txt",
                                                "2026-11-22.eml"}
    page = paths["html"].read_text(encoding="utf-8")
    assert "cid:" not in page and page.count('src="data:image/png;base64,') == 2
    assert paths["txt"].read_text(encoding="utf-8") == built.text
    eml = email.message_from_bytes(paths["eml"].read_bytes(), policy=email.policy.default)
    _check_mail(eml)
    assert not list((tmp_path / "digests").glob("*.tmp"))


def test_send_delivers_to_a_real_smtp_server(built, smtpd):
    controller, inbox = smtpd
    digest.send(digest.to_message(built, SENDER, RECIPIENTS),
                host=controller.hostname, port=controller.port, timeout=10)
    (envelope,) = inbox.envelopes
    assert envelope.mail_from == SENDER and envelope.rcpt_tos == RECIPIENTS
    assert len(envelope.content) < 1_000_000
    _check_mail(email.message_from_bytes(envelope.content, policy=email.policy.default))


def test_send_accepts_eml_bytes(built, smtpd, tmp_path):
    controller, inbox = smtpd
    paths = digest.write(built, tmp_path, sender=SENDER, recipients=RECIPIENTS)
    digest.send(paths["eml"].read_bytes(), host=controller.hostname, port=controller.port)
    _check_mail(email.message_from_bytes(inbox.envelopes[0].content,
                                         policy=email.policy.default))


def test_login_only_with_username_and_password_never_logged(built, smtpd, caplog):
    controller, inbox = smtpd
    caplog.set_level(logging.DEBUG)
    # aiosmtpd offers AUTH only over TLS, so a login attempt on plain SMTP is refused.
    with pytest.raises(smtplib.SMTPNotSupportedError):
        digest.send(digest.to_message(built, SENDER, RECIPIENTS), host=controller.hostname,
                    port=controller.port, username="veille", password="s3cr3t-pw")
    assert "s3cr3t-pw" not in caplog.text
    assert inbox.envelopes == []


def test_ssl_and_starttls_together_name_the_fix(built):
    with pytest.raises(ValueError, match="not both"):
        digest.send(digest.to_message(built, SENDER, RECIPIENTS), host="127.0.0.1", port=1,
                    ssl=True, starttls=True)
