"""Numbers as people dictate them, and values as forms encode them (stop 42).

A phone or an ID written one digit at a time ("0 5 4 1 2 3 4 5 6 7") or read aloud in words
("four one two, five five five, ..."): ``_pii_phones.scrub_spaced_digits`` and
``scrub_spoken_digits``. A personal field's value percent-encoded or joined by "+"
(``{"payee": "CHAN%20Tai%20Man"}``), and escaped unicode of any script in text, judged decoded.
A street named after a person ("Karl Johans gate") is no one's name."""

from __future__ import annotations

import json

import pytest

from tests.linear import LONG, SHORT, assert_linear
from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json
from transforms.builtin.pii import Pii
from transforms.testing import make_record


def stored_query(chain, query: dict) -> str:
    record = make_record()
    record["request"].update(route="/api/search", path="/api/search", query=query)
    result = chain.run(json.dumps(record, ensure_ascii=False), "2026-12-05T00:00:00.000Z")
    return json.dumps(result.record["request"]["query"], ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("your Ghana Card GHA-7 2 1 9 8 3 4 5 6-1 has been linked", "7 2 1 9 8 3 4 5 6-1"),
        ("linked to MTN number 0 5 4 1 2 3 4 5 6 7. Ref NIA-3301", "0 5 4 1 2 3 4 5 6 7"),
        ("मोबाइल: 9 4 1 5 6 - 7 8 0 1 2\nयोजना: PM-KISAN", "9 4 1 5 6 - 7 8 0 1 2"),
        ("Liên hệ: 0 9 0 8 . 1 2 3 . 4 5 6", "0 9 0 8 . 1 2 3 . 4 5 6"),
        ("my details for the lease: ID 8 0 0 1 0 1 5 0 0 9 0 8 7, thanks", "8 0 0 1 0 1 5 0 0 9 0 8 7"),
        ("Caller: zero four one two, three four five, six seven eight\nAgent: thanks", "four one two, three four five"),
        ("Visitor: four one two, five five five, zero one nine three", "five five five, zero one nine"),
        ("user: nau aath saat shunya, 55 66 77 1", "nau aath saat shunya"),
        ("oder privat null-eins-sieben-null 88 21 44 03, Gruß", "null-eins-sieben-null 88 21 44 03"),
        ("mi número es seis uno dos, tres cuatro cinco, seis siete ocho", "seis uno dos, tres cuatro"),
        ("my phone four one two five five five zero one nine three", "four one two five five five"),
        ("Rückruf bitte unter +49 (0)30 / 2 84 93 - 117", "+49 (0)30 / 2 84 93"),
    ],
)
def test_a_number_dictated_digit_by_digit_is_masked(chain, text, personal):
    # GIVEN a phone or an ID written one digit at a time, in digits or in words
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "vmstat: 1 0 0 0 0 0 0 0 0 0 0 2 0",
        "Steps 1 2 3 4 5 6 7 8 9 of the wizard",
        "uno, dos, tres, cuatro, cinco, seis, siete: los días de la semana",
        "one of the two rooms, three nights, four guests",
        "Released 2024-05-16, build 1.2.3.4.5.6.7.8.9, OID 1.3.6.1.4.1.311.21.8",
        "Score: 9 - 7 after extra time, then 3 - 2 on penalties",
        "order 4411 2290 shipped in 2 boxes, 3 items each",
    ],
)
def test_counts_lists_and_versions_of_single_digits_are_kept(chain, text):
    # GIVEN single digits and digit words that are no one's number
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text


@pytest.mark.parametrize(
    ("query", "personal", "kept"),
    [
        ({"payee": "CHAN%20Tai%20Man", "ref": "INV-HK-20393"}, "CHAN%20Tai%20Man", "INV-HK-20393"),
        ({"q": "AB4419027", "holder": "Hamza+Tariq+Butt", "page": "1"}, "Hamza+Tariq+Butt", "AB4419027"),
        ({"rc": "855218%2F3376", "jmeno": "Kate%C5%99ina%20Mare%C5%A1ov%C3%A1", "sluzba": "eRecept"},
         "855218%2F3376", "eRecept"),
        ({"destinataire": "Claire%20Mah%C3%A9", "suivi": "6A19283746501"}, "Claire%20Mah%C3%A9", "6A19283746501"),
    ],
)
def test_a_personal_fields_encoded_value_is_judged_decoded(chain, query, personal, kept):
    # GIVEN a person's value percent-encoded or joined by "+", as a form sends it
    # WHEN stored  THEN it is masked as its decoded value would be, and the rest kept
    out = stored_query(chain, query)
    assert personal not in out and kept in out, out


@pytest.mark.parametrize(
    "query",
    [
        {"q": "Karl%20Johans%20gate", "type": "street", "country": "NO"},
        {"q": "Jan Smuts Avenue", "type": "street", "country": "ZA"},
        {"q": "%D8%B7%D8%B1%D9%8A%D9%82%20%D8%A7%D9%84%D9%85%D9%84%D9%83%20%D9%81%D9%87%D8%AF", "type": "street"},
        {"q": "Λεωφόρος Βασιλίσσης Σοφίας", "type": "street"},
        {"holder": "C++", "lang": "en"},
    ],
)
def test_a_street_named_after_a_person_is_no_ones_name(chain, query):
    # GIVEN a search for a street that bears a person's name, encoded or not
    # WHEN stored  THEN unchanged
    assert stored_query(chain, query) == json.dumps(query, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ('webhook raw: {"text":"\\u0e0a\\u0e37\\u0e48\\u0e2d \\u0e28\\u0e34\\u0e23\\u0e34\\u0e1e\\u0e23 '
         '\\u0e21\\u0e13\\u0e35\\u0e27\\u0e07\\u0e28\\u0e4c \\u0e40\\u0e1a\\u0e2d\\u0e23\\u0e4c 095-118-2234"}',
         "\\u0e28\\u0e34\\u0e23\\u0e34\\u0e1e\\u0e23"),
        ('push: {"body":"\\u677e\\u7530 \\u6c99\\u7e54 \\u69d8\\u3001\\u3054\\u767b\\u9332\\u96fb\\u8a71 '
         '090-2233-1187"}', "\\u677e\\u7530 \\u6c99\\u7e54"),
    ],
)
def test_escaped_unicode_of_any_script_is_read_decoded(chain, text, personal):
    # GIVEN JSON with \\u escapes of a non-Latin script inside a text
    # WHEN stored  THEN the name it encodes is masked
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("0 5 4 1 2 3 4 " * (SHORT // 14), "0 5 4 1 2 3 4 " * (LONG // 14)),
        ("one two " * (SHORT // 8), "one two " * (LONG // 8)),
        ("phone one two three, " * (SHORT // 21), "phone one two three, " * (LONG // 21)),
        ("1 2-3 4.5 6/7 " * (SHORT // 14), "1 2-3 4.5 6/7 " * (LONG // 14)),
    ],
)
def test_hostile_runs_of_digits_and_digit_words_are_scanned_in_linear_time(short, long):
    # GIVEN runs of single digits and digit words, over and over
    # WHEN the text passes scan them  THEN in linear time
    assert_linear(Pii({}).text.scrub, short, long)


@pytest.mark.parametrize(
    ("text", "personal", "kept"),
    [
        ("M-PAiSA: You have received FJD 120.00 from Mereani Tuilagi 9271234. Ref: MP240516A8812.",
         ["Mereani Tuilagi", "9271234"], "MP240516A8812"),
        ("Wave: Vous avez reçu 25.000F de Fatou Diop (77 123 45 67). Solde: 41.250F.", ["Fatou Diop", "77 123 45 67"],
         "41.250F"),
        ("Mercado Pago: Recibiste $ 18.500 de Agustina Belén Paz. CVU de origen", ["Agustina Belén Paz"], "CVU de origen"),
        ("QK7 Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on 5/6/24", ["JOHN KAMAU", "0712345678"], "5/6/24"),
        ("Hai ricevuto 50,00 € da Giulia Romano", ["Giulia Romano"], "50,00 €"),
    ],
)
def test_the_other_party_of_a_transfer_is_masked(chain, text, personal, kept):
    # GIVEN a payment app's notification: a verb of a transfer, an amount, the other party and their number
    # WHEN stored  THEN the party and the number are masked, the amount and the reference kept
    out = stored_text(chain, text)
    assert all(p not in out for p in personal) and kept in out, out


@pytest.mark.parametrize(
    "text",
    [
        "You received $25.00 from Amazon Pay",
        "Payment of EUR 12.00 sent to Spotify AB",
        "received 2 packages from Royal Mail",
        "Invoice INV-22 paid: USD 400 to Acme Cloud Services",
    ],
)
def test_a_transfer_to_or_from_a_business_keeps_its_name(chain, text):
    # GIVEN a transfer whose other party is a business, or no amount at all
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Buenas! Soy Gonzalo Techera, CI 3.918.274-0. El pedido UY-7710", "3.918.274-0"),
        ("soy Rodrigo Justiniano, CI 6219034 SC, mi whatsapp", "6219034"),
        ("Trabajador: ROJAS TAPIA, FELIPE ANDRÉS  RUN: 15.339.021-5", "15.339.021-5"),
        ("aš Mindaugas Kazlauskas, a.k. 37504150910, gyvenu", "37504150910"),
        ("Barn: Emil Solberg Nilsen, fnr 170492 48660.", "170492 48660"),
        ("pacientka Hana Veselá, RČ 675123/0046, dg.", "675123/0046"),
        ("sem Nina Kranjc, davčna 48291030. Naslov", "48291030"),
        ("Dienstnehmer: Mag. Katharina Pichler\nVers.Nr.: 2812030490    Eintritt: 01.09.2019", "2812030490"),
    ],
)
def test_an_identity_number_after_its_abbreviation_is_masked(chain, text, personal):
    # GIVEN an ID after the abbreviation people write for it
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "CI 4821937 passed on main",
        "ci sono 3.120.884 persone iscritte",
        "CI run 12345678 green",
        "WARN import: riadok 17 zamietnutý (duplicitné RČ)\n\"SZ-2023-4410\";\"49,90\"",
    ],
)
def test_the_abbreviations_elsewhere_leave_numbers_alone(chain, text):
    # GIVEN the same letters as a build's, a word of another language, or a cue closed by a bracket and a line
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("我的电话 幺三八 零五七一 二二六九 谢谢", "幺三八 零五七一 二二六九"),
        ("電話：零九一二 三四五 六七八，謝謝", "零九一二 三四五 六七八"),
        ("연락처는 공일공 사칠팔구 일이삼사 입니다", "공일공 사칠팔구 일이삼사"),
        ("मेरा नंबर नौ आठ एक शून्य पाँच छह सात आठ नौ दो है", "नौ आठ एक शून्य पाँच छह सात आठ नौ दो"),
        ("เบอร์ ศูนย์แปดเก้า-สามสองหนึ่ง-สี่สี่ห้าเจ็ด ค่ะ", "ศูนย์แปดเก้า-สามสองหนึ่ง-สี่สี่ห้าเจ็ด"),
        ("số em là không chín tám tám, một hai ba, bốn năm sáu nha", "không chín tám tám, một hai ba"),
        ("המספר שלי אפס חמש שלוש, שש שש אחת, אפס תשע שתיים שלוש", "אפס חמש שלוש, שש שש אחת"),
    ],
)
def test_digits_read_aloud_in_other_scripts_are_masked(chain, text, personal):
    # GIVEN a phone read aloud digit by digit in Chinese, Korean, Hindi, Thai, Vietnamese, Hebrew
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    "text",
    ["二〇二四年十二月三日", "一二三四五六七八九", "삼일절 이야기를 들었다", "năm hai nghìn không trăm hai mươi"],
)
def test_dates_and_counting_in_those_scripts_are_kept(chain, text):
    # GIVEN a date, a count in order, ordinary words made of digit syllables
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Falls keiner aufmacht: 0176 4482 1093 anrufen.", "0176 4482 1093"),
        ("to kinito mou 6978 421 093. an thes apodeixi", "6978 421 093"),
        ("Vippser til 924 18 337 – Sindre Hauge.", "924 18 337"),
        ("Jeg kan MobilePay 28 40 19 37 med det samme", "28 40 19 37"),
        ("La clienta Ximena no contesta al 55 4821 0937. Pedido RAP-MX-771902", "55 4821 0937"),
        ("Luciano Pérez, 11 5834-2290", "11 5834-2290"),
        ("confirma que es el 987 412 036 a nombre de Rosa", "987 412 036"),
        ("J'ai envoyé 25 000 FCFA via Wave au 77 418 22 91 mais", "77 418 22 91"),
        ("Hola, mi número es 655 21 87 40, gracias", "655 21 87 40"),
    ],
)
def test_mobile_numbers_of_more_countries_are_masked_by_their_shape(chain, text, personal):
    # GIVEN a mobile number as its country writes it, without a country code
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Kundeservice: 22 33 44 55 (hverdager 08–16).",
        "Ring til MitID Support på 33 98 00 10.",
        "Línea BBVA: 55 5226 2663.",
        "GLS: Din pakke leveres i dag. Info 70 04 92 16",
        "resi JNE 0128 4736 5912",
        "total 912 345 678 руб",
    ],
)
def test_a_business_line_a_tracking_number_and_an_amount_are_kept(chain, text):
    # GIVEN a company's published line after its word, a parcel's number, an amount
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text
