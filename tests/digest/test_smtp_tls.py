"""A real SMTP server with STARTTLS and AUTH: what a mail relay does to the digest."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import logging
import re
import smtplib
import ssl

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import digest
from tests.digest.conftest import AS_OF
from tests.digest.test_mail import RECIPIENTS, SENDER, _free_port, _Inbox

USER, PASSWORD = "veille", "pw-Zq81-never-logged"


def _self_signed(tmp_path):
    """Write a self-signed certificate for 127.0.0.1 and its key; return their paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Auth:
    def __init__(self) -> None:
        self.logins: list[str] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login.decode(),
                                                       auth_data.password.decode()) == (USER, PASSWORD)
        if ok:
            self.logins.append(auth_data.login.decode())
        return AuthResult(success=ok, handled=False)


@pytest.fixture
def tls_smtpd(tmp_path):
    cert, key = _self_signed(tmp_path)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    inbox, auth = _Inbox(), _Auth()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), tls_context=server_ctx,
                            require_starttls=True, authenticator=auth, auth_required=True)
    controller.start()
    client_ctx = ssl.create_default_context(cafile=str(cert))
    yield controller, inbox, auth, client_ctx
    controller.stop()


@pytest.fixture
def built(warehouse):
    return digest.build(warehouse, as_of=AS_OF, watch_name="Télécoms <FR>",
                        failed_sources=[{"source": "bluesky-nova", "error": "HTTP 503"}],
                        metric_version="2026.11-1")


def test_starttls_and_login_deliver_the_whole_digest(built, tls_smtpd, caplog):
    controller, inbox, auth, client_ctx = tls_smtpd
    caplog.set_level(logging.DEBUG)
    digest.send(digest.to_message(built, SENDER, RECIPIENTS), host=controller.hostname,
                port=controller.port, starttls=True, username=USER, password=PASSWORD,
                context=client_ctx, timeout=10)

    assert auth.logins == [USER]
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == RECIPIENTS and len(envelope.content) < 1_000_000
    msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    plain, html_part = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and html_part is not None
    html = html_part.get_content()
    images = {p["Content-ID"].strip("<>"): p.get_content() for p in msg.walk()
              if p.get_content_type() == "image/png"}
    referenced = set(re.findall(r'src="cid:([^"]+)"', html))
    assert referenced and referenced <= set(images)
    assert all(png.startswith(b"\x89PNG") for png in images.values())
    assert all(re.search(rf'src="cid:{re.escape(c)}"[^>]*alt="[^"]+"', html) for c in referenced)
    # Scraped markup arrives as text: escaped in HTML, no live tag, no javascript: link.
    assert "&lt;script&gt;" in html and "<script" not in html.lower()
    assert "<b>générale</b>" not in html and "javascript:" not in html
    assert "Panne <b>générale</b>" in plain.get_content()
    assert PASSWORD not in caplog.text


def test_wrong_password_is_refused_and_not_logged(built, tls_smtpd, caplog):
    controller, inbox, _auth, client_ctx = tls_smtpd
    caplog.set_level(logging.DEBUG)
    with pytest.raises(smtplib.SMTPAuthenticationError) as excinfo:
        digest.send(digest.to_message(built, SENDER, RECIPIENTS), host=controller.hostname,
                    port=controller.port, starttls=True, username=USER, password="wrong-Zq81",
                    context=client_ctx, timeout=10)
    assert inbox.envelopes == []
    assert "wrong-Zq81" not in caplog.text and "wrong-Zq81" not in str(excinfo.value)


def test_a_relay_requiring_starttls_refuses_plain_mail(built, tls_smtpd):
    controller, inbox, _auth, _ctx = tls_smtpd
    with pytest.raises(smtplib.SMTPException):
        digest.send(digest.to_message(built, SENDER, RECIPIENTS), host=controller.hostname,
                    port=controller.port, timeout=10)
    assert inbox.envelopes == []
