"""More countries' identifiers, tax numbers, health and insurance members' numbers, bank accounts
and cards, in text and under field names.

By their written shape and checksum (no cue word needed): a UAE Emirates ID, a Thai ID as printed,
a Malaysian MyKad, an Uzbek PINFL, a Mexican CLABE, an Argentine CBU, a Myanmar NRC, a Venezuelan
V-dotted cédula, a French NIR born in Corsica, an eID's PNOEE-..., a Czech account; by their cue
words: an Angolan BI, Quebec's NAM, Catalonia's CIP, a Colombian cc, Haiti's NIF, an Estonian IK,
a Greek AFM, an iqama... What stays: a company's AFM, an invoice's number after Icelandic
"Reikningur", a bank's BSB, a date under a key ending in "bi", order and tracking numbers."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # shapes with their checks
        ("Rashid Khan Afridi|784-1979-3021874-4|PAK|DIC-HB-55120|Basic", "784-1979-3021874-4"),
        ("ผู้ซื้อ: นายอนุชา พรหมวงศ์\nเลขประจำตัวผู้เสียภาษี: 3-1006-00788-21-4", "3-1006-00788-21-4"),
        ("MOHD FAIZAL BIN OTHMAN|880102-10-5513|3,800.00|418.00", "880102-10-5513"),
        ("Uzcard kartamdan 8600 3120 8874 4178 450 000 so'm yubordim", "8600 3120 8874 4178"),
        ("pago ordenante cuenta_ordenante=012180359506669847 rfc_curp_ordenante=XEXX010101000", "012180359506669847"),
        ("Transferencia de Martín Rossi, CBU origen 0070088708031702590605. Concepto: alquiler", "0070088708031702590605"),
        ("ValueError: invalid NRC format '9/MaYaTa(N)042118' for customer 4471", "9/MaYaTa(N)042118"),
        ("မှတ်ပုံတင် ၁၂/ဥကမ(နိုင်)၁၈၄၂၇၇ ဖြစ်ပါသည်", "၁၈၄၂၇၇"),
        ("Pago móvil recibido: Bs. 1.850,00 de V-18.441.203 (Banesco 0134)", "18.441.203"),
        ("Bénéficiaire: Paoli Antoine\nNIR: 1 57 03 2A 004 118 70  Caisse: CPAM Corse-du-Sud", "004 118 70"),
        ("INFO SmartIdAuthService - auth OK semanticsIdentifier=PNOEE-38001085718 givenName=MART", "38001085718"),
        ("Prosím o vrácení peněz na účet 19-2000145399/0800, objednávka CZ-22019", "2000145399"),
        ("Muraho, nitwa Uwase Diane, indangamuntu 1 1990 8 1069064 0 66. Terefone", "1069064"),
        ("СНИЛС для оформления: 162-045-401 23. Трек-номер", "162-045-401 23"),
        # cue words
        ("Dados do cliente: Nome: Manuel da Costa Neto; BI: 142265579LA547; Telefone", "142265579LA547"),
        ("Usager : Nathalie Gagnon, NAM GAGN 8461 0769, née le 1984-11-02", "8461 0769"),
        ("Dades del pacient: Jordi Puigdomènech, CIP PUVI0580412005, data naixement", "PUVI0580412005"),
        ("Buenas, le escribe Andrés Felipe Cárdenas, cc 74.232.089. La guía", "74.232.089"),
        ("Bonjou, mwen se Wilner Jean-Baptiste. Nimewo NIF mwen: 507-358-548-5. Mwen rete", "507-358-548-5"),
        ("Perearstikeskus: patsient Liis Saar (IK 49008230225) kaebab", "49008230225"),
        ("an thes apodeixi grapse AFM 068533122, thanks!", "068533122"),
        ("المستأجر: محمد رفيق حسين (مقيم) - إقامة رقم 2419073362 - جوال", "2419073362"),
        ("Employé: Moussa Ndiaye, matricule 0442, IPRES n° 72735845", "72735845"),
        ("ፋይዳ ቁጥር (FIN)፡ 0260 4681 7859", "0260 4681 7859"),
        ("Patient: Carlito Ramos Jr., 61M, PhilHealth PIN 19-025588341-7. Dx", "19-025588341-7"),
        ("Hi po, yung TIN ko ay 312-458-907-000 and", "312-458-907-000"),
        ("Uputnica: pacijent Tomislav Jurić, MBO 174 052 839, dijabetičar", "174 052 839"),
        ("Consulta 11/06: Sr. Joaquim Ferreira, nº utente 287 419 036, asma", "287 419 036"),
        ("Payment: Liam Petersen, BSB 633-000, Acc 1548 20931 (Bendigo Bank)", "1548 20931"),
        ("Ég óska eftir endurgreiðslu á reikning 0133-26-004512, kennitala", "0133-26-004512"),
        ("היי, זה יוסי לוי, תעבירו את ההחזר לחשבון 12-614-0284107 בבקשה", "12-614-0284107"),
        ("โอนเงินจากบัญชีกสิกร 042-8-81924-7 แล้วนะคะ", "042-8-81924-7"),
        ("مرحبا، البطاقة المدنية رقم 289051201232 باسم يوسف", "289051201232"),
    ],
)
def test_a_national_id_an_account_or_a_card_in_text_is_masked(chain, text, secret):
    # GIVEN a country's identifier, account or card, by its shape and check or after its word
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ({"employee": {"name": "Kagiso Seretse", "omang": "964 819 109"}}, "964 819 109"),
        ({"applicant": {"name": "Ramon Aquino Castillo", "umid_crn": "0111-2238471-5"}}, "0111-2238471-5"),
        ({"नाम": "राम बहादुर थापा", "नागरिकता_नं": "२७-०१-७१-०१२३४"}, "०१२३४"),
        ({"igoa": "Faʻamausili Tuiasosopo", "numera_npf": "0442187"}, "0442187"),
        ({"row": {"name": "Maria Cristina Santos", "eid": "784-1992-8831022-2"}}, "8831022"),
    ],
)
def test_a_national_id_under_its_field_name_is_masked(chain, body, secret):
    # GIVEN a country's identifier under its field's name  WHEN stored  THEN it is not
    out = stored_json(chain, body)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a company's tax number, an invoice's number, a bank's branch code
        ("Τιμολόγιο 318 — Ελαιώνες Κρήτης Α.Ε., ΑΦΜ 801234560, ΔΟΥ ΦΑΕ Αθηνών", "801234560"),
        ("Φούρνος Ακρόπολη Μ.Ε.Π.Ε., ΑΦΜ 099123455, ΔΟΥ Α' Αθηνών", "099123455"),
        ("Reikningur nr. 2024-118 frá Hraunfoss ehf. Upphæð: 12.990 kr.", "2024-118"),
        ("Pay our invoices by EFT: BSB 062-000 (Commonwealth Bank, Sydney), reference INV-24-0611.", "062-000"),
        # look-alikes of the shapes: a version, a failing check, an amount, a plain dashed code
        ("Upgrade to V-1.2.3 before Friday", "V-1.2.3"),
        ("Lieferschein 784-2024-1234567-1 erstellt", "784-2024-1234567-1"),
        ("Order 012180359506669848 shipped", "012180359506669848"),
        ("Sendung 1042231877300401 unterwegs", "1042231877300401"),
        ("Průběžný stav 2024/2025 a faktura 1234/2024", "1234/2024"),
        ("Sort order: items 120/1000 processed", "120/1000"),
        ("Cell 3/Ab(N)123456 is a spreadsheet label", "3/Ab(N)123456"),
    ],
)
def test_look_alikes_stay(chain, text, kept):
    # GIVEN a company's number, a reference or a look-alike of an identifier's shape  WHEN stored
    # THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


def test_a_date_under_a_key_ending_in_bi_stays(chain):
    # GIVEN a Japanese booking's date under "yoyakuBi" (Angola's BI is no field's last word)
    # WHEN stored  THEN it stays
    out = stored_json(chain, {"clinicId": "c-118", "yoyakuBi": "2024-07-03"})
    assert "2024-07-03" in out, out
