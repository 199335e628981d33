"""The similarity engine on its own: plain data in, ranked ids out, no database."""

import pickle

import pytest

from mitplan.contributions.similarity import (
    DEFAULT_THRESHOLD,
    MAX_QUERY_CHARS,
    SimilarityIndex,
    terms,
)

DOCUMENTS = [
    ("de-sprachkurse", "de", "Abendliche Sprachkurse für Eltern anbieten"),
    ("de-baeume", "de", "Mehr Bäume in der Innenstadt pflanzen"),
    ("de-radweg", "de", "Der Radweg an der Hauptstraße ist zu gefährlich"),
    ("de-senioren", "de", "Sprachkurse für Senioren in der Stadtbibliothek"),
    ("en-classes", "en", "Offer evening language classes for parents"),
    ("en-trees", "en", "Plant more trees along the river"),
    ("tr-park", "tr", "Mahallede çocuklar için parklar yapılsın"),
    ("tr-otobus", "tr", "Otobüs durağına bir çatı lazım"),
    ("ar-lessons", "ar", "نحتاج دروس لغة مسائية للآباء"),
    ("empty", "de", ""),
]


@pytest.fixture(scope="module")
def index():
    return SimilarityIndex.build(DOCUMENTS)


def ids(results):
    return [document_id for document_id, _score in results]


def test_german_query_finds_the_german_duplicate_despite_other_inflection(index):
    results = index.query("de", "Mehr Sprachkurse für Eltern am Abend")
    assert ids(results)[0] == "de-sprachkurse"
    assert results[0][1] > 0.5


def test_english_query_finds_the_english_duplicate_despite_other_inflection(index):
    results = index.query("en", "Language classes for parents in the evenings")
    assert ids(results)[0] == "en-classes"
    assert results[0][1] > 0.5


def test_turkish_stems_match_inflected_forms_with_no_word_in_common(index):
    query = "Çocuklarımız için mahallemizde park"
    document_words = set(DOCUMENTS[6][2].casefold().split())
    assert not document_words & set(query.casefold().split()) - {"için"}
    assert ids(index.query("tr", query)) == ["tr-park"]


def test_unrelated_texts_score_below_the_threshold(index):
    assert index.query("de", "Das Schwimmbad sanieren und länger öffnen") == []
    assert index.query("en", "Repair the swimming pool") == []


def test_a_query_of_stop_words_only_returns_nothing(index):
    assert terms("de", "und oder aber mit dem für die") == []
    assert index.query("de", "und oder aber mit dem für die") == []
    assert index.query("en", "the and of for with") == []


def test_results_are_ranked_best_first(index):
    results = index.query("de", "Sprachkurse für Eltern", threshold=0.0)
    assert ids(results)[:2] == ["de-sprachkurse", "de-senioren"]
    scores = [score for _id, score in results]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < score <= 1.0 for score in scores)


def test_no_more_than_k_results_are_returned(index):
    query = "Sprachkurse für Eltern"
    assert len(index.query("de", query, threshold=0.0)) == 2
    assert ids(index.query("de", query, k=1, threshold=0.0)) == ["de-sprachkurse"]
    assert index.query("de", query, k=0) == []


def test_documents_sharing_no_term_are_not_returned_even_at_threshold_zero(index):
    assert ids(index.query("de", "Radweg", threshold=0.0)) == ["de-radweg"]


def test_an_identical_text_scores_one(index):
    [(document_id, score)] = index.query("de", DOCUMENTS[2][2], k=1)
    assert document_id == "de-radweg"
    assert score == pytest.approx(1.0)


def test_region_and_case_of_the_language_code_do_not_matter(index):
    expected = index.query("de", "Mehr Sprachkurse für Eltern am Abend")
    for code in ["de-AT", "de_DE", "DE", " de "]:
        assert index.query(code, "Mehr Sprachkurse für Eltern am Abend") == expected


@pytest.mark.parametrize("code", ["xx", "", None, 42, "🙂", "de-" * 1000])
def test_an_unknown_language_is_matched_unstemmed_without_crashing(index, code):
    assert ids(index.query(code, "Radweg Hauptstraße")) == ["de-radweg"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        12345,
        "   \n\t ",
        "🎉🎉🎉 👍",
        "<script>alert(1)</script>",
        "<b>Radweg</b> &amp; <i>Hauptstraße</i>",
        "<<<<<" * 10_000,
        "a" * 100_000,
        "Radweg " * 20_000,
        "\x00\ufeff\u200b\ud800",
        "ـــ\u064b\u0301",
    ],
)
def test_bad_input_never_raises(index, text):
    results = index.query("de", text)
    assert isinstance(results, list)


def test_html_tags_are_ignored_and_entities_decoded():
    assert terms("de", "<p>Radweg &amp; <a href='x'>Hauptstraße</a></p>") == [
        "radweg",
        "hauptstrass",
    ]


def test_a_long_query_is_cut_to_its_first_characters():
    text = "Radweg " * MAX_QUERY_CHARS
    assert len(terms("de", text)) == MAX_QUERY_CHARS // len("Radweg ") + 1


def test_hyphenated_compounds_count_as_parts_and_as_the_joined_word():
    index = SimilarityIndex.build([(1, "de", "Ein Elternkindcafé im Stadtteil")])
    assert "elternkindcafé" in terms("de", "Eltern-Kind-Café")
    assert ids(index.query("de", "Eltern-Kind-Café", threshold=0.0)) == [1]


def test_texts_in_different_languages_rarely_match(index):
    results = index.query("de", "Abendliche Sprachkurse für Eltern anbieten", k=10)
    assert ids(results) == ["de-sprachkurse"]


def test_an_empty_index_answers_every_query_with_nothing():
    index = SimilarityIndex.build([])
    assert len(index) == 0
    assert index.query("de", "Radweg") == []


def test_documents_may_come_from_a_generator_and_have_any_hashable_id():
    documents = (
        (("contribution", number), "de", text)
        for number, text in enumerate(["Radweg sanieren", "Bäume pflanzen"])
    )
    index = SimilarityIndex.build(documents)
    assert ids(index.query("de", "Radwege sanieren")) == [("contribution", 0)]


def test_the_index_pickles_and_unpickles_with_identical_results(index):
    restored = pickle.loads(pickle.dumps(index))
    for language, text in [
        ("de", "Mehr Sprachkurse für Eltern am Abend"),
        ("en", "Language classes for parents"),
        ("tr", "Çocuklarımız için mahallemizde park"),
        ("de", "Sprachkurse"),
    ]:
        assert restored.query(language, text, threshold=0.0) == index.query(
            language, text, threshold=0.0
        )
    assert restored.version == index.version


def test_sharing_one_ordinary_word_of_several_is_not_similar_enough(index):
    query = "Eltern wünschen sich ein Schwimmbad mit Sauna und Rutsche"
    [(document_id, score)] = index.query("de", query, threshold=0.0)
    assert document_id == "de-sprachkurse"
    assert score < DEFAULT_THRESHOLD
    assert index.query("de", query) == []
