"""Generate the fictional French telecom market, planted signals included, from a fixed seed.

Every random draw depends on the seed only, never on run_date: the run date only
anchors day offsets to calendar days, so signals.json holds for any run date.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from demo import texts as T
from demo.model import (
    BRAND_IDS,
    TOPICS,
    Account,
    Article,
    BskyPost,
    Doc,
    ForumPost,
    Market,
    Review,
    Status,
    Thread,
)

PARIS = ZoneInfo("Europe/Paris")
DAYS = 28  # offsets -27 .. 0
# Target earned share of voice (design brief); base documents are dealt to reach it.
SOV_TARGET = {"orbis": 0.34, "nova": 0.28, "hexa": 0.22, "libre": 0.16}
REVIEW_COUNTS = {"nova": 100, "orbis": 118, "hexa": 80, "libre": 60}
REPLY_RATE = {"nova": 0.75, "orbis": 0.65, "hexa": 0.7, "libre": 0.08}
# Rating pools: their means are the planted averages (libre 4.0 early, 2.3 in the last week).
RATINGS = {"nova": (5, 4, 4, 5, 3, 4, 2, 5), "orbis": (4, 3, 2, 5, 3, 4, 1, 3), "hexa": (4, 5, 3, 4, 2, 4, 3, 5)}
LIBRE_EARLY, LIBRE_MID, LIBRE_LATE = (5, 4, 4, 3, 4, 5, 4, 3), (3, 4, 2, 3, 4, 3), (1, 2, 3, 2, 1, 3, 4, 2, 3, 2)
SENTIMENT_MIX = {"nova": (0.45, 0.2), "orbis": (0.3, 0.35), "libre": (0.35, 0.3), "hexa": (0.35, 0.3)}
BURST_PER_DAY = {-1: 19, 0: 23}
PROMO_PER_DAY = {-10: 12, -9: 9, -8: 7}
PROMO_DAY = -10
NOISE_DOCS = 48
MASTO_BRANDS = {"nova": ("novamobile", "Nova Mobile", 12000, 0.30), "orbis": ("orbis", "Orbis Télécom", 21000, 0.0),
                "libre": ("libremobile", "Libre Mobile", 6500, 0.0), "hexa": ("hexatelecom", "Hexa Télécom", 9000, 0.0)}
MASTO_DOMAIN = "mastodon.demo"
BSKY_SUFFIX = ".bsky.demo"
PUBLIC_BSKY = ("conso-mobile", "geek-telecom", "lea-tech", "reseaux-info", "karim-dev", "fil-actu")
_B32 = "234567abcdefghijklmnopqrstuvwxyz"
_MASTO_EPOCH_MS = 1_730_000_000_000  # fixed so ids do not depend on run_date


class _Gen:
    """Build one market; holds the rng and the running counters."""

    def __init__(self, run_date: date, seed: int) -> None:
        self.m = Market(run_date=run_date, seed=seed)
        self.rng = random.Random(seed)
        self.seq = 0

    # --- time and ids -------------------------------------------------------------------
    def at(self, day: int, secs: int) -> datetime:
        """Turn a day offset and local seconds into a UTC timestamp."""
        local = datetime.combine(self.m.run_date + timedelta(days=day), time()) + timedelta(seconds=secs)
        return local.replace(tzinfo=PARIS).astimezone(UTC)

    def daytime(self, lo: int = 7, hi: int = 22) -> int:
        """Draw local seconds within Paris daytime hours."""
        return self.rng.randint(lo * 3600, hi * 3600 + 3599)

    def masto_id(self, day: int, secs: int) -> int:
        """Return a snowflake-like id that sorts by time, independent of run_date."""
        self.seq += 1
        ms = _MASTO_EPOCH_MS + ((day + DAYS) * 86400 + secs) * 1000 + self.seq % 1000
        return (ms << 16) | (self.seq % 65536)

    def rkey(self, day: int, secs: int) -> str:
        """Return a Bluesky TID (13 base32-sortable chars) that sorts by time."""
        self.seq += 1
        n = ((_MASTO_EPOCH_MS + ((day + DAYS) * 86400 + secs) * 1000) * 1000 << 10) | (self.seq % 1024)
        return "".join(_B32[(n >> (5 * i)) & 31] for i in reversed(range(13)))

    # --- accounts -----------------------------------------------------------------------
    def accounts(self) -> None:
        """Create brand and public accounts with a follower count per day."""
        rng = self.rng
        for i, (bid, (user, name, start, growth)) in enumerate(MASTO_BRANDS.items(), 1):
            self.m.accounts.append(Account(platform="mastodon", id=str(i), username=user, display_name=name,
                                           brand=bid, followers=self.curve(start, growth), following=rng.randint(40, 300),
                                           prior_posts=rng.randint(800, 3000), note=f"Compte officiel {name}"))
            self.m.accounts.append(Account(platform="bluesky", id=_did(user), username=user + BSKY_SUFFIX,
                                           display_name=name, brand=bid, followers=self.curve(start // 3, 0.0),
                                           following=rng.randint(10, 100), prior_posts=rng.randint(200, 900)))
        for i in range(40):
            user = f"{T.slugify(rng.choice(T.FIRST_NAMES))}{rng.randint(10, 99)}_{i}"
            self.m.accounts.append(Account(platform="mastodon", id=str(100 + i), username=user,
                                           display_name=T.person(rng), brand=None,
                                           followers=[rng.randint(20, 4000)] * DAYS,
                                           following=rng.randint(20, 600), prior_posts=rng.randint(10, 5000)))
        for handle in PUBLIC_BSKY:
            self.m.accounts.append(Account(platform="bluesky", id=_did(handle), username=handle + BSKY_SUFFIX,
                                           display_name=T.person(rng), brand=None,
                                           followers=[rng.randint(100, 9000)] * DAYS,
                                           following=rng.randint(50, 500), prior_posts=rng.randint(50, 2000)))

    def curve(self, start: int, growth: float) -> list[int]:
        """Return daily follower counts: linear growth, or a flat walk kept within ±3 %."""
        if growth:
            return [round(start * (1 + growth * i / (DAYS - 1))) + self.rng.randint(-15, 15) * (0 < i < DAYS - 1)
                    for i in range(DAYS)]
        out, cur = [], float(start)
        for _ in range(DAYS):
            cur = min(max(cur * (1 + self.rng.uniform(-0.003, 0.003)), start * 0.98), start * 1.02)
            out.append(round(cur))
        return out

    def public(self, platform: str) -> list[Account]:
        """List the public (non-brand) accounts of a platform."""
        return [a for a in self.m.accounts if a.platform == platform and a.brand is None]

    # --- documents ----------------------------------------------------------------------
    def body(self, lang: str, topic: str, sentiment: str, brands: tuple[str, ...], social: bool,
             first: str | None = None) -> str:
        """Compose a text; `first` replaces the generated opener when a signal dictates it."""
        if first is None:
            return T.compose(self.rng, lang, topic, sentiment, brands, social)
        parts = [first]
        if len(brands) > 1:
            parts.append(T.fill(self.rng, self.rng.choice(T.COMPARE[lang]), brands[1], brands[0], social))
        parts += [T.detail(self.rng, lang, topic, sentiment), T.closer(self.rng, lang, sentiment)]
        return " ".join(parts)

    def earned(self, channel: str, day: int, brands: tuple[str, ...], topic: str, sentiment: str,
               lang: str, first: str | None = None, tags: tuple[str, ...] = (), text: str | None = None) -> Doc:
        """Create one earned document on a channel (news, mastodon, bluesky, forum)."""
        rng = self.rng
        social = channel in ("mastodon", "bluesky")
        text = text if text is not None else self.body(lang, topic, sentiment, brands, social, first)
        common = {"day": day, "lang": lang, "brands": brands, "topic": topic, "sentiment": sentiment, "tags": tags}
        if channel == "news":
            secs = self.daytime(6, 20)
            n = len(self.m.news) + 1
            title_brand = brands[0] if brands else None
            if lang == "en":
                title = T.fill(rng, rng.choice(T.NEWS_EN_TITLES), title_brand) if title_brand else "Free software in telecoms"
            elif title_brand:
                title = T.fill(rng, rng.choice(T.NEWS_TITLES[topic]), title_brand)
            else:
                title = "Logiciel libre et télécoms : le point"
            paras = [rng.choice(T.NEWS_LEADS), text]
            paras += [T.compose(rng, lang, topic, sentiment, (b,)) for b in brands[1:]]
            paras.append(T.detail(rng, lang, topic, sentiment) if topic else rng.choice(T.NEWS_LEADS))
            slug = f"{n:04d}-{T.slugify(title)}"
            doc = Article(key=f"news:{n}", source_type="news", at=self.at(day, secs), text="\n\n".join(paras),
                          title=title, site="actu-telecom", slug=slug, summary=paras[1].split(". ")[0][:200],
                          paragraphs=paras, author=T.person(rng), path=f"/actu-telecom/articles/{slug}", **common)
            self.m.news.append(doc)
        elif channel == "mastodon":
            acc = rng.choice(self.public("mastodon"))
            secs = self.daytime()
            sid = self.masto_id(day, secs)
            text = f"{text} #telecoms" + (" #5G" if topic == "reseau" and rng.random() < 0.4 else "")
            doc = Status(key=f"masto:{sid}", source_type="mastodon", at=self.at(day, secs), text=text, id=sid,
                         account=acc.username, favourites=rng.randint(0, 40), reblogs=rng.randint(0, 12),
                         replies=rng.randint(0, 6), hashtags=_tags(text),
                         path=f"/mastodon/@{acc.username}/{sid}", **common)
            targets = [s for s in self.m.statuses if s.owner in brands and s.at < doc.at and s.reblog_of is None]
            if targets and rng.random() < 0.15:
                doc.in_reply_to = rng.choice(targets[-10:]).id
            self.m.statuses.append(doc)
        elif channel == "bluesky":
            acc = rng.choice(self.public("bluesky"))
            secs = self.daytime()
            rk = self.rkey(day, secs)
            doc = BskyPost(key=f"bsky:{acc.username}:{rk}", source_type="bluesky", at=self.at(day, secs),
                           text=text[:300], rkey=rk, handle=acc.username, likes=rng.randint(0, 60),
                           reposts=rng.randint(0, 15), replies=rng.randint(0, 8), quotes=rng.randint(0, 3),
                           path=f"/bsky/profile/{acc.username}/post/{rk}", **common)
            self.m.bsky_posts.append(doc)
        else:
            doc = self.thread(day, text, sentiment, lang, common)
        return doc

    def thread(self, day: int, text: str, sentiment: str, lang: str, common: dict, private: bool = False) -> Thread:
        """Create a forum thread: an opening post and a few same-day replies."""
        rng = self.rng
        secs = self.daytime(7, 19)
        posts = [ForumPost(author=T.person(rng), at=self.at(day, secs), text=text)]
        for _ in range(rng.randint(1, 4)):
            secs += rng.randint(600, 3600)
            reply = T.fill(rng, rng.choice(T.FORUM_REPLIES[sentiment])) if lang == "fr" else T.closer(rng, "en", sentiment)
            posts.append(ForumPost(author=T.person(rng), at=self.at(day, secs), text=reply))
        n = len(self.m.threads) + 1
        title = text.split(". ")[0].split(" ! ")[0].rstrip(".!")[:80]
        slug = f"{n}-{T.slugify(title)}"
        prefix = "/forum/private/t/" if private else "/forum/t/"
        doc = Thread(key=f"forum:{n}", source_type="forum", at=posts[0].at, text="\n\n".join(p.text for p in posts),
                     title=title, number=n, slug=slug, posts=posts, private=private, path=prefix + slug, **common)
        self.m.threads.append(doc)
        return doc

    def reviews(self) -> None:
        """Create each brand's reviews, ratings and company replies."""
        rng = self.rng
        for bid in BRAND_IDS:
            made = []
            for _ in range(REVIEW_COUNTS[bid]):
                day = rng.randint(-DAYS + 1, 0)
                if bid == "libre":
                    pool = LIBRE_EARLY if day <= -14 else LIBRE_LATE if day >= -6 else LIBRE_MID
                else:
                    pool = RATINGS[bid]
                rating = rng.choice(pool)
                sentiment = "positive" if rating >= 4 else "negative" if rating <= 2 else "neutral"
                lang = "en" if rng.random() < 0.08 else "fr"
                topic = rng.choice(list(TOPICS))
                if rng.random() < 0.5:
                    text = T.compose(rng, lang, topic, sentiment, (bid,))
                else:
                    text = f"{T.detail(rng, lang, topic, sentiment)} {T.closer(rng, lang, sentiment)}"
                author = T.person(rng)
                at = self.at(day, self.daytime())
                reply_text = reply_at = None
                if rng.random() < REPLY_RATE[bid]:
                    reply_at = at + timedelta(hours=rng.uniform(2, 48))
                    tpl = rng.choice(T.REPLIES_EN if lang == "en" else T.REPLIES_FR)
                    reply_text = tpl.format(name=author.split()[0])
                made.append(Review(key="", source_type="review", day=day, at=at, lang=lang, text=text,
                                   title=rng.choice(T.REVIEW_TITLES[lang][sentiment]), brands=(bid,), topic=topic,
                                   sentiment=sentiment, subject=bid, number=0, author=author, rating=rating,
                                   reply_text=reply_text, reply_at=reply_at))
            made.sort(key=lambda r: r.at)
            for i, r in enumerate(made, 1):
                r.number, r.key, r.path = i, f"review:{bid}:{i}", f"/avis/entreprise/{bid}#avis-{i}"
            self.m.reviews[bid] = made
        # The escaping probe: a recent nova review (first page) carrying a script tag.
        probe = self.m.reviews["nova"][-3]
        probe.text = "L'appli plante sur la page facture <script>alert('x')</script> mais le réseau Nova est correct."
        probe.tags = ("xss",)

    def planted(self) -> None:
        """Plant the burst, its baseline, the promotion wave and the common-word noise."""
        rng = self.rng
        for day in range(-DAYS + 1, -1):
            for _ in range(rng.choice((1, 1, 2, 2, 2))):
                ch = rng.choice(("mastodon", "mastodon", "bluesky", "forum", "news"))
                first = T.fill(rng, rng.choice(T.BASELINE_FR), "orbis", social=ch in ("mastodon", "bluesky"))
                self.earned(ch, day, ("orbis",), "reseau", "negative", "fr", first, ("burst_baseline",))
        for day, count in BURST_PER_DAY.items():
            for _ in range(count):
                ch = rng.choices(("mastodon", "bluesky", "forum", "news"), (9, 4, 5, 2))[0]
                lang = "en" if rng.random() < 0.1 else "fr"
                pool = T.BURST_EN if lang == "en" else T.BURST_FR
                first = T.fill(rng, rng.choice(pool), "orbis", social=ch in ("mastodon", "bluesky"))
                self.earned(ch, day, ("orbis",), "reseau", "negative", lang, first, ("burst",))
        for day, count in PROMO_PER_DAY.items():
            for _ in range(count):
                ch = rng.choices(("mastodon", "bluesky", "forum", "news"), (5, 3, 3, 1))[0]
                lang = "en" if rng.random() < 0.1 else "fr"
                pool = T.PROMO_EARNED_EN if lang == "en" else T.PROMO_EARNED_FR
                first = T.fill(rng, rng.choice(pool), "hexa", social=ch in ("mastodon", "bluesky"))
                self.earned(ch, day, ("hexa",), "prix", "positive", lang, first, ("promo",))
        for _ in range(NOISE_DOCS):
            ch = rng.choices(("mastodon", "forum", "news", "bluesky"), (5, 4, 2, 1))[0]
            day = rng.randint(-DAYS + 1, 0)
            noise = rng.sample(T.NOISE_FR, 2)
            other = rng.choice(("nova", "orbis", "hexa")) if rng.random() < 0.5 else None
            brands = (other,) if other else ()
            topic = rng.choice([t for t in TOPICS if not (other == "orbis" and t == "reseau")])
            sentiment = rng.choice(("positive", "negative", "neutral"))
            text = " ".join(noise)
            if other:
                text += " " + T.compose(rng, "fr", topic, sentiment, brands, ch in ("mastodon", "bluesky"))
            self.earned(ch, day, brands, topic if other else None, sentiment, "fr", tags=("noise",), text=text)

    def base(self) -> None:
        """Deal everyday earned documents so that share of voice lands on its targets."""
        rng = self.rng
        plan = []  # (channel, day, slots, lang)
        for day in range(-DAYS + 1, 1):
            for ch, per_day, p2, p3 in (("news", 3, 0.35, 0.15), ("mastodon", 14, 0.15, 0), ("bluesky", 7, 0.1, 0),
                                        ("forum", 5, 0.15, 0)):
                for _ in range(per_day):
                    u = rng.random()
                    slots = 3 if u < p3 else 2 if u < p3 + p2 else 1
                    plan.append((ch, day, slots, "en" if rng.random() < 0.11 else "fr"))
        fixed = {b: 0 for b in BRAND_IDS}
        for d in self.m.documents():
            for b in d.brands if d.earned else ():
                fixed[b] += 1
        k = sum(p[2] for p in plan)
        total = k + sum(fixed.values())
        need = {b: max(0.0, SOV_TARGET[b] * total - fixed[b]) for b in BRAND_IDS}
        scale = k / sum(need.values())
        counts = {b: int(need[b] * scale) for b in BRAND_IDS}
        for b in sorted(BRAND_IDS, key=lambda b: need[b] * scale - counts[b], reverse=True)[: k - sum(counts.values())]:
            counts[b] += 1
        bag = [b for b in BRAND_IDS for _ in range(counts[b])]
        rng.shuffle(bag)
        for ch, day, slots, lang in plan:
            brands: list[str] = []
            while len(brands) < slots:
                i = next((j for j, b in enumerate(bag) if b not in brands), None)
                if i is None:
                    break
                brands.append(bag.pop(i))
            topics = [t for t in TOPICS if not ("orbis" in brands and t == "reseau")]
            topic = rng.choice(topics)
            pos, neg = SENTIMENT_MIX[brands[0]]
            u = rng.random()
            sentiment = "positive" if u < pos else "negative" if u < pos + neg else "neutral"
            self.earned(ch, day, tuple(brands), topic, sentiment, lang)

    def owned(self) -> None:
        """Create the brands' blogs and account posts, including the planted answers."""
        rng = self.rng
        for bid in BRAND_IDS:
            self.m.blogs[bid] = []
            for day in range(-DAYS + 1 + rng.randint(0, 2), 1, 3):
                lang = "en" if rng.random() < 0.12 else "fr"
                topic = rng.choice(list(TOPICS))
                self.blog(bid, day, lang, topic, rng.choice(("positive", "neutral")))
            for _ in range(40):
                day = rng.randint(-DAYS + 1, 0)
                lang = "en" if rng.random() < 0.1 else "fr"
                topic = rng.choice(list(TOPICS))
                text = T.compose(rng, lang, topic, rng.choice(("positive", "neutral")), (bid,), True)
                self.brand_status(bid, day, self.daytime(8, 19), text, lang, topic=topic)
            for _ in range(25):
                day = rng.randint(-DAYS + 1, 0)
                lang = "en" if rng.random() < 0.1 else "fr"
                topic = rng.choice(list(TOPICS))
                text = T.compose(rng, lang, topic, rng.choice(("positive", "neutral")), (bid,), True)
                self.brand_post(bid, day, self.daytime(8, 19), text, lang, topic=topic)
        # Orbis acknowledges the outage some hours after the burst starts (day -1, morning).
        ack = ("Incident réseau Orbis : une panne affecte la 4G et la 5G dans plusieurs régions. "
               "Nos équipes sont mobilisées pour rétablir le réseau au plus vite. Toutes nos excuses.")
        self.blog("orbis", -1, "fr", "reseau", "neutral", title="Incident réseau : nos équipes mobilisées",
                  first=ack, tags=("outage_reply",), secs=15 * 3600 + 30 * 60)
        self.brand_status("orbis", -1, 14 * 3600, ack + " #telecoms", "fr", ("outage_reply",), "reseau")
        self.brand_post("orbis", -1, 14 * 3600 + 600, ack, "fr", ("outage_reply",), "reseau")
        self.brand_status("orbis", 0, 11 * 3600, "Point de situation Orbis Télécom : le réseau est rétabli à 80 %. "
                          "Merci de votre patience. #telecoms", "fr", ("outage_reply",), "reseau")
        promo = f"Hexa Télécom : {T.PROMO_OWNED_FR}"
        self.blog("hexa", PROMO_DAY, "fr", "prix", "positive", title="Promo : -50 % sur le forfait 5G",
                  first=promo, tags=("promo",), secs=9 * 3600)
        self.brand_status("hexa", PROMO_DAY, 9 * 3600 + 900, promo + " #promo #telecoms", "fr", ("promo",), "prix")
        self.brand_post("hexa", PROMO_DAY, 9 * 3600 + 1200, promo, "fr", ("promo",), "prix")

    def boosts(self) -> None:
        """Let each brand boost a few positive public statuses that name it."""
        rng = self.rng
        for bid in BRAND_IDS:
            liked = [s for s in self.m.statuses if s.owner is None and bid in s.brands and s.sentiment == "positive"]
            for s in rng.sample(liked, min(3, len(liked))):
                secs = int((s.at.astimezone(PARIS) - datetime.combine(s.at.astimezone(PARIS).date(), time(),
                                                                       PARIS)).total_seconds())
                self.brand_status(bid, s.day, min(secs + 1800, 86399), "", s.lang, reblog_of=s.id)

    def blog(self, bid: str, day: int, lang: str, topic: str, sentiment: str, title: str | None = None,
             first: str | None = None, tags: tuple[str, ...] = (), secs: int | None = None) -> None:
        """Create one blog article of a brand."""
        rng = self.rng
        n = len(self.m.blogs[bid]) + 1
        if title is None:
            title = T.fill(rng, rng.choice(T.BLOG_EN_TITLES if lang == "en" else T.BLOG_TITLES[topic]))
        paras = [first or T.sentence(rng, lang, topic, sentiment, bid)]
        paras += [f"{T.detail(rng, lang, topic, sentiment)} {T.detail(rng, lang, topic, sentiment)}"
                  for _ in range(rng.randint(2, 4))]
        paras.append(T.closer(rng, lang, sentiment))
        slug = f"{n:03d}-{T.slugify(title)}"
        self.m.blogs[bid].append(Article(
            key=f"blog:{bid}:{n}", source_type="blog", day=day, at=self.at(day, secs or self.daytime(8, 18)),
            lang=lang, text="\n\n".join(paras), title=title, brands=(bid,), owner=bid, topic=topic,
            sentiment=sentiment, tags=tags, path=f"/blogs/{bid}/posts/{slug}", site=bid, slug=slug,
            summary=paras[0][:200], paragraphs=paras, author=f"L'équipe {dict(_names())[bid]}"))

    def brand_status(self, bid: str, day: int, secs: int, text: str, lang: str, tags: tuple[str, ...] = (),
                     topic: str | None = None, reblog_of: int | None = None) -> None:
        """Create a status on a brand's Mastodon account (a boost when reblog_of is set)."""
        rng = self.rng
        user = MASTO_BRANDS[bid][0]
        sid = self.masto_id(day, secs)
        if reblog_of is None and rng.random() < 0.3 and "#telecoms" not in text:
            text += " #telecoms"
        self.m.statuses.append(Status(
            key=f"masto:{sid}", source_type="mastodon", day=day, at=self.at(day, secs), lang=lang, text=text,
            brands=(bid,) if text else (), owner=bid, topic=topic, sentiment="neutral", tags=tags, id=sid,
            account=user, favourites=rng.randint(5, 300), reblogs=rng.randint(0, 80), replies=rng.randint(0, 30),
            reblog_of=reblog_of, hashtags=_tags(text), path=f"/mastodon/@{user}/{sid}"))

    def brand_post(self, bid: str, day: int, secs: int, text: str, lang: str, tags: tuple[str, ...] = (),
                   topic: str | None = None) -> None:
        """Create a post on a brand's Bluesky account."""
        rng = self.rng
        handle = MASTO_BRANDS[bid][0] + BSKY_SUFFIX
        rk = self.rkey(day, secs)
        self.m.bsky_posts.append(BskyPost(
            key=f"bsky:{handle}:{rk}", source_type="bluesky", day=day, at=self.at(day, secs), lang=lang,
            text=text[:300], brands=(bid,), owner=bid, topic=topic, sentiment="neutral", tags=tags, rkey=rk,
            handle=handle, likes=rng.randint(5, 200), reposts=rng.randint(0, 50), replies=rng.randint(0, 20),
            quotes=rng.randint(0, 5), path=f"/bsky/profile/{handle}/post/{rk}"))

    def private_threads(self) -> None:
        """Create a few private threads that robots.txt forbids (listed in a sitemap on purpose)."""
        for day in (-20, -12, -3):
            text = T.compose(self.rng, "fr", "service_client", "negative", ("nova",))
            self.thread(day, text, "negative", "fr", {"day": day, "lang": "fr", "brands": ("nova",),
                        "topic": "service_client", "sentiment": "negative", "tags": ("private",)}, private=True)


def _names() -> list[tuple[str, str]]:
    """Map brand ids to display names."""
    return [(b, MASTO_BRANDS[b][1]) for b in BRAND_IDS]


def _tags(text: str) -> tuple[str, ...]:
    """Extract hashtags (lower case, as Mastodon stores them)."""
    import re

    return tuple(dict.fromkeys(t.lower() for t in re.findall(r"(?<![\w&])#(\w+)", text)))


def _did(handle: str) -> str:
    """Derive a stable did:plc from a handle."""
    import hashlib

    digest = hashlib.sha256(handle.encode()).digest()
    return "did:plc:" + "".join(_B32[b & 31] for b in digest[:24])


def generate(run_date: date, seed: int = 7) -> Market:
    """Generate the whole market for the 28 days ending on run_date."""
    g = _Gen(run_date, seed)
    g.accounts()
    g.reviews()
    # Owned statuses come before earned ones so that public replies can point at them.
    g.owned()
    g.planted()
    g.base()
    g.boosts()
    g.private_threads()
    m = g.m
    m.statuses.sort(key=lambda s: s.id)
    m.bsky_posts.sort(key=lambda p: (p.at, p.rkey))
    for posts in m.blogs.values():
        posts.sort(key=lambda a: a.at)
    m.news.sort(key=lambda a: a.at)
    return m
