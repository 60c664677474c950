"""Public figures named in news text are kept (``_pii_public.py``, ``public-figures.tsv``): a head of
government, an athlete, a writer, in their own script or in Latin letters, whole. A private
person's name beside them, and a public figure's given name alone, are still masked."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from transforms.builtin._pii_public import is_public_figure


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Olaf Scholz ist am 8. Dezember 2021 vom Deutschen Bundestag zum Bundeskanzler gewählt worden.", "Olaf Scholz"),
        ("Lionel Messi levantó la Copa del Mundo el 18 de diciembre de 2022 en el estadio de Lusail.", "Lionel Messi"),
        ("Ulf Kristersson valdes till statsminister av riksdagen den 17 oktober 2022.", "Ulf Kristersson"),
        ("Юрий Гагарин совершил первый полёт человека в космос 12 апреля 1961 года.", "Юрий Гагарин"),
    ],
)
def test_a_public_figure_in_news_text_is_kept(chain, text, kept):
    # GIVEN a public figure named whole in a news sentence
    # WHEN stored  THEN the name stays
    assert kept in stored_text(chain, text)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Hi, this is Karolina Wiśniewska, call me back on 0712 345 678 about order 5512.", "Wiśniewska"),
        ("Meine Tochter Annegret Brinkmann hat morgen einen Arzttermin, Tel. 0171 2345678.", "0171 2345678"),
        ("Li Na called: 李娜 的电话 13812345678", "13812345678"),
    ],
)
def test_a_private_persons_name_is_still_masked(chain, text, masked):
    # GIVEN a private person's name in a message
    # WHEN stored  THEN it is masked
    assert masked not in stored_text(chain, text)


def test_only_a_whole_name_is_a_public_figures():
    # GIVEN a public figure's whole name, a given name alone, and a name no list holds
    # WHEN asked  THEN only the whole name is one (accents and case aside)
    assert is_public_figure("Olaf Scholz") and is_public_figure("OLAF SCHOLZ")
    assert not is_public_figure("Olaf") and not is_public_figure("Olaf Brinkmann")
