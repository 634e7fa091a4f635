"""Function words and abbreviations (English, French) that decide where a cue or line may break.

A break right after an article, preposition, subject pronoun, auxiliary or clitic strands it
from the phrase it belongs to (../shared/RULES.md: never separate article+noun, pronoun+verb,
verb+auxiliary, preposition+its phrase). A break before a conjunction or a preposition starts a
new clause or phrase and reads naturally.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["WordLists", "word_lists", "ABBREVIATIONS", "BOUND_PAIRS", "key_forms"]

_EN_ARTICLES = "a an the this these those my your his her its our their some any no every each either neither"
_EN_PREPOSITIONS = (
    "of in on at to for with from by about into onto over under between through during without within "
    "among across after before since until against toward towards upon like than as via per off out up "
    "down around behind beyond near inside outside"
)
_EN_PRONOUNS = "i you he she it we they there"
_EN_AUXILIARIES = (
    "am is are was were be been being have has had do does did will would shall should can could may might "
    "must ought not never 's 're 've 'll 'd 'm i'm you're we're they're he's she's it's that's there's "
    "i've you've we've they've i'll you'll he'll she'll it'll we'll they'll i'd you'd he'd she'd we'd they'd "
    "don't doesn't didn't won't wouldn't can't cannot couldn't isn't aren't wasn't weren't haven't hasn't "
    "hadn't shouldn't mustn't let's"
)
_EN_CONJUNCTIONS = (
    "and but or nor so yet because although though while whereas if unless when whenever where wherever "
    "whether once that which who whom whose what how why then"
)

_FR_ARTICLES = (
    "le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre nos "
    "votre vos leur leurs quelques chaque plusieurs aucun aucune"
)
_FR_PREPOSITIONS = (
    "à de en pour par avec sans sur sous dans chez vers entre contre depuis pendant avant après selon "
    "malgré parmi jusqu jusque devant derrière envers hors dès durant via"
)
_FR_PRONOUNS = "je j tu il elle on nous vous ils elles ce c ça me m te t se s lui y ne n"
_FR_AUXILIARIES = (
    "ai as a avons avez ont suis es est sommes êtes sont étais était étions étiez étaient avais avait "
    "avions aviez avaient serai seras sera serons serez seront aurai auras aura aurons aurez auront "
    "serais serait aurais aurait été eu vais vas va allons allez vont peux peut pouvons pouvez peuvent "
    "dois doit devons devez doivent veux veut voulons voulez veulent pas"
)
_FR_CONJUNCTIONS = "et ou mais donc or ni car que qu qui quand lorsque lorsqu puisque puisqu parce quoique si comme dont où alors tandis"

BOUND_PAIRS = frozenset(
    tuple(pair.split("+"))
    for pair in (
        "even+though even+if even+when so+that as+if as+though rather+than such+as in+order as+well "
        "parce+que afin+que bien+que alors+que tandis+que pendant+que avant+que après+que depuis+que "
        "dès+que lors+que à+cause grâce+à"
    ).split()
)
"""Two-word conjunctions and phrases: never split, and a break before them is as good as before a conjunction."""

ABBREVIATIONS = frozenset(
    (
        "mr. mrs. ms. dr. prof. sr. jr. st. mt. vs. e.g. i.e. approx. inc. ltd. co. corp. dept. fig. "
        "jan. feb. mar. apr. aug. sept. oct. nov. dec. "
        "m. mme. mlle. mm. mmes. me. ste. p. cf. vol. chap. env. av. bd. n°."
    ).split()
)
"""Lowercased words whose final full stop does not end a sentence."""


@dataclass(frozen=True, slots=True)
class WordLists:
    """The function words of one language (or of several, merged)."""

    never_after: frozenset[str]
    """A break right after one of these strands it (articles, prepositions, pronouns, auxiliaries)."""
    conjunctions: frozenset[str]
    prepositions: frozenset[str]


def _split(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


_EN = WordLists(
    never_after=_split(_EN_ARTICLES, _EN_PREPOSITIONS, _EN_PRONOUNS, _EN_AUXILIARIES),
    conjunctions=_split(_EN_CONJUNCTIONS),
    prepositions=_split(_EN_PREPOSITIONS),
)
_FR = WordLists(
    never_after=_split(_FR_ARTICLES, _FR_PREPOSITIONS, _FR_PRONOUNS, _FR_AUXILIARIES),
    conjunctions=_split(_FR_CONJUNCTIONS),
    prepositions=_split(_FR_PREPOSITIONS),
)
_ANY = WordLists(
    never_after=_EN.never_after | _FR.never_after,
    conjunctions=_EN.conjunctions | _FR.conjunctions,
    prepositions=_EN.prepositions | _FR.prepositions,
)


def word_lists(language: str) -> WordLists:
    """The lists for a language code ("en", "fr-CA", ...); both languages merged when unknown."""
    code = (language or "").lower()[:2]
    return {"en": _EN, "fr": _FR}.get(code, _ANY)


_EDGE_PUNCTUATION = "\"'«»“”‘’()[]{}¿¡.,;:!?…—–-"
_APOSTROPHES = "'’"


def key_forms(text: str) -> tuple[str, str, str]:
    """(whole, first, last) lowercase lookup keys of a word: "qu'il" -> ("qu'il", "qu", "il").

    French elision glues a function word to the next one: the part before the apostrophe
    decides what may come before the word, the part after what may follow it.
    """
    word = text.strip(_EDGE_PUNCTUATION).lower().replace("’", "'")
    if "'" in word:
        first, _, last = word.partition("'")
        last = last.rpartition("'")[2]
        return word, first, last or first
    return word, word, word
