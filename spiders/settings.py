"""Project-wide Scrapy settings; per-source politeness comes from the spec (see spiders/base.py)."""

from __future__ import annotations

BOT_NAME = "veille"
SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

# Polite by default; the spec's "crawl" table overrides these at crawler creation.
ROBOTSTXT_OBEY = True
USER_AGENT = "Veille/0.1 (+https://github.com/veille)"
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
DOWNLOAD_TIMEOUT = 30
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

DOWNLOADER_MIDDLEWARES = {
    # Above RetryMiddleware (550) so it sees 429/503 answers first and honours Retry-After.
    "spiders.middlewares.RetryAfterMiddleware": 560,
}

ITEM_PIPELINES = {
    "spiders.pipelines.ValidatePipeline": 100,
    "spiders.pipelines.PseudonymisePipeline": 150,
    "spiders.pipelines.DedupPipeline": 200,
    "spiders.pipelines.ParquetWriterPipeline": 900,
}

EXTENSIONS = {
    "spiders.runstats.RunStatsExtension": 100,
}

# Longest Retry-After or rate-limit pause honoured, in seconds; a longer one fails the request.
RETRY_AFTER_MAX = 120
# Mastodon answers X-RateLimit-Remaining; below this many calls left we wait for the reset.
RATELIMIT_LOW_WATER = 5
# A nightly batch worker needs no control port listening on the host.
REMOTE_CONTROL_ENABLED = False
