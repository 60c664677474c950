"""Addresses after an address label or an "I live at" of many languages, through the default chain:
what follows the label is masked up to its last part that holds a number, within its sentence; the
sentence after it, a phone's label, a label with no number after it stay."""

from __future__ import annotations

import pytest

from tests.linear import LONG, SHORT, assert_linear
from tests.test_pii_names_in_formats import chain, stored  # noqa: F401  (the chain fixture, a text stored)
from transforms.builtin import _pii_address_labels


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the blind round's own, and new ones, a label and its colon
        ("Adresa ime: Rruga e Durrësit, Pallati 23, Shkalla 2, Ap. 9, Tiranë.", "Pallati 23"),  # Albanian
        ("Adresa ime: Rruga Myslym Shyri, Pallati 7, Ap. 14, Tiranë.", "Myslym Shyri"),
        ("Ünvan: Bakı, Nizami küç. 84, mənzil 23. Tel: +994 50 123 45 67", "Nizami küç. 84"),  # Azerbaijani
        ("Manzil: Samarqand sh., Registon ko'chasi 17-uy, 8-xonadon.", "Registon ko'chasi 17-uy"),  # Uzbek
        ("Дарек: Ош ш., Ленин көчөсү 212, кв. 31. Тел: 0555 123 456", "Ленин көчөсү 212"),  # Kyrgyz
        ("Суроға: Хуҷанд, кӯчаи Ленин 88, хонаи 4.", "кӯчаи Ленин 88"),  # Tajik
        ("Salgym: Mary ş., Gurbansoltan eje köçesi 41, jaý 2, öý 9.", "köçesi 41"),  # Turkmen
        ("Хаяг: Дархан, 3-р баг, 12-р байр, 27 тоот", "12-р байр"),  # Mongolian
        ("Navnîşana min: Kolana Azadî, No. 31, Qamişlo.", "Kolana Azadî"),  # Kurmanji
        ("पता: मकान नं. 45, गली नं. 9, राजेंद्र नगर, पटना 800016", "गली नं. 9"),  # Hindi
        ("ਪਤਾ: ਮਕਾਨ ਨੰ. 87, ਗਲੀ 3, ਅੰਮ੍ਰਿਤਸਰ।", "ਗਲੀ 3"),  # Punjabi
        ("ঠিকানা: বাড়ি ৭, রোড ১১, গুলশান, ঢাকা।", "রোড ১১"),  # Bengali, Bengali digits
        ("முகவரி: எண் 22, காந்தி தெரு, மதுரை.", "எண் 22"),  # Tamil
        ("വിലാസം: വീട് നമ്പർ 17, എം.ജി. റോഡ്, തൃശ്ശൂർ 680001.", "വീട് നമ്പർ 17"),  # Malayalam
        ("చిరునామా: ఇంటి నం. 8-3-214, శ్రీనగర్ కాలనీ, హైదరాబాద్.", "8-3-214"),  # Telugu
        ("ठेगाना: घर नं. 33, बानेश्वर, काठमाडौं।", "घर नं. 33"),  # Nepali
        ("ທີ່ຢູ່: ເຮືອນເລກທີ 45, ບ້ານ ສີສະເກດ", "ເຮືອນເລກທີ 45"),  # Lao
        ("Địa chỉ: Số 8, ngõ 12, phố Huế, Hà Nội", "ngõ 12"),  # Vietnamese
        ("አድራሻ፡ ባሕር ዳር፣ ቀበሌ 14፣ የቤት ቁጥር 552፣", "የቤት ቁጥር 552"),  # Amharic, Ethiopic commas
        ("Teessoon koo: Jimmaa, Ganda 02, Mana lakk. 77, mana barumsaa bira.", "Mana lakk. 77"),  # Oromo
        ("Address ko po: Blk 4 Lot 19, Phase 1, Villa Verde, Brgy. Pasong Tamo", "Blk 4 Lot 19"),  # Filipino
        ("ناونیشان: سلێمانی، گەڕەکی سەرچنار، کۆڵانی ١٢، خانووی ٧.", "کۆڵانی ١٢"),  # Sorani, Arabic digits
        ("عنواني: حي النزهة، شارع 15، عمارة 4، شقة 9", "شارع 15"),  # Arabic
        ("آدرس: تهران، خیابان ولیعصر، کوچه ۱۲، پلاک ۴۵", "پلاک ۴۵"),  # Persian
        ("Anwani yangu ni: Mtaa wa Uhuru, Nyumba Na. 23, Dodoma.", "Nyumba Na. 23"),  # Swahili
        ("Adireshina: Titin Zoo 14, Unguwar Sarki, Kano.", "Titin Zoo 14"),  # Hausa
        ("Ikheli lami: 27 Mahlangu Street, Soweto.", "27 Mahlangu"),  # Zulu
        ("Cinwaankaygu: Degmada Hodan, Waddada Maka 41, Muqdisho.", "Waddada Maka 41"),  # Somali
        ("Aderesi yanjye: KG 11 Ave, inzu 7, Kigali.", "inzu 7"),  # Kinyarwanda
        ("Մ. հասցե: Երևան, Աբովյան փողոց 12, բն. 5", "Աբովյան փողոց 12"),  # Armenian
        ("მისამართი: თბილისი, ჭავჭავაძის გამზ. 33, ბინა 8", "ბინა 8"),  # Georgian
        ("Endereço: Rua Fernandes, 77, apto 31, Recife", "apto 31"),  # Portuguese
        ("Cyfeiriad: 14 Heol y Frenhines, Caerdydd.", "14 Heol"),  # Welsh
        ("Heimilisfang: Laugavegur 101, íbúð 3, Reykjavík.", "íbúð 3"),  # Icelandic
        ("Мекенжайым: Алматы, Абай даңғылы 150, пәтер 12.", "пәтер 12"),  # Kazakh
        # and introductions in prose, no colon
        ("Griya kula wonten Dusun Krajan RT 02 RW 01, Desa Sumberrejo", "RT 02 RW 01"),  # Javanese
        ("Maa ngi dëkk ci villa n° 6124, Sicap Liberté 6, Dakar.", "6124"),  # Wolof
        ("Mbeera Ntinda, Kigowa Road, ennyumba nnamba 12", "Kigowa Road"),  # Luganda
        ("Saya tinggal di Perumahan Griya Asri, Blok F no 9, Bekasi.", "Blok F no 9"),  # Indonesian
        ("Ninaishi Kariakoo, mtaa wa Msimbazi, nyumba 44.", "Msimbazi"),  # Swahili
        ("Nakatira ako sa 45 Mabini St., Barangay 3, Lungsod ng Batangas.", "45 Mabini"),  # Tagalog
    ],
)
def test_an_address_after_its_label_is_masked(chain, text, value):
    # GIVEN an address after the label or the words that say an address follows, in its language
    # WHEN stored  THEN the address is not, and the label stays
    out = stored(chain, text)
    assert value not in out and "[address]" in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the sentence after the address, and what the address's last numbered part leaves
        ("Adresa: Rruga Kavajës 12. Porosia AL-55 u dërgua sot.", "AL-55"),
        ("Adresa: Rruga Kavajës 12. Porosia AL-55 u dërgua sot.", "Porosia"),
        ("Adresa ime: Rruga e Durrësit, Pallati 23, Shkalla 2, Ap. 9, Tiranë.", "Tiranë"),
        ("Дарек: Бишкек ш., Чүй пр. 155, кв. 7. Тел: 0555 123 456", "Тел"),
        ("Ünvan: Bakı, Nizami küç. 84, mənzil 23. Sifariş 7781 hazırdır.", "7781"),
        ("पता: मकान नं. 112, गली नं. 4। ऑर्डर 5521 कल आएगा।", "5521"),
        ("Adresse: Rue Haute 12, Bruxelles\nCommande 8812", "8812"),
        ("Manzil: Toshkent, Yunusobod 14-kvartal, 5-uy; buyurtma 3301", "3301"),
    ],
)
def test_what_follows_the_address_in_another_sentence_stays(chain, text, kept):
    assert kept in stored(chain, text)


@pytest.mark.parametrize(
    "text",
    [
        "Address: see below",  # a label with nothing numbered after it
        "Adresse de facturation identique",
        "Adresa: do të dërgohet më vonë.",
        "Ünvan:. 2 gün içinde yazılacak.",  # a sentence's end right after the label
        "Adresse: commande 4412",  # an order's number alone
        "IP address: 10.0.0.5, gateway 10.0.0.1",
        "Manzil: ko'rsatilmagan. 14 kun ichida",  # the number in the next sentence
        "I live in Berlin since 2019, near the river.",  # a year, no house number
        "Ninaishi Dodoma kwa miaka 5.",  # a count of years
    ],
)
def test_a_label_with_no_address_after_it_changes_nothing(text):
    # GIVEN an address's label that no address follows
    # WHEN read by this pass  THEN it masks nothing (the pairs pass may still mask a known field's
    # whole value: "Address: see below" is an address field's, whatever it says)
    assert _pii_address_labels.scrub(text, lambda kind, key, original: f"[{kind}]") == text


@pytest.mark.parametrize(
    "text",
    [
        "Adresse de facturation identique",
        "IP address: 10.0.0.5, gateway 10.0.0.1",
        "I live in Berlin since 2019, near the river.",
        "Ninaishi Dodoma kwa miaka 5.",
        "Mbeera bulungi, webale nnyo.",
    ],
)
def test_words_like_a_label_with_no_address_are_stored_as_they_are(chain, text):
    assert stored(chain, text) == text


def test_the_mask_ends_before_a_phone_number_in_the_same_sentence(chain):
    # GIVEN an address and a phone number after it, one comma apart
    out = stored(chain, "Adresa: Rruga Elbasanit 44, +355 69 123 4567")
    # THEN the phone is masked as a phone, not swallowed by the address
    assert "[phone]" in out and "[address]" in out, out


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Adresa: " + "a 1, " * (n // 5), "Adresa: " + "a 1, " * (4 * n // 5))
        for n in (SHORT,)
    ] + [
        (s * (SHORT // len(s)), s * (LONG // len(s)))
        for s in ("Adresa: ", "Adresa: 1", "Mbeera ", "पता: ", "Adresa: Ab. ", "Address ko po: 1 ", "Adresa: 1 @",
                  "Adresa: Tel ", "Adresa: [address] ", "Adresa: " + "1 " * 20)
    ],
)
def test_hostile_label_runs_are_scanned_in_linear_time(short, long):
    # GIVEN a text of labels and numbers over and over  WHEN scanned  THEN in linear time
    assert_linear(lambda t: _pii_address_labels.scrub(t, lambda kind, key, original: f"[{kind}]"), short, long)
