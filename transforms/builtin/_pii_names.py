"""Which field names hold secrets: the name-based half of the ``pii`` transform.

Names are compared after normalisation, so ``apiKey``, ``api-key``, ``API_KEY`` and
``x-api-key`` are the same name, and so are ``cardNumber`` and ``card_number``:

1. split camelCase and every non-alphanumeric character into lower-case words
   (``user[newPassword]`` -> ``user new password``);
2. the name is sensitive when one of the terms appears in it as whole words
   (``access_token``, ``client_secret``, ``x_api_key``), or when a word ends with a
   term of five letters or more written without separators (``accesstoken``,
   ``clientsecret``, ``xapikey``);
3. unless its last word says the value is *about* the secret, not the secret
   (``token_count``, ``token_type``, ``password_updated_at``, ``expires_in``,
   ``card_number_last4``): such values are counts, types, dates and flags, and
   masking them would only destroy useful data.

Short terms (``ssn``, ``cvv``, ``pwd``) match whole words only, so ``classname`` or
``business_name`` never look like an SSN. Plurals are different words: ``max_tokens``
and ``total_tokens`` (LLM usage counters) survive.
"""

from __future__ import annotations

import re
from typing import Iterable

#: The built-in sensitive names (each normalised as above before use).
DEFAULT_FIELDS = (
    "password", "passwd", "passphrase", "pwd",
    "secret",
    "token",
    "api_key", "apikey",
    "card_number", "cardnumber", "cc_number",
    "cvv", "cvv2", "cvc", "cvc2",
    "ssn",
    "private_key",
    "authorization",
)

#: A last word that makes the value metadata about a secret rather than the secret.
METADATA_WORDS = frozenset(
    """count counts type types length len size expires expiry exp expiration ttl in at
    used usage limit limits strength policy required enabled hint last4 four brand
    present provided changed updated created valid version""".split()
)

#: Terms this long also match as the end of a word written without separators.
_SUFFIX_MIN = 5

_CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])|([A-Z]+)([A-Z][a-z])")
_SPLIT_RE = re.compile(r"[^a-z0-9]+")


def words(name: str) -> tuple[str, ...]:
    """``"xApiKey"`` -> ``("x", "api", "key")``; ``"APIKey"`` -> ``("api", "key")``."""
    spaced = _CAMEL_RE.sub(lambda m: f"{m[1]} {m[2]}" if m[1] else f"{m[3]} {m[4]}", name[:256])
    return tuple(w for w in _SPLIT_RE.split(spaced.lower()) if w)


class NameRule:
    """Decides whether a field name is sensitive; built once per transform."""

    def __init__(self, extra_fields: Iterable[str] = ()):
        self.terms = tuple({words(t) for t in (*DEFAULT_FIELDS, *extra_fields) if words(t)})
        self._joined = tuple({"".join(t) for t in self.terms if len("".join(t)) >= _SUFFIX_MIN})

    def is_sensitive(self, name: str) -> bool:
        parts = words(name)
        if not parts:
            return False
        if len(parts) > 1 and parts[-1] in METADATA_WORDS:
            return False
        for term in self.terms:
            size = len(term)
            for i in range(len(parts) - size + 1):
                if parts[i:i + size] == term:
                    return True
        return any(part.endswith(joined) for part in parts for joined in self._joined)

    def stems(self) -> set[str]:
        """First words of the terms: any text holding a sensitive name holds one of them."""
        return {term[0] for term in self.terms}
