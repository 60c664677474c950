"""Health details in free text (transforms/builtin/_pii_health.py), through the default chain: a
diagnosis after its word, a medication with its dose that someone takes; and the look-alikes that
stay (a pharmacy's catalogue, a machine's diagnostics)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored  # noqa: F401  (the chain fixture)


@pytest.mark.parametrize(
    ("text", "health"),
    [
        ("Patient diagnosed with type 2 diabetes, started on Metformin 500 mg twice daily.",
         ["type 2 diabetes", "Metformin 500 mg"]),
        ("Mgonjwa amegunduliwa na kisukari aina ya 2, anatumia dawa.", ["kisukari aina ya 2"]),
        ("Пациентът, с диагноза артериална хипертония II ст., приема Лозап 50 мг сутрин.",
         ["артериална хипертония", "Лозап 50 мг"]),
        ("Pasient har KOLS grad 3 og bruker Spiriva Respimat 2,5 mikrogram.", ["Spiriva Respimat 2,5 mikrogram"]),
        ("Diagnose: Herzinsuffizienz, Termin am Montag", ["Herzinsuffizienz"]),
        ("Pasien, diagnosa TB paru, terapi OAT kategori 1.", ["TB paru"]),
        ("diagnóstico: fibrilación auricular; toma Sintrom 4 mg", ["fibrilación auricular", "Sintrom 4 mg"]),
    ],
)
def test_a_diagnosis_after_its_word_and_a_medication_taken_with_its_dose_are_masked(chain, text, health):
    # GIVEN a clinic's note, a message or a log that says what someone has or takes
    out = stored(chain, text)
    # THEN neither the condition nor the medication is stored, and [health] stands in their place
    assert [h for h in health if h in out] == [] and "[health]" in out


@pytest.mark.parametrize(
    "text",
    [
        "Ibuprofen 400 mg, 20 tablets, 4.99 EUR",
        "Paracetamol 500 mg Filmtabletten, 20 Stück",
        "Diagnostics: all systems OK",
        "The diagnosis was a disk full error",
        "Run the diagnosis tool before you call support",
        "Dose: 5 ml per kg; store below 25°C",
        "sprite moved dx: 120, dy: 40",
    ],
)
def test_a_catalogue_a_machines_diagnostics_and_a_dose_alone_stay(chain, text):
    # GIVEN a product and its strength, a system's diagnosis, a dose with no one taking it
    # WHEN stored  THEN kept whole
    assert stored(chain, text) == text
