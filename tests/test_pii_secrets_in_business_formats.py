"""Secrets business software carries that round 24 found stored (stop 44).

Odoo's XML-RPC password argument, AFIP's signed ticket (``<sign>``), a payment form's hash signed with its
store key, Redsys's ``clave_sha256``; a fixed-width export's PIN column; keys after Hungarian, Serbian and
Japanese words (a short key, a word in brackets, words glued before the colon); a password of digits right
after its word; a second password told in the sentence of a first; an access code that is a password; a key's
file name before its password. Not: a product's code of digits after a word that also means "code", a year
or a count after a password's word, a Wi-Fi network's name beside its password, a month that is also a name.
"""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json

_XMLRPC = ("<?xml version='1.0'?>\n<methodCall>\n<methodName>execute_kw</methodName>\n<params>\n"
           "<param><value><string>odoo_prod</string></value></param>\n<param><value><int>2</int></value></param>\n"
           "<param><value><string>{secret}</string></value></param>\n"
           "<param><value><string>account.move</string></value></param>\n</params>\n</methodCall>")


@pytest.mark.parametrize(
    ("body", "secret", "kept"),
    [
        ({"payload": _XMLRPC.format(secret="2aba1b94ac79cc1a4aaef959168adda5ea101baa")},
         "2aba1b94ac79cc1a4aaef959168adda5ea101baa", "account.move"),
        ({"payload": _XMLRPC.format(secret="Winter-Gent-2024")}, "Winter-Gent-2024", "odoo_prod"),
        ({"wsaa": "<loginTicketResponse><credentials><token>PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTgiPz4K</token>"
                  "<sign>YpMNWpGxN3BREiC9UBYRnOWyED9FZt85Qy2YUhpawVITLgbxzy97JxgRvto0PkHWytkJdUY1ZJKg==</sign>"
                  "</credentials></loginTicketResponse>"},
         "YpMNWpGxN3BREiC9UBYRnOWyED9FZt85Qy2YUhpawVITLgbxzy97JxgRvto0PkHWytkJdUY1ZJKg==", "loginTicketResponse"),
        ({"clientid": "600001234", "storekey": "g2wJ3UJAj6ZLyEc2", "oid": "CMD-2024-5521",
          "hash": "SJZISTEhlSpVz3EjBUCbyA0lK3Xn+z3hau0/W4LXJbFDXDOlvJq8HW3RDwa1HIFNlW0zF+b3eHH2RIXWpsgKmA=="},
         "SJZISTEhlSpVz3EjBUCbyA0lK3Xn+z3hau0/W4LXJbFDXDOlvJq8HW3RDwa1HIFNlW0zF+b3eHH2RIXWpsgKmA==", "CMD-2024-5521"),
        ({"tpv": {"comercio": "999008881", "clave_sha256": "VW810JNM1u7mfME8qseNby+9DsN5dPWi"}},
         "VW810JNM1u7mfME8qseNby+9DsN5dPWi", "999008881"),
        ({"inhalt": "PERSNR KST     PIN  GUELTIG_AB SCHICHT\n004471 KST4100 7731 20241201 FRUEH\n"
                    "004472 KST4100 2790 20241201 SPAET\n"}, "7731", "KST4100"),
    ],
)
def test_secrets_inside_business_formats_are_redacted(chain, body, secret, kept):
    # GIVEN a secret where a business format puts it  WHEN stored  THEN it is not, the rest is
    out = stored_json(chain, body)
    assert secret not in out and kept in out, out


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # a content hash in hex beside a key is a digest, not the request's signature
        ({"apiKey": "k3y-9f8e7d6c5b4a3f2e1d0c", "hash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
         "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        ({"xml": "<zodiac><sign>Leo</sign></zodiac>"}, "<sign>Leo</sign>"),
        ({"report": "SKU       QTY  PRICE\nA-1001    4    12.50\nB-2002    1    99.00\n"}, "A-1001    4    12.50"),
        ({"methodCall": "<methodCall><methodName>search_read</methodName><params><param><value><string>a</string>"
                        "</value></param><param><value><int>2</int></value></param><param><value><string>res.partner"
                        "</string></value></param></params></methodCall>"}, "res.partner"),
    ],
)
def test_look_alikes_in_business_formats_stay(chain, body, kept):
    # GIVEN a digest, a zodiac sign, a fixed-width report of products, another XML-RPC method
    # WHEN stored  THEN each stays
    assert kept in stored_json(chain, body)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("XML cserekulcs: fb663FA6NSQOK2RR, adószám 12345678-2-19", "fb663FA6NSQOK2RR"),
        ("Поздрав, API кључ за СЕФ (е-Фактуре) за нашу фирму је 5457e38f-49e6-4f49-8631-7853dae4a402. ПИБ 100123456.",
         "5457e38f-49e6-4f49-8631-7853dae4a402"),
        ("freee会計のAPI連携用クライアントシークレットを共有します：9AgpvMA2i6JKAZr73otzwny1-Z3xZXzvWL7wfYiEPkq\n社外秘",
         "9AgpvMA2i6JKAZr73otzwny1-Z3xZXzvWL7wfYiEPkq"),
        ("e-Arşiv kullanıcı kodu 45823012 ve şifresi 889120. Kasım faturaları Cuma'ya kadar", "889120"),
        ("o login do portal é joana e a senha 4471, obrigado", "4471"),
        ("Пароль до ключа КЕП (файл Key-6.dat) — Карпати_2024. Звітність з ЄСВ", "Карпати_2024"),
        ("Salam, code d'accès dyal Simpl-TVA (DGI) howa Atlas_Marrakech24, w l'PIN howa 6621.", "Atlas_Marrakech24"),
        ("Oye, la clave del wifi es Taquitos#2025 y la del router (usuario admin) es Mx4Rt!9pQ, apúntalo.", "Mx4Rt!9pQ"),
        ("la contraseña del SAT es Tacos#Cdmx2024 y la de la e.firma es Mole.Poblano.88. Declaración", "Mole.Poblano.88"),
        ("amor a senha do wi-fi é flamengo2019 e a da netflix mudei pra Bebel#2021 pq sim", "Bebel#2021"),
    ],
)
def test_keys_and_passwords_told_in_text_are_redacted(chain, text, secret):
    # GIVEN a key or a password told in a message  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Halloumi PDO 225 g – κωδικός 5290000031 – τιμή €3,15.", "5290000031"),
        ("Passwort 2024 Richtlinie: mindestens 12 Zeichen", "2024"),
        ("the password was reset 1000 times by the bot", "1000"),
        ("la password del wifi è Pizzaiolo!88 – rete \"Studio_Dentistico_5G\". Grazie", "Studio_Dentistico_5G"),
        ("سلام رمز وای‌فای: Chai_Nabat_99 اسم شبکه Irancell-TD-5G", "Irancell-TD-5G"),
        ("Пароль до ключа КЕП (файл Key-6.dat) — Карпати_2024.", "Key-6.dat"),
        ("e-Arşiv şifresi 889120. Kasım faturaları Cuma'ya kadar kesilmeli.", "Kasım faturaları"),
        ("Meeting ID: 845 1234 5678\\nPasscode: 739184\\n and https://zoom.us/j/845?pwd=k9Stq1OGgZ7Do0o76Dsbc7.1\\n\\nMeeting",
         "845 1234 5678"),
    ],
)
def test_what_only_looks_like_a_told_secret_stays(chain, text, kept):
    # GIVEN a product's code, a year or a count after a password's word, a network's name, a file's name,
    # a month that is also a name, a meeting's number  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a code's text message quoted, the service's name between the word and its copula
        ("recebi 'O seu código MB WAY é 884107. Não o partilhe.' mas não fiz compra", "884107"),
        ("un sms con scritto \"Il tuo codice PosteID è 905118, non comunicarlo\"", "905118"),
        ("me acaba de llegar esto: \"Tu código de Bizum es 662017. No lo compartas\"", "662017"),
        # a PIN told after its word and a few words saying whose
        ("parce la clave de Nequi es 4412, mándame 50 lucas", "4412"),
        ("Mae, le paso la clave del SINPE Móvil de la soda: 7120. Cobre los 12.500 colones", "7120"),
        ("la clave de operaciones especiales de la cuenta de la empresa es 881204, no se la digas", "881204"),
        ("Che ra'a, la contraseña de Tigo Money ha'e 4490, emondo 150 mil", "4490"),
        ("Bonjou frè m, kòd sekrè MonCash mwen se 5028, tanpri voye 2500 goud", "5028"),
        ("Asc walaal, PIN-ka EVC Plus-kaygu waa 5520, fadlan $50 u dir hooyo", "5520"),
        ("Muraho! Ijambo ry'ibanga rya MoMo ni 80422, nyohereza amafaranga", "80422"),
        ("ລະຫັດ BCEL One ຂອງຂ້ອຍແມ່ນ 448120 ຢ່າບອກໃຜເດີ້", "448120"),
        ("o kwdikos tou wifi sto magazi einai Souvlaki_Thessaloniki2024 kai", "Souvlaki_Thessaloniki2024"),
        ("login +7 916 482-19-07, kod iz sms prishel 482 115. zapis", "482 115"),
        # a PIN or a code read aloud after its word, on its line or the next
        ("IVR: Please say or enter your four digit PIN.\nCALLER: uh four seven one nine\nIVR: Sorry", "four seven one nine"),
        ("Agent: Nennen Sie mir bitte Ihre Telefon-PIN.\nKunde: Drei acht null fünf.\nAgent: Danke.", "Drei acht null fünf"),
        ("Handläggare: Kan du läsa upp engångskoden du fick i sms:et?\nKund: Ja, noll sju tre, fyra fyra nio.",
         "noll sju tre, fyra fyra nio"),
        ("Zákazník: ...ten jednorázový kód je osm nula dva, pět šest jedna. Operátor: Děkuji", "osm nula dva, pět šest jedna"),
        ("オペレーター：暗証番号をお願いいたします。\nお客様：えっと、よん、いち、きゅう、ご、です。", "よん、いち、きゅう、ご"),
        ("Agente: ¿Me confirma su NIP?\nCliente: Sí, siete, dos, cero, ocho.", "siete, dos, cero, ocho"),
        # a Kubernetes Secret pasted as YAML, a Roblox session cookie
        ("kubectl get secret -o yaml:\napiVersion: v1\nkind: Secret\ndata:\n  DATABASE_URL: cG9zdGdyZXM6Ly9vcmRlcnM6Vng5\n"
         "type: Opaque", "cG9zdGdyZXM6Ly9vcmRlcnM6Vng5"),
        ("é isso aq?\n.ROBLOSECURITY=_|WARNING:-DO-NOT-SHARE-THIS.--Sharing|_76F40FC1CD0464B9E695533D0080 ok", "76F40FC1CD0464B9E"),
    ],
)
def test_codes_and_pins_told_in_more_ways_are_redacted(chain, text, secret):
    # GIVEN a code quoted from its message, a PIN told after words saying whose, one read aloud, a Secret's YAML
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("el código de Error es 4001 y el código de Producto es 4411", "4001"),
        ("el código de Error es 4001 y el código de Producto es 4411", "4411"),
        ("the password policy is 2024 ok", "2024"),
        ("the code has one two three four steps", "one two three four"),
        ("i have four kids, two dogs, one cat and nine fish, says the PIN form", "four kids"),
        ("kind: Secret\ndata:\n  IYZICO_API_KEY: <base64-ile-kodlanmis-deger>\n# NOT: repoya koymayın", "<base64-ile-kodlanmis-deger>"),
        ("Order number: four five two one. Please confirm the delivery", "four five two one"),
    ],
)
def test_what_only_looks_like_a_told_code_stays(chain, text, kept):
    # GIVEN an error's and a product's code, a year, digit words in prose without a code, a sample Secret
    # WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


def test_a_payment_pages_keys_are_redacted_by_their_names(chain):
    # GIVEN PostFinance's authentication key, Przelewy24's report key and CRC salt
    body = {"postfinance_checkout": {"space_id": 40918, "authentication_key": "CBezaKobDhNgGe5u/XvfnVJGae9CqTPd8jArDQnwEpI="},
            "przelewy24": {"merchantId": 184422, "crc": "0d65fb14d8020c33", "reportKey": "52225e00719df2fff1e08429277da96e"}}
    # WHEN stored
    out = stored_json(chain, body)
    # THEN none of them is, the ids stay
    assert "CBezaKob" not in out and "0d65fb14d8020c33" not in out and "52225e00719df2f" not in out, out
    assert "40918" in out and "184422" in out


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("лозинката за админ на сајтот е Ohrid_Pastrmka1 а корисничкото име e marija.admin. Понудата", "marija.admin"),
        ("阿媽: 密碼係 DimSum#8833，user ID 係 CHANMW1962，你幫我check下啦", "CHANMW1962"),
        ("mon identifiant c'est l.marchand76 et le mdp Chaton2015! je l'ai pas changé", "l.marchand76"),
        ("recovery codes:\n72908-c4ef9\n5652e-6e36c\nd5b25-49bbe\ndf808-952bd\nmy username is ciaran-dev-eire. Thanks", "ciaran-dev-eire"),
    ],
)
def test_a_login_told_beside_its_password_is_masked(chain, text, login):
    # GIVEN a login told after its word in a text that tells its password  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert login not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("касса: логин operator2, пароль Kassa#2024!, смена до 20:00", "operator2"),
        ("fournisseur: identifiant FOURN-0441, mot de passe Fourn!2024x", "FOURN-0441"),
        ("the username is admin and the password Xy12!abc", "admin"),
    ],
)
def test_a_shared_login_beside_its_password_stays(chain, text, kept):
    # GIVEN a shared account's login, a supplier's code, a role, beside a password  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a chat's export with the time before the speaker answers the request on the next line
        ("[18:21] Bartek: e dawaj blikiem, generuj\n[18:22] Kuba: 582 041\n[18:22] Kuba: 420 zł ok?", "582 041"),
        ("[21:14] Mãe: filho qual é a senha do wifi novo\n[21:15] Lucas: Feijoada#Sampa2024\n[21:15] Lucas: e mãe", "Feijoada#Sampa2024"),
        ("09:41 - Ana: me passa o código do banco\n09:42 - Beto: 448219", "448219"),
        # a Chinese text message's code before its word
        ("[微信] 王姐: 【美团】382915（登录验证码），5分钟内有效，请勿泄露", "382915"),
        ("729104是您的验证码，请勿泄露给他人", "729104"),
        # a one-time code in the link that verifies it
        ('{"deeplink": "ledgerly://auth/verify?code=804117&session=7f3c9e"}', "804117"),
        ("open https://app.example.com/login/confirm?otp=4471 to sign in", "4471"),
        # a PIN told in the sentence after the one that asks for it
        ("UAE PASS keeps asking for the PIN. it's 2291 right? or did I change it", "2291"),
        # a bank's customer ID told with its password
        ("chetta ente net banking password Kerala_Onam2024 aanu, customer ID 88120471. onnu login", "88120471"),
    ],
)
def test_codes_answered_later_or_before_their_word_are_redacted(chain, text, secret):
    # GIVEN a code answered on a chat's next line, written before its word, in a verifying link, told next
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("订单号 2391048812 已下单，验证码发送了3次", "2391048812"),
        ('{"u": "https://shop.example.com/products?code=804117"}', "804117"),
        ("enter the PIN. It is 2024 that we started the card program", "2024"),
        ("customer ID 88120471 for the order, no password here", "88120471"),
        ("[18:21] Bartek: płacę blikiem 120 zł za bilety", "120 zł"),
    ],
)
def test_numbers_near_those_words_that_are_no_code_stay(chain, text, kept):
    # GIVEN an order's number, a product's code in a link, a year, a customer ID without a password, an amount
    # WHEN stored  THEN it stays
    assert kept in stored_text(chain, text)


def test_a_token_in_a_urls_userinfo_ends_at_its_at_sign(chain):
    # GIVEN a clone URL whose user is a credential header's name ("x-access-token") and whose password is a token
    text = "RUN git clone https://x-access-token:ghs_ODWV5mbUTf9q0I1hYASAazbMgyA0lj3f8LkA@github.com/acme/ricette-core.git /src"
    # WHEN stored
    out = stored_text(chain, text)
    # THEN the token is not, the host and the repository's path are
    assert "ghs_ODWV5mbUTf9q0I1hYASAazbMgyA0lj3f8LkA" not in out and "@github.com/acme/ricette-core.git /src" in out, out
