"""What the fourteenth blind round found stored, by category, through the default chain: passwords
told in 25 more languages and beside a PIN, one-time codes glued to their word or told digit by digit,
credentials under more field names, names written in lower case after a cue; and what a text's
folding must give back as written."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored  # noqa: F401  (the chain fixture, a text stored)
from tests.test_pii_names_in_formats import stored_body


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Bună, parola pentru contul de admin e Carpati!2025 iar codul PIN al cardului este 8264.", "Carpati!2025"),
        ("Здравей, паролата за сървъра web-sofia-02 е Banica_Sofia77, потребител deploy.", "Banica_Sofia77"),
        ("ভাই, ফেসবুক পেজের পাসওয়ার্ড হলো Dhaka@Padma2025, আর বিকাশ পিন 5 8 2 0 — কাউকে বলবেন না।", "Dhaka@Padma2025"),
        ("ভাই, ফেসবুক পেজের পাসওয়ার্ড হলো Dhaka@Padma2025, আর বিকাশ পিন 5 8 2 0 — কাউকে বলবেন না।", "5 8 2 0"),
        ("Die wagwoord vir die rekenaar by ontvangs is Braai_Vleis2025! en die alarmkode is 1986.", "Braai_Vleis2025"),
        ("Die wagwoord vir die rekenaar by ontvangs is Braai_Vleis2025! en die alarmkode is 1986.", "1986"),
        ("Parool on Kama_Kohuke2025, kasutaja raamatupidamine. ID-kaardi PIN1 on 4417.", "4417"),
        ("Slaptažodis į CRM – Cepelinai#2025, vartotojas pardavimai.lt", "Cepelinai#2025"),
        ("Lykilorðið að wifi-inu er Eldfjall_Geysir25 og öryggiskóðinn 2277.", "2277"),
        ("Sawubona, iphasiwedi yami ngu-Ubuntu#Joburg25 kanti i-OTP ngu-608214.", "Ubuntu#Joburg25"),
        ("Лозинка за сервер је Kafana_Beograd77, корисник deploy-rs.", "Kafana_Beograd77"),
        ("Passwuert fir de Router ass Kachkéis#2025, PIN vun der Kaart 3381.", "Kachkéis#2025"),
        ("La contrasenya del compte de proves és Sagrada#Familia26, i el PIN del mòbil 5096.", "Sagrada#Familia26"),
        ("Кодът за потвърждение е 902 331.", "902 331"),
        ("mã OTP ngân hàng em vừa nhận là 904 118 nhé", "904 118"),
        ("Min, kode OTP-nya 662019. Tolong bantu reset ya", "662019"),
        ("Bro, TAC dari bank 448 301. Jangan forward ya.", "448 301"),
        ("koden til NemID-nøglekortet var 482-913 og min adgangskode er Hygge_Vinter24.", "482-913"),
        ("Passordet til ruteren er Fjord_Laks_2025 og admin-PIN-en er 9052.", "9052"),
        ("Az SMS-kód 771 204 volt.", "771 204"),
        ("the code from my hardware token was 83920147. Pls help", "83920147"),
        ("Che, la clave del home banking es Mate_Amargo2025 y el token que me llegó es 220194.", "220194"),
        ("รหัสผ่านเข้าระบบคือ Bangkok_2568! ส่วนรหัส OTP คือ 731552 (Ref: KXQP)", "731552"),
    ],
)
def test_passwords_and_codes_told_in_more_languages_are_redacted(chain, text, secret):
    # GIVEN a message telling a password or a one-time code  WHEN stored  THEN it is redacted
    out = stored(chain, text)
    assert secret not in out and "[redacted]" in out, out


@pytest.mark.parametrize(
    "text",
    ["the token limit is 8192 per request", "error code 4417", "PIN is 4 digits long", "koden er gyldig i 10 minutter",
     "Our TAC department opens at 9"],
)
def test_counts_and_error_codes_near_those_words_stay(chain, text):
    # GIVEN a count or an error's code next to a code's word  WHEN stored  THEN kept
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"jazzcash": {"merchantId": "MC73666", "integritySalt": "YS4A0LuH9x"}}, "integritySalt"),
        ({"mpesa": {"passkey": "6df26ae74118a86dc18a4dc8f353b47210f365d18f06bf087f4c7d979d2934b2", "shortcode": "174379"}},
         "passkey"),
        ({"serviceKey": "8DmQA8E9NPThc/2uh2Nmw00Dt4pL9nRUQwtjFhfA6i6qulyDI9", "numOfRows": "10"}, "serviceKey"),
    ],
)
def test_credentials_under_more_names_are_redacted(chain, body, key):
    # GIVEN a payment gateway's salt, M-Pesa's passkey, a public-data API's service key  WHEN stored
    out = stored_body(chain, body)
    inner = out if key in out else next(v for v in out.values() if isinstance(v, dict) and key in v)
    # THEN the value is redacted, the identifiers beside it kept
    assert inner[key] == "[redacted]", out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("bonjour c'est léa moreau, je n'arrive pas à me connecter", "léa moreau"),
        ("mándame el depósito a nombre de rodrigo salinas, o si prefieres", "rodrigo salinas"),
        ("manda o pix, nome thiago albuquerque. valeu demais", "thiago albuquerque"),
        ("hoi, ik ben sanne, kun je me terugbellen", "sanne"),
        ("hej, jeg hedder rasmus og min nummerplade er", "rasmus"),
        ("my name is jenna m. o'brien and I need help", "o'brien"),
    ],
)
def test_a_name_in_lower_case_after_a_cue_is_masked(chain, text, name):
    # GIVEN a self-introduction or a payee written all in lower case  WHEN stored  THEN the name is masked
    out = stored(chain, text)
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize("text", ["soy de madrid", "sono stanco oggi", "hi team, thanks", "it's june already",
                                  "c'est bon merci", "ik ben blij met de bestelling"])
def test_lower_case_words_after_a_cue_that_are_no_names_stay(chain, text):
    # GIVEN ordinary words after an introduction's words  WHEN stored  THEN kept
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Öffnungszeiten: Mo–Fr 9:00–19:00, Kontakt jane@example.com", "Mo–Fr 9:00–19:00"),
        ("Ruf an: 0171 2345678 – Mo–Fr", "– Mo–Fr"),
        ("Jane Doe — call +49 30 1234567", "—"),
    ],
)
def test_what_is_left_of_a_folded_text_is_stored_as_written(chain, text, kept):
    # GIVEN a text with dashes and something to mask  WHEN stored
    out = stored(chain, text)
    # THEN the mask is there and the dashes are the text's own, not ASCII's
    assert "[" in out and kept in out, out


def test_digits_of_another_script_are_masked_and_not_stored_folded(chain):
    # GIVEN a Persian message with an ID in ASCII digits and a phone in Persian digits
    text = "سلام، من مریم رضایی هستم. کد ملی من 0084132515 و شماره همراهم ۰۹۱۲۳۴۵۶۷۸۹ است."
    out = stored(chain, text)
    # THEN both are masked, in neither script
    assert "[national_id]" in out and "[phone]" in out and "09123456789" not in out and "۰۹۱۲" not in out, out


@pytest.mark.parametrize("text", ["Parkhaus Karl-Marx-Allee 2 Std. kostenlos.", "Ring 3 km entfernt"])
def test_a_count_after_a_places_name_is_no_house_number(chain, text):
    # GIVEN a street's name before a duration or a distance  WHEN stored  THEN kept
    assert stored(chain, text) == text
