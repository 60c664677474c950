"""A name right after the office it holds, in a sentence of news (stop 43, round 24's look-alikes).

"Siemens-Chef Roland Busch kündigte ... 178,44 €", "O presidente do Banco Central, Gabriel Galípolo, disse ...",
"Голова НБУ Андрій Пишний повідомив ...", "قال محافظ البنك المركزي المصري حسن عبد الله ...": an office's holder
reported on is a public figure. Not a customer beside them, not a name after an office in a sentence that reports
nothing (no reporting verb, no market figure)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Siemens-Chef Roland Busch kündigte am Donnerstag ein Aktienrückkaufprogramm über bis zu 6 Mrd. € an.", "Roland Busch"),
        ("Le PDG de TotalEnergies, Patrick Pouyanné, a annoncé un rachat d'actions de 2 Md$.", "Patrick Pouyanné"),
        ("O presidente do Banco Central, Gabriel Galípolo, disse que o Copom manterá a Selic em 15%", "Gabriel Galípolo"),
        ("Riksbankschefen Erik Thedéen meddelade att styrräntan sänks till 2,25 procent", "Erik Thedéen"),
        ("Gavana wa Benki Kuu ya Kenya Kamau Thugge alisema kiwango cha CBR kimeshushwa hadi 10.75%", "Kamau Thugge"),
        ("Голова НБУ Андрій Пишний повідомив, що облікову ставку збережено на рівні 15,5 %", "Андрій Пишний"),
        ("قال محافظ البنك المركزي المصري حسن عبد الله إن الاحتياطي الأجنبي ارتفع إلى 47.1 مليار دولار", "حسن عبد الله"),
    ],
)
def test_an_office_holder_in_news_stays(chain, text, name):
    # GIVEN a name after the office it holds, in a sentence that reports  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert name in out, out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Minister's office: the refund for customer Jane Doe is approved, she said 5% fee waived", "Jane Doe"),
        ("Le président de l'association, M. Jean Dupont, habite 12 rue des Lilas", "Jean Dupont"),
    ],
)
def test_a_person_beside_an_office_or_after_one_without_news_is_masked(chain, text, name):
    # GIVEN a customer after an office's word, an office holder in a sentence that reports nothing
    # WHEN stored  THEN the name is not
    out = stored_text(chain, text)
    assert name not in out, out
