"""Health details in free text (transforms/builtin/_pii_health.py), through the default chain: a
diagnosis after its word, a medication with its dose that someone takes; and the look-alikes that
stay (a pharmacy's catalogue, a machine's diagnostics)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored, stored_body  # noqa: F401  (the chain fixture)


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


@pytest.mark.parametrize(
    ("text", "health"),
    [
        # a condition with no word before it, in a text about someone's health (a medication found)
        ("Übergabe Station 4B: Fr. Gruber – Hypertonie, Ramipril 5 mg 1-0-0, Sturzgefahr.", ["Hypertonie", "Ramipril 5 mg"]),
        ("Diabetes mellitus Typ 2, nimmt Metformin 1000 mg 1-0-1, HbA1c zuletzt 7,9 %", ["Diabetes mellitus Typ 2", "Metformin"]),
        # a prescription's schedule makes a medication and its dose someone's without a taking word
        ("Förmaksflimmer; Eliquis 5 mg x 2", ["Eliquis 5 mg", "Förmaksflimmer"]),
        ("Beteg: Molnár István, 67 é., dg.: pitvarfibrilláció, Xarelto 20 mg 1x1", ["pitvarfibrilláció", "Xarelto 20 mg"]),
        # a medication after a diagnosis in the same sentence, or after "starting"
        ("Pacjentka lat 34, rozpoznanie: niedoczynność tarczycy, Euthyrox 50 µg - skierowanie", ["Euthyrox 50 µg"]),
        ("My BP has been around 160/100 since starting Lisinopril 20 mg, should I increase it?", ["Lisinopril 20 mg"]),
        ("bệnh nhân 58 tuổi, chẩn đoán tăng huyết áp, dùng Amlodipin 5 mg.", ["tăng huyết áp", "Amlodipin 5 mg"]),
        # someone saying they have a condition
        ("I have mild asthma, so please no feather pillows", ["asthma"]),
        ("Hola, tengo diabetes tipo 2 y necesito un menú especial", ["diabetes tipo 2"]),
        ("Ich leide an Migräne und brauche ein ruhiges Zimmer", ["Migräne"]),
    ],
)
def test_conditions_and_prescriptions_in_a_text_about_someones_health_are_masked(chain, text, health):
    # GIVEN a note, a message or a handover that tells someone's conditions and medications
    out = stored(chain, text)
    # THEN none of them is stored
    assert [h for h in health if h in out] == [], out


@pytest.mark.parametrize(
    "text",
    [
        "Understanding Hodgkin lymphoma, Tourette syndrome and Crohn's disease — patient information leaflet",
        "Nhà thuốc: Panadol Extra hộp 15 vỉ x 12 viên 195.000₫; Efferalgan 500mg hộp 16 viên sủi 52.000₫.",
        "World Diabetes Day: free screening at the town hall on 14 November",
        "I have to admit: asthma inhalers are cheaper here",
        "Vitamin C 500 mg daily dose, 60 capsules, 7.99 EUR",
    ],
)
def test_a_leaflet_a_pharmacys_prices_and_a_condition_named_by_no_one_stay(chain, text):
    # GIVEN a text naming conditions or medications about no one  WHEN stored  THEN it is kept whole
    assert stored(chain, text) == text


def test_medications_and_diagnoses_under_their_field_names_in_more_languages_are_masked(chain):
    # GIVEN a referral's and a prescription's fields in Dutch, Swedish, Hungarian and Chinese
    body = {"verwijzing": {"id": "VW-55071", "diagnose": "Ziekte van Crohn", "medicatie": "Azathioprine 100 mg dd"},
            "remiss": {"diagnos": "Förmaksflimmer", "lakemedel": "Eliquis 5 mg x 2"},
            "lelet": {"gyógyszerek": ["Xarelto 20 mg"]}, "病历": {"用药": "二甲双胍 0.5g"},
            "diagnostics": {"uptime_s": 5120}}
    out = stored_body(chain, body)
    # THEN each value is masked as health data, and a machine's diagnostics stay
    assert out == {"verwijzing": {"id": "VW-55071", "diagnose": "[health]", "medicatie": "[health]"},
                   "remiss": {"diagnos": "[health]", "lakemedel": "[health]"},
                   "lelet": {"gyógyszerek": ["[health]"]}, "病历": {"用药": "[health]"},
                   "diagnostics": {"uptime_s": 5120}}


@pytest.mark.parametrize(
    ("text", "health"),
    [
        # a clinical note: a patient's word and the patient's name in it make its conditions and
        # medications the patient's, whatever follows the dose
        ("Clinic B - Patient: Eitan Ben-David, DOB 11.02.1977, Crohn's disease, Humira 40 mg q2w", ["Crohn's disease", "Humira"]),
        ("Bed 12: Patient Koh Ah Huat, 71M, Parkinson's disease, Madopar 125 mg tds", ["Parkinson", "Madopar"]),
        ("【内科外来】患者：小林 直樹様（52歳）高血圧症、アムロジピン5mg 1日1回。", ["高血圧症", "アムロジピン"]),
        ("환자 윤상철(65세) 당뇨병, 메트포르민 500mg 1일 2회 복용 중", ["당뇨병", "메트포르민"]),
        ("العيادة 3: المريض خالد الشهري، 49 سنة، مصاب بارتفاع ضغط الدم، يتناول أملوديبين 10 ملغ", ["ضغط الدم", "أملوديبين"]),
        ("Poliklinik 4: Hasta Fatma Çelik, 57 yaş, tanı: KOAH, tedavi: Seretide 50/500 mcg 2x1", ["KOAH", "Seretide"]),
        ("Rom 312: Pasienten Kari Nordby (45) innlagt med lungebetennelse, får Penicillin 1,2 g x 4 iv.", ["lungebetennelse", "Penicillin"]),
    ],
)
def test_a_patients_note_masks_its_conditions_and_medications(chain, text, health):
    # GIVEN a clinical note about a named patient  WHEN stored  THEN no condition or medication is left
    out = stored(chain, text)
    assert [h for h in health if h in out] == [], out


@pytest.mark.parametrize(
    "text",
    [
        "Dear Mr Smith, your 500 g of flour and the cake tin have shipped",
        "The patient portal is down for maintenance until 14:00",
    ],
)
def test_a_persons_order_and_a_patient_portals_notice_keep_their_words(chain, text):
    # GIVEN a text with a person or a patient's word and no health details
    out = stored(chain, text)
    # THEN its amounts and words stay (only the name goes)
    assert "500 g of flour" in out if "flour" in text else out == text


def test_a_condition_field_is_health_data_when_it_names_one_and_a_patients_note_is_read_whole(chain):
    # GIVEN a referral whose condition is a disease, an item whose condition is its state, and a
    # note whose patient is named after the patient's word
    body = stored_body(chain, {"referral": {"condition": "Type 1 diabetes"}, "item": {"condition": "used"}})
    note = stored(chain, "Se agendó cita para la paciente Marcela Quintero: diagnóstico lupus eritematoso sistémico, "
                         "hidroxicloroquina 200 mg.")
    leaflet = "Patient Information Leaflet: Ibuprofen 400 mg tablets"
    # THEN the disease and the note's medication are masked; the item's state and the leaflet stay
    assert body == {"referral": {"condition": "[health]"}, "item": {"condition": "used"}}
    assert "hidroxicloroquina" not in note and "lupus" not in note
    assert stored(chain, leaflet) == leaflet


@pytest.mark.parametrize(
    ("text", "health"),
    [
        ("Freddie has chickenpox, so he stays home this week", ["chickenpox"]),
        ("mi hija tiene dengue desde ayer", ["dengue"]),
        ("Lukas hat Läuse, bitte alle Eltern informieren", ["Läuse"]),
        ("she is pregnant, due in March", ["pregnant"]),
        ("Kontrolle: HbA1c 8.9, LDL 3,4 mmol/L, BNP 842 pg/mL", ["8.9", "3,4 mmol", "842 pg"]),
    ],
)
def test_a_condition_someone_has_and_a_lab_result_are_masked(chain, text, health):
    out = stored(chain, text)
    assert [h for h in health if h in out] == [], out


@pytest.mark.parametrize(
    "text",
    ["This app has cancer research articles", "Our clinic has flu vaccine appointments on Mondays",
     "Normal fasting glucose: 70-100 mg/dL", "Route ALT 5 is closed", "target HbA1c below 7 %"],
)
def test_a_condition_as_a_topic_and_a_reference_range_stay(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "health"),
    [
        ("Hallo, ich bin's, Jürgen Weißhaupt. Meine Frau Gudrun liegt seit Montag mit Lungenentzündung im Klinikum.",
         ["Lungenentzündung"]),
        ("Hi, it's Dylan Whitehorse. I need to rebook my son Tyler's appointment for his ear infection.",
         ["ear infection"]),
        ("Mi abuela Encarnación Gómez tiene cita el jueves. Mi móvil es 612 34 56 78, es por la migraña.", ["migraña"]),
        ("Poštovani, moj otac Stjepan Babić je u bolnici, tuberkuloza. Molim kontakt na 091 234 5678.", ["tuberkuloza"]),
        # a medication with its dose, for the person named (no taking word, no schedule)
        ("Vorrei sapere se la ricetta per mio marito Gennaro Esposito (Cardioaspirina 100 mg) è pronta.",
         ["Cardioaspirina 100 mg"]),
        ("Dear Jane Doe, your Ibuprofen 400 mg, 20 tablets, has shipped", ["Ibuprofen 400 mg"]),
        # an ailment told by its shape: a compound, a bone broken or its fracture, a pain where it hurts
        ("Hallo, hier Theresa Wimmer, meine Mutter hat einen Hüftbruch und Rückenschmerzen.", ["Hüftbruch", "Rückenschmerzen"]),
        ("Hi Jane Doe here, I have lower back pain after a fall and a broken left wrist.", ["lower back pain", "broken left wrist"]),
        ("Hola, soy Ana García, tengo una fractura de muñeca izquierda.", ["fractura de muñeca"]),
        ("Hei, Arne Hansen har lungekreft.", ["lungekreft"]),
        # an allergy or a tear by its compound, a wheelchair, sick leave, a heart attack
        ("Mein Name ist Anna Frischknecht. Meine Tochter hat eine schwere Nussallergie.", ["Nussallergie"]),
        ("Kontrolle nach Knie-OP (Meniskusriss links) für Florian Gruber", ["Meniskusriss"]),
        ("Hei, Eirik Haugen her. Jeg er i rullestol, så jeg trenger plass.", ["i rullestol"]),
        ("Leave it with Dolores Smith, she uses a walker", ["uses a walker"]),
        ("Il sig. Salvatore Esposito è ricoverato dopo un infarto.", ["infarto"]),
        # a condition in a script without spaces
        ("老师好,我是陳柏翰的媽媽,柏翰這兩天得了腸病毒,先請假到週五。", ["腸病毒"]),
    ],
)
def test_a_condition_in_a_text_about_someone_is_masked_without_a_word_before_it(chain, text, health):
    # GIVEN a message that names a person (masked) and a condition no cue introduces
    out = stored(chain, text)
    # THEN the condition is masked as theirs
    assert [h for h in health if h in out] == [] and "[health]" in out


@pytest.mark.parametrize(
    "text",
    [
        "Diabetes awareness week: call 0800 123 456 for free screening",
        "New asthma inhaler in stock, 12.99 EUR",
        "Flu vaccine clinic opens Monday at the town hall",
        "Dear [name], our cancer research fund thanks you",
        "Dear [name], the back pain relief cushion has shipped",
        "Dear [name], your broken-in leather jacket has shipped",
        "Ibuprofen 400 mg, 20 tablets, 4.99 EUR; ask your pharmacist",
    ],
)
def test_a_condition_with_no_one_it_belongs_to_or_as_a_topic_stays(chain, text):
    # GIVEN a condition named with no person in the text, or as a topic ("cancer research") beside one
    # WHEN stored  THEN the condition stays
    out = stored(chain, text)
    assert "[health]" not in out


def test_in_hash_mode_a_pseudonymised_person_makes_the_text_about_someone_too():
    # GIVEN hash mode, where a name becomes a keyed pseudonym rather than [name]
    from transforms.testing import make_record, run_transform

    record = make_record(request={"body": {"message": "Hallo, ich bin Jürgen Weißhaupt, meine Frau liegt mit Lungenentzündung im Klinikum."}})
    # WHEN pii runs
    out = run_transform("pii", record, options={"mode": "hash", "hash_key": "k" * 32})["request"]["body"]["message"]
    # THEN the name is a pseudonym and the condition is not stored either
    assert "Weißhaupt" not in out and "name:" in out
    assert "Lungenentzündung" not in out and "health:" in out



def test_a_persons_accessibility_needs_and_a_diagnosiss_text_are_health_a_venues_are_not(chain):
    body = {"attendees": [{"name": "Raj Patel", "accessibility": "wheelchair user, needs step-free access"}],
            "claim": {"diagnosisText": "malignant neoplasm of right breast"}, "venue": {"accessibility": "step-free"}}
    assert stored_body(chain, body) == {"attendees": [{"name": "[name]", "accessibility": "[health]"}],
                                        "claim": {"diagnosisText": "[health]"}, "venue": {"accessibility": "step-free"}}
