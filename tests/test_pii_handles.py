"""Logins and handles made of a person's name (transforms/builtin/_pii_people.py, reads_as_handle):
after "user=" in a log line, after "@" in text, and under a key that holds a login (``user``,
``actor``, ``X-Usuario``, ``mitid``), through the default chain; and the logins of machines,
IDs and package scopes, kept."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_names_in_formats import chain, stored, stored_body  # noqa: F401  (the chain fixture)
from transforms.testing import make_record


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("2025-02-11T14:02:33Z WARN auth.login failed user=kayla_brooks92 ip=24.18.231.77", "kayla_brooks92"),
        ("ciao sono Chiara, il mio IG è @chiara.bellini.ph e il numero", "chiara.bellini.ph"),
        ("по аренде пишите в телегу @dmitry_volkov_spb или на почту", "dmitry_volkov_spb"),
        ("follow me @norma.acosta for updates", "norma.acosta"),
    ],
)
def test_a_handle_in_text_is_masked(chain, text, handle):
    # GIVEN a login after "user=" or a handle after "@" that holds a person's name
    # WHEN the text is stored
    # THEN the handle is gone
    assert handle not in stored(chain, text)


@pytest.mark.parametrize(
    "body",
    [
        {"action": "document.signed", "actor": "kayla_brooks92"},
        {"user": "kayla_brooks92", "event": "login"},
        {"titular": {"nombre": "Norma Acosta", "usuario": "norma.acosta.mp"}},
        {"borger": {"cpr": "030291-1150", "mitid": "mette.k.rasmussen"}},
    ],
)
def test_a_login_under_a_key_for_one_is_masked(chain, body):
    # GIVEN a login made of a person's name under a key that holds a login
    stored_text = str(stored_body(chain, body))
    # THEN none of the logins is stored
    assert not any(h in stored_text for h in ("kayla_brooks92", "norma.acosta.mp", "mette.k.rasmussen"))


def test_a_login_in_a_header_named_for_a_user_is_masked(chain):
    # GIVEN a header that carries the user's login, in Spanish and Turkish
    record = make_record()
    record["request"]["headers"].update({"X-Usuario": "pablo_m_rios", "X-Kullanici": "burak.celik35"})
    # WHEN the record is stored
    stored_record = chain.run(json.dumps(record), "2026-12-03T00:00:00.000Z").record
    # THEN neither login is stored
    headers = json.dumps(stored_record["request"]["headers"])
    assert "pablo_m_rios" not in headers and "burak.celik35" not in headers


@pytest.mark.parametrize(
    "text",
    [
        "user=admin logged in; user=svc_billing ran the job; user=crm_app connected",
        "import x from '@angular/core'; @media screen and (max-width: 600px)",
        "cc @john and @grace on the release",
    ],
)
def test_machines_logins_and_scopes_in_text_stay(chain, text):
    # GIVEN a service's login, a package scope, a CSS rule, a mention of a word  WHEN stored  THEN kept whole
    assert stored(chain, text) == text


@pytest.mark.parametrize(
    "body",
    [
        {"user": "svc-deploy"}, {"actor": "system"}, {"user": "ci.runner"}, {"user": "admin"},
        {"customer": "cus_R2d2C3po"}, {"partner": "DHL-EDI"}, {"alias": "main-branch"}, {"bruker": "lager-bergen"},
    ],
)
def test_machines_logins_and_ids_under_such_keys_stay(chain, body):
    # GIVEN a machine's login, a customer ID or a partner's code under a key for a person or a login
    # WHEN stored  THEN kept
    assert stored_body(chain, body) == body


@pytest.mark.parametrize(
    "body",
    [
        {"login": "svc-faturamento", "origem": "app-android"},
        {"username": "deploy-bot", "icon_emoji": ":rocket:"},
        {"User Name": "svc-excel-import"},
        {"benutzername": "build-agent-07"},
        {"username": "jenkins"},
        {"username": "__token__"},
    ],
)
def test_a_machines_login_under_a_login_or_name_field_is_kept(chain, body):
    # GIVEN a service's or a machine's login under a field that holds a person's login
    # WHEN stored  THEN it is kept: it names no one
    assert stored_body(chain, body) == body


@pytest.mark.parametrize(
    ("body", "login"),
    [
        ({"username": "svc-maria"}, "svc-maria"),  # a person's account named for its job: a given name in it
        ({"username": "kayla_brooks92"}, "kayla_brooks92"),
        ({"username": "524-71-3390"}, "524-71-3390"),  # digits alone are no machine's login
        ({"first_name": "Dev"}, "Dev"),  # a system's word and a given name alike
    ],
)
def test_a_persons_login_under_a_login_field_is_still_masked(chain, body, login):
    # GIVEN a login that holds a person's name, or one word a name may be  WHEN stored  THEN it is masked
    assert login not in json.dumps(stored_body(chain, body))


def test_a_machines_login_in_a_config_text_is_kept_and_the_password_beside_it_is_not(chain):
    # GIVEN PyPI's .pypirc, whose username for an API token is the literal "__token__"
    text = "[pypi]\n  username = __token__\n  password = pypi-AgEIcHlwaS5vcmcPS7vuKXNoC5ratUz6aAkJbup1CYVA-1U0Az6A\n"
    # WHEN stored  THEN the username stays and the token is gone
    out = stored(chain, text)
    assert "username = __token__" in out and "AgEIcHlw" not in out


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("10.06.2024 14:03:12 | mollie-webhook | 203 | x-user: kristof.maes88", "kristof.maes88"),
        ("[2024-06-11 14:11:02 +04] ERROR ride-svc: driver reassigned rider=omar.hashimi", "omar.hashimi"),
        ("ticket 4412 assignee: laura.ozolina status=open", "laura.ozolina"),
    ],
)
def test_a_login_after_a_headers_or_a_partys_word_in_a_log_line_is_masked(chain, text, login):
    # GIVEN a log line with a person's login after x-user, rider or assignee  WHEN stored  THEN it is gone
    assert login not in stored(chain, text)


def test_a_partys_word_before_a_companys_login_keeps_it_and_a_user_id_header_masks_a_persons(chain):
    # GIVEN a customer's account that names a firm, and a user ID header that is a person's login
    out = stored(chain, "customer=acme-corp plan=team")
    body = stored_body(chain, {"X-User-Id": "priya.nair.1994", "user_id": "12345"})
    # THEN the firm's stays, the person's is masked, a number stays
    assert out == "customer=acme-corp plan=team"
    assert body == {"X-User-Id": "[name]", "user_id": "12345"}
