"""One spider per source type; the spider name is the type (feed, reviews, mastodon, ...)."""
