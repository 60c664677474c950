"""Credentials that no ``name=value`` pair names, through the default chain as the consumer runs
it: a tool's own password flag, a call's arguments, config-file lines, a URL's user that is a
token, one-time codes in many languages, recovery-code lists, a JSON Web Key's private
members. Each category has look-alikes that must stay as written."""

from __future__ import annotations

import json

import pytest

from transforms.chain import build_chain
from transforms.manager import get_plugin_manager
from transforms.testing import make_record


@pytest.fixture(scope="module")
def chain():
    return build_chain(get_plugin_manager(), None)


def stored(chain, body) -> str:
    record = make_record()
    record["request"]["body"] = body
    result = chain.run(json.dumps(record, ensure_ascii=False), "2026-12-03T00:00:00.000Z")
    return json.dumps(result.record["request"]["body"], ensure_ascii=False)


#: (text, the secret in it): one line per tool or format.
COMMAND_LINES = [
    ("redis-cli -h cache.internal -p 6379 -a 'R3dis-Pw-1' INFO", "R3dis-Pw-1"),
    ("/usr/bin/redis-cli --pass R3disPw2x -n 2 keys '*'", "R3disPw2x"),
    ('sqlcmd -S tcp:sql01,1433 -U sa -P "Sa-Pw-4nAmeF" -Q "SELECT 1"', "Sa-Pw-4nAmeF"),
    ("bcp dbo.orders out orders.dat -S sql01 -U loader -P L0ader-Pw -c", "L0ader-Pw"),
    ("ldapmodify -x -D cn=admin,dc=acme,dc=io -w Ld4pPw99 -f change.ldif", "Ld4pPw99"),
    ("az login --service-principal -u 6731de76-14a6-49ae-97bc-6eba6914391e -p Az.Pw_9876 --tenant acme", "Az.Pw_9876"),
    ("mongodump --host db1 -u backup -p M0ngoPw! --out /backup", "M0ngoPw!"),
    ("podman login registry.acme.io -u ci -p P0dmanPw", "P0dmanPw"),
    ("http -a admin:Http1e-Pw POST https://api.acme.io/v1/deploys", "Http1e-Pw"),
    ("https --auth=bot:Xh-Secret-7 GET api.acme.io/me", "Xh-Secret-7"),
    ("smbclient //fs01/share -U backup%Smb-Pw-55 -c ls", "Smb-Pw-55"),
    ("lftp -u deploy,Ftp-Pw-11 sftp://files.acme.io", "Ftp-Pw-11"),
    ("keytool -importkeystore -srckeystore a.p12 -srcstorepass St0re-Pw -deststorepass D3st-Pw", "St0re-Pw"),
    ("openssl pkcs12 -in cert.p12 -passin pass:0penSSL-Pw -nodes", "0penSSL-Pw"),
    ("rabbitmqctl add_user billing Rabb1t-Pw", "Rabb1t-Pw"),
    ("net user svc_backup W1n-Pw-42 /add", "W1n-Pw-42"),
    ("echo 'deploy:Chp-Pw-8' | sudo chpasswd", "Chp-Pw-8"),
    ('gh secret set API_KEY --body "Gh-Secret-Body-12"', "Gh-Secret-Body-12"),
    ("aws secretsmanager put-secret-value --secret-id db --secret-string 'Sm-Pw-1x'", "Sm-Pw-1x"),
    ("kubectl create secret generic api --from-literal=API=Kube-Lit-1 --from-literal=user=Kube-Lit-2", "Kube-Lit-2"),
]
#: The same flags where they are no password: another tool's, or the tool asks for it.
COMMAND_LOOK_ALIKES = [
    "redis-cli -h cache.internal -p 6379 INFO",  # -p is redis-cli's port
    "ssh -p 2222 -a deploy@host",  # ssh's -p is a port, -a no agent
    "grep -P '\\d{4}' orders.log",  # grep's -P is a Perl regex
    "http -a admin POST https://api.acme.io/v1/deploys",  # no password: httpie asks for it
    "ls -a /var/log && tar -P -cf all.tar /etc",
    "mongodump --host db1 --out /backup --gzip",
]


@pytest.mark.parametrize(("text", "secret"), COMMAND_LINES)
def test_a_tools_own_password_flag_loses_its_value(chain, text, secret):
    # GIVEN a command line as a deploy log or a support ticket quotes it
    # WHEN it is stored  THEN the password is gone
    assert secret not in stored(chain, {"log": text})


@pytest.mark.parametrize("text", COMMAND_LOOK_ALIKES)
def test_the_same_flags_of_other_tools_stay(chain, text):
    assert json.loads(stored(chain, {"log": text}))["log"] == text


CODE_AND_CONFIG = [
    ('requests.get(url, auth=("admin", "Req-Auth-n36TwG"), timeout=10)', "Req-Auth-n36TwG"),
    ("r = requests.get(url, auth=HTTPBasicAuth('svc', 'B4sicAuth-Pw'))", "B4sicAuth-Pw"),
    ('req.SetBasicAuth("api", "G0-Basic-Pw")', "G0-Basic-Pw"),
    ('var c = new NetworkCredential("svc", "N3t-Cred-Pw");', "N3t-Cred-Pw"),
    ("server.login('alerts@acme.io', 'Smtp-Pw-77')", "Smtp-Pw-77"),
    ("define( 'DB_PASSWORD', 'Wp-Db-O4Q9jVyg' );", "Wp-Db-O4Q9jVyg"),
    ('System.setProperty("javax.net.ssl.keyStorePassword", "Ks-Pw-31")', "Ks-Pw-31"),
    ("app.config['SECRET_KEY'] = 'yDS(=f3h2S9upG9el0t(vvuo'", "f3h2S9upG9el0t"),
    ('os.environ["API_TOKEN"] = "tok-9f8e7d6c5b4a"', "tok-9f8e7d6c5b4a"),
    ('<add key="ClearTextPassword" value="NuGet-KIpBUoJpbG" />', "NuGet-KIpBUoJpbG"),
    ("db.internal:5432:billing:billing_app:PgPass-40tsF3K1", "PgPass-40tsF3K1"),
    ("*:*:*:replicator:Repl\\:Pw-9", "Repl\\\\:Pw-9"),
    ("machine api.heroku.com\n  login deploy-bot\n  password 5fae1c87-d285-0f76\n", "5fae1c87-d285-0f76"),
    ("machine ftp.acme.io login anonymous password Netrc-Pw-5", "Netrc-Pw-5"),
    ('dsn := "shop_rw:G0-Dsn-Vkuk@tcp(10.0.3.12:3306)/shop?parseTime=true"', "G0-Dsn-Vkuk"),
]
CODE_LOOK_ALIKES = [
    'define( "DB_NAME", "wordpress" );',
    'logger.info("login", "user signed in")',  # a login call whose second argument is a message
    't("password", "Password")',  # a translation of the word: not a password... see below
    "12:30:45:00:10",
    "aa:bb:cc:dd:ee:ff",
    "10.0.0.1:5432 is up",
    "the machine is down; default password policy applies",
    "default login is disabled",
]


@pytest.mark.parametrize(("text", "secret"), CODE_AND_CONFIG)
def test_passwords_in_code_and_config_files_are_masked(chain, text, secret):
    assert secret not in stored(chain, {"snippet": text})


@pytest.mark.parametrize("text", [t for t in CODE_LOOK_ALIKES if not t.startswith("t(")])
def test_code_and_config_look_alikes_stay(chain, text):
    assert json.loads(stored(chain, {"snippet": text}))["snippet"] == text


def test_a_calls_value_named_password_is_masked_even_when_it_is_a_label():
    # a translation table's t("password", "Password") loses its label: privacy first, the
    # rare over-mask accepted (a value named password cannot be told from a password)
    chain = build_chain(get_plugin_manager(), None)
    assert '"Password"' not in stored(chain, {"snippet": 't("password", "Password")'})


@pytest.mark.parametrize(("url", "secret"), [
    ('url."https://30856077b91dc04cfbf943e72dc40a16ee7e4277:x-oauth-basic@github.com/".insteadOf', "30856077b91dc"),
    ("git clone https://9f8e7d6c5b4a3f2e1d0c9b8a@github.com/acme/app.git", "9f8e7d6c5b4a3f2e1d0c9b8a"),
    ("pip install --index-url https://user:Pypi-Pw-3@pypi.acme.io/simple x", "Pypi-Pw-3"),
])
def test_a_urls_user_that_is_a_token_is_masked_with_its_password(chain, url, secret):
    assert secret not in stored(chain, {"cmd": url})


#: A one-time code in the words each language texts it with, a possessive or a verb between.
ONE_TIME_CODES = [
    "Mã xác thực của bạn là 583102. Không chia sẻ mã này.",
    "رمز التحقق الخاص بك هو 418305",
    "קוד האימות שלך הוא 662930",
    "Váš ověřovací kód je 904217",
    "Ο κωδικός επαλήθευσής σας είναι 275104",
    "आपका ओटीपी 846201 है। इसे किसी के साथ साझा न करें।",
    "รหัส OTP ของคุณคือ 190372 (Ref: KXPD)",
    "Ihre TAN für den Auftrag lautet: 739152",
    "Az ellenőrző kódod: 608413",
    "Codul de verificare este 551902",
    "Kode verifikasi Anda adalah 771203",
    "Ваш одноразовый код: 660193",
    "کد تایید شما 481920 است",
    "Twój kod jednorazowy to 302918",
    "Your Acme code is 502918.\n\n@app.acme.io #502918",
]
#: A password said in prose, whoever's it is and however it is quoted.
SAID_PASSWORDS = [
    ("The new password for jane is Winter2026!", "Winter2026"),
    ("das Passwort von admin ist Geheim-99", "Geheim-99"),
    ('The wifi password is "Sunny-Day-2026"', "Sunny-Day-2026"),
    ("password of the day is Blue42", "Blue42"),
    ("Your password has been reset to Reset-Pw-21", "Reset-Pw-21"),
    ("use password Use-Pw-23 to log in", "Use-Pw-23"),
    ("ERROR: invalid api key 'k-9f8e7d6c5b4a3f2e1d0c' for tenant acme", "9f8e7d6c5b4a3f2e1d0c"),
    ("[WARN] Retrying with credentials admin/Adm1n-Pw-22", "Adm1n-Pw-22"),
    ("login with admin / Admin-Slash-24", "Admin-Slash-24"),
    ('secret_token "St-9f8e7d6c5b4a3f2e"', "St-9f8e7d6c5b4a3f2e"),
    ("Mật khẩu: Vn-Pw-14", "Vn-Pw-14"),
    ("كلمة المرور: Ar-Pw-20", "Ar-Pw-20"),
    ("パスワード：Jp-Pw-15", "Jp-Pw-15"),
    ("密码：Cn-Pw-16", "Cn-Pw-16"),
]

#: SQL and Redis that set or send a password.
QUERY_PASSWORDS = [
    ("set password for 'root'@'localhost' = PASSWORD('Sql-Set-Pw-6');", "Sql-Set-Pw-6"),
    ("CREATE USER 'app'@'%' IDENTIFIED BY 'My-Ident-Pw-8';", "My-Ident-Pw-8"),
    ("ALTER USER app IDENTIFIED WITH mysql_native_password BY 'Nat-Pw-1';", "Nat-Pw-1"),
    ("GRANT ALL ON db.* TO 'u'@'%' IDENTIFIED BY 'Grant-Pw-9';", "Grant-Pw-9"),
    ("AUTH Redis-Auth-Pw-10", "Redis-Auth-Pw-10"),
    ("AUTH default Redis-Acl-Pw", "Redis-Acl-Pw"),
    ('redis.auth("Redis-Js-Pw-11")', "Redis-Js-Pw-11"),
    ('CONFIG SET requirepass "Redis-Req-Pw-12"', "Redis-Req-Pw-12"),
]


@pytest.mark.parametrize(("text", "secret"), QUERY_PASSWORDS)
def test_passwords_in_sql_and_redis_commands_are_masked(chain, text, secret):
    assert secret not in stored(chain, {"query": text})


@pytest.mark.parametrize(("text", "secret"), SAID_PASSWORDS)
def test_a_password_said_in_prose_is_masked(chain, text, secret):
    assert secret not in stored(chain, {"note": text})


@pytest.mark.parametrize("text", ["the password policy is strict", "The password for the reset link is below",
                                  "the password field is required", "password SHA256 hashing enabled",
                                  "the password v2 policy", "Set password to expire in 90 days",
                                  "login with Google/Facebook", "sign in with email/password",
                                  'the token "expired"? no: the field "token" is required'])
def test_prose_about_a_password_stays(chain, text):
    assert json.loads(stored(chain, {"note": text}))["note"] == text


CODE_WORD_LOOK_ALIKES = [
    "Your verification code expires in 10 minutes",
    "OTP expires in 300 seconds",
    "PIN for the card ending 4242",
    "verification code sent to 4 devices",
    "Tan 2024 autumn collection",
    "recovery codes regenerated at 2026-12-01",
    "You have 3 recovery codes left",
]


@pytest.mark.parametrize("text", ONE_TIME_CODES)
def test_one_time_codes_are_masked_in_many_languages(chain, text):
    out = json.loads(stored(chain, {"sms": text}))["sms"]
    digits = [w for w in text.replace("#", " ").replace(".", " ").replace(":", " ").split() if w.isdigit() and len(w) >= 6]
    assert digits and not any(d in out for d in digits), out


@pytest.mark.parametrize("text", CODE_WORD_LOOK_ALIKES)
def test_code_words_before_a_count_or_a_date_leave_them(chain, text):
    assert json.loads(stored(chain, {"sms": text}))["sms"] == text


@pytest.mark.parametrize("text", [
    "Your two-factor recovery codes:\n  8f3k2-9dm4q\n  7hx2p-4kw9z\n  2mq8c-6tr1v\nKeep them somewhere safe.",
    "Backup codes: 1234 5678, 9012 3456, 7788 9900",
    "Recovery codes\n1. ab12-cd34\n2. ef56-gh78\n",
])
def test_every_code_of_a_recovery_code_list_is_masked(chain, text):
    out = json.loads(stored(chain, {"page": text}))["page"]
    codes = [w.strip(",") for w in text.split() if any(c.isdigit() for c in w) and len(w.strip(",.")) >= 4]
    assert codes and not any(code in out for code in codes), out
    assert "somewhere safe" in out or "Keep" not in text


def test_a_json_web_keys_private_members_are_masked_and_its_public_ones_kept(chain):
    # GIVEN a JWKS with an EC private key and an RSA private key, and the same as JSON text
    jwks = {"keys": [
        {"kty": "EC", "crv": "P-256", "kid": "sig-2026-11", "x": "sHiURK9j8Bf8qtuhhQVgJquGSHEy", "y": "u_cuaJ9Tt-4ZHGPp_Z",
         "d": "k3qKXUczHrQchcZYnjwzKjfrhIlXa9c1IKoVRdeUrPk", "use": "sig"},
        {"kty": "RSA", "kid": "rsa-1", "n": "0vx7agoebGcQSuuPiLJXZpt", "e": "AQAB", "d": "X4cTteJY_gn4FYPsXB8rdXix5vwsg1F",
         "p": "83i-7IvMGXoMXCskv73TKr8637Fi", "q": "3dfOR9cuYq-0S-mkFLzgItgMEfFzB", "dp": "G4sPXkc6Ya9y8oJW9_ILj4",
         "dq": "s9lAH9fggBsoFR8Oac2R_E2gw282r", "qi": "GyM_p6JrXySiz1toFgKbWV4JdI"},
        {"kty": "oct", "kid": "hmac", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ"},
    ]}
    for body in (jwks, {"config": json.dumps(jwks)}):
        # WHEN each is stored
        out = stored(chain, body)
        # THEN no private member's value is left; the public members and key IDs are
        for secret in ("k3qKXUczHrQchcZ", "X4cTteJY_gn4FY", "83i-7IvMGXoMX", "3dfOR9cuYq", "G4sPXkc6Ya9", "s9lAH9fggBs",
                       "GyM_p6JrXySiz", "AyM1SysPpbyDfgZ"):
            assert secret not in out, (secret, out)
        for public in ("sig-2026-11", "sHiURK9j8Bf8qtuhhQVgJquGSHEy", "0vx7agoebGcQSuuPiLJXZpt", "AQAB", "rsa-1"):
            assert public in out, (public, out)


def test_a_d_or_k_outside_a_json_web_key_stays(chain):
    assert json.loads(stored(chain, {"d": "2026-12-03", "k": "color", "p": "page-2"})) == {
        "d": "2026-12-03", "k": "color", "p": "page-2"}


@pytest.mark.parametrize(("body", "secret"), [
    ({"kind": "Secret", "stringData": {"API_URL": "https://x", "MY_CONFIG": "Kube-String-Data-1"}}, "Kube-String-Data-1"),
    ({"kind": "Secret", "data": {"tls.key": "LS0tLS1CRUdJTiBQUklWQVRF"}}, "LS0tLS1CRUdJTiBQUklWQVRF"),
    ({"Parameters": [{"ParameterKey": "DbPassword", "ParameterValue": "Cfn-Pw-7"}]}, "Cfn-Pw-7"),
    ({"OptionSettings": [{"Namespace": "aws:elasticbeanstalk:application:environment", "OptionName": "API_TOKEN",
                          "Value": "Eb-Tok-9f8e7d6c"}]}, "Eb-Tok-9f8e7d6c"),
    ({"answers": [{"question": "Mother's maiden name", "answer": "Smithers"}]}, "Smithers"),
    ({"wifi": {"ssid": "Acme-Guest", "psk": "Guest-Psk-2026"}}, "Guest-Psk-2026"),
])
def test_secrets_that_their_structure_names_are_masked(chain, body, secret):
    # GIVEN a Kubernetes Secret, CloudFormation parameters, a security question's answer, a Wi-Fi key
    # WHEN stored  THEN the value is gone
    assert secret not in stored(chain, body)


def test_a_config_maps_data_and_a_plain_question_stay(chain):
    body = {"kind": "ConfigMap", "data": {"LOG_LEVEL": "info"}, "faq": [{"question": "Do you ship to Norway?",
                                                                      "answer": "Yes, within 5 days"}]}
    assert json.loads(stored(chain, body)) == body


@pytest.mark.parametrize(("url", "secret"), [
    ("https://app.acme.io/auth/magic?t=9f8e7d6c5b4a3f2e1d0c9b8a", "9f8e7d6c5b4a3f2e1d0c9b8a"),
    ("https://app.acme.io/invite?c=Zx9kQ2mN8pL4vR7t&ref=mail", "Zx9kQ2mN8pL4vR7t"),
    ("https://app.acme.io/join/Zx9kQ2mN8pL4vR7t", "Zx9kQ2mN8pL4vR7t"),
    ("https://app.acme.io/email/verify/42?expires=1764670530&signature=ab12cd34ef56ab12cd34", "ab12cd34ef56ab12cd34"),
])
def test_a_secret_links_query_values_that_look_random_are_masked(chain, url, secret):
    # GIVEN a link whose path names a secret's link, its secret in a query parameter of any name
    out = stored(chain, {"link": url})
    # THEN the secret is gone, the plain values stay
    assert secret not in out
    assert "ref=mail" in out or "ref=" not in url


def test_a_secret_links_plain_query_values_stay(chain):
    url = "https://app.acme.io/invite?lang=en&team=42&utm_source=newsletter"
    assert json.loads(stored(chain, {"link": url}))["link"] == url


#: What API logs and payloads say near the words and shapes this stop's passes key on,
#: holding no secret and no person: each must be stored as written.
NEAR_MISSES = [
    'POST /api/v1/login HTTP/1.1',
    'GET /auth/callback?state=abc&code_challenge_method=S256',
    'User login: success',
    'Credentials: valid',
    'login with SSO/SAML',
    "define('APP_VERSION', '2.4.1');",
    "config['timeout'] = '30s'",
    "headers.set('Content-Type', 'application/json')",
    "process.env['NODE_ENV'] = 'production'",
    'setenv("LANG", "en_US.UTF-8")',
    'localStorage.setItem("theme", "dark")',
    'auth("github")',
    'login("oauth")',
    'Hello Team,',
    'Hi all,',
    'Dear Valued Customer,',
    'Hi Support,',
    'Recovery codes: generated',
    'backup codes (10 left)',
    'status|ok|200',
    'a|b|c|d',
    'CN=*.acme.io',
    "CN=Let's Encrypt Authority X3, O=Let's Encrypt, C=US",
    'CN=DigiCert Global Root CA,OU=www.digicert.com,O=DigiCert Inc,C=US',
    'name,price,qty',
    'Widget,9.99,3',
    'The TAN color is nice',
    'Tan 2024 collection launched',
    'PIN pad firmware v2.3.1',
    'OTP sent',
    'verification code expired',
    'Your code review is ready: PR 1234',
    'Error code 500 returned',
    'Code 404: page not found',
    'machine learning model password-strength-v2 deployed',
    'default password policy: 12 chars',
    'psql -h db -p 5432 -U app',
    'redis-cli -p 6380 ping',
    'curl -a https://x',
    'zip -r out.zip dir',
    'unzip -l out.zip',
    'ldapsearch -x -b dc=acme,dc=io',
    'mongo --port 27017',
    'http GET api.acme.io/users page==2',
    'gh secret list',
    'docker run -p 8080:80 nginx',
    'ssh -p 2222 deploy@host',
    'openssl req -new -key key.pem -out csr.pem',
    'keytool -list -keystore ks.jks',
    'net user',
    'rabbitmqctl list_users',
    'kubectl create secret generic db --dry-run=client',
    '{"kty": "RSA", "n": "0vx7agoebGcQSuuPiLJXZpt", "e": "AQAB", "kid": "k1"}',
    'Your verification code is valid for 10 minutes',
    'Code: 200 OK',
    'Build 4821 passed',
    'Ref: KXPD-4821',
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_of_every_new_pass_are_stored_as_written(chain, text):
    assert json.loads(stored(chain, {"line": text}))["line"] == text


def run_call(chain, route: str, body) -> dict:
    record = make_record()
    record["request"].update(route=route, path=route, body=body)
    result = chain.run(json.dumps(record, ensure_ascii=False), "2026-12-03T00:00:00.000Z")
    return result.record["request"]["body"]


@pytest.mark.parametrize(("route", "code"), [
    ("/api/v1/auth/mfa/verify", "830194"), ("/2fa/challenge", 482913), ("/otp", "ab12cd"),
    ("/account/verify-phone", "318 552"), ("/users/:id/two-factor", "004821"),
])
def test_a_bare_code_on_a_route_that_checks_one_time_codes_is_masked(chain, route, code):
    # GIVEN the body of a call that checks a one-time code, under the bare key "code"
    # WHEN it is stored  THEN the code is gone, the rest kept
    body = run_call(chain, route, {"code": code, "remember_device": True})
    assert body == {"code": "[redacted]", "remember_device": True}


@pytest.mark.parametrize(("route", "body"), [
    ("/api/countries", {"code": "DE", "name": "Germany"}),
    ("/api/promotions/apply", {"code": "SUMMER2026"}),
    ("/api/v1/auth/mfa/verify", {"code": "ok"}),
    ("/api/errors", {"code": 4012}),
])
def test_a_code_elsewhere_or_of_another_shape_stays(chain, route, body):
    assert run_call(chain, route, dict(body)) == body


# --- probe corpus 4: secrets with no distinctive prefix, in code, paths and prose ------------

#: (body, the secret in it): a category per line group; none of these is a corpus string.
NAMELESS_SECRETS = [
    # a key handed to a client's constructor, or under a bare "key"
    ({"message": 'import anthropic_like\nclient = voyage.ClientV2("Hq7Tz2LmVn4RxB8kPw3JdYs9FcG6")'}, "Hq7Tz2LmVn4RxB8kPw3JdYs9FcG6"),
    ({"message": "$gw = new \\Braintree\\Gateway(new Credentials('a3f9c2e81b7d4f60', 'Zq4Lm8Tn2Vx6Rb9Kw3Jh7Yp5'));"},
     "Zq4Lm8Tn2Vx6Rb9Kw3Jh7Yp5"),
    ({"message": "const rt = new Pusher.Rest({ key: 'ab12CD.ef34GH:Kp9Lm2Nq7Rs4Tv8Wx3Yz6Ab1Cd5Ef0Gh' });"},
     "Kp9Lm2Nq7Rs4Tv8Wx3Yz6Ab1Cd5Ef0Gh"),
    ({"provider": "mistral", "key": "7c1e4b9a2f6d8035c4e7a1b9d2f60c83"}, "7c1e4b9a2f6d8035c4e7a1b9d2f60c83"),
    ({"message": 'provider "hcloud" {\n  token        = "Nw8Qk3Lz6Vr1Tx4Ym7Pb2Hc5Jd9Fs0Gt"\n}'}, "Nw8Qk3Lz6Vr1Tx4Ym7Pb2Hc5Jd9Fs0Gt"),
    ({"message": 'provider "exoscale" {\n  secret          = "6a2f0c1e-7b3d-4e59-a8c1-2d4f6b8e0a13"\n}'},
     "6a2f0c1e-7b3d-4e59-a8c1-2d4f6b8e0a13"),
    # curl with the key as the user, or quoted
    ({"message": "curl -u Zk3Lm9Qp2Rt7Vw4Xy8Ab:X https://acme.zendesk-like.com/api/v2/tickets.json"}, "Zk3Lm9Qp2Rt7Vw4Xy8Ab"),
    ({"message": 'curl --user "ops:Digest-Pw-77x" --digest https://cloud.acme.io/api'}, "Digest-Pw-77x"),
    # more tools' password and key flags
    ({"message": "cqlsh 10.0.0.5 -u cassandra -p 'Cql-Pw-391x'"}, "Cql-Pw-391x"),
    ({"message": "rabbitmqadmin -u admin -p Rmq-Admin-Pw5 declare queue name=jobs"}, "Rmq-Admin-Pw5"),
    ({"message": "az storage container list --account-name logs --account-key Qm9vYmFyYmF6cXV4cXV1eA=="},
     "Qm9vYmFyYmF6cXV4cXV1eA=="),
    ({"message": "nuget push Pkg.1.0.0.nupkg -ApiKey Ng-Key-7f3a9c2e1b -Source https://nuget.acme.io"}, "Ng-Key-7f3a9c2e1b"),
    ({"message": 'docker login -u="robot$ci" -p="Q7W3E9R2T5Y8U1I4O6P0" registry.acme.io'}, "Q7W3E9R2T5Y8U1I4O6P0"),
    ({"message": "addauth digest ops:Zk-Digest-Pw4"}, "Zk-Digest-Pw4"),
    ({"message": "bitcoin-cli importprivkey L1aW4aubDFB7yfras2S1mN3bqg9nwySY8nkoLmJebSLD5BWv3ENZ label"},
     "L1aW4aubDFB7yfras2S1mN3bqg9nwySY8nkoLmJebSLD5BWv3ENZ"),
    # passwords in code calls
    ({"message": '$p = ConvertTo-SecureString -String "Ps-Secure-88x" -AsPlainText -Force'}, "Ps-Secure-88x"),
    ({"message": 'a := smtp.PlainAuth("", "bot@acme.io", "Go-Smtp-Pw3", "smtp.acme.io")'}, "Go-Smtp-Pw3"),
    ({"message": 'DriverManager.getConnection("jdbc:postgresql://db/app", "app", "Jdbc-Pw-61")'}, "Jdbc-Pw-61"),
    ({"message": "$db = new PDO('mysql:host=db;dbname=blog', 'blog', 'Pdo-Pw-19x');"}, "Pdo-Pw-19x"),
    ({"message": 'client.post(u).basic_auth("svc", Some("Rs-Basic-44")).send()'}, "Rs-Basic-44"),
    ({"message": "auth = PasswordAuthenticator('app', 'Cb-Auth-Pw-2')"}, "Cb-Auth-Pw-2"),
    # config files
    ({"message": "port 6380\nrequirepass Redis-Conf-Pw9\nsave 900 1"}, "Redis-Conf-Pw9"),
    ({"message": "env:\n  - name: DB_PASSWORD\n    value: Env-Pw-31x\n  - name: TZ\n    value: UTC"}, "Env-Pw-31x"),
    # webhook tokens in a URL's path
    ({"message": "POST https://chat.acme.io/hooks/k3x9q2m7p4w8z1b5n6c0v2r8t4 -> 200"}, "k3x9q2m7p4w8z1b5n6c0v2r8t4"),
    ({"message": "https://logs-01.loggly.com/inputs/0b6e2f4a-9c1d-4e7b-8a3f-5d2c1e0b9a87/tag/web/"},
     "0b6e2f4a-9c1d-4e7b-8a3f-5d2c1e0b9a87"),
    # OAuth device flow and PKCE
    ({"device_code": "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS", "user_code": "WDJB-MJHT"}, "WDJB-MJHT"),
    ({"code_verifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
    # one-time codes
    ({"message": "Varmennuskoodisi on 530981."}, "530981"),
    ({"message": "Codul tău de confirmare este 402175."}, "402175"),
    ({"message": "Your sign-in code: QWXZPL"}, "QWXZPL"),
    # recovery keys
    ({"message": "Recovery key: 111111-222222-333333-444444-555555-666666-777777-888888"}, "444444-555555"),
    ({"message": "Code: 7KQ2M-X9P4W-B3N8R-T5V1C-Y6H0J"}, "7KQ2M-X9P4W-B3N8R-T5V1C-Y6H0J"),
    ({"message": "key AB12-CD34-EF56-GH78-JK90-LM12-NP34"}, "AB12-CD34-EF56-GH78-JK90-LM12-NP34"),
    ({"message": "Wiederherstellungscodes:\n1. 4821 9930\n2. 1177 0264"}, "1177 0264"),
    # key formats
    ({"message": "fallback fw_Q7w3E9r2T5y8U1i4O6p0Aa1s"}, "fw_Q7w3E9r2T5y8U1i4O6p0Aa1s"),
    ({"message": "nsec1" + "q2w3e4r5t6" * 5 + "ac7d8f9g"}, "q2w3e4r5t6q2w3e4r5t6"),
    # passwords in prose
    ({"message": "la password è Gatto!2024x, non dirla"}, "Gatto!2024x"),
    ({"message": "Hasło jest Zima-2024-kot."}, "Zima-2024-kot"),
    ({"message": "Şifreniz: Kedi-2024-ab"}, "Kedi-2024-ab"),
    ({"message": "サーバーのパスワードはKitsune-88です"}, "Kitsune-88"),
    ({"message": "数据库口令为Panda-2024x。"}, "Panda-2024x"),
    ({"message": "관리자 비밀번호는 Hangul-77x 입니다"}, "Hangul-77x"),
    ({"message": "creds for prod are deploy / lantern-meadow-quartz-42"}, "lantern-meadow-quartz-42"),
]


@pytest.mark.parametrize(("body", "secret"), NAMELESS_SECRETS)
def test_secrets_with_no_prefix_in_code_paths_and_prose_are_masked(chain, body, secret):
    assert secret not in stored(chain, body)


#: Look-alikes of the passes above that must stay as written.
NAMELESS_LOOK_ALIKES = [
    {"message": 'client = httpx.Client("https://api.acme.io/v1")'},
    {"message": "const c = new Api.Client('billing-service')"},
    {"key": "Enter", "code": "KeyA"},
    {"key": "checkout.payment.title", "value": "Pay now"},
    {"message": "key: 'ProductCatalog'"},
    {"message": "curl -u admin https://api.acme.io"},
    {"message": "See https://docs.acme.io/hooks/getting-started for webhooks"},
    {"message": "cqlsh -e 'DESCRIBE KEYSPACES'"},
    {"message": "la password è scaduta, cambiala"},
    {"message": "Hasło jest nieprawidłowe."},
    {"message": "Şifre sıfırlama bağlantısı gönderildi"},
    {"message": "Your login code: EXPIRED"},
    {"message": "Order 2024-11-30-0001-AB shipped"},
    {"message": "Credentials for staging are in the vault"},
    {"message": "env:\n  - name: LOG_LEVEL\n    value: debug-2"},
    {"words": ["red", "green", "blue"], "note": "abandon ability able about above absent absorb abstract absurd abuse"},
    {"message": "We love the sample parrot trophy digital guard output honey mouse crush lyrics"},
]


@pytest.mark.parametrize("body", NAMELESS_LOOK_ALIKES)
def test_look_alikes_of_nameless_secrets_stay(chain, body):
    assert json.loads(stored(chain, body)) == body


@pytest.mark.parametrize(("body", "words"), [
    ({"message": "my seed: " + " ".join(["legal", "winner", "thank", "year", "wave", "sausage", "worth", "useful",
                                         "legal", "winner", "thank", "yellow"])}, ["sausage", "useful"]),
    ({"recovery": ["legal", "winner", "thank", "year", "wave", "sausage", "worth", "useful", "legal", "winner",
                   "thank", "yellow"]}, ["sausage", "useful"]),
    ({"message": "Phrase :\n1. abeille\n2. abolir\n3. aborder\n4. abroger\n5. absence\n6. absolu\n7. absurde\n8. abrupt"
                 "\n9. abriter\n10. acajou\n11. acarien\n12. accabler"}, ["abroger", "acarien"]),
    ({"message": "frase: ábaco abdomen abeja abierto abogado abono aborto abrazo abrir abuelo abuso acabar"},
     ["abdomen", "abuelo"]),
])
def test_seed_phrases_of_any_bip39_list_are_masked(chain, body, words):
    out = stored(chain, body)
    for word in words:
        assert word not in out


def test_a_list_of_eleven_seed_words_or_prose_stays(chain):
    body = {"tags": ["legal", "winner", "thank", "year", "wave", "sausage", "worth", "useful", "legal", "winner", "thank"],
            "message": "The legal winner will thank you this year for the wave of useful work"}
    assert json.loads(stored(chain, body)) == body


def test_an_odoo_json_rpc_calls_password_argument_is_masked_and_the_rest_kept(chain):
    body = {"jsonrpc": "2.0", "method": "call", "params": {
        "service": "object", "method": "execute_kw",
        "args": ["shop-db", 7, "0a4f9c1e2b3d5a6f7e8d9c0b1a2f3e4d5c6b7a89", "sale.order", "search_read", []]}}
    out = json.loads(stored(chain, body))
    assert out["params"]["args"][2] == "[redacted]"
    assert out["params"]["args"][:2] == ["shop-db", 7] and out["params"]["args"][3:] == ["sale.order", "search_read", []]


@pytest.mark.parametrize(("method", "params", "masked"), [
    ("walletpassphrase", ["1YaufUz~gOBrQ3yR6jAuEq", 60], [0]),
    ("personal_unlockAccount", ["0xa27f677906ea9707858bc77cf853dcd05815c72e", "m~LCVSfXATYW1xVh3gmV", 300], [1]),
    ("personal_importRawKey", ["031eeb30d29038a6a338e24ac9a719bac7e512ec817658cd28c46a67f1344212", "LUkyo^cXiOe75M#r_l"], [0, 1]),
    ("auth.login", ["*EKcZkTOxE~tNDld6z"], [0]),
    ("getblockcount", ["kept"], []),
])
def test_a_json_rpc_methods_secret_params_are_masked_by_position(chain, method, params, masked):
    # GIVEN a JSON-RPC call whose method takes a passphrase or a key at a known position
    body = {"jsonrpc": "2.0", "id": 7, "method": method, "params": params}
    # WHEN it is stored  THEN those positions are masked and every other param kept
    out = json.loads(stored(chain, body))["params"]
    assert out == ["[redacted]" if i in masked else p for i, p in enumerate(params)]


@pytest.mark.parametrize("body", [
    {"service": ["object"], "args": [1, 2, "x"], "method": "execute_kw"},
    {"service": "object", "args": [1, 2, "x"], "method": {"name": "execute_kw"}},
    {"method": ["walletpassphrase"], "params": ["x"]},
    {"method": {"a": 1}, "params": ["x"]},
])
def test_a_method_or_service_that_is_no_string_is_stored_as_is(chain, body):
    # a list or an object where an RPC names its method used to make pii raise (no set holds one)
    assert json.loads(stored(chain, body)) == body


@pytest.mark.parametrize(("body", "kept"), [
    ({"rawHeaders": ["Host", "api.acme.example", "X-Api-Key", "K4yLVo9YFlzvF78tfVtG7l3yMOmo60mV"]}, None),
    ({"allowedHeaders": ["Authorization", "X-Api-Key", "Content-Type", "Origin"]}, True),
    ({"exposed": ["X-Api-Key", "Content-Type"]}, True),
])
def test_node_raw_headers_lose_credential_values_and_lists_of_names_stay(chain, body, kept):
    out = json.loads(stored(chain, body))
    if kept:
        assert out == body
    else:
        assert out["rawHeaders"] == ["Host", "api.acme.example", "X-Api-Key", "[redacted]"]


@pytest.mark.parametrize("body", [
    {"authSource": "admin", "authPlugin": "org.apache.pulsar.client.impl.auth.AuthenticationToken"},
    {"smtp": {"user": "${SMTP_USER}", "password": "${SMTP_PASSWORD}"}, "ci": {"token": "${{ secrets.NPM_TOKEN }}"}},
    {"password": "********", "api_key": "<API_KEY>", "secret": "$DB_SECRET", "token": "{{ token }}"},
    {"token_contract": "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", "avg_session_s": 187.4, "secret_manager": "vault"},
    {"secret_rotation_days": "90", "session_ttl_seconds": 1209600, "password_label": "Hasło"},
    {"auth.password.forgot": "Passwort vergessen?", "auth.token.expired": "Votre jeton a expiré."},
    {"secretKeyRef": {"name": "payments-db", "key": "password"}},
    {"message": "npm_token: ${{ secrets.NPM_TOKEN }}"},
])
def test_names_about_a_credential_and_placeholders_stay(chain, body):
    assert json.loads(stored(chain, body)) == body


@pytest.mark.parametrize(("text", "secret"), [
    ("curl -H 'Fastly-Key: Zq4Lm8Tn2Vx6Rb9Kw3Jh7Yp5' -X POST https://api.fastly.com/purge_all", "Zq4Lm8Tn2Vx6Rb9Kw3Jh7Yp5"),
    ("APCA-API-KEY-ID: PKQ4LM8TN2VX6RB9KW3J", "PKQ4LM8TN2VX6RB9KW3J"),
])
def test_a_credential_headers_value_in_text_is_masked(chain, text, secret):
    assert secret not in stored(chain, {"message": text})


@pytest.mark.parametrize(("text", "secret"), [
    ('client = mistralai.Mistral("Xk29Lmq7Tz2LmVn4RxB8kPw3JdYs")', "Xk29Lmq7Tz2LmVn4RxB8kPw3JdYs"),
    ("Koodisi on 449201", "449201"),
])
def test_a_modules_class_given_a_key_and_a_finnish_code_are_masked(chain, text, secret):
    assert secret not in stored(chain, {"message": text})


@pytest.mark.parametrize("text", [
    'u = uuid.UUID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")',
    'repo.Commit("9fceb02d0ae598e95dc970b74767f19372d61af8")',
    'log.Info("ServiceStartedSuccessfully")',
])
def test_a_modules_class_given_an_id_a_digest_or_a_word_keeps_it(chain, text):
    assert json.loads(stored(chain, {"message": text})) == {"message": text}


@pytest.mark.parametrize(("body", "kept"), [
    ({"password1": "Hunter2-xyzzy!", "password2": "Hunter2-xyzzy!"}, False),  # Django's UserCreationForm
    ({"headers": {"cookie": "cookie_consent=analytics%3Dtrue%26marketing%3Dfalse; ab_hero=B"}}, True),
    ({"headers": {"cookie": "ab_session=abcdef"}}, False),
])
def test_numbered_passwords_are_credentials_and_consent_cookies_stay(chain, body, kept):
    out = json.loads(stored(chain, body))
    assert (out == body) is kept


@pytest.mark.parametrize(("query", "kept"), [
    ({"code": "BLACKFRIDAY25", "currency": "EUR"}, True),  # a coupon in capitals
    ({"code": "4/0AeaYSHBx9kqL2mN8pQ1rS3tU5vW7xY9zA", "state": "x1"}, False),  # an OAuth code
    ({"appid": "wx3f9c2a7b1d4e6f80"}, True), ({"appid": "9612754d110aef0ce0ac33212f4aba83"}, False),
])
def test_url_parameters_that_hold_a_credential_only_when_it_looks_like_one(chain, query, kept):
    record = make_record()
    record["request"]["query"] = dict(query)
    result = chain.run(json.dumps(record), "2026-12-02T00:00:00.000Z")
    assert (result.record["request"]["query"] == query) is kept


# --- hostile cases (probe round 6) --------------------------------------------------------


def test_a_graphql_requests_variables_are_judged_by_the_arguments_they_are_passed_as(chain):
    # GIVEN a login mutation whose variables have names that say nothing
    body = {"query": "mutation { login(email: $e, pass: $p) { token } }", "variables": {"e": "jane@x.org", "p": "Hunter2-xyz"},
            "operationName": None}
    # WHEN it is stored  THEN the password and the e-mail are masked as their arguments say
    assert json.loads(stored(chain, body))["variables"] == {"e": "[email]", "p": "[redacted]"}


def test_a_json_patch_operations_value_is_judged_by_its_path(chain):
    body = {"patch": [{"op": "replace", "path": "/password", "value": "S3cret-pass!"},
                      {"op": "add", "path": "/tags/0", "value": "vip"}]}
    assert json.loads(stored(chain, body))["patch"] == [{"op": "replace", "path": "/password", "value": "[redacted]"},
                                                         {"op": "add", "path": "/tags/0", "value": "vip"}]


@pytest.mark.parametrize(("text", "secret"), [
    ("Mein Passwort lautet Xk29-pq7Lm", "Xk29-pq7Lm"),
    ("我的密码是：Xk29pq7Lm", "Xk29pq7Lm"),
    ("mon mot de passe est « Xk29pq7Lm »", "Xk29pq7Lm"),
    ("token ghp_1234\ufe0f5678\ufe0f90abcdefghij\ufe0fABCDEFGHIJ123456 leaked", "90abcdefghij"),  # variation selectors
    ("mail margarethe.vonstein\ufe6bposteo.de", "vonstein"),  # a small commercial at
    ("note " + "".join(chr(0xE0000 + ord(c)) for c in "password=Zq4Lm8Tn2Vx6") + " end", "Zq4Lm8Tn2Vx6"),  # tag characters
])
def test_passwords_in_more_prose_and_values_hidden_by_invisible_characters_are_masked(chain, text, secret):
    out = stored(chain, {"message": text})
    hidden = "".join(chr(0xE0000 + ord(c)) for c in secret)
    assert secret not in out and hidden not in out and secret.replace("\ufe0f", "") not in out


@pytest.mark.parametrize("key", ["p-a-s-s-w-o-r-d", "p.a.s.s.w.o.r.d", "x" * 5000 + "_password", "Geheimnis", "令牌"])
def test_credential_names_spelled_out_very_long_or_in_more_languages_are_credentials(chain, key):
    assert json.loads(stored(chain, {key: "Zq4Lm8Tn2Vx6Rb9K"}))[key] == "[redacted]"
