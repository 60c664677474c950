"""People's logins and handles beyond the names of the lexicon: under a key that holds one
(``X-Bruker``, ``actor``, ``X-TradeMe-Member``) and after the words that tell one in text
(``login-words.tsv``: "Mi usuario allí es laurita_bcn88", "user xXSn1perWolfXx keeps posting",
"ინსტა @lasha.gvasalia_"); as the ID a service, a tracker or a feature-flag SDK keeps for a user
({"distinct_id": "omarodr363"}, "user_id=martin_78" in a log line); a URL's user before its password.

:func:`._pii_people.reads_as_handle` takes a login made of a person's name ("kayla_brooks92"); a
login people make up ("kiwi_bargains_77", "pyorajussi88", "b.ganbold") is theirs as much, an online
identifier. What is no one's: a machine's or a system's login ("svc_billing", "root"), an
identifier a system generated ("usr_1182", "cus_NffrFeUfNV2Hib"), a code in capitals ("SKU_2231"),
a file's name, a status ("guest", "premium").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable

from transforms.builtin._pii_literals import Literals, word_file
from transforms.builtin._pii_words import cased, starts_word, swap_group

Replace = Callable[[str, str, str], str]

_KINDS = frozenset({"login", "user", "social"})
#: A login: letters and digits, parts joined by ".", "_" or "-" (a trailing "_" kept: "lasha.gvasalia_").
_LOGIN_RE = re.compile(r"@?(?P<login>[A-Za-z][A-Za-z0-9]{0,39}(?:[._-][A-Za-z0-9]{1,40}){0,3}_?)")
_ALPHA_RUN_RE = re.compile(r"[A-Za-z]{3,}")
#: Parts of a generated identifier's or a business code's, not of a login people chose.
_CODE_WORDS = frozenset(
    """usr user users cus cust customer acct acc account uid uuid id ids mem mbr member emp stu pat ord order orders
    inv invoice ticket tkt item items sku txn ref req request sub subscription org team grp group dev device tmp
    temp test tests build ver version rel release file img image doc docs pdf csv png jpg json xml log logs drv
    sess session tok token key api app web www http https mailto null none true false rider driver courier
    guest anon anonymous visitor""".split()
)
#: Words of a shared account's login, named for a place or a role, not a person: a till's, a
#: warehouse's, an office's ("kasse2", "lager-bergen", "armazem-porto", "compta-rennes", "pos-terminal-4").
_SHARED_WORDS = frozenset(
    """kasse kassa cassa caixa caja tameio till pos terminal store stores shop loja tienda negozio winkel butik magasin
    lager sklad skladiste armazem almacen magazzino magazyn warehouse depo depot apothiki muhasebe compta comptabilite
    contabilidad contabilita buchhaltung accounting finance finanzas reporting raportare report reports bi analytics
    vpn office kontor ufficio oficina bureau reception recepcion empfang frontdesk operator operador servis service
    prodaja sales vendas ventas vertrieb verkauf einkauf purchasing hr rrhh it helpdesk support soporte printer
    scanner kiosk branch filiale sucursal agencia centro centre center hq zentrale sede sync cli runner tenant
    signing sig lab clinic klinik apotheke farmacia pharmacy school schule escola escuela svc srv bot bots daemon
    soko changgo cangku anbar skladi sklep magaza anbari kho gudang bodega
    cron deploy deployer noreply system backup actions github gitlab jenkins dependabot renovate
    official news help care team global club fc tv radio media press studio records games music""".split()
)
#: Of those, the ones a login glues to a letter or a word ("sbackup_01", "adeploy-x"): found inside a run.
_GLUED_SHARED = tuple(w for w in _SHARED_WORDS if len(w) >= 5)
#: Statuses, roles and types a login's field holds as often as a login: {"user": "guest"}.
_NOT_LOGINS = frozenset(
    """guest anonymous unknown undefined system admin administrator root support premium standard basic free trial
    active inactive pending blocked banned deleted verified unverified new returning member owner viewer editor
    reader writer default public private internal external everyone nobody""".split()
)
_FILE_END_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|csv|txt|png|jpe?g|gif|zip|json|xml|log|html?|js|py|mp[34]|md)\Z", re.I)
#: The last words of keys that name a login itself (``X-Login``, ``bruker``, ``notandi``): one word
#: alone under them is a login too.
LOGIN_KEY_WORDS = frozenset(
    """user usuario utilisateur benutzer nutzer utente kullanici uzytkownik gebruiker anvandare bruker bruger kayttaja
    felhasznalo utilizator polzovatel korystuvach korisnik pengguna utilizador uzivatel pouzivatel kasutaja vartotojas
    naudotojas lietotajs notandi erabiltzailea erabiltzaile uporabnik login handle username nickname nick alias
    slapyvardis nimimerkki kasutajanimi notandanafn felhasznalonev brukernavn brugernavn anvandarnamn kayttajanimi
    kayttajatunnus gebruikersnaam benutzername nutzername lietotajvards pseudo pseudonim apodo apelido rumuz nik
    nikneim gamertag""".split()
)
#: The last words of more keys whose login people made up: a member's, a player's, a network's.
MADE_UP_LOGIN_KEY_WORDS = LOGIN_KEY_WORDS | frozenset(
    """actor member seller buyer player gamer instagram insta ig telegram twitter tiktok discord snapchat twitch steam
    reddit skype kakao line wechat zalo viber""".split()
) - {"login", "handle"}


#: The words before "id" of keys that hold the identifier a service, a tracker or a feature-flag SDK
#: keeps for a user ("distinct_id", "userId", "login_id", "X-Customer-Id", "enduser.id"): often the
#: login the user made up ("omarodr363").
USER_ID_KEY_WORDS = frozenset("user usr login distinct enduser customer member buyer seller player".split())
#: Of those, the words of the user's own identifier, where one word alone is a login too ({"userID":
#: "kucerao"}); a customer's or a seller's ID can be a company's ({"customer_id": "globex"}).
OWN_ID_KEY_WORDS = frozenset("user usr login distinct enduser".split())
#: The last words of keys that name who wrote a message or a post, by the login they made up
#: ({"sender": "martin_78"} in a marketplace's thread).
WRITER_KEY_WORDS = frozenset("sender author poster commenter".split())
#: What a login people made up holds that a machine's name ("server-fanout"), a decorator
#: ("@app.route") or a key ("@odata.context") does not: a digit or an underscore.
MADE_UP_MARK_RE = re.compile(r"[_0-9]")


def is_a_shared_login(value: str) -> bool:
    """Is ``value`` a shared account's login, named for a place or a role: words joined by a
    separator or digits, one of them a till's, a warehouse's, an office's ("sklad-msk", "kasse2",
    "store_gangnam_01", "cangku_sh")? A person's name is never written so."""
    if not 3 <= len(value) <= 42 or " " in value or _LOGIN_RE.fullmatch(value) is None:
        return False
    from transforms.builtin._pii_prose_names import GIVEN, SURNAME, flags_of

    runs = [r.lower() for r in _ALPHA_RUN_RE.findall(value)]
    if any(r not in _SHARED_WORDS and flags_of(r.capitalize()) & (GIVEN | SURNAME) for r in runs):
        return False  # "svc-maria": a person's account named for its job
    return bool(runs) and (len(runs) > 1 or not value.isalpha()) and any(
        r in _SHARED_WORDS or any(w in r for w in _GLUED_SHARED) for r in runs)


def reads_as_paired_login(value: str) -> bool:
    """Is ``value``, told as a login in a text that tells its password too, a login: words joined or
    with digits, not a person's name ("ciaran-dev-eire", "marija.admin"), or in capitals with digits
    ("CHANMW1962"); with the password, it opens someone's account. Not a status or a machine's
    ("admin", "root"), nor a shared account's, named for a place or a role ("compta-rennes", "operator2"),
    nor a code in capitals ("FOURN-0441")."""
    from transforms.builtin._pii_people import reads_as_machine_login

    if value.isdigit():
        return 6 <= len(value) <= 12  # a bank's customer ID beside its password ("customer ID 88120471")
    match = _LOGIN_RE.fullmatch(value)
    if match is None or not 4 <= len(value) <= 42:
        return False
    login = match["login"]
    lowered = login.lower()
    if lowered in _NOT_LOGINS or reads_as_machine_login(lowered.strip("_")) or _FILE_END_RE.search(login) is not None:
        return False
    if is_a_shared_login(login):
        return False  # (a person's name in it makes it theirs: "nika_shop", "svc-maria")
    if login.isupper() and not login.isalnum():
        return False
    return not login.isalpha() and any(c.isalpha() for c in login)  # (a word alone: "Login failed: ...")


def reads_as_login(value: str, alone: bool = False) -> bool:
    """Is ``value``, under a key that holds a person's login, a login people make up: words with
    digits, joined by ".", "_" or "-", or with an inner capital ("kiwi_bargains_77", "b.ganbold",
    "xXSn1perWolfXx"); with ``alone`` (a key naming the login itself: ``X-Login``, ``bruker``)
    one lower-case word of five letters or more too ("trondheimsgutten")? Not a machine's login,
    a generated identifier, a status or a code in capitals (see the module's docstring)."""
    from transforms.builtin._pii_commands import random_looking
    from transforms.builtin._pii_people import reads_as_machine_login

    match = _LOGIN_RE.fullmatch(value)
    if match is None or not 3 <= len(value) <= 42:
        return False
    login = match["login"]
    lowered = login.lower()
    if lowered in _NOT_LOGINS or not any(c.islower() for c in login) or reads_as_machine_login(lowered.strip("_")):
        return False
    runs = [r.lower() for r in _ALPHA_RUN_RE.findall(login)]
    if not runs or any(r in _CODE_WORDS or r in _SHARED_WORDS or any(w in r for w in _GLUED_SHARED) for r in runs) \
            or _FILE_END_RE.search(login) is not None:
        return False
    if login.isalpha() and (login.islower() or login.istitle()):
        return alone and len(login) >= 5
    if random_looking(login):
        return False  # "cus_NffrFeUfNV2Hib", "u7Hq2KxP": a system's identifier
    return True


#: A part of a login people made up: letters, then digits, or digits alone.
_MADE_UP_PART_RE = re.compile(r"[a-z]+[0-9]*|[0-9]+")
_PART_SEPARATORS_RE = re.compile(r"[._-]")
#: The prefix of an identifier a system makes for a user ("usr_", "u-", "cus_").
_ID_PREFIX_RE = re.compile(r"(?:usr|user|u|uid|id|mem|member|cus|cust|customer|acc|acct|emp)[_-](?=[a-z])")


def reads_as_user_id(value: str, own: bool = False) -> bool:
    """Is ``value``, under a key that holds the identifier a service keeps for a user or a message's
    writer, the login the user made up: in lower case, a word of four letters or more then digits or
    more words ("omarodr363", "martin_78", "amitabha.roy1985")? Under the user's own ID (``own``:
    ``distinct_id``, ``userId``), one lower-case word ("kucerao") or a shorter one ("nsh_1990") too.
    A system's ID is one when a person's login follows its prefix ("usr_jsmith92"). Not an identifier a
    system generated ("u_il_2291", "usr_pqrk82hd", "slr_88213", "rdr_55f1"), a machine's name
    ("server-fanout", "webhook"), nor an SMS sender's brand ("InfoSMS")."""
    from transforms.builtin._pii_people import _SERVICE_WORDS, reads_as_handle

    if (prefixed := _ID_PREFIX_RE.match(value)) is not None:
        # a person's name in what follows the prefix, not random letters and digits ("usr_pqrk82hd")
        return reads_as_handle(value[prefixed.end():], initials=True)
    if not value.islower() or not reads_as_login(value, alone=own):
        return False
    if value.isalpha():
        return value not in _SERVICE_WORDS
    parts = [part for part in _PART_SEPARATORS_RE.split(value) if part]
    # letters, then the digits people add; digits before letters are a generated ID's ("rdr_55f1",
    # "e44aa283528e6fde"), and so is a short abbreviation under a party's ID ("slr_88213")
    return MADE_UP_MARK_RE.search(value) is not None and all(
        _MADE_UP_PART_RE.fullmatch(part) is not None for part in parts) and (own or len(parts[0].rstrip("0123456789")) >= 4)


@cache
def _words() -> tuple[Literals, tuple[str, ...]]:
    return word_file(__package__, "login-words.tsv", _KINDS)


def may_hold(text: str) -> bool:
    return _words()[0].found_in(text)


#: Between a login's word and the login: a colon, or up to two short words ("allí es", "is", "isch").
_GAP_RE = re.compile(r"[ ]?[:=：՝][ ]?|[ ](?:c'est[ ]|c’est[ ])?(?:[^\W\d_]{1,8}[ ]){0,2}|(?<=[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af])(?:は|是|：)?")
_IDENTIFIER_CHAR = re.compile(r"[\w-]")
#: A login of digits: a bank's customer ID, told with its password.
_DIGITS_LOGIN_RE = re.compile(r"(?P<login>[0-9]{6,12})(?![0-9])")


def scrub(text: str, replace: Replace, beside_a_password: bool = False) -> str:
    """The logins after the words of ``login-words.tsv`` in ``text``; ``beside_a_password``
    (the text told a password, masked already), any account's (:func:`reads_as_paired_login`)."""
    from transforms.builtin._pii_people import reads_as_handle

    literals, kinds = _words()
    out: list[str] = []
    pos = 0
    for index, start, end in sorted(literals.hits(text), key=lambda hit: (hit[1], -hit[2])):
        if start < pos or not starts_word(text, start):
            continue
        if end < len(text) and _IDENTIFIER_CHAR.match(text, end) and text[end - 1].isascii():
            continue  # "user_id", "usernames": the word goes on
        gap = _GAP_RE.match(text, end)
        if gap is None:
            continue
        login = _LOGIN_RE.match(text, gap.end()) or (_DIGITS_LOGIN_RE.match(text, gap.end()) if beside_a_password else None)
        if login is None or text[login.end():login.end() + 1] in ("=", "@") or (
                login.end() < len(text) and (text[login.end()].isalnum() or text[login.end()] == "/")):
            continue  # "user request_id=...": a key; a login's e-mail is the e-mail pass's
        handle = login["login"]
        at = login[0].startswith("@") and kinds[index] == "social"
        if not (reads_as_login(handle) or (at and reads_as_login(handle, alone=True)) or reads_as_handle(handle)
                or beside_a_password and kinds[index] == "login" and reads_as_paired_login(handle)):
            continue
        out += [text[pos:login.start("login")], replace("name", handle.lower(), handle)]
        pos = login.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


@cache
def _url_user_re(redacted: str) -> re.Pattern[str]:
    """A URL's user name before its password, masked already ("https://tomas_dev:[redacted]@bitbucket.org")."""
    return re.compile(r"(?<=://)(?P<login>[A-Za-z][A-Za-z0-9]{0,39}+(?:[._-][A-Za-z0-9]{1,40}+){0,3}+):"
                      + re.escape(redacted) + "@")


def scrub_url_users(text: str, redacted: str, replace: Replace) -> str:
    """The user names of URLs that told their password (masked by then), where a person's name is in
    them ("https://tomas_dev:...@bitbucket.org", "maria.garcia"): with the password, they open that
    person's account. Not a machine's or a shared account's ("deploy-bot", "ci", "shop_rw", "analytics")."""
    from transforms.builtin._pii_people import reads_as_handle
    from transforms.builtin._pii_prose_names import AMBIGUOUS, GIVEN, SURNAME, flags_of

    def user(match: re.Match[str]) -> str:
        login = match["login"]
        named = reads_as_handle(login, initials=True) or reads_as_paired_login(login) and any(
            (flags := flags_of(run.capitalize())) & (GIVEN | SURNAME) and not flags & AMBIGUOUS
            for run in _ALPHA_RUN_RE.findall(login))
        return replace("name", login.lower(), login) + match[0][len(login):] if named else match[0]

    return _url_user_re(redacted).sub(user, text)


#: A user's ID in a log line, ``key=value`` or ``key: value`` ("user_id=omarodr363", "distinct_id:
#: alessial00", "customerId=amitabha.roy1985"), its key's words those of :data:`USER_ID_KEY_WORDS`.
_USER_ID_PAIR_RE = re.compile(
    r"(?<![\w.$-])\$?(?P<word>" + cased("|".join(USER_ID_KEY_WORDS)) + r")(?:[_.-]?id|Id|[_.-]?ID)[ ]?[:=][ ]?['\"]?"
    r"(?P<login>[A-Za-z][A-Za-z0-9]{0,39}+(?:[._-][A-Za-z0-9]{1,40}+){0,3}+)(?![\w@/-])"
)
_USER_ID_PAIR_SCAN = Literals([variant + end for word in USER_ID_KEY_WORDS for variant in (word, word.capitalize())
                               for end in ("_id", "Id", "ID", ".id", "-id", "_ID")])


def scrub_user_id_pairs(text: str, replace: Replace) -> str:
    """The logins users made up, written as their ID in a log line (:data:`_USER_ID_PAIR_RE`), as
    under the same keys of an object (:func:`reads_as_user_id`): not "user_id=usr_1182"."""
    if not _USER_ID_PAIR_SCAN.found_in(text):
        return text
    return _USER_ID_PAIR_RE.sub(
        lambda m: swap_group(m, "login", replace("name", m["login"].lower(), m["login"]))
        if reads_as_user_id(m["login"], own=m["word"].lower() in OWN_ID_KEY_WORDS) else m[0], text)
