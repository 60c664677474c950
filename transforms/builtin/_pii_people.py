"""Person names and postal addresses in free text, only where a cue says so.

Names (kind ``name``) are capitalised words (particles such as ``van``, ``de``, ``da``
between them) right after:

- a self-introduction: "my name is", "je m'appelle", "ich heiße", "me llamo", "mi chiamo",
  "meu nome é", "mijn naam is"...;
- a salutation: "Dear", "Cher/Chère", "Liebe/r", "Sehr geehrte/r", "Estimado/a",
  "Querido/a", "Caro/a", "Gentile", "Prezado/a", "Beste" (one word is enough), or "Hi",
  "Hello", "Hey", "Hallo", "Hola", "Bonjour", "Ciao", "Olá", and the weaker "this is", "I am",
  "I'm", "c'est", "ich bin", "soy", "sono" (two words: "Hello World", "Hi Team" and "this is
  Spain" are not people);
- a role, with or without its colon (two words): "Customer", "Patient", "Kunde", "Contact",
  "Kontakt", "Sent by", "Envoyé par", "Enviado por", "Inviato da", "Wysłane przez", "Signed
  by", "Approved by", "Firmado por"...;
- a title: "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Herr(n)", "Frau", "M.", "Mme",
  "Mlle", "Sr", "Sra", "Srta", "Sig.", "Sig.ra", "Dott.", "Dhr.", "Mevr." (the title stays);
- a label that names a person: "full name:", "first name:", "surname:", "nom :",
  "prénom :", "Vorname:", "Nachname:", "apellidos:", "cognome:", "achternaam:",
  "cardholder:", "account holder:"...

Words that are never names after a cue (Customer, Team, World, Sir, Madam, Support...)
stop it. Canonical value: the name lower-cased, single-spaced.

Addresses (kind ``address``):

- a street number and a street word: ``221B Baker Street``, ``10 Downing St``,
  ``12 rue de la Paix``, ``Hauptstraße 5``, ``Musterstr. 12a``, ``Kerkstraat 12``,
  ``Calle Mayor 5``, ``Via Roma 10``, ``Rua Augusta, 123``, ``ul. Marszałkowska 1``...,
  with the postal code and town that follow in the usual forms (``, 10115 Berlin``,
  ``, Springfield, IL 62704``);
- a postal code after its name: "postcode SW1A 1AA", "PLZ 10115", "zip 94105",
  "code postal 75008", "CEP 01310-100", "CAP 00184", "C.P. 28013";
- a UK postcode after a town (``London SW1A 2AA``, ``Leeds, LS1 4AP``).

Canonical value: the address lower-cased, single-spaced.

Dates of birth (kind ``birth_date``) are dates right after a word that says so, in the
languages above and a few more: "born on 12 April 1990", "DOB 04/12/1990", "geb. am
12.04.1990", "né le 12/04/1990", "nacido el 12 de abril de 1990", "nato il 12/04/1990",
"nascido em 12/04/1990", "geboren op 12-04-1990", "urodzony 12.04.1990", "född
1990-04-12", "Doğum tarihi: 12.04.1990", "生年月日 1990年4月12日". A date anywhere else is
an ordinary date and stays. Canonical value: the date lower-cased, single-spaced.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_kinds import PSEUDONYM_HEX
from transforms.builtin._pii_literals import Literals
from transforms.builtin._pii_words import cased, occurs, one_of, starts_a_word, starts_word, swap_group, top_level, variants

Replace = Callable[[str, str, str], str]

_INTRO = (
    r"my name is|my name's|i am called|i'm called|je m'appelle|mon nom est|ich heiße|ich heisse|mein name ist"
    r"|me llamo|mi nombre es|mi chiamo|il mio nome è|meu nome é|eu me chamo|chamo-me|me chamo|mijn naam is|ik heet|jag heter"
    r"|nazywam się|mam na imię|mitt namn är|mitt navn er|mit navn er|benim adım|adım|nimeni on|jmenuji se"
    r"|меня зовут|мене звати|моё имя|мое имя|моє ім'я|το όνομά μου είναι|το ονομά μου είναι|με λένε|ονομάζομαι"
    r"|tên tôi là|tôi tên là|nama saya adalah|nama saya|saya bernama|nama aku|jeg hedder|jeg heter|mă numesc|ma numesc|numele meu este"
    r"|zovem se|moje ime je|ime mi je|volám sa|a nevem|mano vardas|mani sauc|minu nimi on|ang pangalan ko ay"
    r"|jina langu ni|казвам се|името ми е|зовем се|моје име је|нэрийг минь|orúkọ mi ni|oruko mi ni|orukọ mi ni"
    # Zulu's and Xhosa's "I am", glued to the name: nginguThandiwe, ndinguLuthando
    r"|ngingu|ndingu|igama lami ngingu"
    r"|mit freundlichen Grüßen,?|viele Grüße,?|liebe Grüße,?|met vriendelijke groeten,?|med vänliga hälsningar,?"
    r"|pozdrawiam,?|z poważaniem,?|saygılarımla,?|ystävällisin terveisin,?"
    r"|signed|regards,?|sincerely,?|cordialement,?|best,|thanks,|cheers,|atentamente,?|saludos,?"
    # sign-offs of Nordic, Finnish, Dutch, Spanish, Italian, Portuguese and Russian letters
    r"|terveisin,?|ystävällisesti,?|hälsningar,?|mvh,?|med venlig hilsen,?|med vennlig hilsen,?|venlig hilsen,?"
    r"|groeten,?|un saludo,?|saludos cordiales,?|cordiali saluti,?|atenciosamente,?|abraços,?|с уважением,?"
    r"|mit freundlichen grüßen,?|viele grüße,?|distinti saluti,?|cumprimentos,?|met vriendelijke groet,?"
    # self-introductions and sign-offs of more languages (Tagalog, Icelandic, Catalan, Basque, Welsh,
    # Irish, Maltese, Albanian, Macedonian, Kazakh, Uzbek, Afrikaans, Zulu, Hausa, Galician; Polish,
    # Czech, Hungarian, Greek letters)
    # German capitalises the noun: "mein Name ist"; Dutch's singular "groet"
    r"|mein Name ist|mein Nachname ist|mein Vorname ist|groet,?|hartelijke groet,?"
    r"|ako si|ég heiti|eg heiti|em dic|nire izena|fy enw i yw|fy enw yw|is mise|jisimni|quhem|unë quhem|une quhem"
    r"|се викам|менің атым|mening ismim|my naam is|igama lami ngu|igama lami|sunana|sunana na|chámome|chamome"
    r"|pozdrawiam serdecznie,?|serdecznie pozdrawiam,?|s pozdravem,?|s úctou,?|üdvözlettel,?|tisztelettel,?"
    r"|με εκτίμηση,?|μετά τιμής,?|φιλικά,?"
    # Nordic and Dutch sign-offs ("Hilsen Camilla", "groetjes Mees"); thanks before a name at a text's
    # end are scrub_signature's
    r"|hilsen,?|mange hilsner,?|groetjes,?|liefs,?|hälsningar,?|kram,?"
    # who to ask for at the door
    r"|pregunte por|preguntar por|pregunten por|pergunte por|perguntar por|спросите|спросить"
    # more languages' "my name is" (Tagalog with its "po", Wolof, Shona, Oromo, Luganda, Luxembourgish,
    # Scottish Gaelic, Northern Sami, Mongolian, Turkmen, Kurdish, Somali, Kinyarwanda, Malagasy, Haitian,
    # Samoan, Tongan, Fijian, Māori, Hawaiian, Quechua, Yoruba, Igbo, Hausa, Akan)
    r"|ako po si|ako po ay si|ang pangalan ko po ay|maa ngi tudd|sama tur mooy|zita rangu ndi|zita rangu ndiri"
    r"|maqaan koo|maqaan kiyya|erinnya lyange nze|erinnya lyange|amannya gange|mäin numm ass|mäi numm ass"
    r"|ech heeschen|'s mise|’s mise|mu namma lea|mun lean|миний нэр|намайг|meniň adym|navê min|magacaygu waa|magacaygu"
    r"|nitwa|naitwa|ninaitwa|anaitwa|izina ryanjye ni|ny anarako dia|ny anarako|non mwen se|mwen rele|o lo'u igoa o|o lou igoa o"
    r"|ko hoku hingoa ko|na yacaqu o|ko taku ingoa ko|koʻu inoa|sutiymi|aha m bụ|aha m bu|sunana|din me de"
    # "my name" in Latin letters of languages whose own script has no capitals, as chats type it: Sorani,
    # Persian and Dari, Dhivehi, Burmese, Tok Pisin and Bislama
    r"|nawm|nawim|nawi min|nam-e man|name man|esm-e man|esmam|aharenge nan|aharen ge nan|kyama name|kyanaw name"
    r"|kyama nan mae|kyanaw nan mae|nem bilong mi|nem blong mi"
    # the surname told after the given name, as a chat answers "name and surname?" in two messages
    r"|my surname is|my last name is|my family name is|surname is|last name is|mi apellido es|el apellido es|apellido es"
    r"|mis apellidos son|los apellidos son|meu sobrenome é|o sobrenome é|il mio cognome è|il cognome è"
    r"|mon nom de famille est|moje prezime je|prezime mi je|prezime je|prezime|презиме ми је|моје презиме је|презиме"
)
_SALUTATION = (
    r"dear|cher|chère|liebe|lieber|sehr geehrte|sehr geehrter|estimado|estimada|querido|querida|caro|cara"
    r"|gentile|gentilissimo|gentilissima|prezado|prezada|beste|geachte|szanowny|szanowna|szanowni|sayın|sayin"
    r"|kära|käre|hyvä|kedves|vážený|vážená|kjære|kære"
)
#: Cues after which only a name whose first word the lexicon has as a given name is taken: who to ask for at
#: the door or on the phone ("demande Maxime", "ask for Devinder Singh", not "ask for Help Desk"), and "I am"
#: of words that are another language's everyday word (Slovak "som" is Swedish "as": not "som Volvo Cars";
#: Bulgarian and Macedonian in Latin letters; Hinglish "main").
_LEXICON_ONLY = (r"ask for|demande|demandez|demander|frag nach|fragen sie nach|vraag naar|vraag dan naar|chiedi di"
                 r"|chiedete di|som|az sum|as sum|jas sum|main"
                 # Slovene "sem" (Portuguese "without"), "I" of Belarusian and Ukrainian in Latin letters (German
                 # "yes"), of Arabic and Bengali in Latin letters (Spanish "Ana", French "ami")
                 r"|sem|ja|ana|ami")
_GREETING = (
    r"hi|hello|hey|hallo|hola|bonjour|ciao|olá|ola|hej|moin|servus|salut|good morning|good afternoon"
    # weaker introductions: like a greeting, they need two capitalised words ("this is Jane Doe",
    # not "this is Spain")
    r"|this is|i am|i'm|ich bin|je suis|soy|sono|sou|ik ben|olen|jestem|jsem"
    # "it's Callum Fraser here", "C'est Kévin Moreau", "aqui é a Beatriz Carvalho", Turkish "ben
    # Zeynep Aksoy"
    r"|it's|it’s|it is|c'est|c’est|aqui é|aqui é a|aqui é o|aquí es|aqui fala|ben|hier ist|hier spricht|я|это"
    r"|saya|aku|mình là|tôi là|em là|anh là|chị là"
    # Luxembourgish, Maltese, Slovene, Croatian, Serbian, Bulgarian "I am"
    r"|ech sinn|ech sinn d'|ech sinn den|ech sinn de|jien|jaz sem|ja sam|аз съм|ја сам"
    # Kazakh, Kyrgyz and Uzbek "I", Galician "I am"
    r"|мен|son"
    # Greek written in Latin letters, and in its own
    r"|eimai o|eimai h|eimai i|είμαι ο|είμαι η"
    # "I am" or "I" of Albanian, Kurdish, Luganda, Mongolian, Luxembourgish, Swahili, Haitian (not the
    # bare words that are another language's: English "jam" and "men", Romanian "ani")
    r"|unë jam|une jam|ez|nze|би|hei ass|hei ass d'|mimi ni|mwen se"
    # Romanian, Latvian, Portuguese with the article, French as texted ("c moi Kouassi Yao Serge"), Russian in
    # Latin letters
    r"|sunt|esmu|sou a|sou o|c moi|c'est moi|c’est moi|cest moi|eto"
    + "|" + _LEXICON_ONLY
)
#: The role a person is named by in support notes and messages ("Customer Jane Doe called",
#: "Customer: Jane Doe", "Sent by Jane Doe", "Kontakt: Max Mustermann"): two capitalised
#: words, as after a greeting, with or without a colon.
_ROLE = (
    r"customer|client|patient|caller|passenger|tenant|kunde|kundin|cliente|paciente|patiente"
    r"|contact|kontakt|contacto|contatto|sent by|gesendet von|envoyé par|enviado por|inviato da|wysłane przez"
    r"|klient|klientka|klienta|kliendi|ügyfél|asiakas|müşteri|pelanggan|khách hàng|clienta|passageira|passageiro"
    r"|pasajera|pasajero|passagier|passagère|pasażer|pasażerka"
    r"|verzonden door|skickat av"
    # who a parcel or a letter is for: "Attn: Jane Doe", "z. Hd. Max Mustermann", "c/o Jane Doe"
    r"|attn|attention|z. hd.|z.hd.|z. Hd.|z.Hd.|zu händen|zu Händen|c/o|à l'attention de|all'attenzione di|a la atención de|t.a.v."
    # who signed or approved a document, in e-signature audit trails
    r"|countersigned by|approved by|signé par|firmado por|unterschrieben von|unterzeichnet von"
    r"|assinado por|firmato da|ondertekend door|podpisane przez|podpisany przez"
    # for whom, in whose name: "on behalf of my mother, Jane Doe", "registered to", "a nombre de",
    # a prescription's patient ("Rx for Jane Doe"), a school's pupil ("aluno Pedro Santos")
    r"|on behalf of|in the name of|registered to|issued to|owned by|im auftrag von|im namen von|au nom de"
    r"|en nombre de|a nombre de|em nome de|a nome di|rx for|prescription for|rezept für|ordonnance pour"
    r"|receta para|aluno|aluna|alumno|alumna|élève|schüler|schülerin"
    # a patient in the languages of a clinic's notes and referrals
    r"|pasient|pasienten|patienten|potilas|pacjent|pacjentka|pacient|pacientka|beteg|hasta|pasien|mgonjwa"
    r"|patiënt|ασθενής|пациент|пациентът|пациентка|пацієнт|пацієнтка|bệnh nhân|remiss"
    # a care home's or a landlord's: its resident, its tenant
    r"|bewohnerin|bewohner|heimbewohnerin|heimbewohner|mieterin|mieter|résident|résidente|residente|inquilino|inquilina"
    # who a parcel is for
    r"|recipient|receiver|consignee|addressee|destinatario|destinataria|destinataire|empfänger|empfängerin|ontvanger"
    r"|mottagare|modtager|mottaker|odbiorca|příjemce|príjemca|címzett|alıcı|получатель|одержувач|penerima"
    r"|tatanggap|destinatário|vastaanottaja"
)
#: Who holds a card or an account, named after it with or without a colon, and in capitals
#: as a card is embossed ("holder JANE DOE, exp 12/28").
_HOLDER = (r"holder|cardholder|card holder|account holder|name on card|karteninhaber|kontoinhaber|titulaire|titular"
           r"|karteninhaberin|kontoinhaberin|inhaberin|inhaber")
_LABEL = (
    r"full name|first name|last name|surname|family name|given name|middle name|customer name|cardholder"
    r"|card holder|cardholder name|name on card|account holder|account name|beneficiary|recipient|contact person"
    r"|patient|nom|prénom|nom de famille|nom complet|vorname|nachname|familienname|ansprechpartner|apellidos?"
    r"|nombre completo|nome completo|cognome|achternaam|voornaam|titular|destinatario|destinataire|empfänger"
    r"|imię i nazwisko|imię|nazwisko|förnamn|efternamn|ad soyad|adı soyadı|soyadı|soyad|etunimi|sukunimi"
    r"|customer name|client name|contact name|guest name|passenger name|patient name|holder name"
)
#: A bare "name:" label: a course, a plan or a product has one too, so it needs two
#: capitalised words after it ("Name: Jane Doe", not "Name: Intro to SQL").
_BARE_LABEL = r"name|nom|nombre|nome|naam|namn|navn|nimi|isim|imie|imię"
_TITLE = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herrn|Herr|Frau|Mme|Mlle|Sr|Sra|Srta|Sig|Sig\.ra|Dott|Dott\.ssa|Dhr|Mevr|Hr|Fr"
    r"|MR|MRS|MS|DR|M(?=\.)|Fam"
    # ranks of a crew or a force, and the family a parcel is for ("Familie Brandstätter"); not "Lt", a
    # colour's "light" as often ("Lt Gray")
    r"|Capt|Kapt|Sgt|Cmdr|Familie|Famille"
    # Indonesian and Malay: Nyonya, Tuan, Nona, Bapak, Saudara, Saudari
    r"|Ny|Tn|Nn|Bpk|Sdr|Sdri|Bu|Ibu|Puan|Encik|Cik"
    # Singapore's and Malaysia's "Madam" before a family name ("Mdm Goh")
    r"|Mdm"
    # spelt out: "mevrouw Jansen-Visser", "Monsieur Garnier", "Pani Kowalska"
    r"|Mevrouw|Meneer|Monsieur|Señor|Señora|Señorita|Signor|Signora|Senhor|Senhora|Pani|Herra"
    r"|Rouva|Gospodin|Gospođa|Господин|Госпожа|mevrouw|meneer|monsieur|madame|señor|señora|signor|signora|senhor|senhora"
    # written in lower case mid-sentence, always with their full stop: "sig. Esposito", "fam. Jansen"
    r"|sig|sr|sra|srta|dhr|mevr|fam|mme"
)
_NAME_CUES = [*variants(_INTRO), *variants(_SALUTATION), *variants(_GREETING), *variants(_ROLE), *variants(_LABEL),
              *variants(_BARE_LABEL), *variants(_HOLDER), *top_level(_TITLE)]
# One alternation without groups: named groups in it stop ``re`` from skipping to where a
# cue could start (measured 300 times slower). Which kind of cue matched is found after.
_NAME_CUE_RE = re.compile(
    r"(?P<cue>" + one_of(_NAME_CUES) + r")"
    r"(?:(?<=[.,'’])|(?<=ngu)|(?![^\W\d_]))(?P<gap>[ ]{0,2}[:=][ ]{0,2}|\.[ ]?|[ ,:\r\n]{1,3}|(?<=['’])|(?<=ngu)-?(?=[A-Z]))(?=[^\W\d_])"
)
_GREETING_RE = re.compile(f"(?i:{_GREETING})")
#: Greetings that name one person by one word when a comma or the line's end follows ("Hi
#: Bartholomew,", "Hello Anneke!").
_ONE_WORD_GREETING_RE = re.compile(r"(?i:hi|hello|hey|hallo|hola|bonjour|ciao|olá|ola|hej|moin|servus|salut)")
_ONE_WORD_END_RE = re.compile(r"[ ]?(?:[,!]|\r?\n)")
#: "I am" of the greetings' cues: one capitalised word after it is a name when the lexicon has it as a
#: given name and a comma, a full stop, an exclamation mark or the line's end closes it ("ja sam Luka,").
_I_AM_RE = re.compile(r"(?i:i am|i'm|i’m|ich bin|je suis|soy|sono|sou|ik ben|olen|jestem|jsem|ben|saya|aku|em là|anh là"
                      r"|chị là|tôi là|mình là|jaz sem|ja sam|аз съм|ја сам|я|mimi ni|unë jam|une jam|mwen se|jien"
                      # "this is" and "here is" of a message's writer ("c'est Maxime le livreur", "it's Mike here")
                      r"|c'est|c’est|it's|it’s|this is|aqui é|aquí es|hier ist|sóc|sem|men|ako si|ako po si"
                      r"|som|az sum|as sum|jas sum|sunt|esmu|sou a|sou o|c moi|c'est moi|cest moi|eto|ana|ami)")
_LEXICON_ONLY_RE = re.compile(f"(?i:{_LEXICON_ONLY})")
#: One capitalised word (an article of a name before it: "bin die Resi", "sóc la Montse"), closed by
#: punctuation, a bracket, an emoji, the line's end, or an article or a preposition that starts what
#: the writer is ("c'est Maxime le livreur", "bin die Resi vom Empfang").
_GIVEN_ALONE_RE = re.compile(
    r"(?:(?:die|der|la|el|le|il|o|a|en|na)[ ])?(?P<name>[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][a-zà-öø-ÿā-ſа-яё'’-]{1,20})"
    r"(?=[ ]?(?:[,.!(]|\r?\n|$|[\U0001F300-\U0001FAFF\u2600-\u27BF])"
    r"|[ ](?:le|la|el|il|o|a|de|du|da|do|vom|von|der|die|from|of|the|here|aqui|aquí|po|din|från|fra|btw|lol|haha|zo|ot|iz|z|zo)(?![^\W\d_]))")


def _starts_a_given_name(text: str, at: int) -> bool:
    from transforms.builtin._pii_prose_names import GIVEN, flags_of

    word = _WORD_RE.match(text, at)
    return word is not None and bool(flags_of(word[0]) & GIVEN)


def _given_name_alone(text: str, at: int) -> tuple[int, int] | None:
    from transforms.builtin._pii_prose_names import GIVEN, flags_of

    match = _GIVEN_ALONE_RE.match(text, at)
    if match is None or not flags_of(match["name"]) & GIVEN:
        return None
    return match.span("name")
_SALUTATION_RE = re.compile(f"(?i:{_SALUTATION})")
#: The title a salutation is followed by before the name ("Gentile Sig.ra Esposito", "Beste
#: mevrouw Verhoeven", "Sehr geehrter Herr Dr. Müller"), in any case.
_SALUTATION_TITLE_RE = re.compile(
    r"(?i:(?:mevrouw|meneer|heer|sig\.ra|sig\.na|sig\.|signor|signora|signore|dott\.ssa|dott\.|dottoressa|herr|frau"
    r"|señor|señora|sr\.|sra\.|srta\.|monsieur|madame|mademoiselle|mr\.?|mrs\.?|ms\.?|dr\.|prof\.|pan|pani|panie"
    r"|senhor|senhora|sayın|bay|bayan)[ ]){1,2}"
)
_ROLE_RE = re.compile(f"(?i:{_ROLE})")
_LABEL_RE = re.compile(f"(?i:{_LABEL})")
_HOLDER_RE = re.compile(f"(?i:{_HOLDER})")
_BARE_LABEL_RE = re.compile(f"(?i:{_BARE_LABEL})")
_TITLE_RE = re.compile(_TITLE)
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f]|['’-](?=[^\W\d_]))*+")  # Yoruba's tones: Adébáyọ̀
_PARTICLES_TEXT = "van von de der den del della delle di da das dos do du la le les ter ten bin ibn al el zu y e st st. mac"
_PARTICLES = frozenset(_PARTICLES_TEXT.split())
#: A capitalised word of a name (letters, an apostrophe or a hyphen inside).
_CAP_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ŽẠ-Ỹ](?:[^\W\d_]|[\u0300-\u036f]|['’-](?=[^\W\d_])){1,30}+"
#: Capitalised words a cue is often followed by that are not names.
_NOT_NAMES = frozenset(
    """customer customers client clients team all everyone everybody world there friend friends colleague colleagues
    user users member members admin administrator support sir madam madame sirs guest guests partner partners
    valued hiring manager recruiter applicant candidate reader readers subscriber subscribers folks guys
    you your the a an our my this that and or to from for with of in on at by is it me we us they he she
    who what where when why how
    ihr ihre euer eure dein deine votre vos ton ta tes vuestro vuestra sus tuo tua vostro vostra seu sua uw jouw
    jullie din ditt dina ert teie sinu vaš vaša vaše twoj twoja wasz wasza équipe equipo equipa squadra
    good morning afternoon evening night day again back again. thank thanks please welcome
    monsieur messieurs dames mesdames herren damen kunde kundin kunden señor señora señores cliente clientes
    signore signora utente utenti cliente senhor senhora amigo amiga amigos all, kind best
    mr mrs ms miss dr prof herr frau mme mlle sr sra srta
    name names nom nome nombre vorname nachname not unknown none null undefined n/a na tbd test example sample
    january february march april may june july august september october november december
    siri alexa cortana bixby google
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
    service services success care experience portal profile account accounts journey segment id number list
    data record records details info information satisfaction relations relationship feedback facing base
    secret key keys name name: type group support. login sign portal
    new premium plan plans basic pro enterprise free trial office sales desk center centre
    mail delivery system subsystem bot daemon robot automation notification notifications noreply
    up out off
    kliencie klientko klienci użytkowniku użytkowniczko uzytkowniku vásárlónk vásárló vásárlók ügyfelünk ügyfél
    felhasználó zákazníku zákaznice zákazníci uživateli asiakas asiakkaamme kundin müşterimiz""".split()
)


#: A name starts with a capital after a space or punctuation: no such place, no name.
_CAPITAL_GUARD_RE = re.compile(r"[ ,:.\n-][^\W\d_a-z]|gu[A-Z]")


_INITIAL_RE = re.compile(r"[ ][a-z]\.?(?=[ ])")


def _as_written_in_the_lexicon(word: str) -> str:
    """A lower-case word as the lexicon writes a name: "o'brien" -> "O'Brien", "jean-luc" -> "Jean-Luc"."""
    parts = re.split(r"([-'’])", word)
    return "".join(p[:1].upper() + p[1:] if p not in "-'’" else p for p in parts)


_ENGLISH_I_AM = frozenset(("i am", "i'm", "i’m", "it's", "it’s", "this is"))
#: What closes a name told in lower case: a comma, a full stop, an exclamation mark, the line's end.
_LOWER_NAME_END_RE = re.compile(r"[ ]?(?:[,.!]|\r?\n|$)")


def _unknown_surname_after(text: str, at: int, cue: str) -> tuple[int, int] | None:
    """After "I am" and a given name in lower case, one word the lexicon does not know, closed by a comma, a full
    stop or the line's end, is the surname ("esmu laura vitola, paka ..."): the way a name is told, which an
    ordinary word after a name seldom is. Not after a greeting, a label or a role, nor English's "I'm" (an
    adjective follows as often: "i'm grace, happy"); the cue opens the message or a clause."""
    from transforms.builtin._pii_prose_names import flags_of

    if text[at:at + 1] != " " or _I_AM_RE.fullmatch(cue) is None or cue.lower() in _ENGLISH_I_AM:
        return None
    before = text[:text.rfind(cue, 0, at)].rstrip(" ")
    if before and before[-1] not in ",.!?:\n":
        return None
    word = _WORD_RE.match(text, at + 1)
    if (word is None or not word[0].islower() or len(word[0]) < 3 or flags_of(_as_written_in_the_lexicon(word[0]))
            or _LOWER_NAME_END_RE.match(text, word.end()) is None):
        return None
    return word.span()


def scrub_lowercase_names(text: str, replace: Replace) -> str:
    """A name written in lower case after a cue ("c'est léa moreau", "ik ben sanne", "a nombre de
    rodrigo salinas", "it's ollie"): the words right after the cue that the lexicon knows as names,
    the first a given name; one word alone must be no ordinary word ("soy de madrid", "sono stanco")."""
    from transforms.builtin._pii_prose_names import AMBIGUOUS, GIVEN, SURNAME, flags_of

    out: list[str] = []
    pos = 0
    for cue in _NAME_CUE_RE.finditer(text):
        at = cue.end()
        if (cue.start() < pos or not text[at:at + 1].islower() or not starts_word(text, cue.start())
                or text[cue.start() - 1:cue.start()] in ("<", "[")):
            continue  # "<name:jane doe>", "[name]": what a pass wrote
        found: list[tuple[int, int, int]] = []
        while len(found) < 4:
            word = _WORD_RE.match(text, at)
            if word is None or not word[0].islower():
                break
            flags = flags_of(_as_written_in_the_lexicon(word[0]))
            if not flags & (GIVEN | SURNAME) or (not found and not flags & GIVEN):
                break
            found.append((word.start(), word.end(), flags))
            at = word.end()
            initial = _INITIAL_RE.match(text, at)  # "jenna m. o'brien"
            if initial is not None and found:
                at = initial.end()
            if text[at:at + 1] != " ":
                break
            at += 1
        if len(found) == 1 and (surname := _unknown_surname_after(text, found[0][1], cue["cue"])) is not None:
            found.append((surname[0], surname[1], SURNAME))  # "sem luka potocnik, paket ..."
        if not found or all(flags & AMBIGUOUS for _, _, flags in found):
            continue
        start, end = found[0][0], found[-1][1]
        out += [text[pos:start], replace("name", " ".join(text[start:end].split()).lower(), text[start:end])]
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def scrub_names(text: str, replace: Replace) -> str:
    """Dates of birth and names after their cues (both passes need a cue of
    :data:`CUE_WORDS`: the caller has seen one); names right before a date of birth, a VIN
    or a medical record number."""
    if _DIGIT_RE.search(text) is not None:
        text = _BIRTH_RE.sub(lambda m: _birth(m, replace), text)
    text = names_before_records(text, replace)  # the number may be masked already: no digits left
    if _CAPITAL_GUARD_RE.search(text) is None:
        return text
    out: list[str] = []
    pos = 0
    for cue in _NAME_CUE_RE.finditer(text):
        if cue.start() < pos or not starts_word(text, cue.start()):
            continue
        word, gap = cue["cue"], cue["gap"]
        if gap == " " and word.lower() == "signed" and text[cue.end():cue.end() + 3].lower() == "by ":
            # "Signed by Jane Doe" (an e-signature's audit trail): a role, as "Sent by"
            span = _name_after(text, cue.end() + 3, 2, capitals=False)
            if span is not None:
                start, end = span
                out += [text[pos:start], replace("name", " ".join(text[start:end].split()).lower(), text[start:end])]
                pos = end
            continue
        bare = _BARE_LABEL_RE.fullmatch(word) is not None
        labelled = bare or _LABEL_RE.fullmatch(word) is not None
        role = _ROLE_RE.fullmatch(word) is not None
        greeting = role or _GREETING_RE.fullmatch(word) is not None
        colon = ":" in gap or "=" in gap
        holder = _HOLDER_RE.fullmatch(word) is not None
        if labelled != colon and not (greeting and not colon) and not role and not holder:
            continue  # "name:" only after a label; a label only with its colon ("Patient" is both)
        if _TITLE_RE.fullmatch(word) is not None and not (gap.startswith(".") or gap == " "):
            continue
        title = _TITLE_RE.fullmatch(word) is not None
        if title and word.islower() and not gap.startswith(".") and len(word) < 5:
            continue  # "sr" and "fam" are titles only as "sr." and "fam." ("mevrouw", "signora" are always)
        if title and text[max(0, cue.start() - 8):cue.start()].lower().rstrip().endswith(("nossa", "nuestra", "nostra")):
            continue  # "Nossa Senhora Aparecida", "Nuestra Señora del Pilar": a saint's, a church's, a holiday's
        if title and _brand_after_title(text, cue.end()):
            continue  # "Dr. Oetker Ristorante", "Mr. Clean Magic Eraser"
        minimum = 2 if greeting or bare or (holder and not colon) else 1
        at = cue.end()
        if _SALUTATION_RE.fullmatch(word) is not None and (after := _SALUTATION_TITLE_RE.match(text, at)) is not None:
            at = after.end()
        elif role and (after := _RELATIVE_RE.match(text, at)) is not None:
            at = after.end()  # "on behalf of my mother, Jane Doe"
        one_word = not role and _ONE_WORD_GREETING_RE.fullmatch(word) is not None
        if _LEXICON_ONLY_RE.fullmatch(word) is not None:
            span = _name_after(text, at, 1, capitals=False)
            if span is None or not _starts_a_given_name(text, span[0]):
                continue
        else:
            span = _name_after(text, at, 1 if one_word else minimum, capitals=holder or not (greeting or title or bare))
        if span is None and not role and _I_AM_RE.fullmatch(word) is not None:
            span = _given_name_alone(text, at)  # "ja sam Luka, stan je u Splitu", "I'm Jenny."
        if span is not None and one_word and " " not in text[span[0]:span[1]]:
            if _ONE_WORD_END_RE.match(text, span[1]) is None:
                continue  # "Hi Spain team": one word only when a comma or the line's end closes it
        if span is None:
            continue
        start, end = span
        name = " ".join(text[start:end].split())
        out.append(text[pos:start])
        out.append(replace("name", name.lower(), text[start:end]))
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


#: A relative or a neighbour named by one word after "my wife", "mi mujer", "meine Frau", "mon
#: voisin"...: "call my wife Carmen", "llamar a mi mujer Carmen".
_MY = (r"my|mi|mis|mon|ma|mes|mein|meine|meinem|meiner|meinen|meu|minha|mio|mia|mijn|min|mitt|mina|mit|mine"
       # Hinglish: "meri wife Shalini", "mera bhai Rohit", "mere papa"
       r"|meri|mera|mere")
#: Another's possessive: the word after the relation must then be a given name of the lexicon ("his
#: sister Isla"; "our partner Stripe" is a firm).
_THEIRS = (r"his|her|our|their|sein|seine|seinem|seinen|ihr|ihre|ihrem|ihren|unser|unsere|son|sa|ses|notre|nos|leur|su|sus"
           r"|nuestro|nuestra|seu|sua|nosso|nossa|suo|sua|nostro|nostra|zijn|haar|ons|onze|hans|hennes|vår|vores|hendes")
_RELATIONS = (
    r"wife|husband|son|daughter|mother|father|mum|mom|dad|brother|sister|partner|boyfriend|girlfriend|fiancée?"
    r"|neighbou?r|flatmate|roommate|mujer|esposa|esposo|marido|hijo|hija|madre|padre|hermano|hermana|novio|novia"
    r"|vecino|vecina|femme|mari|fils|fille|mère|père|frère|sœur|soeur|voisin|voisine|copain|copine|frau|mann|sohn"
    r"|tochter|mutter|vater|bruder|schwester|freund|freundin|nachbar|nachbarin|mulher|marido|filho|filha|mãe|pai|irmão"
    r"|irmã|vizinho|vizinha|moglie|marito|figlio|figlia|madre|padre|fratello|sorella|vicino|vicina|vrouw|man|zoon"
    r"|dochter|moeder|vader|broer|zus|buurman|buurvrouw|fru|man|son|dotter|granne"
    # children, grandparents, cousins, friends, carers; Nordic families
    r"|child|kid|baby|boy|girl|twin|cousin|uncle|aunt|auntie|grandma|grandmother|grandpa|grandfather|nan|nana"
    r"|grandson|granddaughter|nephew|niece|stepson|stepdaughter|friend|colleague|coworker|carer|caregiver"
    r"|amigo|amiga|tío|tía|abuelo|abuela|primo|prima|niño|niña|ami|amie|oncle|tante|grand-mère|grand-père|cousine"
    r"|enfant|onkel|oma|opa|enkel|enkelin|kind|kollege|kollegin|vriend|vriendin|oom|amico|amica|zio|zia|nonno"
    r"|nonna|cugino|cugina|bambino|bambina|tio|tia|avô|avó|far|mor|bror|søster|syster|datter|søn|sønn|kone|hustru"
    r"|sambo|kæreste|kjæreste|barn|pojke|flicka|jente|gutt|farfar|farmor|morfar|mormor|bestefar|bestemor"
    # Hindi's and Urdu's in Latin letters
    r"|bhai|behen|bahen|beta|beti|maa|mummy|papa|pati|patni|bhabhi|didi|bhaiya|chacha|chachi|nana|nani|dadi|dada"
)
#: Not "Tante" and "Onkel": a brand's name as often ("Tante Fanny Blätterteig").
_KIN_DE = (r"Tochter|Sohn|Mutter|Vater|Ehemann|Ehefrau|Ehegatte|Ehegattin|Bruder|Schwester|Enkel|Enkelin|Nichte|Neffe"
           r"|Schwiegertochter|Schwiegersohn|Lebensgefährte|Lebensgefährtin|Betreuer|Betreuerin")
_RELATIVE_NAME_RE = re.compile(
    r"(?<![^\W\d_])(?:(?i:" + _MY + r")|(?P<theirs>(?i:" + _THEIRS + r")))[ ](?i:" + _RELATIONS + r")[ ,]{1,2}"
    r"(?P<name>[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]{1,20}+)(?![^\W\d_])"
    # Swahili puts the possessive after: "Mtoto wangu Baraka", "mke wangu Amina"
    r"|(?<![^\W\d_])(?i:mtoto|mwanangu|mke|mume|kaka|dada|mama|baba|rafiki|jirani)[ ](?i:wangu|yangu)?[ ]?"
    r"(?P<sw>[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]{1,20}+)(?![^\W\d_])"
    # a German note names kin by the noun alone: "Tochter Sabine informiert", "Ehemann Klaus holt ab"
    r"|(?<![^\W\d_])(?:" + _KIN_DE + r")[ ](?P<de>[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]{1,20}+)(?![^\W\d_])"
)
_RELATIVE_GUARD_RE = re.compile(r"(?i:\b(?:" + _MY + "|" + _THEIRS + r"|wangu|yangu|mwanangu)[ ])|(?:" + _KIN_DE + r")[ ]")


def scrub_relatives(text: str, replace: Replace) -> str:
    """A relative's or a neighbour's given name, one word after the relation (see :data:`_RELATIVE_NAME_RE`)."""
    if _RELATIVE_GUARD_RE.search(text) is None:
        return text
    return _RELATIVE_NAME_RE.sub(lambda m: _relative(m, replace), text)


def _relative(match: re.Match[str], replace: Replace) -> str:
    group = "name" if match["name"] is not None else "sw" if match["sw"] is not None else "de"
    name = match[group]
    if name.lower() in _NOT_NAMES:
        return match[0]
    if match["theirs"] is not None or group in ("sw", "de"):
        from transforms.builtin._pii_prose_names import GIVEN, flags_of

        if not flags_of(name) & GIVEN:
            return match[0]  # "our partner Stripe", "mama Mia"
    return swap_group(match, group, replace("name", name.lower(), name))


#: A Russian or Ukrainian surname with its initials, as lists and documents write them ("Петров А.В.",
#: "Сидорова Е. М."), and the initials first ("А.В. Петров").
_CYRILLIC_INITIALS_RE = re.compile(
    r"(?<![^\W\d_])(?:[А-ЯЁІЇЄ][а-яёіїє'’-]{1,30}+[ ][А-ЯЁІЇЄ]\.[ ]?[А-ЯЁІЇЄ]\.|[А-ЯЁІЇЄ]\.[ ]?[А-ЯЁІЇЄ]\.[ ][А-ЯЁІЇЄ][а-яёіїє'’-]{1,30}+)"
    # (not a form's label for the full name, "Ф.И.О.", Uzbek's "Ф.И.Ш.", Ukrainian's "П.І.Б.")
    r"(?![ ]?[А-ЯЁІЇЄ]\.)"
)


def scrub_initialled_names(text: str, replace: Replace) -> str:
    """Cyrillic surnames with their initials (see :data:`_CYRILLIC_INITIALS_RE`); the caller has seen
    text outside ASCII."""
    if "." not in text:
        return text
    # "имени " is six characters: the words before a match are read in that window, not from the text's start
    return _CYRILLIC_INITIALS_RE.sub(lambda m: m[0] if _NAMED_AFTER_RE.search(text, max(0, m.start() - 8), m.start()) else replace(
        "name", " ".join(m[0].lower().split()), m[0]), text)


#: What a place or an institution named for a person says before the name ("МГУ имени М. В.
#: Ломоносова", "аэропорт им. Пушкина", "університет імені Т. Г. Шевченка").
_NAMED_AFTER_RE = re.compile(r"(?:имени|імені|им\.|ім\.)[ ]\Z")


#: Whose relative a role introduces before the name ("on behalf of my mother, Jane Doe").
_RELATIVE_RE = re.compile(
    r"(?i:my|our|his|her|their)[ ](?i:mother|father|mum|mom|dad|son|daughter|wife|husband|partner|brother|sister"
    r"|grandmother|grandfather|grandma|grandpa|grandson|granddaughter|aunt|uncle|niece|nephew|friend|neighbour"
    r"|neighbor|child|colleague|client|boss|tenant|landlord)(?:-in-law)?,?[ ]"
)
#: What a person's record puts right after their name: a date of birth's word ("Jane Doe,
#: born ...", "Jan Kowalski, ur. ...", "Elsa Holmberg, född ...") or a vehicle's or a
#: patient's number ("Jane Doe — VIN ...", "Jane Doe, MRN ...").
_RECORD_CUE_RE = re.compile(
    r"(?:,[ ]?|[ ]?[—–-][ ]?|[ ]\(?)(?:" + cased(r"born|dob|d\.o\.b\.|geb\.|geboren|né|née|nacido|nacida|nato|nata"
                                             r"|nascido|nascida|geboren|urodzony|urodzona|ur\.|född|født|syntynyt"
                                             r"|doğumlu|narozen|narozena") + r"|VIN|MRN)(?![^\W\d_])"
)
_RECORD_GUARD_RE = re.compile(r"[bB]orn|BORN|DOB|dob|eb\.|eboren|[nN]é|[nN]acid|[nN]at[oa]\b|ascid|rodzon|ur\.|född|født"
                              r"|yntynyt|oğumlu|aroze|VIN|MRN")
#: The capitalised words that end right where a record cue starts (``_RECORD_CUE_RE``).
_NAME_TAIL_RE = re.compile(
    r"(?<![\w'’.-])(?P<name>" + _CAP_WORD + r"(?:[ ](?:(?:" + "|".join(sorted(_PARTICLES_TEXT.split(), key=len, reverse=True)).replace(".", r"\.")
    + r")[ ]){0,2}" + _CAP_WORD + r"){1,3})\Z"
)
_NAME_REACH = 100


#: A patient's or an owner's name in brackets after their record's number, as a list writes it
#: ("MRN 00731842 (Okafor, Chidinma)", "VIN ... (Doe, Jane)").
_NAME_AFTER_RECORD_RE = re.compile(
    r"(?:MRN|VIN)[ ]?[:#]?[ ]?[\w\[\]:-]{1,40}+[ ]\((?P<name>" + _CAP_WORD + r"(?:[ ]" + _CAP_WORD + r")?,[ ]"
    + _CAP_WORD + r"(?:[ ]" + _CAP_WORD + r")?)\)"
)


def names_before_records(text: str, replace: Replace) -> str:
    if _RECORD_GUARD_RE.search(text) is None:
        return text
    if "(" in text and ("MRN" in text or "VIN" in text):
        text = _NAME_AFTER_RECORD_RE.sub(
            lambda m: swap_group(m, "name", replace("name", " ".join(m["name"].split()).lower(), m["name"])), text)
    out: list[str] = []
    pos = 0
    for cue in _RECORD_CUE_RE.finditer(text):
        if cue.start() < pos:
            continue
        window_start = max(pos, cue.start() - _NAME_REACH)
        tail = _NAME_TAIL_RE.search(text, window_start, cue.start())
        if tail is None:
            continue
        name = tail["name"]
        if any(w.lower() in _NOT_NAMES or (w.isupper() and len(w) > 1) for w in name.split(" ")):
            continue
        out += [text[pos:tail.start()], replace("name", " ".join(name.split()).lower(), name)]
        pos = tail.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


#: Brands and characters named with a title, as product names and titles carry them: "Dr.
#: Oetker", "Dr. Martens", "Dr Pepper", "Mr. Clean", "Mrs. Meyer's", "Dr. Who".
_TITLE_BRANDS = frozenset(
    """oetker martens pepper scholl scholl's bronner bronner's brown's seuss dre phil strange evil doom octopus
    who no clean muscle bean robot freeze potato coffee sketch proper sheen right meyer's butterworth's smith's
    fields fields' pac-man t propre frog's frog’s""".split()
)


def _brand_after_title(text: str, at: int) -> bool:
    word = _WORD_RE.match(text, at)
    return word is not None and word[0].lower() in _TITLE_BRANDS


#: Self-introductions in scripts without capitals, where a name is read up to the words or
#: the punctuation that close the sentence: Japanese (私の名前は佐藤花子です, 佐藤花子と申します),
#: Chinese (我叫李华, 我的名字是李华), Korean (제 이름은 이서연입니다), Arabic (اسمي أحمد خالد),
#: Common Chinese surnames (two-character ones first), for the names before a title and after a role.
_ZH_SURNAMES = (
    "欧阳|歐陽|司马|司馬|诸葛|諸葛|上官|东方|東方|皇甫|尉迟|尉遲|公孙|公孫|慕容|长孙|長孫|宇文|司徒|夏侯|张简|張簡|范姜"
    "|["
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余杜"
    "叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝"
    "龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞"
    "左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳"
    "陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边"
    "邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢"
    "劳勞谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阚闞花权權强強帅帥屠豆朴盖蓋练練廉禹井祖漆巴丰豐支卿国國狄平计計索"
    "宣晋晉相初门門云雲容敬来來扈晁芮都普阙闕浦戈伏鹿薄邸雍辜羊阿乌烏母裘亓修邰赫杭况況那宿鲜鮮印逯隆茹诸諸战戰慕危玉银銀亢嵇"
    "公哈湛宾賓戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴陰昝智幸奉植衡富尧堯闭閉由"
    "]"
)
#: Korean surnames: the two-syllable ones (황보서연, 남궁민수), then the common one-syllable ones.
_KO_SURNAMES = (
    "(?:황보|남궁|제갈|선우|독고|사공|서문|동방|[김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원"
    "천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉])"
)
#: Common Japanese family names, for a name that introduces itself with only that ("小林です。")
#: or signs a message.
JA_SURNAMES = frozenset(
    """佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 渡部 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 斎藤 斉藤 清水 山崎 森 池田
    橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本
    藤原 中野 三浦 原田 松田 竹内 中川 小野 田村 河野 和田 中山 石田 上田 森田 原 柴田 酒井 工藤 横山 宮崎 宮本 内田 高木 安藤
    島田 谷口 大野 丸山 今井 高田 藤本 武田 村田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 千葉 岩崎 桜井 木下 野口 松尾
    野村 菊地 佐野 大西 杉本 新井 浜田 菅野 市川 水野 小松 小島 西田 古川 北村 服部 吉川 山内 山中 吉村 平田 五十嵐 川口 辻
    関 東 本田 久保田 飯田 荒木 大橋 森本 坂口 宮田 片山 土屋 石原 川村 安田 上原 大久保 望月 栗原 永井 熊谷 山之内 長尾 黒田
    西川 松岡 中田 堀 秋山 小池 大石 須藤 岩田 荒井 桑原 南 小泉 樋口 関口 松下 星野 大竹 浅野 吉原 早川 岡崎""".split()
)
#: Titles of address after a Chinese name: master, Mr, Ms, Miss, teacher, manager, doctor, elder brother/sister.
_ZH_TITLES = "师傅|師傅|先生|女士|小姐|老师|老師|同学|同學|经理|經理|医生|醫生|大哥|大姐|阿姨|叔叔|律师|律師|教授"
#: Roles and words that introduce a person before a Chinese name: guide, driver, customer service,
#: courier, manager, teacher, nurse; contact, thank ("with", "and", "hand over to" are followed by
#: things as often: 与东方航空, 交给管理员).
_ZH_ROLES = (
    "导游|導遊|司机|司機|客服|快递员|快遞員|配送员|配送員|骑手|騎手|店长|店長|经理|經理|老师|老師|医生|醫生|护士|護士"
    "|联系|聯繫|聯絡|感谢|感謝|谢谢|謝謝"
    # relatives and neighbours: 我老公张伟, 我妈李秀兰
    "|老公|老婆|丈夫|妻子|爱人|愛人|儿子|兒子|女儿|女兒|妈妈|媽媽|爸爸|我妈|我媽|我爸|邻居|鄰居|同事|個仔|个仔|個女|个女"
)
#: Kin a Chinese name is followed by, after 的: 我是李建国的女儿 ("I am Li Jianguo's daughter").
_ZH_KIN = ("女儿|女兒|儿子|兒子|妈妈|媽媽|爸爸|母亲|母親|父亲|父親|家长|家長|太太|老婆|老公|妻子|丈夫|孩子|哥哥|姐姐"
           "|弟弟|妹妹|奶奶|爷爷|爺爺|外婆|姥姥|孙子|孫子|孙女|孫女")
#: Hebrew (שמי דוד כהן), Persian and Urdu (اسم من سارا احمدی است), Hindi (मेरा नाम राहुल शर्मा है),
#: Bengali (আমার নাম রাহিম উদ্দিন) and Thai (ฉันชื่อสมชาย ใจดี).
_SCRIPT_NAME_RE = re.compile(
    r"(?:私の名前は|僕の名前は|わたしの名前は|俺の名前は)(?P<ja>[\u4e00-\u9fff\u3040-\u30ff々]{1,5}[ 　][\u4e00-\u9fff\u3040-\u30ff々]{1,5}?|[\u4e00-\u9fff\u3040-\u30ff々]{2,8}?)(?=です|と申します|といいます|[。、,.!！\s]|$)"
    # a bare 名前は only before a family name and a given name with a space between (名前は必須です is no one)
    r"|名前は(?P<ja3>[\u4e00-\u9fff\u30a0-\u30ff々]{1,4}[ 　][\u4e00-\u9fff\u3040-\u30ff々]{1,4}?)(?=です|と申します|[。、,.!！\s]|$)"
    r"|(?<![\u4e00-\u9fff\u3040-\u30ff])(?P<ja2>(?:[\u4e00-\u9fff々]{1,4}[ 　])?[\u4e00-\u9fff\u30a0-\u30ff]{2,8}?)(?:と申します|といいます)"
    r"|(?:我叫|我的名字是|我的名字叫|我名叫|本人叫)(?P<zh>[\u4e00-\u9fff]{2,4}?)(?=[，,。.!！？?\s]|$|我|的|，)"
    r"|(?:제 이름은|내 이름은|저의 이름은|제 이름이)[ ]?(?P<ko>[가-힣]{2,4}?)(?=입니다|이에요|예요|이라고|라고|[ .,!?]|$)"
    r"|(?:الاسم|الاسم الكامل|اسم العميل)[ ]?[:：][ ]?(?P<ar2>[\u0621-\u064a]{2,20}(?:[ ][\u0621-\u064a]{2,20}){0,2}?)(?=[ ]?[،,.!؟?]|$)"
    r"|(?:اسمي|إسمي|أنا اسمي|سميتي|سميتي هي)[ ](?P<ar>[\u0621-\u064a]{2,20}(?:[ ][\u0621-\u064a]{2,20}){0,2}?)(?=[ ]?[،,.!؟?]|$)"
    # Hebrew, Persian and Urdu, Hindi, Bengali: a first name and a last, or up to the verb that closes
    # the sentence (است, ہے, है); Thai, written without spaces between words, up to the space before
    # a surname's end
    r"|(?:שמי|קוראים לי|השם שלי הוא|השם שלי)[ ](?P<he>[\u05d0-\u05ea'׳]{2,15}(?:[ ][\u05d0-\u05ea'׳]{2,15})?)(?![\u05d0-\u05ea])"
    r"|(?:اسم من|نام من|میرا نام)[ ](?P<fa>[\u0621-\u06cc]{2,20}(?:[ ][\u0621-\u06cc]{2,20}){0,2}?)(?=[ ](?:است|ہے|هست)|[ ]?[،,.!؟?]|$)"
    r"|(?:मेरा नाम|मेरा पूरा नाम)[ ](?P<hi>[\u0900-\u0963]{2,20}(?:[ ][\u0900-\u0963]{2,20}){0,2}?)(?=[ ]है|[ ]?[।,.!?]|$)"
    r"|আমার নাম[ ](?P<bn>[\u0980-\u09e3]{2,20}(?:[ ][\u0980-\u09e3]{2,20})?)(?![\u0980-\u09e3])"
    r"|(?:ฉันชื่อ|ผมชื่อ|ดิฉันชื่อ|หนูชื่อ|ชื่อของฉันคือ|ชื่อของผมคือ)[ ]?(?P<th>[\u0e01-\u0e4e]{2,20}(?:[ ][\u0e01-\u0e4e]{2,20})?)"
    # a Chinese self-introduction or a log's user (我是李娜，用户=司徒建华) and a letter's signature after
    # its closing (此致 敬礼 上官婉清): a common surname, then one or two characters
    r"|(?:我是|我就是|本人是)(?P<zhi>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2}?)(?=[，,。.!！？?\s、~～]|$|的(?:" + _ZH_KIN + r"))"
    r"|(?:用户|用戶|会员|會員|买家|買家|卖家|賣家|寄件人|发件人|發件人|乘客|旅客|顾客|顧客|住客|员工|員工)(?:[ ]?[:：=][ ]?)"
    r"(?P<zhu>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2})(?![\u4e00-\u9fff])"
    # without a colon, before a bracket or a comma: 员工刘洋(工号E10293)
    r"|(?:用户|用戶|会员|會員|乘客|旅客|顾客|顧客|住客|员工|員工|患者|病人|学生|學生)"
    r"(?P<zhb>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2})(?=[（(，,、]|[ ]?[（(])"
    # a recipient or a member named right after the word, before punctuation or what they said or
    # how to reach them: 收件人刘芳，电话..., 会员陈冠宇表示...
    r"|(?:收件人|收货人|收貨人|联系人|聯絡人|联络人|聯繫人|会员|會員|客户|客戶|顾客|顧客|乘客|住客)(?:写的|寫的|写|寫|是|叫)?"
    r"(?P<zhg>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2}?)"
    r"(?=[，,。.、;；\s(（]|$|表示|说|說|反映|投诉|投訴|电话|電話|手机|手機|先生|女士|小姐|就是|是我)"
    # a form's name, then the person's sex: 张伟，男，1979年3月出生
    r"|(?:^|(?<=[：:，,\s]))(?P<zhx>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2})(?=[，,][ ]?[男女](?:[，,）)。 ]|$))"
    # who a Japanese parcel is addressed to: ...ブリーゼ1203、中村あかり宛てです
    r"|(?:^|(?<=[\s、。,:：]))(?P<ate>[\u4e00-\u9fff々]{1,4}[\u3040-\u309f\u30a0-\u30ff]{0,4})(?:宛て|宛)(?![\u4e00-\u9fff])"
    r"|(?:敬礼|敬禮|祝好|谢谢|謝謝|感谢|感謝)[！!。，,]?[ ]*\r?\n[ ]*(?P<zhs>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2})"
    r"(?=[ ]*(?:\r?\n|$))"
    # a signature at a message's very end, after its thanks on the same line: ...謝謝!黃淑芬
    r"|(?:谢谢|謝謝|感谢|感謝|祝好)[！!。，,][ ]*(?P<zhe>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2})(?=[ ]*$)"
    # a Korean self-introduction (안녕하세요, 최우진입니다; 저는 송민호이고) and signature (황보서연 드림)
    r"|(?:(?<![가-힣])(?:저는|전|나는|난|제가)[ ]?|(?:안녕하세요|안녕하십니까)[,.!]?[ ]?(?:저는[ ]?)?)"
    r"(?P<koi>" + _KO_SURNAMES + r"[가-힣]{2})(?=입니다|이에요|예요|이고|인데요|이라고|라고|이며)"
    r"|(?:^|(?<=\n))(?P<kos>" + _KO_SURNAMES + r"[가-힣]{1,2})[ ]?(?:드림|올림|배상)(?![가-힣])"
    # a Korean name alone at a message's end, after its last sentence (... 아기 자요. 박지훈); a Japanese
    # family name alone there (よろしくお願いします。高橋)
    r"|(?<=[.!?。]\s)(?P<koe>" + _KO_SURNAMES + r"[가-힣]{2})(?=\s*$)"
    r"|(?<=。)(?P<jae>[\u4e00-\u9fff々]{1,3})(?=\s*$)"
    # a Japanese family name alone, introducing itself at a message's or a sentence's start (小林です。),
    # and a name on a letter's last line (山之内 真由美)
    r"|(?:^|(?<=[。\n、]))(?P<jad>[\u4e00-\u9fff々]{1,3}(?:[ 　][\u4e00-\u9fff々]{1,3})?)(?=です[。！!、,]|でございます)"
    # (or on a line of its own, or after a sentence before its phone in brackets: 佐藤 健太（090-4417-2286）)
    r"|(?<=[\n。])(?P<jas>[\u4e00-\u9fff々]{1,4}[ 　][\u4e00-\u9fff\u30a0-\u30ff々]{1,4})(?=[ 　]*$|[ 　]*\r?\n|[（(](?:[+0-9０-９]|\[phone\]))"
    # a name before the honorific of a letter's address: 渡辺 健一 様, 佐藤様
    r"|(?:^|(?<=[\s、。,:：]))(?P<sama>[\u4e00-\u9fff\u30a0-\u30ff]{1,5}(?:[ 　][\u4e00-\u9fff\u30a0-\u30ff]{1,5})?)"
    r"[ 　]?(?:様|さま|殿)"
    # a title of respect before an Urdu or Arabic name (محترمہ عائشہ صدیقی، السيد أحمد خالد), a Hebrew one
    # (ד"ר יוסף כהן), and a letter's Arabic sign-off line before the name on the next line
    r"|(?:محترمہ|محترم|جناب|بیگم|السيد|السيدة|الأستاذ|الأستاذة|الدكتور|الدكتورة)[ ]"
    r"(?P<art>[\u0621-\u06d3]{2,20}(?:[ ][\u0621-\u06d3]{2,20}){0,2}?)(?=[ ]?[،,.!؟?:\n]|$)"
    r"|(?:ד\"ר|ד״ר|גב'|גב׳|פרופ'|פרופ׳|עו\"ד|עו״ד)[ ](?P<het>[\u05d0-\u05ea'׳]{2,15}(?:[ ][\u05d0-\u05ea'׳]{2,15})?)(?![\u05d0-\u05ea])"
    r"|(?:شكرا|شكراً|مع تحياتي|مع خالص التحية|تحياتي|مع التحية|وتفضلوا بقبول فائق الاحترام)[^\n]{0,40}\n"
    r"(?P<ars>[\u0621-\u064a]{2,20}(?:[ ][\u0621-\u064a]{2,20}){1,2})(?=[ ]?\n|$)"
    # self-introductions in Tamil, Telugu, Kannada, Malayalam, Marathi, Gujarati and Punjabi
    r"|(?:என் பெயர்|எனது பெயர்|నా పేరు|ನನ್ನ ಹೆಸರು|എന്റെ പേര്|माझे नाव|મારું નામ|ਮੇਰਾ ਨਾਮ)[ ]"
    r"(?P<ind>[\u0900-\u0dff]{2,25}(?:[ ][\u0900-\u0dff]{2,25})?)"
    # a contact's, a recipient's, an owner's label in Chinese, Japanese and Korean: 聯絡人：陳怡君, 所有者 佐々木,
    # 담당자: 박지훈
    r"|(?:聯絡人|联系人|聯繫人|联络人|收件人|收货人|收貨人|負責人|负责人|姓名|客戶|客户|患者|病人|车主|車主|所有者|所有人"
    r"|取貨人|取货人|訂購人|订购人|購買人|购买人|寄件者|收件者"
    r"|担当者|担当|氏名|お名前|申請人|申请人)(?:[ ]?[:：][ ]?|[ 　])"
    r"(?P<zhl>[\u4e00-\u9fff々]{1,4}[ 　][\u4e00-\u9fff々]{1,4}|[\u4e00-\u9fff々]{2,4})(?![\u4e00-\u9fff々])"
    # an account's holder in a table's cell or after its label (戶名</th><td>黃志明, 户名：刘波), a relative after the
    # word with a space (丈夫 刘波), who submitted a request (王晓燕提交的请假: three characters, not a firm's two, 华为),
    # a name before a masked phone (王志强 [phone])
    r"|(?:戶名|户名|帳戶名稱|账户名称|收款人|收款户名)(?:[ ]?[:：][ ]?|[ 　]|</th>[ ]?<td>)"
    r"(?P<zhh>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2})(?![\u4e00-\u9fff])"
    r"|(?:" + _ZH_KIN + r")[ 　](?P<zhm>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2})(?![\u4e00-\u9fff])"
    r"|(?<![\u4e00-\u9fff])(?P<zhp>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{2})(?=提交的|提交了|申请的|發起的|发起的|提交)"
    r"|(?<![\u4e00-\u9fff])(?P<zhq>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2})[ ]?(?=\[phone\]|phone:[0-9a-f])"
    r"|(?:담당자|성명|고객명|수령인|받는 ?분|보내는 ?분|신청인|작성자|예금주|보호자|환자명)[ ]?[:：][ ]?(?P<kol>[가-힣]{2,4})(?![가-힣])"
    # without the colon, a surname first: (예금주 정수빈); a customer addressed (정수빈 고객님께서)
    r"|(?:예금주|수령인|받는 ?분|보호자|환자)[ ](?P<kon>" + _KO_SURNAMES + r"[가-힣]{1,2})(?![가-힣])"
    r"|(?<![가-힣])(?P<kog>" + _KO_SURNAMES + r"[가-힣]{2})[ ]?고객님"
    # Persian "I am ... " (من مریم رضایی هستم) and a Thai name after its title (นายธนากร วงศ์ใหญ่)
    r"|(?:^|(?<=[\s،,.]))من[ ](?P<fa2>[\u0621-\u06cc\u200c]{2,20}(?:[ ][\u0621-\u06cc\u200c]{2,20}){1,2}?)[ ]هستم"
    r"|(?:^|(?<=\s))(?:นางสาว|นาย|นาง)(?P<th2>[\u0e01-\u0e4e]{2,20}[ ][\u0e01-\u0e4e]{2,20})"
    # (after a role, a space between, then a phone, a particle, a bracket or the line's end: ผู้รับ สมชาย ใจดี โทร ...;
    # after คุณ, "you" as often, only before the particle a speaker closes with: คุณวรรณา ทองดี ค่ะ)
    r"|(?:^|(?<=\s))(?:ชื่อ-นามสกุล|ชื่อผู้รับ|ผู้รับ|ผู้ป่วย|คนไข้|ผู้เช่า|ผู้โดยสาร)[ ]?[:：]?[ ]"
    r"(?P<th3>[\u0e01-\u0e4e]{2,20}[ ][\u0e01-\u0e4e]{2,20})(?=[ ]?(?:โทร|เบอร์|ค่ะ|คะ|ครับ|[(,.0-9+]|\[phone\])|[ ]*(?:\n|$))"
    r"|(?:^|(?<=\s))คุณ(?P<th4>[\u0e01-\u0e4e]{2,20}[ ][\u0e01-\u0e4e]{2,20})(?=[ ](?:ค่ะ|คะ|ครับ|นะคะ|นะครับ)(?![\u0e01-\u0e4e]))"
    # a Korean name before its title of address or rank: 박지훈 님, 김민준씨, 이서연 대리
    r"|(?<![가-힣])(?P<kot>" + _KO_SURNAMES + r"[가-힣]{1,2})[ ]?"
    r"(?:님|씨|대리|과장|차장|부장|사원|주임|팀장|실장|이사|상무|전무|선생님|교수님|원장님|디자이너님|매니저님|기사님|쌤)"
    r"(?=(?:께서|께|은|는|이|가|을|를|의|에게|과|와)?(?![가-힣]))"
    # a Japanese name before さん, ちゃん, くん (隣の鈴木さん, 陽菜ちゃん, 高橋 翼 さん): in kanji or katakana,
    # after the text's start, a space, punctuation or の
    r"|(?:^|(?<=[\s、。,:：の(（「『]))(?P<san>[\u4e00-\u9fff\u30a0-\u30ff々]{1,5}(?:[ 　][\u4e00-\u9fff\u30a0-\u30ff々]{1,4})?)"
    r"[ 　]?(?:さん|ちゃん|くん)"
    # a Chinese name (a common surname, then one or two characters) before a title of address
    # (刘建国师傅, 王先生), or after a role or a word that introduces a person (导游陈晓梅, 谢谢吴思琪)
    r"|(?P<zht>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{0,2}?)(?=" + _ZH_TITLES + r")"
    r"|(?:" + _ZH_ROLES + r")(?P<zhr>(?:" + _ZH_SURNAMES + r")(?:[\u4e00-\u9fff]{2}|[\u4e00-\u9fff](?![\u4e00-\u9fff])))"
    r"(?![\u4e00-\u9fff]?(?:" + _ZH_TITLES + r"))"
    # a Japanese family name of the common ones, a space, a given name (妻の佐藤 美咲（, ・鈴木 陽菜（)
    r"|(?<![\u4e00-\u9fff\u30a0-\u30fa\u30fc-\u30ff々])(?P<jan>(?:" + "|".join(sorted(JA_SURNAMES, key=len, reverse=True)) + r")"
    r"[ 　][\u4e00-\u9fff々]{1,2}[\u3040-\u309f]{0,2})(?![\u4e00-\u9fff\u30a0-\u30ff々])"
    # a Korean name after the role it is named by, without a colon (피보험자 김지은, 친구 박성준이야), or
    # before a pupil's word (정유나 학생)
    r"|(?<![가-힣])(?:피보험자|보험계약자|계약자|예금주|수령인|보호자|환자|신청인|친구|학생|담임)[ ]?"
    r"(?P<kor>" + _KO_SURNAMES + r"[가-힣]{2})(?=[ ,.]|이야|이에요|입니다|예요|이고|씨|님|$)"
    r"|(?<![가-힣])(?P<kop>" + _KO_SURNAMES + r"[가-힣]{2})[ ](?=학생(?![가-힣])|어린이(?![가-힣])|환자분)"
    # a Hindi name after the role it is named by (छात्र आर्यन सिंह की फीस, श्रीमती सुनीता देवी ने)
    r"|(?:छात्र|छात्रा|मरीज़|मरीज|ग्राहक|श्रीमती|सुश्री|कुमारी|श्री)[ ](?P<hir>[\u0900-\u0963]{2,20}(?:[ ][\u0900-\u0963]{2,20})?)"
    r"(?=[ ](?:की|का|के|ने|को|से|जी)(?![\u0900-\u0963])|[ ]?[,।]|$)"
    # a name after a title of respect or a doctor's title in the scripts of India, its initials with their dots
    # (திருமதி செல்வி முருகன், டாக்டர் ஆர். சுந்தர், डॉ. एस. के. वर्मा, శ్రీమతి లక్ష్మీ ప్రసన్న), up to punctuation
    r"|(?:திருமதி|திரு\.?|செல்வி|டாக்டர்|டா\.|डॉ\.|डॉक्टर|శ్రీమతి|శ్రీ|డాక్టర్|డా\.|ಶ್ರೀಮತಿ|ಶ್ರೀ|ಡಾ\.|ಡಾಕ್ಟರ್"
    r"|ശ്രീമതി|ശ്രീ|ഡോ\.|ഡോക്ടർ|শ্রীমতী|শ্রী|ডাঃ|ডা\.|ডাক্তার|શ્રીમતી|શ્રી|ડૉ\.|ડોક્ટર|सौ\.|ਸ੍ਰੀਮਤੀ|ਸ੍ਰੀ|ਡਾ\.)[ ]"
    r"(?P<ini>(?:[\u0900-\u0dff]{1,4}\.[ ]?){0,3}[\u0900-\u0dff]{2,20}(?:[ ][\u0900-\u0dff]{2,20}){0,2}?)"
    # (a full stop only at a line's end: "எம்.ஜி. ராமச்சந்திரன்" has initials)
    r"(?=[ ]?[,।()]|\.[ ]*(?:\n|$)|[ ]?\n|$|[ ](?:की|का|के|ने|को|से|జీ|ಅವರ|அவர்கள்))"
    # a child named before their parent's word, after a class (三年级二班王梓萱妈妈)
    r"|(?<=[班级級組组，,。\s：:])(?P<zhk>(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2}?)(?=的?(?:妈妈|媽媽|爸爸|家长|家長|同学|同學))"
)
#: A name again in brackets after one found, as chat writes it: "it's [name] (marcus okafor-reid)".
_BRACKETED_AGAIN_RE = re.compile(r"(?:\[name\]|(?<![\w:])name:[0-9a-f]{%d})[ ]?\((?P<again>[^\W\d_][\w'’-]{1,30}"
                                 r"(?:[ ][^\W\d_][\w'’-]{1,30}){0,3})\)" % PSEUDONYM_HEX)
#: A second name in apposition after one found (小[name]，陈思远。).
_ZH_APPOSITIVE_RE = re.compile(r"(?:(?<=\[name\][，,])|(?<=name:[0-9a-f]{%d}[，,]))(?P<zha>" % PSEUDONYM_HEX + r"(?:" + _ZH_SURNAMES + r")[\u4e00-\u9fff]{1,2}?)(?=[，,。.!！？?\s]|$)")
#: What a form writes after a contact's label and is no one: required, optional, unknown, none.
_NOT_LABELLED = frozenset("必須 任意 未定 不明 なし 無し 未記入 未入力 省略 必填 选填 選填 可选 可選 未知 不详 不詳 暂无 暫無 本人".split())
#: What comes before a Korean title and is no name: customers, members, users, family, the weather.
_NOT_KO = frozenset(
    """고객 회원 사용자 관리자 선생 여러분 사장 부장 과장 차장 원장 교수 기사 손님 주인 이용자 구매자 판매자 신청자 담당자
    작성자 방문자 환자 보호자 학생 학부모 어머 아버 부모 형 누 언니 오빠 동생 친구 대표 사모 의사 간호사 직원 사원 점장
    매니저 이웃 주민 국민 시민 마음 아가 아저 아주머 할머 할아버 이모 고모 삼촌 부인 남편 아내 자녀 아드 따님 수강생 강사
    작가 기자 배우 가수 선배 후배 동료 상사 팀원 조장 반장 회장 총장 소장 공장 도장 시장 구청장 지점장 본부장""".split()
)
#: What comes before さん, ちゃん, くん and is no one's name: everyone, customers, family, roles,
#: shops (~屋さん), and words ending in a role's character (店員, 担当者, 運転手, 医師, 弁護士).
_NOT_SAN = frozenset(
    """皆 客 お客 店員 運転手 医者 お医者 大家 奥 お母 お父 母 父 兄 姉 お兄 お姉 娘 息子 お嬢 坊 赤 駅員 警察 担当 業者
    配達員 宅配 郵便 おじ おば おじい おばあ 叔父 叔母 伯父 伯母 孫 嫁 婿 旦那 彼女 彼氏 友達 先輩 後輩 隣 近所 皆様 みな
    ガイド ドライバー スタッフ オーナー シェフ パパ ママ お姉 お兄 赤ちゃん 神 仏 お坊 和尚 王子 姫 猫 犬 熊 パンダ""".split()
)
_NOT_SAN_ENDS = frozenset("屋員者手師士官長様")
#: Words that start with a common surname's character and are no one: a record (客服紀錄), an amount,
#: a weekend, a way, a time.
_NOT_ZH_NAMES = frozenset("""紀錄 纪录 記錄 纪要 紀要 金额 金額 余额 餘額 周末 週末 方式 方法 时间 時間 高级 高級 常见 常見 江湖
    黄金 黃金 白天 马上 馬上 安全 安排 王牌 包裹 单号 單號 石油 林业 林業 万元 萬元 许多 許多 余下 何时 何時""".split())
#: What a parcel or a letter is addressed to and is no one: a company, its head office, a department.
_NOT_ATE = frozenset("会社 本社 弊社 貴社 御社 支社 支店 営業所 事務所 部署 総務部 経理部 人事部 担当 担当者 窓口 各位 ご本人 本人".split())
#: What comes before 様 and is no name: everyone, customers, members, people in charge.
_NOT_SAMA = frozenset("皆 客 各位 会員 利用者 担当者 管理者 購入者 申込者 関係者 出品者 落札者 皆々 神 王 仏 奥".split())
_SCRIPT_NAME_GUARD_RE = re.compile(
    r"名前は|と申します|といいます|我叫|名字|名叫|本人叫|이름|اسم|إسمي|سميتي|様|さま|殿|שמי|קוראים לי|השם שלי|نام من|میرا نام"
    r"|नाम|আমার নাম|ชื่อ|محترم|جناب|بیگم|السيد|الأستاذ|الدكتور|ד\"ר|ד״ר|גב|פרופ|עו\"ד|עו״ד|شكر|تحيات|التحية|الاحترام"
    r"|பெயர்|పేరు|ಹೆಸರು|പേര്|नाव|નામ|ਨਾਮ|聯絡人|联系人|聯繫人|联络人|收件人|收货人|收貨人|負責人|负责人|姓名|客戶|客户|患者|病人"
    r"|车主|車主|所有者|所有人|担当|氏名|お名前|申請人|申请人|담당자|성명|고객명|수령인|받는|보내는|신청인|작성자|예금주|보호자|환자명"
    r"|取貨人|取货人|訂購人|订购人|購買人|购买人|寄件者|收件者|고객님|환자|هستم|นาย|นาง|ผู้รับ|ผู้ป่วย|คนไข้|ผู้เช่า"
    r"|戶名|户名|帳戶名稱|账户名称|收款人|提交|申请的|發起|发起|\[phone\]"
    r"|ผู้โดยสาร|ชื่อ-นามสกุล|คุณ"
    r"|님|씨|대리|과장|차장|부장|사원|주임|팀장|실장|이사|상무|전무|さん|ちゃん|くん|" + _ZH_TITLES + "|" + _ZH_ROLES
    + r"|[\u4e00-\u9fff々][ 　][\u4e00-\u9fff]|피보험자|계약자|예금주|수령인|보호자|환자|신청인|친구|학생|담임"
    r"|छात्र|मरीज|ग्राहक|श्रीमती|सुश्री|कुमारी|श्री|திருமதி|திரு|செல்வி|டாக்டர்|டா\.|डॉ|శ్రీ|డాక్టర్|డా\.|ಶ್ರೀ|ಡಾ\.|ಡಾಕ್ಟರ್"
    r"|ശ്രീ|ഡോ\.|ഡോക്ടർ|শ্রী|ডাঃ|ডা\.|ডাক্তার|શ્રી|ડૉ\.|ડોક્ટર|सौ\.|ਸ੍ਰੀ|ਡਾ\."
    # a Japanese name on a line of its own, or before its phone in brackets
    + r"|\n|（\[phone\]|\(\[phone\]"
    + r"|我是|我就是|本人是|用户|用戶|会员|會員|宛|[，,][ ]?[男女]|顾客|顧客|住客|买家|買家|卖家|賣家|寄件人|发件人|發件人|乘客|旅客|顾客|顧客|住客|员工|員工|学生|學生"
    r"|敬礼|敬禮|祝好|谢谢|謝謝|感谢|感謝|입니다|이에요|예요|이고|인데요|라고|이며|드림|올림|배상|です|でございます"
    r"|\n[ ]*[\u4e00-\u9fff]|[.!?。]\s?[가-힣\u4e00-\u9fff]{2,4}\s*$|老公|老婆|丈夫|妻子|爱人|愛人|儿子|兒子|女儿|女兒"
    r"|妈妈|媽媽|爸爸|我妈|我媽|我爸|邻居|鄰居|同事|디자이너님|매니저님|기사님|쌤"
)
#: Last syllables of a Korean word that names a team, a shop or an office, not a person
#: (배송팀입니다, 고객센터, 본사): not a given name's end.
_KO_NOT_NAME_ENDS = frozenset("팀부과실점국청단회사센터장관원처소")
#: Two-syllable words a Korean self-introduction starts with that are no surname and given
#: name: "정상입니다" (normal), "주문..." (order), "배송..." (delivery).
_KO_NOT_NAME_STARTS = frozenset(
    """정상 주문 배송 문의 정보 이메 안내 담당 관리 상담 확인 결제 회원 고객 구매 판매 신청 예약 변경 취소 환불 반품 교환 접수
    처리 완료 발송 도착 출발 방문 연락 전화 문자 메일 사진 상품 제품 가격 할인 이벤트 공지 오늘 내일 지금 전부 전체 이번
    다음 저희 우리 제가 한번 하나 진짜 정말 조금 혹시 여기 거기 서울 부산 대구 인천 광주 대전 울산 경기 강원 충북 충남 전북
    전남 경북 경남 제주""".split()
)
#: What closes a Japanese line that is an office, a place or a title, not a name (営業部 部長, 東京都 港区).
_JA_NOT_NAME_ENDS = frozenset("部課区市町村県都府店社長局室係所院館園署")
#: A Japanese letter's closing words, on a line of their own.
_JA_CLOSINGS = frozenset("以上 敬具 草々 拝啓 追伸 敬白 謹白 早々 前略 かしこ".split())


def scrub_script_names(text: str, replace: Replace) -> str:
    """Names after a self-introduction in Japanese, Chinese, Korean and Arabic (see
    :data:`_SCRIPT_NAME_RE`); the caller has seen text outside ASCII."""
    if _SCRIPT_NAME_GUARD_RE.search(text) is None:
        return text
    return _SCRIPT_NAME_RE.sub(lambda m: _script_name(m, replace), text)


def scrub_appositive_names(text: str, replace: Replace) -> str:
    """A name in apposition after a name found by an earlier pass: a Chinese one after a comma
    (小[name]，陈思远), or in brackets in any script and any case ("it's [name] (marcus okafor-reid)")."""
    if "[name]" not in text and "name:" not in text:
        return text
    if not text.isascii():
        text = _ZH_APPOSITIVE_RE.sub(lambda m: _script_name(m, replace), text)
    if "(" in text:
        text = _BRACKETED_AGAIN_RE.sub(lambda m: _bracketed_again(m, replace), text)
    return text


def _bracketed_again(match: re.Match[str], replace: Replace) -> str:
    from transforms.builtin._pii_prose_names import AMBIGUOUS, GIVEN, flags_of

    again = match["again"]
    first = again.split(" ")[0]
    flags = flags_of(first[:1].upper() + first[1:].lower())
    if not flags & GIVEN or flags & AMBIGUOUS:
        return match[0]  # "[name] (our new CTO)", "[name] (Product)": what the person is, not who
    return swap_group(match, "again", replace("name", again.lower(), again))


#: What follows a Japanese family name and a space and is a business's, no given name.
_NOT_JA_GIVEN = frozenset("商店 工務店 病院 医院 会社 事務所 歯科 薬局 書店 建設 産業 工業 商事 物産 不動産 法律 税理 司法 "
                          "内科 外科 眼科 整骨院 接骨院 鍼灸 商会 酒店 酒造 本店 支店 様 さま 殿 氏 家 一族 先生".split())


#: The last word of a place's name after a title of respect in the scripts of India: a temple, a monastery, a
#: mosque, a gurdwara, a hospital, a school, a college, a road, a colony (Hindi, Marathi, Bengali, Tamil,
#: Telugu, Kannada, Malayalam, Gujarati, Punjabi).
_INDIC_PLACE_WORDS = frozenset("""मंदिर मन्दिर मठ मस्जिद गुरुद्वारा अस्पताल हॉस्पिटल विद्यालय महाविद्यालय कॉलेज मार्ग नगर
    धाम आश्रम ट्रस्ट मन্দির মঠ মসজিদ হাসপাতাল বিদ্যালয় কলেজ আশ্রম কோயில் கோவில் ஆலயம் மருத்துவமனை பள்ளி கல்லூரி
    దేవాలయం గుడి ఆసుపత్రి పాఠశాల కళాశాల ದೇವಸ್ಥಾನ ದೇವಾಲಯ ಆಸ್ಪತ್ರೆ ಶಾಲೆ ಕಾಲೇಜು ക്ഷേത്രം ആശുപത്രി സ്കൂൾ കോളേജ്
    મંદિર દેરાસર હોસ્પિટલ શાળા કોલેજ ਗੁਰਦੁਆਰਾ ਮੰਦਰ ਹਸਪਤਾਲ ਸਕੂਲ
    स्टेशन अड्डा स्टेडियम সেন্ট্রাল স্টেশন স্টেডিয়াম நிலையம் சென்ட்ரல் ஸ்டேடியம் అడ్డా స్టేషన్ సెంట్రల్ స్టేడియం
    ನಿಲ್ದಾಣ ಸ್ಟೇಡಿಯಂ സ്റ്റേഷൻ സ്റ്റേഡിയം સ્ટેશન સ્ટેડિયમ ਸਟੇਸ਼ਨ""".split())


def _script_name(match: re.Match[str], replace: Replace) -> str:
    name = match[match.lastgroup]
    if match.lastgroup == "sama" and name.replace("　", " ").split(" ")[-1] in _NOT_SAMA:
        return match[0]
    if match.lastgroup == "kot" and (name in _NOT_KO or name[:-1] in _NOT_KO):
        return match[0]
    if match.lastgroup == "ate" and (name in _NOT_ATE or name in _NOT_SAMA):
        return match[0]
    if match.lastgroup in ("zhl", "zhi", "zhu", "zhs", "zhb", "zhe", "zhg", "zhr", "zhk", "zha", "zhh", "zhm", "zhp",
                           "zhq") and (name in _NOT_LABELLED
                                                                                 or name in _NOT_ZH_NAMES):
        return match[0]
    if match.lastgroup in ("hir", "ini") and name.split()[-1] in _INDIC_PLACE_WORDS:
        return match[0]  # "श्री गणेश मंदिर", "শ্রী রামকৃষ্ণ মঠ": a temple's, a hospital's name, no one's
    if match.lastgroup == "koi" and (name[-1] in _KO_NOT_NAME_ENDS or name[:2] in _KO_NOT_NAME_STARTS
                                     or name[:2] in _NOT_KO):
        return match[0]
    if match.lastgroup == "jae" and name not in JA_SURNAMES:
        return match[0]
    if match.lastgroup == "jan" and (name.replace("　", " ").split(" ")[-1] in _NOT_JA_GIVEN
                                     or "例" in match.string[max(0, match.start() - 3):match.start()]):
        return match[0]  # 田中 工務店, 佐藤 医院: a business's name; "例：山田 太郎": a form's example
    if match.lastgroup in ("kor", "kop") and (name[:2] in _KO_NOT_NAME_STARTS or name[:2] in _NOT_KO):
        return match[0]
    if match.lastgroup == "koe" and (name[:2] in _KO_NOT_NAME_STARTS or name[:2] in _NOT_KO or name[-1] in _KO_NOT_NAME_ENDS):
        return match[0]
    if match.lastgroup == "jad" and name.replace("　", " ").split(" ")[0] not in JA_SURNAMES:
        return match[0]
    if match.lastgroup == "jas":
        first, _, last = name.replace("　", " ").partition(" ")
        if first in _JA_CLOSINGS or first[-1] in _JA_NOT_NAME_ENDS or last[-1] in _JA_NOT_NAME_ENDS:
            return match[0]
        if match.string[match.end():].strip(" 　") and first not in JA_SURNAMES:
            return match[0]  # a line of its own inside a text (a signature's, before its e-mail): a known family name
    if match.lastgroup == "san" and (name in _NOT_SAN or name[-1] in _NOT_SAN_ENDS or name.replace("　", " ").split(" ")[-1] in _NOT_SAN):
        return match[0]
    return swap_group(match, match.lastgroup, replace("name", " ".join(name.split()).lower(), name))


_CAPITAL_NEXT_RE = re.compile(r"[ ][A-ZÀ-ÖØ-Þ][^\W\d_]")


def _name_after(text: str, at: int, minimum: int, capitals: bool) -> tuple[int, int] | None:
    """The span of the name right after ``at``: ``minimum`` words or more; words in
    capitals only after a strong cue (``capitals``: "my name is JANE DOE"), since after
    a title or a greeting they are more often acronyms ("Hi API team")."""
    words: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []  # particles waiting for a capitalised word
    pos = at
    while len(words) < 4:
        match = _WORD_RE.match(text, pos)
        if match is None:
            break
        word = match[0]
        # (a middle initial without its full stop, "FAISAL A ALZAHRANI", "John Q Public": no article "A")
        initial = len(word) == 1 and word.isupper() and bool(words) and _CAPITAL_NEXT_RE.match(text, match.end()) is not None
        if initial or word[0].isupper() and word.lower() not in _NOT_NAMES and not (word.isupper() and len(word) > 1 and not capitals):
            words.extend(pending)
            pending = []
            words.append(match.span())
        elif words and word.lower() in _PARTICLES:
            pending.append(match.span())
        else:
            break
        pos = match.end()
        if len(word) == 1 and words and words[-1] == match.span() and text.startswith(". ", pos):
            pos += 1  # a middle initial: "John Q. Public"
        # one space between words; a comma, a full stop or two spaces end the name
        if text[pos:pos + 1] != " " or text[pos + 1:pos + 2] == " ":
            break
        pos += 1
    if len(words) < minimum:
        return None
    return words[0][0], words[-1][1]


#: A login after the word "user" in a log line or an error ("Failed login for user jdoe42",
#: "User jane.doe logged in"): letters then digits, or words joined by dots, underscores or
#: dashes; "user not found", "user admin" and "user agent" hold no such handle.
_HANDLE_RE = re.compile(
    r"(?<![\w.])(?:" + cased("user|username|user name|login|benutzer|benutzername|utilisateur|usuario|utente")
    + r")[ ]?(?:[:=][ ]{0,2}|[ ]{1,2})['\"]?"
    r"(?![vV][0-9])(?P<handle>[A-Za-z][A-Za-z0-9]{0,39}+(?:[._-][A-Za-z0-9]{1,40}+){1,3}+|[A-Za-z]{2,39}+[0-9]{1,8}+)(?![\w.@-])"
)


#: A login after "user" has a digit after a letter or a separator between two letters.
_HANDLE_GUARD_RE = re.compile(r"[A-Za-z][0-9]|[A-Za-z0-9][._-][A-Za-z0-9]")
#: What each word before a login (``_HANDLE_RE``) holds, in lower and in upper case.
_HANDLE_WORD_PARTS = ("ser", "SER", "ogin", "OGIN", "utzer", "UTZER", "sateur", "SATEUR", "suario", "SUARIO",
                      "tente", "TENTE")
_HANDLE_WORD_PART_SCAN = Literals(_HANDLE_WORD_PARTS)


def may_hold_handle(text: str) -> bool:
    """Could ``text`` hold a login after the word "user" (in one of its languages)? Two
    substring tests and a scan, cheaper than :func:`scrub_handles`'s pattern."""
    return ((_HANDLE_WORD_PART_SCAN.found_in(text) or _PARTY_HANDLE_SCAN.found_in(text))
            and _HANDLE_GUARD_RE.search(text) is not None)


def scrub_handles(text: str, replace: Replace) -> str:
    """Logins written after the word "user" (their own field names are handled as fields), not
    a service's ("user=svc_billing"); after a party's word ("rider=omar.hashimi"), logins made of
    a person's name."""
    text = _HANDLE_RE.sub(
        lambda m: m[0] if _MACHINE_WORDS.intersection(_HANDLE_PARTS_RE.split(m["handle"].lower()))
        else m[0][:m.start("handle") - m.start()] + replace("name", m["handle"].lower(), m["handle"]), text)
    if _PARTY_HANDLE_SCAN.found_in(text):
        text = _PARTY_HANDLE_RE.sub(
            lambda m: m[0] if not reads_as_handle(m["handle"])
            else m[0][:m.start("handle") - m.start()] + replace("name", m["handle"].lower(), m["handle"]), text)
    return text


#: A party's word in a log line, then a login ("rider=omar.hashimi", "assignee: laura.ozolina"):
#: the login is a person's when it reads as one (:func:`reads_as_handle`), not "customer=acme-corp".
_PARTY_WORDS = "rider|driver|customer|client|member|buyer|seller|passenger|guest|student|employee|owner|author|assignee|reporter|requester|uid"
_PARTY_HANDLE_RE = re.compile(
    r"(?<![\w.])(?:" + cased(_PARTY_WORDS) + r")(?:[_-]?(?:id|name|login))?[ ]?(?:[:=][ ]{0,2})['\"]?"
    r"(?P<handle>@?[A-Za-z][A-Za-z0-9]{0,39}+(?:[._-][A-Za-z0-9]{1,40}+){1,3}+)(?![\w.@-])"
)
_PARTY_HANDLE_SCAN = Literals([w for word in _PARTY_WORDS.split("|") for w in (word, word.capitalize(), word.upper())])


#: The last words of keys that hold a login or a handle (``user``, ``X-Usuario``, ``actor``,
#: ``mitid``, ``telegram``): under them a value that :func:`reads_as_handle` is a person's.
HANDLE_KEY_WORDS = frozenset(
    """user usuario utilisateur benutzer utente kullanici uzytkownik gebruiker anvandare bruker kayttaja
    felhasznalo utilizator polzovatel korystuvach actor handle login mitid nemid bankid ig instagram telegram
    twitter tiktok facebook skype discord github gitlab slack korisnik pengguna utilizador uzivatel kasutaja
    vartotojas lietotajs line kakao wechat zalo viber rider driver passenger customer member client guest buyer
    seller owner alias anvandarnamn användarnamn brukernavn brugernavn kayttajanimi kayttajatunnus uzytkownika""".split()
)
#: A login or a handle: a letter, then letters and digits, with up to three dots, underscores or
#: dashes ("kayla_brooks92", "mette.k.rasmussen", "@dmitry_volkov_spb").
_HANDLE_SHAPE_RE = re.compile(r"@?[A-Za-z][A-Za-z0-9]{0,39}(?:[._-][A-Za-z0-9]{1,40}){0,3}")
_HANDLE_PARTS_RE = re.compile(r"[._\-0-9@]+")

#: Words of a service's or a machine's login ("svc_billing", "deploy-bot", "ci.runner"): no one's.
_SERVICE_WORDS = frozenset(
    """svc service services srv sa bot bots system sys admin administrator deploy deployer ci cd build builder
    test tests testing prod production staging stage dev api app apps cron job jobs worker workers runner root
    www web db database backup monitor monitoring noreply no reply support team ops devops infra automation
    integration sync import export webhook webhooks scheduler batch etl daemon agent proxy gateway internal
    readonly read only rw ro replica master primary default guest anonymous anon public demo sandbox""".split()
)
#: Of those, the words that make any login a machine's, even after the word "user" in a log.
_MACHINE_WORDS = frozenset("svc service srv sa bot system deploy deployer ci cron daemon noreply app api db etl".split())


def reads_as_handle(value: str, initials: bool = False) -> bool:
    """Is ``value`` a login or a handle made of a person's name: parts joined by a dot, an
    underscore or a dash, or a name followed by digits ("kayla_brooks92", "norma.acosta.mp")?
    A part must be a given name or a surname of the lexicon that is no ordinary word, or two
    parts names that are ("pablo_m_rios"; "lager-bergen", a warehouse, has one). Never a
    service's login ("svc_billing", "deploy-bot"). With ``initials`` (under a key that holds a
    login), an initial glued to a surname is one too ("fcontreras_cl"); in text, words are
    ("@cluster0.x7k2p": a "Luster" behind a "c")."""
    if not 3 <= len(value) <= 41 or _HANDLE_SHAPE_RE.fullmatch(value) is None:
        return False
    bare = value.lstrip("@")
    if bare.isalpha() or bare.lower() in _SYSTEM_USERS:
        return False  # one word alone: is_a_name_alone's to judge under a key for a person
    parts = [p for p in _HANDLE_PARTS_RE.split(bare) if p]
    if any(p.lower() in _SERVICE_WORDS for p in parts):
        return False
    from transforms.builtin._pii_prose_names import AMBIGUOUS, GIVEN, SURNAME, flags_of

    named = [flags for p in parts if len(p) >= 3 and not p.isupper()
             and (flags := flags_of(p.capitalize())) & (GIVEN | SURNAME)]  # "DHL-EDI": acronyms, no one's
    if any(not flags & AMBIGUOUS for flags in named) or len(named) >= 2:
        return True
    if bare.isupper():
        # a payment's alias in capitals ("RAMI.HADDAD", "NICOLAS.FERNANDEZ.MP"): two of its parts a
        # person's names, one no ordinary word; a code of acronyms has one at most ("DHL-EDI")
        named = [flags for p in parts if len(p) >= 3 and (flags := flags_of(p.capitalize())) & (GIVEN | SURNAME)]
        return len(named) >= 2 and any(not flags & AMBIGUOUS for flags in named)
    # an initial glued to a surname, the login's first part: "fcontreras_cl", "jsmith.dev"
    first = parts[0]
    if (initials and first.isalpha() and first.islower() and len(first) >= 6
            and flags_of(first[1:].capitalize()) & SURNAME):
        return True
    # a given name, then a second word of letters: "laura.ozolina", "omar.hashimi" (the first.last of
    # logins and addresses), though the given name is a word or a place's name too
    alpha = [p for p in parts if p.isalpha()]
    return (len(alpha) in (2, 3) and len(alpha[0]) >= 3 and len(alpha[1]) >= 3 and not bare[:1].isupper()
            and bool(flags_of(alpha[0].capitalize()) & GIVEN) and bare.lower().startswith(alpha[0].lower())
            and bare[len(alpha[0]):len(alpha[0]) + 1] in "._")


def reads_as_machine_login(value: str) -> bool:
    """Is ``value`` a service's or a machine's login (``svc-faturamento``, ``deploy-bot``,
    ``build-agent-07``, ``__token__``), no one's, under a field that holds a person's login or
    name? Parts joined by a dot, an underscore or a dash, one of them a machine's word or all of
    them a system's words, none a given name or a surname of the lexicon (``svc-maria``: a
    person's account named for its job); or a system account alone (``root``, ``jenkins``)."""
    if not 2 <= len(value) <= 64 or _MACHINE_LOGIN_SHAPE_RE.fullmatch(value) is None:
        return False
    from transforms.builtin._pii_prose_names import GIVEN, SURNAME, flags_of

    if value in _SYSTEM_USERS:
        return not flags_of(value.capitalize()) & GIVEN  # "jenkins", "postgres"; not "bin", a given name too
    parts = [p for p in _HANDLE_PARTS_RE.split(value) if p]
    if not parts:
        return False  # digits alone ("524-71-3390"): a number, no machine's login
    if len(parts) < 2 and not any(c.isdigit() for c in value):
        return False  # one word ("dev", "ops"): a name's as often as a machine's
    if not (_MACHINE_WORDS.intersection(parts) or all(p in _SERVICE_WORDS for p in parts)):
        return False
    return not any(len(p) >= 3 and p not in _SERVICE_WORDS and flags_of(p.capitalize()) & (GIVEN | SURNAME) for p in parts)


#: A machine's login: lower-case letters and digits in parts joined by ``.``, ``_`` or ``-``.
_MACHINE_LOGIN_SHAPE_RE = re.compile(r"_{0,2}[a-z0-9]+(?:[._-][a-z0-9]+){0,5}_{0,2}")


#: A handle written with its "@" in text ("my IG is @chiara.bellini.ph", "пишите в телегу
#: @dmitry_volkov_spb"): not an e-mail's domain, a package's scope or a CSS rule.
_AT_HANDLE_RE = re.compile(r"(?<![\w@./+:\]-])@(?P<handle>[A-Za-z][A-Za-z0-9_.]{2,29}[A-Za-z0-9_])(?![\w@/-])")
#: A host after "@" (a URL's or a DSN's, its password masked before it): a domain's last part.
_HOST_END_RE = re.compile(r"\.[a-z]{2,6}(?::[0-9]+)?\Z")


def scrub_at_handles(text: str, replace: Replace) -> str:
    """Handles after "@" that :func:`reads_as_handle` (a person's name in them) or that read as a
    login people make up (:func:`._pii_logins.reads_as_login`: "@aoife.kinsella_", "@peto_kosice"),
    not a brand's ("@zara_official", "@bbc_news")."""
    from transforms.builtin._pii_logins import MADE_UP_MARK_RE, reads_as_login

    return _AT_HANDLE_RE.sub(
        lambda m: "@" + replace("name", m["handle"].lower(), m["handle"])
        if reads_as_handle(m["handle"]) or (reads_as_login(m["handle"]) and MADE_UP_MARK_RE.search(m["handle"]) is not None
                                            and _HOST_END_RE.search(m["handle"]) is None
                                            and "bot" not in m["handle"].lower()) else m[0], text)


#: Words that name a street's kind and no person's name: "Jan Smuts Avenue", "Karl Johans gate",
#: "طريق الملك فهد" are streets named after people (a surname such as Lane, Court or Villa is not here).
_STREET_KIND_WORDS = frozenset("""avenue boulevard road street straße strasse gasse gate gata gatan vägen veien vegen vej
    gade straat laan rue avenida calle rua viale piazza ulica ulice utca caddesi sokak sokağı jalan đường
    улица проспект вулиця λεωφόρος οδός شارع طريق خیابان רחוב ถนน""".casefold().split())


def names_a_street_kind(text: str) -> bool:
    """Does ``text`` hold a word that names a street's kind ("avenue", "gate", "طريق")?"""
    return not _STREET_KIND_WORDS.isdisjoint(text.casefold().split())


def reads_as_name(value: str) -> bool:
    """Is the whole of ``value`` a person's name as a form writes it: two to four
    capitalised words, particles between them (``Jane Doe``, ``JANE DOE``, ``Jan de
    Vries``)? A team, a plan or a system (``Platform Team``, ``Support Bot``) is not."""
    if not 3 < len(value) <= 80 or " " not in value:
        return False
    text = value.strip()
    if names_a_street_kind(text):
        return False
    if not text.isascii():
        if _INVISIBLE_RE.search(text) is not None:
            text = _INVISIBLE_RE.sub("", text)  # "Fran\u200bziska": a name split by invisible characters
        if _UNCASED_NAME_RE.fullmatch(text) is not None:
            return True
    span = _name_after(text, 0, 2, capitals=True)
    return span is not None and span == (0, len(text)) and not reads_as_organisation(text)


#: One person's name in a script without spaces between words: a common Chinese surname and
#: one or two characters (黄丽萍, 司徒建华), a Korean surname and one or two syllables (최우진,
#: 황보서연), a Japanese family name and given name with a space between (長谷川 翔太).
_CJK_NAME_RE = re.compile(
    "(?:" + _ZH_SURNAMES + ")[\u4e00-\u9fff]{1,2}|" + _KO_SURNAMES + "[가-힣]{1,2}"
    "|[\u4e00-\u9fff々]{1,4}[ 　][\u4e00-\u9fff\u3040-\u30ff々]{1,4}"
)
_NAME_ALONE_PARTS_RE = re.compile(r"[ ]*,[ ]*|[ ]+")


def is_a_name_alone(value: str) -> bool:
    """Is the whole of ``value`` one person's name in a form :func:`reads_as_name` leaves: a
    given name or a surname of the lexicon alone ("Marco", "MARCO"), a list's "Surname, Given"
    ("Müller, Hans"), or a name in Chinese, Korean or Japanese? For a value under a key that
    names a person (``receiver``, ``author``): an ordinary word ("Guest", "admin"), a team
    ("Platform Team") or an ID is not."""
    text = value.strip()
    if not 1 < len(text) <= 40:
        return False
    if not text.isascii() and _CJK_NAME_RE.fullmatch(text) is not None:
        return text not in _NOT_LABELLED and text[:2] not in _NOT_KO
    if not text.isascii() and _SCRIPT_NAME_ALONE_RE.fullmatch(text) is not None:
        return True
    from transforms.builtin._pii_prose_names import AMBIGUOUS, GIVEN, PARTICLES, SURNAME, flags_of

    parts = [w for w in _NAME_ALONE_PARTS_RE.split(text) if w.lower() not in PARTICLES]
    if not 1 <= len(parts) <= 3 or (len(parts) > 1 and "," not in text):
        return False  # two or more words without a comma: reads_as_name's to judge
    if len(parts) == 1 and parts[0].lower() in _NOT_NAMES:
        return False  # "Unknown", "Guest"
    # the key says a person: a name that is also a word ("Grace", "Marco") is that person's here,
    # written as a name is; in lower case only a name that is no word ("safari" is a browser)
    return all((flags_of(w) or flags_of(w.capitalize())) if not w.islower()
               else flags_of(w.capitalize()) & (AMBIGUOUS | GIVEN | SURNAME) in (GIVEN, SURNAME, GIVEN | SURNAME)
               for w in parts)


#: Characters that show nothing and split a word for a pattern (zero-width spaces and joiners,
#: the soft hyphen, the word joiner, a byte order mark).
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
#: Two to four words in a script without capitals (Hebrew, Arabic, Persian, Urdu), a title
#: of respect in front or not: under a key that names a person, that person's name.
_UNCASED_NAME_RE = re.compile(
    "(?:(?:ד\"ר|ד״ר|מר|גב'|גב׳|פרופ'|עו\"ד|د\\.|الدكتور|الدكتورة|السيد|السيدة|محترم|محترمہ|جناب)[ ])?"
    "[\u05d0-\u05ea'׳\u0621-\u064a\u0671-\u06d3]{2,20}(?:[ ][\u05d0-\u05ea'׳\u0621-\u064a\u0671-\u06d3]{2,20}){1,3}"
)
#: Two or three words of the Indic scripts, Thai, Georgian, Ge'ez, Myanmar or Khmer (ओंकार गायकवाड,
#: วรรณา ทองดี, გიორგი კაპანაძე): under a key that names a person and no search, that person's name.
_SCRIPT_NAME_ALONE_RE = re.compile(
    "[\u0900-\u0dff\u0e00-\u0e7f\u10d0-\u10ff\u1200-\u137f\u1000-\u109f\u1780-\u17ff]{2,25}"
    "(?:[ ][\u0900-\u0dff\u0e00-\u0e7f\u10d0-\u10ff\u1200-\u137f\u1000-\u109f\u1780-\u17ff]{2,25}){1,2}"
)


# --- dates of birth ---------------------------------------------------------------------

_BIRTH = (
    r"born|born on|date of birth|birth date|birthdate|birthday|dob|d\.o\.b\.?"
    r"|geb\.|geboren|geburtsdatum"
    r"|né le|née le|né|née|date de naissance|nacido|nacida|fecha de nacimiento|fecha nac\.|f\. nac\."
    r"|nato il|nata il|nato a|nata a|data di nascita|nascido|nascida|data de nascimento|data nasc\."
    r"|geboortedatum|urodzony|urodzona|urodz\.|ur\.|data urodzenia|född|födelsedatum|født|fødselsdato|født den"
    r"|syntynyt|syntymäaika|doğum tarihi|dogum tarihi|doğumlu|narozen|narozena|datum narození|生年月日|出生日期|생년월일"
    r"|дата рождения|родился|родилась|дата народження|народився|народилася|ημερομηνία γέννησης|γεννήθηκε|誕生日|出生年月日"
    r"|született|szül\.|születési idő|születési dátum|เกิดวันที่|เกิดเมื่อ|วันเกิด|เกิด|ngày sinh|sinh ngày|tanggal lahir|lahir"
    r"|născut|născută|nascut|nascuta|data nașterii|data nasterii|doğum tarihim|dogum tarihim|doğum tarihi:"
    r"|תאריך לידה|תאריך הלידה|נולד|נולדה|تاريخ الميلاد|تاريخ ميلاد|تاريخ الولادة|مواليد|ولد في|ولدت في"
    r"|जन्मतिथि|जन्म तिथि|जन्म दिनांक|जन्म की तारीख"
    # Hinglish and Gujarati in Latin letters, Telugu, Bengali, Tamil, Kannada, Malayalam, Marathi, Gujarati,
    # Punjabi, Persian, Urdu, Malay, Filipino, Kazakh, Uzbek, Georgian, Armenian, Mongolian, Swahili,
    # Hausa, Yoruba, Zulu
    r"|janm tarikh|janam tithi|janm tithi|janam tarikh|పుట్టిన తేదీ|పుట్టిన రోజు|জন্ম তারিখ|জন্মতারিখ|பிறந்த தேதி"
    r"|ಜನ್ಮ ದಿನಾಂಕ|ജനന തീയതി|जन्मतारीख|જન્મ તારીખ|ਜਨਮ ਮਿਤੀ|تاریخ تولد|تاریخ پیدائش|tarikh lahir|petsa ng kapanganakan"
    r"|туған күні|туылған күні|tug'ilgan sana|tug‘ilgan sana|დაბადების თარიღი|ծննդյան ամսաթիվ|төрсөн огноо"
    r"|tarehe ya kuzaliwa|ranar haihuwa|ọjọ́ ìbí|ojo ibi|usuku lokuzalwa"
    # Catalan, Basque, Luxembourgish, Galician, Irish, Welsh, Maltese, Uzbek and Kyrgyz in Cyrillic, Slovak,
    # Slovene, the South Slavic and Baltic languages, Icelandic, Tok Pisin, Taglish "birthday ko", Spanish and
    # Portuguese short forms
    r"|data naixement|data de naixement|data naix\.|jaiotze data|jaiotza data|jaiotze eguna|jaiotza|gebuertsdag"
    r"|gebuertsdatum|data de nacemento|dáta breithe|data breithe|dyddiad geni|data tat-twelid|туғилган сана"
    r"|туғилган куни|туғилган|туулган күнү|datum narodenia|datum rojstva|datum rođenja|datum rodjenja|датум рођења"
    r"|дата на раждане|gimimo data|dzimšanas datums|sünniaeg|fæðingardagur|faedingardagur|de bilong bon|birthday ko"
    r"|fec\. nac\.|fech\. nac\.|dt\. nasc\.|dt nasc|nasc\.|geb\. am|Geb\.-Datum|Geb\.dat\.|geb\.dat\.|Geb\.datum"
)
#: Words between the cue and the date ("born on the", "geb. am", "né le", "nacido el").
_BIRTH_GAP = (
    r"[ ]{0,3}(?:[:=#：,-][ ]{0,3})?(?:(?:on|the|am|den|le|el|il|em|op|is|was|reads|ist|war|est|es|é|är|er|la|în|a|:)[ ]{1,3}){0,2}"
    # the particles of Japanese, Chinese and Korean, written without a space: 生年月日は, 出生日期是
    r"(?:(?<=[\u3040-\u9fff\uac00-\ud7af])(?:は|是|为|為|은|는|：)[ ]{0,2})?"
    # "Geburtsdatum zur Verifikation: 18.02.1961": a few words, then the colon
    r"(?:(?:[ ][^\W\d_]{1,20}+){1,3}[ ]?[:：][ ]{0,3})?"
    # the place before the date: "Tgl Lahir: Surabaya, 23-11-1987", "nato a Bari il 9 gennaio 1975"
    r"(?:(?:(?<=[ ])(?:a|à|in|en|em|w|i)[ ]{1,3})?[A-ZÀ-Þ][^\W\d_]{1,30}+(?:[ -][A-ZÀ-Þ][^\W\d_]{1,30}+)?"
    r"(?:,[ ]{1,3}|[ ]{1,3}(?:il|le|el|am|on|em)[ ]{1,3}))?"
)
_THAI_MONTHS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
    "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
_THAI_MONTHS = tuple(re.escape(m) for m in sorted(_THAI_MONTHS, key=len, reverse=True))
_MONTHS = frozenset(
    """jan feb mar apr may jun jul aug sep oct nov dec jän mär mai okt dez fév fev avr jui aoû aou déc ene abr ago
    set dic gen mag giu lug ott out maa mei sty lut kwi maj cze lip sie wrz paź paz lis gru oca şub sub nis haz
    tem ağu agu eyl eki kas ara tam hel huh tou kes hei elo syy lok jou led úno uno bře bre dub kvě kve čer cer
    srp zář zar říj rij pro ian iun iul noi des
    янв фев мар апр мая май июн июл авг сен окт ноя дек січ лют бер кві тра чер лип сер вер жов лис гру
    ιαν φεβ μαρ απρ μαΐ μαι ιου αυγ σεπ οκτ νοε δεκ""".split()
)
_BIRTH_RE = re.compile(
    # (and a genealogist's and a German form's star for "born", after a word: "Meier, Gisela * 03.09.1952")
    r"(?:" + cased(_BIRTH) + r"|(?<=[^\W\d_][ ])\*)(?:(?<=\.)|(?<=\*)|(?![^\W\d_])|(?=[は是为為은는]))" + _BIRTH_GAP + r"(?P<date>"
    # 12.04.1990, 04/12/1990, 1990-04-12, 12. 04. 1990, 04/12/90
    r"[0-9]{1,4}(?P<sep>[./-])[ ]?[0-9]{1,2}(?P=sep)[ ]?[0-9]{2,4}(?![0-9])"
    # 19900412
    r"|[12][0-9]{3}[01][0-9][0-3][0-9](?![0-9])"
    # 1986. 04. 19. (Hungarian), 14MAR88 (airlines)
    r"|[12][0-9]{3}\.[ ]?[01]?[0-9]\.[ ]?[0-3]?[0-9]\.?(?![0-9])|[0-3][0-9](?P<month3>[A-Z]{3})[0-9]{2}(?![0-9A-Za-z])"
    # 平成3年5月12日: a Japanese era's year
    r"|(?:明治|大正|昭和|平成|令和)[0-9元]{1,2}年[0-9]{1,2}月[0-9]{1,2}日"
    # 12 ส.ค. 2532: a Thai month, a Buddhist year
    r"|[0-9]{1,2}[ ](?:" + "|".join(_THAI_MONTHS) + r")[ ]?(?:พ\.ศ\.[ ]?)?[0-9]{4}(?![0-9])"
    # 1990年4月12日, 1990년 4월 12일
    r"|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}년[ ]?[0-9]{1,2}월[ ]?[0-9]{1,2}일"
    # 12 April 1990, 3. Mai 1985, 12 de abril de 1990, 1st of May 1990
    r"|[0-9]{1,2}(?:\.|st|nd|rd|th|er|º)?[ ](?:de[ ]|of[ ])?(?P<month1>[^\W\d_]{3,10}+)\.?,?[ ](?:de[ ]|del[ ])?[0-9]{4}(?![0-9])"
    # April 12, 1990
    r"|(?P<month2>[^\W\d_]{3,10}+)\.?[ ][0-9]{1,2}(?:st|nd|rd|th)?,?[ ][0-9]{4}(?![0-9])"
    r")"
)
_DIGIT_RE = re.compile(r"[0-9]")
#: A date the words after it say is a birth date: ``平成3年5月12日生まれ``, ``1990年4月12日生``,
#: ``1990년 4월 12일생``.
_BORN_AFTER_RE = re.compile(
    r"(?P<date>(?:明治|大正|昭和|平成|令和)?[0-9元]{1,4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}년[ ]?[0-9]{1,2}월[ ]?[0-9]{1,2}일)"
    r"(?=[ ]?(?:生まれ|生|出生|생))"
    # a year and a month, before a birth's own word (1979年3月出生; not 2024年3月生产, "produced")
    r"|(?:明治|大正|昭和|平成|令和)?[0-9元]{1,4}年[0-9]{1,2}月(?=[ ]?(?:生まれ|出生))|[0-9]{4}년[ ]?[0-9]{1,2}월(?=[ ]?생(?!산))"
)


#: A date or a year the Slavic abbreviation of "year of birth" follows: "12.09.1958 р.н.", "1985 г.р.".
_SLAVIC_BORN_AFTER_RE = re.compile(r"(?<![0-9.])(?:[0-3]?[0-9]\.[01]?[0-9]\.)?(?:19|20)[0-9]{2}(?:[ ]?г\.)?"
                                   r"(?=[ ]?(?:р\.[ ]?н\.|г\.[ ]?р\.|р\.[ ]?р\.|года рождения|року народження))")


def scrub_slavic_births_after(text: str, replace: Replace) -> str:
    """Dates before "р.н." or "г.р." (:data:`_SLAVIC_BORN_AFTER_RE`)."""
    if "р." not in text and "рождения" not in text and "народження" not in text:
        return text
    return _SLAVIC_BORN_AFTER_RE.sub(lambda m: replace("birth_date", m[0], m[0]), text)


def scrub_births_after(text: str, replace: Replace) -> str:
    """Dates followed by the words of a birth (:data:`_BORN_AFTER_RE`); the caller has seen
    ``生`` or ``생``."""
    return _BORN_AFTER_RE.sub(lambda m: replace("birth_date", m[0], m[0]), text)


def _birth(match: re.Match[str], replace: Replace) -> str:
    if not starts_word(match.string, match.start()):
        return match[0]
    month = match["month1"] or match["month2"] or match["month3"]
    if month is not None and month[:3].lower() not in _MONTHS:
        return match[0]
    date = match["date"]
    start = match.start("date") - match.start()
    return match[0][:start] + replace("birth_date", " ".join(date.lower().split()), date)


# --- addresses --------------------------------------------------------------------------

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩΆ-Ώ]"
_NAME_WORD = _CAP + r"[\w'’.-]{0,30}+"
_EN_STREET = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Terr|Tce"
    r"|Way|Parkway|Pkwy|Highway|Hwy|Close|Crescent|Cres|Gardens|Gdns|Grove|Row|Mews|Circle|Cir|Trail|Alley"
    r"|Plaza|Walk|Hill|Green|Park|Rise|View|Wharf|Quay|Broadway|Embankment"
)
_UNIT = r"(?:,?[ ](?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|#)\.?[ ]?[0-9A-Za-z-]{1,6}+)?"
_US_TOWN = r"(?:,[ ]" + _NAME_WORD + r"(?:[ ]" + _NAME_WORD + r")?,?[ ][A-Z]{2}[ ][0-9]{5}(?:-[0-9]{4})?)?"
#: A postal code and a town: 10115 Berlin, D-10115 Berlin, 00-001 Warszawa, 111 22 Stockholm,
#: 1100-048 Lisboa, 1234 AB Amsterdam.
_EU_TOWN = (
    r"(?:,?[ ](?:[A-Z]{1,2}-)?(?:[0-9]{4,5}|[0-9]{2}-[0-9]{3}|[0-9]{3}[ ][0-9]{2}|[0-9]{4}-[0-9]{3}|[0-9]{4}[ ]?[A-Z]{2})"
    r"[ ]" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r")?)?"
)
_UK_POSTCODE = (
    r"(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])[ ]?[0-9][ABD-HJLNP-UW-Z]{2}"
)
_UK_TOWN = (
    r"(?:,[ ]" + _NAME_WORD + r"(?:,?[ ]" + _UK_POSTCODE + r"|[ ]" + _NAME_WORD + r"(?:,?[ ]" + _UK_POSTCODE + r")?)?)?"
)
_FR_STREET = (
    r"rue|avenue|av\.|boulevard|bd|place|allée|allee|chemin|impasse|quai|cours|route|square|passage|villa"
    r"|rond-point|faubourg|chaussée"
    # the same order in Welsh and Irish: "12 Stryd y Capel", "3 Bóthar na Trá"
    r"|stryd|heol|ffordd|lôn|bóthar|sráid|ascaill|lána"
    # and Maltese: "42, Triq il-Mitħna"
    r"|triq"
)
_LATIN_STREET = (
    r"Calle|C/|Avenida|Avda\.|Av\.|Paseo|Plaza|Pza\.|Carrer|Camino|Ronda|Travesía|Via|Viale|Piazza|Corso|Largo"
    # Brazil's short forms: "R. Oscar Freire 811", "Al. Santos 1200"
    r"|R\.|Al\."
    # Peru's jirón: "Jr. de la Unión 122"
    r"|Jr\.|Jirón"
    r"|Vicolo|Rua|Travessa|Praça|Alameda|Estrada|Rodovia|ul\.|ulica|ulice|ulici|Aleja|al\.|Strada|Bulevardul|Calea"
    # Galician; Greek street, avenue and square
    r"|Rúa|Avenida|οδός|οδό|οδού|οδ\.|λεωφόρος|λεωφόρο|λεωφόρου|λεωφ\.|πλατεία|πλατείας"
)
#: Hungarian street words, after the street's name and before its number ("Andrássy út 60",
#: "Váci utca 12.", "Kossuth Lajos tér 1/A").
_HU_STREET = (r"utca|út|útja|u\.|tér|tere|körút|krt\.|köz|sétány|fasor|rakpart|sor"
              # the same order in Lithuanian, Latvian, Estonian, Czech, Slovak, Slovene and Turkish: "Gedimino pr. 9-14",
              # "Brīvības iela 12", "Pärnu mnt 10", "Václavské náměstí 12", "Slovenska cesta 5", "Bağdat Caddesi 212"
              r"|g\.|gatvė|pr\.|prospektas|al\.|alėja|iela|bulvāris|prospekts|gatve|tänav|tn|mnt|maantee|pst|puiestee"
              r"|náměstí|nám\.|třída|tř\.|ulice|námestie|nábrežie|cesta|ulica|Caddesi|Sokak|Sokağı|Bulvarı"
              # Turkmen: "Görogly köçesi 44"
              r"|köçesi|şaýoly")
GERMANIC_SUFFIX = (
    r"straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|pfad|steig|markt|straat|laan|gracht"
    r"|plein|kade|singel|dijk|vej|gade|gatan|vägen|väg|veien|vegen|gata|katu|tie|gränd"
    # Icelandic: "Laugavegur 46", "Skólavörðustígur 12", "Hringbraut 30"
    r"|vegur|stræti|braut|stígur"
)
_ADDRESS_RE = re.compile(
    # 221B Baker Street, London NW1 6XE / 1600 Amphitheatre Parkway, Mountain View, CA 94043
    # (a unit after a slash, "12/B, Temple Lane"; a direction and an ordinal street, "2275 W 4th Ave")
    r"[0-9](?<![\w.,-][0-9])[0-9]{0,4}[A-Za-z]?(?:-[0-9]{1,5})?(?:/[0-9A-Za-z]{1,4})?,?[ ]"
    r"(?:(?:[NSEW]|N[EW]|S[EW]|North|South|East|West)\.?[ ](?=[0-9]{1,3}(?:st|nd|rd|th)[ ]))?"
    r"(?:(?:" + _NAME_WORD + r"|[0-9]{1,3}(?:st|nd|rd|th))[ ]){1,4}?(?:" + _EN_STREET + r")\.?"
    r"(?![\w])" + _UNIT + r"(?:" + _US_TOWN[3:-2] + r"|" + _UK_TOWN[3:-2] + r")?"
    # 12 rue de la Paix, 75002 Paris
    r"|[0-9](?<![\w.,-][0-9])[0-9]{0,3}(?:[ ]?(?:bis|ter|[A-Ba-b]))?,?[ ](?:" + cased(_FR_STREET) + r")[ ]"
    r"(?:(?:des|de|du|la|les|le|et|aux|au|sur|l'|d'|y|yr|na|an|il-|l-|tal-|ta'[ ])[ ]?|" + _NAME_WORD + r"[ ]?){1,6}+" + _EU_TOWN
    # Calle Mayor 5 / Via Roma, 10 / Rua Augusta, nº 123
    + r"|(?:" + cased(_LATIN_STREET) + r")[ ](?:(?:de|del|de la|la|las|los|da|do|das|dos|di|della|delle|dei"
    r"|degli)[ ]|(?![nN][º°o.]{1,2}[ ]?[0-9])" + _NAME_WORD + r"[ ]?){1,6}+,?[ ]?(?:[nN][º°o.]{1,2}[ ]?|#[ ]?)?[0-9]{1,5}[A-Za-z]?(?![\w])" + _EU_TOWN
    # Andrássy út 60, 1062 Budapest
    + r"|" + _CAP + r"(?<![\w]" + _CAP + r")[\w'’.-]{0,30}+(?:[ ]" + _NAME_WORD + r"){0,2}[ ](?:" + _HU_STREET + r")"
    r"[ ](?:No:[ ]?)?[0-9]{1,4}(?:[/-][A-Za-z0-9]{1,4})?(?![\w])(?:,?[ ][0-9]{4}(?:[ ]" + _NAME_WORD + r")?(?![\w]))?"
    # Hauptstraße 5, 10115 Berlin / Kerkstraat 12
    # Wilhelm-Leuschner-Str. 27, Kaiserstraße 41/2/15 (stair and door), Zeeburgerdijk 88-III
    # (not a platform, a gate or a seat: "Bahnsteig 8", "Flugsteig A12", "Stellplatz 14")
    + r"|(?!(?:Bahn|Flug)steig|(?:Sitz|Stell|Park|Liege|Arbeits|Zelt)platz)" + _CAP + r"(?<![\w]" + _CAP + r")[\w-]{0,40}?(?:" + GERMANIC_SUFFIX + r"|-Str\.|-Straße|-Strasse|-Weg|-Platz"
    r"|-Allee|-Ring|-Damm|-Gasse|-Ufer)[ ]?[0-9]{1,4}[ ]?[a-zA-Z]?(?:[/-][0-9A-Za-z]{1,4}(?![\w])){0,3}(?![\w])"
    # a count after a place's name is no house number: "Parkhaus Karl-Marx-Allee 2 Std. kostenlos"
    r"(?![ ]?(?:Std|Stunden|Min|Minuten|km|Uhr|Tage|Jahre|Euro|EUR|€|%|h\b|x\b))" + _EU_TOWN
)
_POSTAL_WORDS = (
    r"post ?code|postal code|zip ?code|postleitzahl|code postal|código postal|codigo postal|codice postale"
    r"|postnummer|postinumero|kod pocztowy"
)
_POSTAL_ABBREVIATIONS = r"PLZ|CEP|CAP|C\.P\.|ZIP|Zip|zip"
_POSTAL_CUE_RE = re.compile(
    r"(?:" + cased(_POSTAL_WORDS) + "|" + _POSTAL_ABBREVIATIONS + r")"
    r"[\s:#=]{0,3}(?:(?:is|ist|est|es|é|è|är|er|to)[ ]{1,3})?(?P<code>" + _UK_POSTCODE + r"|[A-Z]{1,2}-?[0-9]{4,5}|[0-9]{5}-[0-9]{3}|[0-9]{5}-[0-9]{4}"
    r"|[0-9]{2}-[0-9]{3}|[0-9]{3}[ ][0-9]{2}|[0-9]{4,6}|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9])(?![\w])"
)
#: An Irish Eircode: a routing key (its letters and digits, or Dublin 6W's) and four characters of a
#: set without the letters that read alike, one a letter at least ("V92 W6WP"; "Pro, A12 3456" is a count).
_EIRCODE = r"(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W)[ ]?(?=[0-9]{0,3}[AC-FHKNPRTV-Y])[0-9AC-FHKNPRTV-Y]{4}"
_TOWN_POSTCODE_RE = re.compile(
    _CAP + r"(?<![\w]" + _CAP + r")[a-zà-ÿ]{2,30}(?:[ ]" + _CAP + r"[a-zà-ÿ]{2,30})?,?[ ](?P<code>" + _UK_POSTCODE + r"|"
    + _EIRCODE + r")(?![\w])"
)
#: A street of any language by its place before a postal code and a town: "Zborovská 12, 150 00
#: Praha", "Slovenska cesta 55, 1000 Ljubljana", "Telliskivi 60a/3, 10412 Tallinn". A four-digit
#: code must not read as a year ("Release 3, 2024 Edition").
_STREET_BEFORE_TOWN_RE = re.compile(
    r"(?<![\w.,/-])(?!(?:Order|Orders|Test|Tests|Version|Release|Page|Step|Room|Gate|Terminal|Platform|Level|Floor"
    r"|Chapter|Section|Table|Figure|Item|Items|Line|Row|Column|Build|Run|Batch|Ticket|Case|Invoice|Week|Day|Year|Part"
    r"|Phase|Round|Stage|Group|Team|Box|Lot|Unit|Seat|Track|Episode|Season|Volume|Vol|No|Nr|January|February|March"
    r"|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov"
    r"|Dec)[ ])"
    + _CAP + r"[\w'’.-]{1,30}+(?:[ ][\w'’.-]{1,30}+){0,2}?[ ][0-9]{1,4}[A-Za-z]?"
    r"(?:[/-][0-9A-Za-z]{1,4}){0,3}(?![\w]),[ ](?:[A-Z]{1,2}-)?(?P<code>[0-9]{5}|[0-9]{3}[ ][0-9]{2}|[0-9]{2}-[0-9]{3}"
    r"|[0-9]{4}[ ]?[A-Z]{2}|(?!19|20)[0-9]{4})(?![\w])[ ]" + _CAP + r"[\w'’-]{1,30}+"
)
_STREET_BEFORE_TOWN_GUARD_RE = re.compile(r"[0-9], (?:[A-Z]{1,2}-)?[0-9]{2}")
#: What :data:`_ADDRESS_RE` needs, in the cheapest order. A street word of English, French
#: or the Latin languages starts a word and ends one: "courses" or "Streets" is no street.
STREET_WORDS = variants(_EN_STREET + "|" + _FR_STREET + "|" + _LATIN_STREET + "|" + _HU_STREET)
_street_word = starts_a_word(STREET_WORDS, after=r"(?![^\W\d_])")

#: A Germanic street name ends in its suffix and a house number: a digit after a letter or
#: a full stop (a space between at most), looked for from the digits, which are rarer.
_NUMBER_AFTER_WORD_RE = re.compile(r"[0-9](?:(?<=[^\W\d_][0-9])|(?<=\.[0-9])|(?<=[^\W\d_] [0-9])|(?<=\. [0-9]))")
_germanic_street = occurs(variants(GERMANIC_SUFFIX), after=r"[ ]?[0-9]")  # "Hauptstraße 5", "Kaiserring5"


def _may_hold_street(text: str, street_words: bool) -> bool:
    return (street_words and _street_word(text)) or (
        _NUMBER_AFTER_WORD_RE.search(text) is not None and _germanic_street(text)
    )


#: A character of a place's name: none of the words a sentence puts before one ("我在", "送到", "看下", "或者").
_CJK_PLACE_CHAR = r"(?:(?![在到送住看去于於下我你他她的是转轉放来來或者和与與及从從往向请請麻烦煩址])[\u4e00-\u9fff])"
#: A Chinese road's number: its section, lane and alley first (Taiwan's 五段, 115巷, 3弄; Shanghai's 88弄).
_CJK_ROAD_NUMBER = r"(?:[一二三四五六七八九十]段)?(?:[0-9]{1,4}巷)?(?:[0-9]{1,4}弄)?[0-9]{1,5}[号號]"
#: What follows a home's road number and no shop's: a compound, a building, a block, a unit, a floor, a flat.
_CJK_HOME_UNITS = (r"(?:院|[0-9]{1,3}[号號](?:楼|樓)|[\u4e00-\u9fff]{2,8}?(?:中心|大厦|大廈|花园|花園)|第?[0-9]{1,3}座"
                   r"|[0-9]{1,3}(?:栋|棟|幢)|[0-9]{1,2}[单單]元|[0-9]{1,3}(?:楼|樓|层|層|F)|[一二三四五六七八九十](?:楼|樓)"
                   r"|之[0-9一二三四五六七八九]|[A-Z]室|[0-9]{3,4}室?(?![0-9]))+")

#: East Asian addresses, written from the largest unit down without spaces (Korean with
#: them): a Japanese prefecture, its municipality and the block numbers (``1-1``, ``3丁目``;
#: "the population of 東京都港区 is 26万" has none), the postal mark
#: and code before them (``〒100-0001 東京都千代田区千代田1-1``); a Chinese province or city
#: down to a road and its number (``北京市朝阳区建国路88号``); a Korean city or province,
#: its districts, a road and its number (``서울특별시 강남구 테헤란로 123``).
_CJK_ADDRESS_RE = re.compile(
    r"(?:〒[ ]?[0-9]{3}-?[0-9]{4}[ ]?)?(?:東京都|北海道|大阪府|京都府|[\u4e00-\u9fff]{2,3}県)"
    r"[\u3040-\u30ff\u4e00-\u9fff]{0,8}?[市区町村郡][\u3040-\u30ff\u4e00-\u9fff]{0,12}?[0-9]{1,4}"
    r"(?:丁目|番地|番|号|-(?=[0-9]))(?:[0-9]{1,4}(?:丁目|番地|番|号|の(?=[0-9])|-(?=[0-9]))?){0,4}"
    r"|〒[ ]?[0-9]{3}-?[0-9]{4}"
    r"|[\u4e00-\u9fff]{2,10}?(?:省|市|自治区|縣|县)[\u4e00-\u9fff]{1,20}?(?:路|街|道|巷|弄|胡同)"
    # a Taiwanese road's section, lane and alley (忠孝東路四段216巷27弄5號3樓)
    r"(?:[一二三四五六七八九十]段)?(?:[0-9]{1,4}巷)?(?:[0-9]{1,4}弄)?[0-9]{1,5}[号號]"
    r"(?:[0-9]{1,3}[樓楼Ff])?(?:[\u4e00-\u9fff0-9]{0,12}(?:室|楼|樓|单元))?"
    r"|[가-힣]{2,8}(?:특별시|광역시|특별자치시|도|시)(?:[ ]?[가-힣]{1,8}(?:구|군|시)){1,2}[ ]?[가-힣0-9]{1,12}(?:로|길)"
    r"[ ]?[0-9]{1,5}(?:-[0-9]{1,5})?"
    # a home's address without its city: a road and its number, then the building, the floor or the
    # flat (阜通东大街6号院3号楼1805, 莲花路88弄12号602, 信義路五段7號12樓之3; a shop's "南京东路100号" has none)
    r"|" + _CJK_PLACE_CHAR + r"{1,6}?(?:大街|大道|路|街|巷|胡同)" + _CJK_ROAD_NUMBER + _CJK_HOME_UNITS +
    # an estate's building and flat (锦绣花园7栋2单元301, 瀝源邨福海樓1204室)
    r"|" + _CJK_PLACE_CHAR + r"{2,6}?(?:花园|花園|小区|小區|新村|家园|家園|公寓|苑|邨)(?:[0-9]{1,3}(?:栋|棟|幢|座|号楼|號樓)"
    r"|[\u4e00-\u9fff]{1,4}(?:樓|楼))(?:[0-9]{1,2}[单單]元)?[0-9]{3,4}室?(?![0-9])"
)
#: A Turkish street and its number (``Atatürk Cad. No:15 Daire 3, 34000 Fatih/İstanbul``), and
#: an address that starts with a flat, a house or a plot and runs, part by part, to its postal
#: code (``Flat 402, Sai Residency, 12th Main Road, Indiranagar, Bengaluru 560038``).
_TR_STREET = r"Cad\.|Caddesi|Cd\.|Sok\.|Sokak|Sokağı|Sk\.|Bulvarı|Blv\."
_MORE_ADDRESS_RE = re.compile(
    _CAP + r"(?<![\w]" + _CAP + r")[\w'’-]{1,30}+(?:[ ]" + _CAP + r"[\w'’-]{1,30}+){0,2}?[ ](?:" + _TR_STREET + r")"
    r"[ ]?No[:.]?[ ]?[0-9]{1,4}[A-Za-z]?(?:[ ,/]{1,2}(?:Daire|D\.|Kat|K\.)[ :]?[0-9]{1,3})*+"
    r"(?:,?[ ][0-9]{5}[ ][\w/.-]{2,40}+)?"
    r"|(?<![\w])(?:Flat|Apt\.?|Apartment|Suite|Unit|House No\.?|House|H\.[ ]?No\.?|Plot No\.?|Door No\.?)[ ]?#?[0-9][0-9A-Za-z/-]{0,5}"
    r"(?:,[ ][^,;\n]{2,40}?){1,6}?[ ,][1-9][0-9]{4,5}(?![0-9])"
)
_MORE_ADDRESS_GUARD_RE = re.compile(r"Cad|Cd\.|Sok|Sk\.|Bulvar|Blv\.|Flat|Apt|Suite|Unit|House|Plot No|Door No|H\.[ ]?No")
#: Addresses of more countries, from the street word to the flat: Romanian (``Str. Mihai
#: Eminescu nr. 47, bl. B2, sc. 1, ap. 14, Sector 2, 020083 București``), Ukrainian and Russian
#: (``вул. Хрещатик, буд. 22, кв. 15``, ``ул. Малышева, 51, кв. 118``), Vietnamese (``123 Nguyễn
#: Trãi, Phường 2, Quận 5``), Pakistani sectors (``Street 7, F-7/2``), a Canadian postal code
#: after its province (``Montréal (Québec) H2J 2L4``).
_INTL_ADDRESS_RE = re.compile(
    r"(?<![\w])(?:Str\.|Strada|Bd\.|Bdul\.|Bulevardul|Calea|Șos\.|Sos\.|Aleea|Splaiul|Intrarea)[ ][\w.'-]{2,30}+"
    r"(?:[ ][\w.'-]{1,30}+){0,4}?[ ,]{1,2}(?:(?:nr|Nr)\.?[ ]?)?[0-9]{1,4}[A-Za-z]?(?![\w])"
    r"(?:,[ ](?:bl|sc|et|ap|cam|Bl|Sc|Et|Ap)\.?[ ]?[0-9A-Za-z]{1,4}+)*+(?:,[ ]Sector[ ][1-6])?(?:,[ ](?:[A-ZȘȚĂÂÎ][\w-]{2,30}[ ])?[0-9]{6}(?![0-9]))?"
    r"|(?<![\w])(?:вул\.|вулиця|ул\.|улица|просп\.|проспект|пр-т|пров\.|пер\.|переулок|бульв\.|б-р|бул\.|булевард"
    r"|наб\.|пл\.|шосе|шоссе)"
    r"[ ]?[\w'’.-]{2,30}+(?:[ ][\w'’.-]{1,30}+){0,3}?,?[ ](?:(?:буд\.|будинок|д\.|дом)[ ]?)?[0-9]{1,4}[\w/-]{0,4}+"
    r"(?:,?[ ](?:кв\.|квартира|корп\.|к\.|стр\.|оф\.|офіс|офис|вх\.|ет\.|ап\.)[ ]?[0-9А-ЯA-Z]{1,4}[\w]{0,2}+)*+"
    r"|(?<![\w])[0-9]{1,5}[A-Z]?(?:/[0-9]{1,4})?[ ](?:[^\W\d_][\w]{0,12}+[ ]){0,4}?[^\W\d_][\w]{0,12}+,[ ]"
    r"(?:Phường|P\.|Xã|Thị trấn|Quận|Q\.|Huyện)[ ][\w]{1,15}+(?:[ ][\w]{1,15}+){0,2}?(?=,|$)"
    r"|(?<![\w])Street[ ][0-9]{1,3},[ ][A-Z]-?[0-9]{1,2}(?:/[0-9])?(?![\w])"
    r"|(?<![\w])(?:Québec|Quebec|Ontario|QC|ON|BC|AB|MB|SK|NS|NB|NL|PE|YT|NT|NU|Alberta|Manitoba|Columbia|Scotia"
    r"|Brunswick|Labrador|Saskatchewan|Island|Montréal|Montreal|Toronto|Vancouver|Ottawa|Calgary)\)?,?[ ]{1,2}"
    r"(?P<ca>[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z][ ]?[0-9][ABCEGHJ-NPRSTV-Z][0-9])(?![\w])"
)
_INTL_ADDRESS_WORDS = Literals(["nr.", "Nr.", "Str. ", "Strada ", "Bd. ", "Bdul. ", "Bulevardul ", "Calea ", "Șos. ", "Sos. ", "Aleea ", "Splaiul ", "Intrarea ", "нр", "вул", "ул.", "улиц", "просп", "пр-т", "пров.", "пер.", "бульв", "б-р",
                                "наб.", "пл.", "шос", "бул.", "булевард", "Phường", "P. ", "Xã", "Quận", "Q. ", "Huyện"])
_INTL_ADDRESS_GUARD_RE = re.compile(r"Street [0-9]|[0-9][A-Z][ ][0-9][A-Z][0-9]")  # and a Canadian postal code
#: Addresses as they are written in more places, each by a mark of its own: Indonesian (``Jl.
#: Melati No. 8, RT 02/RW 07``, ``Blok C5 No. 12``), an Indian sector (``B-14, Sector 22``) or a
#: Hindi street (``45, गांधी नगर``, ``मकान नं. 27, शिवाजी मार्ग``), Thai (``45/7 ซอยสุขุมวิท 39
#: แขวงคลองตันเหนือ``), a Korean flat (``105동 1203호``), a Japanese ward, town and block without its
#: prefecture (``世田谷区三軒茶屋2-11-3``), a street after its number in Portuguese or Spanish
#: (``17 Rua das Flores``), a French building and flat (``Bât. C, Apt 42``).
_HI_STREET = "नगर|मार्ग|रोड|गली|कॉलोनी|कालोनी|सेक्टर|मोहल्ला|चौक|पथ|बाजार|बाज़ार|विहार|पुरम|एन्क्लेव"
_LOCAL_ADDRESS_RE = re.compile(
    r"(?<![\w.])(?:Jl\.|Jln\.?|Jalan)[ ][\w.'-]{2,30}+(?:[ ][\w.'-]{1,30}+){0,4}?,?[ ](?:No\.?|Nomor)[ ]?[0-9]{1,4}[A-Za-z]?"
    r"(?:,?[ ]RT[ .]?[0-9]{1,3}[ ]?/[ ]?RW[ .]?[0-9]{1,3})?"
    r"|(?<![\w])Blok[ ][A-Z0-9]{1,4}(?:[/-][0-9]{1,3})?,?[ ]No\.?[ ]?[0-9]{1,4}[A-Za-z]?"
    r"|(?<![\w])Blok[ ][A-Z]-[0-9]{1,2}-[0-9]{1,3}(?![\w])"
    # Colombia's street, its number and the crossing street's: "Calle 85 # 11-53 apto 602", "Cra. 43A # 1 Sur-50"
    r"|(?<![\w])(?:Calle|Cl\.|Carrera|Cra\.|Kr\.|Avenida|Av\.|Diagonal|Dg\.|Transversal|Tv\.)[ ][0-9]{1,3}[A-Z]?"
    r"(?:[ ](?:Bis|Sur|Norte|Este))?[ ]?(?:#|No\.?|N°)[ ]?[0-9]{1,3}[A-Z]?(?:[ ](?:Sur|Bis))?[ ]?-[ ]?[0-9]{1,3}"
    r"(?:,?[ ](?:apto|apt|apartamento|int|interior|casa|torre|piso)\.?[ ]?[0-9A-Z]{1,5}(?![\w]))*"
    r"|(?<![\w-])[A-Z]{1,2}-?[0-9]{1,4}[A-Z]?,[ ]Sector[ ][0-9]{1,3}[A-Z]?(?![\w])"
    r"|(?:मकान नं\.?[ ]?|म\.[ ]?नं\.?[ ]?)?(?<![\w/])[0-9]{1,4}[A-Za-z]?,?[ ][\u0900-\u097f]+(?:[ ][\u0900-\u097f]+){0,3}?[ ]"
    r"(?:" + _HI_STREET + r")(?![\u0900-\u097f])"
    r"|(?<![\w/])[0-9]{1,4}(?:/[0-9]{1,4})?[ ](?:ซอย|ซ\.|ถนน|ถ\.|หมู่ที่|หมู่|ม\.)[ ]?[\u0e00-\u0e7f]*(?:[ ]?[0-9]{1,4})?"
    r"(?:[ ](?:แขวง|ตำบล|ต\.)[ ]?[\u0e00-\u0e7f]+)?"
    r"|(?<![0-9])[0-9]{1,4}동[ ]?[0-9]{1,5}호(?![가-힣])"
    r"|[\u4e00-\u9fff]{1,5}?[区市町村][\u4e00-\u9fff\u3040-\u30ff々ヶ]{1,8}?[0-9]{1,4}[-－−][0-9]{1,4}[-－−][0-9]{1,4}"
    r"(?![0-9])"
    # a ward or a town, then a district's chōme and the block (中央区天神2丁目14-8), and the building and
    # flat after it (天神プレイス601号)
    r"|(?<=[区市町村])[\u4e00-\u9fff々ヶ]{1,8}?[0-9]{1,4}丁目[0-9]{1,4}(?:[-－−番][0-9]{1,4})?(?:号)?"
    r"(?:[ 　]?[\u4e00-\u9fff\u30a0-\u30ff]{1,12}[0-9]{1,4}号室?)?"
    r"|(?<![\w.,])[0-9]{1,4}[A-Za-z]?,?[ ](?:Rua|Calle|Avenida|Travessa|Carrer|Praça|Alameda)[ ]"
    r"(?:(?:das|dos|da|do|de la|de|del|la)[ ])?" + _NAME_WORD + r"(?:[ ]" + _NAME_WORD + r"){0,3}"
    r"|(?<![\w])(?:Bât\.?|Bâtiment|Bat\.)[ ][A-Z0-9]{1,3},?[ ](?:Apt|Appt|Appartement|App\.)[ .]?[0-9]{1,4}(?![0-9])"
)
_LOCAL_ADDRESS_GUARD_RE = re.compile(
    r"Jl\.|Jln|Jalan|Blok |Sector |Cra\.|Cl\.|Carrera |Kr\.|Diagonal |Transversal |Av\. |丁目|[0-9]동|ซ|ถ|หมู่|ม\.|[区市町村][^\n]{0,10}[0-9][-－−]|" + _HI_STREET
    + r"|Rua |Calle |Avenida |Travessa |Carrer |Praça |Alameda |Bât|Bat\."
)
#: The least a text holds for :data:`_CJK_ADDRESS_RE`: the postal mark, or a Japanese
#: prefecture's, a Chinese province's or city's, a Korean city's or province's last character, or a
#: home's unit after a number (号院, 7栋, 12樓, 邨).
_CJK_ADDRESS_GUARD_RE = re.compile(r"[〒都道府県省市区시도邨]|[号號][院0-9楼樓一二三四五六七八九]|[0-9](?:栋|棟|幢|座|[单單]元|樓|楼)")


def scrub_addresses(text: str, replace: Replace, cued: bool = True, street_words: bool = True) -> str:
    """Addresses and postal codes. The caller may know more: ``cued=False`` says the text
    holds none of :data:`CUE_WORDS` (so no postal-code cue), ``street_words=False`` none of
    :data:`STREET_WORDS` at the start of a word."""
    if _may_hold_street(text, street_words):
        text = _ADDRESS_RE.sub(lambda m: _address(m, replace), text)
    if _MORE_ADDRESS_GUARD_RE.search(text) is not None:
        text = _MORE_ADDRESS_RE.sub(lambda m: _whole_address(m, replace), text)
    if _STREET_BEFORE_TOWN_GUARD_RE.search(text) is not None:
        text = _STREET_BEFORE_TOWN_RE.sub(lambda m: m[0] if _a_business_address(m) or _the_whole_value(m)
                                          else _whole_address(m, replace), text)
    if _INTL_ADDRESS_WORDS.found_in(text) or _INTL_ADDRESS_GUARD_RE.search(text) is not None:
        text = _INTL_ADDRESS_RE.sub(lambda m: _whole_address(m, replace) if m["ca"] is None
                                    else swap_group(m, "ca", replace("postal_code", m["ca"].upper(), m["ca"])), text)
    if _LOCAL_ADDRESS_GUARD_RE.search(text) is not None:
        text = _LOCAL_ADDRESS_RE.sub(lambda m: _whole_address(m, replace), text)
    if not text.isascii() and _CJK_ADDRESS_GUARD_RE.search(text) is not None:
        text = _CJK_ADDRESS_RE.sub(lambda m: _whole_address(m, replace), text)
    if cued:
        text = _POSTAL_CUE_RE.sub(lambda m: _code(m, replace), text)
    text = _TOWN_POSTCODE_RE.sub(lambda m: _code(m, replace), text)
    return text


#: The words of a business's premises, before its address: "Hotel Adlon, Unter den Linden 77".
_PREMISES_WORDS = frozenset("""impressum imprint hotel hostel restaurant café cafe bar shop store boutique filiale
    sitz showroom warehouse""".split())
#: The part of a text before an address that may name whose premises it is: back to the last comma's
#: segment's start or a sentence's end.
_SEGMENT_START_RE = re.compile(r".*(?:[,;:\n]|[.!?][ ])", re.DOTALL)


def _a_business_address(match: re.Match[str]) -> bool:
    """Is the address a firm's, the firm named right before it ("Siemens AG, Werner-von-Siemens-Straße
    1", "Impressum: ...", "Hotel Adlon Kempinski, Unter den Linden 77")? A person's home a sentence
    after their employer's name is no firm's."""
    before = match.string[max(0, match.start() - 80):match.start()].rstrip(" ,:;\n")
    if not before:
        return False
    cut = _SEGMENT_START_RE.match(before)
    segment = before[cut.end():] if cut is not None else before
    words = segment.split()
    if words and _LEGAL_FORM_RE.search(" " + words[-1]) is not None:
        return True
    return any(w.lower().strip("().") in _PREMISES_WORDS or w.lower() in INSTITUTION_WORDS for w in words)


_DISTRICT_AFTER_RE = re.compile(r"[ ]?[0-9]{0,2}[ ]?\Z")


def _the_whole_value(match: re.Match[str]) -> bool:
    """Is the address all the text holds (a few words of its street's name before, a district's
    number after: "Galerie de la Reine 25-27, 1000 Bruxelles", "..., 170 00 Praha 7")? A field's
    whole value is an address to its field's name: a person's under ``address``, a shop's under
    ``boutique``, where this pass cannot tell them apart; in a sentence, it is someone's."""
    before = match.string[:match.start()]
    return (len(before) <= 40 and not any(c.isdigit() or c in ",.:;!?\n" for c in before)
            and _DISTRICT_AFTER_RE.match(match.string, match.end()) is not None)


def _address(match: re.Match[str], replace: Replace) -> str:
    if not match.string[match.start() - 1:match.start()].isalnum() or match.start() == 0:
        if _english_ring(match[0]) or _a_business_address(match):
            return match[0]
        return _whole_address(match, replace)
    return match[0]


def _whole_address(match: re.Match[str], replace: Replace) -> str:
    return replace("address", " ".join(match[0].lower().split()), match[0])


#: English words ending like a German ring road (``Kaiserring 5``): ``Spring 2026``,
#: ``String 3``, and the -ing forms of verbs in -r (``Monitoring 24``, ``Offering 2``).
_ENGLISH_RING_RE = re.compile(r"(?:[A-Za-z]*[aeiou]ring|[Ss]pring|[Ss]tring|[Bb]ring)(?=[ ]?[0-9])")


def _english_ring(address: str) -> bool:
    return _ENGLISH_RING_RE.match(address) is not None


def _code(match: re.Match[str], replace: Replace) -> str:
    if not starts_word(match.string, match.start()):
        return match[0]
    start = match.start("code") - match.start()
    code = match["code"]
    return match[0][:start] + replace("address", " ".join(code.lower().split()), code) + match[0][start + len(code):]


#: What a name cue or a postal-code cue starts with, at the start of a word (both passes
#: check :func:`starts_word`).
#: Words that say an address follows, in prose ("my address is", "ik woon op", "j'habite").
_ADDRESS_INTRO = (
    r"my address is|my home address is|i live at|meine adresse ist|meine anschrift ist|ich wohne in der|ich wohne am"
    r"|ich wohne|mijn adres is|ik woon op|ik woon aan|mon adresse est|j'habite au|j'habite|mi dirección es"
    r"|mi direccion es|vivo en la|vivo en|il mio indirizzo è|abito in via|abito in|o meu endereço é|moro na|moro em"
    r"|mój adres to|mieszkam przy|mieszkam na|min adress är|jag bor på|min adresse er|jeg bor på|osoitteeni on"
    r"|asun osoitteessa|adresim"
    # Basque, Galician, Catalan, Kazakh, Russian, Ukrainian, Mongolian, Sinhala and Hindi written in
    # Latin letters, Bengali, Greek, Turkish, Indonesian
    r"|helbidea|nire helbidea|o meu enderezo é|o meu enderezo|a miña dirección é|la meva adreça és|visc a"
    r"|мекенжайым|менің мекенжайым|мой адрес|мій адреса|моя адреса|миний хаяг|хаяг нь|address eka|mage address eka"
    r"|mera address|mera pata|আমার ঠিকানা|আমার বাসা|η διεύθυνσή μου είναι|η διεύθυνση μου|μένω στην|μένω στο"
    r"|adresim şu|alamat saya|alamatku|alamat aku|deliver to|send it to|ship to"
)
_ADDRESS_INTRO_RE = re.compile(r"(?:" + cased(_ADDRESS_INTRO) + r")(?![^\W\d_])[ ]{1,3}")
#: What follows an address's introduction when it is a street and a number: capitalised
#: words then the number (``Damrak 1``), or the number first (``8 boulevard ...``); not a
#: town and a year (``j'habite à Paris depuis 2010``).
_STREET_SHAPE_RE = re.compile(
    r"(?:(?:ul\.|al\.|C/)[ ]?)?(?:" + _CAP + r"[\w'’.-]{0,30}[ ]){1,4}(?:n[º°o.]{1,2}[ ]?)?[0-9]{1,5}[A-Za-z]?(?![\w])"
    r"|[0-9]{1,5}(?:[/-][^\W_]{1,4})?[A-Za-z]?,?[ ][^\W\d_]"
    # a street's name then its kind in lower case: "Абай даңғылы 150", "Kale nagusia 15"
    r"|[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁӘҒҚҢӨҰҮҺІЇЄΑ-Ω][\w'’.-]{1,30}[ ][^\W\d_]{2,20}[ ](?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]{1,5}(?![0-9])"
)


def address_intros(text: str) -> list[tuple[int, int]]:
    """Where an introduced address starts, and where its street and number end, for each
    "my address is"-like cue followed by one (the caller reads the rest to the clause end)."""
    found = []
    for match in _ADDRESS_INTRO_RE.finditer(text):
        if not starts_word(text, match.start()):
            continue
        street = _STREET_SHAPE_RE.match(text, match.end())
        if street is not None:
            found.append((match.end(), street.end()))
    return found


CUE_WORDS = [*_NAME_CUES, *variants(_POSTAL_WORDS), *top_level(_POSTAL_ABBREVIATIONS), *variants(_BIRTH),
             *variants(_ADDRESS_INTRO)]


# --- handles in profile links, names in file names, hidden names ------------------------

#: A person's profile on a social network or a messenger: the handle after the host
#: (``t.me/ivan_p``, ``instagram.com/mai.nguyen``, ``linkedin.com/in/jane-doe-4b2a19``,
#: ``tiktok.com/@jane``), and Facebook's numeric profile ID (``profile.php?id=1000...``).
_PROFILE_RE = re.compile(
    r"(?<![\w.-])(?:(?:www|m|mobile|[a-z]{2})\.)?"
    r"(?:t\.me|telegram\.me|instagram\.com|linkedin\.com/in|(?:facebook|fb)\.com|twitter\.com|x\.com|tiktok\.com"
    r"|vk\.com|threads\.net|snapchat\.com/add|pinterest\.[a-z]{2,3}|xing\.com/profile)/"
    r"(?:profile\.php\?id=(?P<id>[0-9]{5,20}+)|@?(?P<handle>[\w.-]{2,64}+))"
)
#: Paths of those hosts that are pages of the site, not people.
_NOT_PROFILES = frozenset(
    """p reel reels explore accounts share sharer sharer.php intent home search i hashtag groups events pages watch
    help legal about policies privacy login signup company school jobs feed stories tv joinchat s c settings
    notifications messages dialog plugins tr ads business developers marketplace gaming embed oauth api
    addstickers proxy iv contact legal terms download discover tag music video""".split()
)
_PROFILE_HOSTS = ("t.me/", "telegram.me/", "instagram.", "linkedin.", "facebook.", "fb.com/", "twitter.", "x.com/",
                  "tiktok.", "vk.com/", "threads.net/", "snapchat.", "pinterest.", "xing.")
_PROFILE_HOST_SCAN = Literals(_PROFILE_HOSTS)


def scrub_profiles(text: str, replace: Replace) -> str:
    """Handles and profile IDs in links to a person's profile (see :data:`_PROFILE_RE`)."""
    if not _PROFILE_HOST_SCAN.found_in(text):
        return text
    return _PROFILE_RE.sub(lambda m: _profile(m, replace), text)


def _profile(match: re.Match[str], replace: Replace) -> str:
    group = "id" if match["id"] is not None else "handle"
    handle = match[group]
    if group == "handle" and (handle.lower().rstrip(".") in _NOT_PROFILES or not any(c.isalpha() for c in handle)):
        return match[0]
    if match.string.startswith(":", match.end()):
        return match[0]  # a pseudonym already (name:2aca...), in a record scrubbed twice
    return swap_group(match, group, replace("name", handle.lower(), handle))


#: A document's file name that carries its person's name: ``CV_Thandiwe_Nkosi.pdf``,
#: ``Passport-Scan-Jane-Doe.jpg``, ``Lebenslauf_Max_Mustermann_2026.docx``.
_FILE_NAME_RE = re.compile(
    r"(?<![\w.-])(?P<stem>[\w-]{3,120}+)\.(?:pdf|PDF|docx?|DOCX?|jpe?g|JPE?G|png|PNG|heic|HEIC|tiff?|TIFF?|odt|rtf|webp)(?![\w])"
)
_FILE_EXTENSIONS = (".pdf", ".PDF", ".doc", ".DOC", ".jp", ".JP", ".png", ".PNG", ".heic", ".HEIC", ".tif", ".TIF",
                    ".odt", ".rtf", ".webp")
_FILE_EXTENSION_SCAN = Literals(_FILE_EXTENSIONS)
#: Words of a file name that say the document is about one person.
_PERSONAL_DOCUMENTS = frozenset(
    """cv resume résumé lebenslauf curriculum vitae passport reisepass ausweis personalausweis idcard id scan
    bewerbung zeugnis arbeitszeugnis payslip lohnabrechnung gehaltsabrechnung anschreiben cover letter
    motivation motivationsschreiben diploma certificate zertifikat kyc selfie photo foto portrait headshot dni nie
    pasaporte passeport carte identite identity driving licence license führerschein fuehrerschein visa permit
    birth medical befund arztbrief attest krankmeldung sick note referral prescription rezept
    candidature candidatura solicitud lettre""".split()
)
_FILE_PART_RE = re.compile(r"[_-]")
_FILE_NAME_WORD_RE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{1,30}")


def scrub_file_names(text: str, replace: Replace) -> str:
    """Names in the file names of personal documents (see :data:`_FILE_NAME_RE`): the
    capitalised words of the name that are not the document's."""
    if not _FILE_EXTENSION_SCAN.found_in(text):
        return text
    return _FILE_NAME_RE.sub(lambda m: _file_name(m, replace), text)


def _file_name(match: re.Match[str], replace: Replace) -> str:
    parts = _FILE_PART_RE.split(match["stem"])
    if len(parts) < 3 or not any(part.lower() in _PERSONAL_DOCUMENTS for part in parts):
        return match[0]
    names = [i for i, part in enumerate(parts) if part.lower() not in _PERSONAL_DOCUMENTS
             and _FILE_NAME_WORD_RE.fullmatch(part) is not None and part.lower() not in _NOT_NAMES]
    # two to four capitalised words in a row
    runs: list[list[int]] = []
    for i in names:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [run for run in runs if 2 <= len(run) <= 4]
    if not runs:
        return match[0]
    for run in runs:
        name = " ".join(parts[i] for i in run)
        masked = replace("name", name.lower(), name)
        parts[run[0]] = masked
        for i in run[1:]:
            parts[i] = None
    stem, sep = [], _FILE_PART_RE.findall(match["stem"])
    for i, part in enumerate(parts):
        if part is not None:
            stem.append(("" if not stem else sep[i - 1]) + part)
    new_stem = "".join(stem)
    return new_stem + match[0][len(match["stem"]):]


#: Text a right-to-left (or left-to-right) override shows reversed (``\u202eNAMSIEW ANNA\u202c``):
#: a display trick that hides what it holds from a reader and a pattern; what it holds is masked.
_OVERRIDE_RE = re.compile("[\u202d\u202e](?P<hidden>[^\u202c\u202d\u202e\n]{1,200}+)(?:\u202c|(?=\n)|$)")
_LETTERS_RE = re.compile(r"[^\W\d_]{2}")


def scrub_overrides(text: str, replace: Replace) -> str:
    """Letters inside a bidi override (see :data:`_OVERRIDE_RE`), masked as a name."""
    return _OVERRIDE_RE.sub(lambda m: swap_group(m, "hidden", replace("name", m["hidden"][::-1].lower(), m["hidden"]))
                            if _LETTERS_RE.search(m["hidden"]) and _MASKED_RE.fullmatch(m["hidden"]) is None
                            else m[0], text)


#: A mask or a pseudonym already (a record scrubbed twice).
_MASKED_RE = re.compile(r"\[[a-z_]{2,32}\]|[a-z_]{2,32}:[0-9a-f]{16}")


#: An HTML element of inline markup, which splits a name between tags (``<b>Jane</b> <i>Doe</i>``).
_INLINE_TAG_RE = re.compile(r"</?(?:b|i|u|em|strong|span|small|font|mark|a)(?:[ ][^<>]{0,200}+)?>")


def without_inline_tags(text: str) -> str:
    """``text`` without its inline markup's tags (the text itself when it has none)."""
    bare = _INLINE_TAG_RE.sub("", text)
    return text if bare == text else bare


# --- organisations ----------------------------------------------------------------------

#: A legal form at the end of a name makes it an organisation's (``Vodafone GmbH``,
#: ``Christian Dior SE``, ``Atelier Lumière SARL``, ``Acme Ltd.``), as does a word that names
#: an institution (``AOK Rheinland``, ``Escuela Kemper``, ``Praxis Dr. Huber``).
_LEGAL_FORM_RE = re.compile(
    r"(?:^|(?<=[ ,]))(?:GmbH(?:[ ]&[ ]Co\.?[ ]KG)?|gGmbH|AG|SE|KG|KGaA|OHG|GbR|UG(?:[ ]\(haftungsbeschränkt\))?|e\.[ ]?V\."
    r"|eG|mbH|SARL|S\.A\.R\.L\.|SAS|S\.A\.S\.|SA|S\.A\.|S\.L\.|SL|S\.L\.U\.|S\.p\.A\.|SpA|S\.r\.l\.|Srl|SRL|S\.R\.L\."
    r"|Ltd\.?|LTD\.?|Limited|LIMITED|LLC|L\.L\.C\.|Inc\.?|INC\.?|Incorporated|Corp\.?|Corporation|Co\.|PLC|plc|LLP"
    r"|Pty\.?(?:[ ]Ltd\.?)?|B\.V\.|BV|N\.V\.|NV|Oy|Oyj|AB|ASA|AS|A/S|ApS|Sp\.[ ]z[ ]o\.o\.|sp\.[ ]z[ ]o\.o\.|S\.A\.[ ]de[ ]C\.V\."
    r"|SA[ ]de[ ]CV|S\.[ ]de[ ]R\.L\.|Ltda\.?|LTDA\.?|EIRELI|K\.K\.|Bhd\.?|Sdn\.?[ ]Bhd\.?|Pte\.?[ ]Ltd\.?|S\.C\.|SCS|SNC"
    r"|e\.U\.|Kft\.?|Zrt\.?|Nyrt\.?|s\.r\.o\.|a\.s\.|d\.o\.o\.|d\.[ ]?d\.|AD|OOO|ООО|ЗАО|ПАО|АО"
    # Peru's, Greece's, India's and Nepal's, Ethiopia's, Indonesia's listed company, Kazakhstan's and Ukraine's
    r"|S\.A\.C\.|SAC|S\.A\.A\.|E\.I\.R\.L\.|Α\.Ε\.|ΑΕ|Ε\.Π\.Ε\.|ΕΠΕ|Ι\.Κ\.Ε\.|ΙΚΕ|Ο\.Ε\.|Ε\.Ε\."
    r"|प्रा\.[ ]?लि\.|प्राइवेट[ ]लिमिटेड|ኃ\.የተ\.የግ\.ማ|ሃ\.የተ\.የግ\.ማ|ኃ/የተ/የግ/ማ|Tbk\.?|JSC|ТОО|ТОВ|ПрАТ|ПАТ|בע״מ|בע\"מ"
    # Turkey's, Serbia's, Iceland's, Bosnia's and Croatia's
    r"|A\.Ş\.|AŞ|Ltd\.[ ]Şti\.|Şti\.|д\.о\.о\.|а\.д\.|ehf\.?|hf\.?|d\.d\.)(?:$|(?=,[ ]))"
    # or written first, as Russian, Ukrainian, Kazakh and Indonesian companies are: "ООО «Самовар»", "PT Kopi Nusantara"
    r"|^(?:ООО|ОАО|ЗАО|ПАО|АО|ТОВ|ПрАТ|ПАТ|ТОО|АТ|OOO|TOV|TOO|PT|CV)[ ](?=[«\"„“A-ZА-ЯІЇЄҐ])"
)
INSTITUTION_WORDS = frozenset(
    """aok barmer dak techniker krankenkasse krankenversicherung versicherung insurance assurance assurances
    seguros bank banque banco sparkasse volksbank raiffeisenbank university universität universite université
    universidad università universidade hochschule schule school escuela colegio instituto institut institute
    istituto scuola école ecole lycée lycee college foundation stiftung fundación fundacion fondation verein
    association asociación asociacion hospital klinik klinikum clinic clinique clínica clinica praxis apotheke
    pharmacy farmacia pharmacie stadtwerke ministry ministerium ministère ministerio council municipality gemeinde
    stadtverwaltung rathaus ayuntamiento mairie prefecture präfektur gmbh group gruppe holding holdings
    kontaktformular formular form aktiengesellschaft gesellschaft stadt landkreis bezirk museum shop store
    library bibliothek
    airport aeropuerto aeroporto aéroport aeroport aeroportul aeropuertos flughafen lufthavn flygplats lentoasema
    lentokenttä havalimanı havaalanı repülőtér lotnisko letiště letisko luchthaven αερολιμένας αεροδρόμιο аэропорт
    аеропорт летище bandara נמל مطار हवाई
    station bahnhof hauptbahnhof gare estación estação stazione dworzec nádraží terminal halte
    stadium stadion estadio stadio theatre theater teatro théâtre cathedral kathedrale catedral cattedrale
    kirche église iglesia chiesa igreja mosque moschee filiale filial sucursal loja tienda negozio
    butik bot integration webhook pipeline""".split()
)
#: Institutions' words inside a word of a script written without spaces: 北京首都国际机场, 関西国際空港.
_INSTITUTION_PARTS = ("机场", "機場", "空港", "공항", "大学", "大學", "대학교", "医院", "醫院", "病院", "병원", "车站", "車站")
_ORG_GUARD_RE = re.compile(r"[A-Z]{2}|[A-Z][a-z]|[^\x00-\u024f]")
_HYPHEN_PARTS_RE = re.compile(r"[-‐]")


def reads_as_organisation(value: str) -> bool:
    """Is ``value`` an organisation's name, by its legal form or an institution's word?"""
    if not 1 < len(value) <= 120 or _ORG_GUARD_RE.search(value) is None:
        return False
    text = value.strip()
    if _LEGAL_FORM_RE.search(text) is not None and " " in text:
        return True
    if any(part.lower() in INSTITUTION_WORDS for word in _WORD_RE.findall(text) for part in _HYPHEN_PARTS_RE.split(word)):
        return True  # "Goethe-Universität Frankfurt", "London Heathrow Airport", "Loja Rua Augusta"
    return not text.isascii() and any(part in text for part in _INSTITUTION_PARTS)


# --- logins in system logs, owners in device names -------------------------------------

#: A login in an sshd, sudo or PAM log line: ``Accepted publickey for jdoe from``, ``Invalid user
#: jdoe from``, ``sudo:    jdoe : TTY=``, ``session opened for user jdoe``, ``passwd jdoe``.
_LOG_LOGIN_RE = re.compile(
    r"(?:(?:Accepted|Failed)[ ](?:password|publickey|keyboard-interactive/pam|none|hostbased)[ ]for[ ](?:invalid[ ]user[ ])?"
    r"|[Ii]nvalid[ ]user[ ]|sudo:[ ]{1,8}|session[ ](?:opened|closed)[ ]for[ ]user[ ]"
    r"|(?<![\w-])(?:passwd|usermod|userdel|chage|chsh|su[ ]-)[ ])"
    r"(?P<login>[a-z_][a-z0-9_.-]{1,31}+)(?=[ ]from|[ ]:|[ ;\"(]|$)"
)
_LOG_LOGIN_GUARD = ("Accepted ", "Failed ", "nvalid user", "sudo:", "for user ", "passwd ", "usermod ", "userdel ",
                    "chage ", "chsh ", "su - ")
_LOG_LOGIN_SCAN = Literals(_LOG_LOGIN_GUARD)
#: System accounts: no one's login.
_SYSTEM_USERS = frozenset(
    """root admin administrator ubuntu ec2-user centos debian git postgres mysql www-data nobody daemon bin sys
    sync games man lp mail news uucp proxy backup list irc gnats systemd-network systemd-resolve syslog
    messagebus sshd nginx apache redis jenkins deploy ansible docker ftp guest test user oracle __token__""".split()
)


def scrub_log_logins(text: str, replace: Replace) -> str:
    """Logins in system log lines (see :data:`_LOG_LOGIN_RE`), not system accounts'."""
    if not _LOG_LOGIN_SCAN.found_in(text):
        return text
    return _LOG_LOGIN_RE.sub(
        lambda m: m[0] if m["login"] in _SYSTEM_USERS else swap_group(m, "login", replace("name", m["login"], m["login"])),
        text)


#: A device named for its owner: ``NGOZI-SURFACE``, ``Johns-MacBook-Pro``, ``Jane's iPhone``.
_DEVICE_OWNER_RE = re.compile(
    r"(?<![\w'-])(?P<owner>[A-Z][A-Za-z]{1,20}+)(?:'s[ ]|’s[ ]|-)"
    r"(?=(?:SURFACE|Surface|LAPTOP|Laptop|IPHONE|iPhone|IPAD|iPad|MACBOOK|MacBook|iMac|IMAC|GALAXY|Galaxy"
    r"|PIXEL|Pixel|THINKPAD|ThinkPad|Chromebook|CHROMEBOOK|Phone|PHONE|Tablet|TABLET)(?![a-z]))"
)
_DEVICE_WORDS = ("SURFACE", "Surface", "LAPTOP", "Laptop", "PHONE", "Phone", "iPad", "IPAD", "MacBook", "MACBOOK",
                 "iMac", "IMAC", "Galaxy", "GALAXY", "Pixel", "PIXEL", "ThinkPad", "THINKPAD", "hromebook",
                 "HROMEBOOK", "Tablet", "TABLET", "Garmin", "Samsung", "Xiaomi", "Huawei", "Redmi", "OnePlus", "Watch",
                 "Fitbit", "Kindle", "AirPods", "Nokia", "Motorola", "Oppo", "Realme")
#: A device's maker or kind, as its name says it in any language ("Annas iPhone", "Galaxy A54 de Nadia").
_DEVICE = (r"(?:iPhone|iPad|MacBook|iMac|Galaxy|Pixel|ThinkPad|Chromebook|Surface|Garmin|Samsung|Xiaomi|Huawei|Redmi"
           r"|OnePlus|Apple[ ]Watch|Fitbit|Kindle|AirPods|Nokia|Motorola|Oppo|Realme)(?![a-z])")
#: The owner before it, in a possessive of any language: German "Annas", Finnish "Sannan", Estonian
#: "Liisi", Slovene "Urškin" (read back to the given name the lexicon has: Anna, Sanna, Liis, Urška).
_OWNER_BEFORE_RE = re.compile(r"(?<![\w'’-])(?P<owner>[A-ZÀ-ÖØ-ÞŠŽČ][a-zà-öø-ÿšžčćđ]{1,20}+)(?:'s|’s)?[ ](?=" + _DEVICE + ")")
#: The owner after it: "Galaxy A54 de Nadia", "Samsung od Petre", "iPhone (Jakub)", "iPhone von Lena".
_OWNER_AFTER_RE = re.compile(
    _DEVICE + r"(?:[ ][\w.+-]{1,12}+){0,3}?[ ](?:(?:de|von|di|da|od|van|av|til|från|of|от)[ ](?P<owner>[A-ZÀ-ÖØ-ÞŠŽČ][a-zà-öø-ÿšžčćđ]{1,20}+)"
    r"|\((?P<bracketed>[A-ZÀ-ÖØ-ÞŠŽČ][a-zà-öø-ÿšžčćđ]{1,20}+)\))(?![\w])"
)
_DEVICE_WORD_SCAN = Literals(_DEVICE_WORDS)
#: The first words of a device's name that are no one's: its maker, its kind, a place.
_NOT_OWNERS = frozenset(
    """desktop laptop pc win windows surface microsoft dell hp lenovo asus acer apple samsung google huawei xiaomi
    my the office home work corp lab dev test kiosk shared guest meeting conference room reception front
    admin it ops sales support mac macbook ipad iphone galaxy pixel thinkpad new old spare loaner""".split()
)


def scrub_device_owners(text: str, replace: Replace) -> str:
    """Owners' names in devices' names (see :data:`_DEVICE_OWNER_RE`, :data:`_OWNER_BEFORE_RE`,
    :data:`_OWNER_AFTER_RE`)."""
    if not _DEVICE_WORD_SCAN.found_in(text):
        return text
    text = _DEVICE_OWNER_RE.sub(
        lambda m: m[0] if m["owner"].lower() in _NOT_OWNERS or m["owner"].lower() in _NOT_NAMES
        else swap_group(m, "owner", replace("name", m["owner"].lower(), m["owner"])),
        text)
    text = _OWNER_BEFORE_RE.sub(lambda m: _owner(m, "owner", replace), text)
    return _OWNER_AFTER_RE.sub(lambda m: _owner(m, "owner" if m["owner"] is not None else "bracketed", replace), text)


def _owner(match: re.Match[str], group: str, replace: Replace) -> str:
    """The device's owner masked when the word, or the word read back from a possessive, is a given
    name of the lexicon; not after a capitalised word ("Super Mario Galaxy": a title's)."""
    from transforms.builtin._pii_prose_names import AMBIGUOUS, GIVEN, flags_of

    word = match[group]
    text, start = match.string, match.start(group)
    if word.lower() in _NOT_OWNERS or word.lower() in _NOT_NAMES:
        return match[0]
    before = text[max(0, start - 24):start].rstrip().rsplit(" ", 1)[-1]
    if group == "owner" and match.start() == start and before[:1].isupper():
        return match[0]
    for stem in (word, word[:-1], word[:-2], word[:-1] + "a", word[:-2] + "a", word[:-3] + "a"):
        flags = flags_of(stem) if len(stem) >= 3 else 0
        if flags & GIVEN and not (flags & AMBIGUOUS and stem == word):  # "Rose", "Will" alone are words
            return swap_group(match, group, replace("name", word.lower(), word))
    return match[0]


# --- SWIFT MT103/MT202 parties -----------------------------------------------------------

#: A SWIFT MT message's party field (``:50K:`` the ordering customer, ``:59:`` the beneficiary):
#: an optional ``/account`` line, then up to four lines of name and address, each masked
#: (the account is the IBAN detector's).
_SWIFT_PARTY_RE = re.compile(
    r"(?m)^:(?:50[AFK]?|59[AF]?):(?:/[^\n]{1,40}+\n)?(?P<lines>(?:(?!:[0-9]{2}[A-Z]?:)[^\n]{1,70}+(?:\n|$)){1,4}+)"
)


def scrub_swift_parties(text: str, replace: Replace) -> str:
    """The name and address lines of an MT message's parties (see :data:`_SWIFT_PARTY_RE`)."""
    if ":59" not in text and ":50" not in text:
        return text
    return _SWIFT_PARTY_RE.sub(lambda m: swap_group(m, "lines", _swift_lines(m["lines"], replace)), text)


def _swift_lines(lines: str, replace: Replace) -> str:
    out = []
    for i, line in enumerate(lines.split("\n")):
        if not line.strip() or line.startswith("[") or not _LETTERS_RE.search(line):
            out.append(line)
        else:
            kind = "name" if i == 0 else "address"
            out.append(replace(kind, " ".join(line.split()).lower(), line))
    return "\n".join(out)


#: A short sign-off of chat and e-mail, then a name that ends the text ("... zuhause. Lg Theresa
#: Wimmer", "Ačiū, Tomas Vaitkus"): only at the end, where "Danke, das hilft" or "LG Electronics
#: OLED TV" never are.
_SIGNATURE_RE = re.compile(
    r"(?:^|(?<=[.!?\n]))[ \t\r\n]*(?:Lg|LG|Vg|VG|MfG|Mfg|Ačiū|Paldies|Aitäh|Dziękuję|Děkuji|Köszönöm|Kiitos|Danke|Merci"
    r"|Gracias|Grazie|Obrigado|Obrigada|Bedankt|Спасибо|Дякую|Terima kasih|Salamat|Salamat po|Tack|Takk|Tak"
    r"|Ďakujem|Teşekkürler|Hvala|Mulțumesc|Ευχαριστώ|Thanks|Thank you|Cheers)[,!.]?[ \t\r\n]{1,3}"
    r"(?P<name>[^\W\d_a-zа-я][^\W\d_]{1,30}(?:[ -][^\W\d_a-zа-я][^\W\d_]{1,30}){0,2})[ \t]*[.!]?[ \t\r\n]*\Z"
)
#: A team's word, which a sign-off names instead of a person ("Tim" is Indonesian for a team).
_TEAM_WORDS = frozenset("team tim equipe équipe equipo squadra zespół zespol ekip tiimi teamet kundeservice kundenservice".split())
#: How far from the end a signature may start.
_SIGNATURE_REACH = 120


def scrub_signature(text: str, replace: Replace) -> str:
    """A name after a short sign-off at the very end of a text."""
    start = max(0, len(text) - _SIGNATURE_REACH)
    found = _SIGNATURE_RE.search(text, start)
    if found is None:
        return text
    from transforms.builtin._pii_prose_names import GIVEN, SURNAME, flags_of

    parts = re.split("[ -]", found["name"])
    if parts[0].lower() in _TEAM_WORDS or not any(not part.isupper() and flags_of(part) & (GIVEN | SURNAME) for part in parts):
        return text  # "LG Electronics OLED TV": no name of the lexicon in it; "Terima kasih, Tim Tokopedia": a team
    if len(parts) == 1 and not flags_of(parts[0]) & GIVEN:
        return text  # one word alone must be a given name ("Gracias, Andrés"; not "Grazie, Milano")
    return text[:found.start("name")] + replace("name", found["name"].lower(), found["name"]) + text[found.end("name"):]


#: A chat export's line: its time in brackets, the date before it or not, then who wrote it and a colon
#: ("[23.10.24, 18:05:40] Martina Szabová: ...", "[14:11] Kayan Chan: ..."), or WhatsApp's Android form
#: ("23/10/2024, 18:05 - Martina Szabová: ..."). ``dated`` when a comma parts the date from the time, as
#: only a chat app's export writes it.
_SPEAKER_LINE_RE = re.compile(
    r"(?m)^(?:\[(?:(?P<dated>[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{2,4},)[ ])?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:[ ]?[AaPp][Mm])?\]"
    r"|(?P<android>[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4},[ ][0-9]{1,2}:[0-9]{2}(?:[ ]?[AaPp][Mm])?[ ][-–]))[ ]"
    r"(?P<name>" + _CAP_WORD + r"(?:[ ]" + _CAP_WORD + r"){1,3}):[ ]"
)


def scrub_chat_speakers(text: str, replace: Replace) -> str:
    """Who wrote each line of a chat's export (:data:`_SPEAKER_LINE_RE`): two to four capitalised words, none a
    team's, a bot's or a shop's ("CardBot", "Shopee Support"); where the export's date does not say it is a chat's,
    a word of the name the lexicon knows ("[09:12] Build Failed: ..." is a log's)."""
    if ":" not in text or ("] " not in text and " - " not in text and " – " not in text):
        return text
    from transforms.builtin._pii_prose_names import GIVEN, SURNAME, flags_of
    from transforms.builtin._pii_public import is_public_figure

    def speaker(match: re.Match[str]) -> str:
        name = match["name"]
        words = name.split(" ")
        if any(w.lower() in _NOT_NAMES or w.lower() in _TEAM_WORDS or w.isupper() for w in words) or is_public_figure(name):
            return match[0]
        if match["dated"] is None and match["android"] is None and not any(flags_of(w) & (GIVEN | SURNAME) for w in words):
            return match[0]
        return swap_group(match, "name", replace("name", name.lower(), name))

    return _SPEAKER_LINE_RE.sub(speaker, text)


#: "<name> here" as a message opens, the word after the name saying it is the writer: English "here", German
#: and Dutch "hier", French "ici", Spanish "aquí", Italian "qui", Swedish "här", Danish and Norwegian "her",
#: Finnish "tässä", Croatian and Serbian "ovdje"/"ovde", Greek "εδώ" and, in Latin letters, Cypriot "dame",
#: Russian "здесь"; Hungarian "vagyok" ("I am", after the name); Jamaican "a Tashana Reid dis" ("it's ... this").
_HERE_WORDS = "here|hier|ici|aquí|qui|här|her|tässä|ovdje|ovde|εδώ|dame|здесь|vagyok|dis"
_HERE_INTRO_RE = re.compile(
    r"(?:^|(?<=[,!][ ])|(?<=\n))(?:a[ ])?(?P<name>" + _CAP_WORD + r"(?:[ ]" + _CAP_WORD + r"){0,2})[ ](?:" + _HERE_WORDS
    + r")(?=[ ]?(?:[,.!;:…\r\n]|$|[\U0001F300-\U0001FAFF\u2600-\u27BF]))"
)
_HERE_SCAN = Literals([f" {w}" for w in _HERE_WORDS.split("|")])


def scrub_here_intros(text: str, replace: Replace) -> str:
    """The writer's name before "here" at a message's or a line's start, after its greeting at most
    (:data:`_HERE_INTRO_RE`: "kia ora, Mere Wilson here, ...", "szia, Reka Varga vagyok"): two or three
    capitalised words, none a team's, a shop's or a firm's ("Hi, Customer Service here"), or one the lexicon
    knows as a given name or a surname ("Hello, Amazon here" is a firm's)."""
    if not _HERE_SCAN.found_in(text):
        return text
    from transforms.builtin._pii_prose_names import AMBIGUOUS, GIVEN, SURNAME, flags_of
    from transforms.builtin._pii_public import is_public_figure

    def here(match: re.Match[str]) -> str:
        name = match["name"]
        words = name.split(" ")
        line = text.rfind("\n", 0, match.start()) + 1
        opening = text[line:match.start()]
        if len(opening.split()) > 3 or any(c.isdigit() for c in opening):
            return match[0]  # not where a message opens: "... the parcel for Anna Berg here."
        if any(w.lower() in _NOT_NAMES or w.lower() in _TEAM_WORDS or w.lower() in INSTITUTION_WORDS or w.isupper()
               for w in words) or is_public_figure(name):
            return match[0]
        if len(words) == 1 and (flags_of(name) & AMBIGUOUS or not flags_of(name) & (GIVEN | SURNAME)):
            return match[0]  # one word: a name that is no word or place ("Hallo, Berlin hier" is a firm's office)
        return swap_group(match, "name", replace("name", name.lower(), name))

    return _HERE_INTRO_RE.sub(here, text)


#: A Russian, Ukrainian or Belarusian full name, told by its patronymic in any case: "Бондаренко Тарас
#: Миколайович", "Ивановой Марии Сергеевне", "Сергей Петрович Иванов". One or two capitalised words,
#: the patronymic, and one more word after it at most.
_CYRILLIC_WORD = r"[А-ЯЁІЇЄҐ][а-яёіїєґ'ʼ]{1,30}(?:-[А-ЯЁІЇЄҐ][а-яёіїєґ'ʼ]{1,30})?"
_PATRONYMIC = (r"[А-ЯЁІЇЄҐ][а-яёіїєґ]{2,20}(?:(?:ович|евич|ьевич|івич)(?:ем|а|у|е|і)?"
               r"|(?:овн|евн|ьевн|ичн|івн|ївн)(?:ой|ою|а|е|у|ы|і|и))")
_PATRONYMIC_NAME_RE = re.compile(
    r"(?<![^\W\d_])(?P<name>(?:" + _CYRILLIC_WORD + r"[ ]){1,2}" + _PATRONYMIC + r"(?:[ ]" + _CYRILLIC_WORD + r")?)(?![^\W\d_])"
)
_PATRONYMIC_PARTS = ("вич", "вн", "ичн", "івн", "ївн")


def scrub_patronymic_names(text: str, replace: Replace) -> str:
    """Full names written with a patronymic (:data:`_PATRONYMIC_NAME_RE`)."""
    if text.isascii() or not any(part in text for part in _PATRONYMIC_PARTS):
        return text
    return _PATRONYMIC_NAME_RE.sub(lambda m: replace("name", m["name"].lower(), m["name"]), text)


#: The last of a list of people whose first ones were found ("present: [name], [name], Sipho
#: Ndlovu."): two or three capitalised words after two names and a comma or an "and".
_MASKED_NAME = r"(?:\[name\]|name:[0-9a-f]{" + str(PSEUDONYM_HEX) + "})"
_CAPITALISED = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄΑ-Ω][a-zß-öø-ÿā-žа-яёіїєα-ω'’-]{1,30}"
_LISTED_NAME_RE = re.compile(
    _MASKED_NAME + r"(?:,[ ]" + _MASKED_NAME + r"){1,30}+(?:,?[ ](?:and|und|et|y|e|en|och|og|ja|és|i|a|и|та|ve|và|dan)[ ]|,[ ])"
    r"(?P<name>" + _CAPITALISED + r"(?:[ ]" + _CAPITALISED + r"){1,2})(?=[ ]?[.,;:)\n!?]|\Z)"
)


def scrub_listed_names(text: str, replace: Replace) -> str:
    """The names that end a list of names the other passes found (:data:`_LISTED_NAME_RE`)."""
    if "], [" not in text and ", name:" not in text:
        return text
    return _LISTED_NAME_RE.sub(lambda m: swap_group(m, "name", replace("name", m["name"].lower(), m["name"])), text)
