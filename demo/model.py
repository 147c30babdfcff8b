"""Hold the generated market as plain dataclasses; rendering and serving read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Brand:
    """Describe one tracked brand exactly as the demo config declares it."""

    id: str
    name: str
    own: bool
    aliases: tuple[str, ...]
    exact: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


BRANDS: tuple[Brand, ...] = (
    Brand("nova", "Nova Mobile", True,
          ("Nova Mobile", "NovaMobile", "Nova", "@novamobile", "#NovaMobile"),
          (), ("bossa nova", "nova scotia", "supernova")),
    Brand("orbis", "Orbis Télécom", False,
          ("Orbis", "Orbis Télécom", "Orbis Telecom", "@orbis", "#Orbis")),
    Brand("libre", "Libre", False,
          ("Libre Mobile", "Libre Télécom", "@libremobile", "#LibreMobile"), ("Libre",),
          ("logiciel libre", "temps libre", "libre-service", "libre service", "accès libre",
           "entrée libre", "chute libre", "vente libre", "champ libre", "libre accès",
           "libre à vous", "libre de", "Libre à")),
    Brand("hexa", "Hexa Télécom", False,
          ("Hexa", "Hexa Télécom", "Hexa Telecom", "@hexatelecom")),
)
BRAND_IDS: tuple[str, ...] = tuple(b.id for b in BRANDS)

TOPICS: dict[str, tuple[str, ...]] = {
    "prix": ("prix", "tarif", "forfait", "promotion", "promo", "cher", "abonnement", "offre"),
    "reseau": ("réseau", "couverture", "5G", "4G", "débit", "antenne", "panne", "coupure"),
    "service_client": ("service client", "conseiller", "SAV", "attente", "hotline", "réclamation"),
    "fibre": ("fibre", "box", "installation", "raccordement", "technicien"),
    "facturation": ("facture", "prélèvement", "remboursement", "frais", "résiliation"),
}
TOPIC_LABELS: dict[str, str] = {
    "prix": "Prix et forfaits",
    "reseau": "Réseau et couverture",
    "service_client": "Service client",
    "fibre": "Fibre et box",
    "facturation": "Facturation",
}


@dataclass(kw_only=True)
class Doc:
    """Carry what every generated document has, plus its ground truth for signals."""

    key: str  # stable within the market, independent of run_date
    source_type: str  # blog | news | review | mastodon | bluesky | forum
    day: int  # offset from run_date, Europe/Paris calendar day
    at: datetime  # UTC
    lang: str
    text: str
    title: str = ""
    brands: tuple[str, ...] = ()  # brands the text names as brands (ground truth)
    owner: str | None = None  # brand id when published on the brand's own channel
    topic: str | None = None
    sentiment: str = "neutral"
    tags: tuple[str, ...] = ()  # planted markers: burst, burst_baseline, promo, noise, outage_reply, xss
    path: str = ""  # URL path (and #anchor) on the demo web, independent of the port

    @property
    def earned(self) -> bool:
        """Tell whether the document counts for share of voice."""
        return self.owner is None


@dataclass(kw_only=True)
class Article(Doc):
    """Be a blog or news article with its feed summary and page paragraphs."""

    site: str  # "nova" .. for blogs, "actu-telecom" for news
    slug: str
    summary: str
    paragraphs: list[str]
    author: str


@dataclass(kw_only=True)
class Review(Doc):
    """Be one review on the review site's company page of `subject`."""

    subject: str
    number: int
    author: str
    rating: int
    reply_text: str | None = None
    reply_at: datetime | None = None


@dataclass(kw_only=True)
class Account:
    """Be a Mastodon or Bluesky account; followers holds one count per day offset -27..0."""

    platform: str  # mastodon | bluesky
    id: str  # mastodon numeric id as string, or bluesky did
    username: str  # mastodon username, or bluesky handle
    display_name: str
    brand: str | None
    followers: list[int]
    following: int
    prior_posts: int  # posts published before the generated window
    note: str = ""


@dataclass(kw_only=True)
class Status(Doc):
    """Be a Mastodon status; a boost has reblog_of set and no text of its own."""

    id: int
    account: str  # username
    favourites: int = 0
    reblogs: int = 0
    replies: int = 0
    in_reply_to: int | None = None
    reblog_of: int | None = None
    hashtags: tuple[str, ...] = ()


@dataclass(kw_only=True)
class BskyPost(Doc):
    """Be a Bluesky post by `handle`."""

    rkey: str
    handle: str
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0


@dataclass(kw_only=True)
class ForumPost:
    """Be one message inside a forum thread."""

    author: str
    at: datetime
    text: str


@dataclass(kw_only=True)
class Thread(Doc):
    """Be a forum thread, served as one page (one thread = one document)."""

    number: int
    slug: str
    posts: list[ForumPost]
    private: bool = False


@dataclass
class Market:
    """Hold everything the demo web serves for one run date and seed."""

    run_date: date
    seed: int
    blogs: dict[str, list[Article]] = field(default_factory=dict)
    news: list[Article] = field(default_factory=list)
    reviews: dict[str, list[Review]] = field(default_factory=dict)
    accounts: list[Account] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    bsky_posts: list[BskyPost] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)

    def documents(self) -> list[Doc]:
        """List every public document once (boosts and private threads excluded)."""
        docs: list[Doc] = [a for posts in self.blogs.values() for a in posts]
        docs += self.news
        docs += [r for rs in self.reviews.values() for r in rs]
        docs += [s for s in self.statuses if s.reblog_of is None]
        docs += self.bsky_posts
        docs += [t for t in self.threads if not t.private]
        return sorted(docs, key=lambda d: (d.at, d.key))

    def account(self, platform: str, username: str) -> Account | None:
        """Find an account by platform and username or handle."""
        for acc in self.accounts:
            if acc.platform == platform and acc.username == username:
                return acc
        return None
