"""The classes of personal data ``pii`` knows, and which class each finding belongs to.

A *finding* is what a detector reports: a value in text (``email``, ``iban``, ``jwt``...)
or a field whose name says what it holds (``firstName`` is a ``name``). Each finding has a
*kind* (what it is, and its ``[kind]`` mask) and each kind one *class*; the configured
action of the class (``mask``, ``hash``, ``keep``, ``drop``) decides what is stored.

This module is the one table of kinds and classes: detectors name kinds from it, the
transform maps them to actions through it, and the configuration is validated against it.
"""

from __future__ import annotations

#: Classes of personal data, each with its own configurable action.
CLASSES = (
    "name",            # person names: first, last, full, given, family name, surname...
    "contact",         # e-mail addresses, phone numbers
    "address",         # postal addresses, postal codes
    "birth_date",      # dates of birth
    "government_id",   # national and government identifiers: SSN, NINO, NIR, passport... and the numbers
                       # an institution knows a person by (insurer's member ID, student, traveller numbers)
    "bank_account",    # IBANs, account, sort-code and routing numbers
    "payment_card",    # card numbers
    "location",        # precise coordinates
    "ip",              # client IP addresses
    "device",          # identifiers of a person's device: IMEI, MAC address, advertising ID...
    "health",          # a person's diagnoses, symptoms, conditions, medications, allergies (by field name)
    "special_category",  # the rest of GDPR art. 9's special categories: religion or belief, sexual
                         # orientation, racial or ethnic origin, political opinion, trade-union
                         # membership, biometric templates
    "credential",      # passwords, tokens, keys, secrets: never kept, never hashed
)

#: What can be done with a class: replace by ``[kind]`` (``mask``), by a keyed pseudonym
#: (``hash``), leave it (``keep``) or remove the field altogether (``drop``).
ACTIONS = ("mask", "hash", "keep", "drop")

#: Classes whose action is fixed: a pseudonym or a copy of a secret helps nobody.
FIXED = {"credential": "mask"}

#: kind -> class. Detectors only report kinds listed here.
KIND_CLASS: dict[str, str] = {
    # contact
    "email": "contact",
    "phone": "contact",
    # payment cards
    "card": "payment_card",
    # bank accounts
    "iban": "bank_account",
    "account_number": "bank_account",
    "sort_code": "bank_account",
    "routing_number": "bank_account",
    # government identifiers (the ones with their own shape and checksum have their own
    # kind; national_id is any other, found by its shape or a word before it)
    "ssn": "government_id",
    "nino": "government_id",
    "nir": "government_id",
    "steuer_id": "government_id",
    "dni": "government_id",
    "nie": "government_id",
    "aadhaar": "government_id",
    "pan": "government_id",
    "cpf": "government_id",
    "cnpj": "government_id",
    "sin": "government_id",
    "bsn": "government_id",
    "codice_fiscale": "government_id",
    "nhs_number": "government_id",
    "national_id": "government_id",
    "passport": "government_id",
    "driving_licence": "government_id",
    # people and places
    "name": "name",
    "address": "address",
    "location": "location",
    "ip": "ip",
    # credentials: generic forms
    "jwt": "credential",
    "bearer": "credential",
    "basic": "credential",
    "aws_secret": "credential",
    "private_key": "credential",
    # a password in a machine format's own field (HL7's MSH-8, X12's ISA04, EDIFACT's UNB password)
    "redacted": "credential",
    # credentials: the token formats of droplets/contract/credentials.json
    "aws_key": "credential",
    "stripe_key": "credential",
    "stripe_webhook_secret": "credential",
    "onesignal_key": "credential",
    "github_token": "credential",
    "gitlab_token": "credential",
    "slack_token": "credential",
    "slack_webhook": "credential",
    "discord_webhook": "credential",
    "google_api_key": "credential",
    "google_oauth": "credential",
    "npm_token": "credential",
    "openai_key": "credential",
    "anthropic_key": "credential",
    "sendgrid_key": "credential",
    "twilio_key": "credential",
    "mailgun_key": "credential",
    "shopify_token": "credential",
    "square_token": "credential",
    "digitalocean_token": "credential",
    "huggingface_token": "credential",
    "pypi_token": "credential",
    "databricks_token": "credential",
    "atlassian_token": "credential",
    "azure_key": "credential",
    "linear_key": "credential",
    "notion_token": "credential",
    "postman_key": "credential",
    "doppler_token": "credential",
    "vault_token": "credential",
    "supabase_key": "credential",
    "grafana_token": "credential",
    "newrelic_key": "credential",
    "sentry_token": "credential",
    "mapbox_secret": "credential",
    "mapbox_token": "credential",
    "firebase_key": "credential",
    "resend_key": "credential",
    "langsmith_key": "credential",
    "plaid_token": "credential",
    "easypost_key": "credential",
    "private_key_base64": "credential",
    "age_secret_key": "credential",
    "braintree_token": "credential",
    "telegram_token": "credential",
    "heroku_key": "credential",
    "docker_token": "credential",
    "bitbucket_token": "credential",
    "planetscale_token": "credential",
    "pulumi_token": "credential",
    "figma_token": "credential",
    "groq_key": "credential",
    "replicate_token": "credential",
    "tailscale_key": "credential",
    "brevo_key": "credential",
    "flutterwave_key": "credential",
    "dynatrace_token": "credential",
    "alibaba_key": "credential",
    "perplexity_key": "credential",
    "posthog_key": "credential",
    "onepassword_token": "credential",
    "dropbox_token": "credential",
    "astra_token": "credential",
    "rubygems_key": "credential",
    "jfrog_key": "credential",
    "xai_key": "credential",
    "contentful_token": "credential",
    "netlify_token": "credential",
    "mailchimp_key": "credential",
    "discord_bot_token": "credential",
    "mollie_key": "credential",
    "prefect_key": "credential",
    "teams_webhook": "credential",
    "zapier_webhook": "credential",
    "stripe_client_secret": "credential",
    "extended_private_key": "credential",
    "laravel_key": "credential",
    "password_hash": "credential",
    "twitch_stream_key": "credential",
    "stream_key": "credential",
    "google_refresh_token": "credential",
    "google_auth_code": "credential",
    "yubikey_otp": "credential",
    "square_access_token": "credential",
    "slack_config_token": "credential",
    "fireworks_key": "credential",
    "tencent_key": "credential",
    "nostr_secret_key": "credential",
    "nuget_key": "credential",
    "minisign_secret_key": "credential",
    "pkcs12_blob": "credential",
    "lob_key": "credential",
    "mandrill_key": "credential",
    "synapse_signing_key": "credential",
    "der_private_key": "credential",
    "onion_secret_key": "credential",
    "nkey_seed": "credential",
    "tls_secret": "credential",
    "otp_secret": "credential",
    "unkey_key": "credential",
    "woocommerce_key": "credential",
    "azure_devops_pat": "credential",
    "appwrite_key": "credential",
    "make_webhook": "credential",
    "razorpay_key": "credential",
    "airtable_pat": "credential",
    "terraform_cloud_token": "credential",
    "midtrans_server_key": "credential",
    "yandex_oauth_token": "credential",
    "bitrix24_webhook": "credential",
    "recovery_codes": "credential",
    "wompi_key": "credential",
    "xendit_key": "credential",
    "omise_key": "credential",
    "flutterwave_key": "credential",
}


#: Hex digits of a hash-mode pseudonym, ``<kind>:<hex>`` (``ssn:1f0c...``): 64 bits,
#: collision-free for any realistic population.
PSEUDONYM_HEX = 16


def class_of(kind: str) -> str:
    """The class of a finding's kind; unknown kinds count as credentials (the bluntest)."""
    return KIND_CLASS.get(kind, "credential")

# --- kinds of personal-data fields (pii's field classes, transforms/builtin/_pii_names.py) ---
# A field named for personal data reports the kind its name says; kinds the text detectors
# report too (email, phone, card, iban, ssn) are the same kind, so a value gets one mask and
# one pseudonym whether it was found by its field name or in text.
KIND_CLASS.update({
    "name": "name",
    "address": "address",
    "postal_code": "address",
    "birth_date": "birth_date",
    "birth_place": "birth_date",
    "national_id": "government_id",
    "passport": "government_id",
    "driving_licence": "government_id",
    "vehicle_id": "government_id",
    "tax_id": "government_id",
    "member_id": "government_id",
    "uvci": "government_id",  # an EU Digital COVID Certificate's identifier (URN:UVCI:...)
    "bank_account": "bank_account",
    "location": "location",
    "ip": "ip",
    "device_id": "device",
    "health": "health",
    "religion": "special_category",
    "sexual_orientation": "special_category",
    "ethnicity": "special_category",
    "political_opinion": "special_category",
    "union_membership": "special_category",
    "biometric": "special_category",
    "photo": "special_category",  # a person's face: what biometric templates are made from
})

#: Actions only some classes have: an IP address can be cut to its network (IPv4 /24, IPv6
#: /48), which still tells the network for abuse analysis and rough geography.
TRUNCATE = "truncate"
CLASS_ACTIONS: dict[str, tuple[str, ...]] = {"ip": (*ACTIONS, TRUNCATE)}
#: The action of a class the configuration does not set: mask, except IP addresses,
#: truncated as pii always did.
DEFAULT_ACTIONS: dict[str, str] = {"ip": TRUNCATE}


def actions_of(cls: str) -> tuple[str, ...]:
    """The actions class ``cls`` accepts."""
    if cls in FIXED:
        return (FIXED[cls],)
    return CLASS_ACTIONS.get(cls, ACTIONS)
