"""Health details in free text, where a word introduces them (the ``health`` class, which
otherwise goes by field name: :mod:`transforms.builtin._pii_names`):

- a diagnosis after its word, up to the end of its clause: "diagnosed with type 2 diabetes",
  "Diagnose: Herzinsuffizienz", "с диагнозом артериальная гипертония", "amegunduliwa na kisukari
  aina ya 2", "診断：バセドウ病";
- a medication with its dose that someone takes, after a word for taking or prescribing it in
  the same sentence: "takes Ramipril 5 mg", "bruker Spiriva Respimat 2,5 mikrogram", "приема
  Лозап 50 мг". A catalogue's "Ibuprofen 400 mg, 20 tablets" has no such word and stays.

Both masked as ``[health]``. A diagnosis or a drug named with neither (``Zoloft`` alone, "asthma
review") is not found.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_literals import Literals
from transforms.builtin._pii_words import cased, starts_word, swap_group, variants

Replace = Callable[[str, str, str], str]

#: Words a condition follows directly ("diagnosed with ...", "с диагнозом ...").
_DIAGNOSED_WITH = (
    "diagnosed with|diagnosis of|diagnostiqué avec|diagnostiquée avec|diagnostiqué d'un|diagnostiquée d'une"
    "|diagnosticado con|diagnosticada con|diagnosticado com|diagnosticada com|diagnosticato con|diagnosticata con"
    "|diagnostiziert mit|mit der Diagnose|gediagnosticeerd met|diagnosed as|diagnosa"
    "|с диагнозом|с диагноза|з діагнозом|amegunduliwa na|amegundulika na|tanısı konuldu|tanısıyla|chẩn đoán mắc"
    "|didiagnosis|didiagnosa|rozpoznano|diagnostikována|diagnostikovaná|diagnostizierte"
)
#: Words for a diagnosis that a colon must follow ("Diagnose: ...", "diagnóstico: ..."): without
#: one they begin sentences about other things ("The diagnosis was a disk full error").
_DIAGNOSIS_NOUNS = (
    "diagnosis|diagnosi|diagnóstico|diagnostico|diagnostic|diagnose|diagnoosi|diagnos|diagnosa|diagnóza"
    "|rozpoznanie|tanı|tanısı|диагноз|діагноз|chẩn đoán|التشخيص|تشخيص|אבחנה|אבחון|تشخیص|निदान|রোগ নির্ণয়"
    "|診断名|診断|诊断|確診|确诊|진단명|진단"
)
_DIAGNOSIS_LITERALS = Literals([*variants(_DIAGNOSED_WITH), *variants(_DIAGNOSIS_NOUNS)])
_CONDITION = r"(?P<health>[^\s,;.()\[\]{}\"<>，。；、:][^\n,;.()\[\]{}\"<>，。；、]{2,80}?)(?=[ ]?[,;.()\[\]\n\"<>，。；、]|$)"
_DIAGNOSIS_RE = re.compile(
    r"(?:(?:" + cased(_DIAGNOSED_WITH) + r")[ ]?[:：]?[ ]{1,2}|(?:" + cased(_DIAGNOSIS_NOUNS) + r")[ ]?[:：][ ]{0,2})" + _CONDITION
)
#: A dose: a number and its unit, in the units prescriptions are written in.
_DOSE = (
    r"[0-9]{1,4}(?:[.,][0-9]{1,3})?[ ]?(?:mg|mcg|µg|μg|ml|mL|IU|UI|units|mg/d|mg/kg|micrograms?|mikrogramm?"
    r"|мг|мл|мкг|毫克|मिग्रा|মিগ্রা)(?![\w])"
)
_DOSE_RE = re.compile(_DOSE)
#: Words for taking or prescribing a medication; one of them before it in the same sentence.
_TAKING_WORDS = (
    "take|takes|taking|took|prescribed|prescription|on|uses|using|medication|medications|meds"
    "|nimmt|nehme|nehmen|verschrieben|Medikation|Medikament|Medikamente|prend|prends|prescrit|traitement"
    "|toma|tomo|tomando|receta|recetado|tratamiento|prende|assume|terapia|usa|tomar|toma-se|medicação"
    "|gebruikt|gebruik|medicatie|använder|bruker|bruger|medicin|przyjmuje|biorę|bierze|užívá|beszedi|szedi"
    "|kullanıyor|kullanıyorum|ilaç|ilacı|принимает|принимаю|приема|назначен|назначено|приймає|приймаю|anatumia"
    "|natumia|dawa|minum|diberi|terapi|uống|đang dùng|يتناول|أتناول|נוטל|נוטלת|مصرف|लेता|लेती|লেন|服用|服药|服藥|복용"
)
_TAKING_RE = re.compile(r"(?<![^\W\d_])(?:" + cased(_TAKING_WORDS) + r")(?![^\W\d_])")
_MEDICATION_RE = re.compile(
    r"(?P<health>[^\W\d_][\w-]{2,30}(?:[ ][^\W\d_][\w-]{2,20}){0,2}[ ]" + _DOSE + r")"
)
#: How far back, in the same sentence, the taking word may be.
_TAKING_REACH = 80


def may_hold_health(text: str) -> bool:
    return _DIAGNOSIS_LITERALS.found_in(text) or _DOSE_RE.search(text) is not None


def scrub_health(text: str, replace: Replace) -> str:
    """Diagnoses after their word and medications taken with their dose, as ``[health]``."""
    if _DIAGNOSIS_LITERALS.found_in(text):
        text = _DIAGNOSIS_RE.sub(lambda m: _diagnosis(m, replace), text)
    if _DOSE_RE.search(text) is not None:
        text = _MEDICATION_RE.sub(lambda m: _medication(m, replace), text)
    return text


def _diagnosis(match: re.Match[str], replace: Replace) -> str:
    if not starts_word(match.string, match.start()) or match["health"].startswith("["):
        return match[0]
    return swap_group(match, "health", replace("health", match["health"].lower(), match["health"]))


def _medication(match: re.Match[str], replace: Replace) -> str:
    text, start = match.string, match.start()
    if not starts_word(text, start):
        return match[0]
    # the taking word may be the match's own first words ("bruker Spiriva Respimat 2,5 mikrogram")
    taking = None
    for taking in _TAKING_RE.finditer(match[0]):
        pass
    if taking is not None:
        head, medication = match[0][:taking.end()], match[0][taking.end():]
        if not medication.strip(" ") or _DOSE_RE.match(medication.strip(" ")):
            return match[0]
        return head + medication[:len(medication) - len(medication.lstrip(" "))] + replace(
            "health", medication.strip(" ").lower(), medication.strip(" "))
    before = text[max(0, start - _TAKING_REACH):start]
    if _TAKING_RE.search(_SENTENCE_END_RE.split(before)[-1]) is None:
        return match[0]  # a catalogue's "Ibuprofen 400 mg": nobody takes it here
    return replace("health", match["health"].lower(), match["health"])


_SENTENCE_END_RE = re.compile(r"[.!?。\n]")
