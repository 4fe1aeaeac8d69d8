"""Stop words, stems and the guess of a board's language."""

import pytest
from opera.suggestion.language import content_words, guess, stem, stop_list

from bench.suggest_ideas import labelled


@pytest.mark.parametrize("language", ["en", "de", "fi"])
def test_the_labelled_boards_are_recognised(language: str) -> None:
    texts, _ = labelled(language)
    assert guess(texts) == language


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("sv", ["Vi behöver mer tid för de äldre och deras anhöriga", "En buss till vården"]),
        ("fr", ["Il faut un dossier partagé pour les soins", "Un bus gratuit vers la clinique"]),
        ("cy", ["Mae angen bws am ddim i'r feddygfa", "Cofnod gofal sydd yn cael ei rannu"]),
        ("en", ["A free bus to the health centre", "One shared care record for the region"]),
    ],
)
def test_other_languages_are_recognised(language: str, texts: list[str]) -> None:
    assert guess(texts) == language


def test_no_words_means_english() -> None:
    assert guess([]) == "en"
    assert guess(["42", "!!"]) == "en"


def test_content_words_keep_their_spelling_and_drop_stop_words() -> None:
    assert content_words("en", "Pay the NHS staff, at least 10 pounds!") == [
        "Pay",
        "NHS",
        "staff",
        "pounds",
    ]
    assert content_words("de", "Die Pflegekräfte und die Ärzte") == ["Pflegekräfte", "Ärzte"]


def test_stems_join_the_forms_of_a_word() -> None:
    assert stem("en", "carers") == stem("en", "carer")
    assert stem("de", "pflegekräfte") == stem("de", "pflegekraft")
    assert stem("fi", "omaishoitajille") == stem("fi", "omaishoitaja")
    assert stem("sv", "bussar") == stem("sv", "bussen")
    assert stem("fr", "soignantes") == stem("fr", "soignant")
    assert stem("cy", "gofal") == "gofal"  # Welsh: no stemmer, the word as it is
    assert "yn" in stop_list("cy")
