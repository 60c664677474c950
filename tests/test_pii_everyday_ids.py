"""Everyday identifiers and one-time credentials under the names real APIs give them: health
cards and policies, bank accounts named in their own language, Indonesian phone fields, an
OAuth token request's code, a gate's code in delivery notes, Google's authorization codes."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_names_in_formats import chain, stored, stored_body  # noqa: F401  (the chain fixture, a text stored)
from transforms.testing import make_record


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("tsi", "BBBB482917365012"), ("naf", "28/48291736/32"), ("inn", "772841936571"), ("polis", "7748 2910 3856 1720"),
        ("polisnummer", "ZK-48210937"), ("policyNumber", "AUTO-7719-2204-X"), ("laserCode", "JT3-1234567-89"),
        ("promptpayId", "3501200192834"), ("conta", "7294813-5"), ("konto", "914 482 731-6"), ("bankgiro", "5050-1055"),
        ("noHp", "081294837261"), ("nomor_hp", "081294837261"), ("tlf", "918 44 207"), ("data_nasc", "14/08/1998"),
    ],
)
def test_identifiers_under_their_own_languages_names_are_masked(chain, key, value):
    # GIVEN an identifier under the name an API of its country gives it  WHEN stored
    out = stored_body(chain, {key: value, "status": "ok"})
    # THEN the value is gone, the rest is kept
    assert value not in json.dumps(out, ensure_ascii=False) and out["status"] == "ok", out


def test_an_oauth_token_requests_code_and_verifier_are_redacted_wherever_they_sit(chain):
    # GIVEN a token request as JSON and as a form body, with a Google authorization code
    code = "4/0AeaYSHB8kq2LmXpR7vT9wY4bC6dE8fG0hJ"
    body = {"grant_type": "authorization_code", "code": code, "code_verifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r",
            "redirect_uri": "https://app.example.com/oauth/callback", "client_id": "app-1"}
    # WHEN stored
    out = stored_body(chain, body)
    form = stored(chain, f"grant_type=authorization_code&code={code}&redirect_uri=x")
    # THEN the code and the verifier are gone, the rest is kept
    assert out["code"] == "[redacted]" and out["code_verifier"] == "[redacted]"
    assert out["redirect_uri"] == body["redirect_uri"] and out["grant_type"] == "authorization_code"
    assert code not in form


@pytest.mark.parametrize(
    "text", ["code: 4/0AeaYSHB8kq2LmXpR7vT9wY4bC6dE8fG0hJ", "refresh with 1//0gXyZabcdefghijklmnopqrstuvwxyz0123abcdefghij now"])
def test_google_authorization_codes_and_refresh_tokens_are_found_anywhere(chain, text):
    # GIVEN a Google authorization code or refresh token in free text  WHEN stored  THEN it is gone
    assert "[google_auth_code]" in (out := stored(chain, text)) or "[google_refresh_token]" in out


@pytest.mark.parametrize(
    ("text", "code"),
    [("Gate code 4417, leave at door", "4417"), ("Door code is 4821#. Check-in from 3pm", "4821"),
     ("Türcode 7731, 3. OG", "7731"), ("Entry code: 2580", "2580")],
)
def test_a_gate_or_door_code_in_delivery_notes_is_redacted(chain, text, code):
    # GIVEN delivery or check-in notes with the code that opens a door  WHEN stored  THEN it is gone
    assert code not in stored(chain, text)


@pytest.mark.parametrize("text", ["area code 415", "the building code section 4.2 applies", "error code 4417"])
def test_other_codes_stay(chain, text):
    # GIVEN codes that open nothing  WHEN stored  THEN they are kept
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Моля, ЕГН-то ми е 0551062418, а номерът на договора е BG-CTR-7781.", "0551062418"),
        ("Паспорт: серия 45 09 номер 771204, выдан ОВД", "771204"),
        ("N° de carte d'identité : X4RTBPFW4, délivrée le 03/03/2021", "X4RTBPFW4"),
        ("Numéro d'assurance maladie (RAMQ) : TREM 8506 1512", "8506 1512"),
        ("운전면허번호 11-17-123456-61 로 본인인증 했어요", "123456"),
        ("運転免許証番号：第301234567890号", "301234567890"),
        ("FİN kod: 5ZXK4P2, Şəxsiyyət vəsiqəsi AA1234567", "AA1234567"),
        ("Tempat/Tgl Lahir: Surabaya, 23-11-1987", "23-11-1987"),
        ("nato a Bari il 9 gennaio 1975", "1975"),
    ],
)
def test_ids_and_birth_dates_written_the_way_their_countries_write_them_are_masked(chain, text, value):
    # GIVEN an ID after its word with a country's own gap (a series, 第, a Korean word after it) or a
    # date of birth after the place of birth  WHEN stored  THEN the value is gone
    assert value not in stored(chain, text)


@pytest.mark.parametrize("text", ["Паспорт готов, приходите в 10 утра", "운전면허 시험은 3월 12일", "nato a Bari, ha 3 figli"])
def test_the_same_words_without_an_id_leave_the_text_as_it_is(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("رقم الموبايل ٠١٠٠١٢٣٤٥٦٧ واتساب", "٠١٠٠١٢٣٤٥٦٧"),
        ("mail margarethe.vonstein\x00@posteo.de", "vonstein"),
        ("write margarethe.vonstein😀@posteo.de", "vonstein"),
        ("Geo-Position: 48.1371079;11.5753822", "48.1371079"),
    ],
)
def test_a_phone_after_the_arabic_mobile_an_email_with_a_nul_or_an_emoji_and_a_semicolon_pair_are_masked(
        chain, text, value):
    # GIVEN a value written with an Arabic article on its cue, a NUL or an emoji in it, or a ";" between
    # its coordinates  WHEN stored  THEN it is gone
    assert value not in stored(chain, text)


@pytest.mark.parametrize("text", ["great 😀 thanks", "v1.2;3.4567", "ratio 0.5;0.25 ok"])
def test_emoji_and_semicolons_elsewhere_stay(chain, text):
    assert stored(chain, text) == text


def test_health_data_under_its_field_names_is_a_class_of_its_own(chain):
    # GIVEN a booking with a diagnosis, symptoms and medications, beside a system's diagnostics,
    # a product's condition and a dish's allergens
    body = {"paciente": {"diagnosa": "J45 Asma bronkial", "symptoms": ["wheezing"], "medications": ["salbutamol"],
                         "chiefComplaint": "chest tightness"},
            "diagnostics": {"uptime_s": 5120}, "item": {"condition": "used"}, "dish": {"allergens": ["gluten"]}}
    # WHEN stored with the defaults, and with the health class kept
    out = stored_body(chain, body)
    from transforms.testing import run_transform

    record = make_record()
    record["request"]["body"] = {"diagnosis": "J45 Asma bronkial"}
    kept = run_transform("pii", record, {"classes": {"health": "keep"}})
    # THEN the health values are masked as [health] by default and kept when the operator says so;
    # the look-alikes are kept
    assert out["paciente"] == {"diagnosa": "[health]", "symptoms": ["[health]"], "medications": ["[health]"],
                               "chiefComplaint": "[health]"}
    assert out["diagnostics"] == {"uptime_s": 5120} and out["item"] == {"condition": "used"}
    assert out["dish"] == {"allergens": ["gluten"]}
    assert kept["request"]["body"]["diagnosis"] == "J45 Asma bronkial"


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("My vehicle, registration LB21 XKP, was displaying a valid permit", "LB21 XKP"),
        ("My kar se registrasie is CA 482-917 en ek woon by", "CA 482-917"),
        ("Ocorrência: veículo placa RIO2A18, Onix prata, bateu no portão", "RIO2A18"),
    ],
)
def test_a_licence_plate_after_its_word_is_masked(chain, text, plate):
    # GIVEN a plate after "registration", "registrasie" or "placa"  WHEN stored  THEN it is gone
    assert plate not in stored(chain, text)


@pytest.mark.parametrize("text", ["registration 2025 is open", "Registration successful for order A-1234",
                                  "registration closes on 12 May"])
def test_registration_without_a_plate_stays(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ({"rego": "ZXK482", "state": "VIC"}, "ZXK482"),
        ({"ecv": "BA482KL", "parkovisko": "Eurovea"}, "BA482KL"),
        ({"rendszam": "AAKR-482"}, "AAKR-482"),
        ({"nr_inmatriculare": "B 123 ABC"}, "B 123 ABC"),
        ({"pemohon": {"noKP": "880412-14-5236"}}, "880412-14-5236"),
        ({"ic": "950721-10-6647", "khidmat": "semak-saman"}, "950721-10-6647"),
        ({"patient": {"abhaNumber": "91-4728-3350-6617"}}, "91-4728-3350-6617"),
        ({"payerAlias": "46704182291", "payeeAlias": "1231181189"}, "46704182291"),
        ({"gcash_number": "09175550192", "merchant": "MERALCO"}, "09175550192"),
        ({"কোড": "x", "এনআইডি": "1993268471"}, "1993268471"),
        ({"کد_پستی": "1968913456"}, "1968913456"),
    ],
)
def test_plates_ids_and_wallet_numbers_under_their_own_field_names_are_masked(chain, body, value):
    # GIVEN a plate, an identity card, a health ID or a wallet's phone under its field name
    # WHEN stored  THEN the value is gone, and a merchant's alias beside it stays
    stored_text = str(stored_body(chain, body))
    assert value not in stored_text
    assert "1231181189" in stored_text or "payeeAlias" not in body


def test_the_digit_groups_inside_a_uuid_are_no_id(chain):
    # GIVEN a UUID whose middle groups read as an Aadhaar number (12 digits, Verhoeff-valid), near a phone's word
    text = "id bc606e42-8745-4439-9657-ec497bbe4372 rufnummer"
    # WHEN stored  THEN the UUID is kept whole
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "number"),
    [("Hasta 45120783976, tip 2 diyabet", "45120783976"), ("cod 2791125400165 pentru dosar", "2791125400165")],
)
def test_a_turkish_tc_kimlik_and_a_romanian_cnp_are_found_bare_by_their_checksums(chain, text, number):
    assert number not in stored(chain, text)


@pytest.mark.parametrize("text", ["sipariş 45120783978 hazır", "comanda 2791125400166 livrată"])
def test_the_same_runs_with_a_wrong_check_digit_stay(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Yapeame al 951 207 486 a nombre de Luis, son S/ 45.00 del almuerzo.", "951 207 486"),
        ("Hi, pls PayNow me at 8812 4730 for the dinner, thanks!", "8812 4730"),
        ("Адрес доставки: г. Москва. Звонить 8 903 714-22-05.", "8 903 714-22-05"),
        # "my number is" in Luxembourgish and Maltese, "call me back" after a comma and "please", a mobile's
        # slang, a wallet over WhatsApp, a contact's line
        ("Moien, ech sinn d'Josée Weber, meng Nummer ass 621 384 907.", "621 384 907"),
        ("Bonġu, jien Kurt Camilleri, in-numru tiegħi 7948 2130.", "7948 2130"),
        ("Перезвоните, пожалуйста: 8 917 284-41-03.", "8 917 284-41-03"),
        ("Podem ligar-me para o 912 384 076? Obrigada.", "912 384 076"),
        ("Che, mi celu es 11 5483-2917, mandame el link.", "11 5483-2917"),
        ("WA saya 0857-1123-4498 kalau bingung", "0857-1123-4498"),
        ("ترجع على فودافون كاش 01098273641", "01098273641"),
        ("Kontakt: 041 382 917.", "041 382 917"),
    ],
)
def test_a_phone_number_after_a_wallets_or_a_calls_word_is_masked(chain, text, phone):
    # GIVEN a number to pay a wallet (Yape, PayNow) or to call  WHEN stored  THEN it is gone
    assert phone not in stored(chain, text)


@pytest.mark.parametrize("text", ["Call me, 2 items left, order 55812", "Seattle, WA 98101", "Kontakt: Bestellung 4711 am 12.03."])
def test_numbers_near_a_calls_word_that_are_no_phone_stay(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    "body",
    [
        {"version": "2.0.17.4"}, {"verze": "2.0.17.4"}, {"app_version": "10.0.0.1-beta"}, {"firmware": "v4.12.0.3"},
        {"coords": "25.20,55.28"}, {"landmark": "The Dubai Mall", "coords": "25.2, 55.3"},
    ],
)
def test_a_version_that_reads_as_an_ip_and_a_coarse_coordinate_pair_stay(chain, body):
    # GIVEN a build's version of four numbers, a place's coordinates to two decimals  WHEN stored  THEN kept
    assert stored_body(chain, body) == body


def test_under_a_version_key_an_ip_is_still_scanned_and_a_precise_pair_masked(chain):
    out = stored_body(chain, {"version": "see jane.doe@example.com", "ip": "81.2.69.142", "loc": "52.520008,13.404954"})
    assert out == {"version": "see [email]", "ip": "81.2.69.0", "loc": "[location]"}



def test_a_swiss_ahv_number_an_italian_cap_a_promptpay_id_and_an_at_handle_under_a_persons_key_are_masked(chain):
    # GIVEN a Swiss AHV number under its name and under none (its EAN-13 check read), an Italian
    # CAP in a person's record, a Thai PromptPay ID in a header's name, a Telegram user's @handle
    body = {"mitarbeitende": {"ahvNummer": "756.9217.0769.85", "sv": "756.9217.0769.85", "name": "Reto Bänziger"},
            "cliente": {"nome": "Giulia", "cognome": "Bianchi", "cap": "20154"}, "X-PromptPay": "0814829301",
            "X-Telegram-User": "@alexvolkov_spb", "rate_limit": {"cap": "1000"}, "check": {"bad": "756.9217.0769.86"}}
    out = stored_body(chain, body)
    # THEN each is masked; a rate limit's cap and a number whose check digit fails (in an object
    # of no person's: beside one, see test_pii_bare_ids) stay
    assert out == {"mitarbeitende": {"ahvNummer": "[national_id]", "sv": "[national_id]", "name": "[name]"},
                   "cliente": {"nome": "[name]", "cognome": "[name]", "cap": "[postal_code]"}, "X-PromptPay": "[national_id]",
                   "X-Telegram-User": "[name]", "rate_limit": {"cap": "1000"}, "check": {"bad": "756.9217.0769.86"}}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"num_ss": "28/10472893/34"}, {"num_ss": "[national_id]"}),
        ({"nr_dowodu": "CDK348213"}, {"nr_dowodu": "[national_id]"}),
        ({"szemelyi_igazolvany": "481273KE"}, {"szemelyi_igazolvany": "[national_id]"}),
        ({"emso": "2403981505128"}, {"emso": "[national_id]"}),
        ({"personas_kods": "120688-11239"}, {"personas_kods": "[national_id]"}),
        ({"arc_number": "ARC-1184207"}, {"arc_number": "[national_id]"}),
        ({"numru_tal_karta_tal_identita": "0348192M", "isem": "Charlene", "kunjom": "Borg"},
         {"numru_tal_karta_tal_identita": "[national_id]", "isem": "[name]", "kunjom": "[name]"}),
        ({"sss_no": "34-2819374-6"}, {"sss_no": "[national_id]"}),
        ({"香港身份證": "K482193(9)"}, {"香港身份證": "[national_id]"}),
        ({"شناختی_کارڈ": "35202-4827193-4"}, {"شناختی_کارڈ": "[national_id]"}),
        ({"veiculo": {"renavam": "00912345675", "modelo": "Fiat Argo 1.0"}},
         {"veiculo": {"renavam": "[vehicle_id]", "modelo": "Fiat Argo 1.0"}}),
        ({"talrunis": "+371 29 481 730"}, {"talrunis": "[phone]"}),
        ({"geb": "12.08.1979", "szuletesi_ido": "1984.11.03."}, {"geb": "[birth_date]", "szuletesi_ido": "[birth_date]"}),
        ({"automobilis": {"valstybinisNr": "KHN 482"}}, {"automobilis": {"valstybinisNr": "[vehicle_id]"}}),
        ({"微信号": "zhangwei_1990", "城市": "杭州"}, {"微信号": "[name]", "城市": "杭州"}),
        # a login by the lexicon under a user's key in Croatian; IDs and a till's name under it stay
        ({"X-Korisnik": "petra.juric"}, {"X-Korisnik": "[name]"}),
        ({"user": "usr_1182", "login": "kasse-07", "actor": "github-actions"}, {"user": "usr_1182", "login": "kasse-07", "actor": "github-actions"}),
        # a Luxembourg matricule by its checks (a date, Luhn and Verhoeff), though it passes as an EAN-13
        ({"matricule": "1985031204551"}, {"matricule": "[national_id]"}),
        # a driver's Italian licence under "patente"; an invention's patent stays
        ({"conducente": {"nome_completo": "Davide Colangelo", "patente": {"numero": "BA4821937X"}}},
         {"conducente": {"nome_completo": "[name]", "patente": {"numero": "[driving_licence]"}}}),
        ({"invento": {"patente": "US 9,876,543"}}, {"invento": {"patente": "US 9,876,543"}}),
        ({"salarie": {"matricule": "RH-00417"}, "ean": "4006381333931"}, {"salarie": {"matricule": "RH-00417"}, "ean": "4006381333931"}),
    ],
)
def test_identifiers_under_their_names_in_more_languages(chain, body, expected):
    # GIVEN an identifier under its local name  WHEN stored  THEN masked as its kind; an employee's
    # number, a patent and a product's EAN stay
    assert stored_body(chain, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a company's own tax number, in the object that gives its legal name
        ({"razon_social": "Mercado Libre S.R.L.", "cuit": "30-46138623-3"}, None),
        ({"企业名称": "深圳市腾讯计算机系统有限公司", "统一社会信用代码": "91440300KNMK58KF78"}, None),
        # a sole trader's "razon_social" is a person's name: their number is masked
        ({"razon_social": "QUISPE MAMANI ROSA ELENA", "ruc": "10472839158"}, {"razon_social": "[name]", "ruc": "[national_id]"}),
        # where someone works is no company object: their numbers stay masked
        ({"company": "Acme GmbH", "first_name": "Jane", "tax_id": "AB123456C"},
         {"company": "Acme GmbH", "first_name": "[name]", "tax_id": "[tax_id]"}),
    ],
)
def test_a_companys_own_tax_number_stays_a_persons_does_not(chain, body, expected):
    assert stored_body(chain, body) == (body if expected is None else expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a company's registration number under its own name, though its digits pass a person's ID's check
        ({"entity": "Woolworths Group Limited", "abn": "59 031 029 116", "acn": "719 567 638"}, None),
        ({"foretak": "Equinor ASA", "organisasjonsnummer": "914 661 889"}, None),
        ({"societe": "Neuhaus SA", "numero_entreprise": "0320.644.683", "code_naf": "10.71C"}, None),
        ({"uznemums": "airBaltic Corporation AS", "reg_nr": "40003245752"}, None),
        ({"버전": "3.1.0.7"}, None),
        # an employee's numbers beside their employer's name stay masked; a Spanish NAF is a person's
        ({"employee": "Angelica Santos", "tin": "482-193-750-000", "company": "BPO Solutions Inc."},
         {"employee": "[name]", "tin": "[tax_id]", "company": "BPO Solutions Inc."}),
        ({"empleado": {"nombre": "Irene", "naf": "28/48291736/32"}}, {"empleado": {"nombre": "[name]", "naf": "[national_id]"}}),
    ],
)
def test_company_registration_numbers_stay_and_an_employees_do_not(chain, body, expected):
    assert stored_body(chain, body) == (body if expected is None else expected)
