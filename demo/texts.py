"""Compose natural-looking French and English sentences from templates with many slots.

Slots: {B} a brand alias, {dB} "de"/"d'" + alias, {qB} "que"/"qu'" + alias, {B2} a second
brand, plus {city} {amount} {n} {days} {hours} {speed} {pct} {month}. Opener and detail
templates of a topic use only that topic's terms, so topic counts stay controlled.
"""

from __future__ import annotations

import random
import re

# Prose aliases per brand; social posts may also use the handles and hashtags below.
PROSE_ALIASES: dict[str, tuple[str, ...]] = {
    "nova": ("Nova Mobile", "NovaMobile", "Nova", "Nova Mobile"),
    "orbis": ("Orbis", "Orbis Télécom", "Orbis Telecom", "Orbis"),
    "libre": ("Libre Mobile", "Libre Télécom", "Libre", "Libre Mobile"),
    "hexa": ("Hexa", "Hexa Télécom", "Hexa Telecom", "Hexa"),
}
SOCIAL_ALIASES: dict[str, tuple[str, ...]] = {
    "nova": ("@novamobile", "#NovaMobile"),
    "orbis": ("@orbis", "#Orbis"),
    "libre": ("@libremobile", "#LibreMobile"),
    "hexa": ("@hexatelecom",),
}

CITIES = ("Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Rennes", "Bordeaux", "Strasbourg",
          "Montpellier", "Grenoble", "Dijon", "Brest", "Tours", "Angers", "Rouen", "Metz", "Nice")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")

OPENERS: dict[str, dict[str, dict[str, list[str]]]] = {
    "fr": {
        "prix": {
            "positive": ["Le forfait {dB} à {amount} est vraiment une bonne affaire.",
                         "Franchement, le tarif {dB} est imbattable en ce moment.",
                         "Je viens de passer chez {B} : abonnement moins cher et sans engagement, top !",
                         "Bonne surprise, {B} baisse le prix de son forfait 100 Go.",
                         "J'adore la promo {dB}, {amount} par mois c'est excellent."],
            "negative": ["Le prix du forfait {dB} a encore augmenté, c'est scandaleux.",
                         "{B} est beaucoup trop cher pour ce que c'est.",
                         "Mon abonnement {B} passe à {amount} sans prévenir, honteux.",
                         "Je trouve {qB} abuse avec ses tarifs, c'est du vol.",
                         "Encore une hausse de tarif chez {B}, vraiment décevant."],
            "neutral": ["{B} propose un nouveau forfait à {amount} par mois.",
                        "Quelqu'un connaît le tarif exact du forfait {dB} ?",
                        "Comparatif des abonnements : {B} se situe dans la moyenne des prix.",
                        "Je me demande si l'offre {dB} inclut le roaming.",
                        "Le prix du forfait {dB} reste à {amount} ce mois-ci."],
        },
        "reseau": {
            "positive": ["La couverture 5G {dB} à {city} est excellente.",
                         "Super débit chez {B}, {speed} en 5G, bravo !",
                         "Le réseau {dB} tient parfaitement même à la campagne, génial.",
                         "Je suis ravi de la 4G {dB}, jamais une coupure."],
            "negative": ["Le réseau {dB} est nul à {city}, aucune couverture.",
                         "Encore une coupure chez {B}, c'est insupportable.",
                         "Débit catastrophique avec {B} depuis {days} jours.",
                         "La 4G {dB} ne passe plus du tout chez moi, lamentable."],
            "neutral": ["{B} annonce l'ouverture de nouvelles antennes 5G à {city}.",
                        "Quelqu'un a testé la couverture {dB} dans le Morvan ?",
                        "Selon l'Arcep, le débit moyen {dB} atteint {speed}.",
                        "{B} déploie la 5G dans {n} communes supplémentaires."],
        },
        "service_client": {
            "positive": ["Le service client {dB} a été parfait, merci au conseiller !",
                         "Très bonne expérience avec la hotline {dB}, problème réglé en {n} minutes.",
                         "Bravo au SAV {dB}, rapide et vraiment aimable.",
                         "Conseiller {B} au top, patient et efficace."],
            "negative": ["Le service client {dB} est une catastrophe, {hours} heures d'attente.",
                         "Impossible de joindre la hotline {dB}, c'est honteux.",
                         "Ma réclamation chez {B} n'a jamais été traitée, nul.",
                         "Le SAV {dB} m'a raccroché au nez, scandaleux."],
            "neutral": ["Comment contacter le service client {dB} le dimanche ?",
                        "{B} ouvre une nouvelle hotline pour les professionnels.",
                        "Le délai d'attente moyen au SAV {dB} est de {n} minutes.",
                        "Un conseiller {B} m'a expliqué la procédure de réclamation."],
        },
        "fibre": {
            "positive": ["Installation de la fibre {dB} en {days} jours, impeccable !",
                         "La box {dB} est excellente, fibre ultra stable.",
                         "Le technicien {B} était super pro, raccordement parfait.",
                         "Très content de la fibre {dB}, {speed} sans souci."],
            "negative": ["Ça fait {days} semaines que j'attends le raccordement fibre {dB}, inadmissible.",
                         "Le technicien {B} n'est jamais venu, rendez-vous raté encore une fois.",
                         "La box {dB} plante tous les soirs, insupportable.",
                         "Installation fibre bâclée par {B}, très mauvaise expérience."],
            "neutral": ["{B} lance une nouvelle box fibre à {city}.",
                        "Combien de temps pour un raccordement fibre chez {B} ?",
                        "Le technicien {B} passe jeudi pour l'installation.",
                        "{B} annonce {n} nouveaux logements raccordables à la fibre."],
        },
        "facturation": {
            "positive": ["Remboursement reçu en {days} jours chez {B}, parfait.",
                         "Facture claire et sans surprise avec {B}, j'apprécie.",
                         "Résiliation {dB} faite en ligne sans frais, impeccable.",
                         "{B} m'a remboursé les frais sans discuter, merci."],
            "negative": ["{B} m'a prélevé deux fois ce mois-ci, inadmissible.",
                         "Frais cachés sur ma facture {dB}, c'est du vol.",
                         "Impossible d'obtenir le remboursement promis par {B}, honteux.",
                         "La résiliation chez {B} est un parcours du combattant, nul."],
            "neutral": ["Le prélèvement {dB} a lieu le {dom} du mois.",
                        "Où trouver la facture détaillée {dB} ?",
                        "{B} modifie la date de prélèvement à partir de {month}.",
                        "Quels sont les frais de résiliation chez {B} ?"],
        },
    },
    "en": {
        "prix": {
            "positive": ["The {B} plan at {amount} is a great deal.", "Loving the new {B} promo, great value!"],
            "negative": ["{B} keeps raising its prices, terrible value.", "My {B} bill went up again, awful."],
            "neutral": ["{B} launched a new plan at {amount} a month.", "Does anyone know the {B} roaming price?"],
        },
        "reseau": {
            "positive": ["Excellent 5G coverage from {B} in {city}.", "Great speeds with {B}, {speed} on 5G!"],
            "negative": ["The {B} network is down again, horrible.", "No signal with {B} in {city}, so frustrating."],
            "neutral": ["{B} is rolling out 5G in {n} more towns.", "Has anyone tested {B} coverage near {city}?"],
        },
        "service_client": {
            "positive": ["{B} customer support was brilliant, thanks!", "Super helpful agent at {B} today."],
            "negative": ["{B} customer service is a nightmare, {hours} hours on hold.", "Worst support ever at {B}."],
            "neutral": ["How do I reach {B} customer service on Sunday?", "{B} opened a new support line."],
        },
        "fibre": {
            "positive": ["{B} fibre install done in {days} days, perfect.", "The {B} box is excellent."],
            "negative": ["Still waiting for my {B} fibre install, awful.", "The {B} box crashes every night."],
            "neutral": ["{B} launches a new fibre box in {city}.", "How long does a {B} fibre install take?"],
        },
        "facturation": {
            "positive": ["{B} refunded me quickly, great.", "Clear and simple billing with {B}, I like it."],
            "negative": ["{B} charged me twice this month, unacceptable.", "Hidden fees on my {B} bill, terrible."],
            "neutral": ["When does {B} take the monthly payment?", "Where can I find my detailed {B} bill?"],
        },
    },
}

DETAILS: dict[str, dict[str, dict[str, list[str]]]] = {
    "fr": {
        "prix": {"positive": ["{amount} pour {n} Go, difficile de trouver moins cher.", "Le forfait inclut même l'Europe, excellent rapport qualité-prix."],
                 "negative": ["{amount} de plus par mois, c'est trop cher.", "L'abonnement augmente de {pct} % sans aucune contrepartie."],
                 "neutral": ["Le forfait comprend {n} Go et les appels illimités.", "Le tarif est garanti {n} mois."]},
        "reseau": {"positive": ["Débit mesuré à {speed}, impressionnant.", "Même dans le métro la 4G passe très bien."],
                   "negative": ["Aucune couverture dans tout le quartier depuis {days} jours.", "La panne dure depuis ce matin, zéro débit."],
                   "neutral": ["Le débit mesuré ce matin était de {speed}.", "Les antennes de {city} sont en maintenance."]},
        "service_client": {"positive": ["Le conseiller a tout réglé en {n} minutes.", "Aucune attente, réponse immédiate."],
                           "negative": ["{hours} heures d'attente pour rien.", "Troisième réclamation sans réponse."],
                           "neutral": ["La hotline est ouverte de 8 h à 20 h.", "La réclamation se fait via l'espace client."]},
        "fibre": {"positive": ["Le technicien a fini en une heure, super propre.", "La box affiche {speed} en continu."],
                  "negative": ["Trois rendez-vous annulés par le technicien.", "La box redémarre toutes les heures."],
                  "neutral": ["Le raccordement est prévu sous {days} jours.", "L'installation prend environ deux heures."]},
        "facturation": {"positive": ["Le remboursement est arrivé sur mon compte très vite.", "Aucun frais surprise sur la facture."],
                        "negative": ["{amount} de frais injustifiés sur la facture.", "Le prélèvement en double n'est toujours pas remboursé."],
                        "neutral": ["La facture est disponible le {dom} de chaque mois.", "Le prélèvement apparaît sous le libellé habituel."]},
    },
    "en": {
        "prix": {"positive": ["Hard to find anything cheaper."], "negative": ["Way too expensive now."], "neutral": ["The plan includes {n} GB."]},
        "reseau": {"positive": ["Speed test shows {speed}."], "negative": ["No signal for {days} days."], "neutral": ["Speed test this morning: {speed}."]},
        "service_client": {"positive": ["Fixed in {n} minutes."], "negative": ["Nobody ever answers."], "neutral": ["Support is open 8am to 8pm."]},
        "fibre": {"positive": ["The technician was quick and tidy."], "negative": ["Three missed appointments."], "neutral": ["Install planned within {days} days."]},
        "facturation": {"positive": ["No surprise fees at all."], "negative": ["Still no refund."], "neutral": ["Bills arrive on the {dom}th."]},
    },
}

CLOSERS: dict[str, dict[str, list[str]]] = {
    "fr": {"positive": ["Je recommande vivement.", "Très satisfait, rien à redire.", "Bravo, continuez comme ça !",
                        "Excellent, vraiment.", "Je suis ravi."],
           "negative": ["Je vais changer d'opérateur.", "Vraiment déçu, à éviter.", "C'est inadmissible.",
                        "Je suis furieux.", "Une honte."],
           "neutral": ["On verra bien.", "À suivre.", "Des retours d'expérience ?", "Je vous tiens au courant.",
                       "Merci pour vos avis."]},
    "en": {"positive": ["Highly recommended.", "Really happy."], "negative": ["Switching soon.", "So disappointed."],
           "neutral": ["We will see.", "Any feedback?"]},
}

COMPARE: dict[str, list[str]] = {
    "fr": ["J'hésite entre {B} et {B2}, des avis ?", "Comparé à {B2}, {B} s'en sort plutôt bien.",
           "Après {B2}, je teste {B} depuis {days} jours.", "{B} et {B2} se livrent une vraie bataille cette année."],
    "en": ["Torn between {B} and {B2}, thoughts?", "Compared with {B2}, {B} holds up well."],
}

# Orbis outage burst (negative, topic reseau) and its quieter baseline.
BURST_FR = ["Plus de réseau chez {B} depuis ce matin à {city}, c'est une honte !",
            "Panne géante {dB} : aucune couverture à {city}, inadmissible.",
            "Coupure totale du réseau {dB} depuis {hours} heures, insupportable.",
            "{B} en panne partout, plus de 4G ni de 5G, on fait comment ?",
            "Encore une panne {dB}, plus de réseau du tout, je suis furieux.",
            "Coupure réseau {dB} à {city} : zéro débit, scandaleux.",
            "Toujours plus de réseau {dB}, ça fait {hours} heures, lamentable."]
BURST_EN = ["{B} network outage in {city}, no signal at all, awful.", "Total {B} outage again, terrible."]
BASELINE_FR = ["Petite coupure réseau {dB} ce matin à {city}, pénible.",
               "Le débit {dB} est mauvais aujourd'hui, décevant.",
               "Couverture {dB} toujours faible à {city}, agaçant."]

# Hexa promotion: owned announcement and earned enthusiasm.
PROMO_OWNED_FR = "Promo exceptionnelle : -50 % sur le forfait 5G 100 Go pendant 6 mois, offre valable jusqu'à dimanche."
PROMO_EARNED_FR = ["La promo {dB} à -50 % sur le forfait est géniale, je fonce !",
                   "-50 % sur le forfait {dB}, excellente offre, bravo.",
                   "Je viens de souscrire l'offre {dB} à moitié prix, super tarif.",
                   "Le forfait {dB} à -50 %, c'est le meilleur prix du marché, top.",
                   "Enfin une vraie promo : {B} divise le prix de son forfait par deux, génial."]
PROMO_EARNED_EN = ["Great {B} promo: -50% on the plan, amazing price!"]

# "libre" as a common word; none of these names the brand (each hits an exclude or is lower case).
NOISE_FR = ["Je suis libre demain soir si tu veux passer.", "Le logiciel libre progresse dans les administrations.",
            "Libre à vous de choisir votre opérateur.", "Un peu de temps libre ce week-end, enfin.",
            "Le musée est en accès libre le premier dimanche du mois.", "Entrée libre pour la conférence de jeudi.",
            "Les cours de la bourse sont en chute libre ce matin.", "Ce médicament est en vente libre en pharmacie.",
            "Laisser le champ libre aux nouveaux entrants, voilà l'enjeu.", "Station de vélos en libre-service devant la gare.",
            "Libre de tout engagement, je regarde les forfaits.", "Conférence sur le libre accès aux données publiques.",
            "Je passe mon temps libre à bidouiller des logiciels libres.", "Les places sont libres au premier rang."]
NOISE_EN = ["Free software matters: vive le logiciel libre !"]

FORUM_REPLIES: dict[str, list[str]] = {
    "positive": ["Même expérience, très satisfait aussi.", "Content de lire ça, pareil chez moi.", "Je confirme, rien à redire."],
    "negative": ["Pareil chez moi depuis {days} jours, c'est pénible.", "Même galère ici, je suis écœuré.", "Idem, vraiment déçu."],
    "neutral": ["Merci pour l'info.", "Je me posais la même question.", "Quelqu'un a une réponse ?"],
}

REVIEW_TITLES: dict[str, dict[str, list[str]]] = {
    "fr": {"positive": ["Très satisfait", "Excellent opérateur", "Rien à redire", "Je recommande"],
           "negative": ["À fuir", "Très déçu", "Catastrophique", "Service lamentable"],
           "neutral": ["Correct sans plus", "Moyen", "Peut mieux faire"]},
    "en": {"positive": ["Great operator"], "negative": ["Avoid"], "neutral": ["Average"]}}

REPLIES_FR = ["Bonjour {name}, merci pour votre retour. Notre équipe vous contacte en message privé.",
              "Bonjour {name}, nous sommes désolés pour ce désagrément et restons à votre écoute.",
              "Merci {name} pour votre avis, nous transmettons vos remarques à nos équipes.",
              "Bonjour {name}, merci pour votre confiance et à bientôt !"]
REPLIES_EN = ["Hi {name}, thank you for your feedback, our team will contact you."]

NEWS_TITLES: dict[str, list[str]] = {
    "prix": ["Forfaits : {B} revoit ses tarifs", "Guerre des prix : {B} contre-attaque", "Abonnements mobiles : ce que change l'offre {dB}"],
    "reseau": ["Réseau : {B} accélère sur la 5G", "Couverture mobile : le bilan {dB}", "5G : {B} étend son réseau"],
    "service_client": ["Service client : {B} sous la loupe", "Hotline : {B} promet moins d'attente"],
    "fibre": ["Fibre : {B} accélère les raccordements", "Box : {B} dévoile sa nouvelle génération"],
    "facturation": ["Facturation : {B} simplifie la résiliation", "Frais cachés : {B} sur la sellette"],
}
NEWS_EN_TITLES = ["{B}: what's new this week", "Telecoms: {B} in focus"]
NEWS_LEADS = ["Selon nos informations, l'opérateur prépare plusieurs annonces.",
              "Le marché français des télécoms reste très disputé.",
              "Les analystes suivent le dossier de près.",
              "Plusieurs associations de consommateurs ont réagi."]

BLOG_TITLES: dict[str, list[str]] = {
    "prix": ["Nos nouveaux forfaits sont arrivés", "Un forfait plus généreux au même prix"],
    "reseau": ["La 5G arrive dans {n} nouvelles communes", "Notre réseau en chiffres"],
    "service_client": ["Votre service client évolue", "Des conseillers disponibles plus tard le soir"],
    "fibre": ["La fibre chez vous en {days} jours", "Découvrez la nouvelle box"],
    "facturation": ["Une facture plus claire", "Résiliation : tout devient plus simple"],
}
BLOG_EN_TITLES = ["News from our network", "Our new plans explained"]

FIRST_NAMES = ("Camille", "Julien", "Sophie", "Thomas", "Léa", "Nicolas", "Chloé", "Mathieu", "Inès", "Hugo",
               "Manon", "Antoine", "Sarah", "Lucas", "Emma", "Pierre", "Clara", "Karim", "Élodie", "Yanis",
               "Aurélie", "Maxime", "Nadia", "Romain", "Julie", "Bastien", "Amandine", "Olivier", "Fatou", "Loïc")
LAST_INITIALS = "ABCDEFGHJLMNPRSTV"


def _elide(word: str, alias: str) -> str:
    """Join "de"/"que" and an alias, eliding before a vowel or a mute h."""
    if alias[:1].lower() in "aeiouhéè" and not alias.startswith(("@", "#")):
        return f"{word[:-1]}'{alias}"
    return f"{word} {alias}"


def alias(rng: random.Random, brand: str, social: bool) -> str:
    """Pick an alias of a brand, sometimes a handle or hashtag on social networks."""
    if social and rng.random() < 0.3:
        return rng.choice(SOCIAL_ALIASES[brand])
    return rng.choice(PROSE_ALIASES[brand])


def fill(rng: random.Random, template: str, brand: str | None = None, brand2: str | None = None,
         social: bool = False, name: str = "") -> str:
    """Fill a template's slots; brand slots use varied aliases and elisions."""
    values = {
        "city": rng.choice(CITIES), "amount": f"{rng.choice((4, 9, 12, 15, 19, 24, 29, 39))},99 €",
        "n": str(rng.randint(2, 60)), "days": str(rng.randint(2, 15)), "hours": str(rng.randint(2, 9)),
        "speed": f"{rng.choice((180, 320, 450, 610, 800, 940))} Mb/s", "pct": str(rng.randint(5, 25)),
        "month": rng.choice(MONTHS_FR), "name": name, "dom": str(rng.randint(1, 28)),
    }
    if brand:
        a = alias(rng, brand, social)
        # Sentence-initial handles read oddly; keep them mid-sentence.
        plain = rng.choice(PROSE_ALIASES[brand])
        values |= {"B": a if not template.startswith("{B}") else plain,
                   "dB": _elide("de", plain), "qB": _elide("que", plain)}
    if brand2:
        values["B2"] = rng.choice(PROSE_ALIASES[brand2])
    text = template.format(**values)
    if "libre" in (brand, brand2) and vetoed(text):
        # "de Libre à Lyon" reads as the phrase "Libre à": use the unambiguous full name instead.
        text = template.format(**(values | {"B": "Libre Mobile", "dB": "de Libre Mobile",
                                            "qB": "que Libre Mobile", "B2": "Libre Mobile"}))
    return text


_LIBRE_EXCLUDES = ("logiciel libre", "temps libre", "libre-service", "libre service", "accès libre",
                   "entrée libre", "chute libre", "vente libre", "champ libre", "libre accès",
                   "libre à vous", "libre de")


def vetoed(text: str) -> bool:
    """Tell whether a text holds a phrase that vetoes the brand Libre (design's exclude list)."""
    low = text.lower()
    return "Libre à" in text or any(p in low for p in _LIBRE_EXCLUDES)


def sentence(rng: random.Random, lang: str, topic: str, sentiment: str, brand: str, social: bool = False) -> str:
    """Return one opener naming the brand, on the topic, with the given sentiment."""
    return fill(rng, rng.choice(OPENERS[lang][topic][sentiment]), brand, social=social)


def detail(rng: random.Random, lang: str, topic: str, sentiment: str) -> str:
    """Return one brand-free sentence on the topic with the given sentiment."""
    return fill(rng, rng.choice(DETAILS[lang][topic][sentiment]))


def closer(rng: random.Random, lang: str, sentiment: str) -> str:
    """Return one short brand- and topic-free sentence carrying the sentiment."""
    return rng.choice(CLOSERS[lang][sentiment])


def compose(rng: random.Random, lang: str, topic: str, sentiment: str, brands: tuple[str, ...],
            social: bool = False) -> str:
    """Compose a short text naming every brand in `brands`, topic and sentiment explicit."""
    parts = [sentence(rng, lang, topic, sentiment, brands[0], social)]
    if len(brands) > 1:
        parts.append(fill(rng, rng.choice(COMPARE[lang]), brands[1], brands[0], social))
    if rng.random() < 0.7:
        parts.append(detail(rng, lang, topic, sentiment))
    parts.append(closer(rng, lang, sentiment))
    return " ".join(parts)


def person(rng: random.Random) -> str:
    """Return a plausible French display name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_INITIALS)}."


def slugify(text: str) -> str:
    """Turn a title into an ASCII URL slug."""
    table = str.maketrans("àâäéèêëîïôöùûüçœÀÂÉÈÊÎÔÙÛÇ", "aaaeeeeiioouuucoAAEEEIOUUC")
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")[:60]
