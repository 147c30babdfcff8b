"""Package a digest as a MIME message, write it to disk, and send it over SMTP."""
from __future__ import annotations

import base64
import logging
import smtplib
import ssl as ssl_lib
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path

from digest.model import Digest

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 1_000_000  # many clients clip or reject larger mails


def to_message(digest: Digest, sender: str, recipients: list[str]) -> EmailMessage:
    """Return multipart/alternative: text/plain, then HTML related to its inline PNG charts."""
    msg = EmailMessage()
    msg["Subject"] = digest.subject
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain="veille.digest")
    msg["Content-Language"] = digest.language
    msg.set_content(digest.text)
    msg.add_alternative(digest.html, subtype="html")
    html_part = msg.get_payload()[1]
    for image in digest.images:
        html_part.add_related(image.png, "image", "png", cid=f"<{image.cid}>",
                              filename=f"{image.cid.split('-')[0]}.png",
                              disposition="inline")
    size = len(msg.as_bytes(policy=SMTP))
    if size > MAX_MESSAGE_BYTES:
        raise ValueError(f"digest message is {size} bytes, over {MAX_MESSAGE_BYTES}: "
                         "lower the number of posts or chart sizes")
    return msg


def html_for_browser(digest: Digest) -> str:
    """Return the HTML with cid: references replaced by data: URIs, for a file on disk."""
    page = digest.html
    for image in digest.images:
        data = base64.b64encode(image.png).decode("ascii")
        page = page.replace(f"cid:{image.cid}", f"data:image/png;base64,{data}")
    return page


def write(digest: Digest, out_dir: Path, *, sender: str, recipients: list[str]) -> dict[str, Path]:
    """Write ``<as_of>.html`` (images embedded), ``.txt`` and ``.eml`` under ``out_dir``."""
    if digest.as_of is None:
        raise ValueError("digest has no as_of date: build it with digest.build()")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = digest.as_of.isoformat()
    eml = to_message(digest, sender, recipients).as_bytes(policy=SMTP)
    contents = {
        "html": html_for_browser(digest).encode("utf-8"),
        "txt": digest.text.encode("utf-8"),
        "eml": eml,
    }
    paths = {}
    for ext, data in contents.items():
        path = out_dir / f"{stem}.{ext}"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)  # a reader never sees a half-written digest
        paths[ext] = path
    return paths


def send(
    message: EmailMessage | bytes,
    *,
    host: str,
    port: int,
    starttls: bool = False,
    ssl: bool = False,
    username: str | None = None,
    password: str | None = None,
    timeout: float = 30,
    sender: str | None = None,
    recipients: list[str] | None = None,
    context: ssl_lib.SSLContext | None = None,
) -> None:
    """Send a message (EmailMessage or .eml bytes) over SMTP; log in only with a username."""
    if ssl and starttls:
        raise ValueError("choose ssl (implicit TLS, port 465) or starttls (port 587), not both")
    if isinstance(message, (bytes, bytearray)):
        from email import message_from_bytes
        from email.policy import default

        message = message_from_bytes(bytes(message), policy=default)
    # The system's trust store unless the caller trusts a private CA (a company relay, a test).
    context = context or ssl_lib.create_default_context()
    if ssl:
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(host, port, timeout=timeout)
    with client:
        if starttls:
            client.starttls(context=context)
        if username:
            # The password goes to smtplib only; neither it nor the username is logged.
            client.login(username, password or "")
        refused = client.send_message(message, from_addr=sender, to_addrs=recipients)
    log.info("digest %r sent via %s:%s", message["Subject"], host, port)
    if refused:
        log.warning("recipients refused: %s", sorted(refused))
