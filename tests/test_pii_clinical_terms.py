"""Clinical words of the most common diagnoses and procedures (conditions.tsv since stop 43): the words of
referrals, discharge letters, sick notes, claims and patients' messages, masked in a text about a named
person; kept in a topic's title, a product's or a catalogue's text that names no one."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Patient John Miller was admitted with polymyalgia rheumatica.", "polymyalgia rheumatica"),
        ("Patient John Miller, DOB 02/03/1951, has pulmonary tuberculosis.", "pulmonary tuberculosis"),
        ("Referral: Ms Alison Hart, DOB 02/03/1981, atrial fibrillation and congestive heart failure.", "atrial fibrillation"),
        ("Mrs Joan Baker (NHS no 485 777 3457) is recovering from a laparoscopic cholecystectomy.", "laparoscopic cholecystectomy"),
        ("Patient Dale Kowalski has seronegative RA and a venous leg ulcer.", "seronegative RA"),
        ("Referral: Mr Paolo Ferri, 67, lombosciatalgia acuta destra, richiesta RMN.", "lombosciatalgia acuta"),
        ("Il paziente Marco Bianchi ha una frattura del femore, chiamare 347 109 2854.", "frattura del femore"),
        ("Frau Anna Keller (geb. 03.04.1950) mit Vorhofflimmern.", "Vorhofflimmern"),
        ("Frau Anna Keller (geb. 03.04.1950) leidet an Gonarthrose beidseits.", "Gonarthrose beidseits"),
        ("Herr Peter Huber, geb. 12.05.1948, Ulcus cruris venosum rechts.", "Ulcus cruris"),
        ("La paciente Ana Ruiz Soto, DNI 12345678Z, ingresa por colecistitis aguda litiásica.", "colecistitis aguda litiásica"),
        ("El paciente Juan Pérez, DNI 12345678Z, tiene fibrilación auricular.", "fibrilación auricular"),
        ("Paciente Juliana Pereira dos Santos, CPF 123.456.789-09, com gonartrose bilateral grau III.", "gonartrose bilateral"),
        ("A paciente Maria Silva, CPF 123.456.789-09, tem insuficiência cardíaca.", "insuficiência cardíaca"),
        ("M. Jean Dupont, né le 12/03/1950, est hospitalisé pour une pneumopathie d'inhalation.", "pneumopathie d'inhalation"),
        ("Mme Claire Martin, née le 2 mai 1960, opérée d'une prothèse totale de hanche.", "prothèse totale de hanche"),
        ("Mevrouw Anja de Vries, geboren 3 mei 1950, heeft boezemfibrilleren.", "boezemfibrilleren"),
        ("Pani Anna Kowalska, PESEL 44051401458, ma migotanie przedsionków.", "migotanie przedsionków"),
        ("Pacjent Jan Nowak, PESEL 44051401458, po operacji kolana.", "operacji kolana"),
        ("Пациентка Ирина Петрова, тел. +7 912 345-67-89, фибрилляция предсердий.", "фибрилляция предсердий"),
        ("Pacientka Jana Nováková, r. č. 785612/1234, má fibrilace síní.", "fibrilace síní"),
        ("Kovács Anna betegnek pitvarfibrillációja van, tel. +36 30 123 4567.", "pitvarfibrilláció"),
        ("Pacienta Maria Popescu, CNP 2850101123456, are ciroză hepatică compensată.", "ciroză hepatică"),
        ("Hasta Ayşe Yılmaz, tel. 0532 123 45 67, kalp yetmezliği tanısı aldı.", "kalp yetmezliği"),
        ("Patienten Lena Berg, tel. 073-412 88 09, har förmaksflimmer.", "förmaksflimmer"),
        ("Potilas Maija Virtanen, puh. 040 123 4567, sydämen vajaatoiminta.", "sydämen vajaatoiminta"),
        ("Mae gan Gwen Morgan sglerosis ymledol, ffoniwch 07700 900123.", "sglerosis ymledol"),
        ("Ο κ. Γιώργος Παπαδόπουλος έχει καρδιακή ανεπάρκεια.", "καρδιακή ανεπάρκεια"),
        ("Пацієнтка Олена Бондаренко, тел. +380 67 123 4567, фібриляція передсердь.", "фібриляція передсердь"),
        ("Pacijent Marko Horvat, tel. 091 234 5678, po operaciji križnih vezi.", "operaciji križnih vezi"),
    ],
)
def test_a_clinical_term_in_a_note_about_a_named_patient_is_masked(chain, text, condition):
    # GIVEN a clinician's or a patient's note naming a person and a diagnosis or a procedure
    # WHEN stored
    out = stored_text(chain, text)
    # THEN the diagnosis or procedure is not
    assert condition not in out and "[health]" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Polymyalgia rheumatica awareness week starts Monday.",
        "Tuberculose pulmonaire : un guide pour les soignants",
        "Fibrilación auricular: guía clínica 2024",
        "Vorhofflimmern: Leitlinie der Fachgesellschaft, neue Auflage",
        "Knee replacement recovery kit: ice pack, compression sleeve and grab bar.",
        "Catalogue: Hip arthroplasty implant, cemented, size 3.",
        "Webinar: lombosciatalgia acuta, diagnosi e trattamento",
        "Gonartrose: oefeningen en tips voor thuis",
        "Migotanie przedsionków – objawy i leczenie",
        "Insuficiência cardíaca: sintomas e tratamento",
    ],
)
def test_a_clinical_term_in_a_topic_a_product_or_a_catalogue_is_kept(chain, text):
    # GIVEN an article's title, a product or a catalogue line that names a diagnosis and no one
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text
