"""The ``pii`` transform's field classes: personal data and credentials by field name, the
actions of each class, per-path overrides, and the walk that reaches every field.

Each test runs the real transform through ``transforms.testing`` (a fresh plugin manager,
a validated record, ``pipeline.received_at`` set), as the consumer Lambda would.
"""

from __future__ import annotations

import copy
import json
import re
import time

import pytest

from droplets import contract
from transforms import ConfigError
from transforms.builtin import _pii_names
from transforms.builtin._pii_names import CREDENTIAL_HEADERS, NameRule
from transforms.testing import chain, make_record, run_transform, stored

HASH_KEY = "f" * 40
FIXTURE = json.loads((contract.schema_path().parent / "credentials.json").read_text(encoding="utf-8"))
DECISIONS = json.loads(
    (contract.schema_path().parent.parent.parent / "tests" / "fixtures" / "credential-names.json").read_text(encoding="utf-8")
)


def pii(record, options=None):
    return run_transform("pii", record, options)


def body_after(body, options=None, route="/api/profile"):
    """What ``pii`` makes of a request body sent to ``route``."""
    record = make_record(request={"method": "POST", "path": route, "route": route, "body": body})
    return pii(record, options)["request"]["body"]


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- credentials: one list, shared with the middleware --------------------------------------


def test_credential_names_come_from_the_shared_contract_file():
    # GIVEN droplets/contract/credentials.json, the list the Express middleware loads too
    # THEN the transform's names, metadata words and headers are exactly its lists
    assert _pii_names.DEFAULT_FIELDS == tuple(FIXTURE["fields"])
    assert _pii_names.METADATA_WORDS == frozenset(FIXTURE["metadata_words"])
    assert CREDENTIAL_HEADERS == {h.lower() for h in FIXTURE["headers"]}


@pytest.mark.parametrize("name", DECISIONS["credential"])
def test_every_credential_of_the_shared_fixture_is_masked(name):
    # GIVEN a name the shared fixture says is a credential, at two depths and in the query
    assert NameRule().is_sensitive(name)
    record = make_record(request={"method": "POST", "body": {name: "v4lue", "a": [{name: 7}]}, "query": {name: "q"}})
    # WHEN pii runs  THEN every value is "[redacted]"
    out = pii(record)["request"]
    assert out["body"] == {name: "[redacted]", "a": [{name: "[redacted]"}]}
    assert out["query"] == {name: "[redacted]"}


@pytest.mark.parametrize("name", DECISIONS["not_credential"])
def test_no_name_the_shared_fixture_calls_harmless_is_masked_as_a_credential(name):
    # GIVEN a name the fixture says is not a credential  WHEN pii runs
    assert not NameRule().is_sensitive(name)
    out = body_after({name: "v4lue"}, route="/api/courses")
    # THEN its value is not "[redacted]" (it may still be personal data of a class, e.g. email)
    assert out[name] != "[redacted]"


@pytest.mark.parametrize("header", FIXTURE["headers"])
def test_every_credential_header_of_the_shared_list_is_removed(header):
    record = make_record()
    record["request"]["headers"] = {header.upper(): "s3cr3t", "accept": "*/*"}
    record["response"]["headers"] = {header: ["s3cr3t"], "content-type": "text/plain"}
    out = pii(record)
    if header in ("cookie", "set-cookie"):
        # a cookie header is read cookie by cookie (theme=dark stays): every secret in it masked
        assert out["request"]["headers"] == {header.upper(): "[redacted]", "accept": "*/*"}
        assert out["response"]["headers"] == {header: "[redacted]", "content-type": "text/plain"}
        return
    assert out["request"]["headers"] == {"accept": "*/*"} and out["response"]["headers"] == {"content-type": "text/plain"}


# --- personal data by field name, per class ---------------------------------------------------

PERSONAL = {
    "[name]": [
        "firstName", "first_name", "first-name", "FIRST_NAME", "givenName", "lastName", "last_name", "family-name",
        "surname", "middleName", "fullName", "full_name", "maidenName", "nickname", "username", "customer_name",
        "kontaktperson", "Ansprechpartner", "contactpersoon", "persona_de_contacto",
        "cardholderName", "prénom", "Vorname", "Nachname", "Familienname", "nom_de_famille", "apellido", "apellidos",
        "nombre_completo", "nome_completo", "cognome", "sobrenome", "voornaam", "achternaam", "nazwisko", "imię",
        "efternamn", "etunimi", "nom_client", "nombre_usuario", "soyad", "soyadı", "ad_soyad", "primeiro_nome", "apelido",
        "mellannamn", "furigana", "recipient", "signer", "beneficiary", "ime", "prezime", "imya", "familiya", "фамилия",
        "имя", "eponymo", "名前", "氏名", "姓名", "이름", "priezvisko", "フリガナ", "ふりがな", "姓", "名", "성명",
    ],
    "[email]": ["email", "e-mail", "eMail", "emailAddress", "email_address", "contact_email", "workEmail", "useremail",
                "vpa", "upi_id",
                "courriel", "correo_electronico", "E-Mail-Adresse", "emails"],
    "[phone]": ["phone", "phoneNumber", "phone_number", "mobile", "mobile-phone", "tel", "telephone", "cellphone", "fax",
                "handy", "Telefonnummer", "numero_de_telephone", "telefono", "numero_de_telefono", "telefone",
                "cellulare", "telefoonnummer", "whatsapp", "phone_numbers", "home_phone", "telemovel", "matkapuhelin",
                "cep_telefonu", "numer_telefonu", "телефон", "電話番号", "手机", "전화번호",
                # a party's number in call records and messaging APIs
                "wa_id", "calling_number", "called_number", "callerId", "msisdn"],
    "[address]": ["address", "street", "streetAddress", "address_line_1", "addressLine2", "billing-address",
                  "shipping_address", "house_number", "Straße", "hausnummer", "Rechnungsadresse", "adresse_postale",
                  "direccion", "calle", "indirizzo", "endereco", "straat", "ulica", "straatnaam", "gatuadress", "morada",
                  "sokak", "katuosoite", "ulice", "lakcim", "адрес", "住所", "地址", "주소"],
    "[postal_code]": ["postal_code", "postalCode", "postcode", "zip", "zipCode", "zip-code", "PLZ", "Postleitzahl",
                      "code_postal", "codigo_postal", "cap_postcode", "kod_pocztowy", "postnummer", "posta_kodu", "psc",
                      "郵便番号", "邮编", "우편번호"],
    "[birth_date]": ["dob", "DOB", "birth_date", "birthDate", "birthday", "dateOfBirth", "date-of-birth", "born_on",
                     "geburtsdatum", "date_de_naissance", "fecha_nacimiento", "fecha_de_nacimiento", "data_di_nascita",
                     "data_de_nascimento", "geboortedatum", "data_urodzenia", "fodelsedatum", "dogum_tarihi",
                     "doğumTarihi", "fodselsdag", "syntymapaiva", "dataNascita", "дата_рождения", "生年月日", "出生日期",
                     "생년월일", "誕生日",
                     # a date of birth split in parts
                     "dob_day", "dob_month", "dobYear", "birth_date_year"],
    "[birth_place]": ["place_of_birth", "placeOfBirth", "city_of_birth", "birthplace", "geburtsort", "lieu_de_naissance",
                      "lugar_de_nacimiento", "luogo_di_nascita", "geboorteplaats", "miejsce_urodzenia", "fodelseort"],
    "[passport]": ["passport", "passportNumber", "passport_no", "reisepass", "passeport", "pasaporte"],
    "[driving_licence]": ["driving_licence", "driverLicense", "drivers-license", "fuehrerschein", "permis_de_conduire",
                          "licence_number", "licenseNo"],
    "[national_id]": ["national_id", "nationalId", "nino", "ni_number", "national_insurance_number", "nir", "dni",
                      "nie", "aadhaar", "bsn", "pesel", "personnummer", "sin", "social_insurance_number", "identity_card",
                      "codice_persona_id_number", "carte_d_identite", "cpr", "hetu", "fodselsnummer", "fødselsnummer",
                      "rijksregisternummer", "nric", "rrn", "resident_registration_number", "my_number", "myNumber",
                      "pps_number", "ppsn", "teudat_zehut", "tc_kimlik_no", "tcKimlikNo", "rut", "rodne_cislo",
                      "isikukood", "asmens_kodas", "cedula", "emirates_id", "id_number", "curp", "mrn",
                      "medical_record_number", "medicare", "medicareNumber", "nhs", "nhs_number", "nhsId"],
    "[vehicle_id]": ["licensePlate", "license_plate", "registration_plate", "vin", "VIN", "vehicle_registration",
                     "kennzeichen", "immatriculation", "matricula", "targa", "kenteken", "vrm", "plate", "numberPlate"],
    "[tax_id]": ["tax_id", "taxId", "tin", "steuernummer", "steuer_id", "codice_fiscale", "cpf", "cnpj", "nif", "rfc",
                 "nip", "numero_contribuinte", "vergi_no"],
    "[ssn]": ["ssn", "SSN", "social_security_number"],
    "[iban]": ["iban", "IBAN", "ibanNumber"],
    "[bank_account]": ["account_number", "accountNumber", "bank_account", "sort_code", "sortCode", "routing_number",
                       "kontonummer", "numero_de_cuenta", "rekeningnummer", "direct_deposit"],
    "[member_id]": ["member_id", "memberNumber", "membership_number", "insurance_id", "user_sis_id", "sis_id",
                    "student_number", "known_traveler_number", "redress_number", "frequent_flyer_number", "mbi",
                    "frequent_flyer", "loyaltyNumber"],
    "[card]": ["credit_card", "creditCard", "debit_card", "kreditkarte", "tarjeta_de_credito"],
    "[device_id]": ["imei", "IMEI", "imeisv", "mac_address", "macAddress", "mac", "deviceId", "device_id",
                    "advertisingId", "idfa", "gaid", "android_id", "iccid", "imsi", "bluetooth_address", "deviceName",
                    "adresse_mac", "identifierForVendor", "ifa"],
    "[location]": ["lat", "lng", "lon", "latitude", "longitude", "coordinates", "coords", "geo", "geolocation", "gps",
                   "latLng", "breitengrad", "latitud", "longitudine"],
}


@pytest.mark.parametrize(
    ("name", "mask"), [(name, mask) for mask, names in PERSONAL.items() for name in names], ids=lambda v: str(v)
)
def test_values_under_personal_field_names_are_masked_by_class(name, mask):
    # GIVEN the name in a body, nested, in a list of objects, and in the query; values of
    # several JSON types (a phone's with digits: a phone field holding none holds a flag)
    one, two, three, query = (("+44 20 7946 0958", "0612345678", "555-0100", "030 1234567") if mask == "[phone]"
                              else ("value one", "ab", "cd", "qq"))
    body = {name: one, "profile": {name: 19900412}, "people": [{name: [two, three]}]}
    record = make_record(request={"method": "POST", "path": "/api/profile", "route": "/api/profile", "body": body,
                                  "query": {name: query}})
    # WHEN pii runs
    out = pii(record)["request"]
    # THEN every value is its kind's mask, whatever its type; the structure stays
    assert out["body"] == {name: mask, "profile": {name: mask}, "people": [{name: [mask, mask]}]}
    assert out["query"] == {name: mask}


@pytest.mark.parametrize(
    "name",
    [
        # metadata about a value, not the value
        "password_hint_shown", "name_length", "nameLength", "token_type", "phone_verified", "phoneVerified",
        "email_verified", "address_count", "email_template", "email_subject", "num_emails", "has_phone",
        "birthday_reminder", "dob_verified", "phone_type", "zip_file", "ip_country", "street_view", "address_id",
        "email_id", "first_seen", "last_login", "lastModified",
        # coarse on their own
        "city", "country", "state", "region", "countryCode", "timezone",
        # look like a term, are something else
        "server_address", "device_type", "deviceModel", "ad_id", "wallet_address", "microphone", "automobile", "bic", "swift", "filename", "hostname",
        "company_name", "product_name", "course_name", "file-name", "class_name", "event_name", "bank_name",
        "long_name", "title", "description", "status", "id", "user_id", "sessions", "session_count", "mail", "location",
        # end like a term written without separators, are something else
        "template", "templates", "page_template", "software_license", "birth_control", "day", "year",
    ],
)
def test_names_that_only_resemble_personal_data_are_kept(name):
    # GIVEN a value under a name about personal data, or that only looks like one
    # WHEN pii runs  THEN the value survives
    assert body_after({name: "Bearer"}) == {name: "Bearer"}


def test_booleans_and_nulls_under_personal_fields_are_kept():
    assert body_after({"email": None, "phone": True, "dob": False}) == {"email": None, "phone": True, "dob": False}


def test_a_phone_number_without_separators_is_masked_under_its_field_name():
    # GIVEN national numbers the text detectors leave alone (a bare run of digits is an ID)
    # under phone field names  WHEN pii runs  THEN they are masked by their field
    assert body_after({"mobile": "0612345678", "telefono": 4155550100, "ref": "0612345678"}) == {
        "mobile": "[phone]", "telefono": "[phone]", "ref": "0612345678"}


# --- containers: masked field by field, coarse facts kept ------------------------------------


def test_an_address_object_is_masked_field_by_field_keeping_its_coarse_parts():
    # GIVEN a profile update with an address object holding precise and coarse parts, and
    # a sub-field this module never heard of
    body = {"address": {"street": "221B Baker Street", "line2": "Flat 1", "postalCode": "NW1 6XE", "city": "London",
                        "state": "Greater London", "country": "GB", "type": "home", "is_default": True,
                        "building_code": "B-17", "geo": {"lat": 51.5237, "lng": -0.1585, "accuracy": 5}}}
    # WHEN pii runs
    out = body_after(body)
    # THEN everything precise is masked, the city, state, country and type kept
    assert out == {"address": {"street": "[address]", "line2": "[address]", "postalCode": "[postal_code]",
                               "city": "London", "state": "Greater London", "country": "GB", "type": "home",
                               "is_default": True, "building_code": "[address]",
                               "geo": {"lat": "[location]", "lng": "[location]", "accuracy": 5}}}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a city's centre, two decimals (about a kilometre): it places no one
        ({"location": {"city": "Berlin", "lat": 52.52, "lng": 13.4}}, {"location": {"city": "Berlin", "lat": 52.52, "lng": 13.4}}),
        ({"latitude": "48.86", "longitude": "2.35"}, {"latitude": "48.86", "longitude": "2.35"}),
        # three decimals or more, a value out of range, or not a number: masked
        ({"lat": 52.520, "lng": 13.405}, {"lat": 52.52, "lng": "[location]"}),
        ({"lat": "52.5200", "lng": 13.4049}, {"lat": "[location]", "lng": "[location]"}),
        ({"lat": 1234.5, "gps": "52.520008,13.404954"}, {"lat": "[location]", "gps": "[location]"}),
        # a pair written "lat,lon" to two decimals places no one either (a city's centre)
        ({"gps": "52.52,13.40", "coords": "25.20, 55.28"}, {"gps": "52.52,13.40", "coords": "25.20, 55.28"}),
    ],
)
def test_a_coordinate_under_its_name_is_kept_only_when_too_coarse_to_place_anyone(body, expected):
    # GIVEN coordinates under their names  WHEN pii runs  THEN only the coarse ones stay
    assert body_after(body) == expected


def test_a_name_object_and_lists_of_personal_values_are_masked_whole():
    body = {"name": {"first": "Jane", "last": "Doe"}, "emails": ["a@example.com", "not-an-email"],
            "phones": [{"type": "mobile", "number": "0612345678"}]}
    assert body_after(body) == {"name": {"first": "[name]", "last": "[name]"}, "emails": ["[email]", "[email]"],
                                "phones": [{"type": "mobile", "number": "[phone]"}]}


def test_a_card_object_keeps_its_brand_and_last_four_digits():
    body = {"credit_card": {"number": "4111 1111 1111 1111", "brand": "visa", "last4": "1111", "exp_month": 12,
                            "holder": "Jane Doe", "cvc": "123"}}
    assert body_after(body) == {"credit_card": {"number": "[card]", "brand": "visa", "last4": "1111", "exp_month": 12,
                                                "holder": "[card]", "cvc": "[redacted]"}}


# --- a bare name: a person's or a thing's, by context --------------------------------------------


@pytest.mark.parametrize(
    ("route", "body", "expected"),
    [
        # a person's: the key above it, a word before it, the route
        ("/api/orders", {"user": {"name": "Jane Doe"}}, {"user": {"name": "[name]"}}),
        ("/api/events/:id", {"attendees": [{"name": "Jane Doe"}, {"name": "Bob"}]},
         {"attendees": [{"name": "[name]"}, {"name": "[name]"}]}),
        ("/api/orders", {"customer": {"name": "Jane"}, "contact": {"name": "Bob"}, "created_by": {"name": "Al"}},
         {"customer": {"name": "[name]"}, "contact": {"name": "[name]"}, "created_by": {"name": "[name]"}}),
        ("/api/orders", {"customerName": "Jane"}, {"customerName": "[name]"}),
        ("/api/users/:id", {"name": "Jane Doe"}, {"name": "[name]"}),
        ("/api/me", {"displayName": "Jane"}, {"displayName": "[name]"}),
        ("/api/kunden/:id", {"nombre": "Juana"}, {"nombre": "[name]"}),
        # plural person nouns of other languages, over a list of objects
        ("/api/orders", {"kunden": [{"name": "Max"}], "pazienti": [{"nome": "Mario"}], "klanten": [{"naam": "Jan"}],
                         "musteriler": [{"isim": "Ahmet"}], "uczestnicy": [{"imie": "Jan"}]},
         {"kunden": [{"name": "[name]"}], "pazienti": [{"nome": "[name]"}], "klanten": [{"naam": "[name]"}],
          "musteriler": [{"isim": "[name]"}], "uczestnicy": [{"imie": "[name]"}]}),
        ("/api/signup", {"soyad": "Yılmaz", "ad_soyad": "Ahmet Yılmaz", "adSoyad": "Ahmet Yılmaz"},
         {"soyad": "[name]", "ad_soyad": "[name]", "adSoyad": "[name]"}),
        ("/api/signup", {"name": "Jane Doe"}, {"name": "[name]"}),  # nothing says: a person's
        ("/api/courses/:id/enroll", {"name": "Jane Doe"}, {"name": "[name]"}),  # only the last resource counts
        # a thing's
        ("/api/orders", {"course": {"name": "Intro to SQL"}, "product": {"name": "Mug"}},
         {"course": {"name": "Intro to SQL"}, "product": {"name": "Mug"}}),
        ("/api/orders", {"items": [{"name": "Mug", "qty": 1}]}, {"items": [{"name": "Mug", "qty": 1}]}),
        ("/api/orders", {"product_name": "Mug", "companyName": "ACME"}, {"product_name": "Mug", "companyName": "ACME"}),
        # a full or display name is a person's unless its context names a thing (a GitHub webhook)
        ("/webhooks/github", {"repository": {"full_name": "octo/hello", "owner": {"display_name": "Jane Doe"}}},
         {"repository": {"full_name": "octo/hello", "owner": {"display_name": "[name]"}}}),
        ("/api/signup", {"fullName": "Jane Doe", "user": {"display_name": "jd"}},
         {"fullName": "[name]", "user": {"display_name": "[name]"}}),
        ("/api/campaigns", {"ad_name": "Summer sale", "ads": [{"name": "Banner A"}]},
         {"ad_name": "Summer sale", "ads": [{"name": "Banner A"}]}),
        ("/api/courses/:id", {"name": "Intro to SQL"}, {"name": "Intro to SQL"}),
        ("/api/v2/products", {"data": {"results": [{"name": "Mug"}]}}, {"data": {"results": [{"name": "Mug"}]}}),
        ("/api/orders", {"nombre_producto": "Taza", "nom_produit": "Tasse"},
         {"nombre_producto": "Taza", "nom_produit": "Tasse"}),
        # a word that only says "the parts of" passes the word before it on (Stripe's
        # billing_details, Cognito's userAttributes, GraphQL's edges[].node)
        ("/webhooks/stripe", {"data": {"object": {"billing_details": {"name": "Camille Durand"}}}},
         {"data": {"object": {"billing_details": {"name": "[name]"}}}}),
        ("/webhooks/cognito", {"request": {"userAttributes": {"name": "Pieter de Vries"}}},
         {"request": {"userAttributes": {"name": "[name]"}}}),
        ("/graphql", {"organization": {"members": {"edges": [{"node": {"name": "Haruto Sato"}}]}}},
         {"organization": {"members": {"edges": [{"node": {"name": "[name]"}}]}}}),
        ("/api/orders", {"product_details": {"name": "Mug"}, "operationName": "ProductsByCategory",
                         "workflow_run": {"name": "CI"}, "drug": {"name": "Atorvastatin"}, "itens": [{"nome": "Tênis"}]},
         {"product_details": {"name": "Mug"}, "operationName": "ProductsByCategory",
          "workflow_run": {"name": "CI"}, "drug": {"name": "Atorvastatin"}, "itens": [{"nome": "Tênis"}]}),
        # a form's fields are things: their names are fields' names
        ("/api/forms", {"fields": [{"name": "email", "type": "string"}, {"name": "phone", "type": "string"}]},
         {"fields": [{"name": "email", "type": "string"}, {"name": "phone", "type": "string"}]}),
        # who is signed in or acted, in GraphQL and webhook bodies: their login too
        ("/graphql", {"data": {"viewer": {"name": "Jane Doe", "login": "jdoe"}}},
         {"data": {"viewer": {"name": "[name]", "login": "[name]"}}}),
        ("/webhooks/github", {"actor": {"login": "octocat"}, "organizer": {"name": "Jane Doe"}},
         {"actor": {"login": "[name]"}, "organizer": {"name": "[name]"}}),
        ("/api/servers", {"host": {"name": "web-1"}}, {"host": {"name": "web-1"}}),
        # nested either way
        ("/api/courses/:id", {"instructor": {"name": "Ada"}, "company": {"name": "ACME"}},
         {"instructor": {"name": "[name]"}, "company": {"name": "ACME"}}),
        ("/api/users/:id", {"company": {"name": "ACME"}, "team": {"members": [{"name": "Bob"}]}},
         {"company": {"name": "ACME"}, "team": {"members": [{"name": "[name]"}]}}),
    ],
)
def test_a_bare_name_is_a_persons_unless_its_context_names_a_thing(route, body, expected):
    # GIVEN a body sent to a route  WHEN pii runs  THEN names of people go, names of things stay
    assert body_after(body, route=route) == expected


def test_a_fields_definition_keeps_its_name_and_a_name_without_letters_is_no_ones():
    # GIVEN a sign-up form's definition and a Shopify order named by its number
    body = {"fields": [{"name": "email", "label": "Work email", "type": "email", "required": True},
                       {"name": "phone_number", "label": "Phone", "type": "tel"}],
            "order": {"name": "#1042", "customer": {"name": "Jane Doe"}}}
    # WHEN pii runs  THEN the fields' names and the order's name stay, the customer's goes
    assert body_after(body, route="/api/forms") == {
        "fields": [{"name": "email", "label": "Work email", "type": "email", "required": True},
                   {"name": "phone_number", "label": "Phone", "type": "tel"}],
        "order": {"name": "#1042", "customer": {"name": "[name]"}}}


def test_what_says_too_little_to_find_anyone_stays_inside_a_personal_field():
    # GIVEN a JSON Schema of personal fields, a FHIR Patient's uses, a Brazilian state, a
    # province code and a passport's nationality
    body = {"properties": {"first_name": {"type": "string", "maxLength": 64},
                           "phone": {"type": "string", "pattern": "^\\+[1-9]\\d{1,14}$"}},
            "name": [{"use": "official", "family": "Chalmers"}],
            "shipping_address": {"uf": "SP", "province_code": "ON", "address1": "1 Main St"},
            "passport": {"nationality": "JO", "number": "X1234567"}}
    # WHEN pii runs  THEN the schema's keywords, the uses, the state codes and the nationality
    # stay; the values that find a person go
    assert body_after(body) == {
        "properties": {"first_name": {"type": "string", "maxLength": 64},
                       "phone": {"type": "string", "pattern": "^\\+[1-9]\\d{1,14}$"}},
        "name": [{"use": "official", "family": "[name]"}],
        "shipping_address": {"uf": "SP", "province_code": "ON", "address1": "[address]"},
        "passport": {"nationality": "JO", "number": "[passport]"}}


def test_field_names_written_as_data_in_the_usual_spellings_say_what_their_values_are():
    # GIVEN Cognito's UserAttributes ({Name, Value}) and a HubSpot webhook ({propertyName, propertyValue})
    body = {"UserAttributes": [{"Name": "given_name", "Value": "Nadia"}, {"Name": "birthdate", "Value": "1993-09-17"},
                               {"Name": "custom:plan", "Value": "pro"},
                               {"Name": "ghp_1234567890abcdefghijABCDEFGHIJ123456", "Value": "x"}],
            "events": [{"propertyName": "lastname", "propertyValue": "Okafor"},
                       {"propertyName": "dealstage", "propertyValue": "won"}]}
    # WHEN pii runs  THEN each value gets what its named field gets; the names stay as written
    # (no person's name), yet the text detectors still read them (a token is no field's name)
    assert body_after(body, route="/webhooks/cognito") == {
        "UserAttributes": [{"Name": "given_name", "Value": "[name]"}, {"Name": "birthdate", "Value": "[birth_date]"},
                           {"Name": "custom:plan", "Value": "pro"}, {"Name": "[github_token]", "Value": "x"}],
        "events": [{"propertyName": "lastname", "propertyValue": "[name]"},
                   {"propertyName": "dealstage", "propertyValue": "won"}]}


def test_an_identifier_under_an_ids_or_a_product_codes_name_is_kept():
    # GIVEN numeric IDs as strings (one passes Luhn with a card's prefix) and product codes
    # shaped like phone numbers, beside the same shapes under other names
    body = {"account_id": "4111111111111111", "orderId": "5500000000000004", "sku": "030-1234-5678",
            "part_number": "030-1234-5678-A", "model": "0800-555-1234-X",
            "order_id": "4111 1111 1111 1111", "user_id": "jane@example.com", "phone": "030-1234-5678",
            "note": "sku 030-1234-5678", "national_id": "AB123456C"}
    # WHEN pii runs
    out = body_after(body)
    # THEN the identifiers stay; a spaced card, an e-mail, a phone field, text and a personal
    # ID's field are scrubbed as ever
    assert {k: out[k] for k in ("account_id", "orderId", "sku", "part_number", "model")} == {
        "account_id": "4111111111111111", "orderId": "5500000000000004", "sku": "030-1234-5678",
        "part_number": "030-1234-5678-A", "model": "0800-555-1234-X"}
    assert (out["order_id"], out["user_id"], out["phone"], out["national_id"]) == ("[card]", "[email]", "[phone]", "[national_id]")
    assert out["note"] == "sku [phone]"


def test_a_field_name_mixing_scripts_is_read_with_its_look_alike_letters_in_latin():
    # GIVEN field names that write Latin letters with Cyrillic or Greek look-alikes, and a
    # name written wholly in Cyrillic
    body = {"pаsswоrd": "hunter2", "еmail": "jane@example.com", "ѕѕn": "078-05-1120", "пароль": "x9!"}
    # WHEN pii runs  THEN each is what its Latin reading says; the Cyrillic name is a password's too
    assert body_after(body) == {"pаsswоrd": "[redacted]", "еmail": "[email]", "ѕѕn": "[ssn]", "пароль": "[redacted]"}


@pytest.mark.parametrize("name, value, mask", [
    ("هاتف", "0501234567", "[phone]"), ("رقم_الجوال", "0551234567", "[phone]"), ("טלפון", "0521234567", "[phone]"),
    ("फ़ोन_नंबर", "9876543210", "[phone]"), ("โทรศัพท์", "0812345678", "[phone]"),
    ("số_điện_thoại", "0912345678", "[phone]"), ("nomor_telepon", "081234567890", "[phone]"),
    ("العنوان", "شارع الملك فهد 12", "[address]"), ("địa_chỉ", "12 Nguyễn Huệ, Quận 1", "[address], Quận 1"),
    ("alamat", "Jl. Sudirman No. 5", "[address]"), ("ที่อยู่", "99 ถนนสุขุมวิท", "[address]"), ("כתובת", "הרצל 12", "[address]"),
    ("ngày_sinh", "12/04/1990", "[birth_date]"), ("tanggal_lahir", "12-04-1990", "[birth_date]"),
    ("תאריך_לידה", "1990-04-12", "[birth_date]"), ("जन्म_तिथि", "1990-04-12", "[birth_date]"),
    ("паспорт", "4510 123456", "[passport]"), ("护照号码", "E12345678", "[passport]"), ("여권번호", "M12345678", "[passport]"),
    ("หมายเลขบัตรประชาชน", "1101700207366", "[national_id]"), ("身份证号", "11010519491231002X", "[national_id]"),
    ("کد_ملی", "0499370899", "[national_id]"), ("nomor_ktp", "3171234567890001", "[national_id]"), ("снилс", "112-233-445 95", "[national_id]"),
    ("họ_tên", "Nguyễn Văn An", "[name]"), ("नाम", "राहुल शर्मा", "[name]"), ("ชื่อ", "สมชาย ใจดี", "[name]"),
    ("שם_משפחה", "כהן", "[name]"), ("nama_lengkap", "Budi Santoso", "[name]"), ("прізвище", "Шевченко", "[name]"),
])
def test_field_names_of_more_languages_and_scripts_say_their_class(name, value, mask):
    # GIVEN a personal field named in Arabic, Hebrew, Persian, Hindi, Thai, Vietnamese,
    # Indonesian, Russian, Ukrainian, Chinese or Korean (words joined by "_", vowel signs and
    # letters with a stroke included)
    # WHEN pii runs on a person's profile  THEN the value gets its class's mask
    assert body_after({name: value}) == {name: mask}


def test_a_things_name_in_those_languages_stays_under_a_things_route():
    body = {"nama": "Sepatu Merah", "ชื่อ": "รองเท้าสีแดง", "नाम": "लाल जूते", "שם": "נעליים אדומות", "tên": "Giày đỏ"}
    assert body_after(body, route="/api/products/:id") == body


def test_a_bare_name_in_a_query_is_a_persons_whatever_the_route():
    # GIVEN ?name= on a search and on a product listing, and a product body's name
    search = make_record(request={"path": "/search", "route": "/search", "query": {"name": "Jane Doe"}})
    products = make_record(request={"path": "/api/products", "route": None, "query": {"name": "mug"},
                                    "method": "POST", "body": {"name": "mug"}})
    # WHEN pii runs
    # THEN both queries are masked: query strings travel (logs, Referers) and ?name= on a
    # listing often filters people; a product's name loses little. The body keeps its name.
    assert pii(search)["request"]["query"] == {"name": "[name]"}
    assert pii(products)["request"]["query"] == {"name": "[name]"}
    assert pii(products)["request"]["body"] == {"name": "mug"}


@pytest.mark.parametrize(
    ("route", "body", "expected"),
    [
        # a person's object: the parts of a name under their bare words
        ("/api/bookings", {"passengers": [{"first": "Janet", "last": "Doverton", "seat": "12A"}]},
         {"passengers": [{"first": "[name]", "last": "[name]", "seat": "12A"}]}),
        ("/api/fhir/Patient", {"patient": {"family": "Doverton", "given": ["Janet", "Ann"], "middle": "Q"}},
         {"patient": {"family": "[name]", "given": ["[name]", "[name]"], "middle": "[name]"}}),
        # anywhere else they are cursors, positions and flags
        ("/api/orders", {"page": {"first": "c2VjcmV0", "last": "Y3Vyc29y"}, "first": True, "last": 10},
         {"page": {"first": "c2VjcmV0", "last": "Y3Vyc29y"}, "first": True, "last": 10}),
        ("/api/users/:id", {"card": {"last4": "4242"}, "sort_first": "newest"},
         {"card": {"last4": "4242"}, "sort_first": "newest"}),
        # a login or handle is a person's inside a person's object (GitHub's users), a flag or a date elsewhere
        ("/api/repos/:id", {"owner": {"login": "octocat", "id": 1}, "last_login": "2026-11-26T10:00:00Z", "login": True},
         {"owner": {"login": "[name]", "id": 1}, "last_login": "2026-11-26T10:00:00Z", "login": True}),
    ],
)
def test_the_bare_parts_of_a_name_are_a_persons_only_in_a_persons_object(route, body, expected):
    # GIVEN first/last/given/family under a person's object and elsewhere  WHEN pii runs
    # THEN only the person's are masked
    assert body_after(body, route=route) == expected


@pytest.mark.parametrize(
    ("route", "body", "expected"),
    [
        # a login form: the password beside it makes the object an account, whatever the route
        ("/courses/:id", {"login": "jdoe42", "password": "hunter2"}, {"login": "[name]", "password": "[redacted]"}),
        ("/api/v1/session", {"handle": "jdoe", "pin": "1234"}, {"handle": "[name]", "pin": "[redacted]"}),
        # the routes of signing in and up are a person's
        ("/login", {"login": "jdoe42", "remember": True}, {"login": "[name]", "remember": True}),
        ("/auth/sign-in", {"login": "jdoe42"}, {"login": "[name]"}),
        ("/api/v1/signup", {"first": "Janet", "last": "Doverton"}, {"first": "[name]", "last": "[name]"}),
        # a flag or a date under the same words stays
        ("/courses/:id", {"login": True, "last": "2026-11-26", "password": "x"},
         {"login": True, "last": "2026-11-26", "password": "[redacted]"}),
        ("/api/products", {"login": "required", "handle": "blue-mug"}, {"login": "required", "handle": "blue-mug"}),
    ],
)
def test_a_login_is_a_persons_in_an_account_object_or_on_a_sign_in_route(route, body, expected):
    assert body_after(body, route=route) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a string under a person's key that reads as a name is that person's name
        ({"customer": "Jane Doe"}, {"customer": "[name]"}),
        ({"author": "JANE DOE", "assignee": "Jan de Vries"}, {"author": "[name]", "assignee": "[name]"}),
        ({"participants": ["María García López", "John Smith", 3]}, {"participants": ["[name]", "[name]", 3]}),
        # IDs, single words, teams and systems under the same keys stay
        ({"customer": "cus_9s8d7fG2", "owner": "Platform Team", "author": "Acme"},
         {"customer": "cus_9s8d7fG2", "owner": "Platform Team", "author": "Acme"}),
        ({"assignee": "support bot", "reviewers": ["octocat", "Support Team"]},
         {"assignee": "support bot", "reviewers": ["octocat", "Support Team"]}),
        # relations say whose the fields under them are, not that their string is a name
        ({"from": "New York", "to": "San Francisco", "billing": "Monthly Plan"},
         {"from": "New York", "to": "San Francisco", "billing": "Monthly Plan"}),
        # objects under a person's key are walked as before
        ({"customer": {"id": "cus_1", "name": "Jane Doe", "plan": "Pro Yearly"}},
         {"customer": {"id": "cus_1", "name": "[name]", "plan": "Pro Yearly"}}),
    ],
)
def test_a_name_written_under_a_persons_key_is_masked(body, expected):
    assert body_after(body, route="/api/orders") == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "Jane Doe"}, {"q": "[name]"}),
        ({"searchTerm": "María García", "search_query": "JANE DOE"}, {"searchTerm": "[name]", "search_query": "[name]"}),
        # what people search for that is no person's name stays
        ({"q": "running shoes", "search": "New York", "term": "Spring 2026"},
         {"q": "running shoes", "search": "New York", "term": "Spring 2026"}),
        # a search's words, only under a search's name ("Will Smith" reads as two words elsewhere)
        ({"q": "Will Smith"}, {"q": "[name]"}),
        ({"queryId": "Will Smith"}, {"queryId": "Will Smith"}),
    ],
)
def test_a_name_typed_into_a_search_is_masked(query, expected):
    record = make_record(request={"method": "GET", "path": "/search", "route": "/search", "query": query})
    assert pii(record)["request"]["query"] == expected


def test_a_name_under_a_persons_key_follows_the_name_class_action():
    hashed = body_after({"customer": "Jane Doe", "attendees": ["Jane Doe"]}, {"mode": "hash", "hash_key": HASH_KEY})
    assert hashed["customer"] == hashed["attendees"][0] and HASHED.fullmatch(hashed["customer"])["kind"] == "name"
    assert body_after({"customer": "Jane Doe"}, {"classes": {"name": "keep"}}) == {"customer": "Jane Doe"}
    assert body_after({"customer": "Jane Doe", "attendees": ["Jane Doe", "x"]}, {"classes": {"name": "drop"}}) == {
        "attendees": [None, "x"]}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # custom fields, properties and form answers: the label names the value
        ({"fields": [{"name": "phone", "value": "07700 900123"}, {"name": "lastName", "value": "Doverton"},
                     {"key": "password", "value": "s3cr3tPass"}, {"field": "dateOfBirth", "value": "1990-04-12"},
                     {"label": "Email", "answer": "jd at home"}, {"type": "iban", "values": ["DE89370400440532013000"]}]},
         {"fields": [{"name": "phone", "value": "[phone]"}, {"name": "lastName", "value": "[name]"},
                     {"key": "password", "value": "[redacted]"}, {"field": "dateOfBirth", "value": "[birth_date]"},
                     {"label": "Email", "answer": "[email]"}, {"type": "iban", "values": ["[iban]"]}]}),
        # pairs written as lists
        ({"attrs": [["surname", "Doverton"], ["api_key", "abcd1234efgh5678ijkl"], ["plan", "pro"]]},
         {"attrs": [["surname", "[name]"], ["api_key", "[redacted]"], ["plan", "pro"]]}),
        # labels that name nothing personal leave their values alone
        ({"settings": [{"key": "theme", "value": "dark"}, {"name": "Color", "value": "red"},
                       {"name": "password_hint_shown", "value": True}], "pair": ["sort", "desc"]},
         {"settings": [{"key": "theme", "value": "dark"}, {"name": "Color", "value": "red"},
                       {"name": "password_hint_shown", "value": True}], "pair": ["sort", "desc"]}),
        # lists of columns and sort orders are no pairs
        ({"columns": ["name", "price"], "select": ["email", "phone"], "order": [["email", "asc"], ["lastName", "DESC"]]},
         {"columns": ["name", "price"], "select": ["email", "phone"], "order": [["email", "asc"], ["lastName", "DESC"]]}),
    ],
)
def test_a_value_labelled_by_a_field_name_written_as_data_gets_that_fields_action(body, expected):
    # GIVEN a field's name written as data next to its value  WHEN pii runs
    # THEN the value is masked as a field of that name would be
    assert body_after(body, route="/api/forms/:id") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a map's marker, GeoJSON's [lon, lat], a route's points: a precise place whatever its name
        ({"pos": [51.5033635, -0.1276248]}, {"pos": ["[location]", "[location]"]}),
        ({"geometry": {"type": "LineString", "points": [[-0.12763, 51.50336], [-0.12811, 51.50412]]}},
         {"geometry": {"type": "LineString", "points": [["[location]"] * 2, ["[location]"] * 2]}}),
        # scores, ranges, prices and coarse places stay
        ({"scores": [0.87341, 0.12659], "range": [10.5, 20.25], "city": [51.5, -0.13], "xy": [1234.56789, 2.12345],
          "bid_ask": [1.08425, 1.08441], "band": [45.1234, 45.5678]},
         {"scores": [0.87341, 0.12659], "range": [10.5, 20.25], "city": [51.5, -0.13], "xy": [1234.56789, 2.12345],
          "bid_ask": [1.08425, 1.08441], "band": [45.1234, 45.5678]}),
    ],
)
def test_a_pair_of_numbers_that_is_a_precise_place_is_masked_under_any_name(body, expected):
    # GIVEN coordinates as a list of two numbers  WHEN pii runs  THEN precise ones are masked
    assert body_after(body, route="/api/things") == expected


#: (route, path, what pii makes of the path)
ROUTE_PARAMETERS = [
    # a parameter named for a credential or for personal data
    ("/auth/magic/:token", "/auth/magic/3f9a7c2e8b1d4f6a9c0e2b4d6f8a1c3e5b7d9f0a", "/auth/magic/[redacted]"),
    ("/reset/:token(\\w+)/confirm", "/reset/abcdef0123456789/confirm?lang=en", "/reset/[redacted]/confirm?lang=en"),
    ("/people/:fullName/orders", "/people/janet-doverton/orders", "/people/[name]/orders"),
    ("/users/:name", "/users/janet", "/users/[name]"),
    # what the route's names do not call personal stays, whatever it looks like
    ("/api/commits/:sha", "/api/commits/3f9a7c2e8b1d4f6a9c0e2b4d6f8a1c3e5b7d9f0a",
     "/api/commits/3f9a7c2e8b1d4f6a9c0e2b4d6f8a1c3e5b7d9f0a"),
    ("/courses/:name", "/courses/intro-to-sql", "/courses/intro-to-sql"),
    ("/files/*", "/files/a/b", "/files/a/b"),
]


@pytest.mark.parametrize(("route", "path", "expected"), ROUTE_PARAMETERS)
def test_a_path_segment_is_masked_when_the_route_names_it_for_personal_data(route, path, expected):
    # GIVEN a call whose route names its parameters  WHEN pii runs
    record = make_record(request={"method": "GET", "path": path, "route": route})
    # THEN a segment whose parameter is named for a credential or personal data gets its action
    out = pii(record)["request"]
    assert (out["path"], out["route"]) == (expected, route)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/reset-password/8f7d6a5s4d3f2g1hQ9w8e7r6", "/reset-password/[redacted]"),
        ("/invite/Zx9Qw8Er7Ty6Ui5Op4/accept", "/invite/[redacted]/accept"),
        ("/login/google", "/login/google"),
    ],
)
def test_a_links_secret_in_a_path_without_a_route_is_masked(path, expected):
    # GIVEN a call no route matched (a 404: the middleware sends no pattern)  WHEN pii runs
    record = make_record(request={"method": "GET", "path": path, "route": None})
    # THEN the random-looking segment after a link's word is masked all the same
    assert pii(record)["request"]["path"] == expected


def test_a_command_lines_credential_in_a_list_of_arguments_is_masked():
    # GIVEN the arguments of a job as a list  WHEN pii runs  THEN the flag's value is masked
    body = {"args": ["--user", "janet", "--password", "s3cr3tPass", "--verbose", "--token=abc123def456ghi7"]}
    assert body_after(body, route="/api/jobs") == {
        "args": ["--user", "janet", "--password", "[redacted]", "--verbose", "--token=[redacted]"]
    }


def test_a_labelled_value_is_hashed_and_dropped_as_its_field_would_be():
    # GIVEN hash mode for contact details and drop for names
    options = {"mode": "hash", "hash_key": HASH_KEY, "classes": {"name": "drop"}}
    body = {"fields": [{"name": "email", "value": "Jane@Example.com"}, {"name": "lastName", "value": "Doe"}],
            "flat": {"email": "jane@example.com"}}
    # WHEN pii runs
    out = body_after(body, options)
    # THEN the labelled e-mail has the pseudonym of the same e-mail under its field name,
    # and the dropped name's value is gone
    assert out["fields"][0]["value"] == out["flat"]["email"]
    assert HASHED.fullmatch(out["fields"][0]["value"])["kind"] == "email"
    assert out["fields"][1]["value"] is None


# --- actions ----------------------------------------------------------------------------------

HASHED = re.compile(r"(?P<kind>[a-z_]+):[0-9a-f]{16}")


def test_hash_gives_a_joinable_pseudonym_per_person_field_or_text():
    # GIVEN names hashed, and the same person in two records, written differently
    options = {"classes": {"name": "hash", "contact": "hash"}, "hash_key": HASH_KEY}
    first = body_after({"firstName": "Jane", "fullName": "Jane  Doe", "email": "Jane@Example.com"}, options)
    second = body_after({"name": {"full": "jane doe"}, "note": "write to jane@example.com"}, options)
    # WHEN/THEN the same value is the same pseudonym, whether found by field or in text
    assert HASHED.fullmatch(first["firstName"])["kind"] == "name"
    assert first["fullName"] == second["name"]["full"]
    assert second["note"] == "write to " + first["email"]
    assert first["firstName"] != first["fullName"]
    # AND a second pass keeps a pseudonym as it is (a stored record scrubbed again), but a
    # value that only looks like one is hashed
    assert body_after(first, options) == first
    assert HASHED.fullmatch(body_after({"firstName": "name:Jane Doe Smith1"}, options)["firstName"])


def test_hash_mode_hashes_every_class_but_credentials_and_truncates_ips():
    options = {"mode": "hash", "hash_key": HASH_KEY}
    out = body_after({"dob": "1990-04-12", "street": "1 Main St", "iban": "GB82 WEST 1234 5698 7654 32",
                      "lat": 48.8566, "password": "hunter2", "client_ip": "203.0.113.9"}, options)
    assert {k: HASHED.fullmatch(v)["kind"] for k, v in out.items() if k in ("dob", "street", "iban", "lat")} == {
        "dob": "birth_date", "street": "address", "iban": "iban", "lat": "location"}
    assert out["password"] == "[redacted]" and out["client_ip"] == "203.0.113.0"
    # AND the field's pseudonym of the IBAN is the text detector's
    assert body_after({"note": "pay GB82WEST12345698765432"}, options)["note"] == "pay " + out["iban"]


def test_keep_leaves_a_class_alone_but_the_text_detectors_still_run():
    out = body_after({"firstName": "Jane", "lastName": "jane@example.com", "dob": "1990-04-12"},
                     {"classes": {"name": "keep"}})
    assert out == {"firstName": "Jane", "lastName": "[email]", "dob": "[birth_date]"}


def test_drop_removes_the_field_and_masks_findings_in_text():
    body = {"email": "a@example.com", "phones": ["+44 20 7946 0958"], "users": [{"email": "b@example.com", "id": 1}],
            "note": "mail a@example.com", "name": "Jane"}
    out = body_after(body, {"classes": {"contact": "drop"}})
    assert out == {"users": [{"id": 1}], "note": "mail [email]", "name": "[name]"}


def test_a_kept_class_is_kept_in_text_too():
    # GIVEN contact data kept  WHEN an e-mail appears in free text  THEN it stays
    assert body_after({"note": "write to ann@example.com"}, {"classes": {"contact": "keep"}}) == {
        "note": "write to ann@example.com"}


@pytest.mark.parametrize(
    ("action", "request_ip", "body_ip", "header"),
    [
        ("truncate", "203.0.113.0", "198.51.100.0", "203.0.113.0, 10.0.0.0"),
        ("mask", "[ip]", "[ip]", "[ip]"),
        ("keep", "203.0.113.7", "198.51.100.23", "203.0.113.7, 10.0.0.5"),
    ],
)
def test_the_ip_class_is_truncated_by_default_and_configurable(action, request_ip, body_ip, header):
    record = make_record(request={"ip": "203.0.113.7", "method": "POST", "body": {"clientIp": "198.51.100.23"},
                                  "headers": {"x-forwarded-for": "203.0.113.7, 10.0.0.5"}})
    options = {} if action == "truncate" else {"classes": {"ip": action}}
    out = pii(record, options)["request"]
    assert (out["ip"], out["body"]["clientIp"], out["headers"]["x-forwarded-for"]) == (request_ip, body_ip, header)


def test_dropped_ips_leave_the_record():
    record = make_record(request={"ip": "203.0.113.7"})
    record["request"]["headers"] = {"x-real-ip": "203.0.113.7", "accept": "*/*"}
    out = pii(record, {"classes": {"ip": "drop"}})["request"]
    assert "ip" not in out and out["headers"] == {"accept": "*/*"}


def test_credentials_are_masked_whatever_the_configuration():
    out = body_after({"password": "hunter2", "note": "Bearer 8f14e45fceea167a5a36dedd4bea2543"},
                     {"mode": "hash", "hash_key": HASH_KEY, "classes": {"name": "keep", "contact": "keep"}})
    assert out == {"password": "[redacted]", "note": "[bearer]"}


# --- per-field overrides -----------------------------------------------------------------------


def test_field_overrides_by_path():
    # GIVEN a nickname the operator keeps, an owner that is a person's name, an IP left
    # whole under one path, any field named note under data masked, and a hashed ID
    options = {"hash_key": HASH_KEY, "fields": {
        "request.body.user.nickname": "keep",
        "request.body.items[].owner": "name",
        "request.body.origin": "ip",
        "request.body.data.*.note": "mask",
        "request.body.voucher_no": "hash",
        "response.body.user.email": "drop",
    }}
    record = make_record(
        request={"method": "POST", "path": "/api/orders", "route": "/api/orders", "body": {
            "user": {"nickname": "jd", "firstName": "Jane"}, "nickname": "other",
            "items": [{"owner": "Jane Doe", "sku": "A-1"}, {"owner": "Bob"}], "owner": "platform",
            "origin": "203.0.113.7", "data": {"a": {"note": "x"}, "b": {"note": "y", "n": 1}}, "voucher_no": "M-123"}},
    )
    record["response"]["body"] = {"user": {"email": "a@example.com", "id": 1}}
    # WHEN pii runs
    out = pii(record, options)
    body = out["request"]["body"]
    # THEN each override applies at its path only
    assert body["user"] == {"nickname": "jd", "firstName": "[name]"}
    assert body["nickname"] == "[name]"
    assert body["items"] == [{"owner": "[name]", "sku": "A-1"}, {"owner": "[name]"}]
    assert body["owner"] == "platform"
    assert body["origin"] == "203.0.113.0"
    assert body["data"] == {"a": {"note": "[redacted]"}, "b": {"note": "[redacted]", "n": 1}}
    assert HASHED.fullmatch(body["voucher_no"])["kind"] == "value"
    assert out["response"]["body"] == {"user": {"id": 1}}


def test_an_override_wins_over_the_class_action():
    options = {"mode": "hash", "hash_key": HASH_KEY, "fields": {"request.body.lastName": "mask"}}
    out = body_after({"firstName": "Jane", "lastName": "Doe"}, options)
    assert HASHED.fullmatch(out["firstName"]) and out["lastName"] == "[name]"


# --- configuration errors name the option and the value -----------------------------------------


@pytest.mark.parametrize(
    ("options", "fragments"),
    [
        ({"classes": ["name"]}, ["option 'classes' must be an object", "['name']"]),
        ({"classes": {"names": "mask"}}, ["option 'classes'", "'names'", "not a class", "government_id"]),
        ({"classes": {"name": "blur"}}, ["option 'classes.name' must be one of mask, hash, keep, drop", "'blur'"]),
        ({"classes": {"name": "truncate"}}, ["option 'classes.name'", "'truncate'"]),
        ({"classes": {"ip": "scramble"}}, ["option 'classes.ip' must be one of mask, hash, keep, drop, truncate",
                                           "'scramble'"]),
        ({"classes": {"credential": "keep"}}, ["option 'classes.credential' cannot be set", "'keep'"]),
        ({"classes": {"name": "hash"}}, ["option 'hash_key'"]),
        ({"fields": "request.body.x"}, ["option 'fields' must be an object", "'request.body.x'"]),
        ({"fields": {"request..body": "mask"}}, ["option 'fields'", "'request..body' is not a field path"]),
        ({"fields": {"request.body[": "mask"}}, ["option 'fields'", "'request.body[' is not a field path"]),
        ({"fields": {"request.body.x": "blur"}}, ["option 'fields.request.body.x' must be an action", "'blur'"]),
        ({"fields": {"session_id": "mask"}}, ["option 'fields.session_id'", "record contract"]),
        ({"fields": {"request.method": "mask"}}, ["option 'fields.request.method'", "record contract"]),
        ({"fields": {"request.body.password": "keep"}}, ["option 'fields.request.body.password' cannot be 'keep'",
                                                         "credential"]),
        ({"fields": {"request.body.member_no": "hash"}}, ["option 'hash_key'"]),
        ({"fields": {"request.body.owner": "name"}, "classes": {"name": "hash"}}, ["option 'hash_key'"]),
    ],
)
def test_bad_class_and_field_options_are_a_config_error_naming_them(options, fragments):
    # WHEN the chain is built with the options (as at pulumi preview and in the Lambda)
    with pytest.raises(ConfigError) as info:
        chain(["pii"], {"pii": options})
    # THEN the error names the transform, the option and the offending value
    message = str(info.value)
    assert message.startswith("transform 'pii': ")
    for fragment in fragments:
        assert fragment in message, message


def test_old_options_still_work_next_to_the_new_ones():
    out = body_after({"member_secret_word": "x", "dob": "1990"}, {"extra_fields": ["secret_word"], "mode": "mask"})
    assert out == {"member_secret_word": "[redacted]", "dob": "[birth_date]"}


# --- nothing escapes the walk ---------------------------------------------------------------------


def test_the_walk_reaches_fields_the_schema_does_not_name():
    # GIVEN personal data in unknown top-level fields, unknown request fields, source.host,
    # a header whose value is a list, and a key that is an e-mail (headers whose value is
    # an object fail validation: see tests/test_bad_rows.py)
    record = make_record(
        request={"method": "POST", "cookies": {"sid": "abc", "email": "c@example.com"},
                 "headers": {"x-user-email": "h@example.com", "x-list": ["l@example.com", 3, {"firstName": "Jane"}]},
                 "extra": ["x@example.com"]},
        response={"trailers": {"x-debug": "for y@example.com"}},
        source={"host": "laptop-of-jane.doe@example.com"},
        error={"message": "no user z@example.com", "stack": "at z@example.com:1", "context": {"phone": "0612345678"}},
    )
    record["user"] = {"email": "u@example.com", "lastName": "Doe", "id": 7}
    record["k@example.com"] = {"dob": "1990-04-12"}
    # WHEN pii runs
    out = pii(record)
    text = dump(out)
    # THEN none of it is left, and the shape is kept
    assert "@example.com" not in text and "Jane" not in text and "Doe" not in text and "0612345678" not in text
    assert out["user"] == {"email": "[email]", "lastName": "[name]", "id": 7}
    assert out["[email]"] == {"dob": "[birth_date]"}
    assert out["request"]["cookies"] == "[redacted]"  # cookies carry sessions: a credential whole
    assert out["request"]["headers"]["x-user-email"] == "[email]"
    assert out["request"]["headers"]["x-list"] == ["[email]", 3, {"firstName": "[name]"}]
    assert out["error"]["context"] == {"phone": "[phone]"}


def test_the_contract_fields_are_left_alone_and_a_route_is_scanned_like_a_path():
    # GIVEN contract fields that would look like data to a careless scrubber, a route that
    # holds an e-mail (a router mounted on the matched URL), and a pattern
    record = make_record(request={"method": "GET", "route": "/users/jane.doe@example.com/orders",
                                  "path": "/users/jane.doe@example.com/orders"})
    patterned = make_record(request={"route": "/users/:email/orders/:id(\\d+)/*", "path": "/users/x/orders/1/y"})
    before = copy.deepcopy(record)
    # WHEN pii runs
    out, kept = pii(record), pii(patterned)
    # THEN the route is scrubbed like the path, a pattern is untouched, contract fields unchanged
    assert out["request"]["route"] == out["request"]["path"] == "/users/[email]/orders"
    assert kept["request"]["route"] == "/users/:email/orders/:id(\\d+)/*"
    for name in ("v", "event_id", "session_id", "occurred_at", "duration_ms"):
        assert out[name] == before[name]
    assert out["pipeline"]["transforms"] == ["pii"]
    assert (out["request"]["method"], out["response"]["status"]) == ("GET", 200)


def test_personal_field_names_in_text_pairs_are_masked():
    text = "first_name=Jane&last_name=Doe&phone_verified=true&dob=1990-04-12&lang=en"
    # THEN each value becomes its class's mask, metadata and ordinary pairs stay
    assert body_after(text) == "first_name=[name]&last_name=[name]&phone_verified=true&dob=[birth_date]&lang=en"


def test_deeply_nested_personal_fields_are_reached():
    # GIVEN a message whose body nests a person's name about as deep as the parser allows
    depth = 450
    record = make_record(request={"method": "POST", "body": "BODY"})
    payload = json.dumps(record).replace('"BODY"', '{"a":[' * depth + '{"user":{"firstName":"Jane"}}' + "]}" * depth)
    # WHEN it runs through a pii chain from its text, as the consumer runs it
    node = stored(chain(["pii"]).run(payload)).record["request"]["body"]
    # THEN the bottom was reached and cleaned
    for _ in range(depth):
        node = node["a"][0]
    assert node == {"user": {"firstName": "[name]"}}


def test_huge_values_and_names_are_handled_in_linear_time():
    # GIVEN a 1 MiB value under a personal field, a 1 MiB key, and a 1 MiB key that ends
    # like a personal name, with an e-mail after them
    mib = 1 << 20
    body = {"address": "x" * mib, "y" * mib: "v", ("z" * mib) + "_email": "w", "note": "tail@example.com"}
    started = time.process_time()
    out = body_after(body)
    elapsed = time.process_time() - started
    # THEN it finished (a quadratic scan would take hours; not a speed measurement) and
    # the value is masked
    assert elapsed < 10
    assert out["address"] == "[address]" and out["note"] == "[email]"


def test_a_body_with_thousands_of_distinct_keys_is_handled_in_linear_time():
    # GIVEN a body of 20,000 distinct keys (each classified once), half of them e-mail fields
    body = {f"k{i:05d}x{'_email' if i % 2 else '_note'}": f"v{i}" for i in range(20_000)}
    started = time.process_time()
    out = body_after(body)
    elapsed = time.process_time() - started
    # THEN it finished (a bound for a hang, not a speed measurement) and every e-mail is masked
    assert elapsed < 30
    assert sum(v == "[email]" for v in out.values()) == 10_000


def test_an_object_of_thousands_of_bare_names_is_read_once_not_once_per_name():
    # GIVEN an object of 20,000 bare names, each of which asks what the object says of itself
    body = {f"name_{i}": "Jane Doe" for i in range(20_000)}
    small = {f"name_{i}": "Jane Doe" for i in range(2_000)}
    # WHEN pii runs on it and on a tenth of it
    started = time.process_time()
    body_after(small)
    ten = time.process_time() - started
    started = time.process_time()
    out = body_after(body)
    whole = time.process_time() - started
    # THEN every name is masked, and ten times the names cost about ten times the time, not a hundred
    assert set(out.values()) == {"[name]"}
    assert whole < max(40 * ten, 1.0)



# --- whose name: what an object says of itself, and things that name themselves ------------------

TWILIO_CALL_SID = "CA1f0e8ae6ade43cb3c0ce4525424e404f"


@pytest.mark.parametrize(
    ("route", "body", "expected"),
    [
        # an object's own type outweighs the key above it: a contact under "item", a user in "events"
        ("/webhooks/intercom", {"data": {"item": {"type": "contact", "name": "Jane Doe"}}},
         {"data": {"item": {"type": "contact", "name": "[name]"}}}),
        ("/hooks/okta", {"events": [{"target": [{"type": "User", "displayName": "Jane Doe"}]}]},
         {"events": [{"target": [{"type": "User", "displayName": "[name]"}]}]}),
        # ... and says when it is a thing (an API key's, an organisation's name)
        ("/api/things", {"data": [{"object": "organization.admin_api_key", "name": "CI deploy"}]},
         {"data": [{"object": "organization.admin_api_key", "name": "CI deploy"}]}),
        ("/api/posts", {"author": {"@type": "Organization", "name": "Acme News"}},
         {"author": {"@type": "Organization", "name": "Acme News"}}),
        # a date of birth or a national ID next to it: a person's, whatever the key above says
        ("/webhooks/checkr", {"motor_vehicle_report": {"full_name": "Jane Doe", "dob": "1983-07-04", "state": "FL"}},
         {"motor_vehicle_report": {"full_name": "[name]", "dob": "[birth_date]", "state": "FL"}}),
        # ... or a first or last name: an item that is a person
        ("/api/orders", {"items": [{"name": "Jane Doe", "first_name": "Jane", "qty": 1}, {"name": "Mug", "qty": 2}]},
         {"items": [{"name": "[name]", "first_name": "[name]", "qty": 1}, {"name": "Mug", "qty": 2}]}),
        # a company's tax ID is no such evidence, nor an owner's name
        ("/api/forms", {"employer": {"name": "Acme Widgets LLC", "tax_id": "12-3456789"}},
         {"employer": {"name": "Acme Widgets LLC", "tax_id": "[tax_id]"}}),
        ("/api/projects", {"project": {"name": "Apollo", "owner_name": "Jane Doe"}},
         {"project": {"name": "Apollo", "owner_name": "[name]"}}),
        # spans, scopes, stops and employers are things
        ("/v1/traces", {"spans": [{"name": "POST /api/checkout"}], "scope": {"name": "@opentelemetry/http"}},
         {"spans": [{"name": "POST /api/checkout"}], "scope": {"name": "@opentelemetry/http"}}),
        ("/api/v1/departures", {"stop": {"name": "U Hermannplatz"}}, {"stop": {"name": "U Hermannplatz"}}),
        # a route's verb names what is done to the resource before it, whose body it is
        ("/api/v1/collections/import", {"info": {"name": "Partner API"}}, {"info": {"name": "Partner API"}}),
        ("/api/users/bulk", {"name": "Jane Doe"}, {"name": "[name]"}),
        ("/api/courses/:id/enroll", {"name": "Jane Doe"}, {"name": "[name]"}),
    ],
)
def test_an_objects_own_type_and_what_only_a_person_has_decide_whose_name_it_is(route, body, expected):
    # GIVEN a bare name in an object that says what it is  WHEN pii runs
    # THEN the object's word for itself decides, a date of birth or an ID next to it making it a person's
    assert body_after(body, route=route) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an OAuth client's registration names software
        ({"client_id": "aBcD1234", "client_name": "Acme Web", "connection": "Username-Password-Authentication"},
         {"client_id": "aBcD1234", "client_name": "Acme Web", "connection": "Username-Password-Authentication"}),
        ({"client_name": "Acme Quiz Tool", "redirect_uris": ["https://tool.example/launch"]},
         {"client_name": "Acme Quiz Tool", "redirect_uris": ["https://tool.example/launch"]}),
        # anywhere else a client is a person
        ({"client_id": "c_1", "client_name": "Jane Doe"}, {"client_id": "c_1", "client_name": "[name]"}),
    ],
)
def test_a_client_name_is_a_persons_unless_its_object_registers_an_oauth_client(body, expected):
    # GIVEN a client_name  WHEN pii runs  THEN only an OAuth client's registration keeps it
    assert body_after(body, route="/api/things") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a worker's descriptor, a patient reference's display, a renter's licence, a user's login
        ({"worker": {"descriptor": "Jane Doe"}, "patient": {"reference": "Patient/1", "display": "Jan Nowak"}},
         {"worker": {"descriptor": "[name]"}, "patient": {"reference": "Patient/1", "display": "[name]"}}),
        ({"renter": {"license": {"number": "RO-B-1245577", "country": "RO"}}},
         {"renter": {"license": {"number": "[driving_licence]", "country": "RO"}}}),
        ({"metadata": {"user_login": "jpietersen", "last_login": "2026-12-01"}},
         {"metadata": {"user_login": "[name]", "last_login": "2026-12-01"}}),
        # elsewhere they are a thing's label, a package's licence
        ({"location": {"descriptor": "Head Office"}, "package": {"license": "MIT"}, "display": "dark"},
         {"location": {"descriptor": "Head Office"}, "package": {"license": "MIT"}, "display": "dark"}),
        # a user's licence without a digit is a plan, not a licence's number
        ({"user": {"license": "enterprise"}, "driver": {"license": "F255-921-50-094-0"}},
         {"user": {"license": "enterprise"}, "driver": {"license": "[driving_licence]"}}),
    ],
)
def test_descriptors_displays_and_licences_are_a_persons_only_in_a_persons_object(body, expected):
    # GIVEN words that hold personal data only inside a person's object  WHEN pii runs
    # THEN they are masked there and kept elsewhere
    assert body_after(body, route="/api/things") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # who did something
        ({"cancellation": {"canceled_by": "Olamide Adebayo", "reason": "busy"}, "approvedBy": "Jane Doe"},
         {"cancellation": {"canceled_by": "[name]", "reason": "busy"}, "approvedBy": "[name]"}),
        # a clause, not an agent
        ({"sort_by": "Product Category", "group_by": "Sales Region"},
         {"sort_by": "Product Category", "group_by": "Sales Region"}),
        # a party's number without its "+" (WhatsApp, Vonage); dates, epochs and places stay
        ({"messages": [{"from": "233241234567", "to": "+14155550100"}]},
         {"messages": [{"from": "[phone]", "to": "[phone]"}]}),
        ({"from": "1764670530", "to": "2026-12-31", "range": {"from": "New York", "to": "1764670530123"},
          "window": {"from": "20261201093000", "to": "2026120118"}},
         {"from": "1764670530", "to": "2026-12-31", "range": {"from": "New York", "to": "1764670530123"},
          "window": {"from": "20261201093000", "to": "2026120118"}}),
        # an Egyptian mobile that starts like a year is still a number
        ({"to": "201012345678"}, {"to": "[phone]"}),
    ],
)
def test_who_did_something_and_the_parties_of_a_message_are_masked(body, expected):
    # GIVEN agents (created_by) and parties (from, to)  WHEN pii runs
    # THEN a name under an agent's key and digits under a party's key are masked, the rest stays
    assert body_after(body, route="/api/things") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # FHIR identifiers: the system's URL or the coded type names the value
        ({"identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"},
                         {"system": "http://acme-health.example/member-id", "value": "MBR-7730418852"},
                         {"type": {"text": "Medical Record Number"}, "value": "MRN-00448812"},
                         {"type": {"coding": [{"code": "MR"}]}, "value": "A-1"}]},
         {"identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "[national_id]"},
                         {"system": "http://acme-health.example/member-id", "value": "[member_id]"},
                         {"type": {"text": "Medical Record Number"}, "value": "[national_id]"},
                         {"type": {"coding": [{"code": "MR"}]}, "value": "[national_id]"}]}),
        # a travel document's type names its number
        ({"documents": [{"documentType": "PASSPORT", "number": "18AV45921", "issuanceCountry": "FR"}]},
         {"documents": [{"documentType": "PASSPORT", "number": "[passport]", "issuanceCountry": "FR"}]}),
        # DICOM JSON: the tag, or a person's name's value representation
        ([{"00100010": {"vr": "PN", "Value": [{"Alphabetic": "Lindgren^Astrid"}]},
           "00100030": {"vr": "DA", "Value": ["19640229"]}, "00991234": {"vr": "PN", "Value": [{"Alphabetic": "Doe^J"}]},
           "0020000D": {"vr": "UI", "Value": ["1.2.840.113619.2.55"]}}],
         [{"00100010": {"vr": "PN", "Value": [{"Alphabetic": "[name]"}]},
           "00100030": {"vr": "DA", "Value": ["[birth_date]"]}, "00991234": {"vr": "PN", "Value": [{"Alphabetic": "[name]"}]},
           "0020000D": {"vr": "UI", "Value": ["1.2.840.113619.2.55"]}}]),
        # a form's answer under the key its type names, labelled by its field
        ({"answers": [{"type": "text", "text": "Ngozi Chukwuemeka", "field": {"id": "f1", "ref": "q_name"}},
                      {"type": "text", "text": "Blue", "field": {"id": "f2", "ref": "q_colour"}}]},
         {"answers": [{"type": "text", "text": "[name]", "field": {"id": "f1", "ref": "q_name"}},
                      {"type": "text", "text": "Blue", "field": {"id": "f2", "ref": "q_colour"}}]}),
        # labels that name nothing personal leave their values alone
        ({"quantity": {"system": "http://unitsofmeasure.org", "value": 6.3}, "invoice": {"type": "invoice", "number": "INV-1"}},
         {"quantity": {"system": "http://unitsofmeasure.org", "value": 6.3}, "invoice": {"type": "invoice", "number": "INV-1"}}),
        # a number next to a name is a player's: the name is a person's, not a label
        ({"players": [{"name": "Jane Long", "number": 7}], "reach": [{"type": "mobile", "number": "07700900123"}]},
         {"players": [{"name": "[name]", "number": 7}], "reach": [{"type": "mobile", "number": "[phone]"}]}),
    ],
)
def test_identifiers_labelled_by_their_system_type_or_tag_get_that_fields_action(body, expected):
    # GIVEN values labelled by a system URL, a coded type, a document type, a DICOM tag or a form's field
    # WHEN pii runs  THEN each gets the action of the field its label names
    assert body_after(body, route="/api/things") == expected


def test_a_username_that_is_a_uuid_is_an_identifier_not_a_name():
    # GIVEN Cognito's userName (a UUID) next to a username that is a login
    body = {"userName": "a1b2c3d4-5678-90ab-cdef-1234567890ab", "username": "pieter.devries", "name": "Pieter de Vries"}
    # WHEN pii runs, masking and hashing
    masked = body_after(body, route="/api/things")
    hashed = body_after(body, {"mode": "hash", "hash_key": HASH_KEY}, route="/api/things")
    # THEN the UUID stays, the login and the name go
    assert masked == {"userName": body["userName"], "username": "[name]", "name": "[name]"}
    assert hashed["userName"] == body["userName"] and hashed["username"].startswith("name:")


def test_identifiers_of_a_known_format_under_a_credentials_name_are_kept():
    # GIVEN Twilio SIDs and a Stripe card token under credential names, next to real secrets
    body = {"CallSid": TWILIO_CALL_SID, "card_token": "tok_1NuNAaLkdIwHu7ixYbGq8Z2M",
            "auth_token": "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d", "api_key_sid": "SK2f02d53b67185767fc17c774cba93dfe",
            "password": "CA1f0e8ae6ade43cb3c0ce4525424e40"}
    # WHEN pii runs, on the fields and on the same pairs in a form body
    out = body_after(body, route="/webhooks/twilio")
    text = body_after(f"CallSid={TWILIO_CALL_SID}&AuthToken=9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d", route="/webhooks/twilio")
    # THEN the identifiers stay; secrets, an API key's SID and a look-alike of the wrong length go
    assert out == {"CallSid": TWILIO_CALL_SID, "card_token": "tok_1NuNAaLkdIwHu7ixYbGq8Z2M",
                   "auth_token": "[redacted]", "api_key_sid": "[redacted]", "password": "[redacted]"}
    assert text == f"CallSid={TWILIO_CALL_SID}&AuthToken=[redacted]"


def test_a_names_metadata_about_a_secret_and_a_things_name_in_a_persons_object_are_kept():
    # GIVEN an ARN and the methods a server supports under credential words, a verification's
    # strategy in an e-mail's object, a role's name in a signer's
    body = {"secret_arn": "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/db-AbCdEf",
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
            "email_addresses": [{"email_address": "ebba@example.se", "verification": {"strategy": "email_code"}}],
            "signers": [{"roleName": "HR Manager", "name": "Jane Doe", "note": "Jane Doe"}],
            "client_secret": "s3cr3t-v4lue"}
    # WHEN pii runs
    out = body_after(body, route="/api/things")
    # THEN they stay; the e-mail, the signer's name and anything else in the signer's object go
    assert out == {"secret_arn": body["secret_arn"],
                   "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
                   "email_addresses": [{"email_address": "[email]", "verification": {"strategy": "email_code"}}],
                   "signers": [{"roleName": "HR Manager", "name": "[name]", "note": "[name]"}],
                   "client_secret": "[redacted]"}


def test_a_string_holding_json_is_walked_as_the_structure_it_is():
    # GIVEN a webhook that sends its form as a JSON string, and an SNS notification's Message
    from transforms.chain import build_chain
    from transforms.manager import get_plugin_manager

    chain = build_chain(get_plugin_manager(), None)
    raw = json.dumps({"q3_fullName": {"first": "Ekaterina", "last": "Volkonskaya"}, "q4_email": "e.v@yandex.ru",
                      "q6_address": {"addr_line1": "Nevsky Prospekt 28", "city": "Saint Petersburg"}, "formID": "2433"})
    sns = json.dumps({"Type": "Notification", "Message": json.dumps({"customer": {"firstName": "Jo", "lastName": "Marsh",
                                                                                     "dob": "1990-04-12"}})})
    record = make_record()
    record["request"].update(route="/webhooks/forms", path="/webhooks/forms")
    record["request"]["body"] = {"rawRequest": raw, "sns": sns, "list": [raw], "plain": '{"theme": "dark"}'}
    # WHEN it is stored
    body = chain.run(json.dumps(record), "2026-12-03T00:00:00.000Z").record["request"]["body"]
    stored = json.dumps(body, ensure_ascii=False)
    # THEN the values its field names make personal are gone, at any depth of stringified JSON
    for secret in ("Volkonskaya", "Ekaterina", "e.v@yandex.ru", "Nevsky Prospekt", "Marsh", "1990-04-12"):
        assert secret not in stored, secret
    assert json.loads(body["rawRequest"])["formID"] == "2433"
    # AND a JSON string with nothing to mask is stored exactly as written
    assert body["plain"] == '{"theme": "dark"}'


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "{not json}", "[1, 2", '{"a": 1} trailing'])
def test_a_string_that_only_looks_like_json_is_read_as_text_and_the_record_kept(text):
    from transforms.chain import build_chain
    from transforms.manager import get_plugin_manager

    record = make_record()
    record["request"]["body"] = {"note": text}
    result = build_chain(get_plugin_manager(), None).run(json.dumps(record), "2026-12-03T00:00:00.000Z")
    assert type(result).__name__ == "Stored" and result.record["request"]["body"]["note"] == text


# --- names in more fields; organisations, channels and slugs that are no one's ---------------


@pytest.mark.parametrize(
    ("body", "secrets"),
    [
        ({"customer": "Ma\u200bgdalena Kr\u200bawczyk"}, ["Kr\u200bawczyk", "Ma\u200bgdalena"]),
        ({"attendingPhysician": "ד\"ר מיכל אברהם"}, ["מיכל אברהם"]),
        ({"beneficiary_contact": {"customer": "سلمان الدوسري"}}, ["سلمان الدوسري"]),
        ({"driver": {"full_name_en": "Faisal Nasser Alqahtani"}}, ["Alqahtani"]),
        ({"spousesname": "Marie-Claude Gagnon"}, ["Gagnon"]),
        ({"wniosek": {"imięOjca": "Zbigniew", "imięMatki": "Halina"}}, ["Zbigniew", "Halina"]),
        ({"口座名義": "スズキ ハナコ"}, ["スズキ"]),
        ({"donor": {"inMemoryOf": "Władysław Nowak (1931-2019)"}}, ["Nowak"]),
        ({"runner": "Chiara Fontanelli", "bib": 112}, ["Fontanelli"]),
        ({"nickname_pseudo": "x"}, []),
        ({"pseudo": "darkwolf_77"}, ["darkwolf_77"]),
        ({"args": [{"name": "Emre Yıldırım", "company_type": "person"}]}, ["Yıldırım"]),
        ({"source": {"reference": "RelatedPerson/7", "display": "Ailsa Robertson (daughter)"}}, ["Robertson"]),
        ({"fields": {"f1": {"id": "f1", "title": "Your name", "value": "Ottilie Brandt", "raw_value": "Ottilie Brandt"}}},
         ["Brandt"]),
        ({"accounts_by_email": {"greta,lind@telia,se": {"plan": "free"}}}, ["greta,lind@telia,se"]),
        ({"data": "성명,전화번호,주소\n정하은,010-2345-6789,서울시 마포구\n"}, ["정하은", "2345-6789"]),
    ],
)
def test_names_under_more_keys_and_in_more_scripts_are_masked(body, secrets):
    # GIVEN a person's name under a key that names a person, a relative, a form's field or an index
    # WHEN pii runs  THEN the name is gone
    out = dump(body_after(body, route="/api/things"))
    assert [s for s in secrets if s in out] == [], out


@pytest.mark.parametrize(
    "body",
    [
        {"creditorName": "Telekom Deutschland GmbH"},
        {"instruments": [{"name": "LVMH Moët Hennessy Louis Vuitton SE"}]},
        {"krankenkasse": {"name": "Barmer Ersatzkasse"}},
        {"Emisor": {"Nombre": "INSTITUTO PEDAGOGICO DEL NORTE"}},
        {"recipient": "#ops-oncall"},
        {"contactPoints": [{"name": "warehouse-critical", "type": "slack"}]},
        {"sender": {"address": {"companyName": "Boulangerie Martin SAS", "city": "Lyon"}}},
        {"form": {"name": "Anfrage Formular"}},
        {"users_by_email": {"count": 3, "plan": "premium", "lastSeen": 1743770012345}},
        {"customer": "Acme Holdings Ltd"},
    ],
)
def test_organisations_channels_and_slugs_under_name_keys_stay(body):
    # GIVEN an organisation's, a channel's or a thing's name under a key that may name a person
    # WHEN pii runs  THEN it is stored as written
    assert body_after(copy.deepcopy(body), route="/api/things") == body


def test_a_slug_under_a_persons_name_is_still_masked():
    # GIVEN a login written as a slug under a user's name  WHEN pii runs  THEN it is masked
    assert body_after({"user": {"name": "jane-doe"}}, route="/api/things") == {"user": {"name": "[name]"}}


def test_two_keys_masked_alike_are_both_kept():
    # GIVEN two e-mails as keys (Firebase writes their dots as commas)  WHEN pii runs
    out = body_after({"by_email": {"a,b@example,com": {"plan": "pro"}, "c,d@example,org": {"plan": "free"}}})
    # THEN neither is left and neither's object is lost
    assert out == {"by_email": {"[email]": {"plan": "pro"}, "[email]#2": {"plan": "free"}}}


# --- what a credential's name holds that is no credential ----------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"es": {"login.forgot_password": "¿Olvidaste tu contraseña?", "auth.token.expired": "Tu sesión ha caducado."}},
        {"nl": {"auth.password.label": "Wachtwoord", "auth.password.hint": "Minstens acht tekens, een cijfer."}},
        {"id_token_header": {"alg": "ES256", "kid": "key-2027-01", "typ": "JWT"}},
        {"securitySchemes": {"apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Api-Token"}}},
        {"env": [{"name": "REDIS_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "redis-auth", "key": "password"}}}]},
        {"auth": {"existingSecret": "mongodb-credentials", "secretKeys": {"rootPasswordKey": "mongodb-root-password"}}},
        {"checks": ["PAN_NSDL", "VOTER_ID_ECI"]},
        {"incidents": [{"name": "Delayed webhook deliveries for some EU customers"}]},
    ],
)
def test_text_references_and_headers_under_credential_names_stay(body):
    # GIVEN a catalogue's text about a password, a JWT's public header, a security scheme,
    # where a secret is kept, two constants, an incident's title  WHEN pii runs  THEN all stay
    assert body_after(copy.deepcopy(body), route="/api/things") == body


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ({"password": {"name": "x", "key": "Tr0ub4dor&3"}}, "Tr0ub4dor&3"),
        ({"secretKeyRef": {"name": "db", "key": "pw", "value": "Tr0ub4dor&3"}}, "Tr0ub4dor&3"),
        ({"auth": {"existingSecret": "db-creds", "password": "Tr0ub4dor&3"}}, "Tr0ub4dor&3"),
        ({"adminPasswordKey": "hunter22"}, "hunter22"),
        ({"jwt_header": {"alg": "HS256", "k": "c2VjcmV0LWtleS0xMjM0NTY3ODkw"}}, "c2VjcmV0LWtleS0xMjM0NTY3ODkw"),
        ({"new_password": "correct horse battery staple"}, "correct horse battery"),
        ({"login.password": "Tr0ub4dor&3"}, "Tr0ub4dor&3"),
        ({"forgot_password_token": "f8Kq2Lm9Zx7Vb3Nc5Hj1"}, "f8Kq2Lm9Zx7Vb3Nc5Hj1"),
    ],
)
def test_secrets_beside_those_are_still_redacted(body, secret):
    # GIVEN a secret next to reference members or under a credential's own name  WHEN pii runs
    # THEN it is gone
    assert secret not in dump(body_after(body, route="/api/things"))


def test_a_companys_rfc_stays_and_a_persons_is_masked():
    # GIVEN a CFDI's issuer, a company (an RFC of 12), and its receiver, a person (an RFC of 13)
    body = {"Emisor": {"Rfc": "EKU9003173C9"}, "Receptor": {"Rfc": "MEJA850412HX3"}}
    # WHEN pii runs  THEN the company's stays and the person's is masked
    assert body_after(body) == {"Emisor": {"Rfc": "EKU9003173C9"}, "Receptor": {"Rfc": "[tax_id]"}}


def test_a_patients_numbers_and_a_towns_word_in_more_languages():
    # GIVEN a patient's insurance and card numbers under German and Japanese names, a Saudi
    # short national address, and an address whose town is under its Slovak word
    body = {"versichertennr": "Y587801153", "診察券番号": "0048213", "national_address_short": "RRRD2929",
            "adresa": {"ulica": "Obchodná", "cislo": "27", "mesto": "Bratislava"}}
    # WHEN pii runs  THEN the numbers and the street are masked; the town, too coarse to find anyone, stays
    out = body_after(body)
    assert out["versichertennr"] == out["診察券番号"] == "[national_id]"
    assert out["national_address_short"] == "[address]"
    assert out["adresa"]["mesto"] == "Bratislava" and "Obchodná" not in dump(out)


def test_a_keys_fingerprint_is_no_key():
    # GIVEN a signing certificate's fingerprint and a key's thumbprint, next to a key
    body = {"appSigningKeyCertificateSha256": "9F:2A:51:C3:77:0B:E4:18", "key_thumbprint": "a1b2c3d4e5f6",
            "signing_key": "9F2A51C3770BE4186D92AF305CE17B44"}
    # WHEN pii runs  THEN the fingerprints stay and the key is redacted
    assert body_after(body, route="/api/apps/:id") == {**body, "signing_key": "[redacted]"}


# --- everyday traffic (probe round 6): what a field's value says of itself ---------------


@pytest.mark.parametrize(("body", "expected"), [
    # a phone field holding a flag, an e-mail field holding a channel's word
    ({"sec-ch-ua-mobile": "?0", "phone": "true", "delivery": ["email", "print"]}, None),
    ({"phone": "+34", "email": "jane.doe"}, {"phone": "[phone]", "email": "[email]"}),
    # i18next's language under "lng"; a coordinate under it is one
    ({"lng": "zh-Hant-TW"}, None),
    ({"lng": "2.294481"}, {"lng": "[location]"}),
    # a form's labels for personal fields; one Latin word may be a surname
    ({"dob": "Date of birth", "full_name": "Nome completo", "iban": "IBAN", "birth_date": "生年月日"}, None),
    ({"last_name": "Nascimento", "first_name": "Nick", "address": "Lützner Straße 12"},
     {"last_name": "[name]", "first_name": "[name]", "address": "[address]"}),
    # a bare name with a digit is a thing's; an object with a product's keys names a product
    ({"name": "Nike Air Zoom Pegasus 41"}, None),
    ({"results": [{"sku": "AD-ULTRA-5", "name": "adidas Ultraboost", "price": 189.95}]}, None),
    ({"name": "Jane Doe"}, {"name": "[name]"}),
    # an IP field holding a machine's address (private, a public resolver) and a client's
    ({"targets": [{"ip": "10.0.12.34"}], "resolver_ip": "1.1.1.1"}, None),
    ({"client_ip": "203.0.113.7"}, {"client_ip": "203.0.113.0"}),
])
def test_a_personal_fields_value_that_cannot_be_its_kind_stays(body, expected):
    # GIVEN a body whose personal fields hold values that are or are not of their kind
    # WHEN pii runs  THEN only the values of their kind are masked
    assert body_after(body, route="/api/things/:id") == (body if expected is None else expected)
