"""Dates of birth after the words of more languages and a German form's star, and a name after the
Uzbek label for a full name (stop 43, round 24).

"Gebuertsdag 02.06.1948" (Luxembourgish), "jaiotze data 1974/08/19" (Basque), "data naixement 12/04/1958"
(Catalan), "Туғилган сана: 12.04.1971" (Uzbek), "birthday ko July 4, 1990" (Taglish), "Meier, Gisela *
03.09.1952"; "Беморнинг Ф.И.Ш.: Холматова ..." (the label's initials are no one's)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Rendez-vous fir de Jos Kremer (Gebuertsdag 02.06.1948) op den 23. Juli", "02.06.1948"),
        ("Osakidetzako txostena: Miren Agirre (jaiotze data 1974/08/19), helbidea Kale Nagusia 18", "1974/08/19"),
        ("Dades del pacient: Jordi Puigdomènech, data naixement 12/04/1958, c/ Gran de Sant Andreu", "12/04/1958"),
        ("Беморнинг Ф.И.Ш.: Холматова Гулчеҳра Азизовна\nТуғилган сана: 12.04.1971\nТашхис", "12.04.1971"),
        ("CUSTOMER: Uh, Gutierrez po, and birthday ko July 4, 1990. AGENT: Thank you", "July 4, 1990"),
        ("Patient: Meier, Gisela * 03.09.1952\nVersichertennr.: M523989423", "03.09.1952"),
    ],
)
def test_a_birth_date_after_the_words_of_more_languages_is_masked(chain, text, date):
    # GIVEN a date of birth after its word or a form's star  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert date not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Release v2 * 2024-01-05 shipped", "2024-01-05"),
        ("Beträge: 12 * 03.09.1952 ist keine Rechnung", "03.09.1952"),
    ],
)
def test_a_star_after_a_number_stays(chain, text, kept):
    # GIVEN a star after a version or a number, not after a name  WHEN stored  THEN the date stays
    out = stored_text(chain, text)
    assert kept in out, out


def test_the_uzbek_full_name_label_is_kept_and_the_name_after_it_masked(chain):
    # GIVEN a form's label "Ф.И.Ш." (full name) before the name
    out = stored_text(chain, "Беморнинг Ф.И.Ш.: Холматова Гулчеҳра Азизовна\nТел: +998 91 660 20 83")
    # WHEN stored  THEN the label stays and the name is not
    assert "Беморнинг Ф.И.Ш." in out and "Холматова" not in out, out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('{"holder": "FAISAL A ALZAHRANI"}', "ALZAHRANI"),
        ("Contact: John A Smith, ext 12", "Smith"),
        ("السلام عليكم، سميتي فاطمة الزهراء العلوي، رقم البطاقة الوطنية", "فاطمة"),
    ],
)
def test_a_name_with_a_bare_middle_initial_or_after_darijas_my_name_is_masked(chain, text, name):
    # GIVEN a name with a middle initial and no full stop (a card's embossing), or after Darija's "my name"
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert name not in out, out


def test_an_article_between_capitalised_words_is_no_initial(chain):
    # GIVEN "Plan A Team" under a team's key  WHEN stored  THEN it stays
    assert "Plan A Team" in stored_text(chain, "The Plan A Team meets on Monday")
