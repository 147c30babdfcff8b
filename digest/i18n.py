"""Format numbers, percentages and dates, and hold the digest's wording, per language."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LANGUAGES = ("fr", "en")

_MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}

_SHORT_MONTHS = {
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

# French typography: decimal comma, narrow no-break space between thousands,
# no-break space before "%" so that a line never starts with the sign.
_NBSP = "\u00a0"
_NNBSP = "\u202f"

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Veille {watch} : {period}",
        "subject": "Veille {watch} : {period}",
        "period_week": "semaine du {start} au {end}",
        "period_day": "{day}",
        "on_day": "le {day}",
        "day_range": "du {start} au {end}",
        "previous_week": "la semaine précédente",
        "previous_day": "la veille",
        "headlines": "Ce qui a changé",
        "no_headline": "Aucun changement significatif sur la période.",
        "sov_up": "{brand} gagne en part de voix : {share} contre {previous} {previous_period} "
                  "(intervalle à 95 % : {low} à {high}, {mentions} mentions).",
        "sov_down": "{brand} perd de la part de voix : {share} contre {previous} {previous_period} "
                    "(intervalle à 95 % : {low} à {high}, {mentions} mentions).",
        "burst": "Pic sur « {term} »{brand} : {count} mentions {when}, "
                 "pour {expected} attendues (score {score}){tone}.",
        "burst_tone": ", dont {negative} de messages négatifs",
        "burst_cause": "Cause probable : {cause}",
        "rating_drop": "Note en baisse pour {brand} sur {source} : {rating} sur 5 contre {previous} "
                       "{previous_period} ({reviews} avis, {negative} de négatifs).",
        "about_brand": " pour {brand}",
        "sov_chart": "Part de voix dans le temps",
        "sov_chart_alt": "Courbes de part de voix par marque. Dernière période : {values}.",
        "sentiment": "Sentiment net par marque",
        "sentiment_alt": "Barres du sentiment net par marque : {values}.",
        "rising": "Sujets montants",
        "no_rising": "Aucun sujet montant.",
        "competitor_posts": "Publications les plus engageantes des concurrents",
        "no_posts": "Aucune publication sur la période.",
        "reviews": "Avis clients",
        "no_reviews": "Aucun avis sur la période.",
        "failed": "Sources en échec ou silencieuses",
        "silent": "aucun nouveau document lors des {n} dernières collectes ({start} – {end})",
        "topic_sentiment": "Sentiment net par sujet",
        "no_topic_sentiment": "Aucun sujet détecté sur la période.",
        "topic": "Sujet", "documents": "Documents",
        "audience": "Croissance de l'audience",
        "no_audience": "Aucune mesure d'audience sur la période.",
        "followers": "Abonnés", "growth": "Croissance",
        "bad_buzz": "Alertes bad buzz",
        "no_bad_buzz": "Aucun pic négatif sur la période.",
        "bad_buzz_line": "{brand} : « {term} », {negative} de messages négatifs, "
                         "premier document le {day}.",
        "answered": "Première réponse publique {delay} après ({how}).",
        "not_answered": "Pas encore de réponse.",
        "answer_owned": "publication sur ses propres canaux",
        "answer_reply": "réponse à un avis",
        "days": "{n} j",
        "footer": "Métriques version {version}. Généré le {generated}.",
        "brand": "Marque", "share": "Part de voix", "interval": "Intervalle 95 %",
        "mentions": "Mentions", "positive": "Positifs", "negative": "Négatifs",
        "neutral": "Neutres", "net": "Sentiment net", "source": "Source",
        "count_reviews": "Avis", "rating": "Note /5", "change": "Évolution",
        "share_negative": "Négatifs", "response_rate": "Taux de réponse",
        "response_time": "Délai de réponse médian", "hours": "{n} h",
        "engagement": "{n} interactions", "owned": "publié par {brand}",
        "earned": "mentionne {brand}", "burst_flag": "pic", "score": "score {score}",
        "kind_topic": "sujet", "kind_keyphrase": "expression", "kind_entity": "entité",
        "untitled": "(sans titre)", "all_brands": "toutes marques", "none": "–",
    },
    "en": {
        "title": "Veille {watch}: {period}",
        "subject": "Veille {watch}: {period}",
        "period_week": "week of {start} to {end}",
        "period_day": "{day}",
        "on_day": "on {day}",
        "day_range": "from {start} to {end}",
        "previous_week": "the week before",
        "previous_day": "the day before",
        "headlines": "What changed",
        "no_headline": "No significant change in the period.",
        "sov_up": "{brand} gains share of voice: {share} against {previous} {previous_period} "
                  "(95% interval: {low} to {high}, {mentions} mentions).",
        "sov_down": "{brand} loses share of voice: {share} against {previous} {previous_period} "
                    "(95% interval: {low} to {high}, {mentions} mentions).",
        "burst": "Burst on “{term}”{brand}: {count} mentions {when}, "
                 "against {expected} expected (score {score}){tone}.",
        "burst_tone": ", {negative} of them negative",
        "burst_cause": "Likely cause: {cause}",
        "rating_drop": "{brand}'s rating on {source} falls: {rating} out of 5 against {previous} "
                       "{previous_period} ({reviews} reviews, {negative} negative).",
        "about_brand": " for {brand}",
        "sov_chart": "Share of voice over time",
        "sov_chart_alt": "Share of voice lines per brand. Latest period: {values}.",
        "sentiment": "Net sentiment by brand",
        "sentiment_alt": "Bars of net sentiment per brand: {values}.",
        "rising": "Rising topics",
        "no_rising": "No rising topic.",
        "competitor_posts": "Competitors' most engaging posts",
        "no_posts": "No post in the period.",
        "reviews": "Customer reviews",
        "no_reviews": "No review in the period.",
        "failed": "Failed or silent sources",
        "silent": "no new document in the last {n} runs ({start} – {end})",
        "topic_sentiment": "Net sentiment by topic",
        "no_topic_sentiment": "No topic detected in the period.",
        "topic": "Topic", "documents": "Documents",
        "audience": "Audience growth",
        "no_audience": "No audience measure in the period.",
        "followers": "Followers", "growth": "Growth",
        "bad_buzz": "Bad-buzz alerts",
        "no_bad_buzz": "No negative burst in the period.",
        "bad_buzz_line": "{brand}: “{term}”, {negative} of messages negative, "
                         "first document on {day}.",
        "answered": "First public answer {delay} later ({how}).",
        "not_answered": "No answer yet.",
        "answer_owned": "post on its own channels",
        "answer_reply": "review reply",
        "days": "{n} d",
        "footer": "Metrics version {version}. Generated on {generated}.",
        "brand": "Brand", "share": "Share of voice", "interval": "95% interval",
        "mentions": "Mentions", "positive": "Positive", "negative": "Negative",
        "neutral": "Neutral", "net": "Net sentiment", "source": "Source",
        "count_reviews": "Reviews", "rating": "Rating /5", "change": "Change",
        "share_negative": "Negative", "response_rate": "Response rate",
        "response_time": "Median response time", "hours": "{n} h",
        "engagement": "{n} interactions", "owned": "posted by {brand}",
        "earned": "mentions {brand}", "burst_flag": "burst", "score": "score {score}",
        "kind_topic": "topic", "kind_keyphrase": "phrase", "kind_entity": "entity",
        "untitled": "(untitled)", "all_brands": "all brands", "none": "–",
    },
}


@dataclass(frozen=True)
class Locale:
    """Number, percentage and date formatting plus wording for one language."""

    language: str

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"unsupported digest language {self.language!r}: use one of {LANGUAGES}")

    def t(self, key: str, **values: object) -> str:
        """Return the wording for ``key`` with ``values`` substituted."""
        return LABELS[self.language][key].format(**values)

    def number(self, value: float | None, digits: int = 0) -> str:
        """Format a number with this language's separators; '–' for None."""
        if value is None:
            return LABELS[self.language]["none"]
        text = f"{value:,.{digits}f}"
        if self.language == "fr":
            text = text.replace(",", _NNBSP).replace(".", ",")
        return text

    def signed(self, value: float | None, digits: int = 2) -> str:
        """Format a number with an explicit sign (+0,12 / −0,30)."""
        if value is None:
            return self.number(None)
        text = self.number(abs(value), digits)
        return ("+" if value >= 0 else "\u2212") + text

    def percent(self, ratio: float | None, digits: int = 1) -> str:
        """Format a 0..1 ratio as a percentage ("34,2 %" in French, "34.2%" in English)."""
        if ratio is None:
            return self.number(None)
        text = self.number(ratio * 100, digits)
        return f"{text}{_NBSP}%" if self.language == "fr" else f"{text}%"

    def signed_percent(self, ratio: float | None, digits: int = 1) -> str:
        """Format a 0..1 ratio as a signed percentage ("+12,5 %" / "−3.1%")."""
        if ratio is None:
            return self.number(None)
        text = self.percent(abs(ratio), digits)
        return ("+" if ratio >= 0 else "\u2212") + text

    def duration(self, hours: float | None) -> str:
        """Format a delay in hours ("6 h", "2,5 h"), in days from 48 hours ("3 j" / "3 d")."""
        if hours is None:
            return self.number(None)
        key, value = ("days", hours / 24) if hours >= 48 else ("hours", hours)
        # One decimal below 10 ("2,5 h"), none when it would read ",0" or above 10.
        digits = 0 if value >= 10 or round(value, 1) == round(value) else 1
        return self.t(key, n=self.number(value, digits))

    def day(self, value: date) -> str:
        """Format a date in full ("22 novembre 2026" / "22 November 2026")."""
        first = "1er" if self.language == "fr" and value.day == 1 else str(value.day)
        return f"{first} {_MONTHS[self.language][value.month - 1]} {value.year}"

    def short_day(self, value: date) -> str:
        """Format a date without the year, for chart axes ("22 nov." / "22 Nov")."""
        return f"{value.day} {_SHORT_MONTHS[self.language][value.month - 1]}"

    def _range_start(self, start: date, end: date) -> str:
        # "du 16 au 22 novembre 2026", not "du 16 novembre 2026 au 22 novembre 2026"
        first = self.day(start)
        if start.year == end.year:
            first = first.rsplit(" ", 2 if start.month == end.month else 1)[0]
        return first

    def period(self, kind: str, start: date, end: date) -> str:
        """Name the reported period ("semaine du 16 au 22 novembre 2026")."""
        if kind == "day":
            return self.t("period_day", day=self.day(start))
        return self.t("period_week", start=self._range_start(start, end), end=self.day(end))

    def when(self, start: date, end: date) -> str:
        """Say when something happened ("le 21 novembre 2026", "du 20 au 21 novembre 2026")."""
        if start == end:
            return self.t("on_day", day=self.day(start))
        return self.t("day_range", start=self._range_start(start, end), end=self.day(end))
