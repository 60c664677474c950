"""A condition after the labels of a clinical note, in a patient's note only (stop 43, round 24).

"Dx: pulmonary TB", "Problemstilling: polymyalgia rheumatica?", "Query seronegative RA", "Chief complaint:
chest pain", "Verdacht auf ...": masked where the text is a patient's (a patient's word in it); "DX: 2024
roadmap", "Dx: 404 errors", "Problemstilling: hvordan øke salget" stay (a developer's experience, a
problem statement)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Patient: Mohamed Abdi Hassan, 42 yrs. Dx: pulmonary TB, on RHZE since 02/07/2024.", "pulmonary TB"),
        ("Pasient: Bjørg Amundsen\nProblemstilling: polymyalgia rheumatica? SR 68", "polymyalgia rheumatica"),
        ("Patient: Mr Padraig O'Sullivan\nQuery seronegative RA, morning stiffness > 1h.", "seronegative RA"),
        ("Patient seen in ED. Chief complaint: crushing chest pain since 6am", "crushing chest pain"),
        ("Paciente: Rosa Elvira Castañeda. Motivo de consulta: dolor abdominal agudo", "dolor abdominal agudo"),
        ("Patientin Frau Huber, V.a. Lungenembolie, Aufnahme über ZNA", "Lungenembolie"),
    ],
)
def test_a_condition_after_a_notes_label_in_a_patients_note_is_masked(chain, text, condition):
    # GIVEN a patient's note with a condition after its label  WHEN stored  THEN the condition is not
    out = stored_text(chain, text)
    assert condition not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "DX: 2024 roadmap for the platform team",
        "Dx: 404 errors on checkout after deploy",
        "Problemstilling: hvordan øke salget i Q3?",
        "Impression: the new banner performs 12% better",
        "Query: list all orders shipped in June",
    ],
)
def test_the_same_labels_outside_a_patients_note_stay(chain, text):
    # GIVEN the labels in a developer's, a marketer's or an analyst's text  WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text
