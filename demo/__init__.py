"""The demo web: a generated fictional French telecom market served on loopback (design §7)."""

from __future__ import annotations
