from __future__ import annotations

import pytest

from models.brands import BrandMatcher


@pytest.fixture(scope="module")
def matcher(config) -> BrandMatcher:
    return BrandMatcher(config["brands"])


def ids(matcher: BrandMatcher, text: str) -> list[str]:
    return [m.brand_id for m in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HEXA TÉLÉCOM rembourse", ["hexa"]),  # case
        ("hexa telecom rembourse", ["hexa"]),  # accents
        ("L’Orbis Box plante", ["orbis"]),  # typographic elision
        ("le service d'Hexa", ["hexa"]),  # elision
        ("Orbis's network", ["orbis"]),  # English possessive
        ("J'adore #NovaMobile", ["nova"]),  # hashtag
        ("Merci @novamobile !", ["nova"]),  # handle
        ("#LibreMobile en tendance", ["libre"]),  # hashtag of a multiword alias
        ("Nova-Mobile en promo", ["nova"]),  # hyphenated
        ("Nova Scotia is cold", []),  # exclude
        ("Un processeur hexa-core", []),  # exclude with hyphen
        ("Orbiscope et Novartis", []),  # inside other words
    ],
)
def test_aliases_are_case_and_accent_insensitive_with_excludes(matcher, text, expected):
    assert ids(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chez Libre, la hotline répond vite.", ["libre"]),  # capitalised mid-sentence
        ("Je me sens enfin libre.", []),  # lower case: exact aliases are case-sensitive
        ("Libre lance une offre fibre.", ["libre"]),  # sentence start + brand verb
        ("Libre à vous de choisir.", []),  # exclude "libre à"
        ("Pourquoi Libre a-t-il coupé ma ligne ?", ["libre"]),  # "a" is not the exclude "à"
        ("Libre comme l'air.", []),  # sentence start, no brand context
        ("Libre, il a quitté son opérateur.", []),
        ("Libre et Orbis ont signé un accord.", ["libre", "orbis"]),  # coordinated with a brand
        ("Le logiciel Libre est une philosophie.", []),  # exclude, case-insensitive
    ],
)
def test_common_word_brand_needs_context(matcher, text, expected):
    assert ids(matcher, text) == expected


def test_matches_carry_offsets_into_the_text(matcher):
    text = "Déçu par Libre, je repars chez Nova."
    assert [(m.brand_id, text[m.start : m.end]) for m in matcher.find(text)] == [("libre", "Libre"), ("nova", "Nova")]


def test_longest_alias_wins(matcher):
    (match,) = matcher.find("Hexa Télécom et rien d'autre")
    assert match.text == "Hexa Télécom"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Libre veut devenir le premier opérateur fibre.", ["libre"]),  # a verb missing from any list
        ("Libre slashes prices again.", ["libre"]),
        ("Libre est-il vraiment moins cher ?", ["libre"]),  # inverted subject
        ("Libre's CEO spoke first.", ["libre"]),  # possessive
        ("Libre est celui qui n'a pas d'engagement.", []),  # "est" without inversion
        ("Libre et heureux depuis ma résiliation.", []),  # coordination with no brand
        ("Libre software respects your freedom.", []),  # set phrase
        ("Libre Franklin is a typeface.", []),  # another capitalised name
    ],
)
def test_sentence_initial_exact_alias_is_the_word_only_in_the_words_own_context(matcher, text, expected):
    assert ids(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Passé de Libre à Nova, aucun regret.", ["libre", "nova"]),  # "libre à" mid-sentence, capitalised
        ("Je recommande Libre à tous mes amis.", ["libre"]),
        ("Libre à vous de choisir.", []),  # sentence start: the exclude holds
        ("Entrée Libre pour tous les abonnés.", []),  # an exclude ending with the alias holds anywhere
    ],
)
def test_excludes_opening_with_an_exact_alias_hold_only_where_case_says_nothing(matcher, text, expected):
    assert ids(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I ordered a Cuba Libre at the bar.", []),  # a capitalised word glued before: another name
        ("Mon vieux Huawei Nova tient la charge.", []),
        ("L'Université Libre de Bruxelles recrute.", []),  # after an elision too
        ("Merci Libre pour la coupure.", ["libre"]),  # the word before opens the sentence
        ("Comparatif : Orbis Nova et Hexa.", ["orbis", "nova", "hexa"]),  # the word before is a brand
        ("Customers Flee Orbis After Outage", ["orbis"]),  # title-case headline
    ],
)
def test_alias_after_another_capitalised_word_is_part_of_another_name(matcher, text, expected):
    assert ids(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#OrbisFail encore une panne", ["orbis"]),  # CamelCase tag
        ("#Nova5G enfin chez moi", ["nova"]),  # digits after the alias
        ("@orbis_sav ma box est morte", ["orbis"]),  # handle with an underscore
        ("#NovaScotia en hiver", []),  # the exclude, glued the same way
        ("#HexaCore ou octa-core ?", []),
        ("#LibreOffice 25 est sorti", []),  # exact aliases are common words inside tags
        ("#novateur ce forfait", []),  # lower case goes on: another word
    ],
)
def test_tags_that_go_on_after_the_alias(matcher, text, expected):
    assert ids(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LIBRE LANCE SA BOX 8", ["libre"]),  # an all-caps headline reads like a sentence start
        ("LIBRE ACCÈS AU WIFI DANS LA GARE", []),
        ("ENTRÉE LIBRE POUR TOUS", []),  # excludes hold in capitals
        ("The LIBRE CLUB meets on Thursday.", []),  # capitals in a mixed-case sentence stay the word
    ],
)
def test_exact_alias_in_capitals_only_inside_a_capitalised_headline(matcher, text, expected):
    assert ids(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A nova is a star that suddenly brightens.", []),
        ("On a vu une nova dans le ciel.", []),
        ("the nova network is down again", ["nova"]),  # the definite article: the brand
        ("Hi, I'm an Orbis customer.", ["orbis"]),  # capitalised after an article: the brand
        ("ça capte mal chez hexa", ["hexa"]),
    ],
)
def test_lower_case_alias_after_an_indefinite_article_is_the_common_noun(matcher, text, expected):
    assert ids(matcher, text) == expected


def test_a_sentence_start_after_a_full_stop_and_a_space_is_a_sentence_start(matcher):
    # the space after the full stop belongs to the previous sentence's end
    assert ids(matcher, "Offre sans engagement. Libre de tout engagement, vraiment.") == []
    assert ids(matcher, "Nouveau. Libre lance sa box 8.") == ["libre"]


def test_word_matches_start_where_a_look_behind_would_let_them():
    # The scan drops re's (?<!\w) for speed; a match rejected inside a word must not hide a
    # later one that starts inside it ("za b": "a b" at 1 is inside a word, "b" at 3 is not).
    import re

    from models.brands import _compile, _word_matches

    aliases = ["a b", "b", "nova mobile", "nova", "mobile", "l'orbis", "orbis"]
    fast = _compile(aliases)
    slow = re.compile(r"(?<![\w])" + fast.pattern)
    texts = ["za b", "za bb b", "supernova nova", "xnova mobile", "nova-mobile l'orbis", "_nova nova_",
             "énova nova", "2nova nova2 nova", "a b", "zzzz a b a bb"]
    for text in texts:
        assert _word_matches(fast, text) == [m.span() for m in slow.finditer(text)], text
    assert _word_matches(fast, "za b") == [(3, 4)]
