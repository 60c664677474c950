"""People in directory, certificate and calendar formats written as text: a vCard's ``N``,
``FN``, ``ADR`` and ``BDAY`` lines, and the ``CN=`` of an LDAP DN, an X.509 subject (also in
Envoy's ``x-forwarded-client-cert``) or an iCalendar ``ATTENDEE``/``ORGANIZER``, when it
reads as a person's name (a host's or a service's CN stays: ``CN=api.acme.io``, ``CN=admin``);
an eID certificate's subject (``serialNumber=PNOEE-50104032729,GN=Rasmus,SN=Kask``): its given
name and surname, and its ``serialNumber`` when it is a person's (an ETSI EN 319 412-1 identifier,
``PNO``/``IDC``/``PAS``/``TIN``/``TAX`` and a country, or beside a given name or a surname), and an
Estonian or Latvian CN of "SURNAME,GIVENNAME,ID CODE".
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_people import reads_as_name
from transforms.builtin._pii_words import swap_group

Replace = Callable[[str, str, str], str]

#: A vCard property line (``item1.`` groups and parameters allowed) whose value is personal.
_VCARD_LINE_RE = re.compile(
    r"(?m)^(?:item[0-9]{1,3}\.)?(?P<prop>N|FN|NICKNAME|ADR|BDAY|X-MAIDENNAME)(?:;[^:\r\n]{0,256}+)?:(?P<value>[^\r\n]{1,512}+)"
)
_VCARD_KINDS = {"N": "name", "FN": "name", "NICKNAME": "name", "X-MAIDENNAME": "name", "ADR": "address",
                "BDAY": "birth_date"}
#: LDAP's short names and X.500/inetOrgPerson OIDs of a person's attributes, as a SAML assertion or a directory
#: export names them (``Name="sn"``, ``Name="urn:oid:2.5.4.42"``), with the long name a field of it has (not
#: ``cn``: a group's or a host's as often).
LDAP_ATTRIBUTES = {
    "sn": "surname", "gn": "givenName", "2.5.4.4": "surname", "2.5.4.42": "givenName",
    "2.16.840.1.113730.3.1.241": "displayName", "0.9.2342.19200300.100.1.3": "mail",
    "0.9.2342.19200300.100.1.41": "mobile", "2.5.4.20": "telephoneNumber", "0.9.2342.19200300.100.1.1": "userid",
}


def ldap_attribute(name: str) -> str:
    """The long name of an LDAP attribute named by its short name or its OID (``urn:oid:`` before it or not)."""
    key = name.lower().removeprefix("urn:oid:")
    return LDAP_ATTRIBUTES.get(key, name)


#: A common name (``CN=``) up to the next unescaped separator; quoted in iCalendar.
_COMMON_NAME_RE = re.compile(
    r"(?<![\w-])(?:CN|cn)=(?:\"(?P<quoted>[^\"\r\n]{1,128}+)\"|(?P<value>(?:\\.|[^,;/:+\"\\\r\n]){1,128}+))"
)
_ESCAPED_COMMA_RE = re.compile(r"^([^\\,]{1,64})\\,[ ]?([^\\,]{1,64})$")
#: Words of a certificate authority's, an organisation's or a service's common name.
_NOT_PEOPLE = frozenset(
    """root ca authority issuing intermediate server client certificate certificates global services service trust
    ltd inc llc gmbh corp corporation limited company co ag sa bv plc group team department dept admins admin
    users domain computers controllers operators encryption signing code ev tls ssl secure g2 g3 r3 x1 x3""".split()
)


#: A subject's attributes of a person: a given name, a surname, a serial number (a person's ID in an eID).
_PERSON_ATTRIBUTE_RE = re.compile(
    r"(?<![\w-])(?P<attr>GN|SN|givenName|GIVENNAME|GivenName|surname|SURNAME|Surname|serialNumber|SERIALNUMBER|SerialNumber)"
    r"=(?P<value>(?:\\.|[^,;/+\"\\\r\n]){1,128}+)"
)
#: A DN's other attributes: with one of them or a name's beside it, GN= and SN= are a subject's.
_DN_ATTRIBUTE_RE = re.compile(r"(?<![\w-])(?:CN|O|OU|C|L|ST|GN|G|givenName|GIVENNAME|SURNAME|serialNumber|SERIALNUMBER)=")
#: ETSI EN 319 412-1's natural-person semantics identifiers: "PNOEE-...", "IDCES-...", "TINUA-...".
_ETSI_PERSON_ID_RE = re.compile(r"(?:PNO|IDC|PAS|TIN|TAX|CPI)[A-Z]{2}[-:][0-9A-Z][0-9A-Z./-]{3,40}")
#: Names' attribute names (upper-cased).
_NAME_ATTRIBUTES = frozenset({"GN", "SN", "GIVENNAME", "SURNAME"})
#: An eID's CN of "SURNAME,GIVENNAME,ID CODE" (Estonia, Latvia), quoted or with escaped commas.
_EID_COMMON_NAME_RE = re.compile(r"[^\W\d_][^,\\]{0,60}(?:\\?,[^\W\d_][^,\\]{0,60})+\\?,[0-9]{6,12}(?:-[0-9]{4,6})?")


def scrub(text: str, replace: Replace) -> str:
    """The people of the formats above in ``text``, replaced."""
    if "VCARD" in text or "vcard" in text:
        text = _VCARD_LINE_RE.sub(lambda m: _vcard(m, replace), text)
    if "CN=" in text or "cn=" in text:
        text = _COMMON_NAME_RE.sub(lambda m: _common_name(m, replace), text)
    if may_hold_subject(text):
        text = _subject_people(text, replace)
    return text


_SUBJECT_LITERALS = ("GN=", "SN=", "givenName=", "GIVENNAME=", "GivenName=", "surname=", "SURNAME=", "Surname=",
                     "serialNumber=", "SERIALNUMBER=", "SerialNumber=")


def may_hold_subject(text: str) -> bool:
    """Does ``text`` hold a subject's attribute of a person (a given name's, a surname's, a serial number's)?"""
    return any(literal in text for literal in _SUBJECT_LITERALS)


def _subject_people(text: str, replace: Replace) -> str:
    """A certificate subject's given name, surname and a person's serial number (see the module's doc)."""
    found = list(_PERSON_ATTRIBUTE_RE.finditer(text))
    if not found or len(_DN_ATTRIBUTE_RE.findall(text)) + len(found) < 3:
        return text  # "SN=ABC123" in a device's log line: no subject
    named = any(m["attr"].upper() in _NAME_ATTRIBUTES for m in found)
    out: list[str] = []
    pos = 0
    for match in found:
        attr, value = match["attr"].upper(), match["value"].strip()
        if value.startswith("[") or not value:
            continue
        if attr in _NAME_ATTRIBUTES:
            if any(c.isdigit() for c in value) or not any(c.isalpha() for c in value):
                continue
            kind = "name"
        elif _ETSI_PERSON_ID_RE.fullmatch(value) is not None or (named and any(c.isdigit() for c in value)):
            kind = "national_id"
        else:
            continue
        out += [text[pos:match.start("value")], replace(kind, " ".join(value.lower().split()), match["value"])]
        pos = match.end("value")
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _vcard(match: re.Match[str], replace: Replace) -> str:
    value = match["value"]
    if not value.strip(" ;,") or value.startswith("["):
        return match[0]
    kind = _VCARD_KINDS[match["prop"]]
    return swap_group(match, "value", replace(kind, " ".join(value.replace(";", " ").lower().split()), value))


def _common_name(match: re.Match[str], replace: Replace) -> str:
    group = "quoted" if match["quoted"] is not None else "value"
    value = match[group].strip()
    # "Kowalczyk\, Zofia": a directory's "Last, First"
    written = _ESCAPED_COMMA_RE.sub(r"\2 \1", value) if "\\," in value else value
    if _EID_COMMON_NAME_RE.fullmatch(value) is not None:
        return swap_group(match, group, replace("name", " ".join(value.lower().split()), match[group]))  # "KASK,RASMUS,50104032729"
    if not reads_as_name(written) or not _NOT_PEOPLE.isdisjoint(written.lower().replace(",", " ").split()):
        return match[0]
    return swap_group(match, group, replace("name", " ".join(written.lower().split()), match[group]))
