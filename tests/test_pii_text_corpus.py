"""Two corpora through ``pii``: personal values and credentials in many locales (none may
survive) and benign look-alikes (none may change); and hostile strings for the detectors
added with them (linear time).

The corpora are tests/fixtures/pii-personal.json and tests/fixtures/pii-benign.txt.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from transforms.testing import make_record, run_transform
from transforms.builtin._pii_kinds import KIND_CLASS, class_of

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PERSONAL = json.loads((FIXTURES / "pii-personal.json").read_text(encoding="utf-8"))["values"]
BENIGN = [
    line for line in (FIXTURES / "pii-benign.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
MODES = {"mask": None, "hash": {"mode": "hash", "hash_key": "k" * 40}}


def scrubbed(texts: list[str], options) -> list[str]:
    """Each text as a string body, and all of them as a list body, through one pii run."""
    record = make_record(request={"method": "POST", "body": list(texts)})
    return run_transform("pii", record, options)["request"]["body"]


@pytest.mark.parametrize("mode", MODES)
def test_no_personal_value_or_credential_of_the_corpus_survives(mode):
    # GIVEN every entry of the personal corpus  WHEN pii runs
    out = scrubbed([entry["text"] for entry in PERSONAL], MODES[mode])
    # THEN none of the secrets of any entry is left in its text
    leaks = [(entry["text"], after) for entry, after in zip(PERSONAL, out)
             if any(secret in after for secret in entry["secrets"])]
    assert leaks == []
    assert len(PERSONAL) >= 150


@pytest.mark.parametrize("mode", MODES)
def test_no_benign_look_alike_of_the_corpus_changes(mode):
    # GIVEN timestamps, IDs, digests, product codes, prices, versions, addresses of
    # machines and words that look like cues  WHEN pii runs
    out = scrubbed(BENIGN, MODES[mode])
    # THEN each is stored as it was
    changed = [(before, after) for before, after in zip(BENIGN, out) if before != after]
    assert changed == []
    assert len(BENIGN) >= 150


def test_every_kind_of_the_personal_corpus_is_reported_as_that_kind():
    # GIVEN the entries named for a kind (not a generic credential)
    named = [entry for entry in PERSONAL if entry["kind"] != "credential"]
    # WHEN pii runs in mask mode
    out = scrubbed([entry["text"] for entry in named], None)
    # THEN the mask names the kind, or a kind of its class when a field name said what the
    # value is ("PLZ: 80331" is a postal code, of the address class; IPs are truncated, not
    # masked; a value under a credential name may be redacted before its kind is known)
    def reported(kind: str, after: str) -> bool:
        masks = {f"[{k}]" for k, cls in KIND_CLASS.items() if cls == class_of(kind)}
        return any(mask in after for mask in masks) or "[redacted]" in after

    wrong = [(entry["kind"], entry["text"], after) for entry, after in zip(named, out)
             if entry["kind"] != "ip" and not reported(entry["kind"], after)]
    assert wrong == []


@pytest.mark.parametrize("mode", MODES)
def test_a_scrubbed_corpus_scrubbed_again_stays_the_same(mode):
    # GIVEN the personal corpus once scrubbed (a stored record replayed through the chain)
    once = scrubbed([entry["text"] for entry in PERSONAL], MODES[mode])
    # WHEN pii runs on it again  THEN no mask or pseudonym is read as a new finding
    assert scrubbed(once, MODES[mode]) == once


#: A quarter of a MiB, as in tests/test_pii.py: quadratic would take hours on it.
MIB = 1 << 18


@pytest.mark.parametrize(
    "hostile",
    [
        "123 " * (MIB // 4), "1.2." * (MIB // 4), "12.345." * (MIB // 7), "a1" * (MIB // 2), "AB12" * (MIB // 4),
        "(11) " * (MIB // 5), "030/" * (MIB // 4), "+1 x" * (MIB // 4), "x12 " * (MIB // 4), "phone " * (MIB // 6),
        "call 1" * (MIB // 6), "Dear " * (MIB // 5), "Dear Jane " * (MIB // 10), "my name is " * (MIB // 11),
        "12 Baker " * (MIB // 9), "Straße 1 " * (MIB // 9), "PLZ " * (MIB // 4), "2001:db8:" * (MIB // 9),
        "::ffff:" * (MIB // 7), "lat=1.2345&" * (MIB // 11), "48.1234, " * (MIB // 9), "%40" * (MIB // 3),
        "a%2540" * (MIB // 6), "&#64;" * (MIB // 5), "a [at] b " * (MIB // 9), "sk_live_" * (MIB // 8),
        "-----BEGIN PRIVATE KEY-----" * (MIB // 27), "-----END PRIVATE KEY-----" * (MIB // 25), "AIza" * (MIB // 4),
        "https://" * (MIB // 8), "a=" * (MIB // 2), "?code=" * (MIB // 6), "x:y@" * (MIB // 4), "ssn " * (MIB // 4),
        "GB82-" * (MIB // 5), "4111.1111." * (MIB // 10), "0044 " * (MIB // 5), "password is " * (MIB // 12),
        "wJalrXUtnFEMI/K7MDENG/" * (MIB // 22) + " aws",
        "geb. 12.04." * (MIB // 11), "born on 12 " * (MIB // 11), "DOB April 1" * (MIB // 11),
        "<password>" * (MIB // 10), "<a b=" * (MIB // 5), "<p>x</q>" * (MIB // 8), "Authorization: \"" * (MIB // 16),
        "Cookie: \\" * (MIB // 9), '\\"password\\":' * (MIB // 13), "'pwd': '" * (MIB // 8), "%2B1+2" * (MIB // 6),
        "070-12 " * (MIB // 7), "S1234567" * (MIB // 8), "GODE5612" * (MIB // 8), "tel=+1 2 " * (MIB // 9),
        "My Number 1 " * (MIB // 12), "ID no 12 " * (MIB // 9),
        "1\u00a0" * (MIB // 2), "1\u2013" * (MIB // 2), "a\u200b" * (MIB // 2), "０１" * (MIB // 2),
        "Address: 1, " * (MIB // 12), "Adres: Cad. " * (MIB // 12), "Name: Jane " * (MIB // 11), "IP address: " * (MIB // 12),
        "eyJ" * (MIB // 3), "eyJhbGci." * (MIB // 9), "W3s" + "A" * MIB + ".", "mysql " * (MIB // 6),
        "mysql -p" * (MIB // 8), "0123456789abcdef-us1" * (MIB // 20),
        "/reset" * (MIB // 6), "/reset/" + "a1" * (MIB // 2), "/x-reset-y/" * (MIB // 11), "IMEI " * (MIB // 5),
        "MAC 00:" * (MIB // 7), "生年月日は" * (MIB // 5), "Jane Doe " * (MIB // 9) + "(a@b.co)",
        "Ab (" * (MIB // 4), "Key (a)=(" * (MIB // 9), "Key (" + "a, " * (MIB // 3),
        "Duplicate entry '" * (MIB // 17), "\"a\" with value \"" * (MIB // 18), "Path `a` (`" * (MIB // 11),
        "INSERT INTO t (a) VALUES ('" * (MIB // 27), "user a." * (MIB // 7), "user " + "a." * (MIB // 2), "insert into t (" + "a," * (MIB // 2),
        "a at " * (MIB // 5), "a.b @ " * (MIB // 6), "a dot " * (MIB // 6) + "b at c", "x" * MIB + " at b dot com",
        "a at b dot " * (MIB // 11), "Mijn adres is " * (MIB // 14), "Reisepassnummer " * (MIB // 16),
        "seed phrase: " + "a " * (MIB // 2), "code is " * (MIB // 8), "東京都千代田区" * (MIB // 7) + "1-1",
        "holder JANE " * (MIB // 12),
        "WIFI:S:a;" * (MIB // 9), "htpasswd -b " * (MIB // 12), "私の名前は" * (MIB // 5), "我叫" * (MIB // 2),
        "اسمي " * (MIB // 5), "Flat 1, " * (MIB // 8), "Ab Cad. No:1 " * (MIB // 13), "48°51'" * (MIB // 6),
        "Agência 1 " * (MIB // 10), "a=b+c&" * (MIB // 6), "x=%2B+" * (MIB // 6), "docker login -p " * (MIB // 16),
        '"a"=>"' * (MIB // 6), "password: $a " * (MIB // 13), "sqlplus a/" * (MIB // 10), "a/b@//" * (MIB // 6),
        "your a code is " * (MIB // 15), "1234 is your " * (MIB // 13), "use 123 456 to " * (MIB // 15), "验证码是" * (MIB // 4),
        # command lines, code and config files (_pii_commands), and this stop's token passes
        "redis-cli -a" * (MIB // 12), "redis-cli " + "x " * (MIB // 2), "http -a a" * (MIB // 9), "-storepass " * (MIB // 11),
        "auth=(\"" * (MIB // 7), "auth(\"a\", \"" * (MIB // 12), "('a', '" * (MIB // 7), "x['a'] = '" * (MIB // 10),
        "h:5432:d:u:" * (MIB // 11), "a:1:b:c:d\n" * (MIB // 10), "machine a login b " * (MIB // 18) + "password",
        "default login " * (MIB // 14), "rabbitmqctl add_user " * (MIB // 21), "a:b@tcp" * (MIB // 7),
        "https://" + "a" * MIB + "@", "recovery codes: " + "ab12 " * (MIB // 5), "backup codes:" * (MIB // 13),
        "mã xác thực của " * (MIB // 16), "TAN für " * (MIB // 8), "@a.io #" * (MIB // 7), '"kty" "d": "' * (MIB // 12),
        "INSERT INTO t (a) VALUES " + "('a'), " * (MIB // 7), "INSERT INTO t (a) VALUES " + "(" * MIB,
        "MSH|^~\\&|\rPID|" + "|" * MIB, "PID|1||" + "^" * MIB, "first_name,email\n" + "a," * (MIB // 2),
        "BEGIN:VCARD\nFN:" + "A " * (MIB // 2), "CN=" + "Ab " * (MIB // 3), "Hi " * (MIB // 3), "Gentile " * (MIB // 8),
        "<Cdtr><Nm>" * (MIB // 10), "<StrtNm>" + "a" * MIB, "M1A/" * (MIB // 4), "M1AB/CD EABCDEF WAWFRALH" + " LH 1" * (MIB // 5),
        "$6$" * (MIB // 3), "{SSHA}" * (MIB // 6), "pi_1234567890_secret_" * (MIB // 21),
        # stop 28: searches in links, self-introductions and phone cues in more scripts
        "?q=Ab " * (MIB // 6), "search=" + "Ab+" * (MIB // 3), "שמי " * (MIB // 4), "שמי " + "אב " * (MIB // 3),
        "मेरा नाम " * (MIB // 9), "আমার নাম " * (MIB // 9), "ฉันชื่อ" * (MIB // 7), "اسم من " * (MIB // 7),
        "nama saya " * (MIB // 10), "رقمي " * (MIB // 5), "SĐT của tôi " * (MIB // 12), "тел. " * (MIB // 5),
        # probe corpus 4's passes: tool flags, calls, config lines, prose, codes, keys, seed phrases
        "cqlsh -p " * (MIB // 9), "az storage " * (MIB // 11), "nuget -k " * (MIB // 9), '"ab12" + ' * (MIB // 9),
        "'a'+\n'" * (MIB // 6), "[1," * (MIB // 3), "[" + "1," * (MIB // 2), "ed25519 a " * (MIB // 10),
        "name: a\n value: " * (MIB // 16), "requirepass " * (MIB // 12), "la password è " * (MIB // 14),
        "hasło do a " * (MIB // 11), "パスワードは" * (MIB // 6), "Şifrem " * (MIB // 7), "login code: " * (MIB // 12),
        "111111-" * (MIB // 7), "AB12-" * (MIB // 5), "abandon " * (MIB // 8), "abandon the " * (MIB // 12),
        "new Api.Client('" * (MIB // 16), "X.Client(\"" + "a1B" * (MIB // 3), "-u " + "a" * MIB, "key: '" * (MIB // 6),
        "/hooks/" * (MIB // 7), "ConvertTo-SecureString '" * (MIB // 24), 'PlainAuth("a", "b", "' * (MIB // 21),
        "addauth digest " * (MIB // 15), "creds for a " * (MIB // 12), "Backup-Codes: " * (MIB // 14),
        "importprivkey " * (MIB // 14), "username: svc_" * (MIB // 14),
        'a.B("' * (MIB // 5), "ab" * (MIB // 2) + '("', "cookie: a=b; " * (MIB // 13),
        # names in more scripts and forms, profile links, file names, logs, devices, organisations
        "محترمہ " * (MIB // 7), "شكرا " + "ا " * (MIB // 2), "聯絡人：" * (MIB // 4), "담당자: " * (MIB // 5),
        "김민 " * (MIB // 3), "박지훈님" * (MIB // 4), "என் பெயர் " * (MIB // 10), "Terveisin,\n" * (MIB // 11),
        "on behalf of my " * (MIB // 16), "Jane Doe, geb. " * (MIB // 15), "Ab Cd — VIN " * (MIB // 12),
        "Ab " * (MIB // 3) + ", MRN 1", "CV_Ab_" * (MIB // 6) + ".pdf", "a_" * (MIB // 2) + ".pdf",
        "t.me/" * (MIB // 5), "instagram.com/" * (MIB // 14), "facebook.com/profile.php?id=" * (MIB // 28),
        "\u202e" + "a" * MIB, "\u202eab" * (MIB // 3), "Contact: " + "<b>A</b> " * (MIB // 9),
        "Accepted password for " * (MIB // 22), "sudo: " * (MIB // 6), "Ab-" * (MIB // 3) + "SURFACE",
        "Ab's " * (MIB // 5) + "iPhone", "Kunde: Ab GmbH " * (MIB // 15), "a,b@c,d " * (MIB // 8),
        "MRN 1 (" * (MIB // 7), "MRN 1 (Ab, " * (MIB // 11), ":59:" + "A\n" * (MIB // 2), "\n:50K:/" * (MIB // 8),
        ":59:" + "A" * MIB,
        # more countries' IDs after their word, and places in other notations
        "Matricule " + "1 " * (MIB // 2), "NPWP 1." * (MIB // 7), "HKID A" * (MIB // 6), "cc 12345678 " * (MIB // 12),
        "BIS 12.34." * (MIB // 10), "Member ID A" * (MIB // 11), "ЈМБГ 1" * (MIB // 6),
        "///a.b" * (MIB // 6), "///" + "a" * MIB, "8FVC+" * (MIB // 5), "9G8F9G8F" * (MIB // 8) + "+",
        "map=1/" * (MIB // 6), "map=1/52.123/" * (MIB // 13), "1,23456;" * (MIB // 8), "geohash " * (MIB // 8),
        "grid ref TQ 1 " * (MIB // 14), "8f2830828052d25 " * (MIB // 16),
        "serial A1" * (MIB // 9), "fid: " + "a1" * (MIB // 2), "MachineGuid REG_SZ " * (MIB // 19), "٠١" * (MIB // 2),
        "12 12345 " * (MIB // 9), "SIREN 123 " * (MIB // 10), "RCS Paris 1" * (MIB // 11),
        "SSR DOCS AB HK1/" * (MIB // 16), "SSR CTCE AB HK1/" + "a" * MIB, "\n 1.1AB/CD" * (MIB // 10), "PHONES\n 1.ABC1" * (MIB // 15),
        "平成3年5月" * (MIB // 6) + "生", "1990년 4월" * (MIB // 7) + "생", "born, " * (MIB // 6), "เกิด 1 " * (MIB // 7),
        "Str. A " * (MIB // 7), "Str. Ab nr. 1, ap. 1" * (MIB // 20), "вул. А " * (MIB // 7), "ул. А, 1, кв. 1 " * (MIB // 16),
        "1 Ab, " * (MIB // 6), "1 Ab Cd, Phường A " * (MIB // 18), "Street 1, " * (MIB // 10), "ON A1B 2C3 " * (MIB // 11),
        "이름," * (MIB // 3) + "\n",
        ":59:/A\n" * (MIB // 7), ":50K:" + "A" * MIB, "(a.b [1.2.3.4" * (MIB // 13), "(" + "a." * (MIB // 2) + " [",
        "GTBank" * (MIB // 6), "xaccount 1" * (MIB // 10), "01-0902-" * (MIB // 8),
        "品川 330 さ " * (MIB // 10), "京A·" * (MIB // 3), "MH 12 KJ " * (MIB // 9),
        # probe corpus 5: commands, config lines, decoded views, payment handles, more places
        "7z a " * (MIB // 5), "7z a" + " -" * (MIB // 2), "ngrok authtoken " * (MIB // 16), "net use \\\\a " * (MIB // 11),
        "schtasks /RP " * (MIB // 13), "xfreerdp " + "a " * (MIB // 2), "chpasswd <<< " * (MIB // 13),
        'expect "password:"\n' * (MIB // 19), "::add-mask::" * (MIB // 12), "enable secret " * (MIB // 14),
        "AUTH PLAIN " * (MIB // 11), "334 UGFzc3dvcmQ6\n" * (MIB // 17), "a001 LOGIN a " * (MIB // 13),
        "password abcd\n" * (MIB // 14), 'variable "a" {' + " " * MIB, "{Name:a Value:" * (MIB // 14),
        '["password"]=>\n  string(1) "' * (MIB // 29), "<Key>Password</Key>" * (MIB // 19), "&quot;" * (MIB // 6),
        "\\u0070" * (MIB // 6), '\\\\\\"' * (MIB // 4), "7b22" * (MIB // 4), "password: |\n" + "  a\n" * (MIB // 4),
        "A_KEYS=" + "a," * (MIB // 2), "PWD={" * (MIB // 5), "wa.me/" * (MIB // 6), "paypal.me/" * (MIB // 10),
        "venmo @" * (MIB // 7), "cashtag $" * (MIB // 9), "a@ybl " * (MIB // 6), "upi://pay?pa=" * (MIB // 13),
        "N 52° 31.204 " * (MIB // 13), "N51 30 26 " * (MIB // 10), "UTM 33U " * (MIB // 8), "1.23456~" * (MIB // 8),
        "PO Box 1 " * (MIB // 9), "a arobase " * (MIB // 10), "a (at) b (punkt) " * (MIB // 17),
        "родилась 1 " * (MIB // 11), "Geburtsdatum a b c: " * (MIB // 20), "/invite/" + "a1/" * (MIB // 3),
        "RFC 1" * (MIB // 5), "Mot de passe : 1 " * (MIB // 17),
    ],
    ids=lambda s: repr(s[:10]),
)
def test_huge_hostile_strings_for_the_new_detectors_are_scanned_in_linear_time(hostile):
    # GIVEN a 1 MiB string shaped against one of the detectors, with an e-mail at its end
    text = hostile + " tail@example.com"
    # WHEN pii scans it in hash mode
    started = time.process_time()
    out = scrubbed([text], MODES["hash"])[0]
    elapsed = time.process_time() - started
    # THEN it finished (a quadratic scan of 1 MiB would take hours: this generous bound is
    # no speed measurement) and the end was reached
    assert elapsed < 60, f"{elapsed:.1f}s: catastrophic backtracking?"
    assert "tail@example.com" not in out
