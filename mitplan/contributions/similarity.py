"""Find existing contributions that resemble the text a resident is typing.

Plain Python on purpose: it knows nothing about models, so a selector can feed it
``(id, language_code, text)`` rows and cache the built index. The measure is TF-IDF
(sublinear term frequency, smoothed inverse document frequency) with cosine
similarity over Snowball word stems, stop words removed. An inverted index means a
query only touches documents that share at least one term with it.

Each text is stemmed with the stemmer of its own language; an unknown language gets
no stemming, so texts in different languages simply rarely match.
"""

from __future__ import annotations

import heapq
import html
import math
import re
import threading
import unicodedata
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable
from functools import lru_cache

import snowballstemmer

DEFAULT_K = 5
# Below this, matches are mostly a shared common word, not the same idea.
DEFAULT_THRESHOLD = 0.3
# What the resident types is cut here: enough for any idea, and a pasted novel
# cannot make a keystroke expensive.
MAX_QUERY_CHARS = 2_000
MAX_DOCUMENT_CHARS = 20_000
# Longer "words" are links, hashes or keyboard mashing, never a shared idea.
MAX_WORD_CHARS = 64
# Part of the cache key of a pickled index: raise it whenever tokenising or
# weighting changes, so indexes built by older code are not queried by newer code.
INDEX_VERSION = 1

Document = tuple[Hashable, str, str]

# ISO 639-1 codes of the languages snowballstemmer knows; a code it lacks in the
# installed version is dropped below, so those texts fall back to no stemming.
_STEMMER_NAMES = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
_STEMMER_NAMES = {
    code: name
    for code, name in _STEMMER_NAMES.items()
    if name in set(snowballstemmer.algorithms())
}

# Small lists of function words, plus the filler of wishes ("bitte", "mehr",
# "should") that says nothing about what is wished for. Compared after casefold.
_STOP_WORDS = {
    "de": """
        aber alle allem allen aller alles als also am an ander andere anderen auch
        auf aus bei beim bin bis bitte bist da dabei damit dann das dass daß dein
        dem den denn der des dessen deshalb die dies diese diesem diesen dieser
        dieses doch dort du durch ein eine einem einen einer eines es etwa etwas
        euch euer für gegen gibt geben hab habe haben hat hatte hier hin ich ihr
        ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden jeder jedes jetzt
        kann kein keine keinen können könnte könnten man mehr mein meine mich mir
        mit muss müssen müsste nach nicht noch nur ob oder ohne schon sehr sein
        seine sich sie sind so soll sollen sollte sollten sowie über um und uns
        unser unsere unter viel viele vom von vor wäre wären war waren was weil
        wenn wer werden wie wieder wir wird wo zu zum zur zwischen
    """,
    "en": """
        a about all also am an and any are as at be been being but by can could
        do does for from had has have he her here his how i if in into is it its
        just let more my no not of on or our out over please she should so some
        than that the their them then there these they this those to too up us
        very was we were what when where which while who why will with would you
        your
    """,
    "tr": """
        acaba ama ancak bana bazı belki ben beni benim bir biraz biz bize bizim
        bu buna bunu bunun çok da daha de diye en gibi göre hem hep her hiç için
        ile ise kadar ki mi mı mu mü ne neden o olan olarak ona onu onun şu siz
        sizin ve veya ya yani lütfen fazla olmalı olsun
    """,
}
_STOP_WORDS = {
    code: frozenset(word.casefold() for word in words.split())
    for code, words in _STOP_WORDS.items()
}

# Words are runs of letters and digits; hyphenated compounds ("Eltern-Kind-Café")
# count as their parts and as the joined word, which finds "Elternkindcafé" too.
_WORD_RE = re.compile(r"[^\W_]+")
# Anchored at a word's start and possessive, so it stays linear in the text length.
_COMPOUND_RE = re.compile(r"(?<![^\W_])[^\W_]++(?:[-\u2010\u2011][^\W_]++)+")
_HYPHEN_RE = re.compile(r"[-\u2010\u2011]")
# Bounded and stopping at the next "<", so stray brackets cannot make it slow.
_TAG_RE = re.compile(r"<[^<>]{0,1000}>")
# Marks that would split a word for \w (combining accents, Arabic vowel signs,
# Turkish dotted İ after casefold), tatweel, soft hyphen and zero-width joiners.
_INVISIBLE_RE = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0640\u00ad\u200b-\u200d\u2060\ufeff]"
)

_local = threading.local()


def _language(language_code: object) -> str:
    """Reduce "de-AT", "de_DE" or "DE" to "de", and anything unusable to ""."""
    if not isinstance(language_code, str):
        return ""
    return language_code.strip().lower().replace("_", "-").split("-", 1)[0]


def _stemmer(name: str):
    # Snowball stemmers keep their word in the instance, so each thread has its own.
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(name)
    if stemmer is None:
        stemmer = stemmers[name] = snowballstemmer.stemmer(name)
    return stemmer


@lru_cache(maxsize=100_000)
def _stem(name: str, word: str) -> str:
    return _stemmer(name).stemWord(word)


def _plain_text(text: object, limit: int) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = _TAG_RE.sub(" ", text[:limit])
    return unicodedata.normalize("NFC", html.unescape(text))


def _words(language: str, text: object, limit: int) -> list[str]:
    """Casefolded words of a text without stop words, hyphenated compounds joined."""
    text = _plain_text(text, limit)
    if language == "tr":
        # Turkish has dotted and dotless i; casefold alone would merge them wrongly.
        text = text.replace("I", "ı").replace("İ", "i")
    text = _INVISIBLE_RE.sub("", text.casefold())
    stop_words = _STOP_WORDS.get(language, frozenset())
    words = [
        word
        for word in _WORD_RE.findall(text)
        if 1 < len(word) <= MAX_WORD_CHARS and word not in stop_words
    ]
    words += [
        joined
        for compound in _COMPOUND_RE.findall(text)
        if len(joined := _HYPHEN_RE.sub("", compound)) <= MAX_WORD_CHARS
    ]
    return words


def terms(
    language_code: object, text: object, *, limit: int = MAX_QUERY_CHARS
) -> list[str]:
    """The index terms of one text: stems of its words that are not stop words."""
    language = _language(language_code)
    stemmer_name = _STEMMER_NAMES.get(language)
    words = _words(language, text, limit)
    if stemmer_name is None:
        return words
    return [_stem(stemmer_name, word) for word in words]


def _weights(term_counts: Counter, idf) -> dict[str, float]:
    """Unit-length TF-IDF vector with sublinear term frequency."""
    weights = {
        term: (1.0 + math.log(count)) * idf(term) for term, count in term_counts.items()
    }
    norm = math.sqrt(sum(weight * weight for weight in weights.values()))
    return {term: weight / norm for term, weight in weights.items()}


class SimilarityIndex:
    """TF-IDF vectors of many documents, ready to be asked what resembles a text.

    Build it once per process (or per set of contributions), cache it — it pickles;
    put ``INDEX_VERSION`` in the cache key — and rebuild it when contributions are
    added; ``query`` never changes it, so threads may share one. Ids may be any
    hashable value and are returned as given.
    """

    def __init__(
        self,
        ids: list[Hashable],
        postings: dict[str, tuple[array, array]],
        idf: dict[str, float],
    ):
        self.version = INDEX_VERSION
        self._ids = ids
        # term -> (document positions, weights of the term in those documents)
        self._postings = postings
        self._idf = idf
        # Smoothed idf of a term no document has: the query vector keeps its length,
        # so words unseen in any contribution lower every score, as they should.
        self._unseen_idf = math.log(len(ids) + 1) + 1.0

    @classmethod
    def build(cls, documents: Iterable[Document]) -> SimilarityIndex:
        """Index ``(id, language_code, text)`` documents, read once (a generator will do)."""
        ids: list[Hashable] = []
        term_counts: list[Counter] = []
        document_frequency: Counter = Counter()
        # Stemming is the slow part: stem each distinct word once per language.
        stems: dict[str, dict[str, str]] = {}
        for document_id, language_code, text in documents:
            language = _language(language_code)
            words = _words(language, text, MAX_DOCUMENT_CHARS)
            stemmer_name = _STEMMER_NAMES.get(language)
            if stemmer_name is not None:
                known = stems.setdefault(stemmer_name, {})
                stemmer = _stemmer(stemmer_name)
                words = [
                    known.get(word) or known.setdefault(word, stemmer.stemWord(word))
                    for word in words
                ]
            counts = Counter(words)
            ids.append(document_id)
            term_counts.append(counts)
            document_frequency.update(counts.keys())

        n = len(ids)
        idf = {
            term: math.log((1 + n) / (1 + df)) + 1.0
            for term, df in document_frequency.items()
        }
        postings: dict[str, tuple[array, array]] = {}
        for position, counts in enumerate(term_counts):
            if not counts:
                continue
            for term, weight in _weights(counts, idf.__getitem__).items():
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = (array("I"), array("d"))
                posting[0].append(position)
                posting[1].append(weight)
        return cls(ids, postings, idf)

    def __len__(self) -> int:
        return len(self._ids)

    def query(
        self,
        language_code: object,
        text: object,
        *,
        k: int = DEFAULT_K,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> list[tuple[Hashable, float]]:
        """The ``k`` most similar documents as ``(id, score)``, best first.

        Scores are cosine similarities in [0, 1]; only those at or above
        ``threshold`` are returned, ties in the order the documents were indexed.
        Any text and language code is accepted: the worst is an empty list.
        """
        counts = Counter(terms(language_code, text, limit=MAX_QUERY_CHARS))
        if k <= 0 or not counts:
            return []
        unseen_idf = self._unseen_idf
        query_vector = _weights(counts, lambda term: self._idf.get(term, unseen_idf))

        # A flat list beats a dict here: 20,000 floats are allocated in microseconds,
        # and the loop over long postings lists is where a query spends its time.
        scores = [0.0] * len(self._ids)
        for term, query_weight in query_vector.items():
            posting = self._postings.get(term)
            if posting is None:
                continue
            for position, weight in zip(*posting, strict=True):
                scores[position] += query_weight * weight

        # Documents sharing no term score 0 and are never similar, whatever threshold.
        floor = max(threshold, 1e-9)
        best = heapq.nsmallest(
            k,
            (
                (-score, position)
                for position, score in enumerate(scores)
                if score >= floor
            ),
        )
        return [
            (self._ids[position], min(-negative, 1.0)) for negative, position in best
        ]
