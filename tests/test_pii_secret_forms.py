"""Credentials in the forms tools write them where no field is named for one: Bundler's
environment, ``pulumi config set``, a Windows answer file, net-snmp's and Cisco's SNMPv3
users, a blog's XML-RPC call, a YubiKey's one-time password, a misspelt ``passwrd=``, an
Ethereum keystore's encrypted key, a Secret Manager payload; and their look-alikes, kept."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_names_in_formats import chain, stored, stored_body  # noqa: F401  (the chain fixture, a text stored)

XMLRPC = ("<?xml version=\"1.0\"?><methodCall><methodName>{method}</methodName><params>{params}</params></methodCall>")


def _params(*values: str) -> str:
    return "".join(f"<param><value><string>{v}</string></value></param>" for v in values)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("BUNDLE_GEMS__CONTRIBSYS__COM=39685fbd:d9f1ffad bundle install --jobs 4", ["39685fbd:d9f1ffad"]),
        ("$ pulumi config set --plaintext dbPassword ikplP1qXsLg+s.80JEBX --stack acme/prod", ["ikplP1qXsLg+s.80JEBX"]),
        ("pulumi config set --secret apiUrl https://user:pw@internal", ["https://user:pw@internal"]),
        ("<AdministratorPassword><Value>ZwAhAEkAQgBSAEgA=</Value><PlainText>false</PlainText></AdministratorPassword>",
         ["ZwAhAEkAQgBSAEgA="]),
        ('createUser monitor SHA-256 "GXexLHKn_L@2H7vrRH" AES "HF_QsG!yrl4bQvLA~z"\nrouser monitor priv',
         ["GXexLHKn_L@2H7vrRH", "HF_QsG!yrl4bQvLA~z"]),
        ("snmp-server user admin ADMGRP v3 auth sha Auth4Pass! priv aes 128 Priv4Pass!", ["Auth4Pass!", "Priv4Pass!"]),
        (XMLRPC.format(method="wp.getUsersBlogs", params=_params("editor", "yhC0L9tyXn6t*.IA4g")), ["yhC0L9tyXn6t*.IA4g"]),
        (XMLRPC.format(method="wp.getPosts", params=_params("1", "admin", "s3cr3tPass")), ["s3cr3tPass"]),
        (XMLRPC.format(method="blogger.deletePost", params=_params("appkey", "12", "admin", "bl0gPass")), ["bl0gPass"]),
        ("sorry wrong window ccccccgftneftiujgkvhgthrgdbcjuildjrtliridtuk", ["gftneftiujgkvhgthrgdbcju"]),
        ("conninfo: host=db port=5432 user=orders_rw passwrd=#Mj8h_u3MxsZ60%e sslmode=require", ["Mj8h_u3MxsZ60"]),
    ],
)
def test_credentials_in_tools_own_forms_are_redacted(chain, text, secrets):
    # GIVEN a tool's command, config or call carrying a credential  WHEN stored  THEN it is gone
    out = stored(chain, text)
    assert [s for s in secrets if s in out] == [], out


@pytest.mark.parametrize(
    "text",
    [
        "pulumi config set aws:region us-east-1",
        XMLRPC.format(method="pingback.ping", params=_params("https://a.example/post", "https://b.example/x")),
        XMLRPC.format(method="wp.getUsersBlogs", params=_params("editor")),
        "<Setting><Value>W. Europe Standard Time</Value></Setting>",
        "createUser monitor", "bundle install --jobs 4 BUNDLE_JOBS=4",
    ],
)
def test_their_look_alikes_stay(chain, text):
    # GIVEN the same tools' text without a credential  WHEN stored  THEN it is kept
    assert stored(chain, text) == text


def test_a_keystores_encrypted_key_and_a_secret_managers_payload_are_redacted(chain):
    # GIVEN an Ethereum keystore, a Secret Manager version, and look-alikes that hold no secret
    body = {
        "keystore": {"crypto": {"cipher": "aes-128-ctr", "ciphertext": "acd835ec6e88054de2d1bae4dbeba343",
                                "cipherparams": {"iv": "b27f6e5341df2e77"}, "kdf": "scrypt"}},
        "version": {"name": "projects/4815162342/secrets/stripe-webhook/versions/7",
                   "payload": {"data": "TGVkeWNoaW1jeFEwTklTRDR2Qk5t", "dataCrc32c": "2846012392"}},
        "message": {"name": "projects/p/topics/orders", "payload": {"data": "eyJvcmRlciI6IDF9"}},
        "envelope": {"ciphertext": "no-kdf-here", "algorithm": "none"},
    }
    # WHEN stored
    out = stored_body(chain, body)
    # THEN the encrypted key and the secret are gone; a topic's payload and other ciphertext stay
    assert out["keystore"]["crypto"]["ciphertext"] == "[redacted]"
    assert out["version"]["payload"]["data"] == "[redacted]" and out["version"]["payload"]["dataCrc32c"] == "2846012392"
    assert out["message"]["payload"]["data"] == "eyJvcmRlciI6IDF9" and out["envelope"]["ciphertext"] == "no-kdf-here"


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a password told in a sentence, in many languages, with words between its word and its value
        ("Доступ к админке: логин admin, пароль Xk9#mPq2vL, не меняйте", ["Xk9#mPq2vL"]),
        ("Oye, la clave del wifi del local es Taquitos#2025, apúntalo", ["Taquitos#2025"]),
        ("A senha do Wi-Fi do escritório é Cafe@Pao2025 e a impressora", ["Cafe@Pao2025"]),
        ("Mon identifiant est compta-rennes et mon mdp c'est Bretagne35*, pouvez-vous", ["Bretagne35*"]),
        ("Min, password VPN kantor yang baru: Kopi#Susu2025. Username tetap", ["Kopi#Susu2025"]),
        ("sure: user `svc_billing` pw `Bl!ll1ng-Pr0d-77` (rotating friday)", ["Bl!ll1ng-Pr0d-77"]),
        ("Hasło do panelu to Zubr#2024x, nie udostępniaj", ["Zubr#2024x"]),
        # codes: before their word, after words between, Arabic with "and" written on
        ("Dear Customer, 618204 is your OTP for txn of INR 12,499.00 at AMAZON", ["618204"]),
        ("o PIN da impressora HP LaserJet é 8830.", ["8830"]),
        ("الرمز السري للبطاقة هو 8274، ورمز التحقق المرسل إلى الجوال 551903.", ["8274", "551903"]),
        # a command's quoted password, a key after its Korean words, a kubeconfig's key in a string
        ("mysql -h 10.0.4.12 -u root -p'Gr33n#Tea2025' inventory < dump.sql", ["Gr33n#Tea2025"]),
        ("카카오 REST API 키는 f925f77e0bb3f3ef088062aa60d2dd7c 입니다.", ["f925f77e0bb3f3ef088062aa60d2dd7c"]),
        ("users:\n- name: admin\n  user:\n    client-key-data: U4tmXlO83MpDnyEj8ajR3AIxV2NdN5\n", ["U4tmXlO83MpDnyEj8ajR3AIxV2NdN5"]),
    ],
)
def test_passwords_and_codes_told_in_prose_are_redacted(chain, text, secrets):
    # GIVEN a password, a code or a key written in a sentence or a command  WHEN stored  THEN it is gone
    out = stored(chain, text)
    assert [s for s in secrets if s in out] == [], out


@pytest.mark.parametrize(
    "body",
    [
        {"utilizador": "armazem-porto", "palavra_passe": "Bacalhau#77"},
        {"потребител": "sklad_sofia", "парола": "Banitsa!2025"},
        {"jina_la_mtumiaji": "ghala-msa", "nenosiri": "Ugali!2025"},
        {"tan": "884201", "verfahren": "pushTAN"},
        {"결제": {"카드비밀번호앞2자리": "47", "cvc": "318"}},
    ],
)
def test_credentials_under_more_languages_field_names_are_redacted(chain, body):
    # GIVEN a credential under its field name in Portuguese, Bulgarian, Swahili, German banking or Korean
    stored_text = str(stored_body(chain, body))
    # THEN no value of a credential field is stored
    assert not any(v in stored_text for v in ("Bacalhau#77", "Banitsa!2025", "Ugali!2025", "884201", "'47'", "318"))


@pytest.mark.parametrize(
    "text",
    [
        "la clave del éxito es la constancia",
        "Room 1203 is your code-free zone",
        "Your OTP expires in 300 seconds",
        "the pw is wrong, try again",
        "A tan leather jacket, size 42",
    ],
)
def test_sentences_about_passwords_and_codes_without_one_stay(chain, text):
    # GIVEN a sentence with a password's or a code's word and no secret  WHEN stored  THEN it is kept whole
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Wi-Fi codes, Arabic and Hindi passwords with their copula, a code a text message brought
        ("Bonjour, le code wifi du bureau est Wifi-Bureau-7731, c'est pour la salle B2.", ["Wifi-Bureau-7731"]),
        ("كلمة المرور الخاصة بي هي Sahara#Dunes77 من فضلك ساعدني", ["Sahara#Dunes77"]),
        ("मेरा पासवर्ड Diwali@Lights2024 है, कृपया रीसेट करें", ["Diwali@Lights2024"]),
        ("Пароль от почты: Берёзка2024!, код из СМС 583920", ["Берёзка2024!", "583920"]),
        # HashiCorp Vault's `operator init`, its unseal keys and root token
        ("Unseal Key 1: sJoJOvxOx7fKrEkwDDn6DPneXomdpp9H740O5Z1hgBxI\n\nInitial Root Token: "
         "hvs.CAESImCmRzH6zP-0byVt3mIQWT7Ob3zf6GeoLogaRHHVzDne", ["sJoJOvxOx7fKrEkwDDn6DPneXomdpp9H740O5Z1hgBxI", "hvs.CAES"]),
        # a Markdown table's password column
        ("| env | user | password |\n|---|---|---|\n| staging | admin | Md-Table-Pw!1 |\n| prod | svc-ro | Md-Table-Pw!2 |",
         ["Md-Table-Pw!1", "Md-Table-Pw!2"]),
    ],
)
def test_more_passwords_and_codes_in_text_are_redacted(chain, text, secrets):
    # GIVEN a password, a code or a key in a chat message, a tool's output or a table  WHEN stored
    out = stored(chain, text)
    # THEN it is gone
    assert [s for s in secrets if s in out] == [], out


def test_a_curl_commands_authorization_header_ends_at_its_quote(chain):
    # GIVEN a curl command whose Authorization header is quoted, then more options and the URL
    text = ('curl -sS -H "Authorization: Bearer ghs_kTDpAQ6DtIcGAKj8tlUutAMOkr5KmnnzJyAu" '
            '-H "X-GitHub-Api-Version: 2022-11-28" https://api.github.com/repos/acme/storefront/actions/runs?status=failure')
    # WHEN stored
    out = stored(chain, text)
    # THEN the token is gone and the rest of the command is kept as written
    assert "ghs_kTDp" not in out
    assert out.endswith('" -H "X-GitHub-Api-Version: 2022-11-28" https://api.github.com/repos/acme/storefront/actions/runs?status=failure')


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ({"codigo_verificacao": "318467", "canal": "whatsapp"}, "318467"),
        ({"код_подтверждения": "629104", "операция": "вход"}, "629104"),
        ({"カード暗証番号": "4829", "取引ID": "TX-20240611-0042"}, "4829"),
        ({"Bestätigungscode": "771204"}, "771204"),
        ({"pregunta_secreta": "Ciudad natal de tu madre", "respuesta_secreta": "Villanueva del Arzobispo"}, "Villanueva"),
        # an answer named only "answer", in the object that asks the security question
        ({"sicherheitsfrage": "Name des ersten Haustiers", "antwort": "Bello von der Heide"}, "Bello"),
        ({"securityQuestion": "First car?", "answer": "Trabant 601"}, "Trabant"),
        ({"answer": "Mazda MX-5", "question_de_securite": "Votre première voiture ?"}, "Mazda"),
        ({"env": [["DB_USER", "app"], ["DB_PASSWORD", "Arr@yPw-2024"], ["DB_NAME", "orders"]]}, "Arr@yPw-2024"),
    ],
)
def test_codes_pins_and_security_answers_under_their_field_names_are_redacted(chain, body, secret):
    # GIVEN a one-time code, a PIN or a security answer under its field name in another language,
    # or a password in a list of name and value pairs
    stored_text = str(stored_body(chain, body))
    # THEN it is not stored, and the question and the other fields are
    assert secret not in stored_text, stored_text
    assert all(str(v) in stored_text for k, v in body.items()
               if k in ("canal", "операция", "取引ID", "pregunta_secreta", "sicherheitsfrage", "securityQuestion"))


@pytest.mark.parametrize(
    "body",
    [
        {"answer": "42", "question": "What is six times seven?"},  # a quiz's answer: no security question beside it
        {"faq": [{"question": "Where is my order?", "answer": "Track it under Orders in your account."}]},
        {"otp_enabled": True, "pin_length": 6, "secret_rotation_days": 90, "api_key_last_rotated": "2024-04-01"},
        {"apiKey_domain": "acme-prod.firebaseapp.com", "authDomain": "acme-prod.firebaseapp.com"},
        {"npmrc": "registry=https://registry.npmjs.org/\nalways-auth=true\nsave-exact=true\n"},
    ],
)
def test_answers_without_a_security_question_and_credentials_metadata_stay(chain, body):
    # GIVEN a quiz's or an FAQ's answer, dates and domains about credentials, a switch  WHEN stored  THEN kept
    assert stored_body(chain, body) == body


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("<span>pierre.dupont&commat;orange&period;fr</span>", "pierre.dupont"),  # named HTML entities
        ("Von: j=C3=BCrgen.wei=C3=9Fhaupt=40freenet.de", "wei=C3=9Fhaupt"),  # quoted-printable
        # a passport's name line a character too long, as a copy writes it
        ("P<NLDVAN<DER<MEER<<SANNE<<<<<<<<<<<<<<<<<<<<<\nNW8K21LP48NLD9107223F3105168<<<<<<<<<<<<<<04", "SANNE"),
    ],
)
def test_personal_data_written_in_entities_quoted_printable_or_a_sloppy_mrz_is_masked(chain, text, secret):
    assert secret not in stored(chain, text)


@pytest.mark.parametrize("text", ["a=b&amp;c=d id=42", "Tom &amp; Jerry &mdash; the movie", "ratio=40 width=400"])
def test_entities_and_equals_signs_without_personal_data_stay(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # words between the password's word and its copula; a PIN of digits; copulas of more languages
        ("Minha senha do app do banco é 739104 e ela bloqueou depois de 3 tentativas.", ["739104"]),
        ("Ter info: de pincode van de kluis is 2741. Kassa 2 gaat om 09:00 open.", ["2741"]),
        ("Мій пароль — Vyshyvanka#1991, але не можу зайти.", ["Vyshyvanka#1991"]),
        ("Heslo k firemnímu e-mailu je Pivo&Praha2025 a PIN k SIM kartě je 4410.", ["Pivo&Praha2025", "4410"]),
        ("Ang password ko sa payroll portal ay Adobo@Manila99, pakitulungan po ako.", ["Adobo@Manila99"]),
        ("Mật khẩu tài khoản công ty của mình là PhoBo@HaNoi2025, mã OTP là 583920 nhé.", ["PhoBo@HaNoi2025", "583920"]),
        ("Kata sandi saya Rendang#Padang9 tapi tetap gagal login.", ["Rendang#Padang9"]),
        # scripts that run a particle on, or write words without spaces
        ("비밀번호는 Hangang!0915 이고 방금 받은 2단계 인증 코드는 804127이에요.", ["Hangang!0915", "804127"]),
        ("รหัสผ่านของฉันคือ Siam#Bangkok77 แต่เข้าระบบไม่ได้ค่ะ", ["Siam#Bangkok77"]),
        ("הסיסמה שלי היא Yam!Tlv2025 והקוד שקיבלתי ב-SMS הוא 902415, אבל", ["Yam!Tlv2025", "902415"]),
        ("मेरा नेटबैंकिंग पासवर्ड Diwali@2024 है और ATM पिन 7391 है", ["Diwali@2024", "7391"]),
        # a quoted value after c'est, a door's code ending in a letter, a payment's code split in two
        ("le mot de passe du wifi c'est « Croissant#7742 » et le code de la porte d'entrée 4821B.",
         ["Croissant#7742", "4821B"]),
        ("a kod BLIK 482 913 już wygasł", ["482 913"]),
        # a password holding '#' in a URL's user information; Razorpay's key ID
        ("varmuuskopio epäonnistui: https://backup:Gl4cier#Ops!@nas-varasto.local:5001/webapi palautti 401", ["Gl4cier#Ops!"]),
        ("RAZORPAY_KEY_ID=rzp_live_bLohm7GgNHrwjF", ["rzp_live_bLohm7GgNHrwjF"]),
    ],
)
def test_passwords_and_codes_said_with_words_between_or_in_more_scripts_are_redacted(chain, text, secrets):
    # GIVEN a message telling a password, a PIN or a one-time code  WHEN stored  THEN none of them is
    out = stored(chain, text)
    assert [s for s in secrets if s in out] == [], out


@pytest.mark.parametrize(
    "text",
    [
        "password length is 1024 bits",
        "la clave del éxito es 2025",
        "The password policy is 12 characters",
        "Password expires in 90 days",
        "see https://example.com:8080/#/home and https://docs.example.com/#intro",
    ],
)
def test_facts_about_passwords_and_links_with_fragments_stay(chain, text):
    # GIVEN digits about a password (its length, its policy) and links with a fragment  WHEN stored  THEN kept
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ({"verificacion_id": "ver_01HT8K2Q9ZP", "canal": "sms", "codigo": "482913", "intento": 1}, {"canal": "sms", "intento": 1}),
        ({"verification_status": "pending", "code": 2041, "country": "DE"}, {"country": "DE"}),
        ({"otp_channel": "whatsapp", "kod": "318 552"}, {"otp_channel": "whatsapp"}),
    ],
)
def test_a_code_of_digits_in_a_verifications_object_is_redacted(chain, body, kept):
    # GIVEN an object about a verification, its code under a plain word for "code"
    out = stored_body(chain, body)
    # THEN the code is redacted and the rest kept
    code_key = next(k for k in body if k not in kept and k not in ("verificacion_id", "verification_status"))
    assert out[code_key] == "[redacted]" and all(out[k] == v for k, v in kept.items())


@pytest.mark.parametrize(
    "body",
    [
        {"order_id": "A-1", "code": "4821", "status": "ok"},
        {"country": "DE", "code": "10115"},
        {"verification_status": "pending", "code": "EU-WEST"},
    ],
)
def test_a_code_outside_a_verification_or_not_of_digits_stays(chain, body):
    # GIVEN a product's, a place's code, or letters beside a verification  WHEN stored  THEN kept
    assert stored_body(chain, body) == body


def test_secret_keys_under_italian_and_german_names_are_redacted(chain):
    body = {"ki_dienste": {"cohere": {"schluessel": "aTb0mF43QwRpA9vfyHTpvzcgDgdhwtcMOkRnSwlR"}},
            "chiave-segreta": "4244bfc2d547f0a74c40ff1a8fc6a2bf24a75f84", "server-smtp": "smtp.posta-esempio.it:587"}
    assert stored_body(chain, body) == {"ki_dienste": {"cohere": {"schluessel": "[redacted]"}}, "chiave-segreta": "[redacted]",
                                        "server-smtp": "smtp.posta-esempio.it:587"}


def test_credential_metadata_in_more_languages_a_tracking_pin_and_azures_principal_header(chain):
    # GIVEN a password policy and a token's type and lifetime in German, a feature flag named for a
    # password meter, a signature's algorithm, Canada Post's tracking "pin" (a UPU S10 number with its
    # check digit), a card's PIN, and Azure App Service's principal header
    body = {"passwort_richtlinie": {"mindestlaenge": 12, "ablauf_tage": 90}, "token_typ": "Bearer",
            "tokenLaufzeitSek": "3600", "password_strength_meter": "variant_b", "X-Signature-Algo": "HMAC-SHA256",
            "shipment": {"carrier": "Canada Post", "pin": "LM739128404CA"}, "card": {"pin": "4821"},
            "near_miss": {"pin": "LM739128405CA"}}
    out = stored_body(chain, body)
    # THEN the metadata and the tracking number stay; the PIN and a number whose check digit fails go
    assert out == {**body, "card": {"pin": "[redacted]"}, "near_miss": {"pin": "[redacted]"}}
    from transforms.testing import make_record, run_transform

    record = make_record(request={"headers": {"x-ms-client-principal": "eyJhdXRoX3R5cCI6ICJhYWQiLCAiY2xhaW1zIjogW119"}})
    assert "eyJ" not in json.dumps(run_transform("pii", record)["request"]["headers"])


def test_an_idempotency_key_and_a_no_check_token_are_no_secrets(chain):
    # GIVEN a retry's identity under a token's name, and Atlassian's XSRF switch
    body = {"I-Twilio-Idempotency-Token": "notif-88213-retry-1", "Idempotency-Key": "7f3a9c21e8b04d56",
            "X-Atlassian-Token": "no-check", "api_token": "no-check-xyz-123"}
    # WHEN stored  THEN they stay; a token under its own name is still redacted
    assert stored_body(chain, body) == {**body, "api_token": "[redacted]"}


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a password told however the sentence puts it: the first password-shaped word after its word
        ("Mon mot de passe, c'est normalement Chaton#88bleu mais depuis la mise à jour 4.2 il est refusé.", "Chaton#88bleu"),
        ("Hola, la contraseña que puse cuando me registré fue Girasol_2291 y ahora no va.", "Girasol_2291"),
        ("Mijn wachtwoord was volgens mij Tulpen-2024-xq, maar na de storing werkt het niet.", "Tulpen-2024-xq"),
        ("パスワードは確か sakura0402!jp だったと思うのですが", "sakura0402!jp"),
        ("密码我记得是 Panda@8899cn，昨天还能用，今天就提示错误码 E1042", "Panda@8899cn"),
        ("मेरा पासवर्ड शायद Mumbai@4321 है, कृपया देखिए।", "Mumbai@4321"),
        ("ο κωδικός πρόσβασης που έβαλα στην εγγραφή είναι Thalassa!81gr αλλά δεν", "Thalassa!81gr"),
        ("Moi, salasanani verkkokauppaan on Revontuli_88! mutta kirjautuminen ei onnistu.", "Revontuli_88"),
        ("my password for the shared admin login is, for now, Harbor-Lights_2291 (please rotate it)", "Harbor-Lights_2291"),
        ("Der Code aus der SMS war 731 552, und die PIN für die Karte ist 4719.", "731 552"),
        # Airtable's and Terraform Cloud's tokens
        ("AIRTABLE_PAT=patAD7jY9QuBouwnP.e6296fb649bfe4b5c5a04fe588268cd8052cb4f17a87eb3554ed4addcd571ee5", "patAD7jY9QuBouwnP"),
    ],
)
def test_a_password_said_in_any_turn_of_phrase_is_redacted(chain, text, secret):
    assert secret not in stored(chain, text)


@pytest.mark.parametrize(
    "text",
    [
        "Password reset for order AB-12345 sent to support, error AUTH-401, version v2.3.1-beta",
        "Feature-Flag enable_password_reset_v2 ausgerollt, Fehler E-4102",
        "password_reset_v2=on,token_refresh_rotation=on,otp_length=6",
        "Mon mot de passe ne marche plus depuis la version 4.2.1, commande CMD-77120.",
    ],
)
def test_codes_versions_and_flags_near_a_passwords_word_stay(chain, text):
    assert stored(chain, text) == text


def test_a_secret_key_under_its_chinese_name_is_redacted(chain):
    body = {"租戶ID": "72f988bf-86f1-41af-91ab-2d7cd011db47", "訂閱金鑰": "2c1416d6079553463dfd2c6e9bd3d79e", "區域": "eastasia"}
    assert stored_body(chain, body) == {**body, "訂閱金鑰": "[redacted]"}
