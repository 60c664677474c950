"""What was left of the fourteenth blind round, by category, through the default chain (stop 37):
phone, account and identity-document words of more languages, a bank's name between an account's
word and its number, numbers written in groups after a licence's word, Cyrillic passport series,
addresses introduced in more languages; and what must stay beside those words."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored  # noqa: F401  (the chain fixture, a text stored)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # phones after the words of more languages, the Arabic "and" glued on
        ("Halló, síminn minn er 699 4521 ef eitthvað kemur upp.", "699 4521"),
        ("Du når meg på 934 11 208 etter klokka fire.", "934 11 208"),
        ("Prosim, pokliči me na 031 555 812 jutri.", "031 555 812"),
        ("Meng Handysnummer ass 691 882 114, merci.", "691 882 114"),
        ("ტელ. 599 21 43 87, დამირეკეთ საღამოს", "599 21 43 87"),
        ("សូមទាក់ទង លេខទូរស័ព្ទ 097 812 4433 ។", "097 812 4433"),
        ("ስልክ ቁጥር 0912 44 71 09 ነው።", "0912 44 71 09"),
        ("Миний утас 8811 4420, залгаарай.", "8811 4420"),
        ("โอนมาที่พร้อมเพย์ 0812223344 ได้เลยค่ะ", "0812223344"),
        ("اسمي في الطلب خطأ، وجوالي 0503344221 للتواصل", "0503344221"),
        ("ببساطة، وموبايلي 01122334455 متاح دائما", "01122334455"),
        # accounts: the definite form, CLABE, a bank's name before the number, 3 groups of 8, Japanese,
        # Korean and Telugu words
        ("Kontonummeret er 1206.44.81234 hos DNB.", "1206.44.81234"),
        ("Te paso mi CLABE interbancaria 002180700123456781 para el pago.", "002180700123456781"),
        ("Transfer ke rek Mandiri 1230009876543 ya kak", "1230009876543"),
        ("Bayar ke no akaun CIMB 8600 1122 33 sebelum Jumaat.", "8600 1122 33"),
        ("계좌번호 국민 123401-04-567890으로 보내주세요", "123401-04-567890"),
        ("振込先は三井住友銀行 新宿支店 普通 7654321 です。", "7654321"),
        ("Számlaszám: 10918001-00000068-53480003, köszönöm.", "10918001-00000068-53480003"),
        ("నా ఖాతా నంబర్ 62011223344 కి పంపండి", "62011223344"),
        # identity documents
        ("Posielam číslo OP HK482913 a rodné číslo zvlášť.", "HK482913"),
        ("Numele meu e pe buletin, seria de buletin XV 552018.", "XV 552018"),
        ("Надішліть копію паспорта серія КВ 771204 сьогодні.", "КВ 771204"),
        ("Мой паспорт ВМ 204711, действителен.", "ВМ 204711"),
        ("Her licence no. is 512 993 004 and it expires soon.", "512 993 004"),
        ("मेरो नागरिकता नं. १२-०२-७१-०८८१२ हो।", "१२-०२-७१-०८८१२"),
        ("Mage NIC eka 199012304567, call karanna.", "199012304567"),
        ("Inombolo ye-ID ngu-8001015009087, ngiyabonga.", "8001015009087"),
        ("رقم إقامتي 2123456788 ينتهي الشهر الجاي", "2123456788"),
        ("رقمي القومي 28512120104419 لو احتجتوه", "28512120104419"),
    ],
)
def test_numbers_after_their_words_in_more_languages_are_masked(chain, text, value):
    # GIVEN a phone, an account or an ID number after the word that says what it is
    # WHEN stored  THEN the number is not, and the words around it are
    out = stored(chain, text)
    assert value not in out and "[" in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a bank's name before the number stays; the rest of the sentence too
        ("Transfer ke rek Mandiri 1230009876543 ya kak", "rek Mandiri"),
        ("계좌번호 국민 123401-04-567890으로 보내주세요", "국민"),
    ],
)
def test_the_banks_name_before_an_account_number_stays(chain, text, kept):
    assert kept in stored(chain, text)


@pytest.mark.parametrize(
    "text",
    [
        "order ID 8001015009088 shipped today",  # a bare ID whose number fails South Africa's checksum
        "ID 12345678 was archived",
        "account Premium 2024 plan renewed",  # a plan's name and a year after "account"
        "Kontonummeret ditt vises i appen.",  # the word with no number
        "Her licence expired in 2019 and 2020 too",  # years after a licence's word
        "паспорт действителен до 2030 года",
        "Meng Handysnummer hunn ech geännert.",
    ],
)
def test_words_of_those_numbers_with_no_such_number_change_nothing(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Ok, address eka 12/4, Lake Road, Kandy. Thanks!", "12/4, Lake Road"),
        ("Сәлем, мекенжайым Сәтпаев көшесі 22, 5-пәтер, Алматы.", "Сәтпаев көшесі 22"),
        ("Kaixo, nire helbidea Gran Via 41, 3. eskuina da.", "Gran Via 41"),
        ("Мой адрес Тверская улица 7, кв. 12, Москва.", "Тверская улица 7"),
        ("Alamatku Jl. Merdeka 12, Bandung ya.", "Merdeka 12"),
    ],
)
def test_addresses_introduced_in_more_languages_are_masked(chain, text, address):
    # GIVEN a message giving an address after the words that introduce one
    # WHEN stored  THEN the street and its number are not
    assert address not in stored(chain, text)


def test_the_town_that_closes_a_labelled_address_stays(chain):
    # GIVEN a labelled address whose street's name comes after its number, then the town
    out = stored(chain, "Address: 45/2, Temple Road, Nugegoda. Thanks")
    # THEN the street goes, the town stays (a town alone singles no one out)
    assert "Temple Road" not in out and "Nugegoda" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Мой адрес изменился в 2023 году.",  # a year, not a house number
        "I live at home since 2019.",
    ],
)
def test_an_introduction_without_a_street_and_number_stays(chain, text):
    assert stored(chain, text) == text


# --- field names of more languages (transforms/builtin/field-names.tsv) -------------------------

@pytest.mark.parametrize(
    ("body", "value"),
    [
        ({"ikaslea": {"izena": "Iker", "abizenak": "Etxeberria Arano", "jaiotzeData": "2003-05-11"}}, "Etxeberria Arano"),
        ({"ikaslea": {"izena": "Iker", "abizenak": "Etxeberria Arano", "jaiotzeData": "2003-05-11"}}, "2003-05-11"),
        ({"харилцагч": {"нэр": "Дорж Батсүх", "утас": "9900 1122"}}, "9900 1122"),
        ({"клиент": {"аты-жөні": "Аружан Серікқызы", "ЖСН": "010203500123"}}, "Аружан Серікқызы"),
        ({"клиент": {"аты-жөні": "Аружан Серікқызы", "ЖСН": "010203500123"}}, "010203500123"),
        ({"ደንበኛ": {"አድራሻ": "ቦሌ ክፍለ ከተማ ወረዳ 05 የቤት ቁ. 221", "ፋይዳ": "3391 2280 4417"}}, "3391 2280 4417"),
        ({"ग्राहक": {"पत्ता": "फ्लॅट १२, गणेश सोसायटी, पुणे"}}, "फ्लॅट १२, गणेश सोसायटी, पुणे"),
        ({"korisnik": {"tekuciRacun": "205-0000001234567-89"}}, "205-0000001234567-89"),
        ({"kjoretoy": {"kjennemerke": "DN 44120"}}, "DN 44120"),
        ({"paciente": {"apellidoYNombre": "Quiroga, Lucía", "nroAfiliado": "40 118273 2 00"}}, "Quiroga, Lucía"),
        ({"paciente": {"apellidoYNombre": "Quiroga, Lucía", "nroAfiliado": "40 118273 2 00"}}, "40 118273 2 00"),
        ({"iarratasoir": {"uimhirPSP": "1234567TW", "dátaBreithe": "1990-01-31"}}, "1234567TW"),
        ({"பயனர்": {"நோய்": "சர்க்கரை நோய்"}}, "சர்க்கரை நோய்"),
    ],
)
def test_personal_field_names_of_more_languages_are_masked(chain, body, value):
    # GIVEN a payload whose keys name personal data in another language
    # WHEN stored  THEN the value under each is not
    from tests.test_pii_names_in_formats import stored_body

    assert value not in str(stored_body(chain, body))


@pytest.mark.parametrize(
    "body",
    [
        {"produit": "Doliprane", "medicament": "Doliprane 1000 mg", "prix": "2,18 €"},  # a catalogue's medicine
        {"journey": {"from": "York", "to": "Leeds"}, "railcard": "16-25"},  # a railcard's kind
        {"logg": {"brukernavn": "lager-oslo", "språk": "nb"}},  # a shared account's login
        {"ten_doanh_nghiep": "Công ty ABC", "ma_so_thue": "0300588569"},  # a company's tax number
        {"product": {"нэр": "Smart 30GB", "үнэ": "15000"}},  # one word for "name" in a product's object
    ],
)
def test_things_under_those_names_or_beside_them_stay(chain, body):
    from tests.test_pii_names_in_formats import stored_body

    assert stored_body(chain, body) == body


def test_the_file_never_overrides_the_built_in_tables_nor_matches_a_words_end():
    # GIVEN the classifier with and without the file's names
    from transforms.builtin import _pii_names

    names = _pii_names.personal_names()
    # THEN a built-in verdict stays (the file's "naam"-like words do not make a bare name a person's)
    assert names.classify("nombre") == _pii_names.AMBIGUOUS
    assert names.classify("user_id") is None and names.classify("email_id") is None
    # AND a file name matches whole, not as the end of a longer word ("xutas" is no phone)
    assert names.classify("утас") == ("contact", "phone")
    assert names.classify("xutas") is None
    # AND every line of the file is a known kind with three fields
    for words_of_name, found in _pii_names._more_field_names():
        assert words_of_name and found[0] in _pii_names.PERSONAL_FIELDS or found == _pii_names.AMBIGUOUS


# --- names after more cues ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Moien, ech sinn d'Martine Weber a schreiwen wéinst der Rechnung.", "Martine Weber"),  # no space after d'
        ("Sawubona, igama lami nguThandiwe Dlamini, ngicela usizo.", "Thandiwe Dlamini"),  # glued to "ngu"
        ("Ẹ n lẹ, orúkọ mi ni Fúnmiláyọ̀ Adéyẹmí, ẹ jọ̀ọ́ ẹ pè mí.", "Fúnmiláyọ̀ Adéyẹmí"),  # tones kept in the word
        ("Салем! Мен Айгерим Сапарова, тапсырысым келмеді.", "Айгерим Сапарова"),  # Kazakh "I"
        ("Bos días, son Xoán Pereira Lema e escribo polo recibo.", "Xoán Pereira Lema"),  # Galician "I am"
        ("Heute 09:10 – Bewohner Friedrich Albers klagt über Schwindel.", "Friedrich Albers"),  # a care home's resident
        ("Bitte auf Kontoinhaberin Ursula Brandt überweisen.", "Ursula Brandt"),
    ],
)
def test_names_after_more_cues_are_masked(chain, text, name):
    out = stored(chain, text)
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "l'Italia è bella in primavera",  # a capital after an apostrophe with no cue before it
        "the son Of God is a painting",  # English "son" before a capital
        "Mieter können Mängel online melden.",  # a role's word with no name after it
    ],
)
def test_those_cues_without_a_name_change_nothing(chain, text):
    assert stored(chain, text) == text


# --- self-introductions in scripts without capitals (transforms/builtin/_pii_intros.py) ---------

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ጤና ይስጥልኝ፣ ስሜ ሰላማዊት ተስፋዬ ነው። ትዕዛዜ አልደረሰም።", "ሰላማዊት ተስፋዬ"),  # Amharic, closed by ነው
        ("ជម្រាបសួរ ខ្ញុំឈ្មោះ ស្រីពៅ វណ្ណា សូមជួយផង", "ស្រីពៅ វណ្ណា"),  # Khmer, no punctuation: two words
        ("სალამი, ჩემი სახელია თამარ კაპანაძე და მინდა შეკვეთის შეცვლა", "თამარ კაპანაძე"),  # Georgian
        ("Բարեւ, ես Լիլիթ Սարգսյանն եմ, զանգահարեք", "Լիլիթ Սարգսյանն"),  # Armenian "I am ... am"
        ("नमस्ते, मेरो नाम गीता थापा हो। बिल तिर्न", "गीता थापा"),  # Nepali
        ("हेलो, मैं अनीता वर्मा बोल रही हूँ, ऑर्डर के बारे में", "अनीता वर्मा"),  # Hindi "I am speaking"
        ("سلام، زما نوم احمد شاه دی", "احمد شاه"),  # Pashto
    ],
)
def test_a_name_after_an_introduction_in_a_script_without_capitals_is_masked(chain, text, name):
    out = stored(chain, text)
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "मैं कल आऊँगा, ठीक है?",  # "I will come tomorrow": no closing "हूँ"
        "أنا بخير، شكرا لك",  # "I am fine": no given name after a bare "I"
        "আমি ভালো আছি",  # Bengali "I am well"
    ],
)
def test_an_introductions_word_before_no_name_changes_nothing(chain, text):
    assert stored(chain, text) == text


# --- numbers after the cue words of more languages (transforms/builtin/cue-words.tsv) ----------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Cześć, mój numer to 512 348 907, dzwoń po 17.", "512 348 907"),
        ("Sveiki! Mans numurs ir 26481137, zvaniet vakarā.", "26481137"),
        ("Dobrý den, moje číslo je 736 412 908.", "736 412 908"),
        ("Tere, minu number on 5381 2276, helista julgelt.", "5381 2276"),
        ("Kaixo, nire telefonoa 677 902 114 da.", "677 902 114"),
        ("Proszę podać: nr dowodu: AYZ482913", "AYZ482913"),
        ("Číslo pasu: 47719302, platnost do 2031.", "47719302"),
        ("Broj osobne iskaznice: 118204479 — hvala.", "118204479"),
        ("Uplati na račun 2360000-1101234565 do petka.", "2360000-1101234565"),
    ],
)
def test_numbers_after_the_cue_words_of_more_languages_are_masked(chain, text, value):
    out = stored(chain, text)
    assert value not in out and "[" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Mój numer zamówienia to 601234567.",  # "my order number": the order's word stands between
        "Moje číslo je šťastné: 7.",  # a cue before no number
        "Mans numurs ir 12. rindā.",  # a seat in row 12, too few digits
        "matricule 1234567890123 not valid",  # a cue that needs a checksum is left to _pii_ids
    ],
)
def test_those_cue_words_before_no_such_number_change_nothing(chain, text):
    assert stored(chain, text) == text


def test_every_cue_word_loads_with_a_known_kind():
    from transforms.builtin import _pii_cue_words

    literals, kinds = _pii_cue_words._cues()
    assert len(literals.literals) == len(kinds) > 1000
    assert set(kinds) == {"phone", "account_number", "national_id"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("مرحبا، أنا فاطمة، أريد تغيير العنوان", "فاطمة"),  # a bare "I" before a given name of the lexicon
        ("আমি রহিম, অর্ডারটা কোথায়?", "রহিম"),
        ("నేను సునీత, నా ఆర్డర్ రాలేదు", "సునీత"),
    ],
)
def test_a_given_name_in_its_own_script_after_a_bare_i_is_masked(chain, text, name):
    # GIVEN a name the lexicon knows in its own script (scripts/person-names-extra.txt, stop 37)
    out = stored(chain, text)
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("გუშინ გიორგი ბერიძე დარეკა ოფისში", "გიორგი ბერიძე"),  # Georgian: no capitals
        ("ትናንት ተስፋዬ በቀለ ደረሰ", "ተስፋዬ በቀለ"),  # Ge'ez
        ("ម្សិលមិញ សុខ ចាន់ថា បានមក", "សុខ ចាន់ថា"),  # Khmer, its vowel signs inside the words
    ],
)
def test_two_names_of_the_lexicon_in_scripts_without_capitals_are_masked_in_prose(chain, text, name):
    out = stored(chain, text)
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize("text", ["საქართველო თბილისი მზიანი დღე", "ሰላም ለሁላችሁ እንኳን ደህና መጣችሁ"])
def test_prose_of_those_scripts_without_a_name_stays(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("https://api.ride.example/v1/ride?passenger=Anong%20Sukjai&pickup=Siam", "Anong%20Sukjai"),
        ("/checkout?customer=Maria%20Oliveira%20Santos&plan=pro", "Maria%20Oliveira%20Santos"),
    ],
)
def test_a_persons_name_encoded_with_percent_twenty_in_a_query_is_masked(chain, text, name):
    # GIVEN a query whose value is a person's name with %20 for its spaces (not "+")
    out = stored(chain, text)
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize("text", ["https://x.example/search?q=New%20York%20Times&lang=en", "q=red%20shoes&page=2"])
def test_other_values_encoded_that_way_stay(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Το πακέτο είναι για την κυρία Σοφία Παπαδάκη, ευχαριστώ.", "Παπαδάκη"),  # the surname after the term's name
        ("Vă rog să sunați pe doamna Ioana Marinescu mâine.", "Marinescu"),
        ("Pode deixar com a dona Cida Ferreira na portaria.", "Ferreira"),
    ],
)
def test_a_surname_after_a_term_of_address_and_a_given_name_is_masked_too(chain, text, name):
    out = stored(chain, text)
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Στείλτε το στην οδό Πατησίων 112, 4ος όροφος, Αθήνα.", "Πατησίων 112"),  # Greek street word before the name
        ("Cambio o enderezo á Rúa Nova 14, 2º esquerda.", "Rúa Nova 14"),  # Galician
    ],
)
def test_streets_of_greek_and_galician_are_masked(chain, text, address):
    assert address not in stored(chain, text)


def test_a_greek_street_named_without_a_number_stays(chain):
    text = "Η Οδός Πανεπιστημίου είναι κλειστή σήμερα λόγω πορείας."
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pflegenotiz: Sohn Markus ruft morgen wegen der Medikamente an.", "Markus"),
        ("Ehefrau Brigitte bringt die Unterlagen am Montag.", "Brigitte"),
    ],
)
def test_a_given_name_after_a_german_kin_noun_is_masked(chain, text, name):
    out = stored(chain, text)
    assert name not in out and "[name]" in out, out


def test_a_german_kin_noun_before_a_word_that_is_no_given_name_stays(chain):
    text = "Die Tochter Gesellschaft wurde 2019 gegründet."
    assert stored(chain, text) == text


def test_a_brand_named_for_an_aunt_stays(chain):
    text = "Aktion: Tante Helga Pizzateig 400 g – nur 1,99 €"
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Pristatykite į Laisvės al. 53-7, Kaunas.", "Laisvės al. 53-7"),  # Lithuanian
        ("Piegāde: Elizabetes iela 21-3, Rīga", "Elizabetes iela 21-3"),  # Latvian
        ("Saatke Narva mnt 7-12, Tallinn", "Narva mnt 7-12"),  # Estonian
        ("Doručte na Karlovo náměstí 5, Praha 2", "Karlovo náměstí 5"),  # Czech
        ("Kargo: Cumhuriyet Caddesi No: 14, Şişli", "Cumhuriyet Caddesi No: 14"),  # Turkish (its "Cad." is read elsewhere)
    ],
)
def test_streets_whose_word_comes_after_their_name_are_masked(chain, text, address):
    assert address not in stored(chain, text)


@pytest.mark.parametrize("text", ["Sprint 2 tn 5 items left", "Al. 12 is the aluminium grade we stock"])
def test_those_street_words_without_a_street_stay(chain, text):
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sawubona, nginguNomvula Khumalo, ngicela ungishayele.", "Nomvula Khumalo"),  # Zulu "I am", glued
        ("Molo, ndinguSipho Mbeki, ndicela uncedo.", "Sipho Mbeki"),  # Xhosa
        ("شكرا، والرقم القومي 29105120104453 لو لزم", "29105120104453"),  # Arabic's glued "and"
        ("Ο ΑΜΚΑ μου είναι 01019012345 και το κινητό", "01019012345"),  # Greek "my ... is"
        ("Tālrunis 2934 5566, zvaniet pēc 18.", "2934 5566"),  # Latvian
        ("Moj JMBG je 1505988170010, hvala.", "1505988170010"),  # Bosnian "is" (a valid check digit)
        ("Servus, SVNR 1237 010180, bitte zurückrufen.", "1237 010180"),  # Austrian insurance number in groups
        ("Регистр: ЧД88041712, утас 9911 0000", "ЧД88041712"),  # Mongolian register: 2 letters, 8 digits
        ("FİN kodum 6AB4C7D, zəhmət olmasa", "6AB4C7D"),  # Azerbaijani "my FIN code"
    ],
)
def test_values_after_more_cue_forms_are_masked(chain, text, value):
    out = stored(chain, text)
    assert value not in out and "[" in out, out


# --- passwords and codes after the words of more languages (transforms/builtin/secret-words.tsv) -

@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Kalmar sirri ta ita ce Zaria#Gida42, don Allah.", "Zaria#Gida42"),  # Hausa
        ("Fy nghyfrinair newydd yw Caerdydd!2024 — diolch", "Caerdydd!2024"),  # Welsh, mutated
        ("Şifrəm Xəzər_Dəniz77 idi, dəyişin zəhmət olmasa.", "Xəzər_Dəniz77"),  # Azerbaijani "my password"
        ("Parolim Buxoro#2024x, iltimos tiklang.", "Buxoro#2024x"),  # Uzbek
        ("ពាក្យសម្ងាត់ Phnom@Penh55 សូមជួយ", "Phnom@Penh55"),  # Khmer
        ("Engangskoden er 552 901, den udløber snart.", "552 901"),  # Danish one-time code in groups
        ("Tu SMS kodu 839201, lütfen paylaşmayın.", "839201"),  # Turkish
        ("Ваш код з СМС 447120 — нікому не кажіть.", "447120"),  # Ukrainian
    ],
)
def test_passwords_and_codes_after_the_words_of_more_languages_are_redacted(chain, text, secret):
    out = stored(chain, text)
    assert secret not in out and "[redacted]" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Feature-Flag enable_password_reset_v2 ausgerollt",  # the word inside an identifier
        "/api/sicherheitscode/sig/1990",  # a path's segments after a code's word
        "Engangskoden udløber efter 300 sekunder.",  # no code: a lifetime
        "Şifrəm nədir? Unutmuşam.",  # a password's word with nothing shaped like one
        "SMS kodu 2 dakika içinde gelir.",  # a count
    ],
)
def test_those_words_without_a_secret_change_nothing(chain, text):
    assert stored(chain, text) == text


def test_every_secret_word_loads_with_a_known_kind():
    from transforms.builtin import _pii_secret_words

    literals, kinds = _pii_secret_words._words()
    assert len(literals.literals) == len(kinds) > 2000 and set(kinds) == {
        "password", "code", "answer", "bare_code", "card_code", "keyed", "keypad", "setup_key"}


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"მომხმარებელი": "store_tbilisi", "პაროლი": "Mtatsminda!42"}, "პაროლი"),
        ({"օգտանուն": "store_yerevan", "գաղտնաբառ": "Ararat#2024"}, "գաղտնաբառ"),
        ({"klient_id": "nettbutikk-bergen", "klienthemmelighet": "Xk29fPq0LmT7vWz3"}, "klienthemmelighet"),
        ({"payfast": {"merchant_id": "10000100", "merchant_key": "46f0cd694581a"}}, "merchant_key"),
    ],
)
def test_credentials_under_more_field_names_are_redacted(chain, body, key):
    from tests.test_pii_names_in_formats import stored_body

    out = str(stored_body(chain, body))
    assert "[redacted]" in out and all(v not in out for v in ("Mtatsminda!42", "Ararat#2024", "Xk29fPq0LmT7vWz3",
                                                              "46f0cd694581a")), out


def test_a_code_after_hebrews_glued_and_is_redacted(chain):
    out = stored(chain, "הסיסמה אופסה וקוד האימות 503318 נשלח אליך")
    assert "503318" not in out and "[redacted]" in out, out


# --- conditions of 53 languages in a text or a record about someone (transforms/builtin/conditions.tsv)

@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Bonjour, mon fils Hugo Martin (né le 2 mai 2015) est asthmatique, merci de prévenir l'animateur.", "asthmatique"),
        ("Referral: Ms Alison Hart, DOB 02/03/1981, presenting with suicidal ideation.", "suicidal ideation"),
        ("Ο υπάλληλος Νίκος Παππάς έχει σακχαρώδη διαβήτη τύπου 1.", "σακχαρώδη διαβήτη τύπου 1"),
        ("La paciente Ana Ruiz Soto, DNI 12345678Z, tiene trastorno de ansiedad.", "trastorno de ansiedad"),
    ],
)
def test_a_named_persons_condition_in_more_languages_is_masked(chain, text, condition):
    out = stored(chain, text)
    assert condition not in out and "[health]" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Diabetes awareness week starts Monday at the clinic.",  # a topic, no one's
        "Path `phone` is invalid.",  # "invalid" is no disability here
        "Autista gentilissimo, consegna puntuale.",  # Italian "driver"
        "Asthmatique ou allergique ? Consultez notre guide.",  # no one named
    ],
)
def test_conditions_words_in_a_text_about_no_one_stay(chain, text):
    assert stored(chain, text) == text
