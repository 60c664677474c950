"""Conditions of 63 languages' everyday messages that conditions.tsv lacked until stop 42 (round 23): masked
in a text about someone, kept where no one is named or as a word that only looks like one."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Hej! Min dotter Lena Berg har migrän och stannar hemma i dag, ring 073-412 88 09.", "migrän"),
        ("Maija Virtanen on kotona, lapsella on korvatulehdus.", "korvatulehdus"),
        ("Mama yangu Amina Musa ina da hawan jini, don Allah a kira 0803 123 4567.", "hawan jini"),
        ("Patient Dale Kowalski was admitted with acute pancreatitis yesterday.", "pancreatitis"),
        ("Ο κ. Γιώργος Παπαδόπουλος έχει κολπική μαρμαρυγή.", "κολπική μαρμαρυγή"),
    ],
)
def test_a_condition_of_someone_named_is_masked(chain, text, condition):
    # GIVEN a message naming a person and their condition in the words people use
    # WHEN stored  THEN the condition is not
    out = stored_text(chain, text)
    assert condition not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Migrän: så minskar du risken – fem råd från 1177.",
        "Kolory jaskrawe na jesień: nowa kolekcja",
        "Der Digital Services Act (DSA) gilt seit 2024.",
    ],
)
def test_a_topic_and_a_word_that_only_looks_like_a_condition_are_kept(chain, text):
    # GIVEN an article's title about a condition, a word that starts like one, an abbreviation of a law
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text
