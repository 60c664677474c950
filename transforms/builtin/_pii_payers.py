"""Who sent or received money, in a payment's notification (kind ``name``, and ``phone``).

Mobile money and bank apps tell each transfer in one sentence: a verb of receiving or sending,
an amount, a preposition, then the other party's name as the account holds it, often with their
number ("You have received FJD 120.00 from Mereani Tuilagi 9271234", "Vous avez reçu 25.000F de
Fatou Diop (77 123 45 67)", "Recibiste $ 18.500 de Agustina Belén Paz", "Ksh1,500.00 sent to JOHN
KAMAU 0712345678"). The name is two to four capitalised words, whatever the lexicon knows of them:
the sentence's shape says it is a party's; an organisation's name (a bank, a shop, "Wave
Mobile Money") is not a person's and stays.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_people import reads_as_organisation
from transforms.builtin._pii_phones import phone_key
from transforms.builtin._pii_words import one_of, starts_a_word, variants

Replace = Callable[[str, str, str], str]

#: Verbs of a transfer, as apps write them in their notifications.
_VERBS = variants(
    "received|receive|have received|you received|sent|paid|transferred|credited|debited"
    "|recibiste|recibió|has recibido|enviaste|enviado|pagaste|transferiste|te envió|te transfirió"
    "|reçu|avez reçu|envoyé|payé|viré|recebeu|recebido|enviou|transferiu|pagou"
    "|ricevuto|hai ricevuto|inviato|erhalten|gesendet|überwiesen|bezahlt|otrzymałeś|otrzymałaś|wysłałeś|wysłałaś"
    "|ontvangen|betaald|overgemaakt|umepokea|umetuma|imetumwa|nakatanggap|natanggap|nagpadala|menerima|diterima"
    "|dikirim|telah menerima|confirmed"
)
#: The preposition before the other party.
_TO_OR_FROM = "from|to|de|da|di|do|von|van|an|od|à|a|para|kutoka kwa|kwa|kay|kay kay|dari|kepada|ke"
_GUARD = starts_a_word(_VERBS)
#: An amount: a currency's code, sign or word beside a number ("FJD 120.00", "25.000F", "$ 18.500",
#: "Ksh1,500.00", "1 200 рублей").
_AMOUNT = (r"(?:(?<![A-Za-z])[A-Z]{3}|[A-Z]{0,2}\$|[€£¥₹₦₵₱₩₫฿]|Ksh|KSh|Tsh|TSh|Rp|RM|R)[ ]?[0-9]"
           r"|[0-9](?:[ ]?(?:[A-Z]{3}(?![A-Za-z])|[$€£¥₹₦₵₱₩₫฿]|F(?![A-Za-z])|FCFA|CFA|MT|kr|zł|Kč|lei|Ft|TL|сум|руб|₽"
           r"|euros?|dollars?|pesos?|reais|shillings?|naira|cedis?|rand|francs?))")
#: The verb, then within the same sentence an amount (a digit), then the party: capitalised words
#: (or words in capitals), and their number right after.
_PAYER_RE = re.compile(
    r"(?<![^\W\d_])(?:" + one_of(_VERBS, literal=True) + r")(?![^\W\d_])"
    r"(?:[^.!?\n]|\.(?=[0-9])){0,40}?(?:" + _AMOUNT + r")(?:[^.!?\n]|\.(?=[0-9])){0,40}?"
    r"(?<![^\W\d_])(?:" + _TO_OR_FROM + r")[ ]"
    r"(?P<name>[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]+(?:[ ](?:[A-Z]\.|[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]+)){1,3})(?![\w'’-])"
    r"(?:[ ]\(?(?P<phone>\+?[0-9](?:[ -]?[0-9]){6,14})\)?(?![0-9]))?"
)
#: Words a party's name does not hold: a shop's, a service's or an account's.
_NOT_A_PERSONS = frozenset("""pay money mobile wallet bank account card store shop market app wave mpesa m-pesa
    airtime paypal venmo zelle revolut google apple amazon uber bolt netflix spotify merchant agent till paybill
    your you the my our ltd limited inc llc plc sa sarl gmbh co corp company group holdings services service
    solutions systems cloud tech technologies labs studio studios media digital online foods food restaurant cafe
    café hotel travel airlines airways insurance energy electric water telecom mobile network networks school
    university college hospital clinic pharmacy foundation fund trust club association church ministry council
    government office post mail express logistics delivery shipping payments finance capital credit savings
    microfinance sacco""".split())


def may_hold(text: str) -> bool:
    return _GUARD(text)


def scrub(text: str, replace: Replace) -> str:
    """The other party of each transfer told in ``text``, and their number, masked."""
    return _PAYER_RE.sub(lambda m: _payer(m, replace), text)


def _payer(match: re.Match[str], replace: Replace) -> str:
    name = match["name"].rstrip(".")
    words = name.split(" ")
    if (reads_as_organisation(name) or any(word.lower().strip(".") in _NOT_A_PERSONS for word in words)
            or any(len(word.strip(".")) < 2 for word in words)):
        return match[0]
    start = match.start()
    out = [match.string[start:match.start("name")], replace("name", name.lower(), name)]
    end = match.start("name") + len(name)
    if match["phone"] is not None:
        out += [match.string[end:match.start("phone")], replace("phone", phone_key(match["phone"]), match["phone"])]
        end = match.end("phone")
    out.append(match.string[end:match.end()])
    return "".join(out)
