"""Names in capitals after their label, as OCR of ID cards and bank statements print them
(``_pii_caps.py``): under a label line, after a label with no colon, after a term of address
or a payer's word. Through the default chain, as the consumer runs it."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("BUNDESREPUBLIK DEUTSCHLAND  PERSONALAUSWEIS\nName / Surname\nMÜLLER-LÜDENSCHEIDT\nVornamen / Given names\n"
         "ANNEGRET\nStaatsangehörigkeit / Nationality  DEUTSCH", ["MÜLLER-LÜDENSCHEIDT", "ANNEGRET"]),
        ("Паспорт РФ (распознано): Фамилия ЛЕБЕДЕВ Имя АРТЁМ Отчество ВЛАДИМИРОВИЧ", ["ЛЕБЕДЕВ", "АРТЁМ", "ВЛАДИМИРОВИЧ"]),
        ("Constancia (OCR)\nNombre (s): ANA KAREN\nPrimer Apellido: HERNÁNDEZ", ["ANA KAREN", "HERNÁNDEZ"]),
        ("Carte Vitale (OCR) :\nASSURANCE MALADIE\nMME DELPHINE LEMAIRE-KOUASSI\nCarte émise le 12/03/2019",
         ["DELPHINE LEMAIRE-KOUASSI"]),
        ("Przelew przychodzący\nNadawca: JAN KOWALCZYK\nTytuł: FV/2024/03/118 zaliczka", ["JAN KOWALCZYK"]),
        ("ΔΕΛΤΙΟ ΤΑΥΤΟΤΗΤΑΣ\nΕπώνυμο / Surname\nΠΑΠΑΔΟΠΟΥΛΟΥ\nΌνομα / Name\nΔΗΜΗΤΡΑ", ["ΠΑΠΑΔΟΠΟΥΛΟΥ", "ΔΗΜΗΤΡΑ"]),
    ],
)
def test_a_name_in_capitals_after_its_label_is_masked(chain, text, names):
    # GIVEN a holder's name in capitals under or after a name's label, a term of address or a payer's word
    # WHEN stored  THEN it is masked
    out = stored_text(chain, text)
    for name in names:
        assert name not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Staatsangehörigkeit / Nationality\nDEUTSCH\nGültig bis 30.06.2032", ["DEUTSCH"]),
        ("Product name\nWIDGET PRO\nStatus: ACTIVE", ["WIDGET PRO", "ACTIVE"]),
        ("MR 2024 report: Q3 FINAL", ["MR 2024", "Q3 FINAL"]),
        ("Status\nSHIPPED\nCarrier\nDHL EXPRESS", ["SHIPPED", "DHL EXPRESS"]),
    ],
)
def test_capitals_under_another_label_are_kept(chain, text, kept):
    # GIVEN capitals under a label that names no person
    # WHEN stored  THEN they stay
    out = stored_text(chain, text)
    for value in kept:
        assert value in out, out
