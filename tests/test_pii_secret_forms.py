"""Credentials in the forms tools write them where no field is named for one: Bundler's
environment, ``pulumi config set``, a Windows answer file, net-snmp's and Cisco's SNMPv3
users, a blog's XML-RPC call, a YubiKey's one-time password, a misspelt ``passwrd=``, an
Ethereum keystore's encrypted key, a Secret Manager payload; and their look-alikes, kept."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored, stored_body  # noqa: F401  (the chain fixture, a text stored)

XMLRPC = ("<?xml version=\"1.0\"?><methodCall><methodName>{method}</methodName><params>{params}</params></methodCall>")


def _params(*values: str) -> str:
    return "".join(f"<param><value><string>{v}</string></value></param>" for v in values)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("BUNDLE_GEMS__CONTRIBSYS__COM=39685fbd:d9f1ffad bundle install --jobs 4", ["39685fbd:d9f1ffad"]),
        ("$ pulumi config set --plaintext dbPassword ikplP1qXsLg+s.80JEBX --stack acme/prod", ["ikplP1qXsLg+s.80JEBX"]),
        ("pulumi config set --secret apiUrl https://user:pw@internal", ["https://user:pw@internal"]),
        ("<AdministratorPassword><Value>ZwAhAEkAQgBSAEgA=</Value><PlainText>false</PlainText></AdministratorPassword>",
         ["ZwAhAEkAQgBSAEgA="]),
        ('createUser monitor SHA-256 "GXexLHKn_L@2H7vrRH" AES "HF_QsG!yrl4bQvLA~z"\nrouser monitor priv',
         ["GXexLHKn_L@2H7vrRH", "HF_QsG!yrl4bQvLA~z"]),
        ("snmp-server user admin ADMGRP v3 auth sha Auth4Pass! priv aes 128 Priv4Pass!", ["Auth4Pass!", "Priv4Pass!"]),
        (XMLRPC.format(method="wp.getUsersBlogs", params=_params("editor", "yhC0L9tyXn6t*.IA4g")), ["yhC0L9tyXn6t*.IA4g"]),
        (XMLRPC.format(method="wp.getPosts", params=_params("1", "admin", "s3cr3tPass")), ["s3cr3tPass"]),
        (XMLRPC.format(method="blogger.deletePost", params=_params("appkey", "12", "admin", "bl0gPass")), ["bl0gPass"]),
        ("sorry wrong window ccccccgftneftiujgkvhgthrgdbcjuildjrtliridtuk", ["gftneftiujgkvhgthrgdbcju"]),
        ("conninfo: host=db port=5432 user=orders_rw passwrd=#Mj8h_u3MxsZ60%e sslmode=require", ["Mj8h_u3MxsZ60"]),
    ],
)
def test_credentials_in_tools_own_forms_are_redacted(chain, text, secrets):
    # GIVEN a tool's command, config or call carrying a credential  WHEN stored  THEN it is gone
    out = stored(chain, text)
    assert [s for s in secrets if s in out] == [], out


@pytest.mark.parametrize(
    "text",
    [
        "pulumi config set aws:region us-east-1",
        XMLRPC.format(method="pingback.ping", params=_params("https://a.example/post", "https://b.example/x")),
        XMLRPC.format(method="wp.getUsersBlogs", params=_params("editor")),
        "<Setting><Value>W. Europe Standard Time</Value></Setting>",
        "createUser monitor", "bundle install --jobs 4 BUNDLE_JOBS=4",
    ],
)
def test_their_look_alikes_stay(chain, text):
    # GIVEN the same tools' text without a credential  WHEN stored  THEN it is kept
    assert stored(chain, text) == text


def test_a_keystores_encrypted_key_and_a_secret_managers_payload_are_redacted(chain):
    # GIVEN an Ethereum keystore, a Secret Manager version, and look-alikes that hold no secret
    body = {
        "keystore": {"crypto": {"cipher": "aes-128-ctr", "ciphertext": "acd835ec6e88054de2d1bae4dbeba343",
                                "cipherparams": {"iv": "b27f6e5341df2e77"}, "kdf": "scrypt"}},
        "version": {"name": "projects/4815162342/secrets/stripe-webhook/versions/7",
                   "payload": {"data": "TGVkeWNoaW1jeFEwTklTRDR2Qk5t", "dataCrc32c": "2846012392"}},
        "message": {"name": "projects/p/topics/orders", "payload": {"data": "eyJvcmRlciI6IDF9"}},
        "envelope": {"ciphertext": "no-kdf-here", "algorithm": "none"},
    }
    # WHEN stored
    out = stored_body(chain, body)
    # THEN the encrypted key and the secret are gone; a topic's payload and other ciphertext stay
    assert out["keystore"]["crypto"]["ciphertext"] == "[redacted]"
    assert out["version"]["payload"]["data"] == "[redacted]" and out["version"]["payload"]["dataCrc32c"] == "2846012392"
    assert out["message"]["payload"]["data"] == "eyJvcmRlciI6IDF9" and out["envelope"]["ciphertext"] == "no-kdf-here"
