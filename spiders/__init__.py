"""Veille's Scrapy project: one spider per source type, one validation gate, Parquet into the lake."""
