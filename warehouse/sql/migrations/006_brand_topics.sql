-- Sentiment for each (brand, topic) pair of a document: the sentences naming both, or, in a
-- review of a brand, every sentence naming the topic (models/enrich.py:brand_topic_sentences).
-- Documents enriched before this migration have no rows here until `veille backfill`.

CREATE TABLE brand_topics (
    doc_id VARCHAR NOT NULL,
    brand_id VARCHAR NOT NULL,
    topic_id VARCHAR NOT NULL,
    sentences INTEGER NOT NULL,
    via VARCHAR NOT NULL,
    sentiment VARCHAR NOT NULL,
    sentiment_score DOUBLE NOT NULL,
    model_version VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    published_date DATE
);

CREATE TABLE _lake_brand_topics (
    doc_id VARCHAR, brand_id VARCHAR, topic_id VARCHAR, sentences INTEGER, via VARCHAR,
    sentiment VARCHAR, sentiment_score DOUBLE, model_version VARCHAR, run_id VARCHAR,
    lake_file VARCHAR
);
