"""Credentials inside text: well-known token formats, private keys, secrets in URLs.

The token formats are read from ``droplets/contract/credentials.json`` ("tokens"), the one
list the Express middleware loads too, so the app-side redaction and ``pii`` know the same
formats. Those patterns are written in the syntax Python's ``re`` and JavaScript's
``RegExp`` (``u`` flag) read alike; the boundaries are added here: a token starts after a
character that is not a letter or digit and ends before one (checked in code, after the
engine took the longest run, so a run that goes on is never cut and re-read: linear time).

Besides the listed formats:

- a PEM private-key block under any name (``RSA``, ``EC``, ``OPENSSH``, ``ENCRYPTED``, PGP
  ``... PRIVATE KEY BLOCK``) is masked from its header to its ``-----END ...-----`` line, or
  to the end of the string when a truncated body lost it; a body whose header was cut off
  is masked up to its ``END`` line; so is a PuTTY key file;
- an AWS secret access key (40 characters of base64 with upper and lower case and a digit)
  in a string that says ``aws`` or ``secret`` or holds an access key ID;
- the password of a URL's user info (``postgres://app:s3cret@db:5432``);
- the value after "password is" / "Passwort ist" / "mot de passe est"... in prose.

Credential parameters of URLs (OAuth ``code``, ``access_token``, presigned-URL signatures)
are named by :data:`URL_CREDENTIAL_PARAMS`; the pair pass of ``_pii_text`` uses them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Callable

from transforms.builtin._pii_commands import random_looking
from transforms.builtin._pii_literals import Literals, literal_prefix, literal_starts
from transforms.builtin._pii_names import not_a_secret
from transforms.builtin._pii_words import cased, one_of, starts_word, swap_group, top_level, variants

Replace = Callable[[str, str, str], str]

#: The kind of a private-key block: its body is masked with it.
PRIVATE_KEY = "private_key"
AWS_SECRET = "aws_secret"


@cache
def _token_entries() -> tuple[dict, ...]:
    text = resources.files("droplets.contract").joinpath("credentials.json").read_text(encoding="utf-8")
    return tuple(json.loads(text)["tokens"])


def token_formats() -> tuple[tuple[str, str], ...]:
    """(kind, pattern) of every token format of ``credentials.json``, in file order."""
    return tuple((entry["kind"], entry["pattern"]) for entry in _token_entries())


def token_starts(entry: dict) -> list[str]:
    """What a text must hold for a format to match in it: its literal starts, or for a
    format that starts with a class (``[0-9a-f]{32}-us[0-9]``) the literal named ``guard``
    (none for a format whose ``guard_pattern`` says it instead)."""
    if "guard_pattern" in entry:
        return []
    return [entry["guard"]] if "guard" in entry else literal_starts(entry["pattern"])


def _compile_tokens() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    formats = token_formats()
    # Longer literal prefixes first: ``sk-ant-`` is an Anthropic key before it is an
    # OpenAI ``sk-`` key. A stable sort keeps the file's order otherwise. No named groups:
    # they stop ``re`` from skipping to where a branch could start (measured: 50 times
    # slower); the kind of a match is found after it, by the one format it matches whole.
    ordered = sorted(formats, key=lambda f: -len(literal_prefix(f[1])))
    combined = re.compile("|".join(f"(?:{pattern})" for _, pattern in ordered))
    return combined, tuple((kind, re.compile(pattern)) for kind, pattern in ordered)


_TOKENS_RE, _TOKEN_PATTERNS = _compile_tokens()
_TOKEN_KINDS = tuple(kind for kind, _ in _TOKEN_PATTERNS)


def _token_kind(token: str) -> str:
    for kind, pattern in _TOKEN_PATTERNS:
        if pattern.fullmatch(token):
            return kind
    return "token"


#: Every literal a token can start with (or holds, by its guard): the token pass runs only
#: on text holding one.
_TOKEN_PREFIXES = tuple(sorted({p for entry in _token_entries() for p in token_starts(entry)}, key=lambda p: (-len(p), p)))
#: What a format that holds no literal at all holds (a Discord bot token's ``.<6>.<27>``).
_GUARD_PATTERNS = tuple(re.compile(entry["guard_pattern"]) for entry in _token_entries() if "guard_pattern" in entry)
#: The token pass's guard: one scan for every literal start.
_TOKEN_LITERALS = Literals(_TOKEN_PREFIXES)


def _may_hold_token(text: str) -> bool:
    return _TOKEN_LITERALS.found_in(text) or any(g.search(text) is not None for g in _GUARD_PATTERNS)


_TOKEN_CHAR = re.compile(r"[A-Za-z0-9]")

#: Kinds of all formats found by this module (for the table of kinds and its test).
KINDS = frozenset(_TOKEN_KINDS) | {PRIVATE_KEY, AWS_SECRET}

#: The start of a private key: the ``private_key`` formats of ``credentials.json`` (PEM
#: headers under any name, a PuTTY key file's first line).
_PEM_BEGIN_RE = re.compile("|".join(f"(?:{p})" for kind, p in token_formats() if kind == PRIVATE_KEY))
_PEM_END_RE = re.compile(r"-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PUTTY_END_RE = re.compile(r"Private-MAC: ?[0-9a-fA-F]++")
#: Longest private key body looked for before its END line (an 8192-bit RSA key in PEM is
#: about 6.5 KB); a block longer than this is masked to the end of the string.
_PEM_MAX = 16384

_AWS_SECRET_RE = re.compile(r"[A-Za-z0-9/+](?<![A-Za-z0-9/+][A-Za-z0-9/+])[A-Za-z0-9/+]{39}(?![A-Za-z0-9/+=])")
_AWS_CONTEXT_RE = re.compile(cased("aws|secret") + r"|A(?:KIA|SIA)[A-Z0-9]{16}")

_USERINFO_RE = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]{0,31}+://(?P<user>[^\s/:@?#\[\]\"'<>]{0,128}+)(?::(?P<password>[^\s/@?\"'<>;]{1,256}+))?@"
)
#: Go's MySQL driver writes its DSN without a scheme: ``user:password@tcp(host:3306)/db``.
_GO_DSN_RE = re.compile(r"(?<![\w.-])[\w.-]{1,64}+:(?P<password>[^\s@/\"']{1,256}+)@(?=(?:tcp6?|udp|unix)\()")
#: "my password is hunter2", "Passwort ist ...", "mot de passe est ...", "contraseña es ...";
#: and a card's security code or a one-time code written next to its word ("cvv 123",
#: "CVC: 4242", "OTP 123456", "PIN 1234": digits only, so "pin it" and "otp enabled" stay).
#: One pattern, so that a string is scanned once for both.
_PASSWORD_WORDS = (
    "password|passwort|passcode|passphrase|mot de passe|contraseña|contrasena|senha|wachtwoord|pin"
    # more languages, and what people write for short: "mdp", "pw", "pwd"
    "|mdp|pw|pwd|пароль|парола|гасло|parola|hasło|haslo|heslo|jelszó|jelszavam|salasana|salasanani|salasanasi"
    "|salasanan|lösenord|lösenordet|passord"
    "|passordet|adgangskode|kodeord|şifre|şifrem|sifre|kennwort|kata sandi|kata laluan|mật khẩu|palavra-passe"
    "|palavra passe|wachtwoord|wifi password|wi-fi password|wlan-passwort|wlan passwort|nenosiri"
    # a Wi-Fi's password by its other names: "le code wifi du bureau est ..."
    "|code wifi|code wi-fi|code du wifi|clé wifi|clé wi-fi|wifi code|wi-fi code|wifi key|wlan-schlüssel|wlan-schluessel"
    "|wlan schlüssel|clave wifi|clave del wifi|senha do wifi|senha wifi|senha do wi-fi"
    # scripts written with spaces between words: "मेरा पासवर्ड ... है", "كلمة المرور الخاصة بي هي ..."
    "|पासवर्ड|कूटशब्द|كلمة المرور|كلمة السر|كلمة سر|رمز المرور|رمز عبور|گذرواژه|סיסמה|סיסמא|הסיסמה|הסיסמא"
    # written without spaces before their particle: 비밀번호는, パスワードは, 密码是; Thai รหัสผ่านของฉันคือ
    "|비밀번호|패스워드|パスワード|密码|密碼|รหัสผ่าน|κωδικός πρόσβασης|κωδικό πρόσβασης|συνθηματικό"
    # Bulgarian with its article, Bengali, Afrikaans, Estonian, Lithuanian, Latvian, Icelandic, Zulu, Xhosa,
    # Croatian, Serbian, Slovene, Luxembourgish, Catalan, Basque, Galician, Irish, Welsh, Maltese, Albanian,
    # Macedonian, Georgian, Armenian, Amharic
    "|паролата|পাসওয়ার্ড|পাসওয়ার্ডটি|wagwoord|parool|parooli|slaptažodis|slaptažodį|parole|paroli|lykilorð"
    "|lykilorðið|iphasiwedi|igama lokungena|lozinka|lozinku|лозинка|лозинку|geslo|passwuert|contrasenya"
    "|pasahitza|contrasinal|pasfhocal|cyfrinair|password tiegħi|fjalëkalimi|fjalekalimi|лозинката|პაროლი"
    "|գաղտնաբառ|የይለፍ ቃል|የይለፍ ቃሌ|የይለፍ ቃሉ"
)
#: A word for a password that is an ordinary word too (Spanish "clave": "la clave del éxito"):
#: only with a value that looks like a password, after a copula (:data:`_SAID_RE`'s ``gapped``).
_PASSWORD_NOUNS = "clave"
_PASSWORD_ADJECTIVES = (
    "temporary|temp|new|initial|default|one-time|temporaire|provisoire|nouveau|provisional|temporal|nueva"
    "|nuevo|temporária|temporaria|provisória|provisoria|nova|temporaneo|temporanea|provvisoria|nuova|vorläufiges"
    "|vorlaufiges|neues|tijdelijk|tijdelijke|nieuw|nieuwe|tymczasowe|nowe|tillfälliga|nya"
)
_CODE_WORDS = (
    "cvv2|cvv|cvc2|cvc|csc|security code|pin|otp|one-time code|one-time password|verification code|passcode"
    "|confirmation code|login code|sign-in code|auth code|authentication code|2fa code|mfa code|access code"
    "|gate code|door code|entry code|keypad code|alarm code|lockbox code|buzzer code|building code|digicode"
    "|türcode|tuercode|torcode|code porte|code d'entrée|deurcode|portkod|dørkode|porttelefonkod"
    "|bestätigungscode|bestaetigungscode|sicherheitscode|einmalpasswort|einmalcode|code de vérification"
    "|code de confirmation|code de sécurité|código de verificación|código de seguridad|código de confirmación"
    "|codice di verifica|codice di sicurezza|verificatiecode|beveiligingscode|kod weryfikacyjny|kod bezpieczeństwa"
    "|verifieringskod|bekræftelseskode|vahvistuskoodisi|varmennuskoodisi|tunnistuskoodisi|kertakäyttökoodisi"
    "|kertakäyttökoodi|koodisi|vahvistuskoodi|codul tău|codul tau|codul dvs|codul dumneavoastră|código de verificação|doğrulama kodunuz|doğrulama kodu"
    "|dogrulama kodunuz|dogrulama kodu|код подтверждения|код проверки|код безопасности|ваш код"
    # Chinese, Japanese and Korean, which run on into a particle: 验证码是, 認証コードは, 인증번호는
    "|验证码|驗證碼|校验码|校驗碼|动态码|動態碼|短信验证码|認証コード|確認コード|認証番号|ワンタイムパスワード"
    "|인증번호|인증 번호|인증코드|확인 코드|확인코드|보안코드|보안 코드|セキュリティコード|確認番号"
    # more of Europe
    "|code à usage unique|code de connexion|code de validation|code d'authentification|código de acceso"
    "|código de un solo uso|código de autenticación|código OTP|código de acesso|código de autenticação"
    "|código de segurança|código de confirmação|codice OTP|codice di accesso|codice di conferma|codice monouso"
    "|verifizierungscode|anmeldecode|freigabecode|bevestigingscode|eenmalige code|inlogcode|kod SMS|kod jednorazowy"
    "|kod autoryzacyjny|kod dostępu|kod potwierdzający|engångskod|säkerhetskod|bekräftelsekod|engangskode"
    "|bekreftelseskode|verifiseringskode|sikkerhedskode|sikkerhetskode|varmennuskoodi|kertakäyttöinen koodi"
    "|tunnistuskoodi|kinnituskood|ühekordne kood|kontrollkood|patvirtinimo kodas|vienkartinis kodas"
    "|verifikācijas kods|apstiprinājuma kods|vienreizējais kods|ověřovací kód|potvrzovací kód|jednorázový kód"
    "|bezpečnostní kód|overovací kód|potvrdzovací kód|jednorazový kód|bezpečnostný kód|ellenőrző kódod"
    "|ellenőrző kódja|ellenőrző kód|megerősítő kódod|megerősítő kód|egyszer használatos kód|biztonsági kód"
    "|cod de verificare|codul de verificare|cod de confirmare|codul de confirmare|cod de securitate|cod OTP|codul OTP"
    "|verifikacijski kod|kod za potvrdu|kod za verifikaciju|jednokratni kod|potrditvena koda|verifikacijska koda"
    "|enkratna koda|koda za preverjanje|κωδικός επαλήθευσης|κωδικός επαλήθευσής|κωδικός μιας χρήσης"
    "|κωδικός ασφαλείας|κωδικός OTP|tek kullanımlık şifre|onay kodu|onay kodunuz|güvenlik kodu"
    "|одноразовый код|код для входа|код доступа|проверочный код|код за потвърждение|код за верификация"
    "|еднократен код|код підтвердження|код перевірки|одноразовий код|верификациони код|код за потврду"
    # the Middle East, South and South-East Asia, Africa
    "|رمز التحقق|رمز التأكيد|كود التحقق|كود التفعيل|رمز التفعيل|رمز الدخول|كلمة المرور لمرة واحدة"
    # with "and" written on (ورمز), a card's secret number
    "|ورمز التحقق|وكود التحقق|ورمز التأكيد|الرمز السري|والرمز السري|الرقم السري|والرقم السري|رمز سري"
    "|קוד האימות|קוד אימות|קוד הכניסה|קוד חד פעמי|קוד האישור|קוד אישור|کد تایید|کد تأیید|رمز یکبار مصرف"
    "|کد ورود|کد فعال سازی|تصدیقی کوڈ|ओटीपी|सत्यापन कोड|वन टाइम पासवर्ड|ওটিপি|যাচাইকরণ কোড|যাচাই কোড"
    "|รหัส OTP|รหัสOTP|รหัสยืนยัน|รหัสผ่านครั้งเดียว|mã xác thực|mã xác minh|mã xác nhận|mã OTP|mã kích hoạt"
    "|mã bảo mật|kode verifikasi|kode OTP|kode keamanan|kode konfirmasi|kod pengesahan|kod OTP"
    "|nambari ya uthibitisho|msimbo wa uthibitishaji"
    # the code a text message brought: "код из СМС 583920"
    "|код из смс|код из СМС|код из sms|код из SMS|код с смс|kod z sms|kod z SMS|kod z smsa|code from sms|code from the sms|sms code|sms-code|smscode"
    # a PIN by its other names, a payment's one-time code, a door's code, a code said in Hebrew and Hindi
    "|pincode|pin code|pin-code|pinkode|pinkoden|pinkod|pin kodu|PIN-Code|kod BLIK|kodu BLIK|BLIK|code de la porte"
    "|Code aus der SMS|code aus der sms|Code per SMS|code per sms|SMS-Code|code reçu par SMS|código del SMS|código do SMS"
    "|code de porte|code portail|code de l'immeuble|code d'accès|인증 코드|הקוד|והקוד|पिन"
    # a code with its article or glued to what it opens (Bulgarian, Nordic, Hungarian, Indonesian), an
    # alarm's, a hardware token's, the PIN of an ID card; Icelandic, Amharic
    "|кодът за потвърждение|кодът|koden|koden til|SMS-koden|engangskoden|alarmkode|alarmkoden|SMS-kód|SMS-kódot"
    "|kode OTP-nya|OTP-nya|PIN-en|PIN-koden|PIN-kode|PIN1|PIN2|PUK|hardware token|token code|código del token"
    "|el token|o token|le token|token bancario|token del banco|security token|öryggiskóði|öryggiskóðinn"
    "|staðfestingarkóði|የማረጋገጫ ኮድ|i-OTP|i-PIN|পিন|পিন নম্বর|ওটিপি কোড"
)
#: Words for a one-time code that are ordinary words in another case (a German TAN, not a tan).
_CODE_WORDS_AS_WRITTEN = "TAN|mTAN|smsTAN|SMS-TAN|pushTAN|chipTAN|photoTAN|TAN-Nummer|TAC"
#: "private key 4c08...", "API key: 9f8e...": a secret written after the words that name it,
#: in prose or a log line (a random-looking value: letters and digits, 20 or more).
_KEY_WORDS = ("private key|secret key|signing key|encryption key|master key|api key|access key|api token|access token"
              "|auth token|refresh token|client secret|webhook secret|api secret|app secret|shared secret|signing secret"
              "|consumer secret|auth secret|secret token|accesskey secret|AccessKey Secret|AccessKeySecret|access key secret|secret access key"
              # HashiCorp Vault's `operator init`: "Unseal Key 1: ..."
              "|unseal key 1|unseal key 2|unseal key 3|unseal key 4|unseal key 5"

              # Korean and Japanese: "REST API 키는 ...", "APIキーは ..."
              "|api 키는|api 키|api키는|rest api 키는|앱 키는|시크릿 키는|apiキーは|apiキー"
              # more languages' key, secret and token: "llave privada", "jeton API", "Токен ...", "คีย์ลับ"
              "|llave privada|clave privada|clave secreta|llave secreta|clave de api|jeton api|jeton d'api|jeton d’api"
              "|clé api|clé secrète|clé privée|chave secreta|chave privada|chave de api|token de api|token da api"
              "|api-schlüssel|geheimer schlüssel|api-token|chiave segreta|chiave api|sleutel|geheime sleutel"
              "|klucz api|klucz prywatny|tajny klucz|токен|ключ api|секретный ключ|приватный ключ|ключ доступа"
              "|özel anahtar|özel anahtarım|gizli anahtar|gizli anahtarım|チャネルシークレット|シークレットキー|シークレット"
              "|kunci rahasia|kunci api|key secret|secretkey|SecretKey|secret_key|passkey|consumer key|khóa bí mật|jeton API"
              "|คีย์ลับ|シークレットキー|シークレット|トークン|令牌|密钥|秘钥|访问令牌|비밀 키|토큰|api کلید|کلید api"
              # an integration's key of Finnish, Hungarian, Serbian, Ukrainian, Polish, Icelandic systems ("kumppaniavain",
              # "XML cserekulcs", "API кључ", "Ключ API", "token autoryzacyjny"), a merchant app's key, a key
              # reset to in Chinese ("APIv3 密钥已重置为 ...", "API 金鑰更新成 ...")
              "|key_secret|kumppaniavain|api-avain|rajapinta-avain|salainen avain|cserekulcs|aláírókulcs|api kulcs"
              "|titkos kulcs|api кључ|тајни кључ|api ključ|tajni ključ|ключ API|Ключ API|token autoryzacyjny|app key"
              "|merchant key|api lykill|leynilykill|密钥已重置为|密钥已更新为|金鑰更新成|金鑰已更新為|金鑰為"
              "|クライアントシークレット")

_SAID_RE = re.compile(
    # (glued to its word only a particle of a script without spaces: "トークンは", never a path's "/")
    r"(?:" + cased(_KEY_WORDS) + r")(?:[ ]{1,3}(?:(?:is|est|es|é|è|ist|er|är|on|jest|je|ni|là|adalah|ay|это|є|है|คือ"
    r"|lautet|sont|são|son|က)[ ]{1,3}|[:=][ ]?|[是为為は：][ ]?|[^\s\d:：.,;!?()\[\]\"'=/]{1,20}[ ](?:is|est|es|é|ist|ni|है|是)[ ]"
    # (or a few words saying whose key, then a copula: "client secret untuk ERP ialah ...", "API key របស់ ... គឺ ...")
    # (a word in brackets among them: "API кључ за СЕФ (е-Фактуре) за нашу фирму је ...")
    r"|[^\s\d:：.,;!?()\[\]\"'=/]{1,20}+(?:[ ]\(?[^\s\d:：.,;!?()\[\]\"'=/]{1,20}+\)?){0,5}?[ ](?:is|est|es|é|ist|ni|ialah|adalah"
    r"|je|је|є|هو|គឺ|က|是)[ ])?"
    r"|[是为為は：][ ]?)"
    r"\\?[\"'‘“]?(?P<key>(?:0x)?[A-Za-z0-9+/_-]{16,512}+={0,2}+)"
    r"(?![A-Za-z0-9+/=_-])"
    # "Токен T-Invest API для торгового робота: t.BtW7...", "API token for the bot: ...": words
    # between, then a colon, then a value of both cases and digits (a service's prefix and a dot first)
    # (in Japanese and Chinese the words between are glued: "クライアントシークレットを共有します：...")
    r"|(?:" + cased(_KEY_WORDS) + r")(?:(?:[ ][^\s\d:：.,;!?()\[\]\"'=/]{1,20}+){1,6}?[ ]?|[\u3040-\u30ff\u4e00-\u9fff]{1,16}+)[:：][ ]{0,2}\\?[\"'‘“]?"
    r"(?P<keyed>(?:[a-z]{1,4}\.)?(?=[A-Za-z0-9+/_-]{0,511}[0-9])(?=[A-Za-z0-9+/_-]{0,511}[a-z])"
    r"(?=[A-Za-z0-9+/_-]{0,511}[A-Z])[A-Za-z0-9+/_-]{24,512}+={0,2}+"
    # (or hex of 32 digits or more, in either case: "Ключ API ...: e855fe89...", "token ... dla firmy: AE000D66...")
    r"|(?=[0-9A-Fa-f]{0,127}[0-9])(?=[0-9A-Fa-f]{0,127}[A-Fa-f])(?:[0-9a-f]{32,128}|[0-9A-F]{32,128}))"
    r"(?![A-Za-z0-9+/=_-]|\.[A-Za-z0-9])"
    r"|(?:" + cased(_PASSWORD_WORDS)
    # a word saying which password between ("mot de passe temporaire est : ...")
    + r")(?:[ ](?:" + cased(_PASSWORD_ADJECTIVES) + r"))?"
    # whose password: "the new password for jane is ...", "das Passwort von admin ist ..."
    r"(?P<whose>[ ](?:for|of|to|de|du|für|von|pour|para|del|da|van|voor)(?:[ ][^\s\d.,;:!?\"'()]{1,40}+){1,2}?)?"
    r"[ ]{1,3}(?:is|was|ist|war|est|était|es|era|é|is nu|IS|WAS|lautet|lautete|—|–|je|ay|là|היא|הוא|adalah"
    r"|(?:(?:has|have)[ ]been[ ]|was[ ]|is[ ]|been[ ])?(?:reset|changed|set|updated)[ ]to)"
    r"(?:[ ]{0,2}:)?[ ]{1,3}(?:\\?[\"'‘“«][ ]?)?(?P<value>[^\s\"'<>‘’“”«»]{1,128}+)"
    # "with password 'hunter2'", 'Passwort "geheim123"': a quoted word right after the word
    r"|(?:" + cased(_PASSWORD_WORDS) + r")[ ]{1,3}\\?[\"'‘“`](?P<quoted>[^\s\"'‘’“”`\\]{1,128}+)(?=\\?[\"'’”`])"
    # "la clave del wifi del local es Taquitos#2025", "A senha do Wi-Fi do escritório é ...", "password
    # VPN kantor yang baru: ...": words between, then a copula or a colon, then a value that mixes
    # letters with digits or signs
    r"|(?:" + cased(_PASSWORD_WORDS) + "|" + cased(_PASSWORD_NOUNS) + r")(?:(?:[ ][^\s\d:：.,;!?()\[\]\"'=]{1,20}+){0,6}?"
    r"[ ]{1,3}(?:is|ist|est|c'est|c’est|es|é|è|är|er|jest|to|это|є|adalah|ialah|là|lautet|sera|será|sarà|هي|هو|است"
    r"|ay|je|היא|הוא|—|–)[ ]{1,3}[:：]?"
    r"|(?:[ ][^\s\d:：.,;!?()\[\]\"'=]{1,20}+){1,4}?[ ]?[:：]"
    # "Kata sandi saya ...": a possessive and no copula; a particle after a script without spaces
    # (비밀번호는, パスワードは, 密码是); Thai, with its words run together (รหัสผ่านของฉันคือ)
    r"|[ ](?:saya|aku|ku|ko)[ ]|(?<=[\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff])(?:는|은|이|가|は|が|是|为|為)[ ]{0,2}"
    r"(?=[!-~]{6})|[\u0e00-\u0e7f]{0,20}?(?:คือ|เป็น)[ ]?(?=[!-~]{6}))"
    r"[ ]{0,3}(?:[\"'‘“«][ ]?)?(?P<gapped>(?=[^\s\"'<>«»]{0,127}[0-9!@#$%^&*])(?=[^\s\"'<>«»]{0,127}[^\W\d_])[^\s\"'<>«»]{6,128}+"
    r"|[0-9]{4,12}(?![0-9]))"
    # "use password Xk29-pq7 to log in": a word right after it that mixes letters and digits
    r"|(?:" + cased(_PASSWORD_WORDS) + r")[ ]{1,3}(?P<bare>(?=[^\s\"'<>]{0,127}[0-9])(?=[^\s\"'<>]{0,127}[A-Za-z])"
    r"[^\s\"'<>]{6,128}+)"
    r"|(?:" + cased(_CODE_WORDS) + "|" + one_of(top_level(_CODE_WORDS_AS_WRITTEN))
    + r")(?:(?![^\W\d_])|(?<=[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af])(?=[是为為はがを는은이를]))"
    r"(?:[ ]{1,3}(?:code|number|no\.?))?"
    # up to four words between, in the languages that put them there: "mã xác thực của bạn
    # là ...", "Ihre TAN für den Auftrag lautet: ...", "κωδικός επαλήθευσής σας είναι ..."
    r"(?P<gap>(?:[ ][^\s\d:：.,;!?()\[\]।]{1,20}+){1,7}?(?=[ ]{0,3}[:：]?[ ]{0,3}[0-9]))?"

    r"[ ]{0,3}(?:[是为為はが는은이를])?[ ]{0,3}[:#=：]?[ ]{0,3}"
    # "your verification code is 482913", "Ihr Bestätigungscode lautet 482913", "kod weryfikacyjny to ..."
    r"(?:(?:is|was|ist|war|lautet|est|était|es|era|fue|é|foi|è|är|er|jest|to|on|is:|je|là|ay|היא|הוא|adalah|c'est"
    r"|كان|كانت)[ ]{1,3})?[\[【(「]?"
    # a door's code may end in a letter: "code de la porte 4821B"
    # a PIN told digit by digit: "bikash pin 5 8 2 0"
    r"(?P<code>[0-9]{3,4}[ -][0-9]{3,4}(?![0-9A-Za-z]|[ -][0-9])|[0-9](?:[ ][0-9]){3,7}(?![0-9A-Za-z])|[0-9]{3,8}(?:[A-Z](?![0-9A-Za-z]))?)(?![0-9A-Za-z])"
)
#: A one-time code as services text it, named by "code" around it: "Your Uber code is 4821",
#: "Your WhatsApp code: 318-552", "Ваш код: 4829" (a possessive, up to three words, the
#: word code); "482913 is your Instagram code", "G-482913 is your Google verification code";
#: "Use 209 381 to sign in".
_ONE_TIME = r"(?P<otp>[0-9]{4,8}|[0-9]{3}[ -][0-9]{3})(?![0-9A-Za-z])"
#: The word "code" in the languages of :data:`_SMS_CODE_RE` (a cue test must find one).
_CODE_NOUNS = "code|kod|код|koodi|kodunuz|código|codice|otp|passcode"
_SMS_CODE_RE = re.compile(
    r"(?:" + cased("your|votre|ihr|dein|tu|su|seu|sua|twój|twoj|uw|je|din|ваш|твой") + r")"
    r"(?:[ ][^\s.,;:!?]{1,20}){0,3}?[ ](?:" + cased(_CODE_NOUNS) + r")"
    r"(?:[ ](?:is|ist|lautet|est|es|é|è|to|är|er|jest|on))?[ ]?[:：]?[ ]{0,2}[\[【(「]?" + _ONE_TIME
    + r"|(?<![\w-])(?:G-)?" + _ONE_TIME.replace("otp", "before") + r"[ ](?:is|est|ist|es|é|è) (?:your|votre|Ihr|dein|tu|su|seu|sua)"
    r"[ ](?:[^\s.]{1,20}[ ]){0,3}?(?:code|Code|CODE|kod|código|codice|OTP|otp|PIN|TAN|passcode|one-time password)(?![\w-])"
    r"|(?:" + cased("use|enter") + r")[ ]" + _ONE_TIME.replace("otp", "use") + r"[ ](?:to|as|for)[ ]"
    r"(?:sign|log|verify|confirm|complete|reset|access|continue)"
)


#: Recovery or backup codes listed after their label ("Your recovery codes:\n  8f3k2-9dm4q\n
#: 7hx2p-4kw9z", "backup codes: 1234 5678, 9012 3456", "1. ab12-cd34"): each code of the list,
#: each holding a digit, up to the first thing that is not one.
#: The same in words without "ode" (the cheap guard of the English ones), found with a scan of their own.
_OTHER_CODES_LIST_WORDS = ("|резервні коди|коди відновлення|резервные коды|коды восстановления|коды для входа|záložní kódy"
                           "|kódy pro obnovení|záložné kódy|tartalék kódok|helyreállítási kódok|varakoodit|reservkoder"
                           "|backupkoder|reservekoder|yedek kodlar|kurtarma kodları|mã dự phòng|kode cadangan|kod sandaran"
                           "|coduri de recuperare|coduri de rezervă|códigos de backup|códigos de recuperação|rezervni kodovi"
                           "|kodovi za oporavak|varnostne kode|バックアップコード|リカバリーコード|备用码|恢复码|備用碼|復原碼"
                           "|복구 코드|백업 코드|رموز الاسترداد|رموز احتياطية|קודי גיבוי|קודי שחזור"
                           "|återställningskoder|gjenopprettingskoder|gendannelseskoder|palautuskoodit|kode pemulihan"
                           "|kod pemulihan|κωδικοί ανάκτησης|εφεδρικοί κωδικοί|रिकवरी कोड|बैकअप कोड|atkūrimo kodai"
                           "|atkopšanas kodi|taastekoodid|کدهای بازیابی|کدهای پشتیبان|รหัสสำรอง|รหัสกู้คืน|mã khôi phục"
                           "|codis de recuperació|codis de seguretat|kody zapasowe|kody odzyskiwania|códigos de respaldo"
                           "|códigos de recuperación|código de recuperación|codurile de rezervă|codurile de recuperare"
                           "|wiederherstelligscode|wiederherstelligscodes")
_CODES_LIST_WORDS = ("recovery codes|backup codes|scratch codes|emergency codes|recovery code|backup code|scratch code"
                     "|backup-codes|backup-code|recovery-codes|wiederherstellungscodes|wiederherstellungscode"
                     "|sicherungscodes|notfallcodes|codes de secours|codes de récupération|code de récupération"
                     "|códigos de respaldo|códigos de recuperación|código de recuperación|codici di backup"
                     "|codici di recupero|codice di recupero|back-upcodes|herstelcodes|kody zapasowe|kody odzyskiwania"
                     + _OTHER_CODES_LIST_WORDS)
_LIST_CODE = r"(?=[A-Za-z-]{0,24}[0-9])[A-Za-z0-9]{3,12}(?:[- ][A-Za-z0-9]{3,12})?(?![A-Za-z0-9])"
_LIST_CODE_RE = re.compile(_LIST_CODE)
_CODES_LIST_RE = re.compile(
    r"(?:" + cased(_CODES_LIST_WORDS) + r"|Backup-Codes|Recovery-Codes|Back-up-codes)(?![A-Za-z])(?:[^\n:.!?0-9]|[0-9](?=[A-Za-z])){0,160}?(?:[:：]|(?=[ \t]*\r?\n))"
    # (one code after another: on their lines, after a comma, a bullet, a slash or a bar)
    r"(?P<codes>(?:[\s,;•*·/|-]{1,8}+(?:[0-9]{1,2}[.)][ ])?(?:\[[a-z_]{2,32}\]|" + _LIST_CODE + r")){1,32})"
)
#: Any of the words, found in one scan (a cheap test before the expression).
_CODES_LIST_SCAN = Literals([*variants(_CODES_LIST_WORDS), "Backup-Codes", "Recovery-Codes", "Back-up-codes"])
#: The last line of an SMS for the WebOTP API: ``@app.example.com #482913``.
_WEB_OTP_RE = re.compile(r"(?:^|(?<=\s))@[A-Za-z0-9.-]{1,253}+[ ]#(?P<code>[A-Za-z0-9]{4,12})(?![A-Za-z0-9])")


def _codes_list(match: re.Match[str], redacted: str) -> str:
    if not starts_word(match.string, match.start()):
        return match[0]
    head = match[0][:match.start("codes") - match.start()]
    return head + _LIST_CODE_RE.sub(redacted, match["codes"])


def scrub_one_time_codes(text: str, redacted: str) -> str:
    """One-time codes as services text them (:data:`_SMS_CODE_RE`)."""
    return _SMS_CODE_RE.sub(lambda m: _one_time(m, redacted), text)


def _one_time(match: re.Match[str], redacted: str) -> str:
    group = match.lastgroup
    if group != "before" and not starts_word(match.string, match.start()):
        return match[0]
    return swap_group(match, group, redacted)


#: What a match of :data:`_SAID_RE` or :data:`_SMS_CODE_RE` starts with, at the start of a
#: word (:func:`_said`).
CUE_WORDS = [*variants(_KEY_WORDS), *variants(_PASSWORD_WORDS), *variants(_PASSWORD_NOUNS), *variants(_CODE_WORDS), *variants(_CODE_NOUNS),
             *top_level(_CODE_WORDS_AS_WRITTEN), *variants(_CODES_LIST_WORDS)]
#: A lifetime or a count after the digits: not a code.
UNIT_AFTER_RE = re.compile(r"[ ]?(?:s|ms|sec|secs|seconds|min|mins|minutes|h|hours|days|digits|characters|times|%)(?![A-Za-z])")
#: Algorithms named after the word password ("password SHA256 hashing", "password PBKDF2").
_ALGORITHMS = ("SHA", "MD5", "PBKDF", "ARGON", "BCRYPT", "SCRYPT", "AES", "RSA", "HMAC", "NTLM", "UTF", "BASE64")
#: Words after "password for" that make the sentence about something else than a password.
_WHOSE_NOT = frozenset("reset link field change policy rules requirements manager hint length expiry".split())
#: Words between a code's word and digits that make the digits something else: a card's
#: last four ("PIN for the card ending 4242"), a lifetime ("OTP expires in 300 seconds").
GAP_NOT_A_CODE = frozenset(
    """ending ends endet last letzten expires expire expiring expired valid gültig within minutes seconds
    attempts digits characters times retries tries sent length""".split()
)
#: Nouns whose number follows them: the digits after one are its, not the code's ("your code for
#: order 482199 is 5521").
_DIGITS_OWNERS = frozenset("""order booking invoice ticket ref reference transaction txn trx account a/c card parcel
    shipment tracking pedido reserva factura commande réservation facture bestellung buchung rechnung auftrag
    ordine prenotazione fattura encomenda fatura bestelling boeking factuur zamówienia zamówienie rezerwacji
    заказа заказ брони sipariş siparişi rezervasyon
    number no no. nr nr. numer numéro número nummer numara nomor namba till lot lote batch lønkørsel kørsel
    terminal locker""".split())


def owns_the_digits(gap: str) -> bool:
    words = gap.split()
    # (or an identifier's prefix in capitals: "PAG-0934" is a batch's, not "ngu-608214", Zulu's "is")
    return bool(words) and (words[-1].lower().strip("#:№") in _DIGITS_OWNERS
                            or words[-1][-1] == "-" and words[-1][:-1].isupper())


#: Words after "password is" that say something about it rather than being it.
SAID_NOT_VALUES = frozenset(
    """a an the too not incorrect invalid wrong required missing expired weak strong correct empty your my
    being now set changed reset updated valid case still also very only at in on under inside behind written printed
    of for to be falsch ungültig
    zu nicht incorrect trop pas requis invalide faux demasiado incorrecta incorrecto no inválida válida
    required. incorrect. invalid. wrong. correct. expired.""".split()
)

#: Query parameters whose value is a credential in any URL: OAuth codes and tokens, and the
#: signatures and credentials of presigned URLs (S3 SigV4 and V2, CloudFront, GCS V4, Azure
#: SAS ``sig``). Compared lower-cased with ``-`` and ``_`` removed.
URL_CREDENTIAL_PARAMS = frozenset(
    """code accesstoken idtoken refreshtoken clientsecret token apikey key xamzsignature xamzcredential
    xamzsecuritytoken signature sig xgoogsignature xgoogcredential googleaccessid awsaccesskeyid password
    passwd pwd secret authtoken sessiontoken oauthtoken oauthverifier oauthsignature assertion
    samlresponse samlrequest ticket otp appid""".split()
)
#: Of those, the ones whose value is a credential only when it looks like one (``code=EUR``,
#: ``key=color`` are not): long enough and not a plain word.
URL_CREDENTIAL_IF_TOKENLIKE = frozenset({"code", "key", "ticket", "token", "assertion", "signature", "sig", "appid"})


#: A path segment that names a link carrying a secret: the segment after it, when it looks
#: random, is the secret (``/reset-password/8f7d...``, ``/invite/Zx9Q...``, ``/magic-link/...``),
#: whether or not a route pattern says so (a 404, a proxy's log line, a Referer).
_LINK_WORDS = ("reset|verify|verification|confirm|confirmation|activate|activation|invite|invitation|magic"
               "|join|claim|redeem|sso|passwordless-login"
               "|unsubscribe|token|tokens|passwordless|recover|recovery|otp|onetime|one-time|login|signin|sign-in"
               # a chat's incoming webhook (Mattermost's /hooks/ID, Feishu's /bot/v2/hook/ID), a log
               # intake's token (Loggly's /inputs/TOKEN/tag/...)
               "|hook|hooks|inputs"
               # a deploy hook (Vercel's /integrations/deploy/PROJECT/SECRET), IFTTT's /with/key/KEY
               "|deploy|accept|key")
#: A path segment that names a secret's link (``/reset-password``, ``/magic``, ``/x-invite-y``).
_LINK_SEGMENT = r"/(?:[A-Za-z0-9]{1,24}[-_])?(?:" + cased(_LINK_WORDS) + r")(?:[-_][A-Za-z0-9]{1,24})?"
#: The secret may come a segment or two after the word (``/invite/accept/SECRET``,
#: ``/deploy/prj_.../SECRET``): each random-looking segment of the three after it is masked.
_PATH_SECRET_RE = re.compile(_LINK_SEGMENT + r"(?P<secret>(?:/[A-Za-z0-9_-]{1,512}+){1,3})(?![A-Za-z0-9_.-])")


#: The query of such a link (``/auth/magic?t=...``, ``/invite?c=...``): each of its values
#: that looks random is the secret, whatever its parameter is called.
_LINK_QUERY_RE = re.compile(
    _LINK_SEGMENT + r"(?:/[A-Za-z0-9_.-]{1,64}+){0,3}\?(?P<query>[^#\s\"'<>]{1,2048}+)"
)


#: Every such segment holds one of the words as the segment's pattern writes it: text with
#: none (most links) skips both patterns, which are tried at every slash.
_LINK_WORD_LITERALS = Literals([v for word in top_level(_LINK_WORDS) for v in variants(word)])


def scrub_link_secrets(text: str, redacted: str) -> str:
    """The random-looking segment after a path segment that names a secret's link, and the
    random-looking values of its query."""
    if "://" in text:
        text = _KEY_SEGMENT_RE.sub(lambda m: _key_segment(m, redacted), text)
    if not _LINK_WORD_LITERALS.found_in(text):
        return text
    text = _PATH_SECRET_RE.sub(lambda m: _link_secret(m, redacted), text)
    if "?" in text:
        text = _LINK_QUERY_RE.sub(lambda m: _link_query(m, redacted), text)
    return text


#: A link's path segment that is a key whatever names it: 40 characters or more of both cases and
#: digits (an SMS gateway's ``/v1/{API_KEY}/sms/send.json``), or a calendar's private address
#: (``/private-a7d868ac.../basic.ics``).
_KEY_SEGMENT_RE = re.compile(r"(?<=/)(?:private-[0-9a-f]{32}|(?=[A-Za-z0-9_-]{0,511}[0-9])(?=[A-Za-z0-9_-]{0,511}[a-z])"
                             r"(?=[A-Za-z0-9_-]{0,511}[A-Z])[A-Za-z0-9_-]{40,512})(?=[/?#\s\"'<>]|$)")


def _key_segment(match: re.Match[str], redacted: str) -> str:
    segment = match[0]
    if segment.startswith("private-") or random_looking(segment):
        return redacted
    return segment


def _link_query(match: re.Match[str], redacted: str) -> str:
    params = match["query"].split("&")
    for i, param in enumerate(params):
        name, eq, value = param.partition("=")
        if eq and value != redacted and token_like(value) and not value.isdigit():
            params[i] = f"{name}={redacted}"
    return match[0][:match.start("query") - match.start()] + "&".join(params)


def _link_secret(match: re.Match[str], redacted: str) -> str:
    segments = match["secret"].split("/")
    masked = [redacted if len(s) >= 8 and token_like(s) and not s.isdigit() else s for s in segments]
    if masked == segments:
        return match[0]
    return match[0][:match.start("secret") - match.start()] + "/".join(masked)


def url_param_needs_check(name: str) -> bool:
    """Is ``name`` one of the URL parameters that can be a credential by its name?"""
    return name.lower().replace("-", "").replace("_", "") in URL_CREDENTIAL_PARAMS


_COUPON_RE = re.compile(r"[A-Z]{3,}[A-Z0-9-]*[0-9]{0,4}")


def url_param_is_credential(name: str, value: str) -> bool:
    """Is ``name=value`` in a URL or form body a credential by its name alone?"""
    key = name.lower().replace("-", "").replace("_", "")
    if key not in URL_CREDENTIAL_PARAMS:
        return False
    if key == "appid":  # OpenWeather's key (32 hex digits); WeChat's wx... and Agora's IDs are shorter or public
        return len(value) >= 32 and token_like(value)
    if key == "code" and len(value) <= 16 and _COUPON_RE.fullmatch(value) is not None:
        return False  # "code=BLACKFRIDAY25": a coupon's code in capitals; an OAuth code is random
    if key in URL_CREDENTIAL_IF_TOKENLIKE:
        return token_like(value)
    return bool(value)


def token_like(value: str) -> bool:
    """A random-looking value: 16+ characters, or 8+ mixing letters and digits."""
    if len(value) >= 16:
        return not value.isalpha() or len(value) >= 24
    return len(value) >= 8 and any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


def _has_pem(text: str) -> bool:
    return "PRIVATE KEY" in text or "PuTTY-User-Key-File" in text


#: String literals joined with ``+`` (a token cut in two to pass a linter or a line length):
#: ``"ghp_SJoe..." +\n  "QJj9..."``; read joined.
_CONCAT_RE = re.compile(
    r"(?P<q>[\"'])[A-Za-z0-9_+/=.:-]{4,256}+(?P=q)"
    r"(?:[ \t]{0,8}+\+[ \t]{0,8}+(?:\r?\n[ \t]{0,64}+)?(?P=q)[A-Za-z0-9_+/=.:-]{1,256}+(?P=q)){1,8}+"
)
_LITERAL_RE = re.compile(r"[\"']([^\"']*+)[\"']")
#: A keypair written as a JSON array of its 64 bytes (Solana's ``id.json``).
_BYTE_ARRAY_RE = re.compile(r"\[[ \n]?(?:[0-9]{1,3}[ ]?,[ \n]?){63}[0-9]{1,3}[ \n]?\]")


def _concatenated(match: re.Match[str], replace: Replace, redacted: str) -> str:
    joined = "".join(_LITERAL_RE.findall(match[0]))
    if not _may_hold_token(joined) or _TOKENS_RE.sub(lambda m: _token(m, replace), joined) == joined:
        return match[0]
    return match["q"] + redacted + match["q"]


def _byte_array(match: re.Match[str], redacted: str) -> str:
    if any(int(n) > 255 for n in re.findall(r"[0-9]+", match[0])):
        return match[0]
    return redacted


def scrub(text: str, replace: Replace, redacted: str) -> str:
    """Every credential this module knows in ``text``, replaced."""
    if "+" in text and ("\" +" in text or "' +" in text or "\"+" in text or "'+" in text):
        text = _CONCAT_RE.sub(lambda m: _concatenated(m, replace, redacted), text)
    if "[" in text and text.count(",") >= 63:
        text = _BYTE_ARRAY_RE.sub(lambda m: _byte_array(m, redacted), text)
    if _has_pem(text):
        text = _private_keys(text, replace)
    if _may_hold_token(text):
        text = _TOKENS_RE.sub(lambda m: _token(m, replace), text)
    if _may_hold_userinfo(text):
        text = _USERINFO_RE.sub(lambda m: _userinfo(m, redacted), text)
    if "@tcp" in text or "@unix(" in text or "@udp(" in text:
        text = _GO_DSN_RE.sub(lambda m: _userinfo(m, redacted), text)
    if "kty" in text:
        text = _JWK_MEMBER_RE.sub(lambda m: swap_group(m, "key", redacted), text)
    if " #" in text and "@" in text:
        text = _WEB_OTP_RE.sub(lambda m: swap_group(m, "code", redacted), text)
    if "-" in text:
        text = scrub_recovery_keys(text, redacted)
    if _AWS_CONTEXT_RE.search(text) is not None:
        text = _AWS_SECRET_RE.sub(lambda m: _aws_secret(m, replace), text)
    return text


#: A JSON Web Key's private members (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 for OKP).
JWK_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "k", "oth")
#: The same in JSON text (a JWKS inside a string, a log line): only where ``"kty"`` says it is one.
_JWK_MEMBER_RE = re.compile(r'(?<=[{,\s])(?P<q>\\?")(?:d|p|q|dp|dq|qi|k)(?P=q)[ ]{0,4}:[ ]{0,4}(?P=q)(?P<key>[A-Za-z0-9_-]{8,8192}+)(?P=q)')


def _may_hold_userinfo(text: str) -> bool:
    """Is there a ``://`` followed by an ``@`` before any ``/``? (A URL's user info; most
    URLs have an ``@`` only in their query, if at all.)"""
    start = text.find("://")
    while start >= 0:
        at = text.find("@", start + 3)
        if at < 0:
            return False
        if text.find("/", start + 3, at) < 0:
            return True
        start = text.find("://", start + 3)
    return False


#: A one-time or device code of capitals (and digits) after the words that name it: "Your login
#: code: FEARAT", "user code SFYY-LUVO" (OAuth's device flow), "pairing code is K7Q2-MX4P".
_ALPHA_CODE_RE = re.compile(
    r"(?<![\w-])(?:" + cased("login|sign-in|sign in|verification|one-time|security|access|auth"
                            "|authentication|pairing|device|user|activation") + r")[ ](?:code|Code|CODE)"
    r"(?:[ ](?:is|was))?[ ]{0,2}[:：]?[ ]{1,3}[\"'“]?(?P<code>[A-Z0-9]{4,10}+(?:-[A-Z0-9]{3,10}+){0,3}+)(?![\w-])"
)
#: Capitals after "code" that say something of it, not the code.
_NOT_ALPHA_CODES = frozenset(
    "EXPIRED INVALID REQUIRED SENT VALID MISSING INCORRECT WRONG NONE NULL TRUE FALSE ERROR EMPTY PENDING USED"
    " UNKNOWN DISABLED ENABLED REVOKED N/A TODO".split()
)
#: Recovery keys of a fixed shape: BitLocker's (eight groups of six digits), Microsoft
#: account's and product keys (five groups of five), Apple's (seven groups of four).
_RECOVERY_KEY_RE = re.compile(
    r"(?<![\w-])(?:[0-9]{6}(?:-[0-9]{6}){7}|(?=[A-Z]{0,29}[0-9])(?=[0-9-]{0,29}[A-Z])[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}"
    r"|(?=[A-Z-]{0,34}[0-9])(?=[0-9-]{0,34}[A-Z])[A-Z0-9]{4}(?:-[A-Z0-9]{4}){6})(?![\w-])"
)


#: A preference cookie's value: a word or a locale (``theme=dark``, ``culture=de-DE``,
#: ``lang=en``), a flag or a small number.
_PLAIN_COOKIE_VALUE_RE = re.compile(
    r"[A-Za-z]{1,16}(?:[-_][A-Za-z]{1,16}){0,2}|[0-9]{1,2}"
    # ASP.NET Core's culture cookie: c=fr-CH|uic=fr-CH, URL-encoded
    r"|c(?:=|%3D)[A-Za-z]{2,3}(?:-[A-Za-z]{2,4})?(?:\||%7C)uic(?:=|%3D)[A-Za-z]{2,3}(?:-[A-Za-z]{2,4})?")
#: The words that name a preference cookie (``theme``, ``ui_lang``, ``cookie_consent``,
#: ``wp-settings-time-3`` is not one): only these keep their value. Every other cookie, a
#: session's, a login's (``user=jdoe``), a tracker's, is masked whole, name and value.
_PREFERENCE_COOKIE_RE = re.compile(
    r"(?i)\.?(?:[a-z0-9]{1,16}[_.-]){0,2}(?:theme|lang|language|locale|culture|currency|tz|timezone|dark[_-]?mode|color[_-]?scheme"
    r"|font[_-]?size|sidebar|layout|view|consent|cookie[_-]?consent|cookieconsent|region|country"
    # the language, the consent, the region and the currency in other languages (langue=fr, kieli=fi, ezik=bg)
    r"|langue|taal|kieli|ezik|sprache|sprak|sprog|idioma|lingua|lingue|jezik|jezyk|język|dil|nyelv|limba|keel|valoda"
    r"|kalba|jazyk|yazik|consentement|consentimiento|consenso|einwilligung|toestemming|province|provincia|pays|land"
    r"|pais|paese|devise|moneda|valuta|waehrung|währung|moeda"
    # (a consent in more languages, a banner's choice: cerez_onay=1, cookies_accepted=1)
    r"|onay|samtycke|suostumus|zgoda|souhlas|hozzajarulas|consimtamant|soglasie|gdpr|cookies?[_-]?accepted"
    r"|accepted[_-]?cookies|cookie[_-]?banner|cookie[_-]?notice)"
    # an A/B test's variant (ab_hero=B)
    r"|ab[_.-](?![a-z0-9_-]{0,32}(?:sess|tok|auth|sid|key|user|login))[a-z0-9_-]{1,32}"
)
#: A consent cookie's value: its choices URL-encoded (``analytics%3Dtrue%26marketing%3Dfalse``).
_CONSENT_VALUE_RE = re.compile(r"(?:[A-Za-z_]{1,32}(?:%3D|=|:)(?:true|false|yes|no|[01])(?:%26|&|,|%2C)?){1,16}")
#: A ``Set-Cookie`` attribute: kept as written.
_COOKIE_ATTRIBUTES = frozenset({"path", "domain", "expires", "max-age", "samesite", "secure", "httponly", "priority",
                                "partitioned", "version", "comment"})


def scrub_cookie(value: str, redacted: str) -> str:
    """A ``Cookie`` or ``Set-Cookie`` value with every cookie masked, name and value (a
    session cookie's name says which service and framework it is), but a preference whose
    value is a plain word (``theme=dark; [redacted]``); ``Set-Cookie``'s attributes
    (``Path=/``, ``SameSite=Lax``) stay."""
    parts = value.split(";")
    for i, part in enumerate(parts):
        name, eq, cookie = part.partition("=")
        key = name.strip()
        if key.lower() in _COOKIE_ATTRIBUTES or (eq and (not cookie or cookie == redacted)) or part == redacted:
            continue
        if not eq:
            if key:
                parts[i] = redacted  # a value with no name: "cookies": "s3cr3t"
            continue
        plain = (_PLAIN_COOKIE_VALUE_RE.fullmatch(cookie.strip()) is not None
                 or ("onsent" in key and _CONSENT_VALUE_RE.fullmatch(cookie.strip()) is not None))
        if _PREFERENCE_COOKIE_RE.fullmatch(key) is None or not plain:
            parts[i] = f"{name[:len(name) - len(name.lstrip())]}{redacted}"
    return ";".join(parts)


def scrub_recovery_keys(text: str, redacted: str) -> str:
    """Recovery keys of a fixed shape (:data:`_RECOVERY_KEY_RE`), on a text with four dashes or more."""
    if text.count("-") < 4:
        return text
    return _RECOVERY_KEY_RE.sub(redacted, text)


#: A key's one word, then a space or "=", then a value a machine made ("token Fb1aeV38sYCg...",
#: "AppSecret ab690e47...", "salt=S2yhoxhKDKT..."): the value when it reads as random (its letters
#: mixed with digits, 24 characters or more), not a word of prose ("token based auth").
_BARE_KEY_WORDS = "token|secret|app secret|api secret|salt|apikey"
_BARE_KEY_CAMEL = "AppSecret|appSecret|ApiSecret|apiSecret|app_secret|api_secret|apiKey|ApiKey|APIKey"
_BARE_KEY_WORD_RE = re.compile(
    r"(?<![\w-])(?:" + cased(_BARE_KEY_WORDS) + "|" + _BARE_KEY_CAMEL + r")(?:[ ]|=)"
    r"(?P<value>[A-Za-z0-9+/_-]{24,512}={0,2})(?![A-Za-z0-9+/=_-])(?!\.[A-Za-z0-9])")
#: The same words, found in one scan (the test before the expression).
_BARE_KEY_LITERALS = Literals([*variants(_BARE_KEY_WORDS), *_BARE_KEY_CAMEL.split("|")])


_UUID_SHAPE_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def scrub_bare_keys(text: str, redacted: str) -> str:
    """A key's one word and a machine-made value after it (:data:`_BARE_KEY_WORD_RE`)."""
    if _BARE_KEY_LITERALS.found_in(text):  # (a test of pieces, "oken" or "pi", let "APIKEY" and "SALT" by)
        return _BARE_KEY_WORD_RE.sub(lambda m: _bare_key(m, redacted), text)
    return text


def _bare_key(match: re.Match[str], redacted: str) -> str:
    value = match["value"]
    if not (random_looking(value) and any(c.isdigit() for c in value)) or _UUID_SHAPE_RE.fullmatch(value):
        return match[0]  # a word, or a token's id (a UUID)
    return match[0][:match.start("value") - match.start()] + redacted


def scrub_said(text: str, redacted: str) -> str:
    """``password is <value>`` in prose: the value masked like a sensitive field's; and
    one-time codes as services text them."""
    text = _SAID_RE.sub(lambda m: _said(m, redacted), text)
    text = _password_nearby(text, redacted)
    if _CODES_LIST_SCAN.found_in(text):
        text = _CODES_LIST_RE.sub(lambda m: _codes_list(m, redacted), text)
    if "ode" in text or "ODE" in text:
        text = _ALPHA_CODE_RE.sub(lambda m: _alpha_code(m, redacted), text)
    if _ONE_TIME_GUARD_RE.search(text) is not None:
        text = scrub_one_time_codes(text, redacted)
    return text


#: A password's word, where a sentence tells one however it is put ("Mon mot de passe, c'est
#: normalement Chaton#88bleu", "la contraseña que puse cuando me registré fue Girasol_2291",
#: "密码我记得是 Panda@8899cn"): the first word after it in the same sentence that is shaped like a
#: password (letters with digits, and a sign or both cases), not an e-mail, a link, an error's or an
#: order's code in capitals, a version or a placeholder.
_PASSWORD_WORD_RE = re.compile(
    # a word of prose, not a part of an identifier ("password_reset_v2", "enable-password-login");
    # the head of a hyphenated compound is one ("das WLAN-Passwort", "Router-Passwort", "Wi-Fi-Passwort")
    r"(?<![\w-])(?:[^\W\d_]{2,12}-(?:[^\W\d_]{1,12}-)?)?(?:" + cased(_PASSWORD_WORDS) + r")(?:(?![\w-])|(?<=[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]))")
_NEARBY_REACH = 100
#: Where a sentence stops: its closing mark before a space or the end, or a line break.
SENTENCE_STOP_RE = re.compile(r"[.!?。！？।](?:\s|$)|\n")
_CANDIDATE_RE = re.compile(r"[^\s\"'«»“”‘’()\[\]<>,;，。、；：「」（）\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{6,64}")
_A_PASSWORD_SHAPE_RE = re.compile(r"(?=.*[0-9])(?=.*[^\W\d_])(?:(?=.*[#@!$%^&*_+=~?])|(?=.*[a-z])(?=.*[A-Z])).+")
_NOT_A_PASSWORD_RE = re.compile(
    r"[A-Z0-9]{1,12}(?:[-_][A-Z0-9]{1,12})*|[^@\s]+@[^@\s]+\.[A-Za-z]{2,}|[a-z][a-z0-9+.-]*://.*|www\..*"
    r"|v?[0-9]+(?:\.[0-9]+)+.*|\$\{.*\}|\{\{.*\}\}|%[A-Z_]+%|\[[a-z_]+\]|[a-z_]+:[0-9a-f]{8,}"
    # a file's name ("Пароль до ключа КЕП (файл Key-6.dat) — ...": the key's file, then its password)
    r"|[\w-]{1,48}\.(?:dat|txt|csv|pdf|xml|json|pem|key|p12|pfx|jks|crt|cer|zip|log|docx?|xlsx?|png|jpe?g|cfg|conf|ini|ya?ml)"
)


def _a_password_shape(value: str) -> bool:
    if len(value) < 6 or _NOT_A_PASSWORD_RE.fullmatch(value):
        return False
    if _A_PASSWORD_SHAPE_RE.fullmatch(value) is not None:
        return True
    # both cases of any cased script, with a digit: "Ромашка1987", "Αθήνα2024"
    return (not value.isascii() and any(c.isdigit() for c in value) and value != value.lower()
            and value != value.upper())


def password_shapes_redacted(text: str, redacted: str) -> str:
    """``text`` with each word shaped like a password (:func:`_a_password_shape`) redacted: the
    sentence that answers a question about a password ("it is Taquitos#2025 now")."""
    return _CANDIDATE_RE.sub(lambda m: redacted if _a_password_shape(m[0].rstrip(".!?")) else m[0], text)


#: Where a request for a code or a password is answered on the next line or sentence ("¿me pasas
#: la clave del wifi? — Sí, es Tortilla2024bar", "podaj mi kod BLIK.\n— Dobra, masz: 731 045"):
#: a dash that starts the answer, or the next line's speaker ("Cliente: 318 604", "Клиент: Ромашка1987").
ANSWER_RE = re.compile(r"[ \t]*(?:\r?\n)?[ \t]*[—–-][ ]|[ \t]*\r?\n[ \t]*"
                       # (a chat's export puts the time first: "[18:22] Kuba: 582 041", "12:05 - Irene: ...")
                       r"(?:\[[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?\][ ]?|[0-9]{1,2}[:.][0-9]{2}[ ]?[-–][ ]?)?"
                       r"[^\W\d_][^\n:：]{0,23}[:：][ \t]*")


def answer_start(text: str, end: int) -> int | None:
    """Where an answer starts after the sentence that ends at ``end`` (its stop, or the line's
    end): past a dash or the next line's speaker; None when no answer starts there."""
    answer = ANSWER_RE.match(text, end + 1)
    if answer is None and text[end:end + 1] == "\n":
        answer = ANSWER_RE.match(text, end)  # a sentence ended by its line ("... بتائیں۔\nصارف: 58204")
    return answer.end() if answer is not None else None


def asks(text: str, end: int) -> bool:
    """Does the sentence that ends at ``end`` ask for what its word names ("what's the wifi
    password?"), or end where an answer starts on the next line?"""
    return text[end:end + 1] in ("?", "？") or answer_start(text, end) is not None


def first_shaped_in_answer(text: str, end: int) -> re.Match[str] | None:
    """The first password-shaped word of the answer after the sentence that ends at ``end``
    (past the answer's dash or its speaker: "— Sofia_Net!5520", "Клиент: Ромашка1987")."""
    start = answer_start(text, end)
    if start is None:
        start = end + 1
    while start < len(text) and text[start] in " \t\r\n":
        start += 1
    return first_shaped(text, start, sentence_end(text, start))


def sentence_end(text: str, start: int) -> int:
    """Where the sentence that ``start`` is in ends, or :data:`_NEARBY_REACH` on, whichever is first."""
    stop = SENTENCE_STOP_RE.search(text, start, start + _NEARBY_REACH)
    return stop.start() if stop is not None else min(len(text), start + _NEARBY_REACH)


def first_shaped(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first word shaped like a password between ``start`` and ``end`` (its trailing stop
    signs not part of it: ``m[0].rstrip(".:!?")``)."""
    for candidate in _CANDIDATE_RE.finditer(text, start, end):
        if _a_password_shape(candidate[0].rstrip(".:!?")):
            return candidate
    return None


def _password_nearby(text: str, redacted: str) -> str:
    out, kept = [], 0
    for word in _PASSWORD_WORD_RE.finditer(text):
        if word.start() < kept or text[word.start() - 1:word.start()] == "/" or text[word.end():word.end() + 1] == "/":
            continue  # a path's segment ("/passord/android_id/15686"), no sentence
        end = sentence_end(text, word.end())
        candidate = first_shaped(text, word.end(), end)
        if candidate is None and asks(text, end):
            candidate = first_shaped_in_answer(text, end)
        if candidate is not None and redacted not in text[word.end():candidate.start()]:
            # (a mask before it: the said pattern found the password already; one after it, a PIN's)
            out += [text[kept:candidate.start()], redacted]
            kept = candidate.start() + len(candidate[0].rstrip(".:!?"))
    return "".join(out) + text[kept:] if out else text


#: What :data:`_SMS_CODE_RE` needs: "code" in one of its languages.
_ONE_TIME_GUARD_RE = re.compile(f"(?i:{_CODE_NOUNS})")


def _alpha_code(match: re.Match[str], redacted: str) -> str:
    code = match["code"]
    if code in _NOT_ALPHA_CODES or code.isdigit() and len(code) < 4:
        return match[0]
    return swap_group(match, "code", redacted)


def _token(match: re.Match[str], replace: Replace) -> str:
    text, start, end = match.string, match.start(), match.end()
    if start and _TOKEN_CHAR.match(text, start - 1) or (end < len(text) and _TOKEN_CHAR.match(text, end)):
        return match[0]  # part of a longer word: not this format
    if _STAND_IN_TAIL_RE.search(match[0]) is not None:
        return match[0]  # "sk_live_XXXXXXXXXXXXXXXXXXXX": a sample's stand-in in the format's shape
    return replace(_token_kind(match[0]), "", match[0])


#: A token whose random part is capital X over and over, as samples write one.
_STAND_IN_TAIL_RE = re.compile(r"[_.-]X{8,}$")


def _private_keys(text: str, replace: Replace) -> str:
    mask = replace(PRIVATE_KEY, "", "")
    out = []
    pos = 0
    begin = _PEM_BEGIN_RE.search(text)
    while True:
        if begin is not None and begin.start() < pos:
            begin = _PEM_BEGIN_RE.search(text, pos)
        limit = begin.start() if begin is not None else len(text)
        end = _PEM_END_RE.search(text, pos, limit)
        if end is not None:  # a body whose header was cut off: the base64 right before END
            start = _body_start(text, max(pos, end.start() - _PEM_MAX), end.start())
            out += [text[pos:start], mask]
            pos = end.end()
            continue
        if begin is None:
            break
        end_re = _PUTTY_END_RE if begin[0].startswith("PuTTY") else _PEM_END_RE
        closing = end_re.search(text, begin.end(), begin.end() + _PEM_MAX)
        out += [text[pos:begin.start()], mask]
        pos = closing.end() if closing is not None else len(text)
    out.append(text[pos:])
    return "".join(out)


_BODY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\\ \t\r\n")


def _body_start(text: str, low: int, end: int) -> int:
    """Where the base64 lines (real or ``\\n``-escaped) that end at ``end`` start."""
    start = end
    while start > low and text[start - 1] in _BODY_CHARS:
        start -= 1
    return start


def _aws_secret(match: re.Match[str], replace: Replace) -> str:
    value = match[0]
    has = (any(c.isupper() for c in value), any(c.islower() for c in value), any(c.isdigit() for c in value))
    return replace(AWS_SECRET, "", value) if all(has) else value


def _userinfo(match: re.Match[str], redacted: str) -> str:
    """A URL's password masked; and its user name too when it is a token
    (``https://<token>:x-oauth-basic@github.com``, ``https://<token>@github.com``)."""
    whole, base = match[0], match.start()
    spans = [match.span("password")] if match["password"] not in (None, redacted) else []
    user = match.groupdict().get("user")
    if user and user != redacted and token_like(user) and any(c.isdigit() for c in user):
        spans.insert(0, match.span("user"))
    for start, end in reversed(spans):
        whole = whole[:start - base] + redacted + whole[end - base:]
    return whole


#: Words between a password's word and digits that make the digits a fact about passwords: "password
#: length is 1024", "Passwort läuft ab in 90".
_DIGITS_NOT_A_PASSWORD = _WHOSE_NOT | frozenset(
    """length lengths minimum min maximum max expires expiry expiration attempts tries characters digits days policy
    rotation age history count strength score version länge mindestlänge longitud longueur lunghezza""".split())


#: Scripts written without spaces: a password told in them ends where their characters start again.
_RUN_ON_SCRIPT_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


#: A key of hex digits in capitals, after its word and a colon ("token autoryzacyjny ...: AE000D66..."): no
#: random-looking value by itself (a certificate's serial number is one too), a key after its word.
_UPPER_HEX_RE = re.compile(r"[0-9A-F]{32,128}")


def _said(match: re.Match[str], redacted: str) -> str:
    if not starts_word(match.string, match.start()):
        return match[0]
    if match["key"] is not None:
        key = match["key"]
        if not (token_like(key) and any(c.isdigit() for c in key)):
            return match[0]
        return match[0][:match.start("key") - match.start()] + redacted
    if match["keyed"] is not None:
        if not random_looking(match["keyed"]) and _UPPER_HEX_RE.fullmatch(match["keyed"]) is None:
            return match[0]  # "access token for service: ServiceAccountName2024Production"
        return match[0][:match.start("keyed") - match.start()] + redacted
    group = next(g for g in ("value", "quoted", "bare", "gapped", "code") if match[g] is not None)
    value = match[group].rstrip(".,;:)")
    if group == "gapped" and (run_on := _RUN_ON_SCRIPT_RE.search(value)) is not None:
        value = value[:run_on.start()]  # "パスワードはAbc123です": the particle after it is no part of it
        if len(value) < 6:
            return match[0]
    if not value or value.lower() in SAID_NOT_VALUES or value == redacted or value.startswith("["):
        return match[0]
    if group == "value" and match["whose"] and not _WHOSE_NOT.isdisjoint(match["whose"].lower().split()):
        return match[0]  # "the password for the reset link is ...": about a password, not one
    if group == "value" and value.isalpha() and value.islower() and first_shaped(
            match.string, match.end(), sentence_end(match.string, match.end())) is not None:
        return match[0]  # "wachtwoord was volgens mij Tulpen-2024-xq": a word, then the password
    if value.isdigit() and len(value) < 3:
        return match[0]  # "PIN is 4 digits long": a count, not a code
    gap = match["gap"] if group == "code" else None
    if group == "gapped" and (not_a_secret(value) or not any(c.isdigit() or c in "#$%&*@^~+=" for c in value)):
        return match[0]  # "$password: String!": a type; "${DB_PASSWORD}": a placeholder
    if group == "gapped" and value.isdigit() and (
            match[0][:len(_PASSWORD_NOUNS)].lower() == _PASSWORD_NOUNS
            or not _DIGITS_NOT_A_PASSWORD.isdisjoint(match[0][:match.start(group) - match.start()].lower().split())
            or UNIT_AFTER_RE.match(match.string, match.end()) is not None):
        return match[0]  # "la clave del éxito es 2025", "password length is 1024", "... is 8 characters"
    if group == "bare" and value.upper().startswith(_ALGORITHMS):

        return match[0]  # "password SHA256 hashing": the scheme, not the password
    if gap and (len(value) < 4 or not GAP_NOT_A_CODE.isdisjoint(gap.lower().split()) or owns_the_digits(gap)
                or UNIT_AFTER_RE.match(match.string, match.end()) is not None):
        return match[0]
    if (group == "code" and len(value) == 6 and value.isdigit() and value[0] in "12345678"
            and _PIN_CODE_RE.fullmatch(match[0][:match.start(group) - match.start()]) is not None):
        return match[0]  # "GPO, नई दिल्ली — पिन कोड 110001": India's postal code, named without "is"
    start = match.start(group) - match.start()
    return match[0][:start] + redacted + match[0][start + len(value):]


#: India's postal code's name right before its six digits ("PIN code 560001", "पिन कोड: 110001").
_PIN_CODE_RE = re.compile(r"(?i:pin[ -]?code|pincode|पिन कोड|पिनकोड)[ ]?[:-]?[ ]?")
