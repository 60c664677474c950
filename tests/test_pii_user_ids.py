"""The logins people made up, stored as the ID a service keeps for them (stop 44).

Under the keys of trackers, feature-flag and error-tracker SDKs and headers (``distinct_id``, ``userId``,
``$user_id``, ``login_id``, ``enduser.id``, ``usr.id``, ``X-Customer-Id``, ``{"user": {"key": ...}}``),
a message's writer (``sender``, ``author``), the same keys written ``key=value`` in log lines; a URL's
user before its password; a payment's alias in capitals made of a name. Not a system's generated ID
(``usr_1182``, ``u_il_2291``, ``cus_NffrFeUfNV2Hib``), a machine's or a shared account's login, a code
in capitals, a brand's SMS sender."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json
from transforms.testing import make_record


def stored_headers(chain, headers: dict) -> str:
    """The request's headers as stored, as JSON text."""
    record = make_record()
    record["request"]["headers"].update(headers)
    result = chain.run(json.dumps(record, ensure_ascii=False), "2026-12-03T00:00:00.000Z")
    return json.dumps(result.record["request"]["headers"], ensure_ascii=False)


@pytest.mark.parametrize(
    ("body", "login"),
    [
        ({"event": "Checkout Started", "properties": {"distinct_id": "ruthbeyer81", "plan": "pro"}}, "ruthbeyer81"),
        ({"$user_id": "kofi_mensah7", "$os": "Android"}, "kofi_mensah7"),
        ({"type": "profile_set", "login_id": "zhaolei2002", "project": "production"}, "zhaolei2002"),
        ({"resource": {"attributes": {"enduser.id": "lbrandt_04", "service.name": "checkout"}}}, "lbrandt_04"),
        ({"usr.id": "ines.moura88", "view": {"url": "/cart"}}, "ines.moura88"),
        ({"flag": "new-nav", "user": {"userID": "szaboeszter", "country": "HU"}}, "szaboeszter"),
        ({"ctx": {"user": {"key": "piet.dekker71", "anonymous": False}}}, "piet.dekker71"),
        ({"context": {"kind": "user", "key": "mwanjiku_k", "plan": "basic"}}, "mwanjiku_k"),
        ({"listing": {"id": 5512, "title": "Kindle"}, "thread": [{"sender": "hanna_k94", "text": "still there?"}]},
         "hanna_k94"),
        ({"post": {"author": "grzegorz77", "body": "Works for me"}}, "grzegorz77"),
        ({"userId": "usr_jsmith84", "traits": {"plan": "team"}}, "usr_jsmith84"),
        ({"cliqAlias": "SAMER.KHOURY", "amount": "40.000"}, "SAMER.KHOURY"),
    ],
)
def test_a_login_people_made_up_under_a_users_id_is_masked(chain, body, login):
    # GIVEN the login a user made up, under the key where a tracker or an SDK keeps the user's ID
    # WHEN stored  THEN it is not
    out = stored_json(chain, body)
    assert login not in out, out


@pytest.mark.parametrize(
    "body",
    [
        {"userId": "u_il_2291"}, {"user_id": "usr_1182"}, {"userId": "usr_ID_0099231"}, {"userId": "tn_u_44120"},
        {"user_id": "usr_pqrk82hd"}, {"customer_id": "cus_NffrFeUfNV2Hib"}, {"userId": "server-fanout"},
        {"userId": "webhook"}, {"user_id": "anonymous"}, {"distinct_id": "guest_4471"},
        {"customer_id": "globex"}, {"customer_id": "acme-corp"}, {"sender": "InfoSMS"}, {"sender": "buyer"},
        {"author": "renovate-bot"}, {"user": {"key": "user-key-123abc"}}, {"context": {"kind": "org", "key": "acme_2"}},
        {"userId": "3c9a1f5e-7b2d-4e8a-9c61-0d5f2a7b8e43"}, {"alias": "DHL-EDI"}, {"sku": "SKU_2231"},
        {"metadata": {"seller_id": "slr_40917"}}, {"rider": {"id": "rdr_7c2e", "rating": 4.9}},
        {"resourceType": "Patient", "id": "sample-4471", "gender": "female"}, {"candidate": {"id": "b71fe0a9c4d2e83f"}},
    ],
)
def test_a_generated_id_a_machines_or_a_companys_stays(chain, body):
    # GIVEN a system's generated ID, a machine's, a company's or a brand's name under those keys
    # WHEN stored  THEN it stays
    out = stored_json(chain, body)
    for value in _strings(body):
        assert value in out, out


def _strings(value):
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_a_customers_login_in_a_header_is_masked(chain):
    # GIVEN a customer's login in a custom header  WHEN stored  THEN it is not
    out = stored_headers(chain, {"X-Customer-Id": "priya.nair1990", "X-Request-Id": "req-20931"})
    assert "priya.nair1990" not in out and "req-20931" in out, out


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("2024-06-02T10:11:12Z INFO cart.checkout user_id=ruthbeyer81 items=3", "ruthbeyer81"),
        ("WARN flag evaluation failed distinct_id: szaboeszter flag=new-nav", "szaboeszter"),
        ('level=info msg="session start" enduser.id=lbrandt_04 route=/cart', "lbrandt_04"),
        ("DEBUG billing lookup customerId=priya.nair1990 region=eu", "priya.nair1990"),
        ("git remote -v\norigin  https://olga_dev:ATBBxK29dLmZp3XqR7uT4vW8yZ@bitbucket.org/acme/api.git (fetch)",
         "olga_dev"),
        ("Transferencia OK\nAlias: LUCIA.BENITEZ.MP\nImporte $12.000", "LUCIA.BENITEZ.MP"),
    ],
)
def test_a_users_login_in_a_log_line_or_a_url_is_masked(chain, text, login):
    # GIVEN a user's login as a log line's ID, a URL's user before its password, a payment's alias
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert login not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("INFO cart.checkout user_id=usr_1182 items=3", "usr_1182"),
        ("DEBUG billing lookup customerId=acme-corp region=eu", "acme-corp"),
        ("origin https://deploy-bot:ghp_x7Yk2LmN9pQ4rS6tU8vW0zA1bC3dE5fG7hJ@github.com/acme/api.git", "deploy-bot"),
        ("postgres://shop_rw:Pq8sd7f6sdfX@db.internal:5432/shop", "shop_rw"),
        ("帳號：store-taipei，密碼：Mango#2211，請勿外流。", "store-taipei"),
        ("Alias: MESA.SILLA.PINO", "MESA.SILLA.PINO"),
    ],
)
def test_a_generated_id_a_machines_or_a_shared_login_in_text_stays(chain, text, kept):
    # GIVEN a generated ID, a company's, a machine's or a shared account's login in text  WHEN stored
    # THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


def test_a_persons_login_beside_its_password_is_masked_though_it_names_a_shop(chain):
    # GIVEN a login made of a person's name and a shop's word, told with its password
    out = stored_text(chain, "Hi Ana, admin password: Pastel#Lisboa7, username beatriz_shop. Order PT-2231 ships Monday.")
    # WHEN stored  THEN the login is not, the order is
    assert "beatriz_shop" not in out and "PT-2231" in out, out
