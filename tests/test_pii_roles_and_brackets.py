"""A person named by one given name after the role a message names them by, in 15 languages ("Пассажир
Егор не выходит", "Passenger Sindre not showing"), and a name said again in brackets after one found
("it's marcus (marcus okafor-reid)"). Not a team's or a service's word after the role, not what the
person is in brackets, not where a password is written (stop 42, round 23)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Пассажир Егор не выходит, номер недоступен.", "Егор"),
        ("Passenger Sindre not showing at the pickup point", "Sindre"),
        ("Kunde Jürgen ruft zurück", "Jürgen"),
        ("hiya it's marcus (marcus okafor-reid) re the 2-bed on Harrowgate Rd", "okafor-reid"),
    ],
)
def test_a_name_after_its_role_or_again_in_brackets_is_masked(chain, text, personal):
    # GIVEN a given name after a rider's, a customer's word, or a full name again in brackets
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Customer Service will call you back",
        "Student Union meeting at 5",
        "Thanks Jane (our new CTO) for the demo",
        "Guest Wifi password is on the fridge",
        "password is written on the router",
    ],
)
def test_a_service_what_someone_is_and_where_a_password_is_are_kept(chain, text):
    # GIVEN a service's or a union's word after a role, a person's role in brackets, where a password is
    # WHEN stored  THEN all but a found name is kept
    out = stored_text(chain, text)
    assert out.replace("[name]", "Jane") == text, out


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("ក្បែរហាងកាហ្វេ Brown។ ឈ្មោះ សុខ ចន្ទា លេខទូរស័ព្ទ ០១២ ៣៤៥ ៦៧៨។", "សុខ ចន្ទា"),
        ("သာကေတ မြို့နယ် ကို ပို့ပေးပါ။ နာမည် ဒေါ်ခင်မာလွင်၊ ဖုန်း ၀၉ ၇၈၁၂ ၃၄၅၆၇", "ခင်မာလွင်"),
    ],
)
def test_a_name_after_the_bare_word_for_name_in_khmer_and_myanmar_is_masked(chain, text, personal):
    # GIVEN a delivery note that says "name" and then the name, in a script without capitals
    # WHEN stored  THEN the name is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Mercado Pago: Recibiste $ 18.500 de Claudia Quintero hoy", "Claudia Quintero"),
        ("Olá! Sou a Catarina Lopes e a fatura veio com a morada antiga", "Catarina Lopes"),
        ("Spoke with Claudia Quintero today about the lease", "Claudia Quintero"),
    ],
)
def test_two_names_that_are_also_words_after_a_word_that_puts_a_person_there_are_masked(chain, text, personal):
    # GIVEN a given name and a surname the lexicon also knows as words, after "de", "Sou a", "with"
    # WHEN stored  THEN they are masked
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize("text", ["flights from Santa Cruz today", "a trip from Victoria Falls", "letters from Porto Alegre"])
def test_a_place_of_two_such_words_is_kept(chain, text):
    # GIVEN a place whose words are also names, after "from"
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text
