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
    ("cqlsh|rabbitmqadmin|nodetool|cassandra-stress", "-p|-pw|--password", ""),
    ("docker login|docker.exe login", "-p|--password", ""),
    ("az", "--account-key|--sas-token", ""),
    ("nuget|dotnet nuget", "-k|--api-key|-ApiKey", ""),
    # commands that store a secret: the value given is one
    ("gh secret set|gh variable set", "--body|-b", ""),
    ("conan remote login|conan user|conan remote auth", "-p|--password", ""),
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
    # ZooKeeper's addauth digest user:password, Bitcoin Core's importprivkey KEY
    + r"|(?<![\w-])addauth[ ]+digest[ ]+[^\s:]{1,128}+:(?P<zk>[^\s'\"]{1,256}+)"
    + r"|(?<![\w-])importprivkey[ ]+['\"]?(?P<wif>[1-9A-HJ-NP-Za-km-z]{50,52}+)"
    # echo 'user:password' | chpasswd
    + r"|(?<![\w-])(?:echo|printf)[ ]+['\"]?[^\s:'\"]{1,64}+:(?P<chpasswd>[^\s'\"]{1,128}+)['\"]?[ ]*\|[ ]*(?:sudo[ ]+)?chpasswd"
)

#: A call that hands over a user and a password (``auth=("admin", "...")``, ``HTTPBasicAuth(
#: "u", "p")``, ``SetBasicAuth("u", "p")``, ``new NetworkCredential("u", "p")``,
#: ``smtp.login("u", "p")``, ``withBasicAuth('u', 'p')``): its second quoted argument.
_AUTH_CALLS = (
    "HTTPBasicAuth|HTTPDigestAuth|HTTPProxyAuth|BasicAuth|basicAuth|basic_auth|BasicAuthentication|SetBasicAuth"
    "|setBasicAuth|withBasicAuth|basic_authorize|NetworkCredential|UsernamePasswordCredentials|PasswordAuthentication"
    "|UsernamePasswordAuthenticationToken|PasswordCredential|PasswordAuthenticator|login|Login|authenticate|set_auth"
    "|setAuth|auth|Auth"
)
_QUOTED = r"(?P<{0}q>[\"'`])(?P<{0}>(?:(?!(?P={0}q))[^\\\n]|\\.){{0,256}}+)(?P={0}q)"
_AUTH_CALL_RE = re.compile(
    r"(?<![\w$])(?:" + one_of(top_level(_AUTH_CALLS)) + r")(?:[ ]?=[ ]?|[ ]?:[ ]?)?[ ]?[(\[][ ]{0,4}"
    + _QUOTED.format("user") + r"[ ]{0,4},[ ]{0,4}(?:Some\()?" + _QUOTED.format("password") + r"[ ]{0,4}[)\]]?"
)
#: Calls whose third argument is the password: Go's ``smtp.PlainAuth("", user, password,
#: host)``, JDBC's ``DriverManager.getConnection(url, user, password)``, PHP's ``new PDO(dsn,
#: user, password)`` and ``mysqli_connect(host, user, password)``.
_THIRD_ARGUMENT_RE = re.compile(
    r"(?<![\w$])(?:PlainAuth|getConnection|PDO|mysqli_connect|mysqli|mysql_connect|pg_connect_user)[ ]?\([ ]{0,4}"
    + _QUOTED.format("a") + r"[ ]{0,4},[ ]{0,4}" + _QUOTED.format("b") + r"[ ]{0,4},[ ]{0,4}" + _QUOTED.format("password")
)
#: PowerShell's ``ConvertTo-SecureString "..." -AsPlainText``: the string is a password.
_SECURE_STRING_RE = re.compile(
    r"(?i:ConvertTo-SecureString)[ ]+(?:-String[ ]+)?" + _QUOTED.format("password") + r"(?=[^\n]{0,64}?-AsPlainText)"
)
#: An API key handed to a client's constructor with no name for it: ``cohere.ClientV2("...")``,
#: ``credential.Credential("AKID...", "...")``, ``new OAuthTokenCredential('id', 'secret')``,
#: ``new \\Mailjet\\Client('key', 'secret')``: each quoted argument that reads as random.
_CLIENT_CALL_RE = re.compile(
    r"(?<![\w$])(?:[A-Za-z]{0,32}(?:Client|Credentials?|Realtime|Rest|Api|API|Sdk|SDK)(?:V[0-9])?"
    # or any class of a module: mistralai.Mistral("..."), voyageai.Client("...")
    r"|(?P<module>[a-z][a-z0-9_]{1,32}+\.[A-Z][A-Za-z0-9]{1,32}+))[ ]?\([ \n]{0,8}"
    + _QUOTED.format("first") + r"(?:[ ]{0,4},[ \n]{0,8}" + _QUOTED.format("second") + ")?"
)
#: A call whose first argument names what its second holds: PHP's ``define('DB_PASSWORD',
#: '...')``, ``setenv("API_KEY", "...")``, ``System.setProperty("javax.net.ssl.keyStorePassword",
#: "...")``, ``headers.set("X-Api-Key", "...")``; and a subscript assigned one:
#: ``app.config['SECRET_KEY'] = '...'``, ``os.environ["TOKEN"] = "..."``. The name is judged.
_NAMED_ARGUMENT_RE = re.compile(
    # (the second argument aligned with spaces or tabs, as wp-config.php's salts are)
    r"\([ ]{0,4}" + _QUOTED.format("name") + r"[ ]{0,4},[ \t]{0,24}" + _QUOTED.format("value")
)
_SUBSCRIPT_RE = re.compile(r"\[[ ]{0,4}" + _QUOTED.format("name") + r"[ ]{0,4}\][ ]{0,4}=(?!=)[ ]{0,4}" + _QUOTED.format("value"))

#: SQL and Redis that set or send a password: ``IDENTIFIED BY '...'``, ``PASSWORD('...')``,
#: ``WITH PASSWORD '...'``, ``CONFIG SET requirepass "..."``, ``AUTH [user] ...`` on its own line,
#: ``redis.auth("...")``.
_QUERY_PASSWORD_RE = re.compile(
    r"(?<![\w-])(?i:identified)[ ]+(?:(?i:with)[ ]+\w{1,64}+[ ]+)?(?i:by)[ ]+(?:(?i:password)[ ]+)?" + _QUOTED.format("sql")
    + r"|(?<![\w-])(?i:password)[ ]?\([ ]?" + _QUOTED.format("fn")
    + r"|(?<![\w-])(?i:config[ ]+set)[ ]+(?i:requirepass|masterauth)[ ]+" + _VALUE.replace("q1", "r1").replace("q2", "r2").replace("bare", "rb")
    # redis.conf, sentinel.conf: requirepass / masterauth / sentinel auth-pass on a line of their own
    + r"|(?m:^)[ \t]*(?:requirepass|masterauth|sentinel[ ]+auth-pass[ ]+[^\s]{1,64}+)[ \t]+(?P<conf>[^\s\"']{1,256}+)[ \t]*(?m:$)"
    + r"|(?m:^)[ \t]*(?:AUTH|auth)[ ]+(?:[^\s\"']{1,64}+[ ]+)?(?P<redis>[^\s\"']{1,256}+)[ \t]*$"
    + r"|(?<![\w$])(?:auth|AUTH)\([ ]?" + _QUOTED.format("call") + r"[ ]?\)"
)
#: A user and a password after the words that say so: "credentials admin/S3cret", "login with
#: admin / S3cret"; a password holding no digit or sign is taken for a word ("Google/Facebook").
_SAID_LOGIN_RE = re.compile(
    r"(?<![\w-])(?:(?i:credentials|creds)(?:[ ](?i:for|of|on|to)[ ][\w.-]{1,40}+)?(?:[ ](?i:are|is))?:?|(?i:log[ -]?in|sign[ -]?in|logged in)[ ](?i:with|as|using))"
    r"[ ]{1,3}[\w.@+-]{1,64}+[ ]?[/:][ ]?(?P<password>[^\s\"'<>,;/]{1,128}+)"
)
#: A password said in a sentence, in languages :mod:`._pii_tokens` does not read: Italian
#: "la password è ...", Polish "hasło (do panelu) to ...", Turkish "şifrem ...", and after the
#: word in Japanese, Chinese and Korean ("パスワードは ...", "密码是...", "비밀번호는 ..."), where
#: the password is the run of ASCII after it. A Latin-script value must hold a digit or a sign
#: ("la password è scaduta", "hasło jest nieprawidłowe" say something of a password).
_PROSE_VALUE = r"(?P<{0}>[^\s\"'<>]{{4,128}}+)"
_PROSE_PASSWORD_RE = re.compile(
    r"(?<![\w-])(?i:password|passwort|parola d'ordine)[ ](?:è|e'|é)[ ]{1,3}:?[ ]?" + _PROSE_VALUE.format("it")
    + r"|(?<![\w-])(?i:hasło|haslo)(?:[ ](?:do|dla|od|na)[ ][^\s\d.,;:!?]{1,40}+){0,2}?[ ]{1,3}(?:to|jest|brzmi)[ ]{1,3}:?[ ]?"
    + _PROSE_VALUE.format("pl")
    + r"|(?<![\w-])(?:[ŞşSs]ifrem|[ŞşSs]ifreniz|[ŞşSs]ifre|[Pp]arolam|[Pp]arolanız|[Pp]arola)(?:[ ]şu)?[ ]{0,3}:?[ ]{1,3}"
    + _PROSE_VALUE.format("tr")
    + r"|(?:パスワード|暗証番号|密码|密碼|口令|비밀번호|패스워드|암호)(?:(?:は|が|是|为|為|는|은)[ ]{0,3}[:：]?|[:：]|(?=[ ]))[ ]{0,3}(?P<cjk>[!-~]{4,128}+)"
)
#: A credential's name and its quoted value with only a space between: ``secret_token "..."``
#: (nginx, HCL blocks, log lines); the name is judged, and a value holding a space, or a short
#: word, is prose (the token "expired").
_SPACED_PAIR_RE = re.compile(
    r"(?<![\w.-])(?P<name>[A-Za-z][\w.-]{1,63}+)[ \t]{1,4}\\?(?P<q>[\"'])(?P<value>[^\"'\s\\]{4,256}+)\\?(?P=q)"
)

#: An environment variable given as a name and a value: Kubernetes' ``- name: PGPASSWORD`` then
#: ``value: "..."`` on the next line, a task definition's ``{"name": "DB_PASSWORD", "value":
#: "..."}``; the name is judged.
_NAME_VALUE_RE = re.compile(
    r"(?<![\w-])name\\?[\"']?:[ ]{0,4}\\?[\"']?(?P<name>[A-Za-z_][\w.-]{0,63}+)\\?[\"']?"
    r"(?:[ \t]*,[ \t]*|[ \t]*\r?\n[ \t]{0,32}+)\\?[\"']?value\\?[\"']?:[ ]{0,4}\\?[\"']?(?P<value>[^\s\"'\\,}]{1,256}+)"
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


#: More commands with a password in a place of their own: an archiver's ``-p`` with the password
#: attached (``7z a -pSECRET``), ``ngrok config add-authtoken TOKEN``, ``net use \\\\host\\share
#: PASSWORD /user:...``, ``schtasks ... /RP PASSWORD``, FreeRDP's ``/p:PASSWORD``, ``chpasswd <<<
#: 'user:password'``, an expect script's ``send`` after a password prompt, GitHub Actions'
#: ``::add-mask::VALUE`` (the value is a secret by definition), and Cisco IOS's ``password 0 ...``,
#: ``enable secret 5 ...``, ``snmp-server community ...``, ``tacacs-server key 7 ...``.
_COMMAND_SECRET_RE = re.compile(
    r"(?<![\w.-])(?:7z|7za|7zr|rar|unrar)(?:\.exe)?[ ][^\n|;&]{0,256}?(?<=[ ])-p(?P<archive>[^\s'\"-][^\s'\"]{0,255}+)"
    r"|(?<![\w.-])ngrok(?:\.exe)?[ ]+(?:config[ ]+add-authtoken|authtoken)[ ]+(?P<ngrok>[^\s'\"]{8,256}+)"
    r"|(?<![\w.-])(?i:net)[ ]+(?i:use)[ ]+(?:[A-Za-z]:[ ]+)?\\\\[^\s]{1,256}+[ ]+(?P<netuse>[^\s/*\"][^\s]{0,127}+)(?=[ ]+/)"
    r"|(?<![\w.-])(?i:schtasks)(?:\.exe)?[ ][^\n]{0,512}?[ ]/(?i:RP)[ ]+(?:\"(?P<rpq>[^\"\n*]{1,128}+)\"|(?P<rp>[^\s\"*][^\s]{0,127}+))"
    r"|(?<![\w.-])(?:xfreerdp|wlfreerdp|sdl-freerdp|freerdp)[ ][^\n]{0,512}?[ ]/p:(?:'(?P<rdpq1>[^'\n]{1,256}+)'|\"(?P<rdpq2>[^\"\n]{1,256}+)\"|(?P<rdp>[^\s'\"]{1,256}+))"
    r"|(?<![\w.-])chpasswd[ ]*<<<[ ]*['\"]?[^\s:'\"]{1,64}+:(?P<herestring>[^\s'\"]{1,128}+)"
    r"|(?<![\w.-])expect[ ]+\"[^\"\n]{0,64}?(?i:password|passphrase|passcode|pin)[^\"\n]{0,64}\"[ \t]*\r?\n[ \t]*send[ ]+\"(?P<send>[^\"\n\\]{1,128}+)"
    r"|::add-mask::(?P<mask>[^\s\"']{1,512}+)"
    # mail protocols: SMTP's AUTH PLAIN and the answer to its password prompt, IMAP's LOGIN
    r"|(?<![\w-])AUTH[ ]+PLAIN[ ]+(?P<plain>[A-Za-z0-9+/]{8,512}+={0,2})"
    r"|334[ ]+UGFzc3dvcmQ6[ \t]*\r?\n(?:C:[ ]+)?(?P<smtplogin>[A-Za-z0-9+/]{4,512}+={0,2})"
    r"|(?m:^)(?:C:[ ]+)?[A-Za-z]{0,4}[0-9]{1,6}[ ]+(?:LOGIN|login)[ ]+(?:\"[^\"\n]{1,128}+\"|[^\s\"]{1,128}+)[ ]+(?:\"(?P<imapq>[^\"\n]{1,128}+)\"|(?P<imap>[^\s\"]{1,128}+))"
    r"|(?m:^)[ \t]*(?:username[ ]+[^\s]{1,64}+[ ]+(?:privilege[ ]+[0-9]{1,2}[ ]+)?(?:password|secret)|enable[ ]+(?:password|secret)"
    r"|(?:tacacs|radius)-server[ ]+key|key-string|snmp-server[ ]+community"
    # an IKE pre-shared key: "crypto isakmp key <psk> address ...", "pre-shared-key [local|remote] <psk>"
    r"|crypto[ ]+isakmp[ ]+key|pre-shared-key(?:[ ]+(?:local|remote|address[ ]+[0-9./]+))?)[ ]+(?:[0-9][ ]+)?(?P<ios>[^\s]{1,256}+)"
    # Bundler's credentials for a gem host in the environment (BUNDLE_GEMS__CONTRIBSYS__COM=user:pass), and
    # the value of a Windows answer file's password element (<AdministratorPassword><Value>...)
    r"|(?<![\w])BUNDLE_[A-Z0-9_]{0,64}?__[A-Z0-9]{2,24}=(?P<bundle>[^\s'\"]{3,256}+)"
    r"|<(?:AdministratorPassword|Password|AutoLogonPassword)>\s{0,16}+<Value>(?P<unattend>[^<]{1,512}+)</Value>"
)
#: An SNMPv3 user's authentication and privacy passphrases: net-snmp's ``createUser NAME SHA
#: "auth" AES "priv"`` and Cisco IOS's ``snmp-server user NAME GROUP v3 auth sha AUTH priv aes
#: 128 PRIV``.
_SNMP_USER_RE = re.compile(
    r"(?<![\w-])(?:createUser[ ]+(?:-e[ ]+[^\s]{1,64}+[ ]+)?[^\s]{1,64}+|snmp-server[ ]+user[ ]+[^\s]{1,64}+[ ]+[^\s]{1,64}+[ ]+v3)"
    r"[ ]+(?i:auth[ ]+)?(?i:MD5|SHA(?:-?[0-9]{3})?)[ ]+(?:\"(?P<auth1>[^\"\n]{1,256}+)\"|(?P<auth2>[^\s\"]{1,256}+))"
    r"(?:[ ]+(?i:priv[ ]+)?(?i:DES|3DES|AES(?:-?[0-9]{3})?)(?:[ ]+[0-9]{3})?[ ]+(?:\"(?P<priv1>[^\"\n]{1,256}+)\"|(?P<priv2>[^\s\"]{1,256}+)))?"
)
#: Names and values written apart, the name judged: Terraform's ``variable "db_password" {
#: default = "..." }``, Go's printing of a Kubernetes env entry ``{Name:API_TOKEN Value:...}``,
#: PHP's ``var_dump`` (``["password"]=> string(18) "..."``), KeePass XML's ``<Key>Password</Key>
#: <Value>...</Value>``.
_NAMED_APART_RE = re.compile(
    r"(?<![\w-])variable[ ]+\"(?P<tf>[\w.-]{1,128}+)\"[ ]*\{[^{}]{0,512}?\bdefault[ ]*=[ ]*\"(?P<tfv>[^\"\n]{1,256}+)\""
    r"|\{Name:(?P<go>[\w.-]{1,128}+)[ ]Value:(?P<gov>[^\s{}]{1,256}+)"
    r"|\[\\?\"(?P<php>[\w.-]{1,64}+)\\?\"\]=>\s{0,16}+string\([0-9]{1,6}\)[ ]\\?\"(?P<phpv>[^\"\n\\]{1,256}+)"
    r"|<Key>(?P<kp>[^<]{1,64}+)</Key>\s{0,16}+<Value(?:[ ][^>]{0,128}+)?>(?P<kpv>[^<]{1,256}+)</Value>"
    # ``pulumi config set [--plaintext] dbPassword VALUE``: a secret's name, then its value on the command line
    r"|(?<![\w-])pulumi[ ]+config[ ]+set[ ]+(?:--[\w-]{1,16}+[ ]+)*(?P<pulumi>\[redacted\]|[\w.:/-]{1,128}+)[ ]+"
    r"(?:'(?P<pulumiv>[^'\n]{1,256}+)'|\"(?P<pulumiv2>[^\"\n]{1,256}+)\"|(?P<pulumiv3>[^\s'\"-][^\s'\"]{0,255}+))"
)
#: A config file's ``Name  value`` line (Fluent Bit's ``HTTP_Passwd``, keepalived's ``auth_pass``,
#: sshd-like files): the name is judged; a value that is only letters is a word (``auth_type PASS``).
_CONFIG_LINE_RE = re.compile(r"(?m)^[ \t]*(?P<name>[A-Za-z][\w.-]{1,63}+)[ \t]++(?P<value>[^\s]{4,256}+)[ \t]*\r?$")


#: A blog's XML-RPC call (WordPress, MetaWeblog, Blogger, Movable Type): its password is a
#: positional parameter, after the user name (``wp.getUsersBlogs(username, password)``,
#: ``wp.getPosts(blog_id, username, password, ...)``, ``blogger.*(appkey, blog_id, username,
#: password, ...)``).
_XMLRPC_CALL_RE = re.compile(
    r"<methodName>\s{0,16}+(?P<method>(?:wp|metaWeblog|blogger|mt)\.[A-Za-z]{1,64}+)\s{0,16}+</methodName>\s{0,16}+"
    r"<params>(?P<params>(?:\s{0,16}+<param>\s{0,16}+<value>[^<]{0,512}+(?:<[a-z0-9]{1,16}>[^<]{0,512}+</[a-z0-9]{1,16}>)?"
    r"[^<]{0,64}+</value>\s{0,16}+</param>){1,8})"
)
_XMLRPC_PARAM_RE = re.compile(r"<value>[^<]{0,512}+(?:<(?:string|int|i4)>(?P<value>[^<]{0,512}+)</(?:string|int|i4)>)?")
_XMLRPC_PASSWORD_AT = {"wp.getUsersBlogs": 1, "blogger.getUsersBlogs": 2, "blogger.getUserInfo": 2}


def _xmlrpc_password(match: re.Match[str], redacted: str) -> str:
    method = match["method"]
    at = _XMLRPC_PASSWORD_AT.get(method, 3 if method.startswith("blogger.") else 2)
    params = list(_XMLRPC_PARAM_RE.finditer(match.string, match.start("params"), match.end("params")))
    if at >= len(params) or not params[at]["value"]:
        return match[0]
    start, end = params[at].start("value") - match.start(), params[at].end("value") - match.start()
    return match[0][:start] + redacted + match[0][end:]


def scrub(text: str, redacted: str, names_credential: Callable[[str], bool]) -> str:
    """Every password this module finds in ``text``, replaced by ``redacted``;
    ``names_credential`` judges the names that calls and subscripts give their values."""
    if " -" in text:
        if _TOOL_GUARD_RE.search(text) is not None:
            for pattern, split in _TOOL_FLAG_RES:
                text = pattern.sub(lambda m: _value(m, redacted, split), text)
        if "pass" in text or "pwd" in text:
            text = _WORD_FLAG_RE.sub(lambda m: _value(m, redacted, ""), text)
    if (" user" in text or "_user" in text or "chpasswd" in text or ("--from-literal" in text and "secret" in text)
            or "addauth" in text or "importprivkey" in text):
        text = _POSITIONAL_RE.sub(lambda m: _value(m, redacted, ""), text)
    if "(" in text:
        if "uth" in text or "ogin" in text or "redential" in text:
            text = _AUTH_CALL_RE.sub(lambda m: _swap(m, "password", redacted), text)
        if "," in text:
            text = _NAMED_ARGUMENT_RE.sub(lambda m: _named(m, redacted, names_credential), text)
            if "Auth" in text or "onnect" in text or "PDO" in text or "mysqli" in text:
                text = _THIRD_ARGUMENT_RE.sub(lambda m: _swap(m, "password", redacted), text)
        if ("lient" in text or "redential" in text or "Realtime" in text or "Rest" in text or "Api" in text
                or "API" in text or "dk(" in text or "DK(" in text or ("(\"" in text or "('" in text)):
            text = _CLIENT_CALL_RE.sub(lambda m: _random_arguments(m, redacted), text)
    if "SecureString" in text or "securestring" in text:
        text = _SECURE_STRING_RE.sub(lambda m: _swap(m, "password", redacted), text)
    if "[" in text and "=" in text:
        text = _SUBSCRIPT_RE.sub(lambda m: _named(m, redacted, names_credential), text)
    if ("DENTIFIED" in text or "dentified" in text or "ASSWORD" in text or "assword(" in text or "uth" in text
            or "UTH" in text or "equirepass" in text or "asterauth" in text or "auth-pass" in text):
        text = _QUERY_PASSWORD_RE.sub(lambda m: _query_password(m, redacted), text)
    if ("/" in text or ":" in text) and ("redential" in text or "reds" in text or "og" in text or "ign" in text):
        text = _SAID_LOGIN_RE.sub(lambda m: _login(m, redacted), text)
    if not text.isascii() or "assword" in text or "ASSWORD" in text or "aslo" in text or "ifre" in text or "arola" in text:
        if ("ass" in text or "ASS" in text or "sło" in text or "aslo" in text or "ifre" in text or "arola" in text
                or "パスワード" in text or "暗証番号" in text or "密" in text or "口令" in text or "비밀번호" in text
                or "패스워드" in text or "암호" in text):
            text = _PROSE_PASSWORD_RE.sub(lambda m: _prose_password(m, redacted), text)
    if ' "' in text or " '" in text or '\t"' in text:
        text = _SPACED_PAIR_RE.sub(lambda m: _spaced_pair(m, redacted, names_credential), text)
    if "value" in text and "name" in text:
        text = _NAME_VALUE_RE.sub(lambda m: _named(m, redacted, names_credential), text)
    if ":" in text and ("\n" in text or text.count(":") >= 4):
        text = _PGPASS_RE.sub(lambda m: _swap(m, "password", redacted), text)
    if "password" in text and ("machine" in text or "default" in text):
        text = _NETRC_RE.sub(lambda m: _swap(m, "password", redacted), text)
    if (" -p" in text or "ngrok" in text or "/user:" in text or "/RP" in text or "/rp" in text or "/p:" in text
            or "<<<" in text or "send " in text or "::add-mask::" in text or "password " in text or "secret " in text
            or "community " in text or "key " in text or "key-string" in text or "pre-shared-key " in text or "AUTH PLAIN" in text
            or "334 " in text or " LOGIN " in text or " login " in text  # an IMAP tag: a001 LOGIN
            or "BUNDLE_" in text or "<Value>" in text):
        text = _COMMAND_SECRET_RE.sub(lambda m: _swap(m, m.lastgroup, redacted), text)
    if "<methodName>" in text:
        text = _XMLRPC_CALL_RE.sub(lambda m: _xmlrpc_password(m, redacted), text)
    if "createUser" in text or "snmp-server user" in text:
        text = _SNMP_USER_RE.sub(lambda m: _snmp_user(m, redacted), text)
    if "default" in text or "{Name:" in text or "]=>" in text or "<Key>" in text or "pulumi" in text:
        text = _NAMED_APART_RE.sub(lambda m: _apart(m, redacted, names_credential), text)
    if "\n" in text:
        text = _CONFIG_LINE_RE.sub(lambda m: _config_line(m, redacted, names_credential), text)
    return text


def _apart(match: re.Match[str], redacted: str, names_credential: Callable[[str], bool]) -> str:
    name = next(g for g in ("tf", "go", "php", "kp", "pulumi") if match[g] is not None)
    if not names_credential(match[name].rsplit(":", 1)[-1]) and not (name == "pulumi" and "--secret" in match[0]):
        return match[0]
    value = next(g for g in (name + "v", name + "v2", name + "v3") if g in match.re.groupindex and match[g] is not None)
    return _swap(match, value, redacted)


def _snmp_user(match: re.Match[str], redacted: str) -> str:
    text = match[0]
    for group in ("priv1", "priv2", "auth1", "auth2"):  # from the end, so that earlier offsets hold
        if match[group] is not None:
            start, end = match.start(group) - match.start(), match.end(group) - match.start()
            text = text[:start] + redacted + text[end:]
    return text


def _config_line(match: re.Match[str], redacted: str, names_credential: Callable[[str], bool]) -> str:
    if match["value"].isalpha() or match["value"][0] in "[{(\"'":
        return match[0]  # "auth_type PASS", "password {": a word, or a block that opens
    return _named(match, redacted, names_credential)


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


def _prose_password(match: re.Match[str], redacted: str) -> str:
    group = match.lastgroup
    value = match[group].rstrip(".,;:!?)")
    if not value or value.startswith("[") or value == redacted:
        return match[0]
    if group != "cjk" and (value.isalpha() or not any(c.isascii() and c.isalnum() for c in value)):
        return match[0]  # a word: "la password è scaduta", "şifre sıfırlama"
    start = match.start(group) - match.start()
    return match[0][:start] + redacted + match[0][start + len(value):]


def _spaced_pair(match: re.Match[str], redacted: str, names_credential: Callable[[str], bool]) -> str:
    value = match["value"]
    if value.isalpha() and len(value) < 16:
        return match[0]  # the token "expired": a word, not a token
    return _named(match, redacted, names_credential)


def _named(match: re.Match[str], redacted: str, names_credential: Callable[[str], bool]) -> str:
    if not match["value"] or not names_credential(match["name"]):
        return match[0]
    return _swap(match, "value", redacted)


_HEXISH_RE = re.compile(r"[0-9a-fA-F-]{1,128}")


def random_looking(value: str) -> bool:
    """Does ``value`` read as a generated key (20+ characters, hex of 32+, or letters of both
    cases and digits mixed so that their kind changes often), not a name or a word?"""
    if not 20 <= len(value) <= 512 or " " in value:
        return False
    alnum = [c for c in value if c.isascii() and c.isalnum()]
    if len(alnum) < 20:
        return False
    if len(alnum) >= 32 and all(c in "0123456789abcdef" for c in alnum):
        return True
    if not (any(c.isdigit() for c in alnum) and any(c.isupper() for c in alnum) and any(c.islower() for c in alnum)):
        return False
    kinds = [0 if c.isdigit() else 1 if c.isupper() else 2 for c in alnum]
    changes = sum(1 for a, b in zip(kinds, kinds[1:]) if a != b)
    return changes * 3 >= len(alnum)


def _random_arguments(match: re.Match[str], redacted: str) -> str:
    out = match[0]
    for group in ("second", "first"):  # the later first: the earlier's offsets stay good
        value = match[group]
        if value and random_looking(value) and (match["module"] is None or not _HEXISH_RE.fullmatch(value)):
            # a module's class takes digests and IDs too (uuid.UUID("..."), git.Commit("9fce..."))
            start, end = match.start(group) - match.start(), match.end(group) - match.start()
            out = out[:start] + redacted + out[end:]
    return out
