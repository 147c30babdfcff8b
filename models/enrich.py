"""Enrich crawled documents: language, brands, entities, topics, keyphrases, sentiment."""

from __future__ import annotations

import multiprocessing
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, UTC

import pyarrow as pa
from spacy.attrs import IS_ALPHA
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from models.brands import BrandMatch, BrandMatcher
from models.entities import Entity, entities
from models.keyphrases import keyphrases
from models.language import UNDETERMINED, LanguageIdentifier
from models.pipeline import load_pipeline, package_version
from models.schema import ENRICHED_SCHEMAS
from models.sentiment import LEXICON_VERSION
from models.sentiment_model import COMPONENT, SentimentComponent, model_meta, resolve_model_dir
from models.settings import EnrichSettings
from models.stories import signature
from models.text import analysed_text
from models.topics import TopicHit, TopicMatcher

# 0.2.0: the pipeline no longer folds norms before the tagger (tags, heads, lemmas, entities,
# noun chunks changed): rows enriched by 0.1.0 differ from what this code writes.
# 0.2.1: a declared language that lingua's quick read confirms is taken (models.language.CONFIRM):
# a few mixed or accented short texts change language, and with it every row of theirs.
CODE_VERSION = "veille-nlp/0.2.1"


def model_version(pipelines: dict[str, str], sentiment_model: str = "") -> str:
    """Return the version string recorded on every row: code, pipeline packages, lexicon, sentiment model."""
    packages = "+".join(f"{pkg}-{package_version(pkg)}" for _, pkg in sorted(pipelines.items()))
    sentiment = model_meta(resolve_model_dir(sentiment_model))["version"]
    return f"{CODE_VERSION}+{packages}+{LEXICON_VERSION}+sentiment-{sentiment}"


MODEL_VERSION = model_version(EnrichSettings().pipelines)
# The Enricher a forked worker inherits from its parent (see Enricher._pool).
_WORKER: Enricher | None = None


def _enrich_in_worker(args: tuple[pa.Table, str]) -> tuple[dict[str, pa.Table], dict]:
    assert _WORKER is not None
    _WORKER.stats = {"docs": 0, "by_lang": Counter(), "skipped_unsupported": 0}
    tables = _WORKER._enrich_here(*args)
    return tables, _WORKER.stats


@dataclass
class _Rows:
    tables: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in ENRICHED_SCHEMAS})

    def add(self, table: str, **row: object) -> None:
        self.tables[table].append(row)


@dataclass
class _Found:
    """What the analyses of one parsed doc found, gathered before its rows are written."""

    sdoc: Doc
    sentences: list[Span]
    starts: list[int] = field(default_factory=list)  # each sentence's first character
    matches: list[BrandMatch] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    topic_hits: list[TopicHit] = field(default_factory=list)
    keyphrases: Counter[str] = field(default_factory=Counter)
    minhash: list[int] | None = None


class Enricher:
    """Hold the loaded pipelines and matchers; enrich any number of batches with them."""

    def __init__(self, settings: EnrichSettings) -> None:
        self.settings = settings
        self.brands = BrandMatcher(settings.brands)
        self.brand_names = {b["id"]: b.get("name") or b["id"] for b in settings.brands}
        self.language = LanguageIdentifier()
        self.model_version = model_version({lang: settings.pipelines[lang] for lang in self.languages},
                                           settings.sentiment_model)
        self.stats: dict[str, object] = {"docs": 0, "by_lang": Counter(), "skipped_unsupported": 0}
        self._nlp: dict[str, Language] = {}
        self._topics: dict[str, TopicMatcher] = {}
        self._scorers: dict[str, SentimentComponent] = {}
        self._workers: multiprocessing.pool.Pool | None = None

    @property
    def languages(self) -> list[str]:
        """Return the configured languages that have a pipeline."""
        return [lang for lang in self.settings.languages if lang in self.settings.pipelines]

    def pipeline(self, lang: str) -> Language:
        """Load the pipeline of `lang` once, on first use."""
        if lang not in self._nlp:
            nlp = load_pipeline(self.settings.pipelines[lang])
            self._nlp[lang] = nlp
            self._topics[lang] = TopicMatcher(
                self.settings.topics, lambda term: [t.lemma_ for t in nlp(term)]
            )
            # Last, after the lemmatizer and the parser's sentences it reads.
            self._scorers[lang] = nlp.add_pipe(
                COMPONENT, config={"lang": lang, "path": self.settings.sentiment_model})
        return self._nlp[lang]

    def route(self, text: str, hint: str | None) -> tuple[str, str | None]:
        """Return (detected language, pipeline language or None when unsupported)."""
        lang = self.language.detect(text, hint)
        if lang in self.languages:
            return lang, lang
        if lang == UNDETERMINED and text.strip():
            # Short posts ("Merci @novamobile !") still name brands: analyse them with the
            # declared language's pipeline, else the first configured one (the main market).
            hint_lang = (hint or "").split("-")[0].lower()
            return lang, hint_lang if hint_lang in self.languages else self.languages[0]
        return lang, None

    def enrich(self, docs: pa.Table, run_id: str) -> dict[str, pa.Table]:
        """Return the enriched tables (models.schema.ENRICHED_SCHEMAS) for `docs`."""
        n = self.settings.n_process
        if n <= 1 or docs.num_rows < 2 * n:
            return self._enrich_here(docs, run_id)
        size = -(-docs.num_rows // n)
        parts = self._pool().map(_enrich_in_worker, [(docs.slice(i, size), run_id)
                                                     for i in range(0, docs.num_rows, size)])
        for _, stats in parts:
            self.stats["docs"] += stats["docs"]
            self.stats["by_lang"].update(stats["by_lang"])
            self.stats["skipped_unsupported"] += stats["skipped_unsupported"]
        return {name: pa.concat_tables([tables[name] for tables, _ in parts]) for name in ENRICHED_SCHEMAS}

    def enrich_stream(self, batches: Iterable[pa.Table], run_id: str) -> Iterator[dict[str, pa.Table]]:
        """Enrich batch after batch, yielding each batch's tables, so memory does not grow with the input."""
        for batch in batches:
            yield self.enrich(batch, run_id)

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if self._workers is not None:
            self._workers.close()
            self._workers.join()
            self._workers = None

    def _pool(self) -> multiprocessing.pool.Pool:
        global _WORKER
        if self._workers is None:
            # Load the pipelines before forking, so workers share their memory pages and start at once.
            for lang in self.languages:
                self.pipeline(lang)
            _WORKER = self
            self._workers = multiprocessing.get_context("fork").Pool(self.settings.n_process)
        return self._workers

    def _enrich_here(self, docs: pa.Table, run_id: str) -> dict[str, pa.Table]:
        now = datetime.now(UTC)
        rows = _Rows()
        common = {"model_version": self.model_version, "run_id": run_id}
        columns = [c for c in ("doc_id", "title", "text", "lang_hint", "subject_brand") if c in docs.column_names]
        groups: dict[str, list[tuple[dict, str, str]]] = {}
        for doc in docs.select(columns).to_pylist():
            text = analysed_text(doc.get("title"), doc.get("text"))
            lang, route = self.route(text, doc.get("lang_hint"))
            self.stats["docs"] += 1
            self.stats["by_lang"][lang] += 1
            if route is None:
                self.stats["skipped_unsupported"] += 1
                rows.add("doc_annotations", doc_id=doc["doc_id"], lang=lang, sentiment="neutral",
                         sentiment_score=0.0, minhash=signature(doc.get("text")), enriched_at=now,
                         **common)
                continue
            groups.setdefault(route, []).append((doc, lang, text))
        for route, items in groups.items():
            nlp = self.pipeline(route)
            parsed = nlp.pipe((text for _, _, text in items), batch_size=self.settings.batch_size)
            for chunk in minibatch(zip(items, parsed), self.settings.batch_size):
                self._annotate_chunk(chunk, route, rows, common, now)
        return {
            name: pa.Table.from_pylist(rows.tables[name], schema=schema)
            for name, schema in ENRICHED_SCHEMAS.items()
        }

    def _annotate_chunk(self, chunk: list[tuple[tuple[dict, str, str], Doc]], route: str, rows: _Rows,
                        common: dict, now: datetime) -> None:
        """Annotate parsed docs one analysis at a time over the chunk, then write each doc's rows.

        Brands, topics, keyphrases, entities and signatures each run over the whole chunk in
        turn, so that each one's patterns, memos and lexicons stay in the CPU caches: doc after
        doc, with every analysis in turn, the same work measured 0.83 of bare spaCy's speed on
        bench/enrich.py against 0.86 this way (two runs each, side by side).
        """
        found = [_Found(sdoc, list(sdoc.sents)) for _, sdoc in chunk]
        for f, ((doc, _, _), _) in zip(found, chunk):
            f.minhash = signature(doc.get("text"))
        for f, ((_, _, text), _) in zip(found, chunk):
            f.starts = [s.start_char for s in f.sentences]
            f.matches = self.brands.find(text, f.starts)
        for f in found:
            f.entities = entities(f.sdoc, f.matches)
        topics = self._topics[route]
        for f in found:
            f.topic_hits = topics.find(f.sdoc)
        for f in found:
            f.keyphrases = keyphrases(f.sdoc)
        for f, ((doc, lang, text), _) in zip(found, chunk):
            self._annotate(f, text, doc, lang, route, rows, common, now)

    def _annotate(self, found: _Found, text: str, doc: dict, lang: str, route: str, rows: _Rows,
                  common: dict, now: datetime) -> None:
        # `text` is what nlp.pipe read, so it equals sdoc.text (spaCy's tokenisation is lossless)
        # and text[start_char:end_char] equals a span's .text; both rebuild the string from a
        # Token object per token, which cost more than the brand matching itself.
        doc_id = doc["doc_id"]
        scorer = self._scorers[route]
        sdoc, sentences, starts, matches = found.sdoc, found.sentences, found.starts, found.matches
        sent_score: dict[int, float] = {}

        def spans_score(spans: list[Span]) -> float:
            """Score sentences together; a single sentence's score is kept for its other mentions."""
            if len(spans) > 1:
                return scorer.score_spans(spans)
            start = spans[0].start
            if start not in sent_score:
                sent_score[start] = scorer.score_spans(spans)
            return sent_score[start]

        doc_score = sdoc._.sentiment_score
        rows.add("doc_annotations", doc_id=doc_id, lang=lang, sentiment=scorer.label(doc_score),
                 sentiment_score=doc_score, minhash=found.minhash, enriched_at=now, **common)

        brand_sents: dict[str, set[int]] = {}
        words: list[int] = []
        if matches:  # alphabetic words per sentence, read as one array
            alpha = sdoc.to_array(IS_ALPHA).tolist()
            words = [sum(alpha[s.start:s.end]) for s in sentences]
        for match in matches:
            # A match starts on a word character, inside a token: in the last sentence
            # starting at or before it.
            said = _what_is_said(sentences, words, bisect_right(starts, match.start) - 1)
            if said:
                brand_sents.setdefault(match.brand_id, set()).update(s.start for s in said)
            score = spans_score(said) if said else doc_score
            rows.add("mentions", doc_id=doc_id, brand_id=match.brand_id, matched_text=match.text,
                     start_char=match.start, end_char=match.end,
                     sentence=text[said[0].start_char:said[-1].end_char].strip() if said else None,
                     via="text",
                     sentiment=scorer.label(score), sentiment_score=score, **common)
        subject = doc.get("subject_brand")
        if subject:
            rows.add("mentions", doc_id=doc_id, brand_id=subject,
                     matched_text=self.brand_names.get(subject, subject), start_char=0, end_char=0,
                     sentence=text[sentences[0].start_char:sentences[0].end_char].strip() if sentences else None,
                     via="subject",
                     sentiment=scorer.label(doc_score), sentiment_score=doc_score, **common)

        for ent in found.entities:
            rows.add("entities", doc_id=doc_id, label=ent.label, text=ent.text, norm=ent.norm,
                     brand_id=ent.brand_id, start_char=ent.start, end_char=ent.end, **common)

        by_topic: dict[str, list[Span]] = {}
        for hit in found.topic_hits:
            by_topic.setdefault(hit.topic_id, []).append(hit.sentence)
        for topic_id, sents in by_topic.items():
            unique = list({s.start: s for s in sents}.values())
            score = spans_score(unique)
            rows.add("doc_topics", doc_id=doc_id, topic_id=topic_id, hits=len(sents),
                     sentiment=scorer.label(score), sentiment_score=score, **common)
            for brand_id, via, together in brand_topic_sentences(unique, brand_sents, subject):
                pair = spans_score(together)
                rows.add("brand_topics", doc_id=doc_id, brand_id=brand_id, topic_id=topic_id,
                         sentences=len(together), via=via, sentiment=scorer.label(pair),
                         sentiment_score=pair, **common)

        for phrase, count in found.keyphrases.items():
            rows.add("keyphrases", doc_id=doc_id, phrase=phrase, count=count, **common)


def brand_topic_sentences(topic_sents: list[Span], brand_sents: dict[str, set[int]],
                          subject: str | None) -> Iterator[tuple[str, str, list[Span]]]:
    """Yield (brand, via, sentences) for each brand a topic's sentences speak of.

    A brand and a topic go together in the sentences that name both; in a review of a brand
    (its subject), every sentence naming the topic speaks of that brand.
    """
    for brand_id in sorted(set(brand_sents) | ({subject} if subject else set())):
        if brand_id == subject:
            yield brand_id, "subject", topic_sents
            continue
        together = [s for s in topic_sents if s.start in brand_sents[brand_id]]
        if together:
            yield brand_id, "sentence", together


# A "sentence" of fewer alphabetic words than this that names a brand is a lead-in ("Orbis :",
# "@orbis"), and what is said of the brand is the next sentence. Set by reading the parser's
# splits of reviews: "Orbis : service client nul" came out as "Orbis :" + the rest.
LEAD_IN_WORDS = 3


def _what_is_said(sentences: list[Span], words: list[int], k: int) -> list[Span]:
    """Return the sentences that say something of a brand named in sentence `k` (of `sentences`,
    with `words` alphabetic words each): it, and after a lead-in the following ones until they
    hold LEAD_IN_WORDS words (three sentences at most)."""
    if k < 0:
        return []
    said, count = [sentences[k]], words[k]
    # the parser may also split the colon off: "Orbis" | ":" | "service client nul"
    for j in range(k + 1, len(sentences)):
        if count >= LEAD_IN_WORDS or len(said) == 4:
            break
        said.append(sentences[j])
        count += words[j]
    return said


def enrich(docs: pa.Table, settings: EnrichSettings, run_id: str) -> dict[str, pa.Table]:
    """Enrich `docs` with a one-off Enricher; build an Enricher yourself to reuse the pipelines."""
    return Enricher(settings).enrich(docs, run_id)


def iter_batches(table: pa.Table, size: int) -> Iterator[pa.Table]:
    """Yield slices of `table` of at most `size` rows, for callers that stream a big partition."""
    for offset in range(0, table.num_rows, size):
        yield table.slice(offset, size)
