"""Names after a title of respect or a doctor's title in the scripts of India, and relatives named in
Hinglish (stop 43, round 24).

"திருமதி செல்வி முருகன்", "டாக்டர் ஆர். சுந்தர்", "डॉ. एस. के. वर्मा", "శ్రీమతి లక్ష్మీ ప్రసన్న", "শ্রী সুমিতা
বন্দ্যোপাধ্যায়"; "meri wife Shalini", "mera bhai Rohit"."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("நோயாளி: திருமதி செல்வி முருகன், வயது 47", "செல்வி முருகன்"),
        ("பரிந்துரை: டாக்டர் ஆர். சுந்தர்\nநன்றி", "சுந்தர்"),
        ("रेफरल: डॉ. एस. के. वर्मा, लखनऊ", "वर्मा"),
        ("శ్రీమతి లక్ష్మీ ప్రసన్న, హైదరాబాద్", "లక్ష్మీ ప్రసన్న"),
        ("শ্রী সুমিতা বন্দ্যোপাধ্যায়, কলকাতা", "সুমিতা"),
        ("meri wife Shalini ki delivery hai Cloudnine mein", "Shalini"),
        ("mera bhai Rohit kal aayega", "Rohit"),
    ],
)
def test_a_name_after_an_indian_title_or_a_hinglish_relation_is_masked(chain, text, name):
    # GIVEN a name after its title in an Indian script, or after a relation in Hinglish
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert name not in out, out


@pytest.mark.parametrize("text", ["the main Street entrance is closed", "শ্রী রামকৃষ্ণ মঠ, কলকাতা", "mera order kab aayega"])
def test_a_street_a_temple_or_an_order_after_those_words_stays(chain, text):
    # GIVEN "main" before a street's word, श्री before a god's temple, "mera" before an order
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text
