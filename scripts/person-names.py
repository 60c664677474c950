#!/usr/bin/env python3
"""Write ``transforms/builtin/person-names.txt``, the lexicon pii reads names in prose by.

    .venv/bin/python scripts/person-names.py   # needs Faker (a test dependency) and the
                                               # Debian word lists: apt-get install wamerican
                                               # wbritish wngerman wfrench wspanish witalian
                                               # wportuguese wbrazilian wdutch wswedish
                                               # wnorwegian wdanish wpolish wcatalan

Given names and surnames come from Faker's person providers (every locale: Latin,
Cyrillic, Greek, Arabic, Devanagari... scripts). A name that is also an ordinary word of
one of the word lists (``will``, ``rose``, ``victoria``), a place, a month or a weekday is
marked ambiguous (and a few names of products and gods: "Athena", "Alexa"): pii takes it for a
name only next to another name; so is a name only
Faker's generic English list has (thousands of rare ones: "Easter", "Hudson"). The file is
generated, reviewed in its diff and committed; pii never imports Faker.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from pathlib import Path

import faker
import faker.providers.address as addresses
import faker.providers.date_time as dates
import faker.providers.person as people

OUT = Path(__file__).resolve().parents[1] / "transforms" / "builtin" / "person-names.txt"
#: Names Faker lacks, written in Latin letters as customers write them in chat and tickets (South and
#: South-East Asia, Russia romanised, the Arab world, Iran, Africa, Korea, Japan, China), and in their
#: own scripts (Georgian, Armenian, Ge'ez, Khmer, the Indic scripts, Arabic, Central Asian Cyrillic): one a line,
#: ``g``/``s``/``b`` then the name; ``#`` starts a comment. Reviewed by hand against the word lists.
EXTRA = Path(__file__).resolve().with_name("person-names-extra.txt")
WORD_LISTS = ["american-english", "british-english", "ngerman", "french", "spanish", "italian", "portuguese",
              "brazilian", "dutch", "swedish", "bokmaal", "danish", "polish", "catalan"]
INFLECTED = frozenset({"polish", "catalan", "bokmaal"})
#: Names that are as often a product, a service, an assistant or a god in API traffic ("Athena
#: query failed", "Ask Alexa"): ambiguous, like words.
NOT_ONLY_NAMES = """alexa siri cortana bixby okta athena hermes zeus hera odin thor freya loki apollo artemis
zelda kirby bentley jaguar mercedes tesla porsche ferrari lancia skoda kia genesis pandora tiffany cartier
chanel dior gucci prada versace rolex omega fiat opel nissan""".split()
#: Cities, regions and landmarks that are also given names or surnames ("London", "Austin",
#: "York"), beyond the single-word places of Faker's address providers.
CITIES = """london paris sydney austin houston dallas florence victoria lincoln jackson madison charlotte savannah
phoenix orlando denver chelsea kingston hamilton wellington adelaide alexandria georgia virginia carolina indiana
montana nevada dakota brooklyn aurora lourdes santiago york jersey washington columbia cleveland chester preston
darwin perth brisbane melbourne auckland nelson regina sofia valencia lima santa barbara monica clara rosa cruz
paz orange vienna berlin milan roma rome naples geneva zurich lyon nice marseille bordeaux toulouse lille
nancy limoges orleans rouen dijon tours reims cannes monaco chester winchester cambridge oxford bristol bath
leeds york durham lancaster warwick derby norwich exeter carlisle hastings dover sheffield manchester boston
salem troy ithaca augusta helena juneau pierre olympia raleigh richmond trenton dover frankfort topeka jefferson
laramie lansing camden beverly shirley ashley stanley lexington arlington irving garland mesa tempe chandler
fresno sherman tucson reno vegas memphis nashville louisville cairo delhi mumbai chennai kolkata lahore dhaka
jakarta manila hanoi seoul tokyo osaka kyoto beijing shanghai dubai doha riyadh medina mecca istanbul ankara
izmir moscow kiev kyiv odessa prague warsaw krakow budapest vienna lisbon porto madrid sevilla seville bilbao
granada toledo malaga barcelona marbella siena verona genoa turin torino bologna pisa lucca como capri sicily
sardinia corsica crete rhodes athens sparta troy jordan israel lebanon syria chad niger sudan kenya ghana
guinea gambia mali togo benin congo angola zambia malawi chile peru bolivia cuba haiti jamaica panama belize
india china japan korea egypt libya tunisia algeria morocco france germany italy spain holland ireland scotland
wales england britain america canada mexico brazil argentina australia austria hungary poland russia sweden
norway denmark finland iceland greece turkey iran iraq"""
GIVEN = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary", "first_romanized_names",
         "first_romanized_names_male", "first_romanized_names_female")
SURNAMES = ("last_names", "last_names_male", "last_names_female", "last_romanized_names")
PLACES = ("cities", "city_names", "countries", "states", "provinces", "regions", "departments", "city_prefixes")
#: A word of a name: a letter, then letters (with the combining marks of Indic and Arabic
#: script), apostrophes, hyphens or a zero-width non-joiner inside; three characters at least.
#: The same words as transforms/builtin/_pii_prose_names.py's.
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0900-\u0dff\u0300-\u036f\u064b-\u065f\u0670\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]"
                     r"|['’\u200c-](?=[^\W\d_])){2,30}")


def _folded(value: str) -> str:
    """``value`` as pii compares a word to the lexicon: lower case, its marks and dotless i gone."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(str.maketrans("ıłøđ", "ilod"))


def _values(cls: type, names: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for name in names:
        value = cls.__dict__.get(name)
        for klass in cls.__mro__:
            if name in klass.__dict__:
                value = klass.__dict__[name]
                break
        if isinstance(value, dict):
            value = value.keys()
        if isinstance(value, (list, tuple, set, frozenset, type({}.keys()))):
            found |= {v for v in value if isinstance(v, str)}
    return found


def _tokens(values: set[str]) -> set[str]:
    out: set[str] = set()
    for value in values:
        for word in WORD_RE.findall(unicodedata.normalize("NFC", value)):
            if not word.isupper() or len(word) == 1:
                out.add(word)
    return out


def _providers(package) -> list[type]:
    found = []
    for module in pkgutil.iter_modules(package.__path__):
        try:
            found.append(importlib.import_module(f"{package.__name__}.{module.name}").Provider)
        except (ImportError, AttributeError):
            continue
    return found


def main() -> None:
    given: set[str] = set()
    surnames: set[str] = set()
    elsewhere: set[str] = set()  # names of a locale other than the generic English one
    for provider in _providers(people):
        found = _tokens(_values(provider, GIVEN)) | _tokens(_values(provider, SURNAMES))
        given |= _tokens(_values(provider, GIVEN))
        surnames |= _tokens(_values(provider, SURNAMES))
        if provider.__module__.rsplit(".", 1)[-1] != "en":
            elsewhere |= found
    for line in EXTRA.read_text(encoding="utf-8").splitlines():
        kind, _, name = line.partition(" ")
        if kind in ("g", "s", "b") and WORD_RE.fullmatch(name := unicodedata.normalize("NFC", name.strip())):
            if kind in ("g", "b"):
                given.add(name)
            if kind in ("s", "b"):
                surnames.add(name)
            elsewhere.add(name)
    # places of one word only: "José" of "San José" is a name
    places: set[str] = set()
    for provider in _providers(addresses):
        places |= {v.lower() for v in _values(provider, PLACES) if WORD_RE.fullmatch(v)}
    calendar: set[str] = set()  # months and weekdays as pii reads them, without marks: "Kasım" is "kasim"
    for provider in _providers(dates):
        places |= {v.lower() for v in _values(provider, ("MONTH_NAMES", "DAY_NAMES")) if WORD_RE.fullmatch(v)}
        # (most date providers map a number to the month's name: {"11": "Kasım"})
        named = [getattr(provider, key, {}) for key in ("MONTH_NAMES", "DAY_NAMES")]
        calendar |= {_folded(v) for table in named if isinstance(table, dict) for v in table.values()
                     if isinstance(v, str) and WORD_RE.fullmatch(v)}
    places |= set("january february march april may june july august september october november december "
                  "monday tuesday wednesday thursday friday saturday sunday".split())
    places |= set(CITIES.split()) | set(NOT_ONLY_NAMES)
    # a word of one of the main lists, or of two of the others: the Polish, Catalan and
    # Norwegian lists hold many inflected forms that happen to be names ("marshall", "tanya")
    words: set[str] = set()
    seen: dict[str, int] = {}
    for name in WORD_LISTS:
        path = Path("/usr/share/dict") / name
        if not path.exists():
            raise SystemExit(f"{path} is missing: install the Debian word lists (see this script's docstring)")
        listed = {w for w in path.read_text(encoding="utf-8", errors="replace").split() if w[:1].islower()}
        if name not in INFLECTED:
            words |= listed
        for w in listed:
            seen[w] = seen.get(w, 0) + 1
    words |= {w for w, n in seen.items() if n >= 2}
    lines = [f"# Generated by scripts/person-names.py from Faker {faker.VERSION}'s person providers (MIT licence),"
             " scripts/person-names-extra.txt and the Debian",
             "# word lists; do not edit by hand. One name a line: its kind (g: given name, s: surname, b: both),",
             "# then ? when it is also a word, a place or a month (a name only next to another name)."]
    for name in sorted(given | surnames):
        kind = "b" if name in given and name in surnames else "g" if name in given else "s"
        # the generic English list's thousands of rare names ("Easter", "Hudson") only beside another
        ambiguous = (name.lower() in words or name.lower() in places or name not in elsewhere
                     or _folded(name) in calendar)
        lines.append(f"{kind}{'?' if ambiguous else ''} {name}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(given)} given names, {len(surnames)} surnames")


if __name__ == "__main__":
    main()
