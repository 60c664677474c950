"""Adversarial corpora written by testers who did not read pii's code or tests (five rounds:
the later ones' files end in 3, 4, 5 and 6), run through the default chain as the consumer runs it
(tests/fixtures/probe/):

- ``strings-*.jsonl``: secrets, personal data in many locales and benign look-alikes, one
  value at a time (in a body field, a query, a header or free text);
- ``payloads.jsonl``: whole payloads as services send them (Stripe, Shopify, GitHub,
  Twilio, Cognito, FHIR, logs, CSV and SQL in strings...), wholly benign ones among them.

A case passes when its record is stored, none of its ``must_not_contain`` is left in it and
every ``must_keep`` is. The gaps known today are listed below with why; a case that starts
failing, or a gap that is closed and not taken off the list, fails the test (both ways, so
the list stays the truth).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.chain import build_chain
from transforms.manager import get_plugin_manager
from transforms.testing import make_record

CORPORA = Path(__file__).parent / "fixtures" / "probe"

#: Cases that fail today, by file, with the reason they are left.
KNOWN_GAPS: dict[str, dict[str, str]] = {
    "strings-secret.jsonl": {},
    "strings-personal.jsonl": {},
    "strings-benign.jsonl": {},
    "payloads.jsonl": {
        "pharmacy-prescription": "a patient's allergies are health data, masked (a class since stop 32; this corpus kept them)",
        # names in prose with no cue, and whole formats not parsed (HL7 v2, CSV rows, multi-row SQL)
        "mailgun-inbound": "a signature's name; role addresses are masked as e-mails",
        "email-raw-mime": "a signature's name; role addresses are masked as e-mails",
        "chat-transcript-support-bot": "an answer to a bot's question has no cue",
        "sendgrid-inbound-parse": "a town on the line after its street",
        "twilio-sms-inbound-personal-text": "a date of birth after an address that ran past its comma; Twilio SIDs",
        # identifiers under other names
        "plaid-identity": "Plaid's numbers.ach[].account; its accounts' names are masked",
        "sentry-event-with-user": "fullName is a person's only where no thing's context says otherwise",
        # over-masking left as the safer side
        "twilio-status-callback-json": "Twilio's *Sid values are masked (sid names a session)",
        "dating-profile": "a profile's photo is the person's face: its link is masked (a class since stop 35; this corpus kept it)",
        "sendgrid-send-request": "role addresses (noreply@...) are masked as e-mails",
        "stripe-invoice-paid": "a price's nickname is masked (nickname names a person)",
        "salesforce-soql-response": "a Salesforce Account's Name is masked",
        "feature-flags": "a flag named password_policy_v2 is redacted whole",
        "config-object": "an 'auth' object is redacted whole, its policy fields with it",
        "openapi-fragment": "a schema's 'password' property is redacted whole",
        "form-definition": "a placeholder address (you@company.com) is masked",
    },
    "strings3-secret.jsonl": {
    },
    "strings3-personal.jsonl": {
        "name-ldap-attrs": "a name after a cue or in a structured format (vCard, iCal, LDAP, X.509, CSV)",
    },
    "strings3-benign.jsonl": {
        "canada-post-tracking": "a tracking PIN: 'pin' is a credential word of the list shared with the middleware",
        "perfume-street-name": "a product named for a street reads as an address in text",
    },
    "payloads3.jsonl": {
        "fhir-claim": "a claim's diagnosis code is a person's health data, masked (a class since stop 32; this corpus kept it)",
        "canvas-submission-event": "a name and a student number in prose ('Essay by ...', 'student no. ...')",
    },
    "strings4-secret.jsonl": {
        "ms-refresh-token-msal-cache": "an object under a credential's name is masked whole, its environment's host with it",
    },
    "strings4-personal.jsonl": {
        "dob-dotnet-json-date": "a person's bare 'Display' is a display name: 'public' is masked with it",
        "med-rx-text": "a named person's prescription is health data, masked (stop 35; this corpus kept it)",
    },
    "strings4-benign.jsonl": {
        "prod-fiction-characters": "a novel's title is its heroine's name",
        "company-cnpj": "a CNPJ is masked wherever it is (a sole trader's identifies a person)",
        "geo-store-locator": "a precise point is masked whatever it marks: a sender can call a home a store",
        "geo-poi-landmark": "a precise point is masked whatever it marks: a sender can call a home a landmark",
    },
    "payloads4.jsonl": {
        "erezept-verordnung-de": "a prescription's medication is health data, masked (a class since stop 32; this corpus kept it)",
        "polizza-viaggio-emissione-it": "an insurance policy number is masked as the policyholder's number (round 6 counts it personal: polisnummer, policyNumber)",
        "vipps-login-userinfo-no": "an account's nickname under account_name is read as its holder's name",
        "zoho-crm-lead-insert": "an owner's surname inside a company's name (Bäckerei Hofmann GmbH) stays with it",
        "servicenow-incident-record": "a phone number five words after its cue",
        "aws-sts-assume-role-response": "a credentials object is masked whole, its expiry with it",
        "nominatim-reverse-landmark": "a precise point is masked whatever it marks",
        "directions-route-public-places": "a station's name under start_address is read as an address",
    },
    "strings5-secret.jsonl": {
        "apache-requestheader-basic": "Apache's ProxyPass reads as a password's name (both sides share one list)",
        "cosmos-priv-validator-key": "a credential's object is masked whole, its key type with it",
    },
    "strings5-personal.jsonl": {
        # names with no cue or in scripts whose names have no capitals
        # identifiers of more countries and forms
        "p5-medical-jp-hokensho": "a Japanese insurance card's 記号/番号",
        "p5-employee-personalnummer": "an employee's number (an earlier corpus keeps employee IDs as benign)",
        # phones, e-mails, addresses, dates and places in rarer writings
        "p5-email-quoted-local": "an e-mail whose local part is quoted",
        "p5-dob-de-age-birthday": "a birthday without its year, beside an age",
        "p5-geo-static-map-url": "a static map's markers=...%7Clat,lng",
        "p5-ip-apache-error-v6": "an IPv6 address with its port in Apache's [client ...]",
        "p5-ip-inet-aton-int": "an IPv4 address stored as an integer",
    },
    "strings5-benign.jsonl": {
        "b5-songs-albums-street-names": "a public figure's name, masked as anyone's by the lexicon of names (the safer side)",
        # a bare name is a person's unless its object says otherwise
        "b5-iso6346-containers": "a vessel's name under 'name'",
        "b5-cas-ec-numbers-sds": "a substance's name under 'name'",
        "b5-public-holidays-de": "a holiday's name under 'name'",
        "b5-eponymous-diseases-catalog": "a disease's name under 'name'",
        "b5-name-key-breeds-plants": "a breed's or a plant's name under 'name'",
        "b5-name-key-storms-planets": "a storm's or a planet's name under 'name'",
        "b5-name-key-apps-libraries": "a package's name under 'name'",
        "b5-sentry-envelope-ids": "an SDK's name under 'name'",
        "b5-cn-uscc-jp-corp-kr-brn": "CJK company names under 'name'; a company credit code read as a tax ID",
        # over-masking left as the safer side
        "b5-ch-uid-be-enterprise": "a Belgian company number reads as a phone number",
        "b5-pl-nip-es-cif": "a Polish NIP is masked (sole traders have one)",
        "b5-br-cnpj-company": "a CNPJ is masked wherever it is (a sole trader's identifies a person)",
        "b5-txt-pt-nota-fiscal": "a CNPJ is masked wherever it is",
        "b5-de-handelsregister": "a Steuernummer is masked (a person has one)",
        "b5-de-blz-directory": "bank codes are bank data wherever they are",
        "b5-uk-sort-code-branch": "a sort code is bank data wherever it is",
        "b5-q-sort-codes-lookup": "a sort code is bank data wherever it is",
        "b5-solana-program-ids": "a base58 ID under a token's name reads as a key",
        "b5-form-builder-placeholders": "a placeholder e-mail address is masked",
        "b5-openapi-examples-formats": "an object under a credential's name is masked whole",
        "b5-doc-ip-ranges-text": "documentation ranges stand for public addresses and are truncated",
        "b5-geohash-coarse": "a geohash field's value is masked at any precision",
        "b5-store-locator-business-address": "a business's street address reads as anyone's",
        "b5-us-tollfree-support-imprint": "a company's toll-free number reads as anyone's",
        "b5-q-zip-weather-de": "a postal code under 'plz' is masked",
    },
    "payloads5.jsonl": {
        # names in prose, titles and arrays with no cue
        "front-inbound-message-refund-iban": "a sign-off name in HTML; a message's 'role' reads as a name",
        "postmark-bounce-webhook-hard": "a name in a subject line; a bounce's 'Name' is masked",
        "resend-send-outbound-call-log": "a first name in a subject; a sender's company name is masked",
        "notion-database-query-candidates": "Notion's title[].plain_text",
        "datadog-rum-view-usr-query-dni": "a name in a URL parameter named in Spanish; a country code under 'geo'",
        "cloudtrail-consolelogin-createaccesskey": "a username inside an IAM ARN",
        "gemini-generatecontent-contract-clause-fr": "a name and an address in French contract prose",
        "anthropic-messages-tool-result-crm-contact": "a surname in a prompt and a tool's query",
        "razorpayx-payout-processed-fund-account": "a contact's name; an IFSC code reads as an account",
        "lever-stage-change-enriched-resume-ru": "a GitHub profile URL",
        "zh-sf-express-order-create-contacts": "Chinese names under 'contact'; a cargo's name is masked",
        "ashby-application-form-submit-uae": "an Emirates ID and a name under a system field; a file's name",
        "eventbridge-detail-payload-string-address-change": "an old address inside a JSON string",
        "motor-fnol-claim-uk-third-party": "UK plates under 'registration'",
        "ota-hotelresnotif-guest-guarantee-card": "OTA's DocID and SeriesCode (a CVV); an EchoToken is masked",
        "stripe-accounts-create-individual-json": "ssn_last_4",
        "hi-swasthya-bima-claim": "an account number under the Hindi word for 'account'",
        # over-masking left as the safer side
        "paystack-charge-success-customer": "an 'authorization' object is masked whole",
        "brevo-smtp-email-send-params-fr": "a sender company's name; CODE_ACTIVATION in params",
        "dropbox-sign-all-signed-custom-fields": "a 'signature_request' object is masked whole",
        "alb-access-log-lines-query-pii": "an ALB log's status and byte counts read as a phone number",
        "grpc-json-update-profile-google-types": "a resource name under 'name'; a revision under an address",
        "gusto-payroll-employee-compensations-bank": "a split's percentage under a bank account",
        "form-1099-nec-recipient-json": "a payer's EIN and an account number are masked",
        "terraform-plan-json-sensitive-values": "a resource's 'address' reads as a postal address",
        "ptbr-abertura-conta-pj-socio": "a CNPJ is masked wherever it is",
        "benign-airline-schedule-ssim-legs": "days of operation '1.3.5.7' read as an IP address",
    },
    # round 6: hostile cases (those over 20 KB left to the 1 MiB linear-time tests), everyday traffic
    "strings6-hostile.jsonl": {
        "h6-phone-rtl-override": "a phone number reversed inside a right-to-left override",
        "h6-phone-double-zero-intl": "'0049 (0)151 / 284 619 37' under 'kontakt'",
        "h6-iban-dots-lower": "an IBAN in lower case with dots between its groups",
        "h6-ip-hex-dotted": "an IPv4 address written in hex octets",
        "h6-card-split-four-fields": "a card number split over four fields",
        "h6-card-array-groups": "a card number split over a list's items",
        "h6-api-key-char-array-neutral": "a key written as a list of single characters",
        "h6-iban-split-two-fields": "an IBAN split over two fields",
        "h6-phone-split-fields": "a phone number's subscriber part alone",
        "h6-password-split-messages": "a password in the chat message after 'my password is'",
        "h6-hex-encoded-email": "an e-mail written in hex",
        "h6-token-reversed": "a token written backwards",
        "h6-secret-key-variant-10": "'session_id' names an ID (droplets' own word for a visit)",
        "h6-header-value-object": "a header whose value is an object breaks the record contract: a bad row, scrubbed",
        "h6-header-custom-typo-secret": "a misspelled header name ('x-app-secrt')",
        "h6-emoji-separated-card": "a card number's groups separated by emoji",
        "h6-rtl-override-key": "a key written backwards behind a right-to-left override",
        "h6-header-non-string-number": "a header whose value is a number breaks the record contract: a bad row, scrubbed",
    },
    "strings6-everyday.jsonl": {
        "ev6-gen-gift-card": "a lone first name in a gift message; a date under 'deliverOn' reads as a name",
        "ev6-tr-havale-iban": "Turkish 'Kira Mart' (March rent) is two names of the lexicon",
        "ev6-us-validation-error-echo": "an error message that echoes an e-mail is masked whole",
        "ev6-in-neft-beneficiary": "an IFSC code reads as a name",
        "ev6-br-login-log": "'senha incorreta': 'senha' read as a pair's name",
        "ev6-ru-train-passport": "a Russian passport's series and number",
        "ev6-jp-error-validation": "a malformed e-mail (two '@') echoed in an error",
        "ev6-vn-grab-booking": "a landmark's name under 'name'",
        "ev6-gen-cookie-session": "a cart count cookie is masked with the session cookie",
        "ev6-gen-vet-appointment": "a pet's name under 'name'",
        "ev6-gb-nhs-booking": "a named patient's appointment type (Asthma review) is masked as their health: kept on purpose",
        "ev6-de-lieferando-review": "a lone first name in prose",
        "ev6-es-cv-upload-query": "a LinkedIn slug in a query",
        "ev6-vn-query-tracking": "a Vietnamese name under a bare 'ten'",
    },
    "strings6-benign-everyday.jsonl": {
        "ev6-cms-article-ru": "a public figure's name, masked as anyone's by the lexicon of names (the safer side)",
        "ev6-cms-article-es": "a public figure's name, masked as anyone's by the lexicon of names (the safer side)",
        "ev6-cms-article-tr": "a public figure's name, masked as anyone's by the lexicon of names (the safer side)",
        "ev6-sports-scores": "a public figure's name, masked as anyone's by the lexicon of names (the safer side)",
        "ev6-movie-listing": "a public figure's name, masked as anyone's by the lexicon of names (the safer side)",
        "ev6-book-bestsellers-de": "a public figure's name, masked as anyone's by the lexicon of names (the safer side)",
        "ev6-product-detail-es": "a product's name under 'nombre' in an object that says nothing of itself",
        "ev6-shipping-rates": "a postal code is masked wherever it is",
        "ev6-infra-ntp-log": "a server's public IP in a log line reads as a client's",
        "ev6-sports-nba-boxscore": "public figures' names under 'name'",
        "ev6-sports-f1-standings": "public figures' names",
        "ev6-ical-public-holiday": "an iCalendar UID reads as an e-mail",
        "ev6-public-holidays-api": "a holiday's name under 'name'",
        "ev6-wiki-biography-public-figure": "a public figure's birth date and place",
        "ev6-store-locator-museum": "a public place's address and name",
        "ev6-store-locator-retail": "a shop's address",
        "ev6-poi-search-ja": "public places' names and addresses",
        "ev6-i18n-catalog-en": "labels that are one Latin word or a credential's; a placeholder e-mail",
        "ev6-i18n-catalog-de": "labels of one Latin word (a surname may be one)",
        "ev6-i18n-catalog-fr": "labels of one Latin word",
        "ev6-i18n-catalog-hi": "labels that are no field name whole",
        "ev6-i18n-catalog-pt-tr-pl": "labels that are no field name whole, or one Latin word",
        "ev6-consent-banner-config": "a purpose's text under 'name'",
        "ev6-enums-timezones": "time zones under a person's 'display'",
        "ev6-ids-in-query": "a page token under a credential's word",
        "ev6-company-uk-companies-house": "a company's registered office reads as an address",
        "ev6-bank-public-routing": "a bank code is bank data wherever it is",
        "ev6-search-query-ar": "a search's Arabic text reads as a name",
        "ev6-bot-ua-header": "a crawler's contact in 'from' reads as an e-mail",
        "ev6-healthcare-clinic-public-hours": "a clinic's address",
        "ev6-hdr-google-cloud": "name=projects/... in a header reads as a name pair",
    },
}


@pytest.fixture(scope="module")
def chain():
    return build_chain(get_plugin_manager(), None)


def _strings(value) -> list[str]:
    """Every key and string of a stored record (iterative: a hostile case nests a thousand deep)."""
    out, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            out.extend(str(k) for k in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            out.append(item)
    return out


def _failures(chain, case: dict) -> list[str]:
    record = make_record()
    route = case.get("route", "/api/things/:id")
    record["request"].update(route=route, path=route.replace(":id", "42"))
    where, value = case["where"], case["value"]
    if where == "body":
        record["request"]["body"] = value
    elif where == "query":
        record["request"]["query"] = value
    elif where == "header":
        record["request"]["headers"].update(value)
    else:
        record["request"]["body"] = {"message": value}
    result = chain.run(json.dumps(record, ensure_ascii=False), "2026-12-02T00:00:00.000Z")
    if type(result).__name__ != "Stored":
        return [f"not stored: {result!r}"[:200]]
    # the record as JSON, and each of its strings as stored (a value's quotes and backslashes are not
    # escaped there as JSON writes them: 'W/"7ead..."' is kept, and 'pa"ss' leaks, whatever the escaping)
    stored = "\n".join([json.dumps(result.record, ensure_ascii=False), *_strings(result.record)])
    return ([f"leaked {s!r}" for s in case.get("must_not_contain", []) if s in stored]
            + [f"changed {s!r}" for s in case.get("must_keep", []) if s not in stored])



@pytest.mark.parametrize("corpus", sorted(KNOWN_GAPS))
def test_every_case_of_the_probe_corpora_passes_but_the_known_gaps(chain, corpus):
    # GIVEN a corpus written without sight of pii's code or tests
    # one case a line; not splitlines(): a hostile case's JSON text holds U+2028 and U+001C as they are
    cases = [json.loads(line) for line in (CORPORA / corpus).read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(cases) >= 90
    # WHEN each case runs through the default chain
    failing = {case["id"]: _failures(chain, case) for case in cases}
    failing = {case_id: why for case_id, why in failing.items() if why}
    # THEN only the known gaps fail, and every known gap still does (a closed one comes off the list)
    known = KNOWN_GAPS[corpus]
    assert {k: v for k, v in failing.items() if k not in known} == {}
    assert sorted(set(known) - set(failing)) == []


#: Rounds 7 to 10, written blind: names in prose that nothing announces and capitalised words
#: that only look like names (places, brands, storms, dishes...), 35 locales each; everyday
#: personal traffic and its benign look-alikes in 31-46 locales. What is left (names in scripts
#: without spaces, in lower case, or ordinary words; health details in free text; local address
#: and ID forms; public figures masked as anyone) is listed as counts, not case by case. The
#: counts may only go down.
ROUNDS = {
    # corpus: (most personal values stored, most benign values changed)
    # round 7: names in prose and capitalised look-alikes, 35 locales
    "strings7-names-prose.jsonl": (147, 9),  # of 531 names and 613 kept values, in 288 cases (519 at stop 30, 243 at stop 31) (9 changed since stop 37: a named patient's 'alergia a dipirona' is health data, masked)
    "strings7-benign-capitals.jsonl": (0, 30),  # of 1,110 kept values, in 324 cases (10 at stop 30, 31 at stop 31; 30 since stop 38: a stadium named for a man, alone in its field, "Γεώργιος Καραϊσκάκης", reads as his name once Greek surnames are known by their suffix)
    # round 8: everyday personal traffic (46 locales, health details included) and wholly benign
    # traffic full of look-alikes (31 locales), written at stop 32 after the code it measures
    "strings8-personal.jsonl": (45, 20),  # of 1,025 personal values and 695 kept values (217 and 68 before stop 32; 71 kept values changed before towns were kept at stop 33; a Vietnamese diagnosis read to its sentence's end and a Greek patient's medication under 'farmako' masked since stop 34; an Italian CAP beside a person's name since stop 35) (19 changed since stop 37: a person's psychiatry clinic, 정신건강의학과, is health data, masked; 20 since stop 40: a Turkish delivery address, teslimatAdresi, masked whole with its town, as shipping_address is; 21 since stop 40: a door's digicode, 45B12, is an entry code, redacted as round 20's brief counts door codes)
    "strings8-benign.jsonl": (0, 23),  # of 724 kept values, in 300 cases (84 before stop 32, 53 before stop 33)
    # round 9, written blind at stop 33 (51 locales; secrets in 25 languages and 59 providers' formats):
    # measured first on the code of that time (203 personal values stored, 20 secrets, 17 look-alikes
    # changed), then used to fix what it found, so no longer blind
    "strings9-personal.jsonl": (52, 3),  # of 1,012 personal values and 490 kept values
    "strings9-secret.jsonl": (0, 8),  # of 201 secrets and 210 kept values (9 changed since stop 40: a login under "user's name" in Arabic, Hebrew and Swahili, اسم_المستخدم, שם_משתמש, jina_la_mtumiaji, is masked as user_name is)
    "strings9-benign.jsonl": (0, 13),  # of 829 kept values, in 320 cases
    # round 10, written blind at stop 34 (60 locales of personal data, 50 of look-alikes; secrets in 31
    # languages and providers' formats; hostile encodings, splits and shapes): measured first on the
    # code of that time (165 personal values stored, 10 secrets, 20 hostile values, 18 look-alikes
    # changed), then used to fix what it found
    "strings10-personal.jsonl": (41, 8),  # of 840 personal values and 400 kept values
    "strings10-secret.jsonl": (0, 2),  # of 187 secrets and 207 kept values
    "strings10-hostile.jsonl": (11, 4),  # of 175 personal values and secrets, 211 kept values
    "strings10-benign.jsonl": (0, 16),  # of 898 kept values, in 300 cases
    # round 11, written blind at stop 34 after round 10's fixes (60 locales of personal data, health
    # details counted as personal; 61 of look-alikes): measured first on the code of that time (172
    # personal values stored, 31 look-alikes changed; 175 and 29 on the code the stop began with),
    # then used for what generalised (conditions someone has, lab results, a team's sign-off)
    "strings11-personal.jsonl": (61, 2),  # of 684 personal values and 222 kept values (163 before stop 35)
    "strings11-benign.jsonl": (0, 22),  # of 539 kept values, in 200 cases
    # round 12, written blind at stop 35 (76 locales of personal data, special categories included; secrets
    # in 37 locales and 40 providers' formats; 76 locales of look-alikes): measured first on the code of
    # that hour (143 personal values stored, 20 secrets, 20 look-alikes changed; 153, 20 and 20 on the
    # code the stop began with), then used to fix what it found
    "strings12-personal.jsonl": (30, 2),  # of 776 personal values and 533 kept values (a Persian address's and phone's digits, stored folded to ASCII, counted as masked before stop 36)
    "strings12-secret.jsonl": (0, 5),  # of 163 secrets and 264 kept values
    "strings12-benign.jsonl": (0, 10),  # of 886 kept values, in 250 cases
    # round 13, written blind at stop 35 after round 12's fixes (70 locales of personal data and of
    # look-alikes, secrets in 47): measured first on the code of that hour (142 personal values stored,
    # 19 secrets, 52 look-alikes changed; 161, 24 and 52 on the code the stop began with), then used
    # for its secrets only (passwords told in any turn of phrase, two token formats)
    "strings13-personal.jsonl": (28, 2),  # of 802 personal values and 468 kept values (142 before stop 36)
    "strings13-secret.jsonl": (0, 8),  # of 138 secrets and 222 kept values
    "strings13-benign.jsonl": (0, 34),  # of 693 kept values, in 220 cases
    # round 14, written blind at stop 36 (82 locales of personal data and of look-alikes, secrets in 55):
    # measured first on the code of that stop's first hour (114 personal values stored, 34 secrets, 18
    # look-alikes changed; 132, 34 and 16 on the code the stop began with), then used for its secrets
    # (passwords and codes told in 25 more languages) and a few categories of its personal values
    "strings14-personal.jsonl": (18, 0),  # of 726 personal values and 340 kept values (110 before stop 37)
    "strings14-secret.jsonl": (1, 4),  # of 177 secrets and 163 kept values (a Twilio account SID, an identifier)
    "strings14-benign.jsonl": (0, 13),  # of 842 kept values, in 230 cases
    # round 15, written blind at stop 37 (112 locales of personal data, 81 of secrets, 108 of look-alikes): measured
    # first on the code the stop began with (131 personal values stored, 26 secrets, 22 look-alikes changed) and
    # on the code of that hour, after the stop's vocabularies (62, 26, 23), then used for its categories (the
    # secret words of 90 languages were asked of a helper with a few of its words as examples: not blind)
    "strings15-personal.jsonl": (30, 3),  # of 660 personal values and 296 kept values
    "strings15-secret.jsonl": (0, 7),  # of 164 secrets and 154 kept values
    "strings15-benign.jsonl": (0, 22),  # of 841 kept values, in 240 cases
    # round 16, written blind at stop 38 (149 locales of personal data; secrets in 68 languages; 118 locales
    # of look-alikes): measured first on the code the stop began with (197 personal values stored, 22
    # secrets, 40 look-alikes changed), then used for what generalised (address labels, field names,
    # cue words, secret words, toll-free lines, companies' tax numbers)
    "strings16-personal.jsonl": (60, 7),  # of 992 personal values and 313 kept values
    "strings16-secret.jsonl": (0, 1),  # of 153 secrets and 150 kept values (3 since stop 40: a login under اسم_المستخدم, masked as user_name is)
    "strings16-benign.jsonl": (0, 20),  # of 651 kept values, in 260 cases
    # round 17, written blind at stop 38 after round 16's fixes (151 locales, half of them of Africa, the
    # Middle East, Asia, the Pacific and Latin America): on the stop's first code 115 personal values
    # stored, 40 secrets, 63 look-alikes changed; on the code before it was looked at 93, 36 and 58;
    # then used for its secrets
    "strings17-personal.jsonl": (54, 4),  # of 787 personal values and 290 kept values
    "strings17-secret.jsonl": (1, 3),  # of 131 secrets and 145 kept values
    "strings17-benign.jsonl": (0, 38),  # of 497 kept values, in 220 cases
    # round 18, written blind at stop 39 (90 locales of personal data, secrets of 80 services and 40
    # locales, 92 locales of look-alikes): on the stop's first code 83 personal values stored, 19 secrets,
    # 41 look-alikes changed; then used for its categories (identifiers beside a person's field, homes'
    # units, phones after more cues and after a name, eID subjects, credential names of 84 languages)
    "strings18-personal.jsonl": (22, 6),  # of 742 personal values and 311 kept values
    "strings18-secret.jsonl": (1, 3),  # of 184 secrets and 209 kept values
    "strings18-benign.jsonl": (0, 22),  # of 530 kept values, in 230 cases
    # round 19, written blind at stop 39 after round 18's fixes (77 locales of personal data in production
    # API shapes, secrets in 38 languages, 79 locales of look-alikes): on the stop's first code 88 personal
    # values stored, 26 secrets, 47 look-alikes changed; on the code before it was looked at 73, 20 and 47;
    # then used for its secrets and a few categories
    "strings19-personal.jsonl": (38, 9),  # of 897 personal values and 384 kept values
    "strings19-secret.jsonl": (0, 5),  # of 141 secrets and 175 kept values
    "strings19-benign.jsonl": (0, 35),  # of 402 kept values, in 200 cases
    # round 20, written blind at stop 40 (95 locales of personal data in healthcare, HR, school, delivery,
    # travel, marketplace and gaming shapes; secrets in 46 locales; 64 locales of look-alikes, public
    # figures and drug catalogues among them): on the stop's first code 138 personal values stored, 27
    # secrets, 78 look-alikes changed; on the code of its first hour, before it was looked at, 136, 27
    # and 78; then used for its categories (logins, offices' holders, secrets)
    "strings20-personal.jsonl": (63, 23),  # of 960 personal values and 719 kept values
    "strings20-secret.jsonl": (4, 8),  # of 205 secrets and 294 kept values
    "strings20-benign.jsonl": (0, 49),  # of 841 kept values, in 418 cases
    # round 21, written blind at stop 40 after round 20's fixes (92 locales of everyday production traffic,
    # code-switched and transliterated; secrets in 47 locales; 67 locales of look-alikes): on the stop's
    # first code 124 personal values stored, 39 secrets, 60 look-alikes changed; on the code before it
    # was looked at 119, 25 and 58; then used for its secrets, devices' owners and handles
    "strings21-personal.jsonl": (75, 13),  # of 1,012 personal values and 622 kept values
    "strings21-secret.jsonl": (3, 4),  # of 234 secrets and 244 kept values
    "strings21-benign.jsonl": (0, 43),  # of 747 kept values, in 400 cases
    # round 22, written blind at stop 41 (integrations and encodings: webhooks, GraphQL, mail headers and
    # MIME parts, vCards, OCR, percent-encoded and escaped values; 172 locales over its three files): on the
    # stop's first code 484 personal values stored of 3,615, 59 secrets of 353, 184 look-alikes changed of
    # 1,465; on the code before each file was looked at 484, 57 and 184; then used for its categories
    "strings22-personal.jsonl": (301, 52),  # of 3,615 personal values and 1,508 kept values
    "strings22-secret.jsonl": (2, 13),  # of 353 secrets and 320 kept values
    "strings22-benign.jsonl": (0, 71),  # of 1,465 kept values, in 767 cases
    # round 23, written blind at stop 42 (the everyday traffic of consumer apps: ride-hailing, delivery,
    # dating, health bookings, schools, rentals, CVs, fintech, travel, marketplaces, insurance, public
    # services, and their backends' logs; 116 locales over its two personal halves, 91 of secrets, 75 of
    # look-alikes): on the stop's first code 306 personal values stored of 1,959, 46 secrets of 307, 95
    # look-alikes changed of 968; on the code before it was looked at 302, 46 and 95; then used for its categories
    "strings23-personal.jsonl": (162, 23),  # of 1,959 personal values and 906 kept values
    "strings23-secret.jsonl": (1, 2),  # of 307 secrets and 330 kept values
    "strings23-benign.jsonl": (0, 67),  # of 968 kept values, in 430 cases
    # round 24, written blind at stop 43 (business software and the structured text inside its strings: HR,
    # CRM, help desks, invoicing, logistics, health records, identity checks; XML, CSV, HL7, EDI, SQL, vCard,
    # logs; 158 locales over its two personal halves, 99 of secrets, 83 of look-alikes): on the stop's first
    # code 299 personal values stored of 2,306, 54 secrets of 332, 65 look-alikes changed of 1,130 (79 as
    # counted before the check read each stored string: 14 kept ETags' quotes were escaped in the JSON); on
    # the code before it was looked at 296, 54 and 79 (65); then used for its categories
    "strings24-personal.jsonl": (114, 33),  # of 2,306 personal values and 946 kept values
    "strings24-secret.jsonl": (0, 9),  # of 332 secrets and 417 kept values
    "strings24-benign.jsonl": (0, 46),  # of 1,130 kept values, in 439 cases
    # round 25, written blind at stop 44 (developer and operations tooling, and people talking to each
    # other or to bots: error trackers, traces, CI logs, OAuth flows, webhooks, config dumps; chat, bot and
    # call-centre transcripts with numbers read aloud, code-switching and transliteration; 182 locales over
    # its two personal halves, 115 of secrets, 129 of look-alikes): on the stop's first code 282 personal
    # values stored of 2,404, 52 of the secret cases' 428 values, 69 look-alikes changed of 1,392; on the code
    # before it was looked at 280, 51 and 69; then used for its categories
    "strings25-personal.jsonl": (143, 60),  # of 2,404 personal values and 1,177 kept values
    "strings25-secret.jsonl": (11, 11),  # of 428 secrets and personal values beside them, and 480 kept values
    "strings25-benign.jsonl": (0, 63),  # of 1,392 kept values, in 464 cases
}


@pytest.mark.parametrize("corpus", sorted(ROUNDS))
def test_the_blind_rounds_store_no_more_personal_values_and_change_no_more_look_alikes_than_measured(chain, corpus):
    # GIVEN a corpus of personal values or of their look-alikes, written without sight of pii
    cases = [json.loads(line) for line in (CORPORA / corpus).read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(cases) >= 100
    # WHEN each case runs through the default chain
    failures = [why for case in cases for why in _failures(chain, case)]
    # THEN every record is stored, and no more values leak or change than at the last count
    assert [why for why in failures if why.startswith("not stored")] == []
    leaked = sum(why.startswith("leaked") for why in failures)
    changed = sum(why.startswith("changed") for why in failures)
    most_leaked, most_changed = ROUNDS[corpus]
    assert leaked <= most_leaked and changed <= most_changed, (leaked, changed)
