from __future__ import annotations

from models import MODEL_VERSION
from models.schema import ENRICHED_SCHEMAS
from models.sentiment import LEXICON_VERSION
from tests.models.conftest import make_docs


def test_output_tables_match_the_lake_schemas(enricher):
    out = enricher.enrich(make_docs({"title": "Libre lance un forfait", "text": "Le réseau d'Orbis est lent."}), "run1")
    assert set(out) == set(ENRICHED_SCHEMAS)
    for name, table in out.items():
        assert table.schema.equals(ENRICHED_SCHEMAS[name]), name
    assert set(out["mentions"].column("run_id").to_pylist()) == {"run1"}
    assert out["doc_annotations"].column("model_version")[0].as_py() == enricher.model_version
    assert "fr_core_news_sm-3.8.0" in MODEL_VERSION and f"+{LEXICON_VERSION}+" in MODEL_VERSION


def test_language_routing_counts_unsupported_documents(enricher):
    before = enricher.stats["skipped_unsupported"]
    docs = make_docs(
        {"text": "Le service client de Nova est injoignable depuis trois jours."},
        {"text": "Nova's customer service has been unreachable for three days."},
        {"text": "Der Kundendienst von Nova ist seit drei Tagen nicht erreichbar."},
        {"text": "Merci Nova", "lang_hint": "fr"},
    )
    out = enricher.enrich(docs, "r")
    langs = dict(zip(out["doc_annotations"].column("doc_id").to_pylist(), out["doc_annotations"].column("lang").to_pylist()))
    assert langs == {"0": "fr", "1": "en", "2": "de", "3": "und"}
    assert enricher.stats["skipped_unsupported"] == before + 1
    mentioned = set(out["mentions"].column("doc_id").to_pylist())
    assert mentioned == {"0", "1", "3"}  # the German document gets nothing but its annotation


def test_subject_brand_adds_a_subject_mention_beside_text_mentions(enricher):
    docs = make_docs({"title": "Déçue", "text": "Hexa m'a coupé la ligne sans prévenir.", "subject_brand": "hexa"})
    rows = enricher.enrich(docs, "r")["mentions"].to_pylist()
    assert sorted(r["via"] for r in rows) == ["subject", "text"]
    subject = next(r for r in rows if r["via"] == "subject")
    assert (subject["matched_text"], subject["start_char"], subject["end_char"]) == ("Hexa Télécom", 0, 0)
    assert subject["sentence"] == "Déçue"


def test_mention_sentiment_comes_from_its_sentence(enricher):
    text = "Le réseau d'Orbis est excellent. Le service client de Nova est catastrophique."
    rows = enricher.enrich(make_docs({"text": text}), "r")["mentions"].to_pylist()
    by_brand = {r["brand_id"]: r for r in rows}
    assert by_brand["orbis"]["sentiment"] == "positive"
    assert by_brand["nova"]["sentiment"] == "negative"
    assert text[by_brand["nova"]["start_char"] : by_brand["nova"]["end_char"]] == "Nova"


def test_topics_match_lemmas_and_multiword_terms(enricher):
    text = "Les tarifs augmentent. Le service client ne répond pas. Les forfaits sont trop chers."
    rows = enricher.enrich(make_docs({"text": text}), "r")["doc_topics"].to_pylist()
    hits = {r["topic_id"]: r["hits"] for r in rows}
    assert hits == {"prix": 3, "service_client": 1}  # tarifs, forfaits, chers on lemmas
    assert all(r["sentiment"] == "negative" for r in rows)


def test_a_brand_named_as_a_lead_in_takes_the_sentiment_of_what_follows(enricher):
    # the parser splits "Orbis" | ":" | "service client nul..." into three sentences
    rows = enricher.enrich(make_docs({"text": "Orbis : service client nul, trois semaines de panne."}),
                           "r")["mentions"].to_pylist()
    assert [(r["sentiment"], r["sentence"]) for r in rows] == [
        ("negative", "Orbis : service client nul, trois semaines de panne.")]


def test_brand_topic_sentiment_comes_from_the_sentences_naming_both(enricher):
    text = "Le réseau d'Orbis est excellent. Les tarifs de Nova sont scandaleux, une arnaque."
    rows = enricher.enrich(make_docs({"text": text}), "r")["brand_topics"].to_pylist()
    pairs = {(r["brand_id"], r["topic_id"]): r["sentiment"] for r in rows}
    # Orbis is not paired with prices, nor Nova with the network: they share no sentence
    assert pairs == {("orbis", "reseau"): "positive", ("nova", "prix"): "negative"}


def test_a_review_pairs_its_brand_with_every_topic_it_names(enricher):
    text = "Débit décevant le soir. Mais le conseiller a été vraiment génial et patient."
    rows = enricher.enrich(make_docs({"text": text, "subject_brand": "hexa"}), "r")["brand_topics"].to_pylist()
    pairs = {(r["brand_id"], r["topic_id"]): (r["via"], r["sentiment"]) for r in rows}
    assert pairs == {("hexa", "reseau"): ("subject", "negative"), ("hexa", "service_client"): ("subject", "positive")}


def test_keyphrases_are_lemmatised_and_cleaned(enricher):
    text = "Les nouveaux forfaits arrivent. Le nouveau forfait arrive demain. Cliquez ici. Voir https://x.example/a 2024."
    rows = enricher.enrich(make_docs({"text": text}), "r")["keyphrases"].to_pylist()
    phrases = {r["phrase"]: r["count"] for r in rows}
    assert phrases.get("nouveau forfait") == 2
    assert not any("cliquez" in p or "http" in p or p.isdigit() for p in phrases)


def test_the_pipeline_annotates_as_the_installed_package_does(fr_nlp):
    # Veille's components must not change what the statistical ones see: folding the norms
    # before tok2vec tagged "Très" PRON and "êtes" PROPN (the installed package: ADV, AUX).
    import spacy

    texts = ["Très déçu par Orbis, vous êtes injoignables depuis lundi.",
             "L’Élysée et Orbis Télécom : ça marche enfin, le débit a doublé à Lyon."]
    bare = spacy.load("fr_core_news_sm")
    for ours, theirs in zip(fr_nlp.pipe(texts), bare.pipe(texts)):
        assert ([(t.pos_, t.dep_, t.head.i, t.lemma_) for t in ours]
                == [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in theirs])
        assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in theirs.ents]


def test_noun_chunks_read_from_arrays_are_spacys(fr_nlp, en_nlp):
    # keyphrases re-implements spaCy's French and English noun_chunks over arrays: same chunks.
    import json
    from pathlib import Path

    from models.keyphrases import noun_chunk_bounds

    root = Path(__file__).resolve().parents[2] / "models/eval"
    for nlp, lang in ((fr_nlp, "fr"), (en_nlp, "en")):
        lines = (root / f"brands_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
        texts = [json.loads(line)["text"] for line in lines if line]
        chunks = 0
        for doc in nlp.pipe(texts):
            expected = [(c.start, c.end) for c in doc.noun_chunks]
            assert list(noun_chunk_bounds(doc)) == expected, doc.text
            chunks += len(expected)
        assert chunks > len(texts)  # the sets hold more chunks than sentences
