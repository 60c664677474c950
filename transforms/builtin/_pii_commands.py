"""Passwords in command lines, config files, code and queries, where no ``name=value`` pair
names them: a tool's own short flag (``redis-cli -a``, ``sqlcmd -P``, ``ldapsearch -w``) and
commands that store a secret (``gh secret set --body``), a call's arguments (``auth=("admin",
"...")``, ``define('DB_PASSWORD', '...')``), SQL's ``IDENTIFIED BY`` and Redis's ``AUTH``,
"credentials admin/...", a credential's name and its quoted value with a space between, a
``.pgpass`` line, a ``.netrc`` entry.

Each pattern runs only on text holding a literal it needs (a tool's name, ``(``, ``machine``),
and every run is bounded, so a hostile text is scanned in linear time.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_words import one_of, swap_group, top_level

#: Tools that take a password after a short flag of their own, the flags, and what the value
#: holds before the password (``http -a user:password``, ``smbclient -U user%password``), if
#: anything. The same flag is something else to other tools (``redis-cli -p`` is a port), so
#: a flag counts only after one of its tools.
_TOOL_FLAGS = (
    ("redis-cli|valkey-cli|keydb-cli", "-a|--pass", ""),
    ("sqlcmd|bcp|osql|isql|zip|unzip", "-P", ""),
    ("ldapsearch|ldapmodify|ldapadd|ldapdelete|ldapwhoami|ldappasswd|ldapcompare|ldapmodrdn|ldapexop", "-w", ""),
    ("az login|mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop|hdbsql|ncftp"
     "|podman login|buildah login|skopeo login|oras login|nerdctl login|helm registry login|crane auth login", "-p", ""),
    ("http|https|xh|xhs", "-a|--auth", ":"),
    ("smbclient|rpcclient|smbmap|smbcacls|smbget", "-U|--user", "%"),
    ("lftp", "-u", ","),
    # commands that store a secret: the value given is one
    ("gh secret set|gh variable set", "--body|-b", ""),
    ("aws secretsmanager create-secret|aws secretsmanager put-secret-value|aws secretsmanager update-secret",
     "--secret-string", ""),
)
_VALUE = r"(?:'(?P<q1>[^'\n]{1,256}+)'|\"(?P<q2>[^\"\n]{1,256}+)\"|(?P<bare>[^\s'\"-][^\s'\"]{0,255}+))"
_TOOL_FLAG_RES = tuple(
    (re.compile(
        r"(?<![\w.-])(?:" + one_of(top_level(tools)) + r")(?:\.exe)?[ ][^\n|;&]{0,256}?(?<=[ ])(?:"
        + flags + r")(?:[ ]++|=)" + _VALUE
    ), split)
    for tools, flags, split in _TOOL_FLAGS
)
#: What a text must hold for one of :data:`_TOOL_FLAGS`: a tool's first word, then a space.
_TOOL_GUARD_RE = re.compile(
    r"(?<![\w.-])(?:" + one_of(sorted({t.split(" ")[0] for tools, _, _ in _TOOL_FLAGS for t in top_level(tools)})) + r")(?:\.exe)?[ ]"
)
#: Single-dash word flags of Java's and OpenSSL's tools (``keytool -storepass ...``,
#: ``openssl pkcs12 -passin pass:...``) and of tools that spell ``-password`` with one dash.
_WORD_FLAG_RE = re.compile(
    r"(?<![\w-])-(?:storepass|keypass|srcstorepass|deststorepass|srckeypass|destkeypass|password|passwd|pwd)[ ]++"
    + _VALUE.replace("(?P<bare>", "(?:pass:)?(?P<bare>")
    + r"|(?<![\w-])-(?:passin|passout|pass)[ ]++pass:(?P<openssl>[^\s'\"]{1,256}+)"
)
#: Positional passwords: ``rabbitmqctl add_user NAME PASSWORD``, ``net user NAME PASSWORD /add``,
#: ``echo 'user:password' | chpasswd``, ``kubectl create secret ... --from-literal=KEY=VALUE``.
_POSITIONAL_RE = re.compile(
    r"(?<![\w-])rabbitmqctl[ ]+(?:add_user|change_password)[ ]+[^\s]{1,128}+[ ]+" + _VALUE
    + r"|(?<![\w-])net[ ]+user[ ]+[^\s/]{1,128}+[ ]+(?P<win>[^\s/*][^\s]{0,127}+)[ ]+/(?i:add|domain)"
    # kubectl create secret generic NAME --from-literal=KEY=VALUE ...: every literal
    + r"|(?<![\w-])--from-literal[= ][^\s=]{1,128}+=(?P<literal>[^\s'\"]{1,256}+)"
    # echo 'user:password' | chpasswd
    + r"|(?<![\w-])(?:echo|printf)[ ]+['\"]?[^\s:'\"]{1,64}+:(?P<chpasswd>[^\s'\"]{1,128}+)['\"]?[ ]*\|[ ]*(?:sudo[ ]+)?chpasswd"
)

#: A call that hands over a user and a password (``auth=("admin", "...")``, ``HTTPBasicAuth(
#: "u", "p")``, ``SetBasicAuth("u", "p")``, ``new NetworkCredential("u", "p")``,
#: ``smtp.login("u", "p")``, ``withBasicAuth('u', 'p')``): its second quoted argument.
_AUTH_CALLS = (
    "HTTPBasicAuth|HTTPDigestAuth|HTTPProxyAuth|BasicAuth|basicAuth|basic_auth|BasicAuthentication|SetBasicAuth"
    "|setBasicAuth|withBasicAuth|basic_authorize|NetworkCredential|UsernamePasswordCredentials|PasswordAuthentication"
    "|UsernamePasswordAuthenticationToken|PasswordCredential|login|Login|authenticate|set_auth|setAuth|auth|Auth"
)
_QUOTED = r"(?P<{0}q>[\"'`])(?P<{0}>(?:(?!(?P={0}q))[^\\\n]|\\.){{0,256}}+)(?P={0}q)"
_AUTH_CALL_RE = re.compile(
    r"(?<![\w$])(?:" + one_of(top_level(_AUTH_CALLS)) + r")(?:[ ]?=[ ]?|[ ]?:[ ]?)?[ ]?[(\[][ ]{0,4}"
    + _QUOTED.format("user") + r"[ ]{0,4},[ ]{0,4}" + _QUOTED.format("password") + r"[ ]{0,4}[)\]]?"
)
#: A call whose first argument names what its second holds: PHP's ``define('DB_PASSWORD',
#: '...')``, ``setenv("API_KEY", "...")``, ``System.setProperty("javax.net.ssl.keyStorePassword",
#: "...")``, ``headers.set("X-Api-Key", "...")``; and a subscript assigned one:
#: ``app.config['SECRET_KEY'] = '...'``, ``os.environ["TOKEN"] = "..."``. The name is judged.
_NAMED_ARGUMENT_RE = re.compile(
    r"\([ ]{0,4}" + _QUOTED.format("name") + r"[ ]{0,4},[ ]{0,4}" + _QUOTED.format("value")
)
_SUBSCRIPT_RE = re.compile(r"\[[ ]{0,4}" + _QUOTED.format("name") + r"[ ]{0,4}\][ ]{0,4}=(?!=)[ ]{0,4}" + _QUOTED.format("value"))

#: SQL and Redis that set or send a password: ``IDENTIFIED BY '...'``, ``PASSWORD('...')``,
#: ``WITH PASSWORD '...'``, ``CONFIG SET requirepass "..."``, ``AUTH [user] ...`` on its own line,
#: ``redis.auth("...")``.
_QUERY_PASSWORD_RE = re.compile(
    r"(?<![\w-])(?i:identified)[ ]+(?:(?i:with)[ ]+\w{1,64}+[ ]+)?(?i:by)[ ]+(?:(?i:password)[ ]+)?" + _QUOTED.format("sql")
    + r"|(?<![\w-])(?i:password)[ ]?\([ ]?" + _QUOTED.format("fn")
    + r"|(?<![\w-])(?i:config[ ]+set)[ ]+(?i:requirepass|masterauth)[ ]+" + _VALUE.replace("q1", "r1").replace("q2", "r2").replace("bare", "rb")
    + r"|(?m:^)[ \t]*(?:AUTH|auth)[ ]+(?:[^\s\"']{1,64}+[ ]+)?(?P<redis>[^\s\"']{1,256}+)[ \t]*$"
    + r"|(?<![\w$])(?:auth|AUTH)\([ ]?" + _QUOTED.format("call") + r"[ ]?\)"
)
#: A user and a password after the words that say so: "credentials admin/S3cret", "login with
#: admin / S3cret"; a password holding no digit or sign is taken for a word ("Google/Facebook").
_SAID_LOGIN_RE = re.compile(
    r"(?<![\w-])(?:(?i:credentials|creds)(?:[ ](?i:are|is))?:?|(?i:log[ -]?in|sign[ -]?in|logged in)[ ](?i:with|as|using))"
    r"[ ]{1,3}[\w.@+-]{1,64}+[ ]?[/:][ ]?(?P<password>[^\s\"'<>,;/]{1,128}+)"
)
#: A credential's name and its quoted value with only a space between: ``secret_token "..."``
#: (nginx, HCL blocks, log lines); the name is judged, and a value holding a space, or a short
#: word, is prose (the token "expired").
_SPACED_PAIR_RE = re.compile(
    r"(?<![\w.-])(?P<name>[A-Za-z][\w.-]{1,63}+)[ \t]{1,4}\\?(?P<q>[\"'])(?P<value>[^\"'\s\\]{4,256}+)\\?(?P=q)"
)

#: A ``.pgpass`` line: ``host:port:database:user:password`` (``*`` for any of the first four).
_PGPASS_RE = re.compile(
    r"(?m)^[ \t]*(?:\*|localhost|[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})++|[A-Za-z][A-Za-z0-9_-]{2,62})"
    r":(?:[0-9]{2,5}|\*):[^\s:]{1,63}+:[^\s:]{1,63}+:(?P<password>(?:\\:|[^\s:]){1,256}+)[ \t]*$"
)
#: A ``.netrc`` entry: ``machine HOST login USER password PASSWORD`` (also over several lines,
#: and ``default`` for any host).
_NETRC_RE = re.compile(
    r"(?<![\w-])(?:machine[ \t]+[^\s]{1,253}+(?:\s++(?:login|account|port)[ \t]++[^\s]{1,256}+){0,3}"
    r"|default(?:\s++(?:login|account|port)[ \t]++[^\s]{1,256}+){1,3})"
    r"\s++password[ \t]++(?P<password>[^\s]{1,256}+)"
)


def scrub(text: str, redacted: str, names_credential: Callable[[str], bool]) -> str:
    """Every password this module finds in ``text``, replaced by ``redacted``;
    ``names_credential`` judges the names that calls and subscripts give their values."""
    if " -" in text:
        if _TOOL_GUARD_RE.search(text) is not None:
            for pattern, split in _TOOL_FLAG_RES:
                text = pattern.sub(lambda m: _value(m, redacted, split), text)
        if "pass" in text or "pwd" in text:
            text = _WORD_FLAG_RE.sub(lambda m: _value(m, redacted, ""), text)
    if " user" in text or "_user" in text or "chpasswd" in text or ("--from-literal" in text and "secret" in text):
        text = _POSITIONAL_RE.sub(lambda m: _value(m, redacted, ""), text)
    if "(" in text:
        if "uth" in text or "ogin" in text or "redential" in text:
            text = _AUTH_CALL_RE.sub(lambda m: _swap(m, "password", redacted), text)
        if "," in text:
            text = _NAMED_ARGUMENT_RE.sub(lambda m: _named(m, redacted, names_credential), text)
    if "[" in text and "=" in text:
        text = _SUBSCRIPT_RE.sub(lambda m: _named(m, redacted, names_credential), text)
    if ("DENTIFIED" in text or "dentified" in text or "ASSWORD" in text or "assword(" in text or "uth" in text
            or "UTH" in text or "equirepass" in text or "asterauth" in text):
        text = _QUERY_PASSWORD_RE.sub(lambda m: _query_password(m, redacted), text)
    if ("/" in text or ":" in text) and ("redential" in text or "reds" in text or "og" in text or "ign" in text):
        text = _SAID_LOGIN_RE.sub(lambda m: _login(m, redacted), text)
    if ' "' in text or " '" in text or '\t"' in text:
        text = _SPACED_PAIR_RE.sub(lambda m: _spaced_pair(m, redacted, names_credential), text)
    if ":" in text and ("\n" in text or text.count(":") >= 4):
        text = _PGPASS_RE.sub(lambda m: _swap(m, "password", redacted), text)
    if "password" in text and ("machine" in text or "default" in text):
        text = _NETRC_RE.sub(lambda m: _swap(m, "password", redacted), text)
    return text


def _swap(match: re.Match[str], group: str, redacted: str) -> str:
    value = match[group]
    if not value or value == redacted or value.startswith("["):
        return match[0]  # nothing there, or masked already
    return swap_group(match, group, redacted)


def _value(match: re.Match[str], redacted: str, split: str) -> str:
    group = match.lastgroup  # the one value group of the alternative that matched
    value = match[group]
    if value == redacted or value.startswith("[") or value.startswith("$"):
        return match[0]  # masked already, or a variable standing for it
    start = match.start(group) - match.start()
    if split:
        user, sep, _ = value.partition(split)
        if not sep:
            return match[0]  # no password given (the tool asks for it)
        start += len(user) + 1
    return match[0][:start] + redacted + match[0][match.end(group) - match.start():]


def _query_password(match: re.Match[str], redacted: str) -> str:
    group = match.lastgroup  # the one value group of the alternative that matched
    if group == "call" and match[group].isalpha() and match[group].islower():
        return match[0]  # auth("github"), passport.authenticate("google"): a provider's name
    return _swap(match, group, redacted)


def _login(match: re.Match[str], redacted: str) -> str:
    password = match["password"]
    if password.isalpha() or not any(c.isalpha() for c in password):
        return match[0]  # a word ("Google/Facebook") or a number ("HTTP/1.1")
    return _swap(match, "password", redacted)


def _spaced_pair(match: re.Match[str], redacted: str, names_credential: Callable[[str], bool]) -> str:
    value = match["value"]
    if value.isalpha() and len(value) < 16:
        return match[0]  # the token "expired": a word, not a token
    return _named(match, redacted, names_credential)


def _named(match: re.Match[str], redacted: str, names_credential: Callable[[str], bool]) -> str:
    if not match["value"] or not names_credential(match["name"]):
        return match[0]
    return _swap(match, "value", redacted)
