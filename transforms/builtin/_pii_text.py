"""Finding personal data and credentials inside strings: the pattern half of ``pii``.

:class:`TextScrubber` runs the detectors over any string (paths, query values, header
values, bodies, error messages) and hands each finding to ``replace(kind, canonical,
matched_text)``; the transform decides what replaces it (mask, pseudonym, truncation).
Every kind is listed in :mod:`._pii_kinds`. In order:

1. **credentials** (:mod:`._pii_tokens`): the token formats of
   ``droplets/contract/credentials.json`` (Stripe, GitHub, GitLab, Slack tokens and
   webhooks, Google, AWS, npm, OpenAI, Anthropic, SendGrid, Twilio, Shopify...), PEM and
   PuTTY private keys (also cut off by truncation), AWS secret access keys in context, the
   password of a URL's user info, JWTs (``eyJ...``), ``Bearer``/``Basic`` credentials,
   the secret segment of a reset, invite or magic link;
2. **pairs**: the values database and validation errors echo away from their column's name
   (:mod:`._pii_errors`: ``Key (email)=(...)``, ``Duplicate entry '...' for key ...``); every
   ``name=value``, ``name: value`` and ``"name": "value"`` of a URL, form body, JSON text or
   message, the first one of a URL included, each name handed to
   ``is_sensitive_name`` (and to :func:`._pii_tokens.url_param_is_credential` for OAuth
   codes and presigned-URL signatures); the value of a sensitive one is masked whole;
3. **e-mail addresses**, also URL-encoded once or twice (``%40``, ``%2540``, inside
   ``+``-joined search text), HTML/JSON-escaped (``&#64;``, ``&commat;``, ``\\u0040``),
   obfuscated (``jane [at] example [dot] com``), internationalised, punycode TLDs;
4. **numbers** (a cheap test first: four digits in a row or French-style pairs):
   checksum-valid IBANs (spaces or dashes; the valid IBAN inside ``... 1332 by Friday``;
   a near-miss is left whole and shielded from the other number passes), identifiers with
   letters and digits, cards and numeric IDs (:mod:`._pii_ids`), phone numbers
   (:mod:`._pii_phones`), numbers a word before them identifies (phone, SSN, account, sort
   code, routing, passport, licence...);
   (before them, :mod:`._pii_formats`: MRZ lines after ``<<``, a card's track 1 after
   ``%B`` and ``^``, X12 segments after ``NM1*``/``DMG*``/``PER*``, NACHA entries; among them, a MAC address in Cisco's dotted form, IDs after a word that
   need their checksum: :data:`._pii_ids._CHECKED_CUES`);
5. **where** (:mod:`._pii_geo`): client IP addresses, precise coordinates (WKT points,
   NMEA fixes too);
6. **people** (:mod:`._pii_people`): "password is ...", names and addresses after a cue.

Each pass runs only when a cheaper test says it could match, so most strings cost a
handful of substring checks and one or two scans: a UUID, a timestamp or a digest returns
at once; the token pass needs one of the token formats' literal prefixes; phone numbers
and numeric IDs need eight digits; the passes after a cue word (context numbers, names,
postal codes, "password is") one scan that finds a cue at the start of a word, shared with
the street words of addresses. The cue lists are trees of first characters
(:func:`._pii_words.one_of`), and a guard that can start from a rarer character (a digit,
a non-letter) starts there, so ``re`` skips through the text in C. Every guard is a
superset of what its pass finds: ``tests/test_pii_guards.py`` checks them. Every pattern checks the character before its first
one (a look-behind) and its runs are possessive or bounded, so a hostile 1 MiB string is
scanned in linear time: no pattern starts again in the middle of a run it already
scanned, and none backtracks into one.

The value handed to ``replace`` is the finding's canonical form, equal for every way of
writing the same identifier, so ``hash`` mode gives it one pseudonym: an e-mail address
lower-cased and decoded; a card or numeric ID as its digits; an ID with letters in
capitals without separators; an IBAN in capitals without spaces; a phone number as
:func:`._pii_phones.phone_key` writes it (``+44 (0)20 7946-0958`` and ``0044 20 7946 0958``
are ``+442079460958``; a national number stays national unless ``phone_country_code`` is
configured: :func:`with_country_code`).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import html
import quopri
import re
import unicodedata
from functools import lru_cache
from typing import Callable, Iterable
from urllib.parse import quote_plus, unquote, unquote_plus

from transforms.builtin import (
    _pii_address_labels, _pii_asked, _pii_commands, _pii_cue_words, _pii_directory, _pii_errors, _pii_formats, _pii_geo, _pii_health, _pii_hl7, _pii_ids, _pii_logins, _pii_people, _pii_travel, _pii_units,
    _pii_ocr_labels, _pii_intros, _pii_payers, _pii_phones, _pii_public, _pii_secret_words, _pii_special,
    _pii_honorifics, _pii_payments, _pii_prose_names, _pii_qrbill, _pii_seeds, _pii_tables, _pii_tokens,
)
from transforms.builtin._pii_ids import card_number_like, luhn_ok  # noqa: F401  (re-exported)
from transforms.builtin._pii_kinds import KIND_CLASS, PSEUDONYM_HEX, class_of
from transforms.builtin._pii_names import CREDENTIAL_HEADERS, PLACEHOLDER, names_a_search, not_a_secret, words
from transforms.builtin._pii_literals import Literals
from transforms.builtin._pii_words import LATIN_LETTERS, fold, starts_a_word, swap_group
from transforms.builtin._pii_phones import COUNTRY_CODES, phone_key, with_country_code  # noqa: F401

#: Kinds that identify a person: pseudonymised in ``hash`` mode. The others (credentials)
#: are always masked: a pseudonym of a secret has no use.
IDENTIFIERS = frozenset(kind for kind, cls in KIND_CLASS.items() if cls != "credential")
#: A pseudonym made earlier in the same string: its ``kind:`` reads like a ``name: value``
#: pair, and ``ssn`` or ``card`` are sensitive names; the pair pass leaves it be.
_PSEUDONYM_RE = re.compile(rf"(?:{'|'.join(sorted(IDENTIFIERS))}):[0-9a-f]{{{PSEUDONYM_HEX}}}")
_PSEUDONYM_BEFORE_RE = re.compile(rf"(?:{'|'.join(sorted(IDENTIFIERS))}):$")
#: ``[email]``: a finding already masked (by an earlier pass, or a record scrubbed twice).
_MASK_RE = re.compile(r"\[[a-z_]{2,32}\]|\[(?:FILTERED|REDACTED|MASKED|HIDDEN|REMOVED)\]")  # and other loggers' masks
#: A variable standing for the value (``password: $password`` in a GraphQL query, ``${DB_PASSWORD}``).
_VARIABLE_RE = re.compile(
    r"\$\{?[A-Za-z_][A-Za-z0-9_]{0,63}\}?[),]?"
    # a template's or a CI's expression: ${{ secrets.NPM_TOKEN }}, {{ .Values.password }}, {{password}}
    r"|\$?\{\{[ ]?[A-Za-z_.][\w.\[\]'\"-]{0,100}[ ]?\}\}"
)

_JWT_RE = re.compile(r"eyJ(?<![A-Za-z0-9_-]eyJ)[A-Za-z0-9_-]{4,}+\.[A-Za-z0-9_-]{4,}+\.[A-Za-z0-9_-]*+")
#: JSON sent base64-encoded (``eyJ`` is ``{"``, ``W3s`` is ``[{``): a body or a cookie an API
#: wraps, read like the JSON it holds (a JWT, dotted, is masked whole before this runs).
_BASE64_JSON_RE = re.compile(r"(?:eyJ|W3s)(?<![A-Za-z0-9+/_-]...)[A-Za-z0-9+/_-]{8,}+={0,2}+(?![A-Za-z0-9+/=_.-])")
#: A whole value that is base64 of text (``cmFmYWVsLm1v...``: a tracking link's e-mail, a
#: header's encoded user): read as the text it holds.
_BASE64_VALUE_RE = re.compile(r"(?=[A-Za-z0-9+/_-]{0,1023}[0-9+/_-]|[A-Za-z0-9+/_-]{16,1024}=)[A-Za-z0-9+/]{16,1024}={0,2}|[A-Za-z0-9_-]{16,1024}={0,2}")
_AUTH_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<scheme>[Bb]earer|BEARER|[Bb]asic|BASIC)[ ]{1,8}+(?P<cred>[A-Za-z0-9._~+/=-]{8,}+)"
)
_IBAN_RE = re.compile(
    r"[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z][0-9]{2}(?:[ -]?[A-Za-z0-9]{4}){2,8}+(?:[ -]?[A-Za-z0-9]{1,3})?"
)
_IBAN_SPLIT_RE = re.compile(r"[ -]")
#: How every IBAN starts, two letters and two digits, looked for from the digits.
_IBAN_HEAD_RE = re.compile(r"[0-9](?<=[A-Za-z][A-Za-z][0-9])[0-9]")

# E-mail addresses. The at sign literal, URL-encoded (once, twice), or escaped in HTML or
# JSON text; the local part of a URL-encoded one has no "+" (a space in a form), but may
# hold an encoded one (%2B).
_DOMAIN = r"(?P<domain>(?:[\w-]{1,63}\.){1,8}(?:[^\W\d_]{2,24}|xn--[a-z0-9-]{1,59}))(?![\w-])"
#: An apostrophe may sit inside the local part (``o'brien@``), never start it.
#: (or an address literal, ``ops@[81.214.66.17]``, as bounces write one)
_EMAIL_RE = re.compile(
    r"[\w.%+-](?<![\w.%+-][\w.%+-])[\w.%+'-]{0,63}+@"
    r"(?:" + _DOMAIN + r"|(?P<literal>\[(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|IPv6:[0-9A-Fa-f:.]{2,45})\]))"
)
_EMAIL_URL_RE = re.compile(
    r"(?:[\w.-]|%(?:25)?2[Bb])(?<![\w.-][\w.-])(?:[\w.-]|%(?:25)?2[Bb]){0,63}+%(?:25)?40" + _DOMAIN
)
_EMAIL_ESCAPED_RE = re.compile(
    r"[\w.+-](?<![\w.+-][\w.+-])[\w.+-]{0,63}+(?:&#0*64;|&#[xX]0*40;|&commat;|\\u0040|\\x40)" + _DOMAIN
)
_EMAIL_SPOKEN_RE = re.compile(
    r"[\w.+-](?<![\w.+-][\w.+-])[\w.+-]{0,63}+[ ]?[\[(](?i:at)[\])][ ]?"
    r"(?P<domain>(?:[\w-]{1,63}(?:\.|[ ]?[\[(](?i:dot|punkt|punto|point|ponto)[\])][ ]?)){1,8}[^\W\d_]{2,24})(?![\w-])"
)
_EMAIL_ESCAPES = ("&#", "&commat;", "\\u0040", "\\x40")
_EMAIL_ESCAPE_SCAN = Literals(_EMAIL_ESCAPES)
#: An address read out in words or spaced out, as people write one to dodge harvesters:
#: "jane dot doe at gmail dot com", "jane.doe at example.com", "jane.doe @ example.com". Found
#: from the "at" (rarer than the words around it): the local part ends right before it, the
#: domain starts right after. Taken for an address when its local part has a "dot", a digit
#: or a sign, or its domain is a mail provider's ("look at example dot com" is a sentence);
#: with a spaced "@", always.
_AT_WORD_RE = re.compile(r"[ ]{1,2}(?P<at>at|AT|@|arobase|arroba|chiocciola|klammeraffe)[ ]{1,2}")
_SAID_LOCAL_RE = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}(?:[ ](?:dot|DOT|punkt|PUNKT|punto|PUNTO|ponto|PONTO|point|POINT|kropka|KROPKA|prikk|piste)[ ][\w+-]{1,64}){0,4}\Z")
_SAID_DOMAIN_RE = re.compile(
    r"(?P<host>[\w-]{1,63})(?P<rest>(?:(?:[ ](?:dot|DOT|punkt|PUNKT|punto|PUNTO|ponto|PONTO|point|POINT|kropka|KROPKA|prikk|piste)[ ]|\.)[\w-]{1,63}){0,3}?)(?:[ ](?:dot|DOT|punkt|PUNKT|punto|PUNTO|ponto|PONTO|point|POINT|kropka|KROPKA|prikk|piste)[ ]|\.)"
    r"(?P<tld>(?i:com|org|net|edu|gov|io|co|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|eu|info|biz|me|us|ca"
    r"|au|nz|jp|cn|in|br|mx|ar|ru|cz|sk|hu|ro|gr|tr|il|za|sg|hk|kr|tw))(?![\w-])"
)
#: How far before an "at" a local part is looked for (64 characters and four " dot "s).
_SAID_LOCAL_REACH = 96
_SAID_DOT_RE = re.compile(r" (?:dot|DOT|punkt|PUNKT|punto|PUNTO|ponto|PONTO|point|POINT|kropka|KROPKA|prikk|piste) ")
_MAIL_PROVIDERS = frozenset(
    """gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol gmx web proton protonmail pm yandex
    mail zoho t-online freenet orange free laposte sfr wanadoo libero virgilio wp o2 onet interia seznam""".split()
)
_AT_DECODE_RE = re.compile(r"%(?:25)?40|&#0*64;|&#[xX]0*40;|&commat;|\\u0040|\\x40|[ ]?[\[(](?i:at)[\])][ ]?")
_DOT_DECODE_RE = re.compile(r"[ ]?[\[(](?i:dot|punkt|punto|point|ponto)[\])][ ]?")
_PLUS_DECODE_RE = re.compile(r"%(?:25)?2[Bb]")
_RETINA_RE = re.compile(r"[0-9]+x\.[A-Za-z]+")
#: A combining accent of the Latin, Greek and Cyrillic scripts (text in decomposed form, NFD).
_COMBINING_RE = re.compile("[\u0300-\u036f]")
#: The display name of an address, ``Janet Doverton <janet@...>`` or ``"Doverton, Janet" <...>``

#: (mail headers, contact lists): one to four capitalised words, a quoted name, or one to four
#: words of a script without capitals (``이수현 <...>``, ``山本 大輔 <...>``, ``سالم البلوشي <...>``).
_UNCASED_WORD = ("[\u0590-\u05ff\u0600-\u06ff\u0900-\u09ff\u0b80-\u0bff\u0e00-\u0e7f\u10d0-\u10ff\u1200-\u137f"
                 "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{1,12}")
#: A team's mailbox, not a person's: the words before it name the team ("联系我们 <support@...>").
_ROLE_MAILBOXES = (r"(?:support|info|help|service|services|sales|contact|admin|noreply|no-reply|hello|team|office"
                   r"|billing|kefu|cs|hr|jobs|careers|press|news|marketing|orders|shop|store)@")
_DISPLAY_NAME_RE = re.compile(
    r"(?P<name>\"[^\"<>\r\n]{1,80}+\"|[^\W\d_](?<![\w'’-][^\W\d_])(?<=[A-ZÀ-ÖØ-Þ])[^\W\d_'’.-]*+(?:['’-][^\W\d_]++)*+"
    r"(?:[ ][A-ZÀ-ÖØ-Þ][^\W\d_'’.-]*+(?:['’-][^\W\d_]++)*+){0,3}+"
    r"|(?<![\w])" + _UNCASED_WORD + r"(?:[ ]" + _UNCASED_WORD + r"){0,3}(?=[ ]<(?!" + _ROLE_MAILBOXES + r")))"
    r"[ ]<(?=[\w.%+-]{1,64}@)"
)
#: The text of a link that writes to someone (``<a href="mailto:...">Maria Schmidtbauer</a>``):
#: the address's owner, when it reads as a name.
_MAILTO_NAME_RE = re.compile(
    r"(?i:mailto):[\w.%+-]{1,64}@[^\s\"'<>]{1,255}[^<>]{0,200}>(?P<name>[^<>@\r\n]{2,80})</(?i:a)>"
)
#: ``Janet Doverton (janet@...)``, in prose and notes: two to four capitalised words that read
#: as a person's name (``Customer Support (help@...)`` does not).
_PAREN_NAME_RE = re.compile(
    r"(?P<name>[A-ZÀ-ÖØ-Þ](?<![\w'’-][A-ZÀ-ÖØ-Þ])[^\W\d_'’.-]*+(?:['’-][^\W\d_]++)*+"
    r"(?:[ ][^\W\d_][^\W\d_'’.-]*+(?:['’-][^\W\d_]++)*+){1,3}+)[ ][(\[](?=[\w.%+-]{1,64}@)"
)

#: The commonest strings with digits hold none of the number kinds: UUIDs/GUIDs with or
#: without dashes, ISO dates and timestamps, ULIDs, hex digests, short plain numbers.
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_OPAQUE_FORMATS = (
    _UUID,
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?",
    r"[0-9a-f]{24,128}|[0-9A-F]{24,128}|[0-7][0-9A-HJKMNP-TV-Z]{25}|-?[0-9]{1,8}(?:[.,][0-9]{1,8})?",
)
#: Two shapes every call carries, which the passes leave as they are (tests/test_pii_guards.py
#: runs the passes on thousands of them): ETags (hex with a letter, as a card in quotes is
#: all digits; Express's ``W/"<size>-<27 base64>"``), and API paths of lowercase words, UUIDs
#: and numbers of up to seven digits, never two in a row (too short for a phone, a card or
#: an ID, where ``/4111111/245560`` reads as a card), in which only the link-secret pass can
#: find something (``/verify/<uuid>``).
_ETAG = r'(?:W/)?"(?=[0-9]{0,63}[a-f])[0-9a-f]{1,64}"|W/"[0-9a-f]{1,8}-[A-Za-z0-9+/]{27}"'
_OPAQUE_RE = re.compile("|".join((*_OPAQUE_FORMATS, _ETAG)))
#: A mask's kind in a text a pass scrubbed (``[github_token]``).
_MASK_KIND_RE = re.compile(r"\[([a-z0-9_]{2,40})\]")
_PRINTABLE_LINES_RE = re.compile(r"[\n\r\t]")

_PATH_SEGMENTS = (
    r"(?:/(?:[a-z]{1,32}(?:[_-][a-z]{1,32}){0,3}|v[0-9]{1,2}|(?=[0-9-]{0,35}[a-f])" + _UUID + r")"
    r"|/[0-9]{1,7}(?=/[a-z]|/?(?:$|\?)))+/?"
)
_API_PATH_RE = re.compile(_PATH_SEGMENTS)
#: A link as the pairs pass leaves it (a Referer, a Location): a host of words, such a path,
#: and a query of lowercase names whose values are words, short numbers or a mask. No pass
#: after the pairs pass changes one with no cue word (``tckn=``, ``code=``) outside its
#: masked pairs (tests/test_pii_guards.py): the rest are skipped.
_MASKED_PAIR_RE = re.compile(r"[a-z_]{1,64}=\[[a-z_]{2,32}\]")
_PLAIN_LINK_RE = re.compile(
    r"https?://[a-z][a-z0-9-]{0,62}(?:\.[a-z][a-z0-9-]{0,62}){0,6}(?::[0-9]{2,5})?(?:" + _PATH_SEGMENTS + r")?"
    r"(?:\?(?:[a-z]{1,32}(?:_[a-z]{1,32}){0,3}=(?:[a-z]{1,32}(?:[_-][a-z]{1,32}){0,3}|[0-9]{1,7}|\[[a-z_]{2,32}\])?"
    r"(?:&(?=[a-z])|$))*+)?"
)
#: Cards, IDs, IBANs and phone numbers all hold four digits in a row, or groups of two or
#: three digits separated by spaces, dots, slashes, dashes or the ``+`` of a form-encoded
#: space (``06 12 34``, ``123.456.789``, ``%2B48+512+345+678``), or a country code after a ``+``
#: (``+49 (0)30 / 2 84 93 - 117``).
_NUMBERISH_RE = re.compile(r"[0-9][0-9](?:[0-9]{2}|[0-9]?[ ./+-][0-9]{2,3}[ ./+-][0-9]{2})|\+[1-9][0-9]{0,2}[ (]")
#: A letter next to a digit: where an ID of letters and digits (NINO, DNI, PAN...) may be.
_LETTER_DIGIT_RE = re.compile(r"[A-Za-z][0-9]|[0-9][A-Za-z]")
_DIGIT_RE = re.compile(r"[0-9]")
#: Phone numbers hold eight digits or more, cards and numeric IDs nine: text with fewer
#: (``/api/courses/1481``, ``ORD-2026-0042``) is not worth their passes.
_EIGHT_DIGITS_RE = re.compile(r"(?:[^0-9]*+[0-9]){8}")
#: Two digits close together: the least a passport or licence number after its word holds.
_TWO_DIGITS_RE = re.compile(r"[0-9].{0,3}[0-9]", re.DOTALL)
#: A dotted quad, a coordinate, or a hex group and a colon: where IPs and places may be (looked
#: for from the dot or the colon, which are rarer than digits and hex letters).
_GEO_GUARD_RE = re.compile(r"\.(?<=[0-9]\.)[0-9]|:(?<=[0-9A-Fa-f]:)[0-9A-Fa-f:]|geo:|°")

#: A date in brackets right after a person's name, with or without a birth's word: the person's
#: birth date ("[name] (22.09.1951)", "[name] (f. 11.05.2015)", "[name] (born 1989-04-11)").
_BIRTH_AFTER_A_NAME_RE = re.compile(
    r"(?:\[name\]|name:[0-9a-f]{16})[ ]?[(（][ ]?(?:(?:f|b|n|geb|né|née|nata|nato|nac|ur|р|нар|born|dob|DOB|d\.o\.b)\.?:?[ ]?)?"
    r"(?P<date>[0-3]?[0-9][./-][01]?[0-9][./-](?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9])[ ]?[)）,;]")


def _birth_date_after_a_name(match: re.Match[str], replace: Replace) -> str:
    """The date of :data:`_BIRTH_AFTER_A_NAME_RE` masked when it is a year ago or more (this year's
    or a later one is a meeting's or a deadline's: "[name] (12.05.2026)")."""
    date = match["date"]
    year = int(date[:4] if date[4:5] == "-" else date[-4:])
    if year >= datetime.date.today().year:
        return match[0]
    return swap_group(match, "date", replace("birth_date", date, date))


#: A cue of the context, name, postal-code or "password is" passes at the start of a word
#: (each pass checks :func:`._pii_words.starts_word` itself): text without one skips all four.
_CUE_LIST = [*_pii_ids.CUE_WORDS, *_pii_people.CUE_WORDS, *_pii_tokens.CUE_WORDS]
#: Every pass a cue gates ends its cue where a word ends (a German "-nummer" may follow an
#: ID's word; a cue ending in "." or "," may touch the next word): "caro" in "carol" or
#: "cours" in "courses" is no cue. A Latin letter only: a CJK cue may run on into its particle.
_CUE_END = (rf"(?:(?<=[.,:'’])|(?<=ngu)(?=[A-Z])|(?<=[\u4e00-\u9fff])(?=[A-Z])"  # "d'Claudine", "nguSipho", "身分證F2..."
            rf"|(?:nummer|Nummer|NUMMER)?(?![{LATIN_LETTERS}]))")
has_cue = starts_a_word(_CUE_LIST, after=_CUE_END)
#: The cues and the street words in one scan: most text with digits holds neither, and one
#: scan costs about what each costs alone.
_has_word = starts_a_word([*_CUE_LIST, *_pii_people.STREET_WORDS], after=_CUE_END)


_COLONS = (":", "：")
#: ``name=value``, ``name: value``, ``"name": "value"``: the name and its separator; the
#: value is read in code, only when the name is judged sensitive.
#: A name may be written in any script (``contraseña``, ``hasło``) and quoted with ``"``,
#: ``'`` or, in JSON text inside a JSON string, ``\"``.
_PAIR_NAME_RE = re.compile(
    r"(?P<name>[\w.\[\]%-](?<![\w.\[\]%-][\w.\[\]%-])[\w.\[\]%-]{0,63}+)"
    r"(?:\\?[\"'])?[ ]{0,16}(?P<sep>[:=：])(?:(?<==)>)?[ ]{0,4}"  # "=>": Ruby's and PHP's hashes; "：" CJK's colon
)
#: A pair's name is found from its separator, read backwards in the reversed text (spaces, a
#: closing quote, the name): looking for the name itself tries the pattern at every letter,
#: and separators are few. Then :data:`_PAIR_NAME_RE` reads it forwards (``_next_pair_name``).
_SEPARATOR_RE = re.compile("[:=：]")
_NAME_BACKWARDS_RE = re.compile(r"[ ]{0,16}(?:[\"']\\?)?[\w.\[\]%-]{1,64}+(?![\w.\[\]%-])")
_QUOTED_VALUE_RE = re.compile(r"\"(?P<value>(?:[^\"\\]|\\.)*+)\"?")
#: What stands before a resource type inside an AWS ARN (``arn:aws:secretsmanager:eu-central-1:
#: 123456789012:secret:prod/db``): the ``secret:`` there names a resource, not a credential.
_ARN_BEFORE_RE = re.compile(r"(?<![\w-])arn:[\w-]{1,32}:[\w-]{1,64}:[\w-]{0,32}:[0-9]{0,12}:$")
#: A value quoted like the name before it: ``'...'``, or ``\"...\"`` in escaped JSON text.
_OTHER_QUOTED_VALUE_RES = {
    "'": re.compile(r"'(?P<value>[^'\\\r\n]*+)'?"),
    '\\"': re.compile(r'\\"(?P<value>(?:[^"\\]|\\[^"])*+)(?:\\")?'),
}
_OTHER_QUOTED_HEAD_RES = {
    "'": re.compile(r"'(?P<value>[^'\\\r\n]{0,64})"),
    '\\"': re.compile(r'\\"(?P<value>(?:[^"\\]|\\[^"]){0,64})'),
}
#: The value of a credential header written as a line (``Authorization: Digest username="a",
#: response="..."``, ``Cookie: PHPSESSID=...; theme=dark``): the rest of the line, as the
#: header itself would be removed, up to the end of a JSON string it sits in (a quote
#: before the next key); not when an earlier pass masked it already.
_HEADER_LINE_VALUE_RE = re.compile(
    r"(?P<value>(?!\[[a-z_]{2,32}\])(?:[^\r\n\"\\]|\\[^nr\"]|\"(?![ ]{0,4}(?:[,:][ ]{0,4}\"|[}\]])))*+)"
)
#: A header line written in quotes (a command's ``-H "Authorization: ..."``): up to the quote.
_HEADER_QUOTES = {'"': re.compile(r'(?P<value>[^\r\n"]*+)'), "'": re.compile(r"(?P<value>[^\r\n']*+)")}
#: More groups of a value of a shape after ``=`` in a URL whose spaces were not encoded

#: (``tel=+48 512 345 678``, ``iban=DE89 3704 0044 0532 0130 00``).
_SPACED_TAIL_RE = re.compile(r"(?:[ ]{1,2}[0-9A-Z(][0-9A-Z()./-]{0,11}+(?![a-z]))*+")
_PLAIN_VALUE_RE = re.compile(
    r"(?P<value>(?:(?i:bearer|basic|digest|token)[ ]+)?(?:\[[a-z_]{2,32}\])?[^&\s;,\"'{}\[\]<>，。；、！？]*+)"

)
#: ``<lastName>Doe</lastName>``, ``<ns:password type="x">...</ns:password>``: an XML or HTML
#: element holding text only, its tag judged as a pair's name. Runs stop at the next ``<``,
#: so a hostile text is scanned once.
_ELEMENT_RE = re.compile(
    r"<(?P<name>[A-Za-z_][A-Za-z0-9_.:-]{0,63}+)(?:[ \t\r\n][^<>]{0,512}+)?>(?P<value>[^<]{1,4096}+)</(?P=name)[ ]*>"
)
#: Odoo's XML-RPC call (``execute_kw``, ``login``...): its third parameter is the password or API
#: key, whatever it looks like (its JSON-RPC form is read by the walk).
_XMLRPC_PASSWORD_RE = re.compile(
    r"<methodName>[ \t\r\n]{0,8}(?:execute_kw|execute|login|authenticate)[ \t\r\n]{0,8}</methodName>[ \t\r\n]{0,8}<params>"
    r"(?:[ \t\r\n]{0,8}<param>[ \t\r\n]{0,8}<value>[ \t\r\n]{0,8}(?:<(?P<t>[a-z0-9]{1,8})>[^<]{0,256}</(?P=t)>|[^<]{0,256})"
    r"[ \t\r\n]{0,8}</value>[ \t\r\n]{0,8}</param>){2}[ \t\r\n]{0,8}<param>[ \t\r\n]{0,8}<value>[ \t\r\n]{0,8}"
    r"(?:<string>)?(?P<password>[^<]{1,512})<"
)
#: A Kubernetes Secret written as YAML (``kubectl get secret -o yaml`` pasted in a ticket): each value
#: of its ``data:`` or ``stringData:`` block, whatever its key (its JSON form is read by the walk).
_YAML_SECRET_DATA_RE = re.compile(r"^(?P<indent>[ ]{0,8})(?:data|stringData):[ ]*\r?\n"
                                  r"(?P<items>(?:(?P=indent)[ ]{1,8}[\w.-]{1,253}:[ ]*[^\n]*\r?(?:\n|$)){1,256})",
                                  re.MULTILINE)
_YAML_ITEM_RE = re.compile(r"^(?P<key>[ ]{1,16}[\w.-]{1,253}:[ ]*)(?P<value>[^\s|>][^\r\n]*|[|>][-+]?)$", re.MULTILINE)
#: A URL's password, after its user and before the host: ``https://user:<password>@host``.
_USERINFO_PASSWORD_RE = re.compile(r"(?P<value>[^@\s/]{1,512}+)(?=@)")
#: A signature's element and what it holds: base64 of 30 bytes or more.
_SIGN_ELEMENTS = frozenset({"sign", "Sign", "firma", "Firma"})
_SIGNED_BLOB_RE = re.compile(r"[A-Za-z0-9+/]{40,8192}+={0,2}")
#: A multipart/form-data part: its name, its other headers, a blank line, then its value up
#: to the line before the next boundary (a file's part, with ``filename=``, is left to the
#: detectors).
_FORM_PART_RE = re.compile(
    r"form-data;[ ]{0,4}name=\"(?P<name>[^\"\r\n]{1,128}+)\"(?P<rest>[^\r\n]{0,512}+)\r?\n"
    r"(?:[^\r\n]{1,512}+\r?\n){0,8}+\r?\n(?P<value>(?:[^\r\n]++|\r?\n(?!--)){0,4096}+)"
)
_FORM_DATA = ("form-data; ", "form-data;")
#: What a field's or an HTML control's name looks like (``email``, ``user[email]``, ``csrf-token``).
_IDENTIFIER_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.:\[\]-]{0,63}")
#: An HTML tag that names its value: ``<input name="password" value="...">``, ``<meta
#: name="csrf-token" content="...">`` (attributes in any order).
#: A SAML (or XACML) attribute and its first value: ``<saml2:Attribute Name="lastName"><saml2:AttributeValue>
#: ...</saml2:AttributeValue>``, the value named by the attribute's FriendlyName or Name.
_SAML_ATTRIBUTE_RE = re.compile(
    r"<(?:[\w.-]{1,32}:)?Attribute(?P<attrs>[ \t\r\n][^<>]{1,1024}+)>\s{0,64}"
    r"<(?:[\w.-]{1,32}:)?AttributeValue(?:[ \t\r\n][^<>]{0,512}+)?>(?P<value>[^<]{1,4096}+)<"
)
#: A Unique Vaccination Certificate Identifier of an EU Digital COVID Certificate: one person's.
_UVCI_RE = re.compile(r"(?i:urn:uvci:)(?P<id>[0-9A-Za-z][0-9A-Za-z:/#._-]{7,100}+)")
#: Also a config file's ``<add key="ClearTextPassword" value="..."/>`` (.NET, NuGet) and
#: ``<setting name="..." value="..."/>``, ``<entry key="..." value="..."/>``.
_NAMED_TAG_RE = re.compile(
    r"<(?:input|meta|param|add|setting|entry|property|INPUT|META|PARAM)(?P<attrs>[ \t\r\n][^<>]{1,1024}+)>"
)
_ATTRIBUTE_RE = re.compile(r"(?P<key>[A-Za-z][\w:-]{0,31}+)[ ]{0,2}=[ ]{0,2}(?:\"(?P<dq>[^\"]*+)\"|'(?P<sq>[^']*+)')")
#: URL-encoded structure (a quote, a colon, an equals sign, a brace): JSON or a form inside a
#: query value or a cookie, which the passes below cannot read encoded.
_ENCODED_STRUCTURE_RE = re.compile("%(?:25)?(?:22|3[AaDd]|7[Bb])")
#: A run of URL text holding a ``%``, from the start of the run (a run without one fails
#: once at its start, so a long text is scanned once).
_ENCODED_RUN_RE = re.compile(r"(?<![^\s&=?#\"'<>])[^\s&=?#\"'<>%]*+%[^\s&=?#\"'<>]++")
#: What the pii transform's name callback answers for a bare ``name`` (a person's or a thing's).
AMBIGUOUS_NAME = "name?"
#: Classes whose findings are judged on the value (precision, publicness), never by name.
_JUDGED_ON_VALUE = frozenset({"location", "ip"})
#: Classes whose values the detectors find by their shape and checksums, with the words
#: before them: in prose they are left to the detectors.
_FOUND_BY_SHAPE = frozenset({"contact", "government_id", "bank_account", "payment_card"})
#: In prose, a personal value runs to the end of its clause: ``Date of birth: 12 April 1990,``.
_CLAUSE_END = r"[,;\n\r<>\"{}\[\]|，；。、（）]"  # and the full-width punctuation of CJK text
_CLAUSE_VALUE_RE = re.compile(
    rf"(?P<value>(?:(?!{_CLAUSE_END}).){{0,80}}?(?=[ ]*(?:{_CLAUSE_END}|\.(?:\s|$)|$))|(?:(?!{_CLAUSE_END}).){{0,80}})"
)
#: An address after its label runs past the commas and full stops of its own parts: a
#: postal code and a town (``, 75002 Paris``, ``, Springfield, IL 62704``), a unit
#: (``, Apt 4``), an abbreviation before a number (``Hauptstr. 5``, ``Cad. No:5``).
_ADDRESS_VALUE_RE = re.compile(
    r"(?P<value>(?:[^;\n\r<>\"{}\[\]|,.]"
    r"|,(?=[ ]?(?:[0-9]|[A-Z]{1,2}-?[0-9]|[A-Z]{2}[ ][0-9]{5}|(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl)\b|#"
    # a Latin American colonia, floor and flat: ", Col. Roma Norte", ", piso 5 dpto B"
    r"|(?:Col|Colonia|Fracc|Piso|piso|Dpto|dpto|Depto|depto|Int|int|Bº|Barrio|Andar|andar|apto|Apto)\b"
    r"|[A-Z][\w'-]{1,30}(?:[ ][A-Z][\w'-]{1,30})?,?[ ][A-Z]{2}[ ][0-9]{5}"
    # a street's name after its number, a comma closing it: "45/2, Temple Road, Nugegoda" (the town,
    # last, stays)
    r"|[A-ZА-ЯЁ][\w'-]{1,30}(?:[ ][A-ZА-ЯЁ][\w'-]{1,30}){0,2}(?=,)))"
    # the full stop of an abbreviation that comes before a street's name ("Av. Insurgentes
    # Sur 1602", "R. Augusta 12", "ul. Marszałkowska 10", "nám. Míru 5", "bd. Haussmann";
    # not an English "St." at the end, which may end the sentence)
    r"|(?:(?<=\bAv)|(?<=\bAvda)|(?<=\bCol)|(?<=\bPza)|(?<=\bGral)|(?<=\bPje)|(?<=\bCda)|(?<=\bAl)|(?<=\bR)"
    r"|(?<=\bul)|(?<=\bUl)|(?<=\bal)|(?<=\bpl)|(?<=\bPl)|(?<=\bos)|(?<=\bOs)|(?<=\bnám)|(?<=\bNám)|(?<=\btř)"
    r"|(?<=\bav)|(?<=\bpr)|(?<=\bbd)|(?<=\bBd)|(?<=\bBlvd)|(?<=\bblvd)|(?<=\bStr)|(?<=\bstr)|(?<=\bSos)|(?<=\bŞos)"
    # and Ukrainian and Russian: "вул. Хрещатик", "просп. Перемоги", "ул. Ленина"
    r"|(?<=\bвул)|(?<=\bул)|(?<=\bпросп)|(?<=\bпров)|(?<=\bпер)|(?<=\bбульв)|(?<=\bнаб)|(?<=\bпл)|(?<=\bВул)|(?<=\bУл))"
    r"\.(?=[ ][^\W\d_])"
    r"|\.(?=[ ]?(?:[0-9]|No\b|[a-z])|[^\s.])){0,120}+)"
)
#: A form's or a query's parameter name, read with its value by :meth:`TextScrubber._form_values`.
_PAIR_KEY_RE = re.compile(r"[A-Za-z_][\w.\[\]-]{0,63}")
#: The first characters of a value: enough to tell a token (see ``_pii_tokens.token_like``).
_VALUE_HEAD = 64
_QUOTED_HEAD_RE = re.compile(r"\"(?P<value>(?:[^\"\\]|\\.){0,%d})" % _VALUE_HEAD)
_PLAIN_HEAD_RE = re.compile(
    r"(?P<value>(?:(?i:bearer|basic|digest|token)[ ]+)?(?:\[[a-z_]{2,32}\])?[^&\s;,\"'{}\[\]<>]{0,%d})" % _VALUE_HEAD
)
#: The one or two words before a pair's name, in any script ("API key:", "Mật khẩu:", "كلمة المرور:").
_WORD_BEFORE_RE = re.compile(
    r"(?:(?<![\w])([^\W\d_](?:[^\W\d_]|-){0,30}) )?(?<![\w])([^\W\d_](?:[^\W\d_]|-){0,30}) $"
)
#: A command line's credentials: ``--password s3cret`` (a flag named for one, then its value)
#: and curl's ``-u user:password`` / ``--user user:password``.
_FLAG_RE = re.compile(
    r"(?<![\w-])(?:-u|--user)(?:[ ]?+|=)[\"']?+(?P<user>[^\s:\"']{1,64}+):(?P<password>[^\s\"']{0,256}+)"
    r"|(?<![\w-])--(?P<name>[A-Za-z][A-Za-z0-9_-]{1,40}+)[ ]++(?P<value>[^\s\"'-][^\s\"']{0,255}+)"
)
#: MySQL's and MariaDB's clients take the password glued to ``-p`` (``mysql -u app -pS3cret``):
#: a short flag no other tool gives a credential, so only after one of their names.
_DB_PASSWORD_RE = re.compile(
    r"(?<![\w-])(?:mysql(?:dump|admin|import|check|pump|sh|binlog)?|mariadb(?:-dump|-admin|-import|-check)?)(?![\w-])"
    r"[^\n|;&]{0,256}?[ ]-p(?P<quote>['\"])?(?P<password>(?(quote)[^'\"\n]{1,255}+|[^\s\"'-][^\s\"']{0,255}+))"
)
#: Other command lines and connection strings that carry a password: sshpass's ``-p``
#: (quoted or not), Oracle's ``user/password@`` after one of its tools or before ``@//``.
_CLI_PASSWORD_RE = re.compile(
    r"(?<![\w-])sshpass[ ]+-p[ ]?+(?:'(?P<q1>[^'\n]{1,128}+)'|\"(?P<q2>[^\"\n]{1,128}+)\"|(?P<bare>[^\s'\"]{1,128}+))"
    r"|(?<![\w-])(?:sqlplus|sqlldr|rman|expdp|impdp|dgmgrl|SQLPLUS)(?:[ ]+-[A-Za-z]+)*+[ ]+[A-Za-z][\w$#]{0,29}+/"
    r"(?P<tool>[^\s/@\"']{1,128}+)"
    r"|(?<![\w/$#.-])[A-Za-z][\w$#]{0,29}+/(?P<ez>[^\s/@\"']{1,128}+)@//"
    # htpasswd -b FILE USER PASSWORD (-b: the password on the command line)
    r"|(?<![\w-])htpasswd(?:[ ]+-[A-Za-z]+)*?[ ]+-[A-Za-z]*b[A-Za-z]*(?:[ ]+-[A-Za-z]+)*+[ ]+[^\s-][^\s]{0,255}+[ ]+[^\s]{1,128}+"
    r"[ ]+(?P<ht>[^\s]{1,128}+)"
    # docker login -u USER -p PASSWORD
    r"|(?<![\w-])docker[ ]+login(?:[ ]+(?:-u|--username)[ ]+[^\s]{1,128}+)?[ ]+-p[ ]+(?P<docker>[^\s]{1,256}+)"
    # a Wi-Fi QR code's payload: WIFI:S:<network>;T:WPA;P:<password>;;
    r"|WIFI:(?:[A-Z]:(?:\\.|[^;\\]){0,64}+;){0,4}?P:(?P<wifi>(?:\\.|[^;\\]){1,128}+)"
)
#: Private-use characters that stand for a shielded span while the number passes run.
_SHIELD_OPEN, _SHIELD_CLOSE = "\ue000", "\ue001"
_SHIELD_RE = re.compile("\ue000([\ue010-\ue019]+)\ue001")

#: IBAN length by country (SWIFT IBAN registry, ISO 13616). Only IBANs not written in
#: capitals are held to it: a capitalised IBAN of a country added to the registry later
#: must still be found, and lower case is where hex IDs and tokens would pass mod-97 by
#: chance (one in 97 of those that start like an IBAN).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
    "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
    "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

_HEX_RE = re.compile(r"(?:[0-9a-fA-F]{2})+")
_HEX_JSON_STARTS = frozenset({"7b", "5b", "7B", "5B"})  # "{" and "["
_UNICODE_ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")
_ESCAPED_RE = re.compile(r'\\(["\\])')


#: An HTML entity by its name ("&commat;", "&period;", "&amp;").
_NAMED_ENTITY_RE = re.compile(r"&[A-Za-z]{2,10};")
#: An e-mail address written in quoted-printable: its "@" as "=40", its other bytes as "=XX".
#: (its domain with a dot and a top-level domain: "taj=401566055" is a pair, not "taj@1566055")
_QP_ADDRESS_RE = re.compile(
    r"(?:[A-Za-z0-9._%+-]|=[0-9A-F]{2}){1,128}=40(?:(?:[A-Za-z0-9-]|=[0-9A-F]{2}){1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9])"
)


#: A mail header's encoded word (RFC 2047): charset, Q or B, the encoded text.
_ENCODED_WORD_RE = re.compile(r"=\?([A-Za-z0-9_-]{1,40})\?([QqBb])\?([^?\s]{1,1000})\?=")
#: Quoted-printable letters beyond ASCII: a UTF-8 sequence of two to four bytes, in a run.
_QP_LETTERS_RE = re.compile(r"(?:=[C-F][0-9A-F](?:=[89AB][0-9A-F]){1,3})+")
#: A percent-encoded space, sign or letter beyond ASCII, encoded once or twice.
_PERCENT_RE = re.compile(r"%(?:25)?(?:2[0-9A-Fa-f]|3[A-Fa-f]|40|5[BDbd]|[C-Fc-f][0-9A-Fa-f]%(?:25)?[89ABab][0-9A-Fa-f])")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def percent_decoded(text: str) -> str:
    """``text`` percent-decoded, as often as it was encoded (up to three times), or ``text``
    itself when it holds no encoded space, sign or letter ("50% off" stays)."""
    return percent_decoded_mapped(text)[0]


def percent_decoded_mapped(text: str, form: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """:func:`percent_decoded`, and where in ``text`` each of its characters was written
    (``(start, end)``: ``é`` from ``%C3%A9``, ``%2520`` for a space encoded twice). A ``+`` is a
    space in a ``form``'s value, and where the text encodes its plus signs (``%2B48+512+345``)."""
    out, spans = text, [(i, i + 1) for i in range(len(text))]
    plus = form or "%2B" in text or "%2b" in text
    for _ in range(3):
        if "%" not in out or _PERCENT_RE.search(out) is None:
            break
        decoded, inner = _unquote_mapped(out, plus)
        plus = False  # (a "+" decoded from "%2B" is one)
        out, spans = decoded, [(spans[start][0], spans[end - 1][1]) for start, end in inner]
    return (text, spans) if out == text else (out, spans)


def _unquote_mapped(text: str, plus: bool) -> tuple[str, list[tuple[int, int]]]:
    data, where = bytearray(), []
    i = 0
    while i < len(text):
        if plus and text[i] == "+":
            data.append(0x20)
            where.append((i, i + 1))
            i += 1
            continue
        if text[i] == "%" and _HEX_PAIR_RE.match(text, i + 1):
            data.append(int(text[i + 1:i + 3], 16))
            where.append((i, i + 3))
            i += 3
            continue
        raw = text[i].encode("utf-8", "surrogatepass")
        data += raw
        where += [(i, i + 1)] * len(raw)
        i += 1
    chars, spans, j = [], [], 0
    while j < len(data):
        lead = data[j]
        size = 1 if lead < 0xC0 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        try:
            chars.append(bytes(data[j:j + size]).decode("utf-8"))
        except UnicodeDecodeError:
            chars.append(text[where[j][0]:where[j][1]] if where[j][1] - where[j][0] == 3 else "\ufffd")
            size = 1
        spans.append((where[j][0], where[j + size - 1][1]))
        j += size
    return "".join(chars), spans


_HEX_PAIR_RE = re.compile("[0-9A-Fa-f]{2}")
#: A credential header's value in prose that only stands for one: "X-Api-Key: <YOUR_API_KEY>. Then ...".
_PLACEHOLDER_VALUE_RE = re.compile(r"[ ]{0,2}(?:(?:Bearer|Basic|Token)[ ])?(?:" + PLACEHOLDER
                                   + r"|\{\{[ ]?[\w.-]{1,63}[ ]?\}\}|\$\{[\w.-]{1,63}\}"
                                   # a shell's variable ("Bearer $STAGING_TOKEN"), a name in braces in any script
                                   # ("Bearer {チャネルアクセストークン}"), a stand-in naming its parts
                                   # ("Basic <base64(client_id:client_secret)>")
                                   + r"|\$[A-Za-z_][A-Za-z0-9_]{0,63}|\{[^\W\d_]{1,40}(?:[_ -][^\W\d_]{1,20}){0,6}\}"
                                   + r"|<[^\W\d_][^\W_]{0,20}(?:[_ :(),.-]{1,2}[^\W_]{1,20}){1,8}\)?>"
                                   + r")(?=[\s.,;:)\"'`]|$)")
#: A label's field name in brackets, then its value: "Mağaza Gizli Anahtar (merchant_salt): 4JR16fevrdQ64t".
_ALIASED_PAIR_RE = re.compile(r"\((?P<name>[A-Za-z_][A-Za-z0-9_.-]{1,40})\)[ ]?[:：][ ]{0,2}(?P<value>[^\s\"'<>]{6,256})")
#: A code's noun, written before its digits as a pair's value: "BLIK: kod 739 481".
_CODE_NOUNS = frozenset("code kod kód kode koodi kood código codigo codice cod код pin otp tan nummer number número numero".split())
#: "Name" alone in the languages of ID cards: above or before a value in capitals, a holder's.
_BARE_NAME_LABELS = frozenset("""name nombre nombres имя nom nome nomes navn namn imię imie imiona jméno jmeno név nimi
    isim adı naam όνομα ονομα ime ім'я імя""".split())
#: A form's value holding an encoded character, between its "=" or "&" and the next.
_PERCENT_RUN_RE = re.compile(r"(?<![^\s&=?#\"'<>])[^\s&=?#\"'<>%]*+%[^\s&=?#\"'<>]++")


def _encoded_word(match: re.Match[str]) -> str:
    charset, kind, encoded = match[1], match[2].upper(), match[3]
    try:
        raw = (quopri.decodestring(encoded.replace("_", " ").encode("ascii"), header=True) if kind == "Q"
               else base64.b64decode(encoded + "=" * (-len(encoded) % 4)))
        return raw.decode(charset, "strict")
    except (ValueError, LookupError, UnicodeError, binascii.Error):
        return match[0]


def _qp_letters(match: re.Match[str]) -> str:
    try:
        return bytes.fromhex(match[0].replace("=", "")).decode("utf-8", "strict")
    except (ValueError, UnicodeDecodeError):
        return match[0]


def _decoded_view(text: str) -> str:
    """``text`` with HTML entities, ``\\uXXXX`` escapes and backslashes of escaped JSON
    inside escaped JSON decoded, and the encodings of mail: a header's encoded words
    (``=?UTF-8?Q?J=C3=BCrgen?=``, ``=?UTF-8?B?6ZmI6Z2Z?=``), a quoted-printable body's letters
    (``H=C3=A9l=C3=A8ne``) (``text`` itself when none is there)."""
    out = html.unescape(text) if "&" in text else text
    if "=?" in out and "?=" in out:
        out = _ENCODED_WORD_RE.sub(_encoded_word, out)
    if "=" in out and _QP_LETTERS_RE.search(out) is not None:
        out = _QP_LETTERS_RE.sub(_qp_letters, out.replace("=\r\n", "").replace("=\n", ""))
    if "=40" in out:  # an e-mail address in quoted-printable ("j=C3=BCrgen.wei=C3=9Fhaupt=40freenet.de")
        out = _QP_ADDRESS_RE.sub(lambda m: quopri.decodestring(m[0].encode("ascii")).decode("utf-8", "replace"), out)
    if "\\u" in out:
        out = _UNICODE_ESCAPE_RE.sub(lambda m: chr(int(m[1], 16)) if not 0xD800 <= int(m[1], 16) < 0xE000 else m[0], out)
    while '\\\\\\"' in out:  # one level of JSON escaping off, down to \" (which the pairs pass reads)
        out = _ESCAPED_RE.sub(r"\1", out)
    return text if out == text else out


#: A map link (Google, Apple, Bing, OpenStreetMap's search) and its parameters that hold a place.
_MAP_LINK_RE = re.compile(r"(?:google\.[a-z.]{2,6}/maps|maps\.google\.|maps\.apple\.com|bing\.com/maps"
                          r"|openstreetmap\.org/search|goo\.gl/maps)[^\s\"'<>]{0,256}$")
_MAP_PLACE_PARAMS = frozenset({"query", "q", "destination", "origin", "daddr", "saddr", "address", "waypoints", "where"})


def _next_pair_name(text: str, backwards: str, pos: int) -> re.Match[str] | None:
    """``_PAIR_NAME_RE.search(text, pos)``, found from the separators (``backwards`` is
    ``text[::-1]``). A name runs up to its separator with nothing but a quote and spaces
    between, and no separator inside, so the first separator with a name before it that
    starts at ``pos`` or later has the first match's name."""
    end = len(text)
    for separator in _SEPARATOR_RE.finditer(text, pos + 1):
        before = _NAME_BACKWARDS_RE.match(backwards, end - separator.start())
        if before is None:
            continue
        start = end - before.end()
        if start >= pos and (match := _PAIR_NAME_RE.match(text, start)) is not None:
            return match
    return None


#: The rest of a name after its first word in an unquoted pair: capitalised words, up to the next pair.
_NAME_TAIL_RE = re.compile(r"(?:[ ][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'-]{1,30}+){1,2}(?=[ ,;&]|$)")
_BLOCK_SCALARS = frozenset({"|", "|-", "|+", ">", ">-", ">+"})
_ENV_NAME_RE = re.compile(r"[A-Z][A-Z0-9_]{1,63}")
_ENV_VALUE_RE = re.compile(r"[^\s\"']{1,1024}+")


def _credential_value_end(text: str, match: re.Match[str], at: int, value_match: re.Match[str]) -> int | None:
    """Where a credential's unquoted value ends when it runs past what a plain value holds:
    ODBC's ``PWD={...}`` in braces, a YAML block scalar (``password: |-`` then its indented
    lines), a dotenv line's whole value (``APP_KEYS=key1==,key2==``). None: where it stops."""
    if match["sep"] == "=" and text.startswith("{", at):  # not "auth: { persistSession: false }" in code
        close = text.find("}", at, at + 258)
        return close + 1 if close > 0 else None
    line_start = text.rfind("\n", 0, match.start()) + 1
    if value_match["value"] in _BLOCK_SCALARS and text.startswith("\n", value_match.end()):
        indent = match.start() - line_start  # the name's column: the block's lines are indented past it
        end = pos = value_match.end()
        while pos < len(text) and text[pos] == "\n":
            line_end = text.find("\n", pos + 1)
            line_end = len(text) if line_end < 0 else line_end
            line = text[pos + 1:line_end]
            if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
                break
            end = pos = line_end
        return end
    if match["sep"] == "=" and not text[line_start:match.start()].strip() and _ENV_NAME_RE.fullmatch(match["name"]):
        env_value = _ENV_VALUE_RE.match(text, at)
        return env_value.end() if env_value is not None else None
    if len(value_match["value"]) <= 4 and value_match["value"].isdigit() and (
            groups := _CODE_GROUPS_RE.match(text, value_match.end())) is not None and (
            len(value_match["value"]) + sum(c.isdigit() for c in groups[0]) <= 8):
        return groups.end()  # "verification code: 482 913": a code written in groups
    return None


#: The rest of a code written in groups after its first ("482 913", "4821 9930").
_CODE_GROUPS_RE = re.compile(r"(?:[ ][0-9]{2,4}){1,2}(?![\w/:-]|[.,][0-9]|[ ][0-9])")


def _quote_at(text: str, at: int) -> str:
    """The quote a value at ``at`` opens: ``"``, ``'``, ``\\"`` (escaped JSON text), or none."""
    ch = text[at:at + 1]
    if ch == '"' or ch == "'":
        return ch
    if ch == "\\" and text.startswith('\\"', at):
        return '\\"'
    return ""


#: The last word of an error's or an exception's name, which in prose comes before a colon:
#: ``JsonWebTokenError: jwt expired``, ``TokenExpiredError: ...``, ``PasswordException: ...``.
_ERROR_NAMES = ("Error", "Exception", "ERROR", "EXCEPTION", "_error", "_exception")

#: Secrets of several words or codes in a row: "seed phrase: abandon ability ...",
#: "recovery codes: 1a2b-3c4d 5e6f-7a8b": in prose their value runs to the end of the clause.
#: What a log line says of a credential after its name and a colon: its state, not its value
#: ("Credentials: valid", "Recovery codes: generated", "Token: expired").
#: A length's unit after a number: "Mot de passe : 12 caractères minimum", "Password: 8 characters".
_LENGTH_AFTER_RE = re.compile(
    r"[ ](?i:characters?|chars?|caractères?|caracteres?|caratteri|zeichen|tekens|znaków|znakow|digits?|chiffres?"
    r"|dígitos|digitos|cifre|stellen|letters?|symbols?|signes?)(?![^\W\d_])"
)
#: A setting's value, no credential's: "always-auth=true", "use_password: no".
_SWITCH_WORDS = frozenset({"true", "false", "yes", "no", "on", "off"})
_CREDENTIAL_STATES = frozenset(

    """valid invalid expired missing required none null true false ok set unset provided present hidden redacted
    generated revoked rotated enabled disabled pending verified unverified accepted rejected n/a absent empty""".split()
)
#: A service's account name: lower-case words joined by ``_`` or ``-``, one of them a word
#: that names a system or a job (``kibana_system``, ``svc_report``, ``erp_sync``, ``etl-reader``).
_SERVICE_WORDS = ("system|svc|service|sync|report|reports|reporting|reader|writer|etl|ci|bot|robot|daemon|worker"
                  "|cron|job|jobs|backup|monitor|monitoring|replication|replicator|readonly|ro|rw|app|api|integration"
                  "|deploy|deployer|exporter|ingest|loader|batch|scheduler|agent|admin|root|sa")
_SERVICE_ACCOUNT_RE = re.compile(
    r"(?:[a-z0-9]{1,24}[_-]){0,3}(?:" + _SERVICE_WORDS + r")(?:[_-][a-z0-9]{1,24}){0,3}"
)
#: Names that are a credential's only when the value reads as generated (``"key": "..."``).
_BARE_KEY_NAMES = frozenset({"key", "Key", "KEY", "keys", "Keys"})
_MANY_WORD_SECRETS = frozenset({"phrase", "passphrase", "mnemonic", "codes", "words", "seed"})
#: Their value: up to the end of the clause (a 24-word phrase is about 200 characters).
_WORDS_VALUE_RE = re.compile(r"(?P<value>[^,;\n\r<>\"{}\[\]|.]{0,400}+)")


def _names_many_words(name: str) -> bool:
    return re.split(r"[_\-.]", name.lower())[-1] in _MANY_WORD_SECRETS


#: The kinds whose pseudonyms' hex an IBAN could be read in (``phone:4f2a...``).
_PSEUDONYM_HEADS = tuple(f"{k}:" for k in ("phone", "card", "ssn", "national_id", "name"))


def iban_ok(compact: str) -> bool:
    if not 15 <= len(compact) <= 34 or not compact[2:4].isdigit():
        return False
    rotated = compact[4:] + compact[:4]
    return int(rotated.translate(_BASE36_DIGITS)) % 97 == 1


#: ISO 13616's letters as numbers, A (or a) = 10 ... Z = 35: ``int(ch, 36)`` of each, written out.
_BASE36_DIGITS = {ord(ch): str(int(ch, 36)) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}


def _basic_ok(credential: str) -> bool:
    try:
        decoded = base64.b64decode(credential + "=" * (-len(credential) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b":" in decoded


def _bearer_ok(credential: str) -> bool:
    return not credential.isalpha()


#: After a family name, what makes it a firm's ("Becker GmbH", "Walker & Sons"; not "Ms. Oduya and her son").
_FIRM_AFTER = (r"[ ](?:GmbH|AG|KG|OHG|Ltd|LLC|Inc|SA|S\.A\.|SARL|SAS|Srl|S\.r\.l\.|SpA|S\.p\.A\.|BV|B\.V\.|NV|Oy|AB|AS|A/S"
               r"|ApS|plc|PLC|Kft|s\.r\.o\.|Sp\.|&)(?![^\W\d_])")


def _names_a_place(match: re.Match[str]) -> bool:
    """Is the family name at ``match`` a part of an institution's or a street's name ("Universitas
    Diponegoro", "Becker-Straße"): an institution's word right before or after it?"""
    before = match.string[max(0, match.start() - 24):match.start()].split()
    after = match.string[match.end():match.end() + 24].split()
    near = {w.lower().strip(".,;:()") for w in before[-1:] + after[:1]}
    return not near.isdisjoint(_pii_people.INSTITUTION_WORDS) or not near.isdisjoint(_PLACE_WORDS)


#: Words of a place named after someone, beside the name.
_PLACE_WORDS = frozenset("""universitas universiteit uniwersytet street st road rd avenue ave boulevard blvd lane square
    platz straße strasse gasse weg allee rue avenue place via viale piazza calle avenida plaza rua praça jalan jl
    airport aeropuerto flughafen international stadium arena park hall centre center bridge""".split())


def _family_names(name: str) -> list[str]:
    """The family name of a full name that starts with a given name the lexicon knows, and each part of a
    double one: its last word of four letters or more, capitalised, that the lexicon does not also know as a
    word, a place or a given name only ("Toronto Pearson" and Hungarian's "Deák Ferenc" have none)."""
    words = name.split()
    flags = _pii_prose_names.flags_of
    if not flags(words[0].strip(".,;:()\"'")) & _pii_prose_names.GIVEN:
        return []
    last = words[-1].strip(".,;:()\"'")
    parts = [last, *last.split("-")] if "-" in last else [last]
    return [p for p in parts if len(p) >= 4 and p[0].isupper() and p[1:2].islower()
            and not flags(p) & _pii_prose_names.AMBIGUOUS
            and flags(p) & (_pii_prose_names.GIVEN | _pii_prose_names.SURNAME) != _pii_prose_names.GIVEN]


#: Given (kind, normalised value, matched text), the replacement text.
Replace = Callable[[str, str, str], str]


class TextScrubber:
    """Replaces personal data and credentials in strings; ``replace`` decides what
    replaces each finding, ``is_sensitive_name`` whether a ``name=value`` pair's value is
    to be masked (True: masked as ``redacted``; a kind of :data:`._pii_kinds.KIND_CLASS`:
    handed to ``replace`` as that kind)."""

    def __init__(
        self,
        replace: Replace,
        is_sensitive_name: Callable[[str], object],
        name_stems: Iterable[str],
        redacted: str,
    ):
        self._replace = self._noting_names(replace)
        #: The names the passes replaced, in the order found (see :meth:`scrub`).
        self._names: list[str] = []
        #: The texts being scrubbed, innermost last, each with what :meth:`_in_office` found in it.
        self._texts: list[tuple[str, dict[str, bool]]] = []
        self._is_sensitive_name = is_sensitive_name
        self._redacted = redacted
        # A pair can only have a sensitive name if the text holds the start of one: the
        # stems of sensitive names, and of the credential parameters of URLs.
        stems = {s.lower() for s in name_stems} | {"code", "token", "sig", "key", "secret", "pass", "pwd", "ticket",
                                                   "assertion", "saml", "otp", "oauth", "googleaccessid"}
        self._stems = tuple(sorted(stems))
        self._by_name = lru_cache(maxsize=4096)(self._name_verdict)
        self._by_words = lru_cache(maxsize=4096)(is_sensitive_name)  # "API key: ...": names of two or three words
        self.names_a_search = lru_cache(maxsize=4096)(lambda name: names_a_search(words(name)))
        # A stem of "=" or ":" (the pii transform's) makes every pair a candidate.
        self._every_pair = "=" in self._stems or ":" in self._stems

    # --- the passes ----------------------------------------------------------------------

    def _noting_names(self, replace: Replace) -> Replace:
        def noting(kind: str, key: str, original: str) -> str:
            if kind == "name":
                if _pii_public.is_public_figure(original) or (self._texts and self._in_office(original)):
                    return original  # "Olaf Scholz ist ... zum Bundeskanzler gewählt worden": news, not a user
                self._names.append(original)
            return replace(kind, key, original)
        return noting

    def _in_office(self, name: str) -> bool:
        """:func:`._pii_public.named_in_office` in the text being scrubbed, once a name (a hostile text names
        the same person thousands of times)."""
        text, memo = self._texts[-1]
        if name not in memo:
            memo[name] = _pii_public.named_in_office(text, name)
        return memo[name]

    def scrub(self, text: str) -> str:
        """``text`` with what every pass finds replaced; then, a name found once is replaced
        wherever else the text holds it ("Kontoinhaberin Renate Schwarzkopf ... Grüße, Renate
        Schwarzkopf": the signature told whose the account is)."""
        mark = len(self._names)
        self._texts.append((text, {}))
        try:
            out = self._scrub(text)
            if len(self._names) > mark:
                out = self._names_again(out, mark)
        finally:
            del self._names[mark:]
            self._texts.pop()
        return out

    def _names_again(self, text: str, mark: int) -> str:
        found = sorted({n for n in self._names[mark:] if len(n) >= 4 and " " in n.strip() and n in text}, key=len, reverse=True)
        for name in found:
            text = re.sub(r"(?<![^\W\d_])" + re.escape(name) + r"(?![^\W\d_])",
                          lambda m: self._replace("name", m[0].lower(), m[0]), text)
        # the family name of a full name found, alone elsewhere ("Grace Oduya ... Ms. Oduya", "Graziella
        # Cattaneo-Bernasconi ... citofono 'Cattaneo'"): as written there, and not a name that is also a word
        for surname in sorted({part for n in self._names[mark:] if " " in n.strip()
                               for part in _family_names(n) if part in text}, key=len, reverse=True):
            text = re.sub(r"(?<![^\W\d_])" + re.escape(surname) + r"(?![^\W\d_]|[.@]|" + _FIRM_AFTER + ")",
                          lambda m: m[0] if _names_a_place(m) else self._replace("name", m[0].lower(), m[0]), text)
        return text

    def _scrub(self, text: str) -> str:
        if len(text) == 15 and text[0] == "8" and _pii_geo.h3_cell(text):
            return self._replace("location", text, text)  # an H3 cell index, a place to a few metres
        if len(text) < 5 or _OPAQUE_RE.fullmatch(text) is not None:
            return text  # too short, or a UUID, a timestamp, a digest, a plain number, an ETag
        if text[0] == "/" and _API_PATH_RE.fullmatch(text) is not None:
            return _pii_tokens.scrub_link_secrets(text, self._redacted)
        if not text.isascii() and ("\u202e" in text or "\u202d" in text):
            text = _pii_people.scrub_overrides(text, self._replace)  # before folding drops the override
        if not text.isascii() and _COMBINING_RE.search(text) is not None and (
                composed := unicodedata.normalize("NFC", text)) != text:
            # "José" written as "Jose" and a combining accent: read composed, stored as written
            # unless something was found
            out = self.scrub(composed)
            return text if out == composed else out
        if (not text.isascii() or "\x00" in text) and (folded := fold(text)) is not text:
            # scanned as ASCII writes it (no-break spaces, Unicode dashes, full-width
            # digits, invisible characters); stored as written unless something was found
            out = self.scrub(folded)
            return text if out == folded else as_written(text, folded, out)
        if ("&quot;" in text or "&#" in text or "\\u" in text or '\\\\\\"' in text or "=40" in text
                or "=?" in text or "=C" in text or "=D" in text or "=E" in text
                or ("&" in text and _NAMED_ENTITY_RE.search(text) is not None)) and (
                (decoded := _decoded_view(text)) is not text):
            # "&quot;password&quot;", "\u0070assword", JSON escaped in JSON escaped in text: read
            # as written once decoded, stored decoded only when something was found
            out = self.scrub(decoded)
            return text if out == decoded else out
        if "%" in text and "://" not in text and _PERCENT_RE.search(text) is not None:
            # "Claire%20Mah%C3%A9", "Bauer%2520Klaus-Dieter": read decoded, stored as sent unless something
            # was found, and then with what was not found still encoded (a link's encoding is its own:
            # "smtp://notif%40boutique.ca:...@host" is read by the link passes)
            if "=" in text or "&" in text:
                text = _PERCENT_RUN_RE.sub(self._percent_run, text)  # a form's values, each on its own
            else:
                decoded, spans = percent_decoded_mapped(text)
                if decoded is not text and "://" not in decoded:
                    out = self.scrub(decoded)
                    return text if out == decoded else as_encoded(text, decoded, spans, out)
        if len(text) >= 32 and text[:2] in _HEX_JSON_STARTS and _HEX_RE.fullmatch(text) is not None:
            text = self._hex_text(text)  # "7b2275736572223a...": JSON written in hex
        replace = self._replace
        # 1. credentials first, so "Authorization: Basic dXNl..." loses the whole credential
        # and no later pass bites a piece out of a token
        if ")" in text and _ALIASED_PAIR_RE.search(text) is not None:
            text = _ALIASED_PAIR_RE.sub(self._aliased_pair, text)  # "Mağaza Parola (merchant_key): ..."
        text = _pii_tokens.scrub(text, replace, self._redacted)
        text = _pii_tokens.scrub_bare_keys(text, self._redacted)  # "token Fb1aeV38...", "AppSecret ab690e47..."
        if _pii_seeds.may_hold(text):
            text = _pii_seeds.scrub(text, self._redacted)  # a wallet's seed phrase: 12-24 words of a BIP39 list
        if "eyJ" in text:
            text = _JWT_RE.sub(lambda m: replace("jwt", "", m[0]), text)
        if "eyJ" in text or "W3s" in text:
            text = _BASE64_JSON_RE.sub(self._base64_json, text)
        elif len(text) >= 16 and _BASE64_VALUE_RE.fullmatch(text) is not None:
            text = self._base64_text(text)  # and still through every pass: a card or an IBAN is base64 too
        if "earer" in text or "asic" in text or "EARER" in text or "ASIC" in text:
            text = _AUTH_RE.sub(self._auth, text)
        if "/" in text:
            text = _pii_tokens.scrub_link_secrets(text, self._redacted)
        if "%" in text and _ENCODED_STRUCTURE_RE.search(text) is not None:
            text = _ENCODED_RUN_RE.sub(self._encoded_run, text)
        # 2. pairs, before any pass could cut a credential value in pieces; an element's and
        # a form part's first (the pair pass would read their name="..." as a person's name)
        if ("--" in text or "-u" in text) and (" -" in text or text.startswith("-")):
            text = _FLAG_RE.sub(self._flag, text)
        if " -p" in text and ("ysql" in text or "ariadb" in text):
            text = _DB_PASSWORD_RE.sub(self._flag, text)
        if ("sshpass" in text or "@//" in text or "sqlplus" in text or "SQLPLUS" in text or "rman " in text
                or "htpasswd" in text or "WIFI:" in text or "docker" in text):
            text = _CLI_PASSWORD_RE.sub(self._cli_password, text)
        text = _pii_commands.scrub(text, self._redacted, self.flag_is_credential)
        if "CN=" in text or "cn=" in text or "VCARD" in text or "vcard" in text or _pii_directory.may_hold_subject(text):
            text = _pii_directory.scrub(text, replace)
        if _pii_hl7.may_hold(text):
            text = _pii_hl7.scrub(text, replace)
        if "\n" in text and _pii_tables.may_hold_table(text):
            text = _pii_tables.scrub(text, self._column_verdict, self._pair_replacement)
        if "\n" in text and _pii_tables.may_hold_markdown(text):
            text = _pii_tables.scrub_markdown(text, self._column_verdict, self._pair_replacement)
        if "\n" in text and _pii_tables.may_hold_spaced(text):
            text = _pii_tables.scrub_spaced(text, self._column_verdict, self._pair_replacement)

        if "kind: Secret" in text and "ata:" in text:
            text = _YAML_SECRET_DATA_RE.sub(self._yaml_secret_data, text)
        if "</" in text:
            if "<methodName>" in text:
                text = _XMLRPC_PASSWORD_RE.sub(lambda m: swap_group(m, "password", self._redacted), text)
            text = _ELEMENT_RE.sub(self._element, text)
            if "AttributeValue" in text:
                text = _SAML_ATTRIBUTE_RE.sub(self._saml_attribute, text)
        if "form-data" in text:
            text = _FORM_PART_RE.sub(self._form_part, text)
        if "<" in text and ("name=" in text or "NAME=" in text or "key=" in text):
            text = _NAMED_TAG_RE.sub(self._named_tag, text)
        if _pii_errors.may_hold(text):  # "Key (email)=(...)", "Duplicate entry '...' for key ..."
            text = _pii_errors.scrub(text, self._column_verdict, self._pair_replacement)
        if ("=" in text or ":" in text or "：" in text) and (self._every_pair or self._has_stem(text)):
            text = self._pairs(text)
            if (text[:4] == "http" and _PLAIN_LINK_RE.fullmatch(text) is not None
                    and not has_cue(_MASKED_PAIR_RE.sub("", text))):
                return text
        if ("+" in text or "%2" in text) and "=" in text and " " not in text:
            # Body=Your+code+is+739214, passenger=Somsak%20Thongdee: read as the words it encodes
            text = self._form_values(text)
        if _pii_payments.may_hold(text):
            text = _pii_payments.scrub(text, replace)  # wa.me/NUMBER, paypal.me/HANDLE, name@okicici (UPI)
        # 3. e-mails, before numbers (digits in local parts), and their display names
        if "@" in text:
            if " <" in text:
                text = _DISPLAY_NAME_RE.sub(self._display_name, text)
            if "ailto:" in text or "AILTO:" in text:
                text = _MAILTO_NAME_RE.sub(self._mailto_name, text)
            if " (" in text or " [" in text:
                text = _PAREN_NAME_RE.sub(self._paren_name, text)
            text = _EMAIL_RE.sub(self._email, text)
        if "%40" in text or "%2540" in text:
            text = _EMAIL_URL_RE.sub(self._email_url, text)
        if ("&" in text or "\\" in text) and _EMAIL_ESCAPE_SCAN.found_in(text):
            text = _EMAIL_ESCAPED_RE.sub(self._email, text)
        if ("]" in text or ")" in text) and ("at]" in text or "at)" in text or "AT]" in text or "AT)" in text):
            text = _EMAIL_SPOKEN_RE.sub(self._email, text)
        if (" at " in text or " AT " in text or " @" in text or "@ " in text or " arobase " in text or " arroba " in text
                or " chiocciola " in text or " klammeraffe " in text):  # "dot", "punkt", "punto"...
            text = self._emails_in_words(text)
        if "UVCI" in text or "uvci" in text:
            text = _UVCI_RE.sub(lambda m: swap_group(m, "id", replace("uvci", m["id"].upper(), m["id"])), text)
        # machine-written formats with personal data in fixed places: MRZ lines (a name line
        # has no digit), then, with digits, card tracks, X12 segments, NACHA entries
        if "<<" in text:
            text = _pii_formats.scrub_mrz(text, replace)
        if "Nm>" in text or "StrtNm>" in text:
            text = _pii_formats.scrub_iso20022(text, replace)
        if "M1" in text or "M2" in text:
            text = _pii_formats.scrub_boarding_passes(text, replace)
        if "SSR " in text or "PHONES" in text or ("/" in text and "\n" in text and "." in text):
            text = _pii_formats.scrub_reservations(text, replace)
        if (":59" in text or ":50" in text) and "\n" in text:
            text = _pii_formats.scrub_mt_parties(text, replace)
        if _pii_qrbill.may_hold(text):
            text = _pii_qrbill.scrub(text, replace)  # a Swiss QR-bill's payload: "SPC\n0200\n1\n..."
        # a place in other notations (what3words, plus codes, a map link's centre...), before
        # the numbers pass reads their digits
        text = _pii_geo.scrub_places(text, replace)
        text = _pii_phones.scrub_spoken_digits(text, replace)  # "four one two, five five five, ..."
        # identifiers whose shape says what they are, letters or brackets in them (a Myanmar NRC in its
        # own digits, a Venezuelan V-18.441.203, a Czech account 19-2000145399/0800)
        text = _pii_ids.scrub_shaped_ids(text, replace)
        # 4. numbers
        cued_text, cued = None, False  # has_cue(cued_text), asked again only once text changed
        if _DIGIT_RE.search(text) is not None:
            if "^" in text and ("%B" in text or "%b" in text):
                text = _pii_formats.scrub_tracks(text, replace)
            if "*" in text and ("NM1*" in text or "DMG*" in text or "PER*" in text or "ISA*" in text):
                text = _pii_formats.scrub_x12(text, replace)
            if "UNB+" in text:
                text = _pii_formats.scrub_edifact(text, replace)
            if "\n6" in text:
                text = _pii_formats.scrub_nacha(text, replace)
            text = _pii_phones.scrub_spaced_digits(text, replace)  # "0 5 4 1 2 3 4 5 6 7"
            if _NUMBERISH_RE.search(text) is not None:
                text = self._numbers(text)  # IDs with letters included
            elif _LETTER_DIGIT_RE.search(text) is not None:
                text = _pii_ids.scrub_letter_ids(text, replace)
            text = _pii_ids.scrub_plates(text, replace)  # plates of their own shape (JP, CN, IN)
            if "." in text and _pii_formats.DOTTED_MAC_RE.search(text) is not None:
                text = _pii_formats.scrub_dotted_macs(text, replace)
            words_text, words = text, _has_word(text)  # a cue or a street word (each checked again if so)
            if words and _TWO_DIGITS_RE.search(text) is not None:
                cued_text, cued = text, has_cue(text)
                if cued:
                    text = _pii_ids.scrub_context(text, replace, phone_key)
            if _TWO_DIGITS_RE.search(text) is not None and _pii_cue_words.may_hold(text):
                text = _pii_cue_words.scrub(text, replace, phone_key)  # "mój numer to 601 234 567"
            # 5. where
            if _GEO_GUARD_RE.search(text) is not None:
                text = _pii_geo.scrub_ips(text, replace)
                text = _pii_geo.scrub_locations(text, replace)
            if text is not words_text:
                words_text, words = text, _has_word(text)
            if not words:
                cued_text, cued = text, False
            elif text is not cued_text:
                cued_text, cued = text, has_cue(text)
            if _pii_address_labels.may_hold(text):
                # what follows an address's label in any language ("Adresa ime: ...", "पता: ...",
                # "Maa ngi dëkk ci ..."), before the street passes cut it in pieces
                text = _pii_address_labels.scrub(text, replace)
            text = _pii_people.scrub_addresses(text, replace, cued, words)
            if _pii_units.may_hold(text):
                text = _pii_units.scrub(text, replace)  # "Flat 2304, ...", "бл. 34, вх. Б, ап. 12", "ห้อง 1507"
        # 6. people
        if not text.isascii():
            if ("生" in text or "생" in text) and ("月" in text or "월" in text):
                text = _pii_people.scrub_births_after(text, replace)
            text = _pii_people.scrub_slavic_births_after(text, replace)  # "12.09.1958 р.н."
            text = _pii_people.scrub_script_names(text, replace)
            if _pii_intros.may_hold(text):
                text = _pii_intros.scrub(text, replace)  # "ስሜ አበበ ከበደ ነው", "मैं राहुल हूँ"
            text = _pii_people.scrub_initialled_names(text, replace)  # "Петров А.В."
        if _pii_travel.may_hold(text):
            text = _pii_travel.scrub(text, replace)  # "ALHARBI/KHALED MR", "SSR DOCS ... P/SAU/P04827193/..."
        if _pii_ocr_labels.may_hold(text):
            text = _pii_ocr_labels.scrub_cjk(text, replace)  # "姓名 陈静", "出生 1992年8月3日"
            text = _pii_ocr_labels.scrub(text, self._labels_a_name, replace)  # "Name / Surname\nMÜLLER", "Фамилия ЛЕБЕДЕВ"
        if "/" in text and "." in text:
            text = _pii_people.scrub_profiles(text, replace)
        if "." in text and ("_" in text or "-" in text):
            text = _pii_people.scrub_file_names(text, replace)
        text = _pii_people.scrub_log_logins(text, replace)
        if "\n:" in text or text[:1] == ":":
            text = _pii_people.scrub_swift_parties(text, replace)  # an MT103's :50K:/:59: lines
        text = _pii_people.scrub_device_owners(text, replace)  # (its own scan of devices' words first)
        if _pii_people.may_hold_handle(text):
            text = _pii_people.scrub_handles(text, replace)
        if "\n" in text and _pii_asked.may_ask(text):
            text = _pii_asked.scrub_transcript(text, replace)  # "Bot: ¿Me indica su nombre?\nCliente: Rosa Quispe"
        if _pii_logins.may_hold(text):
            text = _pii_logins.scrub(text, replace)  # "Mi usuario allí es laurita_bcn88", "ინსტა @lasha.gvasalia_"
        text = _pii_logins.scrub_user_id_pairs(text, replace)  # "user_id=omarodr363" (its own scan first)
        if "@" in text:
            text = _pii_people.scrub_at_handles(text, replace)
        text = _pii_people.scrub_signature(text, replace)
        text = _pii_people.scrub_chat_speakers(text, replace)  # "[23.10.24, 18:05:40] Martina Szabová: Áno"
        text = _pii_people.scrub_here_intros(text, replace)  # "kia ora, Mere Wilson here, courier left it ..."
        text = _pii_people.scrub_patronymic_names(text, replace)
        if _pii_health.may_hold_health(text):
            text = _pii_health.scrub_health(text, replace)


        if text is not cued_text:
            cued_text, cued = text, has_cue(text)
        if cued:
            text = _pii_tokens.scrub_said(text, self._redacted)
            if "</" in text and (bare := _pii_people.without_inline_tags(text)) is not text:
                # a name split by inline markup ("<b>Jane</b> <i>Doe</i>"): read without its tags,
                # stored without them only when a name was found
                named = _pii_people.scrub_names(bare, replace)
                text = named if named != bare else _pii_people.scrub_names(text, replace)
            else:
                text = _pii_people.scrub_names(text, replace)
            text = _pii_people.scrub_lowercase_names(text, replace)
            text = self._introduced_addresses(text)
        elif "VIN" in text or "MRN" in text:
            text = _pii_people.names_before_records(text, replace)  # "Jane Doe, MRN 5512..."
        if _pii_secret_words.may_hold(text):
            text = _pii_secret_words.scrub(text, self._redacted)  # "Fy nghyfrinair yw ...", "SMS kodu 471208"
            text = _pii_secret_words.scrub_more_passwords(text, self._redacted)  # "... y la del router es ..."
        text = _pii_secret_words.scrub_spaced_codes(text, self._redacted)  # "code's 5 0 2 2"
        text = _pii_secret_words.scrub_spoken_codes(text, self._redacted)  # "PIN?\nCALLER: four seven nine one"
        if not text.isascii():
            text = _pii_secret_words.scrub_codes_before_their_word(text, self._redacted)  # "382915（登录验证码）"
        text = _pii_secret_words.scrub_link_codes(text, self._redacted)  # "app://auth/verify?code=804117"
        text = _pii_secret_words.scrub_counted_codes(text, self._redacted)  # "the 6 digit code ... (719 204)"
        if "://" in text and self._redacted + "@" in text:
            text = _pii_logins.scrub_url_users(text, self._redacted, replace)  # "https://tomas_dev:[redacted]@..."
        if (self._redacted in text or "[recovery_codes]" in text) and _pii_logins.may_hold(text):
            text = _pii_logins.scrub(text, replace, beside_a_password=True)  # "user ID 係 CHANMW1962" and its password
        # 7. names beside a term of address ("cô Hạnh", "Rıza Efendi"), then names no cue announces,
        # by a lexicon of given names and surnames
        text = _pii_honorifics.scrub(text, replace)
        text = _pii_people.scrub_appositive_names(text, replace)  # "小[name]，陈思远", "[name] (marcus okafor-reid)"
        if _pii_payers.may_hold(text):
            text = _pii_payers.scrub(text, replace)  # "received FJD 120.00 from Mereani Tuilagi 9271234"
        text = _pii_people.scrub_relatives(text, replace)  # "my wife Carmen", "mi mujer Carmen"
        text = _pii_prose_names.scrub_prose_names(text, replace)
        text = _pii_prose_names.scrub_lower_case_names(text, replace)  # "a oi e la tran van nam"
        text = _pii_people.scrub_listed_names(text, replace)  # "present: [name], [name], Sipho Ndlovu."
        text = _pii_phones.scrub_after_a_person(text, replace)  # "Mvh [name], 20 12 48 77"
        if "(" in text and ("[name]" in text or "name:" in text):
            text = _BIRTH_AFTER_A_NAME_RE.sub(lambda m: _birth_date_after_a_name(m, replace), text)
        # 8. what the text says of the person found in it: "Meine Frau [name] ... mit Lungenentzündung",
        # "I'm bisexual", "je suis catholique"
        if _pii_special.may_hold_special(text):
            text = _pii_special.scrub_special(text, replace)
        return _pii_health.scrub_conditions_of_someone(text, replace)

    def _form_values(self, text: str) -> str:
        """The values of a form-encoded body or query (``+`` for a space, ``%2C`` for a comma),
        each scanned decoded, and encoded again where something was found."""
        parts = text.split("&")
        changed = False
        for i, part in enumerate(parts):
            name, eq, value = part.partition("=")
            if not eq or ("+" not in value and "%" not in value):
                continue
            decoded = unquote_plus(value)
            # read beside its name, as the pairs pass reads a pair ("passenger=Somsak%20Thongdee")
            key = name.rsplit("?", 1)[-1]
            paired = self.scrub(f"{key}={decoded}") if key and _PAIR_KEY_RE.fullmatch(key) else ""
            scrubbed = paired[len(key) + 1:] if paired.startswith(f"{key}=") else self.scrub(decoded)
            if scrubbed != decoded:
                parts[i] = f"{name}={quote_plus(scrubbed, safe='[]')}"
                changed = True
        return "&".join(parts) if changed else text

    def _introduced_addresses(self, text: str) -> str:
        """An address after the words that introduce one ("mijn adres is Damrak 1, 1012 LG
        Amsterdam"), read past its own commas like a labelled address's."""
        spans = _pii_people.address_intros(text)
        if not spans:
            return text
        out, pos = [], 0
        for start, street_end in spans:
            if start < pos:
                continue
            end = max(street_end, _ADDRESS_VALUE_RE.match(text, start).end())
            value = text[start:end].rstrip(" ")
            out += [text[pos:start], self._replace("address", " ".join(value.lower().split()), value)]
            pos = start + len(value)
        out.append(text[pos:])
        return "".join(out)

    def _numbers(self, text: str) -> str:
        replace = self._replace
        shielded: list[str] = []
        can_shield = _SHIELD_OPEN not in text
        # IBANs first: their digit groups would otherwise read as a card or a phone
        # number (``NL91 ABNA 0417 1643 00``, ``DE89 3704 0044 0532 0130 00``)
        if _IBAN_HEAD_RE.search(text) is not None:
            text = _IBAN_RE.sub(lambda m: self._iban(m, shielded if can_shield else None), text)
        # then phone numbers written with a "+", whose groups could read as an ID
        # (+44 117 496 0000); those dialled with 00 come after cards and IDs, whose groups
        # can start with 00 (2223 0031 2200 3222)
        many_digits = _EIGHT_DIGITS_RE.match(text) is not None
        if can_shield and many_digits and (" " in text) and _pii_ids.COMPANY_NUMBER_RE.search(text) is not None:
            text = _pii_ids.COMPANY_NUMBER_RE.sub(lambda m: self._shield(m[0], shielded) if _pii_ids.company_number(m)
                                                  else m[0], text)
        if ("+" in text or "%2" in text) and many_digits:
            text = _pii_phones.scrub_plus(text, replace)
        text = _pii_ids.scrub_letter_ids(text, replace)
        if many_digits:
            text = _pii_ids.scrub_digit_ids(text, replace)
            text = _pii_phones.scrub(text, replace)
        if shielded:
            text = _SHIELD_RE.sub(lambda m: shielded[int("".join(chr(ord(c) - 0xE010 + 48) for c in m[1]))], text)
        return text

    def _has_stem(self, text: str) -> bool:
        lowered = text.lower()
        return any(stem in lowered for stem in self._stems)

    # --- pairs ---------------------------------------------------------------------------

    def _aliased_pair(self, match: re.Match[str]) -> str:
        """A label whose field's name stands in brackets before its colon: judged by that name."""
        if self._by_name(match["name"], ":", False)[0] is not True or not _pii_tokens.token_like(match["value"]):
            return match[0]
        return match[0][:match.start("value") - match.start()] + self._redacted

    def _labels_a_name(self, label: str) -> bool:
        """Does ``label`` name a person's name, or a name of no thing said ("Name", "Имя")?"""
        return self._by_name(label, ":", False)[0] == "name" or label.lower() in _BARE_NAME_LABELS

    def _pairs(self, text: str) -> str:
        """Every ``name=value`` / ``name: value`` of the text, each name judged once. A
        name that is not sensitive leaves its value to be scanned for the next pair (the
        text after ``https:`` holds the query's first pair); a sensitive one's value is
        read whole and masked."""
        out: list[str] = []
        pos = 0
        kept = 0
        backwards = text[::-1]
        while True:
            match = _next_pair_name(text, backwards, pos)
            if match is None:
                break
            at = match.end()
            quote = _quote_at(text, at)
            quoted = bool(quote)
            # The name is judged before the value is read: a value runs to the end of the
            # text at worst, and reading it for every name ("a=a=a=...") is quadratic.
            verdict = self._judge(match, text, at, quote)
            if not verdict or (verdict is True and match["sep"] == ":" and _ARN_BEFORE_RE.search(
                    text, max(0, match.start() - 160), match.start()) is not None):
                pos = at if at > match.start() else at + 1
                continue
            end = None
            prose = match["sep"] in _COLONS and not quoted  # "name: value" in a sentence or a log line
            if (verdict is True and text[max(0, match.start("name") - 3):match.start("name")] == "://"
                    and (userinfo := _USERINFO_PASSWORD_RE.match(text, at)) is not None):
                value_match = userinfo  # "https://x-access-token:ghs_...@github.com/...": the password ends at its "@"
            elif prose and isinstance(verdict, str):
                # "Date of birth: 12 April 1990", "Adresse : 12 rue de la Paix, 75002 Paris"
                value_match = (_ADDRESS_VALUE_RE if verdict == "address" else _CLAUSE_VALUE_RE).match(text, at)
            elif verdict is True and prose and match["name"].lower() in CREDENTIAL_HEADERS:
                opened = text[match.start("name") - 1:match.start("name")]
                if (shown := _PLACEHOLDER_VALUE_RE.match(text, at)) is not None:
                    pos = shown.end()  # "z. B. X-Api-Key: <IHR_API_SCHLUESSEL>. Bitte ...": a sample's stand-in
                    continue
                if opened in _HEADER_QUOTES:  # curl -H "Authorization: Bearer ...": the header ends at its quote
                    value_match = _HEADER_QUOTES[opened].match(text, at)
                else:
                    value_match = _HEADER_LINE_VALUE_RE.match(text, at) or _PLAIN_VALUE_RE.match(text, at)
            elif verdict is True and prose and _names_many_words(match["name"]):
                value_match = _WORDS_VALUE_RE.match(text, at)  # "seed phrase: abandon ability able ..."
            elif quoted:
                value_match = (_QUOTED_VALUE_RE if quote == '"' else _OTHER_QUOTED_VALUE_RES[quote]).match(text, at)
            else:
                value_match = _PLAIN_VALUE_RE.match(text, at)
                if isinstance(verdict, str) and class_of(verdict) in _FOUND_BY_SHAPE and verdict != "email":
                    end = _SPACED_TAIL_RE.match(text, value_match.end()).end()
                elif verdict == "name" and match["sep"] == "=" and (tail := _NAME_TAIL_RE.match(text, value_match.end())):
                    end = tail.end()  # logfmt's "name=Elsa Håkansson orderRef=...": the name whole
                elif (verdict == "email" and text[value_match.end():value_match.end() + 1] == "'"
                      and (email := _EMAIL_RE.match(text, at)) is not None):
                    end = email.end()  # "email=ivan.o'brien@example.org": the address whole, not up to its apostrophe
            if verdict is True and not quoted and end is None:
                end = _credential_value_end(text, match, at, value_match)
            value = value_match["value"] if end is None else text[value_match.start("value"):end]
            if verdict == "address":
                value = value.rstrip(" ")
            elif verdict is True and prose and value[-1:] == "." and value[:-1].isdigit():
                value = value[:-1]  # "Код подтверждения: 4829. Никому ...": the sentence's full stop stays

            variable = _VARIABLE_RE.match(text, value_match.start("value"))
            if (not value or value == "(" or not value.strip("=") or self._already_clean(value, match)
                    or (verdict is True and prose and value.lower().rstrip(".,") in _CREDENTIAL_STATES)
                    # "PIN-Brief kam separat: Geheimzahl 5281": the value names the credential that follows
                    or (verdict is True and prose and value.isalpha()
                        and (value.lower() in _CODE_NOUNS or self._is_sensitive_name(value))
                        and text[value_match.start("value") + len(value):][:2].lstrip(" ")[:1].isdigit())
                    or (verdict is True and value.lower() in _SWITCH_WORDS)  # .npmrc's "always-auth=true"
                    or (verdict == "name" and _pii_people.reads_as_machine_login(value))  # "username = __token__"
                    or (verdict is True and prose and len(value) <= 3 and value.isdigit()
                        and _LENGTH_AFTER_RE.match(text, value_match.start("value") + len(value)) is not None)
                    or (variable is not None and variable.end() >= value_match.start("value") + len(value))
                    or (verdict == "name" and self._names_a_field(value, text, at))):
                pos = at if at > match.start() else at + 1
                continue
            start = value_match.start("value")
            end = start + len(value)
            out.append(text[kept:start])
            out.append(self._pair_replacement(verdict, value))
            kept = pos = end
        if not out:
            return text
        out.append(text[kept:])
        return "".join(out)

    def _percent_run(self, match: re.Match[str]) -> str:
        run = match[0]
        decoded, spans = percent_decoded_mapped(run, form=True)
        if decoded is run:
            return run
        out = self.scrub(decoded)
        return run if out == decoded else as_encoded(run, decoded, spans, out)

    def _encoded_run(self, match: re.Match[str]) -> str:
        """A URL-encoded run holding JSON or a form, scanned decoded and encoded again."""
        run = match[0]
        if _ENCODED_STRUCTURE_RE.search(run) is None:
            return run
        decoded = unquote_plus(run)
        scrubbed = self.scrub(decoded)
        return run if scrubbed == decoded else quote_plus(scrubbed, safe="[]")

    def _hex_text(self, run: str) -> str:
        """JSON written as hex digits, scrubbed as that JSON, and written in hex again if
        anything was found."""
        try:
            decoded = bytes.fromhex(run).decode("utf-8")
        except ValueError:
            return run
        if not decoded.isprintable() or decoded.rstrip()[-1:] not in ("}", "]"):
            return run
        scrubbed = self.scrub(decoded)
        return run if scrubbed == decoded else scrubbed.encode("utf-8").hex()

    def _base64_json(self, match: re.Match[str]) -> str:
        """Base64 of JSON, scrubbed as that JSON; anything that does not decode to JSON text
        (a base64 blob that only starts like it) is left as it is."""
        # `echo '{...}' | base64` ends in a newline
        return self._scrubbed_base64(match[0], lambda decoded: decoded.rstrip()[-1:] in ("}", "]"))

    def _base64_text(self, run: str) -> str:
        """A value that decodes from base64 to printable text, scrubbed as that text;
        anything else (a random token's bytes) left as it is."""
        # (lines allowed: an env file or a config encoded whole, "DB_PASSWORD=...")
        return self._scrubbed_base64(run, lambda decoded: len(decoded) >= 5 and _PRINTABLE_LINES_RE.sub("", decoded).isprintable())

    def _scrubbed_base64(self, run: str, holds: Callable[[str], bool]) -> str:
        """``run`` decoded, scrubbed if its text ``holds``, and encoded again in its own
        alphabet and padding if anything was found."""
        urlsafe = "-" in run or "_" in run
        try:
            decoded = (base64.urlsafe_b64decode if urlsafe else base64.b64decode)(run + "=" * (-len(run) % 4)).decode("utf-8")
        except (binascii.Error, ValueError):
            return run
        if not holds(decoded):
            return run
        scrubbed = self.scrub(decoded)
        if scrubbed == decoded:
            return run
        if self._redacted in scrubbed or any(class_of(kind) == "credential" for kind in _MASK_KIND_RE.findall(scrubbed)):
            return self._redacted  # it holds a secret: no part of it is kept (a key's format may name it whole)
        encoded = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(scrubbed.encode("utf-8")).decode("ascii")
        return encoded if run.endswith("=") or len(run) % 4 == 0 else encoded.rstrip("=")

    def _cli_password(self, match: re.Match[str]) -> str:
        return swap_group(match, match.lastgroup, self._redacted)

    def _flag(self, match: re.Match[str]) -> str:
        if match["password"] is not None:
            if len(match["password"]) <= 2 and _pii_commands.random_looking(match["user"]):
                # an API key as the user, with no password or a stand-in ("-u KEY:X", "-u KEY:")
                start, end = match.start("user") - match.start(), match.end("user") - match.start()
                return match[0][:start] + self._redacted + match[0][end:]
            if not match["password"] or not_a_secret(match["password"]):
                return match[0]  # "-u USER:", "-u <USERNAME>:<PASSWORD>" in a usage text
            start = match.start("password") - match.start()
            return match[0][:start] + self._redacted
        if not self.flag_is_credential(match["name"]) or not_a_secret(match["value"]):
            return match[0]
        return match[0][:match.start("value") - match.start()] + self._redacted

    def flag_is_credential(self, flag: str) -> bool:
        """Is ``--<flag>`` (dashes stripped) a command-line option whose value is a credential?"""
        verdict = self._by_name(flag.lstrip("-"), "=", False)[0]
        return verdict is True

    def _yaml_secret_data(self, match: re.Match[str]) -> str:
        items = _YAML_ITEM_RE.sub(lambda m: m[0] if not_a_secret(m["value"].strip("\"' ")) else m["key"] + self._redacted,
                                  match["items"])  # (a sample's "<base64-encoded-value>" stays)
        return swap_group(match, "items", items)

    def _element(self, match: re.Match[str]) -> str:
        name = match["name"].rpartition(":")[2]
        if name in _SIGN_ELEMENTS and _SIGNED_BLOB_RE.fullmatch(match["value"].strip()) is not None:
            # AFIP's loginTicketResponse <credentials><token>...</token><sign>...</sign>: the token's
            # signature, which authenticates with it
            return swap_group(match, "value", self._redacted)
        return self._named_value(match, name)

    def _form_part(self, match: re.Match[str]) -> str:
        return match[0] if "filename=" in match["rest"] else self._named_value(match, match["name"])

    def _named_tag(self, match: re.Match[str]) -> str:
        attributes = {m["key"].lower(): m for m in _ATTRIBUTE_RE.finditer(match["attrs"])}
        name = attributes.get("name") or attributes.get("key")
        value = attributes.get("value") or attributes.get("content")
        if name is None or value is None:
            return match[0]
        group = "dq" if value["dq"] is not None else "sq"
        written = value[group]
        verdict = self._by_name(name[name.lastgroup or "dq"] or "", "=", True)[0]
        if not verdict or not written.strip() or self._already_clean(written.strip()):
            return match[0]
        offset = match.start("attrs") - match.start()
        start, end = offset + value.start(group), offset + value.end(group)
        return match[0][:start] + self._pair_replacement(verdict, written) + match[0][end:]

    def _saml_attribute(self, match: re.Match[str]) -> str:
        attributes = {m["key"].lower(): m for m in _ATTRIBUTE_RE.finditer(match["attrs"])}
        named = attributes.get("friendlyname") or attributes.get("name")
        if named is None:
            return match[0]
        # (a directory's short names and OIDs: "sn" is a surname there, as "surname" is)
        return self._named_value(match, _pii_directory.ldap_attribute(named["dq"] if named["dq"] is not None else named["sq"] or ""))

    def _named_value(self, match: re.Match[str], name: str) -> str:
        """A value whose name the structure around it gives (an element's tag, a form
        part's name): masked as a pair's value of that name would be."""
        verdict, url_check, name = self._by_name(name, "=", False)
        value = match["value"]
        if url_check and _pii_tokens.url_param_is_credential(name, value.strip()):
            verdict = True
        if not verdict or not value.strip() or self._already_clean(value.strip()):
            return match[0]
        start, end = match.start("value") - match.start(), match.end("value") - match.start()
        return match[0][:start] + self._pair_replacement(verdict, value) + match[0][end:]

    def _names_a_field(self, value: str, text: str, at: int) -> bool:
        """``name="email"``, ``<meta name="viewport">``: the value is a field's or a tag's
        name, no person's (a sensitive field's name anywhere, any identifier inside a tag)."""
        value = value.strip("\"'")
        if _IDENTIFIER_RE.fullmatch(value) is None:
            return False
        if bool(self._by_name(value, "=", True)[0]):
            return True
        since = max(0, at - 1024)  # a tag's length, at most: a bounded look back stays linear
        # inside a tag, an identifier names a control (a capitalised word may be a person: "Janet")
        return not value.istitle() and text.rfind("<", since, at) > text.rfind(">", since, at)

    def _judge(self, match: re.Match[str], text: str, at: int, quote: str) -> object:
        name, sep = match.group("name", "sep")
        sep = ":" if sep == "：" else sep
        if match.start() and text[match.start() - 1] == "$" and sep == ":":
            return False  # "$password: String!": a GraphQL variable's declaration
        if name == "name" and text.endswith(_FORM_DATA, 0, match.start()):
            return False  # a form part's name="..." names the field that follows
        verdict, url_check, name = self._by_name(name, sep, bool(quote))
        if verdict and isinstance(verdict, str) and sep == ":" and not quote and match.start() > 0:
            # in prose the words before say whose the value is: "IP address:", "MAC address:",
            # "Email address:" (left to their detectors) are no postal address
            before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 64), match.start())
            if before is not None:
                said = (before[1], before[2]) if before[1] else (before[2],)
                return self._by_name(" ".join((*said, name)), sep, False)[0]
        if verdict:
            return verdict
        if sep == "=" and self.names_a_search(name):
            # a search's text, as a query object's (?q=Jane+Doe, search=Sophie%20M%C3%BCller in a
            # log line): a person's name when the whole of it reads as one
            head_re = _QUOTED_HEAD_RE if quote == '"' else _OTHER_QUOTED_HEAD_RES[quote] if quote else _PLAIN_HEAD_RE
            if _pii_people.reads_as_name(unquote_plus(head_re.match(text, at)["value"])):
                return "name"
        if (sep == "=" and name in _MAP_PLACE_PARAMS and _MAP_LINK_RE.search(text, max(0, match.start() - 256),
                                                                                 match.start()) is not None
                and _DIGIT_RE.search(_PLAIN_HEAD_RE.match(text, at)["value"]) is not None):
            return "address"  # a map link's place with a number in it: "maps/search/?api=1&query=Hauptstr.+5"
        if url_check:
            # Whether the value looks like a token shows in its first characters: reading
            # a bounded prefix keeps hostile "code=code=..." linear.
            head_re = _QUOTED_HEAD_RE if quote == '"' else _OTHER_QUOTED_HEAD_RES[quote] if quote else _PLAIN_HEAD_RE
            head = head_re.match(text, at)["value"]
            if _pii_tokens.url_param_is_credential(name, unquote_plus(head)):
                return True
        if quote and name in _BARE_KEY_NAMES:
            # key: '...' in code or JSON: a key when it reads as generated (not "key": "Enter")
            head_re = _QUOTED_HEAD_RE if quote == '"' else _OTHER_QUOTED_HEAD_RES[quote]
            if _pii_commands.random_looking(head_re.match(text, at)["value"]):
                return True
        if sep == ":" and match.start() > 0:
            # "API key: ...", "my secret token: ...": a name of two or three words
            before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 64), match.start())
            if before is not None:
                for said in ((before[1], before[2]) if before[1] else (), (before[2],)):
                    if said:
                        verdict = self._by_words(" ".join((*said, name)))
                        if verdict and not isinstance(verdict, str):
                            return verdict
        return False

    def _column_verdict(self, name: str) -> object:
        """What a column's name in an error message says of its value: as a quoted pair's."""
        return self._by_name(name, "=", True)[0]

    def _name_verdict(self, name: str, sep: str, quoted: bool) -> tuple[object, bool, str]:
        """What a pair's name alone says (cached: names repeat): the verdict, whether the
        value must be looked at (a URL parameter such as ``code``), and the name decoded."""
        if "%" in name:
            name = unquote_plus(name)
        # In prose ("phone: +44 20 7946 0958", "name: Intro to SQL") a personal name's value
        # runs past the first space: the detectors of its kind read it whole (or leave a
        # thing's name alone); a credential's value is masked to the separator either way.
        prose = sep == ":" and not quoted
        if prose and name.endswith(_ERROR_NAMES):
            return False, False, name  # "JsonWebTokenError: invalid signature" names an error, not a token
        verdict = self._is_sensitive_name(name)
        if verdict is False and "-" in name and name.lower() in CREDENTIAL_HEADERS:
            verdict = True  # "Fastly-Key: ...", "APCA-API-SECRET-KEY: ..." in a curl line or a log
        if verdict == AMBIGUOUS_NAME:
            # a bare "name": in prose the cue detectors judge what follows ("name: Intro to
            # SQL" is a course); in a URL, a form or JSON it is a person's
            verdict = False if prose else "name"
        elif isinstance(verdict, str):
            # Precision (coordinates) and publicness (IPs) are judged on the value, never by
            # a name; in prose, what has a shape of its own is read whole by its detector,
            # which knows where it ends ("phone: +44 20 7946 0958", "SIN: 046 454 286").
            cls = class_of(verdict)
            if cls in _JUDGED_ON_VALUE or (prose and cls in _FOUND_BY_SHAPE):
                verdict = False
        return verdict, not verdict and sep == "=" and _pii_tokens.url_param_needs_check(name), name

    def _already_clean(self, value: str, match: re.Match[str] | None = None) -> bool:
        """Is ``value`` a mask or a pseudonym already (of a pair ``match``: ``ssn: 1f0c...``)?"""
        return (
            value == self._redacted
            or (value[0] == "[" and _MASK_RE.fullmatch(value) is not None)
            or (":" in value and _PSEUDONYM_RE.fullmatch(value) is not None)
            # a pseudonym's "kind:" read as a pair, and the clause after it ("birth_date:1f0c... in Köln")
            or (match is not None and match["sep"] in _COLONS and _PSEUDONYM_RE.match(match[0] + value) is not None)
        )

    def _pair_replacement(self, verdict: object, value: str) -> str:
        if verdict == "name" and len(value) <= 64 and _SERVICE_ACCOUNT_RE.fullmatch(value) is not None:
            return value  # username "kibana_system", "svc_report", "erp_sync": a service's account, no person's
        if isinstance(verdict, str) and verdict in KIND_CLASS:
            decoded = unquote_plus(value) if "%" in value or "+" in value else value
            if verdict == "phone":
                canonical = phone_key(decoded)
            elif verdict == "email":
                canonical = decoded.lower()
            else:
                canonical = " ".join(decoded.split()).lower()
            return self._replace(verdict, canonical, value)
        if verdict is True and not_a_secret(value):
            return value  # CallSid=CA1f0e...: an identifier of a known format, under a credential's name
        return self._redacted

    # --- replacements ----------------------------------------------------------------------

    def _auth(self, match: re.Match[str]) -> str:
        scheme = match["scheme"].lower()
        ok = _basic_ok if scheme == "basic" else _bearer_ok
        return self._replace(scheme, "", match[0]) if ok(match["cred"]) else match[0]

    def _iban(self, match: re.Match[str], shielded: list[str] | None) -> str:
        """The longest valid IBAN the match starts with (``GB82 WEST ... 32 by Friday``
        matched ``... 32 by``); a near-miss is left whole, and shielded from the number
        passes so that none of them masks half of it."""
        written = match[0]
        text = match.string
        if text.endswith(_PSEUDONYM_HEADS, 0, match.start()):
            return written  # a pseudonym's hex
        parts = _IBAN_SPLIT_RE.split(written)
        separators = set(_IBAN_SPLIT_RE.findall(written))
        if len(separators) > 1:
            return written
        ends = [len(written)] if match.end() >= len(text) or not text[match.end()].isalnum() else []
        offset = 0
        group_ends = []
        for part in parts:
            offset += len(part)
            group_ends.append(offset)
            offset += 1
        ends += [e for e in reversed(group_ends[:-1]) if e not in ends]
        country = written[:2].upper()
        if country == "RF":
            return written  # ISO 11649's creditor reference (RF and two check digits): a payment's, no account
        expected = IBAN_LENGTHS.get(country)
        for i, end in enumerate(ends):
            candidate = written[:end]
            compact = _IBAN_SPLIT_RE.sub("", candidate)
            upper = compact.upper()
            whole = i == 0 and end == len(written)
            if compact != upper or not whole:
                if expected != len(upper):
                    continue
            if iban_ok(upper):
                if (text[match.start() - 1:match.start()] in (":", "\n")
                        and _PSEUDONYM_BEFORE_RE.search(text, 0, match.start()) is not None and compact != upper):
                    return written
                return self._replace("iban", upper, candidate) + written[end:]
        if shielded is not None and expected is not None and written[:2].isupper() and len(_IBAN_SPLIT_RE.sub("", written)) >= expected - 2:
            shielded.append(written)
            index = "".join(chr(0xE010 + int(d)) for d in str(len(shielded) - 1))
            return f"{_SHIELD_OPEN}{index}{_SHIELD_CLOSE}"
        return written

    @staticmethod
    def _shield(written: str, shielded: list[str]) -> str:
        """``written`` kept out of the number passes, put back after them."""
        shielded.append(written)
        return _SHIELD_OPEN + "".join(chr(0xE010 + int(d)) for d in str(len(shielded) - 1)) + _SHIELD_CLOSE

    def _display_name(self, match: re.Match[str]) -> str:
        name = match["name"]
        return self._replace("name", " ".join(name.strip('"').lower().split()), name) + match[0][len(name):]

    def _mailto_name(self, match: re.Match[str]) -> str:
        name = match["name"].strip()
        if not (_pii_people.reads_as_name(name) or _pii_people.is_a_name_alone(name)):
            return match[0]
        return swap_group(match, "name", self._replace("name", " ".join(name.lower().split()), match["name"]))

    def _paren_name(self, match: re.Match[str]) -> str:
        # the name is the longest tail of the capitalised run that reads as one ("Ask Jane Doe (...)")
        parts = match["name"].split(" ")
        for start in range(len(parts) - 1):
            name = " ".join(parts[start:])
            if _pii_people.reads_as_name(name):
                head = " ".join(parts[:start]) + " " if start else ""
                return head + self._replace("name", name.lower(), name) + match[0][len(match["name"]):]
        return match[0]

    def _email_url(self, match: re.Match[str]) -> str:
        # "%3Djane%40...": the local part starts after the encoded byte before it
        start = match.start()
        if start and match.string[start - 1] == "%" and len(match[0]) > 2:
            skipped = match[0][:2]
            if all(c in "0123456789abcdefABCDEF" for c in skipped):
                rest = match[0][2:]
                return skipped + self._replace("email", self._email_key(rest), rest)
        return self._email(match)

    @staticmethod
    def _email_key(written: str) -> str:
        return _PLUS_DECODE_RE.sub("+", _DOT_DECODE_RE.sub(".", _AT_DECODE_RE.sub("@", written))).lower()

    def _emails_in_words(self, text: str) -> str:
        """E-mail addresses read out in words or with a spaced "@" (see :data:`_AT_WORD_RE`)."""
        out, pos = [], 0
        for at in _AT_WORD_RE.finditer(text):
            if at.start() < pos:
                continue
            local = _SAID_LOCAL_RE.search(text, max(pos, at.start() - _SAID_LOCAL_REACH), at.start())
            domain = _SAID_DOMAIN_RE.match(text, at.end()) if local is not None else None
            if domain is None:
                continue
            spoken, host = local[0], domain["host"]
            if at["at"] != "@" and " " not in spoken and spoken.isalpha() and host.lower() not in _MAIL_PROVIDERS:
                continue
            written = text[local.start():domain.end()]
            address = f"{spoken}@{domain[0]}"
            address = _SAID_DOT_RE.sub(".", address).lower()
            out += [text[pos:local.start()], self._replace("email", address, written)]
            pos = domain.end()
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    def _email(self, match: re.Match[str]) -> str:
        if match.re is _EMAIL_RE and match["domain"] is None:  # an address literal
            return self._replace("email", match[0].lower(), match[0])
        if _RETINA_RE.fullmatch(match["domain"]):
            return match[0]
        if match[0].startswith("git@") and match.string.startswith(":", match.end()):
            return match[0]  # git@github.com:org/repo.git, a repository's SSH address
        if _GENERATED_LOCAL_RE.match(match[0]) is not None:
            return match[0]  # an iCalendar UID or a Message-ID: a UUID or a long hex run at a host, no one's mailbox
        return self._replace("email", self._email_key(match[0]), match[0])


#: A local part that a program generated: a UUID, or 24 hex digits or more.
_GENERATED_LOCAL_RE = re.compile(r"(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
                                 r"|[0-9A-Fa-f]{24,64})@")
#: What the passes write in place of a value: a mask or a pseudonym (hash mode).
_WRITTEN_MASK_RE = re.compile(r"(\[[a-z_]{2,32}\]|[a-z_]{2,32}:[0-9a-f]{%d})" % PSEUDONYM_HEX)


def as_written(text: str, folded: str, out: str) -> str:
    """``out`` (what the passes made of ``folded``) with what they left alone written as ``text``
    has it: a text's dashes and no-break spaces stay where nothing was found ("Mo–Fr 9:00–19:00"
    beside a masked address). Folding writes one character for one, so each piece of ``out``
    between two masks is found, in order, in ``folded`` at the place ``text`` has it; when a piece
    is not (a town kept of an address, an IP cut to its network) or folding dropped a character,
    ``out`` as it is."""
    if len(folded) != len(text):
        return out
    written = _written_back(text, folded, out, lambda found, size: (found, found + size))
    return written if written is not None and (fold(written) == out or written == out) else out


def as_encoded(text: str, decoded: str, spans: list[tuple[int, int]], out: str) -> str:
    """``out`` (what the passes made of ``decoded``) with what they left alone written as
    ``text`` has it, percent-encoded: a URL keeps its encoding beside a masked value."""
    written = _written_back(text, decoded, out, lambda found, size: (spans[found][0], spans[found + size - 1][1]))
    return out if written is None else written


def _written_back(text: str, view: str, out: str, where: Callable[[int, int], tuple[int, int]]) -> str | None:
    """``out``'s masks, and between them each piece of ``out`` as ``text`` writes it: the piece is
    found, in order, in ``view`` (what the passes read), and ``where`` says which part of ``text``
    that stretch of ``view`` came from. None when a piece is not found."""
    parts, at = [], 0
    for i, piece in enumerate(_WRITTEN_MASK_RE.split(out)):
        if i % 2:
            parts.append(piece)  # a mask
            continue
        found = view.find(piece, at)
        if found < 0:
            return None
        if piece:
            start, end = where(found, len(piece))
            parts.append(text[start:end])
        at = found + len(piece)
    return "".join(parts)
