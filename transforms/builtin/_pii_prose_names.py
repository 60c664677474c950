"""People's names in prose that nothing announces: "Priya was super helpful", "leave it with
Tomasz next door", "Duplicate booking for Sven Lindqvist".

The cue passes of :mod:`._pii_people` find a name after "my name is", "Dear", a label; this
pass finds one by what it is, against a lexicon of given names and surnames of many locales
(``person-names.txt``, written by ``scripts/person-names.py``). What it takes for a name:

- **two or more name words in a row** (a given name, then surnames, given names, particles
  or a capitalised word that is no word of a language: "Marcus Whitfield", "María de la
  Cruz", "Иван Петров", "محمد أحمد"), at least one of which is no ordinary word, place or
  month ("Will Smith" and "Grace Park" read as words, "Mark Johnson" as a name);
- **a given name alone** in a sentence (lower-case words around it), when it is no ordinary
  word ("Priya", not "Will" or "Rose"), is not followed by a capitalised word of a language
  ("Wendy Foods", "Tyler Street", "Victoria Station") and does not follow a word that makes
  it a place or a saint ("San Diego", "St. Jude", "Chez Marie").

Names in scripts without capitals (Arabic, Hebrew, Devanagari...) are taken only as two
lexicon words in a row, a one-letter prefix read off ("לשירה" is "to Shira"), an Arabic family
name of the al-...-i form after a given name. A run of names followed by a capitalised word is
a title's start ("James Webb Space Telescope"); a name beside "&" a firm's ("Marks & Spencer").
In a search box's text (:func:`scrub_search_names`) names are taken in any case.

Names in another case are read back to the lexicon's (Russian and Ukrainian, Polish, Czech,
Slovene genitives, Baltic datives, Finnish cases with their consonant gradation, Hungarian,
Greek), and taken beside another name or after a word that points at a person; surnames are also
known by a suffix no ordinary word has (-opoulos, -shvili, -dze, -yan, -auskas...). After a
sentence's capitalised first word (a verb or a thanks of any language) a run of two names is a
person's, but not after a place's, an institution's or an office's word. A message typed all in
lower case yields two names of the lexicon in a row (:func:`scrub_lower_case_names`).

Left to the cue passes (:mod:`._pii_people`: a Japanese name before さん, a Chinese one after a
role): names in Chinese, Japanese, Korean or Thai prose, written without spaces between words.
Left altogether: names whose words are all ordinary words, lone surnames, a lone name in lower
case outside a search.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources
from typing import Callable

from transforms.builtin._pii_words import GLUED_PREFIXES, without_marks

Replace = Callable[[str, str, str], str]

GIVEN, SURNAME, AMBIGUOUS = 1, 2, 4
#: Not in the lexicon as written: a Cyrillic name in another case, a name only beside another.
INFLECTED = 8
#: Read back from an ending many words have ("Kirana" -> "Kiran"): a name only beside another name
#: of the lexicon, never beside a word it lacks.
WEAK = 16


_KINDS = {"g": GIVEN, "s": SURNAME, "b": GIVEN | SURNAME, "g?": GIVEN | AMBIGUOUS, "s?": SURNAME | AMBIGUOUS,
          "b?": GIVEN | SURNAME | AMBIGUOUS}


def _load() -> dict[str, int]:
    text = resources.files(__package__).joinpath("person-names.txt").read_text(encoding="utf-8")
    kinds = _KINDS
    return {name: kinds[kind] for kind, _, name in (line.partition(" ") for line in text.splitlines()) if kind in kinds}


#: name -> GIVEN | SURNAME | AMBIGUOUS
LEXICON: dict[str, int] = _load()
_NAMES = frozenset(LEXICON)

#: Scripts without capitals beyond Hebrew, Arabic and the Indic ones: Georgian, Ge'ez, Lao, Myanmar,
#: Khmer; and the vowel signs of the last three, which ``\w`` leaves out.
_UNCASED = "\u10d0-\u10ff\u1200-\u137f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
_MARKS = "\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
#: Words, as the lexicon's were cut: letters, with an apostrophe or a hyphen inside ("O'Brien";
#: a possessive's "'s" is not the name's: "Kate's order"); a word that touches a digit is a
#: piece of a token ("TU/Lya6wjy..."), no word.
_WORD_RE = re.compile(
    r"(?<![^\W_])[^\W\d_](?:[^\W\d_]|[\u0900-\u0dff\u0300-\u036f\u064b-\u065f\u0670" + _MARKS + r"]|[\u200c-](?=[^\W\d_])"
    r"|['’](?=[^\W\d_])(?![sS](?![^\W\d_])))*+(?![0-9])"
)
#: Candidates for the gate: words that start with a capital, or in a script without capitals.
_CANDIDATE_RE = re.compile(
    r"(?<![^\W\d_])(?:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁΑ-ΩΆ-Ώ\u0531-\u0556]|[\u0590-\u08ff\u0900-\u0dff" + _UNCASED + r"])"
    r"(?:[^\W\d_]|[\u0900-\u0dff\u0300-\u036f\u064b-\u065f\u0670" + _MARKS + r"]|[\u200c-](?=[^\W\d_])"
    r"|['’](?=[^\W\d_])(?![sS](?![^\W\d_])))*+"
)
_CASED_RE = re.compile(r"[A-Za-zÀ-ɏЀ-ӿͰ-Ͽ]")
#: Words a name's words are joined by ("Ludwig van Beethoven", "María de la Cruz", "bin Salman").
PARTICLES = frozenset(
    "van von de der den del della di da das dos do du la le ter ten bin ibn bint al el zu y e ben mac af".split()
)
#: Words that make the name after them a place, a saint, a shop or a ship: "San Diego",
#: "St. Jude", "Chez Marie", "Lake Louise", "Hurricane Milton".
_BEFORE_A_THING = frozenset(
    """san santa santo são sao st st. saint sainte ste mount mt lake fort port cape cap chez villa casa hotel café
    cafe club hurricane storm typhoon cyclone tropical queen king prince princess lady lord sir pope hms uss rms
    mv ss bar restaurant ristorante trattoria pizzeria bistro maison rue via avenida calle piazza place plaza
    boulevard im sant
    الملك الملكة الأمير الشيخ مطار جامعة شارع مستشفى استاد مسجد قلعة ميدان مدرسة רחוב שדרות נמל כיכר
    імені имени бульвар вулиця проспект площа улица площадь οδός οδου λεωφόρος πλατεία στάδιο γήπεδο
    νοσοκομείο αεροδρόμιο σταθμός phố đường quận phường tỉnh chợ cầu vịnh""".split()
)
#: Street words written in lower case after the name a street is named for ("Karl Johans gate",
#: "Drottninggatan" aside, "Andrássy út", "Bağdat caddesi").
#: Institutions named after a person, the person's name first ("Erasmus Universiteit", "Mandela Bay
#: Stadium", "Nyerere Airport"): the name is the institution's.
_INSTITUTIONS_AFTER = frozenset("""university universiteit universität universite université universidad universidade
    università uniwersytet univerzita yliopisto egyetem universitet hogeschool college institute institut instituut
    hospital ziekenhuis klinikum airport luchthaven flughafen aeropuerto aeroporto stadium stadion estadio
    foundation stiftung stichting fundación museum museo school schule school academy akademie academie""".split())
_STREET_AFTER = frozenset("gate gata gatan vei veien vej gade tie katu utca út tér caddesi sokak kyrka kirke".split())
#: Capitalised words that start a sentence and are followed by a person: "Ask Priya", "Thanks Tomasz".
_BEFORE_A_PERSON = frozenset(
    """ask call tell thank thanks thx ty email e-mail mail ping text message msg dm meet contact congrats
    congratulations welcome hey hi hello hallo hola bonjour ciao salut dear sorry please pls cc bcc send give pay
    notify remind invite paid sent from to for with by via and or but also cheers love xoxo bye regards best
    kind warm attn attention fao care c/o per re fw fwd assigned owner reviewer approved rejected merged signed
    frag fragen sagen danke merci gracias grazie obrigado obrigada bedankt tack takk kiitos dziękuję
    mother father mum mom dad daughter son wife husband sister brother aunt uncle grandma grandpa grandmother
    grandfather niece nephew cousin roommate flatmate neighbour neighbor friend colleague boss driver guide courier
    nurse doctor dr teacher coach tutor agent technician tech rep landlord landlady tenant host caller patient
    customer client der die
    passenger rider guest buyer seller applicant candidate student pupil resident occupant recipient sender
    пассажир пассажирка клиент клиентка водитель курьер пациент пациентка арендатор гость покупатель продавец
    пасажир пасажирка клієнт клієнтка водій кур'єр пацієнт пацієнтка орендар покупець
    pasajero pasajera clienta paciente inquilino inquilina repartidor conductor
    passagier passagierin kunde kundin fahrer fahrerin patientin mieter mieterin gast
    passager passagère locataire livreur chauffeur passeggero passeggera paziente inquilina autista
    passageiro passageira motorista entregador keleivis klientas vairuotojas potnik potnica stranka voznik
    cestující zákazník zákaznice řidič yolcu müşteri sürücü kurye pasażer pasażerka klientka kierowca""".split()
    # "Der Lukas hat Läuse": German speech puts an article before a name; a role names who follows it
    # ("Пассажир Егор не выходит", "Passenger Sindre not showing")
)
#: Particles of Irish and Scottish names, written with a capital ("Siobhán Ní Bhriain", "Pádraig Ó
#: Súilleabháin", "Aoife Mac Giolla Bhríde").
_CAPITAL_PARTICLES = frozenset("Ní Nic Ó Ua Uí Mhic Mac".split())
#: Particles of Romance, Dutch, German and Arabic names written with a capital between a given name
#: and the rest ("Salvatore Di Stefano", "Maëlle Le Goff", "Youssef El Amrani"): a name's only
#: inside a run of names, never where one starts.
_INNER_PARTICLES = _CAPITAL_PARTICLES | frozenset("Di De Da Del Della Dello Lo La Le Van Von Ter Ten Den Der El Al Dos Das Du Des".split())
#: Brands and products named for people: kept, not masked ("Ralph Lauren Polo Shirt").
_BRANDS = frozenset(
    """ralph lauren|calvin klein|tommy hilfiger|hugo boss|michael kors|marc jacobs|kate spade|tory burch|vera wang|
    ted baker|paul smith|jimmy choo|steve madden|tom ford|stella mccartney|karl lagerfeld|giorgio armani|
    estée lauder|estee lauder|bobbi brown|john deere|harley davidson|jack daniel|johnnie walker|jim beam|
    ben sherman|fred perry|john lewis|tim hortons|betty crocker|martha stewart|yves saint laurent|christian dior|
    louis vuitton|coco chanel|alexander mcqueen|oscar de la renta|salvatore ferragamo|roberto cavalli|
    carolina herrera|diane von furstenberg|anne klein|kenneth cole|perry ellis|vivienne westwood|jean paul gaultier|
    victoria beckham|christian louboutin|manolo blahnik|dr martens|tommy bahama|eddie bauer|ben jerry|
    trader joe|papa john|jimmy john|dolce gabbana|max mara|emilio pucci|pierre cardin|guy laroche|nina ricci|
    jil sander|helmut lang|tom tailor|marc o'polo|goldman sachs|morgan stanley|merrill lynch|wells fargo|rolls royce|
    dow jones|hewlett packard|charles schwab|baker mckenzie|clifford chance|allen overy|latham watkins|
    sullivan cromwell|skadden arps|cravath swaine|lehman brothers|warner bros|warner brothers|barnes noble|
    abercrombie fitch|procter gamble|smith wesson|ernst young|bang olufsen|marks spencer|dolce gabbana|
    crate barrel|black decker|mercedes benz|aston martin""".replace("\n", "").split("|")
)
#: Shops written as a name's possessive whose name is rarely a person's ("Macy's", "Denny's"); a
#: common given name's possessive is a person's ("Claire's order", "Wendy's") and is masked.
_POSSESSIVE_BRANDS = frozenset(
    "macy denny kohl arby chili hardee applebee sainsbury kellogg hershey dillard mcdonald dunkin lowe".split()
)


@lru_cache(maxsize=16384)
def flags_of(word: str) -> int:
    """The lexicon's flags of ``word``; a hyphenated word is a name when each of its parts is one
    ("Jean-Pierre", "Smith-Jones", "Μαρία-Ελένη"), a given name when its first part is, and
    ambiguous only when every part is."""
    flags = LEXICON.get(word)
    if flags is not None:
        return flags
    flags = _folded_flags(word)
    if flags & (GIVEN | SURNAME) and not flags & AMBIGUOUS:
        return flags
    if word[:1] < "\u0370" and len(word) > 4:
        inflected = _latin_inflected(word)
        if inflected:
            return inflected
    if "'" in word and word.index("'") >= 3 and len(word) - word.index("'") <= 5:
        # a Turkish case ending after an apostrophe: "Elif'e", "Murat'ın" (not O'Brien, D'Angelo)
        base = LEXICON.get(word[:word.index("'")], 0)
        if base & (GIVEN | SURNAME) and not base & AMBIGUOUS:
            return base
    if "-" in word:
        parts = [flags_of(part) if part else 0 for part in word.split("-")]
        if not all(parts):
            return 0  # "Kaiser-Wilhelm-Gedächtniskirche"
        ambiguous = AMBIGUOUS if all(f & AMBIGUOUS for f in parts) else 0
        inflected = INFLECTED if any(f & INFLECTED for f in parts) else 0
        return (parts[0] & (GIVEN | SURNAME)) | (SURNAME if parts[-1] & SURNAME else 0) | ambiguous | inflected
    if "\u0590" <= word[:1] <= "\u06ff":
        return _semitic(word)
    if "\u0400" <= word[:1] <= "\u042f":
        return _slavic(word)
    if "\u0386" <= word[:1] <= "\u03a9":
        return _greek(word)
    if _SURNAME_SHAPE_RE.fullmatch(word) is not None:
        return SURNAME
    return 0


#: Surnames by a suffix no ordinary word has: Greek (-opoulos, -idis, -akis), Georgian (-shvili,
#: -dze), Armenian (-yan, -ian after a consonant), Lithuanian (-auskas, -evičius, -aitė, -ienė),
#: Latvian (-iņš), Ukrainian (-enko, -chuk); a name only beside a given name.
_LATIN_SURNAME_SUFFIXES = ("opoulos", "opoulou", "idis", "akis", "shvili", "dze", "enko", "chuk", "auskas", "auskienė",
                           "auskaitė", "evičius", "evičienė", "aitytė", "aitė", "ytė", "ienė", "iņš", "iņa")
_SURNAME_SHAPE_RE = re.compile(
    r"[A-Z][a-z]{2,}(?:" + "|".join(_LATIN_SURNAME_SUFFIXES) + ")"
    r"|[A-Z][a-z]*[bcdfghjklmnprstvwxz](?:yan|ian)"
    r"|[Α-ΩΆ-Ώ][α-ωά-ώ]{2,}(?:όπουλος|οπούλου|όπουλο|ίδης|ίδη|ίδου|άκης|άκη|ιάδης|ιάδη|ούδης|ούδη)"
    r"|[\u0531-\u0556][\u0561-\u0587]+յան|[\u10d0-\u10ff]{2,}(?:შვილი|ძე)"
)
#: What :func:`may_hold` looks for at a plain word's end: those suffixes written in ASCII.
_SHAPE_ENDINGS = (*(s for s in _LATIN_SURNAME_SUFFIXES if s.isascii()), "yan", "ian")
#: Greek names in another case: "Γιώργο" (Γιώργος), "Μαρίας" (Μαρία), "Νίκου" (Νίκος), "Ελένης" (Ελένη).
_GREEK_ENDINGS = (("ου", ("ος",)), ("ο", ("ος",)), ("η", ("ης",)), ("ας", ("α",)), ("ς", ("",)), ("ης", ("η",)),
                  ("ων", ("ος",)))


def _greek(word: str) -> int:
    """A Greek name the lexicon holds in the nominative, written in another case, or a surname by
    its suffix (``INFLECTED``, as :func:`_slavic`)."""
    if _SURNAME_SHAPE_RE.fullmatch(word) is not None:
        return SURNAME
    for ending, nominatives in _GREEK_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            for nominative in nominatives:
                flags = LEXICON.get(stem + nominative, 0)
                if flags & (GIVEN | SURNAME) and not flags & AMBIGUOUS:
                    return (flags & (GIVEN | SURNAME)) | INFLECTED
    return 0




def _semitic(word: str) -> int:
    """A Hebrew or Arabic word the lexicon lacks: a name behind a one-letter prefix, or an
    Arabic family name of the al-...-i form ("القحطاني", "الدوسري"), which follows a given name."""
    if len(word) > 3 and word[0] in GLUED_PREFIXES and (flags := LEXICON.get(word[1:])):
        return flags
    if len(word) > 4 and word[0] in GLUED_PREFIXES and word[1] in GLUED_PREFIXES and (flags := LEXICON.get(word[2:])):
        return flags  # two of them: "ולדני" is "and to Dani"
    if len(word) >= 5 and word[:2] == "ال" and word[-1] == "ي":
        return SURNAME
    return 0


#: A Russian or Ukrainian patronymic or surname in any case ("Владимировича", "Сергеевны",
#: "Кузнецовой", "Шевчука" is not one: -ук names are in the lexicon in the nominative only).
_SLAVIC_NAME_RE = re.compile(
    "[А-ЯЁІЇЄ][а-яёіїє']+(?:(?:ович|евич|ьевич)(?:а|у|ем|ом|е|і|еві|ові)?|(?:ичн|овн|евн|ьевн|івн)(?:а|ы|е|у|ой|ою|і|ій|и))"
    "|[А-ЯЁІЇЄ][а-яёіїє']+(?:ов|ев|ёв|ин|ын|ськ|цьк|ск|цк)(?:а|у|ым|им|ом|е|ой|ую|ої|ою|ого|ому|ій|ий|ая|ая)"
)
#: Case endings of Russian and Ukrainian given names, and what the nominative ends in instead:
#: "Игоря" -> "Игорь", "Денису" -> "Денис", "Ольги" -> "Ольга", "Оксані" -> "Оксана".
_SLAVIC_ENDINGS = (("ями", ("я",)), ("ами", ("а", "")), ("ой", ("а",)), ("ей", ("я", "ь")), ("ом", ("",)),
                   ("ем", ("ь", "й")), ("ою", ("а",)), ("ею", ("я",)), ("ові", ("",)), ("еві", ("ь", "й")),
                   ("я", ("ь", "й")), ("а", ("",)), ("у", ("", "а")), ("ю", ("ь", "й", "я")), ("ы", ("а",)),
                   ("и", ("а", "я", "ь")), ("і", ("а", "я", "")), ("е", ("а", "я", "")))


#: Words after which a Russian or Ukrainian given name in another case is one person's, alone
#: ("у Зинаиды", "Оксані з п'ятого", "спасибо Вере"): alone elsewhere it could be a noun.
_SLAVIC_PREPOSITIONS = frozenset("у к ко для от с со до при о об про за через від біля з із спасибо дякую передайте".split())


def _slavic(word: str) -> int:
    """A Cyrillic name the lexicon holds in the nominative, written in another case: a given
    name by its ending, a patronymic or a surname by its suffix. Only as part of a run of names
    (``INFLECTED``): alone, an inflected word could as well be a noun ("Розы", roses)."""
    for ending, nominatives in _SLAVIC_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            for nominative in nominatives:
                flags = LEXICON.get(stem + nominative, 0)
                if flags & (GIVEN | SURNAME):
                    return (flags & (GIVEN | SURNAME)) | INFLECTED
    if _SLAVIC_NAME_RE.fullmatch(word) is not None:
        return SURNAME | INFLECTED
    return 0


#: Case endings of Polish, Finnish and Hungarian names, and what their nominative ends in: Polish
#: "Andrzejem" (Andrzej), "Tomaszowi", "Nowakowskim"/"Nowakowskiego" (Nowakowski), "Kowalską"
#: (Kowalska), "Annę" (Anna); Finnish "Virtaselle" (Virtanen); Hungarian "Lászlóné" (László's wife).
_LATIN_ENDINGS: tuple[tuple[str, str], ...] = (
    ("skiego", "ski"), ("skiemu", "ski"), ("skim", "ski"), ("ckiego", "cki"), ("ckiemu", "cki"), ("ckim", "cki"),
    ("dzkiego", "dzki"), ("dzkim", "dzki"), ("ską", "ska"), ("skiej", "ska"), ("cką", "cka"), ("ckiej", "cka"),
    ("owi", ""), ("iem", ""), ("em", ""), ("ą", "a"), ("ę", "a"),
    ("selle", "nen"), ("sella", "nen"), ("selta", "nen"), ("sesta", "nen"), ("seen", "nen"), ("sen", "nen"),
    ("né", ""),
    # Hungarian cases (Bencének, Gézánál, Kovácséknak), Lithuanian datives (Rūtai, Jankauskienei, Petrui),
    # Finnish allatives (Liisalle), Czech, Slovak and Polish genitives and datives (Matúša, Tomasza, Janovi)
    ("éknak", ""), ("éknek", ""), ("ának", "a"), ("ének", "e"), ("ánál", "a"), ("énél", "e"), ("ával", "a"),
    ("ével", "e"), ("nak", ""), ("nek", ""), ("nál", ""), ("nél", ""), ("val", ""), ("vel", ""),
    ("ienei", "ienė"), ("ai", "a"), ("ei", "ė"), ("ui", "as"), ("lle", ""), ("lta", ""), ("ltä", ""), ("lla", ""),
    ("llä", ""), ("ovi", ""), ("ovi", "o"),
    ("sza", "sz"), ("ša", "š"), ("ča", "č"), ("ža", "ž"), ("řa", "ř"), ("ka", "ek"), ("ła", "eł"),
    # Lithuanian datives (Petraičiui, Jonui), Latvian accusatives (Ainu, Bērziņu), the genitive of Slavic
    # names ending in a consonant (Janeza Novaka, Krzysztofa Wójcika)
    ("čiui", "tis"), ("iui", "is"), ("ui", "us"), ("ņu", "ņš"), ("u", "a"), ("u", "s"), ("a", ""),
)

_INFLECTION_ENDINGS = tuple({ending for ending, _ in _LATIN_ENDINGS})
_FINNISH_ENDINGS = frozenset(("lle", "lta", "ltä", "lla", "llä", "n"))
#: Finnish cases said of a person, not of a place ("to", "from", "at" someone: "Liisalle", "Pekalta"):
#: a given name in one of them is a person's alone.
_FINNISH_PERSONAL = ("lle", "lta", "ltä", "lla", "llä")
#: A stem that ends in a single k, p or t and a vowel, after a vowel or a consonant.
_GRADED_RE = re.compile(r"[aeiouyäö][kpt][aeiouyäö]$")


def _latin_inflected(word: str) -> int:
    """The flags (``INFLECTED`` with them) of a Latin name in another case (:data:`_LATIN_ENDINGS`):
    its nominative must be a name of the lexicon that is no ordinary word."""
    for ending, nominative in _LATIN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[:len(word) - len(ending)] + nominative
            flags = LEXICON.get(stem, 0) or _folded_flags(stem)
            if not flags and ending in _FINNISH_ENDINGS and _GRADED_RE.search(stem):
                # Finnish weakens a double k, p or t before a case ending: "Mikolle" (Mikko),
                # "Pekalta" (Pekka), "Matille" (Matti)
                flags = LEXICON.get(stem[:-1] + stem[-2] + stem[-1], 0)
            if flags & (GIVEN | SURNAME) and not flags & AMBIGUOUS:
                return (flags & (GIVEN | SURNAME)) | INFLECTED | (WEAK if len(ending) == 1 else 0)
    if _POLISH_SURNAME_RE.fullmatch(word) is not None:
        return SURNAME | INFLECTED  # "Nowakowskim": a surname's shape, a name only beside another
    return 0


#: A Polish surname of the adjective's shape, in any case (Kowalski, Nowakowskiego, Zielińską):
#: also a place's adjective ("Uniwersytet Warszawski"), so a name only beside a given name.
_POLISH_SURNAME_RE = re.compile(r"[A-ZŁŚŻŹĆ][a-ząćęłńóśźż]{2,}(?:ski|cki|dzki)(?:ego|emu|m|ch)?|[A-ZŁŚŻŹĆ][a-ząćęłńóśźż]{2,}(?:ska|cka|dzka|ską|cką|dzką|skiej|ckiej)")
_FOLDED_LETTERS_RE = re.compile("[łŁśŚćĆńŃżŻźŹąĄęĘşŞğĞıİřŘěĚůŮčČšŠžŽďĎťŤňŇľĽĺĹőŐűŰșȘțȚāĀēĒīĪūŪļĻķĶņŅģĢėĖįĮųŲ]")
#: Latin letters that no decomposition takes to a base letter.
_FOLD_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
                               "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})


def _fold(word: str) -> str:
    """``word`` in plain Latin letters: "Małgorzata" -> "Malgorzata", "Ayşe" -> "Ayse"."""
    return without_marks(word.translate(_FOLD_LETTERS))


def _folded_flags(word: str) -> int:
    """The lexicon's flags of a Central European, Turkish or Baltic name written with its own
    letters where the lexicon has it in plain ones ("Małgorzata", "Ayşe", "Dvořák"); 0 for a
    word without such letters. Not the accents of the Romance languages and Vietnamese, which
    the lexicon writes and which tell words apart (Nguyên, Bão, Guaraná are no Nguyen, Bao, Guarana)."""
    if word.isascii() or _FOLDED_LETTERS_RE.search(word) is None:
        return 0
    return _folded_lexicon().get(_fold(word), 0)


@cache
def _folded_lexicon() -> dict[str, int]:
    """The lexicon's Latin names by their plain form; a form two names share has both their
    flags, and is ambiguous if either is. Built on first use (about 54,000 names)."""
    folded: dict[str, int] = {}
    for name, flags in LEXICON.items():
        if name[:1] < "\u0370":
            key = _fold(name)
            folded[key] = folded.get(key, 0) | flags
    return folded


def may_hold(text: str) -> bool:
    """Does ``text`` hold a word of the lexicon where a name could start? (One C-level scan:
    the capitalised words, and words of scripts without capitals, against the lexicon.)"""
    candidates = _CANDIDATE_RE.findall(text)
    return not _NAMES.isdisjoint(candidates) or any(
        ("-" in c or not c.isascii() or c.endswith(_INFLECTION_ENDINGS) or c.endswith(_SHAPE_ENDINGS)) and flags_of(c)
        for c in candidates)


def _cased(word: str) -> bool:
    return _CASED_RE.match(word) is not None


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


#: Two words in capitals in a row, as systems write a holder's or a patient's name ("GARCÍA LÓPEZ").
_CAPITALS_RUN_RE = re.compile(
    r"(?<![^\W\d_])[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁİ](?:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁİ]|['’-](?=[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁİ])){2,20}+"
    r"(?:[ ](?:DE|DEL|DA|DOS|DAS|VAN|VON|DER|DI|LA|LE)?[ ]?"
    r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁİ](?:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁİ]|['’-](?=[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁİ])){2,20}+){1,4}(?![^\W\d_])"
)


def scrub_capital_names(text: str, replace: Replace) -> str:
    """Names written in capitals ("titular 'MARÍA DEL CARMEN GARCÍA LÓPEZ'", "HAKAN ÇELİK"): two to
    five words, each a name of the lexicon once written as a name is, one of them no ordinary word,
    and no brand's ("TOMMY HILFIGER")."""
    return _CAPITALS_RUN_RE.sub(lambda m: _capital_name(m, replace), text)


def _capital_name(match: re.Match[str], replace: Replace) -> str:
    named = [w for w in match[0].split(" ") if w and w.lower() not in PARTICLES]
    # "ÇELİK" is "Çelik": the dotted capital İ lowers to "i" and a combining dot
    flags = [flags_of(w[0] + w[1:].lower().replace("i\u0307", "i")) for w in named]
    if not all(flags) or (len(named) < 3 and all(f & AMBIGUOUS for f in flags)) or _brand([w.capitalize() for w in named]):
        return match[0]  # three names in capitals are a name even when each is also a word
    return replace("name", " ".join(match[0].lower().split()), match[0])


def scrub_prose_names(text: str, replace: Replace) -> str:
    """Names of the lexicon in ``text`` (see the module's docstring), masked as names."""
    if _CAPITALS_RUN_RE.search(text) is not None:
        text = scrub_capital_names(text, replace)
    if not may_hold(text):
        return text
    words = [(m.start(), m.end(), m[0]) for m in _WORD_RE.finditer(text)]
    prose = " " in text and len(words) >= 3 and any(w.islower() and len(w) > 2 and _cased(w) for _, _, w in words)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        run = _name_at(text, words, i, prose)
        if run is None:
            i += 1
            if _after_an_office(text, words, i - 1):
                # the holder's other names are theirs too: "presidente Gustavo Petro", "Prime Minister Lawrence Wong"
                while i < len(words) and _joined(text, words[i - 1][1], words[i][0]) and (
                        _capitalised(words[i][2]) or not _cased(words[i][2]) or words[i][2] in PARTICLES):
                    i += 1
            continue
        if len(run) > 1 and words[run[-1]][2].lower() in _COMMON:
            run = run[:-1]  # "Dolores Park", "Grace Church": a place's word, though "Park" is a surname too
            while len(run) > 1 and words[run[-1]][2].islower():
                run = run[:-1]
        after = run[-1] + 1
        if after < len(words) and _joined(text, words[run[-1]][1], words[after][0]) and words[after][2] in _STREET_AFTER:
            i = after + 1  # "Karl Johans gate": a street's name
            continue
        named = [words[k][2] for k in run]
        word = named[0]
        if _firm(text, words[run[0]][0], words[run[-1]][1]) or (
                (len(run) > 1 or flags_of(word) & AMBIGUOUS) and _title_after(text, words, run[-1])):
            take = False  # "Johnson & Johnson"; "Little Debbie Oatmeal Creme Pies", "James Webb Space Telescope"
        elif len(named) >= 2:
            flags = [flags_of(w) for w in named]
            take = not _brand(named) and (_names_enough(flags) or _named_by_a_cue(text, words, run, flags))
        else:
            flags = flags_of(word)
            take = (prose and _cased(word) and not flags & AMBIGUOUS and not _thing_after(text, words, i)
                    and not _brand(named) and (not flags & INFLECTED or (
                        flags & GIVEN != 0 and i > 0 and (words[i - 1][2].lower() in _SLAVIC_PREPOSITIONS
                                                          or word.endswith(_FINNISH_PERSONAL)))))
        if not take:
            i = run[-1] + 1  # words of a brand or of a title are no name's either
            continue
        spans.append((words[i][0], words[run[-1]][1]))
        i = run[-1] + 1
    return _masked(text, spans, replace)


def _masked(text: str, spans: list[tuple[int, int]], replace: Replace) -> str:
    """``text`` with each of ``spans`` (in order, apart) replaced as a name."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in spans:
        original = text[start:end]
        out += [text[pos:start], replace("name", " ".join(original.split()).lower(), original)]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _name_at(text: str, words: list, i: int, prose: bool) -> list[int] | None:
    """The indexes of the name's words starting at word ``i`` (particles included), or None:
    a given name, or a surname before a given name ("Tanaka Aiko", "Nguyen Van An"), then
    names of the lexicon, and in prose one capitalised word the lexicon lacks at its end
    ("Whitfield"; in a title it is more often a thing: "Caesar Salad", "Kira Mart")."""
    word = words[i][2]
    flags = flags_of(word)
    if (not flags and prose and _unknown_surname(word) and word.lower() not in _BEFORE_A_THING
            and _VIETNAMESE_RE.search(word) is None  # Vietnamese puts the surname first: "Quảng Ninh" is a province
            and not word.endswith(("er", "ers", "isch", "ische")) and _starts_a_name(text, words, i)
            and i > 0 and _joined(text, words[i - 1][1], words[i][0])
            and (words[i - 1][2].islower() or words[i - 1][2].lower() in _BEFORE_A_PERSON)):
        # a given name the lexicon lacks before a surname it has, inside a sentence: "deliver to
        # Chidinma Okafor", "Ask Tejaswini Rao" (at a sentence's start, "Ran Jenkins" is a verb)
        k = i + 1
        while k < len(words) and _joined(text, words[k - 1][1], words[k][0]) and words[k][2] in _CAPITAL_PARTICLES:
            k += 1
        if k < len(words) and _joined(text, words[k - 1][1], words[k][0]):
            after = flags_of(words[k][2])
            surname = words[k][2]
            if (after & SURNAME and not after & AMBIGUOUS and _capitalised(surname) and not _title_after(text, words, k)
                    and surname.split("-")[0].lower() not in _BEFORE_A_THING):  # "Marseille Saint-Charles"
                return list(range(i, k + 1))
        return None
    if not flags or (_cased(word) and not _capitalised(word)) or word.lower() in _BEFORE_A_THING:
        return None
    # after a sentence's capitalised first word a run of two names is a person's in any language
    # ("Передайте Марине Ивановой", "Köszönöm Nagy Péternek"); one word there may be a title's
    opener = False
    if not _starts_a_name(text, words, i):
        if not (prose and _opens_sentence(text, words, i - 1) and _may_open(words[i - 1][2])
                and word.lower() not in _DAY_WORDS):
            return None
        opener = True
    if not flags & GIVEN:
        if flags & AMBIGUOUS:
            return None  # "Little Debbie": a word first
        following = words[i + 1][2] if i + 1 < len(words) and _joined(text, words[i][1], words[i + 1][0]) else ""
        given = flags_of(following)
        if given & AMBIGUOUS or (_cased(following) and not _capitalised(following)) or not (
                given & GIVEN or (prose and given & SURNAME)):
            return None  # "O'Reilly Media": a surname, then a word; "Suresh Yadav" in a sentence is a name
    run, pending = [i], []
    j = i + 1
    while j < len(words) and len(run) < 5 and _joined(text, words[j - 1][1], words[j][0]):
        nxt = words[j][2]
        if flags_of(nxt) and (_capitalised(nxt) or not _cased(nxt)):
            run += pending + [j]
            pending = []
        elif (nxt.islower() and nxt in PARTICLES) or nxt in _INNER_PARTICLES:
            pending.append(j)
        elif prose and (not opener or len(run) == 1) and _unknown_surname(nxt) and not (
                j + 1 < len(words) and _joined(text, words[j][1], words[j + 1][0]) and _capitalised(words[j + 1][2])):
            run += pending + [j]  # last: a capitalised word after it makes a title ("Priya Cooking Class")
            break
        else:
            break
        j += 1
    return None if opener and len(run) < 2 else run


#: Words right before a person's name in a sentence, in 15 languages: a given name and a surname that
#: are both also words or places ("Claudia Quintero", "Catarina Lopes") are a person's after them.
_BEFORE_TWO_NAMES = frozenset("""from by with soy sou am heiße heisse bin suis von mit de da di par avec com con
    od przez от від mi meu mon ma signed firma firmado assinado regards saludos cumprimentos grüße""".split())
#: A first word that makes two names a place's ("Santa Cruz", "San José", "Porto Alegre").
_PLACE_FIRST = frozenset("santa san são sao saint st santo porto puerto costa villa vila monte mount fort port new los las el la"
                         .split())


def _named_by_a_cue(text: str, words: list, run: list[int], flags: list[int]) -> bool:
    """Two or three names of the lexicon, each also a word (:data:`AMBIGUOUS`), a given name first and a
    surname last, right after a word that puts a person there: "de Claudia Quintero", "sou a Catarina Lopes"."""
    if not 2 <= len(run) <= 3 or not flags[0] & GIVEN or not flags[-1] & SURNAME or not all(flags):
        return False
    first = run[0]
    if first == 0 or words[first][2].lower() in _PLACE_FIRST:
        return False
    before = words[first - 1]
    if not _joined(text, before[1], words[first][0]):
        return False
    cue = before[2].lower()
    if cue in ("a", "o") and first > 1 and words[first - 2][2].lower() in ("sou", "é", "e"):
        return True  # "Sou a Catarina Lopes"
    return cue in _BEFORE_TWO_NAMES


def _names_enough(flags: list[int]) -> bool:
    """Do a run's words make a name: one of them a name of the lexicon as written that is no
    ordinary word; or, inflected ("Ольги Сергеевны Кузнецовой"), a given name first, names after
    it (the last may be a surname the lexicon lacks), or names only with a given name among them,
    and none an ordinary word?"""
    if any(f and not f & (AMBIGUOUS | INFLECTED) for f in flags):
        return True
    # the last word may be a surname the lexicon lacks ("Денису Гончаренко"); a surname may come
    # first when every word is a name's ("Ивановой Марине", "Virtasen Mikolle")
    if any(f & AMBIGUOUS for f in flags):
        return False
    if any(f & WEAK for f in flags) and not all(flags):
        return False  # "Kirana Bazaar": "Kiran" read back from a word's ending, beside a word the lexicon lacks
    return all(flags[:-1]) and (flags[0] & GIVEN != 0 or (all(flags) and any(f & GIVEN for f in flags)))


def _joined(text: str, end: int, start: int) -> bool:
    """Are two words one space apart (a name's words), not across a comma or a line?"""
    return start - end == 1 and text[end] == " "


def _unknown_surname(word: str) -> bool:
    """A capitalised word the lexicon lacks that may be a surname: no common word of a title."""
    return (_cased(word) and _capitalised(word) and len(word) > 2 and word.lower() not in _COMMON
            and word.lower() not in PARTICLES)


def _starts_a_name(text: str, words: list, i: int) -> bool:
    """Can a name start at word ``i``: not after a word that makes it a place, a saint, a shop
    or a ship ("San Diego", "St. Jude", "Chez Marie", "Hurricane Milton")?"""
    if i == 0:
        return True
    before = words[i - 1][2]
    gap = text[words[i - 1][1]:words[i][0]]
    if before.lower() in _BEFORE_A_THING and (gap == " " or gap == ". " or gap == "+"):
        return False
    if gap == " " and is_office(before):
        return False  # "del General José de San Martín", "Präsident Emmanuel Macron": a public office's holder
    # after a capitalised word that no name is, a name's word is part of a proper noun's ("The
    # New York Times", "Apache Cassandra", "Sturmtief Zeynep", "Eggs Benedict"), unless that
    # word is a verb or a greeting that starts a sentence ("Call Priya tomorrow")
    return not (gap == " " and len(before) > 1 and not flags_of(before) and _cased(before) and _capitalised(before)
                and before.lower() not in _BEFORE_A_PERSON)


def _after_an_office(text: str, words: list, i: int) -> bool:
    """Does word ``i``, capitalised or of a script without capitals, follow an office's title
    ("Präsident Emmanuel Macron", "Ο πρωθυπουργός Κυριάκος Μητσοτάκης")?"""
    return (0 < i < len(words) and _joined(text, words[i - 1][1], words[i][0])
            and (_capitalised(words[i][2]) or not _cased(words[i][2])) and is_office(words[i - 1][2]))


def _opens_sentence(text: str, words: list, i: int) -> bool:
    """Is word ``i`` a sentence's first: at the text's start or after a full stop, a question or
    an exclamation mark, a colon or a line's end?"""
    if i < 0:
        return False
    start = words[i][0]
    before = text[max(0, start - 16):start].rstrip(" \t\"'«“„(")  # a window: never the whole text before it
    return (not before and start <= 16) or (before != "" and before[-1] in ".!?:;\n\r…。！？")


#: Letters only Vietnamese writes.
_VIETNAMESE_RE = re.compile("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]")
#: "Day" in languages where it is also a given name, before the person a holiday is named for ("Selamat
#: Hari Kartini"): a holiday's name, after a sentence's first word.
_DAY_WORDS = frozenset("hari araw siku".split())
#: A place's or an institution's first word, which a name after it is the name of ("Aeropuerto
#: Benito Juárez", "Aerodrom Nikola Tesla", "Gare Saint-Lazare").
_PLACE_WORDS = frozenset("""aeropuerto aeroporto aéroport aeroport aerodrom aerodromo aeródromo lotnisko letiště
    letisko lentoasema repülőtér flygplats lufthavn lufthavna havalimanı havaalanı αεροδρόμιο аэропорт аеропорт
    летище estación estação gare stazione bahnhof stanice stacja dworzec asema állomás järnvägsstation
    вокзал станция станція hospital hôpital ospedale krankenhaus szpital nemocnice sairaala kórház
    universidad universidade université università universität uniwersytet univerzita yliopisto egyetem
    escuela escola école scuola colegio liceo lycée collège instituto istituto gimnazjum gymnasium
    puente ponte pont most híd silta köprü iglesia igreja église chiesa kirche kościół kostel
    parque parc parco plaza praça piazza platz náměstí plac tér tori meydanı""".split())


def _may_open(word: str) -> bool:
    """Can a sentence's capitalised first word be a verb or a greeting before a name, rather than
    a place's or an institution's word the name belongs to?"""
    lowered = word.lower()
    return (lowered not in _PLACE_WORDS and lowered not in _COMMON and lowered not in _INSTITUTIONS_AFTER
            and lowered not in _BEFORE_A_THING and not is_office(lowered))


#: An office's title before its holder's name, whom the news names ("Bundeskanzler Olaf Scholz",
#: "Premierminister", "Präsidentin"): a public figure's name is kept.
_OFFICES = ("kanzler", "kanzlerin", "minister", "ministerin", "ministre", "ministro", "ministra", "präsident",
            "präsidentin", "president", "presidente", "président", "présidente", "prezydent", "premier", "senator",
            "senatorin", "sénateur", "governor", "gouverneur", "gobernador", "governador", "mayor", "maire",
            "alcalde", "alcaldesa", "sindaco", "bürgermeister", "bürgermeisterin", "burmistrz", "chancellor",
            "premiér", "prezident", "elnök", "presidentti", "pääministeri", "statsminister", "ombudsman",
            "kommissar", "kommissarin", "commissioner", "commissaire", "ambassador", "botschafter", "ambassadeur",
            "embajador", "general", "admiral", "papst", "pope", "prócer", "libertador",
            # heads of state and government, ministers and monarchs of more languages, as the news names
            # them ("Taoiseach Simon Harris", "Peaminister Kristen Michal", "Cumhurbaşkanı Recep Tayyip Erdoğan",
            # "Thủ tướng Phạm Minh Chính", "Rais William Ruto"); not a chair, a coach or a secretary, whom
            # a club's or a firm's app names as often as the news
            "taoiseach", "tánaiste", "koning", "koningin", "könig", "königin", "forseti", "peaminister",
            "prezidents", "prezidentas", "premjerministrs", "ministras", "miniszterelnök", "președintele",
            "președinte", "premierul", "πρωθυπουργός", "πρόεδρος", "υπουργός", "premijer", "predsjednik",
            "predsjednica", "predsednik", "predsednica", "президент", "президента", "премьер", "премьер-министр",
            "прем'єр-міністр", "міністр", "министр", "кмет", "мэр", "cumhurbaşkanı", "başbakan", "bakan", "valisi",
            "tướng", "presiden", "menteri", "gubernur", "rais", "waziri", "gavana", "primeiro-ministro",
            "statsministeren", "pääministeri", "presidentti", "vizepräsident", "vicepresidente", "vice-président",
            "reina", "roi", "reine", "regina", "kung", "drottning", "konge", "dronning", "sheikh", "emir", "sultan")


_LONG_OFFICES = tuple(office for office in _OFFICES if len(office) > 5)


def is_office(word: str) -> bool:
    """Is ``word`` an office's title: one of :data:`_OFFICES`, or a word ending in a long one
    ("Bundeskanzler", "Premierminister"; not "Marais" for "rais")?"""
    lowered = word.lower()
    return lowered in _OFFICES or lowered.endswith(_LONG_OFFICES)


def _thing_after(text: str, words: list, i: int) -> bool:
    """Is a lone given name followed by a capitalised word of a language ("Victoria Station",
    "Wendy Foods") or by a possessive of a shop ("Wendy's")?"""
    end = words[i][1]
    if text[end:end + 2] in ("'s", "’s"):
        # a shop or a product: "Macy's", "Halley's Comet", "a bottle of Taylor's."; a person's
        # thing is named after it in lower case: "Kate's order"
        after = text[end + 2:end + 4]
        return (words[i][2].lower() in _POSSESSIVE_BRANDS or not after.strip(" ")
                or after[0] != " " or not after[1:].islower())
    if i + 1 < len(words) and _joined(text, end, words[i + 1][0]):
        nxt = words[i + 1][2]
        if nxt.isupper() and _cased(nxt):
            return True  # "Travis CI", "Julia REPL"
        if _capitalised(nxt) and (nxt.lower() in _COMMON or nxt.lower() in _INSTITUTIONS_AFTER
                                  or flags_of(nxt) & AMBIGUOUS != 0):
            return True
        # a place named after someone, its word two or three words on: "Steve Biko Academic Hospital"
        k = i + 1
        while k < len(words) and k <= i + 3 and _joined(text, words[k - 1][1], words[k][0]) and _capitalised(words[k][2]):
            if words[k][2].lower() in _INSTITUTIONS_AFTER:
                return True
            k += 1
        return False
    if text[end:end + 1] == " " and text[end + 1:end + 2].isdigit():
        return True  # "Otis 2", "Pixel 8": a product, a model
    return False


def _title_after(text: str, words: list, last: int) -> bool:
    """Is the word after a name's last one capitalised, so that the name is a title's start?"""
    return (last + 1 < len(words) and _joined(text, words[last][1], words[last + 1][0]) and len(words[last + 1][2]) > 1
            and _capitalised(words[last + 1][2]) and _cased(words[last + 1][2]))  # an initial is the name's: "Олег Павлович Т."


def _firm(text: str, start: int, end: int) -> bool:
    """A name joined to another by "&" is a firm's or a brand's: "Johnson & Johnson",
    "Marks & Spencer", "Ben & Jerry's"."""
    return text[max(0, start - 3):start].rstrip().endswith("&") or text[end:end + 3].lstrip().startswith("&")


def _brand(named: list[str]) -> bool:
    lowered = [w.lower() for w in named if w.lower() not in PARTICLES]
    return " ".join(lowered) in _BRANDS or any(
        " ".join(lowered[k:k + 2]) in _BRANDS for k in range(len(lowered) - 1))


def _common_words() -> frozenset[str]:
    from ._pii_people import STREET_WORDS

    return frozenset(w.lower() for w in STREET_WORDS) | frozenset(
        """street road avenue lane drive court place way boulevard square station park hall church chapel cathedral
        hospital clinic school college university academy institute airport hotel inn motel center centre bridge tower
        museum library stadium arena theatre theater gallery foundation company group bank mall market island beach
        bay river lake mountain valley county city town village foods food labs lab studio studios store shop shops
        house home cafe café bar grill kitchen restaurant pizza bakery farm farms garden gardens industries holdings
        partners capital ventures solutions systems services software technologies tech media records pictures
        productions press books publishing airlines airways motors auto cars pharmacy health care dental medical
        insurance energy oil gas steel brewing brewery wines winery coffee tea chocolate ice cream burger burgers
        chicken fries express mobile phone phones network networks cloud data digital online global international
        national united royal grand central north south east west new old saint fc cf sc ac united city rovers
        athletic wanderers olympic sports team club league cup trophy award awards prize festival fest conference
        summit day days week night nights show tour live band orchestra choir quartet trio""".split())


_COMMON = _common_words()


#: A text typed all in lower case, as chats are ("a oi e la tran van nam", "passa o pix pro joao vitor").
_LOWER_CHAT_MIN_WORDS = 4


def scrub_lower_case_names(text: str, replace: Replace) -> str:
    """Names in a message typed all in lower case: no capital tells a name there, so two names of
    the lexicon in a row are taken ("tran van nam", "joao vitor", "youssef el amrani"), each no
    ordinary word, one of them a given name; a word alone is not (too many names are another
    language's words)."""
    if not text.islower() or not _CASED_RE.search(text):
        return text
    words = [(m.start(), m.end(), m[0]) for m in _WORD_RE.finditer(text)]
    if len(words) < _LOWER_CHAT_MIN_WORDS:
        return text
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        run = i
        kinds = []
        while run < len(words) and run - i < 5 and (run == i or _joined(text, words[run - 1][1], words[run][0])):
            word = words[run][2]
            if word in PARTICLES and run > i:
                run += 1
                continue
            flags = flags_of(word[0].upper() + word[1:]) if len(word) > 2 and _cased(word) else 0
            if not flags or flags & (AMBIGUOUS | INFLECTED) or word in _COMMON:
                break
            kinds.append(flags)
            run += 1
        while run > i and words[run - 1][2] in PARTICLES:
            run -= 1
        if len(kinds) >= 2 and any(f & GIVEN for f in kinds):
            spans.append((words[i][0], words[run - 1][1]))
        i = max(run, i + 1)  # a run's later words make no name its first did not: each word read once
    return _masked(text, spans, replace)


def scrub_search_names(text: str, replace: Replace) -> str:
    """The names in what someone typed into a search box, written in any case ("taras
    квитки", "faktura luty grzegorz"): a search holds no sentence to tell a name by, but
    people look for people by typing their names. A word is taken when its capitalised form
    is a name of the lexicon that is no ordinary word ("grace", "hope" and "paris" stay);
    neighbouring names are taken as one."""
    spans: list[tuple[int, int]] = []
    for match in _WORD_RE.finditer(text[:512]):
        word = match[0]
        flags = flags_of(word) or (flags_of(word[0].upper() + word[1:].lower()) if word.islower() else 0)
        if flags and not flags & AMBIGUOUS and len(word) > 2:
            if spans and text[spans[-1][1]:match.start()] == " ":
                spans[-1] = (spans[-1][0], match.end())
            else:
                spans.append(match.span())
    return _masked(text, spans, replace)
