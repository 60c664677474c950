"""What the thirteenth blind round found stored, by category, through the default chain: licence
plates after a vehicle's or a plate's word, a driving licence after the bare word, streets of any
language before a postal code and a town, names after thanks and sign-offs, field names of more
languages, logins made of an initial and a surname, conditions and allergies; and the look-alikes
of each that stay."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored  # noqa: F401  (the chain fixture, a text stored)
from tests.test_pii_names_in_formats import stored_body as _stored_body


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Ayrıca plaka 34 ABC 812 olarak kayıtlı", "34 ABC 812"),
        ("trae la camioneta con placas JKM-482-B y va a pasar", "JKM-482-B"),
        ("arrendé el auto patente GKSB-78 y me llegó un parte", "GKSB-78"),
        ("Ma plaque c'est F47 KXP pis le stationnement", "F47 KXP"),
        ("Mijn nummerplaat 1-KLM-482 staat verkeerd", "1-KLM-482"),
        ("passenger left a phone in the car (reg LK19 XVB).", "LK19 XVB"),
        ("會員表示他的車牌 BLR-7732 在停車場被扣款", "BLR-7732"),
        ("xe biển số 51G-482.17 đến đón", "51G-482.17"),
        ("kurs do lotniska, auto GD 7K441.", "GD 7K441"),
        ("Bilen min (EL 41827) står fortsatt på parkeringen", "EL 41827"),
        ("car LKT482 parked across my drive", "LKT482"),
        ("the bakkie CA 318-442 must not block the driveway", "CA 318-442"),
    ],
)
def test_a_plate_after_a_plate_or_a_vehicle_word_is_masked(chain, text, plate):
    # GIVEN a message naming a vehicle's plate  WHEN stored
    out = stored(chain, text)
    # THEN the plate is masked as a vehicle's identifier
    assert plate not in out and "[vehicle_id]" in out, out


@pytest.mark.parametrize(
    "text",
    ["my car XC90 is red", "the car park P2 level", "Audi A4 2.0 TDI car 2019", "taxi 42 to Gate B12",
     "registration 2024 opens", "auto-renew ON 2025", "car RAV4 hybrid"],
)
def test_a_vehicle_word_before_a_model_or_a_number_changes_nothing(chain, text):
    # GIVEN a vehicle's word before a model's name or a count  WHEN stored  THEN the text is kept
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("(Ravi, licence EB482917), email", None),
        ("licence 183746152 on file", None),
        ("Apache License 2.0 applies", "Apache License 2.0 applies"),
        ("license 2024-2025 renewal", "license 2024-2025 renewal"),
        ("under license 20240611 issued", "under license 20240611 issued"),
        ("licence MIT", "licence MIT"),
    ],
)
def test_a_licence_number_after_the_bare_word_is_masked_not_a_year_or_a_software_licence(chain, text, kept):
    # GIVEN "licence" before a number  WHEN stored
    out = stored(chain, text)
    # THEN a licence's number of six digits or more is masked; a year, a date or a licence's name stays
    if kept is None:
        assert "[driving_licence]" in out, out
    else:
        assert out == kept


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Lieferadresse war Wilhelm-Leuschner-Str. 27, 60329 Frankfurt am Main", "Leuschner-Str. 27"),
        ("ich wohne jetzt in der Kaiserstraße 41/2/15, 1070 Wien.", "41/2/15"),
        ("prosím doručit na Zborovská 12, 150 00 Praha 5, zvonek", "Zborovská 12"),
        ("naslov: Slovenska cesta 55, 1000 Ljubljana", "Slovenska cesta 55"),
        ("Kuller ei leidnud aadressi: Telliskivi 60a/3, 10412 Tallinn.", "Telliskivi 60a/3"),
        ("Здравейте, [name], бул. Витоша 89, вх. Б.", "Витоша 89"),
        ("el domiciliario no encuentra la Calle 85 # 11-53 apto 602, Bogotá", "11-53 apto 602"),
        ("rider tolong hantar ke Kondo Vista Angkasa Blok B-12-3, Bukit Jalil", "B-12-3"),
    ],
)
def test_a_street_before_a_postal_code_and_a_town_is_masked_and_the_town_kept(chain, text, street):
    # GIVEN an address whose street has no street word the detectors know, or a local form  WHEN stored
    out = stored(chain, text)
    # THEN the street and its number are masked
    assert street not in out and "[address]" in out, out


@pytest.mark.parametrize(
    "text",
    ["Release 3, 2024 Edition", "Terminal 2, 1000 Brussels", "Order 12, 10115 Berlin",
     "On November 19, 1863, Abraham Lincoln delivered the Gettysburg Address", "Tests 12, 2023 Failures"],
)
def test_numbers_before_a_year_or_a_code_that_are_no_street_stay(chain, text):
    # GIVEN a count, a release or a date before a four- or five-digit number  WHEN stored  THEN kept
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gracias, Andrés", "Andrés"),
        ("Hilsen Camilla Holm, camilla@example.dk", "Camilla"),
        ("Bel me even als je er bent, groetjes Mees", "Mees"),
        ("pregunte por Andrés. Gracias", "Andrés"),
        ("zu Händen Dragana Kostić. Ihr erreicht mich", "Kostić"),
        ("Мой номер 8 916 482-19-07, спросите Дмитрия. Заказ", "Дмитрия"),
    ],
)
def test_a_name_after_thanks_a_sign_off_or_who_to_ask_for_is_masked(chain, text, name):
    # GIVEN a name after "Gracias,", "Hilsen", "groetjes", "pregunte por", "zu Händen"  WHEN stored
    out = stored(chain, text)
    # THEN the name is masked
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize(
    "text",
    ["Mit freundlichen Grüßen, Ihr Team", "Danke, Ihr Team", "Regards, Ihr Team", "Merci, votre équipe Zalando",
     "Gracias, el equipo de Rappi", "Hilsen fra Oslo", "Terima kasih, Tim Tokopedia"],
)
def test_a_team_signing_off_stays(chain, text):
    # GIVEN a sign-off by a team ("Ihr Team", "votre équipe")  WHEN stored  THEN nothing is masked
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"fuehrerscheinNummer": "B072RRE2I55", "tarif": "pro"}, "fuehrerscheinNummer"),
        ({"ridicsky_prukaz": "EL 482917", "cena": "1 240 Kč"}, "ridicsky_prukaz"),
        ({"cisloOP": "EA123894", "typ": "najom"}, "cisloOP"),
        ({"claveElector": "GMMLAN94030814M700", "plazo": "12 meses"}, "claveElector"),
        ({"numéro_RAMQ": "TREM 8552 1914", "service": "physio"}, "numéro_RAMQ"),
        ({"philsys_psn": "4918-2730-5561-0487", "loan_type": "salary"}, "philsys_psn"),
        ({"健保卡號": "000012345678", "科別": "皮膚科"}, "健保卡號"),
        ({"anyja_neve": "Kiss Margit", "munkakor": "ügyintéző"}, "anyja_neve"),
        ({"farsími": "612 8834", "pöntun": "IS-3391"}, "farsími"),
        ({"heimilisfang": "Laugavegur 62, 101 Reykjavík", "afhending": "Dropp-box"}, "heimilisfang"),
        ({"piegades_adrese": "Brīvības iela 144-12, Rīga, LV-1012", "piegade": "Omniva"}, "piegades_adrese"),
        ({"住址": "九龍旺角彌敦道688號旺角中心12樓B室", "產品": "旅遊保險"}, "住址"),
        ({"bien_so": "51G-482.17", "chuyen": "GRAB-VN-11820"}, "bien_so"),
        ({"reg_nr": "1234", "konto_nr": "0003298741", "valuta": "DKK"}, "konto_nr"),
        ({"카드소유자": "박서연", "할부": "3개월"}, "카드소유자"),
        ({"רקע_רפואי": "אפילפסיה", "סוג_ביטוח": "בריאות"}, "רקע_רפואי"),
        ({"isapre_preexistencia": "asma bronquial", "prevision": "FONASA"}, "isapre_preexistencia"),
        ({"population_group": "Black African", "product": "vehicle_finance"}, "population_group"),
        ({"allergy": "えび・かに（アナフィラキシー歴あり）", "course": "おまかせコース"}, "allergy"),
        ({"ad": "Elif", "soyad": "Yıldırım", "sepetTutari": "1.249,90 TL"}, "ad"),
        ({"naslov": "Trg republike 3", "ime_priimek": "Nina Kranjc"}, "naslov"),
    ],
)
def test_personal_data_under_field_names_of_more_languages_is_masked(chain, body, key):
    # GIVEN a body with a person's data under its own language's field name  WHEN stored
    out = _stored_body(chain, body)
    # THEN that value is masked (and the others kept)
    assert out[key] != body[key] and str(out[key]).startswith("["), out
    others = [k for k in body if k not in (key, "reg_nr", "soyad", "ime_priimek")]
    assert all(out[k] == body[k] for k in others), out


@pytest.mark.parametrize(
    "body",
    [
        {"naslov": "Upute za korištenje", "autor_id": 7},  # a title, no person around it
        {"ad": "summer-sale-banner", "clicks": 120},  # an advert
        {"race": "Berlin Marathon", "time": "3:12:44"},
        {"plat": "Coq au vin", "prix": "18 €"},
        {"brukernavn": "lager-bergen", "språk": "nb"},  # a warehouse's login
        {"allergens": "milk, soy", "sku": "CK-12"},
    ],
)
def test_the_same_words_for_things_stay(chain, body):
    # GIVEN those words naming a thing's field  WHEN stored  THEN the body is kept
    assert _stored_body(chain, body) == body


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"usuario": "fcontreras_cl", "radio": "2km"}, "usuario"),
        ({"användarnamn": "linnea.sjo", "kundtyp": "privat"}, "användarnamn"),
        ({"rider": "omar.hashimi", "fare_aed": "74.50"}, "rider"),
    ],
)
def test_a_login_made_of_a_name_under_a_users_key_is_masked(chain, body, key):
    # GIVEN a person's login ("fcontreras_cl": an initial and a surname)  WHEN stored  THEN masked
    out = _stored_body(chain, body)
    assert out[key] == "[name]", out


@pytest.mark.parametrize("login", ["jsmith.dev", "sbackup_01", "adeploy-x", "preview-bot"])
def test_machine_logins_under_a_users_key_stay(chain, login):
    # GIVEN a machine's or a service's login  WHEN stored  THEN it is kept
    assert _stored_body(chain, {"user": login}) == {"user": login}


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Hej! Jag heter Oskar Lindqvist. Jag har tandlossning och behöver bedövning.", "tandlossning"),
        ("sunt Vlad Petrescu, am fost diagnosticat cu hernie de disc și medicul", "hernie de disc"),
        ("min søn Emil Holm er ordblind og har ADHD", "ordblind"),
        ("participant Jessica Tran has cerebral palsy and uses a power wheelchair", "cerebral palsy"),
        ("Ilmoittautuminen: lapsi Eetu Mäkinen. Allergiat: pähkinä, kala. Kurssi", "pähkinä"),
    ],
)
def test_conditions_and_allergies_in_a_text_about_someone_are_masked(chain, text, condition):
    # GIVEN a message about a named person's health  WHEN stored  THEN the condition is masked
    out = stored(chain, text)
    assert condition not in out and "[health]" in out, out


@pytest.mark.parametrize(
    "text",
    ["Allergens: milk, soy", "Our wheelchair ramp is at the back entrance", "Hashimoto Electric Co. annual report"],
)
def test_the_same_words_in_a_text_about_no_one_stay(chain, text):
    # GIVEN those words in a text that names no one  WHEN stored  THEN kept
    assert stored(chain, text) == text
