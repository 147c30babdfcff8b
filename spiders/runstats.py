"""Extension writing the per-source stats JSON the flows read (docs/contracts.md)."""

from __future__ import annotations

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from spiders.state import write_json_atomic


class RunStatsExtension:
    """On spider close (after the pipelines), write stats_path from the crawl stats."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunStatsExtension:
        """Connect to spider_closed and spider_error."""
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        return ext

    def spider_error(self, failure: object, response: object, spider: Spider) -> None:
        """Count a callback that raised: the page is lost, the crawl goes on."""
        self.crawler.stats.inc_value("veille/failed")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Write the stats JSON."""
        spec = getattr(spider, "spec", None)
        if spec is None:
            return
        write_json_atomic(spec.stats_path, build_stats(spider, self.crawler.stats.get_stats()))


def build_stats(spider: Spider, stats: dict) -> dict:
    """Return the contract's stats dict for one crawl."""
    prefix = f"drop_item/{spider.name}/"
    dropped = {k[len(prefix):]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}
    error = getattr(spider, "source_error", None)
    parse_errors = getattr(spider, "parse_errors", [])
    read = stats.get("veille/fetched", 0) + stats.get("veille/unchanged", 0)
    if parse_errors and not read and not error:
        # Every page the parser saw raised: the source was not read at all.
        error = f"the {spider.name} parser raised on {len(parse_errors)} page(s): {parse_errors[0]}"
    out = {
        "source": spider.spec.source.name,
        "status": "failed" if error else "ok",
        "requests": stats.get("downloader/request_count", 0),
        "fetched": stats.get("veille/fetched", 0),
        "new": stats.get("veille/new", 0),
        "unchanged": stats.get("veille/unchanged", 0),
        "updated": stats.get("veille/updated", 0),
        # conditional requests answered 304 Not Modified: no body fetched
        "not_modified": stats.get("downloader/response_status_count/304", 0),
        "dropped": dropped,
        "failed": stats.get("veille/failed", 0),
        "parse_errors": len(parse_errors),
        "error": error,
    }
    if stats.get("veille/aggregate_rating"):
        out["aggregate_rating"] = stats["veille/aggregate_rating"]
    return out
