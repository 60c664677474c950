"""A name given as the answer to a request for it, in a chat (stop 44): a transcript's next line, or the next
message of a list of messages. Not an answer that is no name (a question, an order's number, a greeting), nor a
message after one that asks for something else."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


def _chat(*texts: str) -> dict:
    return {"conversation": {"channel": "webchat"},
            "messages": [{"author": "bot" if i % 2 == 0 else "customer", "text": t} for i, t in enumerate(texts)]}


@pytest.mark.parametrize(
    ("texts", "name"),
    [
        (("¿Me indica su nombre completo por favor?", "Jhon Quispe Flores"), "Quispe Flores"),
        (("Možete li mi reći ime i prezime?", "Jovana"), "Jovana"),
        (("Mesedez, zure izena?", "Aitor"), "Aitor"),
        (("성함을 입력해주세요", "박서연"), "박서연"),
        (("What's your full name, please?", "hannah schmidt"), "hannah schmidt"),
    ],
)
def test_a_name_answering_a_request_for_it_in_a_list_of_messages_is_masked(chain, texts, name):
    # GIVEN a bot asking for a name, then a message that is a name alone  WHEN stored  THEN the name is not
    out = stored_json(chain, _chat(*texts))
    assert name not in out, out


def test_a_name_answering_a_request_for_it_in_a_transcript_is_masked(chain):
    # GIVEN a transcript whose bot asks for a name, an ID and a phone, and the user answers line by line
    text = ("小幫手🤖：請提供姓名、身分證字號及手機\n使用者：林怡君\n使用者：手機0933 581 204\n"
            "Agente: ¿Me indica su nombre completo?\nCliente: Rosa Mamani")
    # WHEN stored
    out = stored_text(chain, text)
    # THEN the names are not, the speakers are
    assert "林怡君" not in out and "Rosa Mamani" not in out and "使用者" in out and "Cliente:" in out, out


@pytest.mark.parametrize(
    "texts",
    [
        ("What is your name?", "Where is my order"),
        ("What is your name?", "Order 4411"),
        ("¿Me indica su nombre completo?", "Hola"),
        ("What is your order number?", "Nike Air Max"),
        ("請提供姓名", "我要退貨"),
    ],
)
def test_answers_that_are_no_name_or_to_another_question_stay(chain, texts):
    # GIVEN an answer that is a question, a number, a greeting, a product after another question, a sentence
    # WHEN stored  THEN it stays
    assert texts[1] in stored_json(chain, _chat(*texts))
