"""Codes as hosts, couriers' customers and scam victims tell them (stop 42, round 23's secrets).

A bare word for "code" before a copula or digits told one by one ("the code is 4 7 1 9 #",
"el código es 4482"), digits a space apart in prose whatever word names them ("code's 5 0 2 2"),
a password after a copula of Cantonese, Mandarin or Māori ("密碼係 ...", "ko taku kupuhipa ko ..."),
a security answer after "the answer is" though the question was quoted before it, and two more
credentials by name and by format (a REST key, Hotmart's ``hottok``, OneSignal's ``os_v2_app_``)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Bitte nicht klingeln 🙏 Haustür-Code ist 4 7 1 9 # , dann Aufzug in den 3. Stock.", "4 7 1 9"),
        ("Der Schlüsselsafe hängt links neben der Eingangstür, Code 2 0 8 5. WLAN „Altbau_Gast“", "2 0 8 5"),
        ("Para salir del parking el código es 4482, te espero en la planta -1", "4482"),
        ("Pak driver, pagar kos kuncinya pake kode 1 9 0 8, paket taruh aja di rak", "1 9 0 8"),
        ("sleutelkluisje hangt aan de achterdeur, code 0-4-6-1.", "0-4-6-1"),
        ("Keysafe's by the letterbox, code's 5 0 2 2. wifi: Spark-9F21", "5 0 2 2"),
        ("Talofa, o le numera o le faitotoa 2 7 4 4, fale lona lua", "2 7 4 4"),
        ("كلمة السر حق الواي فاي في الشقة ورمز صندوق المفاتيح 0 5 8 1. الخروج", "0 5 8 1"),
        ("Eshik kodi 1 4 7 3, 5-qavat. Buyurtma #UZ-5521", "1 4 7 3"),
        ("Hello 租客，Wi-Fi 名係 HKT-5G-77A2，密碼係 harbour88view! 入住之後", "harbour88view"),
        ("Kia ora, ko taku kupuhipa ko Aotearoa#Waka88 — tēnā koa āwhina mai", "Aotearoa#Waka88"),
        ("Security question is 'fav hockey team' and the answer is Maplesyrup42 — deposit it whenever", "Maplesyrup42"),
        ("push key os_v2_app_akMZcHOAVSQ1YMe0HE0PZouZ5T9cXXq in the logs", "akMZcHOAVSQ1YMe0HE0PZouZ5T9c"),
        ("Koden til hengelåsen på boden er 4-7-2-2, og dørkoden nede er 1905.", "4-7-2-2"),
        ("Kod guardhouse 4419, lepas tu naik lif Block C", "4419"),
        ("домофон 45В3320 (сначала номер кв., потом вызов)", "45В3320"),
        ("a kapukód 23*7791 (kulcs ikon után nyomd)", "7791"),
        ("رمز در ورودی ۷۲۴۱ هست، طبقه ۳", "۷۲۴۱"),
        ("Codurile de rezervă 2FA pentru contul de Revolut: 6183 0291, 4470 8812, 9023 5561 – le țin", "4470 8812"),
        ("Min Wiederherstelligscode isch 7KQ2-M9XD-4TPL-VR8N und d Sicherheitsfrog", "7KQ2-M9XD"),
        ("la réponse à ma question de sécurité (Chicoutimi-Nord) au gars au téléphone", "Chicoutimi-Nord"),
        ("precisava do código que me chegou por SMS, é o 551203 e o PIN", "551203"),
        ("Le code pour ouvrir le parcel locker bpost à la Gare du Midi c'est 931772, tu peux", "931772"),
    ],
)
def test_a_code_or_a_password_told_in_a_message_is_redacted(chain, text, secret):
    # GIVEN a code told after a bare word and a copula, or digit by digit, a password after a copula
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "error code is 4001, retry later",
        "the code is 200 lines long",
        "vmstat 1 0 0 0 0 1 every second",
        "a matrix row 1 0 0 1 and 0 1 1 0",
        "rated 5 5 4 5 stars by four judges",
        "build 1.2 3 4 5 of the app",
        "密码长度至少8位",
        "the code of conduct for the door staff is 2024 edition",
        "The error code when I open the app is 5003",
        "promo code SAVE-2024-WINTER-DEAL applied",
        "security question (mother's maiden name) is required",
    ],
)
def test_numbers_and_words_that_are_no_code_are_kept(chain, text):
    # GIVEN a status code, counters, ratings, a version, a rule about passwords
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text


def test_a_rest_key_and_a_webhooks_token_are_credentials_by_name(chain):
    # GIVEN a push service's REST key and a payment platform's webhook token under their names
    out = stored_json(chain, {"onesignal_rest_key": "os_v2_app_akMZcHOAVSQ1YMe0HE0PZouZ5T9c",
                              "hottok": "MsAPFOK8ltfn8sSq1TUCa1bEgoD17K", "event": "PURCHASE_APPROVED"})
    # WHEN stored  THEN both are redacted, the event kept
    assert "akMZcHOAVSQ1" not in out and "MsAPFOK8ltfn" not in out and "PURCHASE_APPROVED" in out, out
