"""The Veille digest: warehouse rows to an HTML and plain-text email with inline charts."""
from __future__ import annotations

from digest.build import build
from digest.mail import html_for_browser, send, to_message, write
from digest.model import Digest, Image

__all__ = ["Digest", "Image", "build", "html_for_browser", "send", "to_message", "write"]

