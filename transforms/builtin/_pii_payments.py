"""Who gets paid, and how to message them, in text: a WhatsApp link's number (``wa.me/55119...``),
a PayPal.me, Revolut.me, Monzo.me, Venmo or Cash App handle, a UPI address (``name@okicici``)
and a UPI payment link's payee (``upi://pay?pa=...&pn=...``).

Each is a person's account or number under another name: a handle is reported as a ``name``, a
UPI address as an ``account_number``, a WhatsApp number as a ``phone``.
"""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import unquote

from transforms.builtin._pii_literals import Literals

Replace = Callable[[str, str, str], str]

#: UPI's payment service providers' handles (NPCI's list, the common ones): what follows the ``@``.
_UPI_PSPS = (
    "okicici|oksbi|okhdfcbank|okaxis|ybl|ibl|axl|paytm|upi|apl|yapl|ptsbi|ptyes|pthdfc|ptaxis|icici|sbi|hdfcbank"
    "|axisbank|kotak|indus|fbl|idfcbank|rbl|aubank|jio|freecharge|airtel|pockets|ikwik|barodampay|abfspay|waaxis"
    "|wahdfcbank|wasbi|waicici|axisb|yesbank|pnb|unionbank|boi|cnrb|ubi|federal|dbs|hsbc|sc|citi|kmbl|timecosmos"
)
_PAYMENT_RE = re.compile(
    r"(?<![\w.-])(?:https?://)?(?:api\.)?wa\.me/(?P<wa>\+?[0-9]{7,15})(?![0-9])"
    r"|(?<![\w.-])(?:https?://)?(?:www\.)?(?:paypal\.me|revolut\.me|monzo\.me|venmo\.com(?:/u)?|cash\.app)/\$?"
    r"(?P<link>[A-Za-z0-9_.-]{2,40}+)"
    r"|(?<![\w-])(?i:venmo)(?:[ ](?:me|to|at|@))?[ ]{1,2}@(?P<venmo>[A-Za-z0-9_-]{5,30}+)"
    r"|(?<![\w-])(?i:cashtag|cash app|cashapp)(?:[ ](?:is|me|to|at|:))?[ :]{1,3}\$(?P<cashtag>[A-Za-z][A-Za-z0-9_]{1,20}+)"
    r"|(?<![\w.+-])(?P<vpa>[A-Za-z0-9][A-Za-z0-9._-]{1,63}+@(?:" + _UPI_PSPS + r"))(?![\w.-])"
)
#: A UPI payment link's payee address and payee name.
_UPI_LINK_RE = re.compile(r"(?i:upi)://pay\?[^\s\"'<>]{1,2048}+")
_UPI_PARAM_RE = re.compile(r"(?<=[?&])(?P<name>pa|pn)=(?P<value>[^&\s\"'<>#]{1,256}+)")
#: One scan for every literal: the words and hosts, and a UPI provider's ``@ybl``...
_SCAN = Literals(["wa.me/", "paypal.me/", "revolut.me/", "monzo.me/", "venmo", "Venmo", "VENMO", "cash.app/",
                  "cashtag", "Cashtag", "cash app", "Cash App", "cashapp", "CashApp", "upi:", "UPI:",
                  *("@" + psp for psp in _UPI_PSPS.split("|"))])


def may_hold(text: str) -> bool:
    """Could ``text`` hold one of these? A scan for their literals (a UPI provider's ``@ybl``...)."""
    return _SCAN.found_in(text)


def scrub(text: str, replace: Replace) -> str:
    if "upi:" in text or "UPI:" in text:
        text = _UPI_LINK_RE.sub(lambda m: _UPI_PARAM_RE.sub(lambda p: _upi_param(p, replace), m[0]), text)
    return _PAYMENT_RE.sub(lambda m: _payment(m, replace), text)


def _upi_param(match: re.Match[str], replace: Replace) -> str:
    value = match["value"]
    if value.startswith("["):
        return match[0]
    kind = "account_number" if match["name"] == "pa" else "name"
    return f"{match['name']}={replace(kind, unquote(value).lower(), value)}"


def _payment(match: re.Match[str], replace: Replace) -> str:
    group = match.lastgroup
    value = match[group]
    kind = {"wa": "phone", "vpa": "account_number"}.get(group, "name")
    canonical = value.lower() if kind != "phone" else value
    start, end = match.start(group) - match.start(), match.end(group) - match.start()
    return match[0][:start] + replace(kind, canonical, value) + match[0][end:]
