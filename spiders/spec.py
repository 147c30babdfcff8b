"""The spider argument: spec.json written by flows, validated at the boundary."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_CHANNEL = {"feed": "news", "reviews": "review", "mastodon": "social",
                   "bluesky": "social", "sitemap": "forum"}


class SourceSpec(BaseModel):
    """One [[sources]] entry of veille.toml."""

    model_config = ConfigDict(extra="ignore")

    name: str
    type: str
    url: str | None = None
    brand: str | None = None
    channel: str | None = None
    follow_links: bool = False
    since_days: int = Field(30, ge=1, le=3650)
    max_items: int = Field(500, ge=1)
    max_pages: int = Field(20, ge=1)
    instance: str | None = None
    api_base: str | None = None
    accounts: list[str] = []
    hashtags: list[str] = []
    selectors: dict[str, str] = {}
    allow: list[str] = []

    def resolved_channel(self) -> str:
        """Return the configured channel, else the source type's default."""
        if self.channel:
            return self.channel
        if self.type == "feed" and self.brand:
            return "blog"
        return DEFAULT_CHANNEL.get(self.type, "news")


# Scrapy 2.19's downloader, with a zero delay, hands every queued request of a slot to the
# network at once (each is scheduled before it counts as transferring), so the per-domain
# concurrency is not enforced. With any delay it dispatches one at a time, which holds it.
MIN_DOWNLOAD_DELAY = 0.001


class CrawlSpec(BaseModel):
    """Politeness knobs from the config's optional [crawl] table."""

    model_config = ConfigDict(extra="ignore")

    download_delay: float = Field(0.5, ge=0)
    autothrottle: bool = True
    concurrency_per_domain: int = Field(2, ge=1, le=64)
    obey_robots: bool = True
    timeout_s: float = Field(30, gt=0)


class PrivacySpec(BaseModel):
    """[privacy] as the crawl needs it; the key itself comes in the environment (flows.privacy)."""

    model_config = ConfigDict(extra="ignore")

    pseudonymise_authors: bool = False


class RunSpec(BaseModel):
    """Everything one crawl needs: source, clock, output paths."""

    model_config = ConfigDict(extra="ignore")

    source: SourceSpec
    brand_accounts: dict[str, dict[str, str]] = {}
    run_id: str
    run_date: str
    now: datetime
    lake_dir: str  # a local folder or any fsspec URL (contract.lake.Lake)
    state_path: Path
    stats_path: Path
    user_agent: str | None = None
    crawl: CrawlSpec = CrawlSpec()
    privacy: PrivacySpec = PrivacySpec()

    def scrapy_settings(self) -> dict[str, object]:
        """Return the Scrapy settings this spec asks for."""
        settings: dict[str, object] = {
            "DOWNLOAD_DELAY": max(self.crawl.download_delay, MIN_DOWNLOAD_DELAY),
            "AUTOTHROTTLE_ENABLED": self.crawl.autothrottle,
            "CONCURRENT_REQUESTS_PER_DOMAIN": self.crawl.concurrency_per_domain,
            "ROBOTSTXT_OBEY": self.crawl.obey_robots,
            "DOWNLOAD_TIMEOUT": self.crawl.timeout_s,
        }
        if self.user_agent:
            settings["USER_AGENT"] = self.user_agent
        return settings


def load_spec(path: str | Path) -> RunSpec:
    """Read and validate a spec.json file."""
    return RunSpec.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
