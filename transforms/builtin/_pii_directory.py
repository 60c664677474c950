"""People in directory, certificate and calendar formats written as text: a vCard's ``N``,
``FN``, ``ADR`` and ``BDAY`` lines, and the ``CN=`` of an LDAP DN, an X.509 subject (also in
Envoy's ``x-forwarded-client-cert``) or an iCalendar ``ATTENDEE``/``ORGANIZER``, when it
reads as a person's name (a host's or a service's CN stays: ``CN=api.acme.io``, ``CN=admin``).
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


def scrub(text: str, replace: Replace) -> str:
    """The people of the formats above in ``text``, replaced."""
    if "VCARD" in text or "vcard" in text:
        text = _VCARD_LINE_RE.sub(lambda m: _vcard(m, replace), text)
    if "CN=" in text or "cn=" in text:
        text = _COMMON_NAME_RE.sub(lambda m: _common_name(m, replace), text)
    return text


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
    if not reads_as_name(written) or not _NOT_PEOPLE.isdisjoint(written.lower().replace(",", " ").split()):
        return match[0]
    return swap_group(match, group, replace("name", " ".join(written.lower().split()), match[group]))
