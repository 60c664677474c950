"""What a field name says its value is: the name-based half of the ``pii`` transform.

Names are compared as words: camelCase, snake_case, kebab-case and any punctuation split
a name into lower-case words, accents are dropped (``prénom`` is ``prenom``, ``Straße``
is ``strasse``), so ``firstName``, ``first_name``, ``first-name`` and ``FIRST_NAME`` are
one name.

**Credentials** (:class:`NameRule`) come from ``droplets/contract/credentials.json``, the one
list the Express middleware loads too: a name is a credential when a term's words appear in
it in a row (``access_token``, ``client_secret``, ``x_api_key``), or when a word ends with a
term of five letters or more written without separators (``accesstoken``, ``xapikey``),
unless its last word says the value is *about* the secret (``token_count``,
``token_type``, ``password_hint_shown``). Short terms (``pin``, ``pwd``) match whole words
only: ``spinner`` or ``compass`` are not secrets. Plurals are different words
(``max_tokens``).

**Personal data** (:class:`PersonalNames`) is matched by class (``_pii_kinds.CLASSES``) on
the *end* of the name, where English, German and Dutch put the head noun:
``billing_address``, ``customerEmail``, ``home-phone``, ``Rechnungsadresse``. A name whose
last words are not the term is about the value, not the value: ``phone_verified``,
``address_count``, ``email_template``, ``name_length`` stay. Before matching, connecting
words (``de``, ``of``, ``di``...) and numbering (``address_line_1``, ``email2``) are dropped,
so ``date_of_birth``, ``fecha_de_nacimiento`` and ``address_line1`` read as their terms; a
plural last word matches its singular (``emails``, ``phone_numbers``); a name starting with
a counting or flag word (``num_emails``, ``has_phone``, ``show_email``) is metadata.

``name`` (and ``nom``, ``nombre``, ``nome``, ``naam``... and ``display_name``-like names with
a word this table does not know in front) is *ambiguous*: a person's or a product's. It is a
person's name unless its context says it names a thing. The context is, from nearest to
farthest: the words in front of it (``customer_name`` is a person, ``product_name`` a
thing), the keys it sits under (``user.name``, ``attendees[].name`` vs ``course.name``,
``items[].name``; generic wrappers such as ``data`` or ``results`` pass their context on),
and for the top of a body or query the last resource of the route (``/api/courses/:id``
names a course). When nothing says, it is taken to be a person's: a leaked name is worse
than a masked product title.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Iterable

from transforms.builtin._pii_literals import word_rows
from transforms.builtin._pii_words import without_marks

# --- normalisation -----------------------------------------------------------------------

_CAMEL_RE = re.compile("([a-z0-9ß-öø-ÿ\u0100-\u017f\u0430-\u045f])([A-Z\u0410-\u042f])|([A-Z]+)([A-Z][a-z])")
#: What separates words: no letter or digit, but the vowel signs and marks of the scripts of
#: South and South-East Asia (Devanagari to Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer), which
#: ``re`` counts as no word character (``ชื่อ``, ``फ़ोन`` are one word each).
_SPLIT_RE = re.compile(r"(?:(?![\u0900-\u0DFF\u0E00-\u0EFF\u0F00-\u109F\u1780-\u17FF])[\W_])+")
_TRAILING_DIGITS_RE = re.compile(r"(?<=[a-z]{4})[0-9]+$")


#: Letters with a stroke or a ligature, which NFKD leaves whole (``số_điện_thoại``, ``hasło``).
#: Letters NFKD leaves whole, and the invisible characters a name may hide a word break
#: behind (``client_se\u00adcret``: a soft hyphen, zero-width spaces and joiners, a BOM).
_UNDECOMPOSED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "ı": "i", "ħ": "h", "þ": "th", "ð": "d",
                               "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
                               "\ufeff": None})


_CAPITALS_RE = re.compile("[A-Z\u0410-\u042f]{2}[a-z]")


def _camel_split(match: re.Match[str]) -> str:
    return f"{match[1]} {match[2]}" if match[1] else f"{match[3]} {match[4]}"


def words(name: str) -> tuple[str, ...]:
    """``"xApiKey"`` -> ``("x", "api", "key")``; ``"APIKey"`` -> ``("api", "key")``;
    ``"Prénom"`` -> ``("prenom",)``."""
    spaced = _CAMEL_RE.sub(_camel_split, name[:256])
    if _CAPITALS_RE.search(spaced) is not None:
        spaced = _CAMEL_RE.sub(_camel_split, spaced)  # a one-letter word between two: apellidoYNombre
    spaced = spaced.casefold()
    if not spaced.isascii():
        spaced = without_marks(spaced).translate(_UNDECOMPOSED)
    return tuple(w for w in _SPLIT_RE.split(spaced) if w)


#: Words of a search's key: ``?q=Jane+Doe``, ``{"search": "Jane Doe"}``, ``searchTerm``.
_SEARCH_WORDS = frozenset("q query search term terms keyword keywords suche recherche busqueda".split())


def names_a_search(parts: tuple[str, ...]) -> bool:
    """Do the :func:`words` of a key name the text of a search, where people type the
    names of the people they look for?"""
    return bool(parts) and parts[-1] in _SEARCH_WORDS and (len(parts) == 1 or parts[0] in _SEARCH_WORDS)


# --- credentials -------------------------------------------------------------------------


@cache
def credentials() -> dict:
    """``droplets/contract/credentials.json``: credential headers, field names, metadata
    words and token formats, shared with the Express middleware."""
    text = resources.files("droplets.contract").joinpath("credentials.json").read_text(encoding="utf-8")
    return json.loads(text)


#: The built-in credential names (each normalised as above before use).
DEFAULT_FIELDS: tuple[str, ...] = tuple(credentials()["fields"])
#: A last word that makes the value metadata about a secret rather than the secret.
METADATA_WORDS: frozenset[str] = frozenset(credentials()["metadata_words"])
#: Names that are a credential only as the whole field name (``clave``, not ``ClaveProdServ``).
WHOLE_FIELDS: frozenset[tuple[str, ...]] = frozenset(words(t) for t in credentials()["whole_fields"])
#: Headers never stored, compared lower-case.
CREDENTIAL_HEADERS: frozenset[str] = frozenset(h.lower() for h in credentials()["headers"])

#: Terms this long also match as the end of a word written without separators.
_SUFFIX_MIN = 5
#: Kana, CJK ideographs and Hangul (its syllables and, as words() decomposes them, its jamo): a term in these scripts matches anywhere inside a word.
_CJK_RE = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")



#: Words before a credential's word that make it a request's key, not a secret (``Idempotency-Key``,
#: ``I-Twilio-Idempotency-Token``: a retry's identity, chosen by the client).
_NOT_A_SECRET_HEADS = frozenset({"idempotency", "idempotence", "dedup", "deduplication"})


class NameRule:
    """Decides whether a field name is a credential; built once per transform."""

    def __init__(self, extra_fields: Iterable[str] = ()):
        self.terms = tuple({words(t) for t in (*DEFAULT_FIELDS, *extra_fields) if words(t)})
        self._term_set = frozenset(self.terms)
        self._term_sizes = sorted({len(t) for t in self.terms})
        self._joined = frozenset("".join(t) for t in self.terms if len("".join(t)) >= _SUFFIX_MIN)
        self._joined_sizes = sorted({len(j) for j in self._joined})
        # Chinese, Japanese and Korean write a field name as one word: 카드비밀번호앞2자리 holds 비밀번호
        self._cjk = tuple(sorted({"".join(t) for t in self.terms if _CJK_RE.search("".join(t))}))

    def is_sensitive(self, name: str) -> bool:
        # Set lookups per position and size, not a scan of every term: a hostile message
        # with thousands of distinct keys costs a few lookups per word of each.
        parts = words(name)
        if not parts:
            return False
        if parts in WHOLE_FIELDS:
            return True
        if len(parts) > 1 and (parts[-1] in METADATA_WORDS or not _NOT_A_SECRET_HEADS.isdisjoint(parts[:-1])):
            return False
        if self._matches(parts):
            return True
        # a form's numbered copies: Django's password1/password2, secret_2
        numbered = tuple(p.rstrip("0123456789") or p for p in parts)
        if numbered != parts and self._matches(numbered):
            return True
        # a name spelled out ("p-a-s-s-w-o-r-d"), and the end of a name too long to read whole
        if len(parts) >= 4 and all(len(p) == 1 for p in parts) and self._matches(("".join(parts),)):
            return True
        return len(name) > 256 and self._matches(words(name[-128:]))

    def _matches(self, parts: tuple[str, ...]) -> bool:
        terms = self._term_set
        for size in self._term_sizes:
            for i in range(len(parts) - size + 1):
                if parts[i:i + size] in terms:
                    return True
        joined = self._joined
        if any(part[-size:] in joined for part in parts for size in self._joined_sizes if len(part) >= size):
            return True
        return any(term in part for part in parts if not part.isascii() for term in self._cjk)

    def stems(self) -> set[str]:
        """First words of the terms: any text holding a sensitive name holds one of them."""
        return {term[0] for term in self.terms}


#: Identifiers of a known format that a credential's name may hold without being a secret:
#: Twilio's resource SIDs (two capitals and 32 hex digits: ``CallSid``, ``AccountSid``; its
#: auth token has no prefix; an API key's ``SK`` SID is taken as part of the key) and Stripe's card tokens and payment methods (``tok_``, ``pm_``,
#: ``card_``, ``src_``: references that only the account's secret key can use).
#: An Ethereum address (``0x`` and 40 hex digits: a contract's or an account's public
#: address, under ``token_contract``; a private key has 64).
_NOT_A_SECRET_RE = re.compile(r"(?!SK)[A-Z]{2}[0-9a-f]{32}|(?:tok|pm|card|src)_[A-Za-z0-9]{14,40}|0x[0-9a-fA-F]{40}")
#: What stands for a credential without being one: a template's or a shell's variable
#: (``${SMTP_PASSWORD}``, ``${{ secrets.NPM_TOKEN }}``, ``{{password}}``, ``$DB_PASSWORD``,
#: ``%API_KEY%``), a usage text's ``<PASSWORD>``, a form's mask (``********``). A bare
#: ``$`` word must be in capitals (``$ecret`` may be a password), a ``<...>`` holds no digit but in
#: a part after its first, in any script (``<BASE64_SERVER_KEY>``, ``<ВАШ_API_КЛЮЧ>``, ``<你的API密钥>``).
PLACEHOLDER = (r"<(?:[^\W\d_][^\W\d]{0,40}|[^\W\d_][^\W_]{0,20}(?:[_ -][^\W_]{1,20}){1,6})>")
_PLACEHOLDER_RE = re.compile(
    r"\$\{\{?[ ]?[A-Za-z_][\w.-]{0,63}[ ]?\}\}?|\{\{[ ]?[A-Za-z_][\w.-]{0,63}[ ]?\}\}|\$[A-Z_][A-Z0-9_]{0,63}"
    r"|%[A-Z_][A-Z0-9_]{0,63}%|<[A-Za-z][A-Za-z_ -]{0,40}>|" + PLACEHOLDER + r"|[*\u2022\u25cf]{3,64}"
    # a sample's stand-in: "YOUR_API_KEY", "your-token-here", "xxxxxxxx", "REPLACE_WITH_KEY"
    r"|YOUR_[A-Z]+(?:_[A-Z]+){0,4}|(?i:your)[_-](?:[a-z]+[_-]){0,3}(?:key|token|secret|password|pass|pwd|here)"
    r"|x{6,64}|X{6,64}|(?:REPLACE|INSERT)_[A-Z_]{2,40}"
    # a format's prefix and a stand-in for the rest in capitals: "sk_live_XXXXXXXXXXXX", "rzp_test_XXXXXXXX"
    r"|[A-Za-z0-9]{1,12}(?:[_-][A-Za-z0-9]{1,12}){0,3}[_-]X{8,64}"
)


#: What a session or a token field holds when there is none (``"session": "anon"``).
#: A UPU S10 tracking number: two letters, eight digits and a check digit, the country's two letters.
_S10_RE = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")


def _s10_check(digits: str) -> int:
    remainder = 11 - sum(int(d) * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7))) % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


_NO_SECRET_WORDS = frozenset({"anon", "anonymous", "none", "null", "nil", "undefined", "no-check", "nocheck"})


def not_a_secret(value: str) -> bool:
    """Is ``value``, found under a credential's name, one of those identifiers or a placeholder,
    or a parcel's tracking number (Canada Post calls it a ``pin``)?"""
    if 16 <= len(value) <= 48 and _NOT_A_SECRET_RE.fullmatch(value) is not None:
        return True
    if len(value) == 13 and _S10_RE.fullmatch(value) is not None and _s10_check(value[2:10]) == int(value[10]):
        return True
    if len(value) <= 9 and value.lower() in _NO_SECRET_WORDS:
        return True
    return len(value) <= 72 and _PLACEHOLDER_RE.fullmatch(value) is not None


# --- personal data -------------------------------------------------------------------------

#: class -> kind -> field names of that kind (normalised like any name). The kind is what
#: a masked value reads (``[birth_date]``) and what a pseudonym is keyed by, shared with
#: the text detectors where they find the same thing (``email``, ``phone``, ``iban``...).
PERSONAL_FIELDS: dict[str, dict[str, str]] = {
    "name": {
        "name": """
            first name, firstname, fname, given name, givenname, forename, forenames, christian name,
            last name, lastname, lname, family name, familyname, surname, middle name, middlename,
            middle initial, maiden name, birth name, legal name, real name,
            preferred name, nickname, nick name, nick, username, user name, screen name, login name,
            initials, cardholder, card holder, cardholder name, account holder, account holder name,
            holder name, contact person, signatory, public name, kontaktperson, ansprechpartner,
            xingming, xing ming, mingzi, irum, ireum, seongmyeong, namae, 中文姓名, 真实姓名, 客户姓名, 乘客姓名, 旅客姓名,
            联系人姓名, 收件人姓名, 聯絡人姓名, 收件人姓名,
            inhaber, kontoinhaber, karteninhaber, titular da conta, titular cuenta, intestatario, rekeninghouder,
            kortinnehavare, apellido paterno, apellido materno, nombres, apellidos, nomes,
            ansprechperson, contactpersoon, personne contact, persona contacto, persona contatto,
            osoba kontaktowa, yhteyshenkilo,
            profile name, owner name, sender name, recipient name, author name, contact name, billing name,
            shipping name, twitter handle, instagram handle, social handle,
            kakao id, kakaotalk id, kakao talk id, kakao, wechat id, wechat, weixin, weixin id, wechat number, 微信号, 微信, 微信id, qq号,
            telegram id, telegram username, snapchat, snapchat username, viber, zalo, skype id, discord tag, discord username,
            口座名義, 口座名義人, 车主, 車主, 所有者名, 차주, atas nama,
            vorname, vornamen, nachname, familienname, rufname, geburtsname, benutzername,
            prenom, prenoms, nom famille, nom complet, nom usage, nom naissance, nom jeune fille,
            apellido, apellidos, primer apellido, segundo apellido, nombre completo, nombre pila,
            cognome, nome completo, sobrenome, nome usuario,
            voornaam, voornamen, achternaam, tussenvoegsel, volledige naam, gebruikersnaam,
            nazwisko, imie nazwisko, prijmeni, efternamn, fornamn, fornavn, etternavn, efternavn,
            sukunimi, etunimi, vezeteknev, keresztnev, prenume,
            primeiro nome, ultimo nome, apelido, mellannamn, mellomnavn, imiona, drugie imie,
            soyad, soyadi, soyadı, soyisim, ad soyad, adi soyadi, ad soyadı, adı soyadı, name kanji, name kana,
            furigana, フリガナ, ふりがな, 氏名カナ, 氏名フリガナ, 姓, 名, セイ, メイ, 姓名, 名字, 성명, 성함,
            shimei, seimei, recipient, signer, addressee, beneficiary, nam, sortable name,
            prezime, ime prezime, familiya, otchestvo, фамилия, отчество, фио, eponymo, επώνυμο, ονοματεπώνυμο,
            氏名, 姓名, 名字, 성명, priezvisko, pavarde, vards, uzvards, eesnimi, perekonnanimi, priimek,
            ho ten, ho va ten, hoten, nama lengkap, nama depan, nama belakang, buong pangalan, apelyido, jina kamili,
            прізвище, по батькові, полное имя, презиме, επίθετο, 身分, שם מלא, שם פרטי, שם משפחה,
            الاسم الكامل, الاسم الأول, اسم العائلة, الاسم الاخير, نام خانوادگی, نام و نام خانوادگی,
            पूरा नाम, उपनाम, পুরো নাম, ชื่อ นามสกุล, ชื่อเต็ม, นามสกุล, 이름 성, 성씨,
            spouse name, spouses name, spousesname, partner name, father name, fathers name, mother name,
            mothers name, parent name, guardian name, imie ojca, imie matki, nazwisko rodowe, family member name,
            your name, your full name, ihr name, ihr vollstandiger name, dein name, votre nom, ton nom, su nombre,
            tu nombre, il tuo nome, seu nome, uw naam, je naam, twoje imie, ditt namn, dit navn,
            in memory of, in memoriam, in honor of, in honour of, pseudo, pseudonym, pseudonyme, spitzname,
            apodo, soprannome, gamertag, gamer tag, player name,
            家族氏名, 口座名義, 口座名義人, 口座名義カナ, 名義, 名義人, 受取人名, 患者名, 患者氏名, 所有者, 所有者名,
            收款人, 付款人, 持卡人, 开户人, 開戶人, 开户名, 開戶名, 账户名, 帳戶名, 汇款人, 匯款人,
            车主, 車主, 联系人, 聯絡人, 聯繫人, 收件人, 收货人, 收貨人, 예금주, 수령인, 보호자, 환자명,
            주문자명, 會員姓名, 会员姓名, 英文姓名, 户名, 戶名, 收件人, 收货人, піб, пиб, фио, გვარი, სახელი, nama penuh, nama, mbiemri, emri, nume, prenume complet, name on card, nameoncard, card name, nafn, mottagare, alici, alıcı, receiver name, consignee name, ayant droit, ayants droit,
            fio, penerima, nama penerima, nguoi nhan, ten nguoi nhan, ho ten, ho va ten, ibu kandung,
            nama ibu kandung, mother maiden name, mothers maiden name,
            nam khanevadegi, nam khanvadegi, nam e khanevadegi, otrymuvach, oderzhuvach, poluchatel, pita ka naam, pati ka naam,
            naam, pura naam, nama ayah, nama bapa, isem, kunjom, isem u kunjom,
            anyja neve, anya neve, anyja szuletesi neve, 카드소유자, 카드 소유자,
            tai xe, tài xế, ten tai xe, họ tên tài xế,
            dikaiouxos, δικαιούχος, onomateponymo, kontoinhaber name, kontohaver, kontoinnehaver, tilinomistaja, saaja, titulaire du compte,
            chutk, chu tk, chu tai khoan, chủ tài khoản, famil, nam famil, shem mishpacha, shem prati, maanavar peyar, thanthai peyar, thai peyar, peyar, பெயர், रोगी, रोगी का नाम, पिता, पिता का नाम, πατρώνυμο, patronymo, asegurado, nombre asegurado, tomador, beneficiario,
            apellido y nombre, apellidos y nombres, nombre y apellido, nombres y apellidos, nome e cognome,
            nom et prenom, nom prenom, ime i prezime, ime in priimek, jmeno a prijmeni, meno a priezvisko,
            vorname und nachname, name and surname, first and last name
        """,
    },
    "contact": {
        "email": """
            email, e mail, email address, e mail address, mail address, emailaddress,
            email addr, courriel, adresse email, adresse mail, adresse courriel, e mail adresse,
            email adresse, mail adresse, emailadresse, mailadresse, correo, correo electronico,
            direccion correo, posta elettronica, indirizzo email, endereco email, e post, epost,
            sahkoposti, adres email, mailadres, e mailadres, vpa, upi id, upi address, upi handle,
            e posta, eposta, почта, электронная почта, эл почта, електронна пошта, 邮箱, 电子邮件, 電子郵件, メール,
            メールアドレス, 이메일, ईमेल, ইমেইল, อีเมล, ایمیل, אימייל, דואר אלקטרוני, البريد الإلكتروني, surel, posel,
            barua pepe
        """,
        "phone": """
            tlf, tlf nr, tlfnr, tlf nummer, talrunis, tālrunis, telefonszam, telefonszám, phone, no hp, nomor hp, nohp, handphone, no handphone, nomor handphone, shoujihao, shouji hao, shouji,
            dianhua, lianxi dianhua, hyudaepon, hyudaepon beonho, jeonhwa beonho, denwa bangou, keitai, phone number, phonenumber, phone no, telephone, telephone number, tel, tel no,
            mobile, mobile number, mobile phone, mobile no, mobilephone, cell phone, cellphone,
            cell number, cell no, fax, fax number, whatsapp, whatsapp number, msisdn, sms number,
            contact number, contact phone, wa id, whatsapp id, calling number, called number, calling party,
            called party, calling party number, called party number, caller number, callee number, caller id,
            dialled number, dialed number, originating number, destination number, a number, b number,
            telefon, telefonnummer, handy, handynummer, mobil, mobilnummer, mobiltelefon,
            numero telephone, telephone portable, numero portable, portable number, gsm, gsm number,
            telefono, numero telefono, telefono movil, movil, telefono fijo, celular,
            telefone, numero telefone, telefone celular, cellulare, numero cellulare,
            telefoon, telefoonnummer, mobiel, mobiel nummer, numer telefonu, puhelin,
            puhelinnumero, telefonszam, telemovel, numero telemovel, matkapuhelin, cep telefonu,
            cep telefonu numarasi, telefon numarasi, mobiltelefonnummer, komorka, numer komorki,
            telefonni cislo, telefonszám, телефон, мобильный, номер телефона, τηλέφωνο, κινητό,
            電話番号, 電話, 携帯, 携帯番号, 手机, 手机号, 手机号码, 电话, 电话号码, 联系电话, 전화번호, 전화, 휴대폰, 휴대전화, 휴대폰번호, 핸드폰, 手機, 手機號碼, 聯絡電話,
            هاتف, الهاتف, رقم الهاتف, جوال, الجوال, رقم الجوال, موبايل, تلفن, شماره تلفن, موبایل, شماره موبایل,
            تلفن همراه, טלפון, מספר טלפון, נייד, טלפון נייד, फोन, फोन नंबर, मोबाइल, मोबाइल नंबर, टेलीफोन,
            दूरभाष, ফোন, মোবাইল, ফোন নম্বর, โทรศัพท์, เบอร์โทร, เบอร์โทรศัพท์, มือถือ, หมายเลขโทรศัพท์,
            so dien thoai, dien thoai, sdt, nomor telepon, no telepon, no telp, telepon, nomor hp, no hp, handphone,
            nombor telefon, no telefon, numero ng telepono, namba ya simu, simu, мобільний, номер телефону,
            payer alias, payee phone, gcash number, gcash, maya number, mpesa number, m pesa number, momo number,
            telebirr number, bkash number, nagad number, swish number, swish, pix phone, whatsapp number, whatsapp,
            phone parts, phone number parts, phone segments, phone components, phone groups, mobile parts,

            telephone parts, tel parts, callback number, callback phone, call back number, callback no,
            farsimi, farsími, simanumer, símanúmer, gsm nr, mobilni telefon, mobitel, telefonas, mobilusis,
            nequi, nequi number, numero nequi, daviplata, yape number, বিকাশ, নগদ, bkash, nagad
        """,
    },
    "address": {
        "address": """
            address, addr, dizhi, xiangxi dizhi, jusho, juso, seoladh, enderezo, helbidea, indirizz, bydliste, bydlisko,
            trvale bydliste, pata, direccion fiscal, domicilio fiscal, endereco fiscal, adresse fiscale, street, street address, street name, street number, house number,
            housenumber, building number, address line, home address, postal address,
            mailing address, residential address, billing address, shipping address,
            delivery address,
            adresse, anschrift, strasse, hausnummer, wohnadresse, rue, numero rue, adresse postale,
            direccion, calle, domicilio, numero calle, indirizzo, endereco, logradouro, morada,
            adres, straat, straatnaam, huisnummer, ulica, adresa, osoite, katuosoite, cim,
            sokak, cadde, acik adres, gatuadress, gateadresse, gadenavn, numer domu, numer mieszkania,
            ulice, lakcim, lakcím, адрес, улица, διεύθυνση, οδός, 住所, 地址, 详细地址, 주소, national address, short address,
            national address short,
            адреса, العنوان, عنوان, آدرس, نشانی, כתובת, पता, ঠিকানা, ที่อยู่, dia chi, alamat, alamat lengkap,
            tirahan, anwani, پتہ, 地址詳細, 收件地址, 收货地址, 配送先, 配送先住所, 배송지, 배송 주소, 수령지,
            住所1, 住所2, 現住所, 通訊地址, 通讯地址, 戶籍地址, 户籍地址, მისამართი, alamat surat menyurat, alamat rumah, عنوان الشحن, عنوان التسليم, adresse risque, adresse du risque, po box, p o box, postfach, apartado, apartado de correos, boite postale,
            heimilisfang, adrese, piegades adrese, 住址, 居住地址, 現居地址, 通信地址, العنوان الوطني, адрес доставки, adresas, aadress
        """,
        "postal_code": """
            postal code, postalcode, postcode, post code, zip, zip code, zipcode, postleitzahl, plz, کد پستی, کدپستی,
            pin code, pincode, postcode number, kod pos, 邮政编码号, eircode, poskod, รหัสไปรษณีย์, מיקוד, الرمز البريدي, رمز بريدي,
            code postal, codigo postal, cod postal, codice postale, cep, postnummer, postinumero,
            kod pocztowy, iranyitoszam, eircode, posta kodu, postkod, postnr, psc, почтовый индекс, индекс,
            ταχυδρομικός κώδικας, 郵便番号, 邮编, 邮政编码, 우편번호,
            postcode or foreign country, domicilio fiscal receptor, codigo postal fiscal, kode pos, kodepos,
            kod posti, code posti, کد پستی
        """,
    },
    "birth_date": {
        "birth_date": """
            dob, geb, geb datum, gebdatum, szuletesi ido, születési idő, szuletesi datum, születési dátum,
            chusheng riqi, chushengriqi, shengri, saengnyeonwoil, saengil, seinengappi, date birth, birth date, birthdate, birthday, birth day, born, born on,
            geburtsdatum, geburtstag, date naissance, naissance, fecha nacimiento, nacimiento,
            fecha nac, data nascita, data nascimento, nascimento, data nasc, dt nasc, dtnasc, dt nascimento, geboortedatum, data urodzenia,
            fodelsedatum, fodselsdato, fødselsdato, syntymaaika, datum narozeni, szuletesi datum,
            dogum tarihi, fodselsdag, fødselsdag, fodelsedag, syntymapaiva, geb datum, gebdatum, data urodzin,
            data nasterii, seinengappi, дата рождения, data rozhdeniya, data rojdeniya, день рождения,
            дата народження, 生年月日, 誕生日, 出生日期, 出生年月日, 出生年月, 生日, 생년월일, 생일,
            ημερομηνία γέννησης, imerominia gennisis, تاريخ الميلاد,
            تاریخ تولد, تاریخ پیدائش, תאריך לידה, जन्म तिथि, जन्मतिथि, जन्म दिनांक, জন্ম তারিখ, วันเกิด,
            ngay sinh, tanggal lahir, tgl lahir, tarikh lahir, kaarawan, tarehe ya kuzaliwa, dogum gunu, birth,
            birth yyyymmdd, dob yyyymmdd, nascita, data di nascita, dogum, doğum, ngay sinh nhat, birth ymd, تاريخ الميلاد هجري, تاريخ الميلاد الهجري, hijri dob, dob hijri,
            data narodzhennia, data narodzhennya, data narodzhenya, tarikh tavallod, tarikhe tavallod, tarikh e tavallod,
            janm tithi, janma tithi, janam tithi, janm tarikh, tarikh kelahiran, petsa ng kapanganakan, kapanganakan,
            gimimo data, gimimo diena, dzimšanas datums, dzimsanas datums, sünniaeg, rojstni datum, datum rođenja, datum rodjenja, datum rođenja, датум рођења, дата на раждане, ημερομηνια γεννησης,
            taarich leida, tarich leida, piranda thethi, பிறந்த தேதி, பிறந்த நாள்
        """,
        # where a person was born: with the date, it singles one out
        "birth_place": """
            place of birth, birth place, birthplace, city of birth, town of birth, birth city, geburtsort,
            lieu de naissance, lieu naissance, ville de naissance, lugar de nacimiento, lugar nacimiento,
            luogo di nascita, luogo nascita, local de nascimento, naturalidade, geboorteplaats, miejsce urodzenia,
            fodelseort, födelseort, fodested, fødested, syntymapaikka, misto narozeni, dogum yeri,
            tempat lahir, noi sinh, место рождения, 出生地
        """,
    },
    "government_id": {
        "ssn": "ssn, social security number, social security no, social security, ssn number",
        "passport": """
            passport, passport number, passport no, passportnumber, reisepass, reisepassnummer,
            passnummer, pasaporte, numero pasaporte, passeport, numero passeport, passaporto,
            paszport, paspoort, paspoortnummer, pasaport, pasaport no, paspor, nomor paspor, ho chieu,
            паспорт, номер паспорта, серия паспорта, серия и номер паспорта, διαβατήριο, 护照, 护照号, 护照号码, 護照,
            護照號碼, パスポート, パスポート番号, 旅券番号, 여권, 여권번호, جواز السفر, رقم جواز السفر,
            گذرنامه, شماره گذرنامه, דרכון, מספר דרכון, पासपोर्ट, หนังสือเดินทาง,
            pasport, pasport id, pasportni dani, pasportnye dannye, nomer pasporta, seriya pasporta, pasport nomer
        """,
        "driving_licence": """
            driving licence, driving license, driver license, drivers license, driver licence,
            drivers licence, driving licence number, driver license number, drivers license number,
            dl number, driver licence number, fuehrerschein, fuhrerschein, fuhrerscheinnummer,
            permis conduire, numero permis, carnet conducir, licencia conducir, rijbewijs,
            rijbewijsnummer, prawo jazdy, licence number, license number, licence no, license no,
            водительское удостоверение, 运转免许, 運転免許証, 免許証番号, 운전면허, 운전면허번호, 驾驶证, 驾驶证号,
            fuehrerschein nummer, fuehrerscheinnummer, fuhrerschein nummer, ridicsky prukaz, řidičský průkaz, cislo ridicskeho prukazu, vodicsky preukaz, vodičský preukaz, ehliyet, ehliyet no, vozacka dozvola, vozniško dovoljenje, jogositvany, jogosítvány, korkort, körkort, ajokortti, førerkort, forerkort, kørekort, korekort, permis de conduire, numero permis, patente guida
        """,
        "vehicle_id": """
            license plate, licence plate, plate number, registration plate, license plate number,
            rego, rego number, ecv, spz, rendszam, rendszám, renavam, valstybinis nr, valstybinis numeris, nr inmatriculare, numar inmatriculare, numar auto,
            registrasie, registrasienommer, car registration, car reg, vehicle reg, reg no, reg number, placa veiculo,
            placa vehiculo, tablica, rekisterinumero, bilnummer, registreringsnummer bil,
            licence plate number, vehicle registration, vehicle registration number, registration mark, vin,
            vin number, vehicle identification number, chassis number, kennzeichen, nummernschild,
            amtliches kennzeichen, fahrgestellnummer, immatriculation, plaque immatriculation,
            numero immatriculation, matricula, placa, targa, kenteken, rejestracja, tablica rejestracyjna, plaka,
            plate, number plate, numberplate, reg plate, vehicle plate, plate no, vrm, vehicle registration mark,
            nomor polisi, nopol, plat nomor, 车牌号, 车牌, 车牌号码, 車牌, 車牌號碼, ナンバー, 車両番号, ナンバープレート,
            자동차 등록번호, 차량번호, 차량 번호,
            nr rejestracyjny, numer rejestracyjny, госномер, гос номер, номерной знак, registreringsnummer, regnr, reg nr, kenteken, targa, plate number, license plate number, licence plate number, vehicle registration, vehicle registration number, registration number plate,
            bien so, biển số, bien so xe, nummerplaat, nummerplade, registreringsnummer, rekisterikilpi, plaka no, arac plakasi, plat no, placas, placa carro, patente vehiculo, patente auto, dominio vehiculo, kenteken nummer, registrační značka, registracni znacka, evidencni cislo, rendszam tabla, регистрационный номер, номер автомобиля, 차량 번호판, 번호판,
            x patente, patente del auto, patente vehiculo
        """,
        "tax_id": """
            tax id, tax identifier, tax number, tax no, tax identification number, tin, taxpayer id,
            itin, tax ident, taxident, tax identification, steuer id, steuerid, steuernummer, steueridentifikationsnummer, codice fiscale,
            numero fiscal, nif, tfn, tax file number, cpf, cnpj, pan number, pan card, cuit, cuil,
            rfc, nip, numero contribuinte, contribuinte, vergi no, vergi numarasi, инн, ипн, іпн, npwp,
            αφμ, 纳税人识别号, 统一社会信用代码, nip wlasciciela, numer nip, nip osoby, inn, nomer inn,
            rnokpp, рнокпп, edrpou, єдрпоу, kod edrpou, ipn, identyfikatsiinyi kod, kod melli, code melli, codemelli,
            shomare melli, کد ملی,
            afm, αφμ, davcna, davcna stevilka, davčna številka
        """,
        # the numbers an institution knows a person by, printed on a card or a boarding pass:
        # an insurer's member ID, a student's SIS number, a trusted traveller's or frequent flyer's
        "member_id": """
            member id, member number, membership number, membership id, insurance id, insurance number,
            member no, member nr, membership no, ndis number, ndis no,
            insurance member id, subscriber number, sis id, sis user id, student number, matriculation number,
            matrikelnummer, known traveler number, known traveller number, ktn, redress number,
            redress control number, trusted traveler number, global entry number, nexus number,
            frequent flyer, frequent flier, frequent flyer number, frequent flier number, frequent flyer id, ffn,
            loyalty number, loyalty card number, rewards number, medicaid id, medicaid number,
            beneficiary id, mbi,
            kvnr, krankenversichertennummer, versicherten id, nhi, nhi number, national health index,
            ine, numero ine, ehic, ehic number, tessera sanitaria, cartao sus, cns, numero cns,
            phn, personal health number, ohip, ohip number, health card, health plan number, subscriber id,
            polisnummer, policy number, policy no, insurance policy number, numero polizza, numero poliza,
            numero de poliza, numero police, versicherungsscheinnummer, policennummer, polis, polis oms, oms polis,
            nomer polisa, tsi, tarjeta sanitaria, tarjeta sanitaria individual, codigo cip, cip sanitario,
            student id, student number, studentid, matriculation number, matrikelnummer, fallnummer, patientennummer, patient id number, numero dossier patient, ipp, dossier patient, nhs number, hokensho, 保険証番号, 被保険者番号, 記号番号, no kartu, nomor kartu, no kartu bpjs, nomor bpjs, no bpjs, philhealth, philhealth no, philhealth number, pin philhealth,
            健保卡號, 健保卡号, 健保號碼, 医保卡号, 医保号, 社保卡号, 社會保險號碼, 健康保険証番号, 保険者番号, 被保険者番号, 건강보험증번호,
            numero utente, número de utente, nro afiliado, numero afiliado, nro de afiliado, numero de afiliado,
            vorteilscard, vorteils card, bahncard nummer, railcard number, medical aid no, medical aid number, cartafreccia, carta freccia, frequent flyer number, miles and more number
        """,
        "national_id": """
            national id, no kp, nokp, ic, ic number, ic no, mykad, num ss, numero ss, nr dowodu,
            szemelyi igazolvany, személyi igazolvány, szemelyi igazolvany szam, szemelyi szam, emso, emšo,
            personas kods, personas kodes, arc number, alien registration certificate, karta tal identita,
            numru tal karta tal identita, شناختی کارڈ, شناختی کارڈ نمبر, sss, sss no, sss number, gsis,
            gsis number, 香港身份證, 身份證號碼, 身份证件号码, prompt pay, ahv, ahv nummer, ahv nr, ahv number,
            ahv13, avs, numero avs, avs13, sozialversicherungsnummer ahv, abha, abha number, abha id, unzr, унзр,
            numero tramite dni, nid, এনআইডি, জাতীয় পরিচয়পত্র নম্বর, shenfenzheng, shenfenzheng hao, jumin beonho, juminbeonho, jumin deungrok beonho, nationalid, national identifier, national id number, national identity number,
            national insurance number, national insurance no, ni number, nino, sin,
            social insurance number, nir, numero securite sociale, securite sociale, insee, dni, nie,
            aadhaar, aadhar, aadhaar number, bsn, burgerservicenummer, pesel, personnummer,
            personal id, personal identity number, henkilotunnus, hetu, cnp, egn, oib, amka, id card,
            id card number, identity card, identity card number, identity number, identity document,
            id number, id no, id document, document number, numero documento, documento identidad,
            carte identite, numero carte identite, personalausweis, ausweisnummer, ausweis,
            identifikationsnummer, medicare number, nhs number, health insurance number,
            krankenversicherungsnummer, versichertennummer, sozialversicherungsnummer, svnr,
            ird number, curp, voter id, citizen id, resident id, residence permit, residence permit number,
            nric, nric number, fin number, rijksregisternummer, rijksregister nummer, registre national,
            numero national, national number, rrn, resident registration number, jumin bunho,
            jumin deungnok bunho, my number, mynumber, kojin bango, individual number, pps, ppsn, pps number,
            teudat zehut, israeli id, tc kimlik, tc kimlik no, tc kimlik numarasi, kimlik no, kimlik numarasi,
            tckn, tc no, rut, rodne cislo, isikukood, asmens kodas, nik, cedula, cedula identidad,
            emirates id, cpr, cpr nr, cpr nummer, cpr number, fodselsnummer, fødselsnummer, fodselsnr, fødselsnr, personal number,
            personal code, henkilotunnus, sofinummer, nin, bvn, nida, medical record number, mrn,
            снилс, полис омс, номер полиса, αμκα, ταυτότητα, αριθμός ταυτότητας, 身份证, 身份证号, 身份证号码,
            身分證, 身分證字號, マイナンバー, 個人番号, 주민등록번호, 주민번호, الهوية, رقم الهوية, الرقم القومي,
            رقم الهوية الوطنية, کد ملی, شماره ملی, תעודת זהות, מספר זהות, आधार, आधार संख्या, आधार नंबर,
            เลขบัตรประชาชน, บัตรประชาชน, หมายเลขบัตรประชาชน, เลขประจำตัวประชาชน, so cmnd, cmnd, cccd, so cccd,
            can cuoc, nomor ktp, no ktp, ktp, no kad pengenalan, nombor kad pengenalan, mykad, no ic, jmbg, јмбг,
            егн,
            health card number, health insurance card number, medicare, medicare no, medicare card number, nhs, nhs no,
            versichertennr, versicherten nr, versicherungsnr, 診察券番号, 患者番号, カルテ番号, 病历号, 病案号, 환자번호,
            nhs id, chi number,
            nss, numero seguridad social, num seguridad social, n seguridad social, seguridad social,
            numero afiliacion, imss, nss imss, spid code, fiscal number, codice spid, nomor sim, sim number,
            samordningsnummer, numero bis, bis nummer, upn pupil, unique pupil number, hkid, jmbg number,
            epic number, voter id number, npwp, nip number, cartao cidadao, numero cartao cidadao, matricule cns,
            steuer nummer, id nacional, numero identificacion,
            seria i numer dowodu, numer dowodu, numer dowodu osobistego, dowod osobisty, taj, taj szam, taj szám, adoazonosito jel, adoazonosito, niss, унзр, unzr, პირადი ნომერი, nambari ya kitambulisho, kitambulisho, ic no, ic number, mykad, cnic, qid, qatar id, civil id, civil number, pis, pis pasep, pasep, nit, nis, idnp, alien number, a number, uscis number, 居留證號, 居留证号, numri personal, national identification number, personal identity number, iqama, iqama number, رقم الإقامة, nisn,
            naf, numero afiliacion seguridad social, laser code, lasercode, laser id, promptpay id, promptpay,
            numero allocataire, numéro allocataire, numero caf, personnummer, identity doc id, identitydocid, personal customs clearance code, customs clearance code, 개인통관고유부호, rg, registro geral, kennitala, egn, snils, снилс, iin, иин, pinfl, jshshir, nin, bvn, ghana card, ghanacard, sss, umid, nic, nid, cin, cedula ciudadania, cedula identidad, dpi, curp, rut, ruc, cuil,
            cislo op, číslo op, cislo obcianskeho preukazu, cislo obcanskeho prukazu, obciansky preukaz, obcansky prukaz, clave elector, clave de elector, ramq, numero ramq, numéro ramq, philsys, philsys psn, philsys number, phil id, nit persona natural, জাতীয় পরিচয়পত্র, jatiyo porichoypotro, personnummer nr, asmens kodas nr, henkilötunnus,
            uimhir psp, social card, social card number, shanakhti card, shanakhti card number, shanakhti,
            pasport seriya nomer, паспорт серия номер, паспорт серия и номер, серия номер паспорта, philsys card, philsys card no, philsys card number,
            serie ci, serie si numar ci, sv nummer, svnummer, emis no, emis number, uan, uan number, mispar zehut, fayda, fayda id, fayda number, numero ci, cedula identitate
            omang, omang no, eid, eid card, ssnit, ssnit no, ssnit number, umid crn, numera npf, npf number,
            mol id, absher id, national code, sa id, aadhaar ref, ת ז, תז, ஆதார், ஆதார் எண், नागरिकता नं, नागरिकता,
            nagarikta no, numero bi, nrc no, nrc number, နိုင်ငံသားစိစစ်ရေးကတ်, indangamuntu, nida, nida no
        """,
    },
    # a person's health: what a diagnosis, a symptom, a medication names (a system's "diagnostics"
    # and a product's "condition" are no one's; a menu's "allergens" are a dish's)
    "health": {
        "health": """
            diagnosis, diagnoses, diagnose, diagnosen, diagnostico, diagnosi, diagnoza, diagnosa, diagnoz, tani,
            teshis, avchana, chief complaint, presenting complaint, symptoms, symptom, symptome, sintomas,
            sintomi, symptomen, objawy, oireet, medical condition, medical conditions, health condition,
            health conditions, pre existing conditions, preexisting conditions, chronic conditions,
            medications, medication, current medications, medicamentos, medicacao, farmaci, medikamente,
            medicaments, medicijnen, leki, allergies, allergien, alergias, allergie, allergier, medical history,
            anamnesis, anamnese, befund, icd10, icd 10, icd code, diagnosis code, hiv status, blood type,
            blood group, disability, disabilities, behinderung, pregnancy status,
            диагноз, симптомы, אבחנה, 诊断, 診断, 진단, التشخيص, تشخیص, निदान,
            diagnos, diagnoosi, diagnozis, diagnoze, dijagnoza, diagnostico principal, farmako, farmaka,
            meds, current meds, med list, medicatie, medicatielijst, medikation, medicamentos en uso, medication list,
            lakemedel, läkemedel, legemidler, laegemidler, lægemidler, laakkeet, lääkkeet, laakitys, lääkitys,
            gyogyszerek, gyógyszerek, gyogyszer, gyógyszer, leky, léky, lieky, lekovi, lijekovi, zdravila, ravimid,
            vaistai, medikamenti, medicamente, farmaka, φάρμακα, лекарства, препараты, медикаменты, ліки, 药物,
            藥物, 用药, 用藥, お薬, 服薬, 복용약, ilaclar, ilaçlar, obat obatan, الأدوية, داروها,
            תרופות, दवाइयाँ, दवाइयां, comorbidities, comorbidades, comorbilidades, vorerkrankungen, antecedentes,
            antecedents, antécédents, pathologies, conditions medicales, condicion medica, condição médica,
            malattie, krankheiten, choroby, sairaudet, sjukdomar, betegségek, заболевания, хвороби, 病史, 既往歴, 병력,
            special assistance, special needs, mobility needs, mobility aid, diagnosis text, diagnosis description,
            diagnosis name, diagnoses text,
            rekha refui, רקע רפואי, היסטוריה רפואית, preexistencia, preexistencias, isapre preexistencia, enfermedades preexistentes, doencas preexistentes, necessidades especiais, necesidades especiales, besoins particuliers sante, medical history, medical background, medizinische vorgeschichte, antecedentes medicos, antécédents médicaux, anamnese,
            allergy, alergia, allergia, allergiat, allergiak, allergiák, allergies known, аллергия, аллергии, алергія, アレルギー, 过敏史, 過敏史, 알레르기, 알레르기 정보,
            ravim, ravimid, icd code, 病名, 病情, bingqing, 诊断结果, 診断結果
        """,
    },
    # GDPR art. 9's other special categories, by field name. Not the ambiguous bare words: a
    # marathon's "race", a page's "orientation", an SSH key's "fingerprint", a SQL "union".
    "special_category": {
        "religion": """
            religion, religious affiliation, religious denomination, religious preference, faith,
            confession, konfession, religionszugehorigkeit, religionszugehörigkeit,
            glaubensbekenntnis, kirchensteuermerkmal, religion code, religião, religiao, religione, religia,
            wyznanie, vallas, vallás, uskonto, godsdienst, religie, vierovyznanie, nabozenstvi,
            náboženství, vyznani, vyznání, religija, vjeroispovijest, veroispovest, religie,
            вероисповедание, религия, релiгiя, релігія, віросповідання, θρήσκευμα, θρησκεία, 宗教, 宗教信仰,
            종교, الدين, الديانة, المذهب, دین, مذهب, דת, धर्म, ศาสนา, agama, tôn giáo, ton giao
        """,
        "sexual_orientation": """
            sexual orientation, sexuality, sexual preference, orientation sexuelle, orientacion sexual,
            orientación sexual, orientamento sessuale, orientacao sexual, orientação sexual, sexuelle orientierung,
            sexualitat, sexualität, seksuele orientatie, seksuele oriëntatie, orientacja seksualna,
            sexuell laggning, sexuell läggning, seksuel orientering, seksuell orientering, seksuaalinen suuntautuminen,
            szexualis iranyultsag, szexuális irányultság, sexuální orientace, cinsel yonelim, cinsel yönelim,
            orientasi seksual, xu hướng tính dục, сексуальная ориентация, сексуальна орієнтація, 性取向, 性的指向,
            성적 지향, 성적지향, التوجه الجنسي, الميول الجنسية, גרייה מינית, נטייה מינית, यौन अभिविन्यास,
            looking for gender, interested in gender, seeking gender
        """,
        "ethnicity": """
            ethnicity, ethnic origin, ethnic group, ethnic background, racial origin, race ethnicity,
            ethnie, ethnische herkunft, ethnische zugehorigkeit, ethnische zugehörigkeit, origine ethnique,
            etnia, etnicidad, origen etnico, origen étnico, origem etnica, origem étnica, raca cor, raça cor,
            cor raca, cor raça, origine etnica, etniciteit, etnische afkomst, pochodzenie etniczne, etnicitet,
            etnisk tillhorighet, etnisk tillhörighet, etnisyys, etnikai hovatartozas, etnikai hovatartozás,
            etnicita, этническая принадлежность, этническое происхождение, етнічне походження, εθνικότητα,
            民族, 种族, 種族, 인종, العرق, الأصل العرقي, קבוצה אתנית, जाति, suku bangsa, dân tộc, dan toc,
            caste, caste category, jati, bangsa, keturunan, kaum, race bangsa,
            जाति वर्ग, population group, populasiegroep, racial group, race group
        """,
        "political_opinion": """
            political opinion, political opinions, political affiliation, political party, party affiliation,
            political views, political leaning, voter party, party membership, parteizugehorigkeit,
            parteizugehörigkeit, parteimitgliedschaft, politische einstellung, afiliacion politica,
            afiliación política, partido politico, partido político, affiliation politique, opinion politique,
            parti politique, affiliazione politica, partito politico, filiação partidária, filiacao partidaria,
            partijlidmaatschap, przynaleznosc partyjna, przynależność partyjna, политические взгляды,
            партийность, 政治面貌, 政党, 지지 정당, الانتماء السياسي, השתייכות פוליטית
        """,
        "union_membership": """
            union membership, union member, trade union, trade union membership, labor union, labour union,
            union affiliation, gewerkschaft, gewerkschaftszugehorigkeit,
            gewerkschaftszugehörigkeit, gewerkschaftsmitglied, sindicato, afiliacion sindical, afiliación sindical,
            syndicat, appartenance syndicale, sindacato, iscrizione sindacale, filiação sindical, filiacao sindical,
            vakbond, vakbondslid, zwiazek zawodowy, związek zawodowy, fackforbund, fackförbund, fagforening,
            fagforbund, ammattiliitto, szakszervezet, odborova organizace, odborová organizace, профсоюз,
            профспілка, 工会, 労働組合, 노동조합, النقابة
        """,
        "photo": """
            selfie, selfie url, selfie image, selfie photo, liveness selfie, headshot, face photo, face image,
            face picture, profile photo, profile photos, profile picture, profile pic, profile image, avatar,
            avatar url, id photo, passport photo, foto perfil, foto de perfil, photo profil, photo de profil,
            profilbild, profielfoto, zdjecie profilowe, 프로필 사진, 头像, プロフィール写真
        """,
        "biometric": """
            biometric data, biometric template, biometric hash, fingerprint template,
            fingerprint image, fingerprint minutiae, fingerprint data, face template, face embedding,
            face vector, face encoding, face print, faceprint, facial template, facial geometry, face geometry,
            voiceprint, voice print, voice template, iris template, iris scan, iris code, iriscode, retina scan, palm print,
            template iso19794, fmr template, minutiae, minutiae template,
            palmprint, vein pattern, fingerabdruck, fingerabdrucke, empreinte digitale, empreintes digitales,
            huella dactilar, huellas dactilares, impronta digitale, impressao digital, impressão digital,
            vingerafdruk, odcisk palca, отпечаток пальца, отпечатки пальцев, 指纹, 指紋, 지문, بصمة, بصمة الإصبع,
            טביעת אצבע, फिंगरप्रिंट, ลายนิ้วมือ, sidik jari, vân tay
        """,
    },
    "bank_account": {
        "iban": "iban, iban number, iban code",
        "bank_account": """
            account number, accountnumber, acct number, account no, acct no, bank account,
            bank account number, bank acct, bankaccount, sort code, sortcode, routing number,
            routing no, aba, aba number, aba routing number, bsb, bsb number, transit number,
            institution number, clabe, kontonummer, bankleitzahl, blz, bankverbindung,
            numero compte, rib, numero cuenta, cuenta bancaria, conto corrente, numero conto,
            rekeningnummer, rekening, numer konta, nrb, bank details, banking details, bank info,
            direct deposit, deposit account, payout account,
            from account, to account, sender account, receiver account, recipient account, beneficiary account,
            payee account, payer account, debtor account, creditor account, acc no, acc number, acct num,
            nomor rekening, no rekening, 口座番号, 口座, 계좌번호, 账号, 银行账号, 银行卡号, cislo uctu,
            numero de cuenta, nuban, account no nuban,
            akaun bank, no akaun, nombor akaun, akaun, nomor akun bank, shomare hesab, shaba number, hesab,
            conta, konto, bankkonto, kontonr, bankgiro, plusgiro, bankgironummer,
            cvu, cbu, chave pix, pix key, chavepix, so tai khoan, số tài khoản, conta corrente, numero conta, clabe, raschetny schet, расчетный счет, расчётный счёт, лицевой счет, खाता संख्या, खाता नंबर, bank account no,
            konto nr, kontonr, konto nummer, reg nr konto, tilinumero, tilin numero, reikningsnumer, bankareikningur, žiro račun, ziro racun,
            cci, codigo interbancario, código de cuenta interbancario, numer rachunku, nr rachunku, so tk,
            szamlaszam, számlaszám, bankszamlaszam, bankszámlaszám
            bank acc, חשבון, מספר חשבון, bank account no
        """,
    },
    "payment_card": {
        "card": """
            credit card, creditcard, credit card number, debit card, debit card number, kreditkarte,
            kreditkartennummer, carte bancaire, carte credit, tarjeta, tarjeta credito, numero tarjeta,
            carta credito, numero carta
        """,
    },
    "location": {
        "location": """
            lat, lng, lon, long, latitude, longitude, coordinates, coordinate, coords, geo, geolocation,
            geo location, gps, gps location, gps coordinates, latlng, lat lng, latlon, lat lon,
            lat long, geopoint, geo point, geo coordinates, breitengrad, laengengrad, langengrad,
            koordinaten, latitud, longitud, coordenadas, latitudine, longitudine, coordonnees,
            coordinate gps, geohash, home geohash, plus code, pluscode, what3words, w3w, h3 index, h3 cell,
            grid ref, grid reference, os grid ref,
            latitude e7, longitude e7, lat e7, lng e7, lon e7, latitudee7, longitudee7, 纬度, 经度, 緯度, 經度, широта, долгота, enlem, boylam, breitengrad, laengengrad, längengrad
        """,
    },
    "device": {
        # identifiers that follow one phone or computer, and so its owner, across sessions
        # and apps (GDPR's "online identifiers"); the name a person gives a device too
        "device_id": """
            device id, deviceid, device identifier, device uuid, udid, device name, device fingerprint,
            browser fingerprint, advertising id, advertisingid, advertising identifier, adid, idfa, idfv,
            gaid, aaid, google ad id, android id, androidid, identifier for vendor, ifa, dpidsha1, dpidmd5,
            didsha1, didmd5, imei, imeisv, imei number, meid, imsi,
            iccid, sim serial, sim serial number, mac, mac address, macaddress, mac addr, mac adresse,
            adresse mac, hw address, hwaddr, hardware address, wifi mac, bluetooth address,
            bluetooth mac, ble address,
            rida, roku id, fid, firebase installation id, installation id, app instance id, appinstanceid,
            visitor id, fingerprint id, machine guid, machineguid, hardware id, hwid, serial number device,
            device serial, device serial number, esim eid
        """,
    },
    "ip": {
        "ip": """
            ip, ip address, ipaddress, ip addr, ipaddr, ipv4, ipv6, ipv4 address, ipv6 address,
            remote addr, remote address, remoteaddr, remoteaddress, x forwarded for, forwarded for,
            ip adresse, adresse ip, direccion ip, indirizzo ip, endereco ip, ip adres
        """,
    },
}

#: Names ending like a personal term that are something else (``server_address`` is a
#: machine's, ``wallet_address`` a blockchain's, ``email_body`` is not an address).
NOT_PERSONAL = """
    wallet address, contract address, token address,
    crypto address, bitcoin address, btc address, eth address, ethereum address, web address,
    url address, server address, bind address, listen address, network address, memory address,
    base address, device address, node address, peer address,
    local address, broadcast address, multicast address, gateway address, proxy address,
    smtp address, webaddress, serveraddress, email subject, email body,
    microphone, headphone, earphone, megaphone, saxophone, xylophone, gramophone, homophone,
    automobile, automobil, immobile, long name, short name,
    religions, ethnicities, orientations, sexual orientations,
    organisasjonsnummer, organisationsnummer, org nr, orgnr, acn, abn, kvk, kvk nummer, siren, siret, ust id, ustidnr,
    numero entreprise, ondernemingsnummer, handelsregisternummer, hrb, sec reg no, sec registration number, uen,
    company number, company registration number, company reg no, code naf, code ape, ma tin
"""

#: Words that make ``name`` ambiguous: a person's or a thing's, decided by the context.
AMBIGUOUS_NAMES = (
    "name, nom, nombre, nome, naam, navn, namn, nimi, imie, jmeno, meno, nev, nume, vardas, isim, adi, adı,"
    # South Slavic, Russian and Greek (also transliterated), Japanese, Chinese, Korean
    " ime, imya, имя, onoma, όνομα, 名前, 名称, 이름, الاسم, اسم,"
    " име, ім'я, nama, pangalan, jina, שם, نام, नाम, নাম, ชื่อ, ho ten, ainm, పేరు, ಹೆಸರು, പേര്, නම,"
    # a repository, a product or a team has a full and a display name too
    " full name, fullname, display name, displayname"
)
#: Parts of a name that are a person's only inside a person's object and as the whole field
#: name (``passengers[].last``, FHIR's ``{"family": ..., "given": [...]}``): anywhere else
#: ``first`` and ``last`` are cursors, flags or positions.
PERSON_ONLY_NAMES = "first, last, middle, given, family, maiden, login, handle, display, descriptor"
#: Other values that are personal data only inside a person's object: a person's ``license``
#: is a driving licence (``renter.license.number``), a package's is MIT; a person's ``photo`` is their
#: face, a product's is its picture; a person's ``accessibility`` is their needs, a venue's its ramps.
PERSON_ONLY_FIELDS = {"driving_licence": ("government_id", "license, licence, patente, "
                                                        # Russian and Kazakh "ВУ" (водительское удостоверение)
                                                        "vu, ву"),
                      "postal_code": ("address", "cap, cp"),
                      "health": ("health", "accessibility, accessibility needs, accessibility requirements, "
                                           "barrierefreiheit, accessibilite, accesibilidad"),
                      "photo": ("special_category", "photo, photos, photo url, picture, picture url, pic, foto, fotos"),
                      # Turkish "ad" (given name, beside "soyad"); Slovene and Croatian "naslov" is an
                      # address and a title too
                      "name": ("name", "ad, adi"),
                      # Korean and Malaysian "handphone": a person's mobile, a game's hit points elsewhere
                      "phone": ("contact", "hp"),
                      # Latin America's identity card: "ci" is a pipeline's elsewhere, "run" a job's
                      # Azerbaijan's "fin" (a person's code): a fish's or a process's end elsewhere
                      "national_id": ("government_id", "ci, c i, run, dui, dpi, rg, fin"),
                      "address": ("address", "naslov, naslov stanovanja, house, house no, house name, flat no, apartment no, apt no")}
#: DICOM JSON's attribute tags (``{"00100010": {"vr": "PN", "Value": [...]}}``) that hold a
#: patient's or a clinician's data, as the field names they stand for.
DICOM_TAGS = {
    "00100010": "patient name", "00100020": "medical record number", "00100030": "birth date",
    "00100032": "birth date", "00101000": "medical record number", "00101001": "patient name",
    "00101005": "birth name", "00101040": "address", "00102154": "phone", "00101060": "maiden name",
    "00080090": "physician name", "00081050": "physician name", "00081070": "staff name",
    "00321032": "physician name", "00400006": "physician name", "00081060": "physician name",
}
#: FHIR's identifier type codes (HL7 v2 table 0203) of a person's identifiers, as field names.
IDENTIFIER_TYPE_CODES = {
    "MR": "medical record number", "MB": "member number", "SS": "ssn", "DL": "driver license",
    "PPN": "passport", "NI": "national id", "NH": "nhs number", "SB": "national id", "TAX": "tax id",
    "SN": "subscriber number", "MC": "medicare number", "MA": "medicaid number",
}
#: The parts of a person's name as field names: an object holding one is a person's.
NAME_PARTS = """
    first name, firstname, fname, given name, givenname, forename, last name, lastname, lname, family name,
    familyname, surname, middle name, middlename, maiden name, vorname, nachname, familienname, prenom,
    nom famille, apellido, apellidos, primer apellido, cognome, voornaam, achternaam, nazwisko, imie, efternamn,
    fornamn, fornavn, etternavn, sukunimi, etunimi, sobrenome, primeiro nome, soyad, soyadi, prezime,
    familiya, фамилия, отчество, eponymo, prijmeni, priezvisko, vezeteknev, keresztnev, pavarde, uzvards,
    perekonnanimi, eesnimi, priimek, ime priimek, ime in priimek, prenume, επώνυμο, ονοματεπώνυμο, imie nazwisko
"""
#: Last words that make a name one part of a date (``dob_day``, ``dob_month``, ``dob_year``).
_DATE_PARTS = frozenset("day month year dd mm yy yyyy".split())
#: Words before "by" that make a key an index (``index_by_email``, ``keyed_by_phone``).
_INDEX_WORDS = frozenset("index lookup map keyed indexed grouped sorted ordered partitioned".split())
#: Last words that say which script or language a field is written in (``full_name_en``,
#: ``name_local``, ``address_ar``): the field is what the words before them name.
_SCRIPT_PARTS = frozenset("en ar ja jp zh cn ko kr he fa ru el th hi local latin native roman romaji ascii translit "
                          "transliterated english arabic bn bangla bengali ta te gu kn ml ne si km ka hy uk bg sr mn kk uz vi "
                          # (not the codes that are words or other abbreviations: id, ms, my, mr, am, tr, pa, ur)
                          "urdu tamil telugu marathi gujarati kannada malayalam punjabi nepali sinhala burmese khmer lao "
                          "georgian armenian amharic ukrainian bulgarian serbian mongolian kazakh uzbek vietnamese".split())
#: Words that head a Romance name in front (``nom_client``, ``nombre_producto``).
_ROMANCE_NAME_HEADS = frozenset({"nom", "nombre", "nome", "nume"})
#: Words that head a Romance address in front, and what may follow them in the field's name
#: (``adresse_livraison``, ``direccion_envio``, ``indirizzo_spedizione``): an address's use, not
#: another thing's address (``adresse_ip``, ``adresse_web``).
_ROMANCE_ADDRESS_HEADS = frozenset("adresse direccion indirizzo endereco morada domicilio domicile".split())
_ADDRESS_USES = frozenset(
    """livraison facturation expedition domicile residence principale secondaire envio entrega facturacion cobro
    residencia principal secundaria spedizione fatturazione consegna residenza cobranca faturamento residencial
    comercial entregas postale postal casa maison trabajo travail lavoro trabalho
    actual actuel actuelle attuale atual nueva nuevo nouvelle nouveau nuova nuovo nova novo anterior antigua antiguo
    ancienne ancien precedente vecchio vecchia antiga particular personal personnel personale habitual fiscal
    fiscale completa complete completo""".split()
)

#: Connecting words dropped before matching (``date_of_birth`` is ``date birth``).
CONNECTORS = frozenset("of the de du des d del della dello delle dei degli di da do dos das la le el".split())
#: A first word that makes the name a count or a flag (``num_emails``, ``has_phone``).
PREFIX_METADATA = frozenset(
    """num number nb nbr cnt count total max min avg has is was can should allow enable enabled disable
    disabled show hide require required verify validate send use did needs needs""".split()
)

#: Head nouns whose fields are about a person: ``user.name``, ``attendees[].name``,
#: ``customer_name``, ``created_by.name``.
#: The English ones apart: a head-first language's name word before one of them is no name's field
#: ("ten_users").
_ENGLISH_PERSON_NOUNS = """
    user me self profile person people individual human customer client contact member subscriber
    attendee participant guest visitor patient student pupil learner teacher instructor tutor trainer
    coach speaker presenter author owner creator sender recipient receiver addressee buyer purchaser
    payer payee beneficiary employee staff worker colleague manager supervisor assignee reporter
    reviewer approver requester applicant candidate driver rider passenger traveler traveller tenant
    landlord resident citizen voter donor volunteer player friend follower spouse parent child children
    kid guardian relative dependent doctor physician nurse lawyer representative admin administrator
    moderator signer witness billing shipping delivery consignee by to from cc bcc lead prospect holder
    cardholder account holder identity userinfo whoami login logon signin signup register registration auth
    authentication authenticate emergency contact next kin mother father husband
    wife partner sibling family household heir insured policyholder borrower lender debtor creditor
    recipient employee viewer actor requestor submitter commenter uploader invitee inviter organizer organiser
    subject renter lessee hirer
    athlete runner competitor entrant racer swimmer cyclist winner nominee honoree deceased decedent victim
    claimant caregiver carer respondent interviewee homeowner occupant registrant enrollee alumnus halter
"""
PERSON_NOUNS = _ENGLISH_PERSON_NOUNS + """
    utilisateur usager personne membre participant employe auteur proprietaire destinataire expediteur
    voyageur passager titulaire acheteur conducteur medecin eleve etudiant
    kunde benutzer nutzer anwender mitglied teilnehmer mitarbeiter autor eigentuemer empfaenger absender
    reisender inhaber kaeufer fahrer arzt schueler
    usuario cliente persona miembro socio participante empleado paciente estudiante alumno propietario
    remitente viajero pasajero titular comprador conductor medico contacto
    utente partecipante dipendente paziente studente proprietario mittente viaggiatore passeggero
    titolare acquirente conducente contatto
    gebruiker klant persoon lid deelnemer medewerker eigenaar ontvanger afzender reiziger houder koper
    bestuurder kunden klienten pazienti clienti utenti partecipanti dipendenti studenti ospiti
    klanten deelnemers gebruikers medewerkers leden gasten kunder deltagare anvandare gaster
    medlemmar asiakas asiakkaat musteri musteriler kullanici kullanicilar yolcu yolcular hasta hastalar
    uczestnicy klienci pacjenci uzytkownicy pracownicy pasazer pasazerowie goscie
    uzytkownik klient osoba czlonek uczestnik pracownik pacjent wlasciciel odbiorca nadawca kierowca
    drawer endorser payor remitter addressor consignor shipper captain pilot copilot officer crew
    destinatario beneficiario beneficiaire intestatario antragsteller schuldner glaeubiger assure
    erziehungsberechtigte erziehungsberechtigter eltern mottagare avsandare alici ordenante pagador
    recebedor favorecido richiedente
"""
_PERSON_KINDS = frozenset({"person"})
#: Words of PERSON_NOUNS that say a person's context but are no person a field is of: email_subject,
#: phone_login, address_shipping (a use: ``_ADDRESS_USES``), email_to.
_NO_ONES = frozenset("""me self profile identity userinfo whoami login logon signin signup register registration auth
    authentication authenticate billing shipping delivery by to from cc bcc subject emergency next kin lead prospect
    account holder human people individual household family children""".split())
#: A name's word of languages that put it first ("ten_khach_hang", "jina_mteja", "ism_mijoz"), too
#: short or too common alone ("ten", "ad") to be a name's field: only before a person noun of its
#: own language, not an English one ("ten_users").
_HEAD_FIRST_NAMES = frozenset({("ten",), ("ho", "ten"), ("jina",), ("ism",), ("ismi",), ("nama",), ("pangalan",),
                               ("isim",), ("ad",), ("adi",)})
#: Head nouns whose ``name`` names a thing: ``course.name``, ``product_name``, ``/api/courses``.
#: Words that say "the parts of" what comes before them, not whose: a GraphQL ``edges[].node``
#: carries its parent's context, ``userAttributes`` its first word's.
_PARTS_WORDS = frozenset(
    "attribute attributes detail details info information data node nodes edge edges property properties "
    "record records payload object values entry entries".split()
)
THING_NOUNS = """
    peer tax taxes benefit benefits deduction deductions contribution contributions earning earnings
    producto productos articulo produit produits prodotto prodotti produkt produkte urun товар 商品 상품 منتج
    product item sku article course lesson module chapter class cohort curriculum category tag label
    file folder directory document attachment image photo picture video audio media asset icon logo
    event venue room city town country region state province language locale currency brand model
    make device browser os platform app application service server host hostname cluster database db system
    table column field index bucket queue topic channel metric feature flag setting settings config
    configuration option variant attribute property parameter param header cookie template campaign
    coupon promotion promo discount package plan tier subscription price offer deal plugin extension
    integration provider store shop restaurant hotel airline airport station school university college
    department team group org organization organisation company business firm agency brand vendor
    merchant supplier carrier bank institution project repo repository branch commit release version
    build environment env zone network domain site website url link page section menu dish recipe
    ingredient game level skill tool script function method endpoint route api resource type kind schema
    entity object key job task workflow pipeline step stage status report dashboard chart widget
    playlist album song track book movie show episode series genre collection catalog catalogue
    inventory warehouse theme preference preferences role permission ad ads advert adverts advertisement
    creative creatives adset adgroup
    scope policy rule filter webhook hook trigger workspace space source medium source format unit
    instance container volume pod deployment stack region job queue color colour size material
    operation run library drug medication medicine hit itens artikel artículos articulos produtos productos
    issuetype priority resolution component sprint epic board
    span scope trace stop platform terminal employer insurer issuer
    prodotti produkte location
    instrument security stock share equity bond fund ticker quote attraction landmark poi tourism amenity
    station stop monument museum park
    producten artikelen gerechten emisor emissor emetteur aussteller krankenkasse kasse versicherung insurance
    hmo clinic klinik praxis hospital pharmacy apotheke incident outage alert maintenance
    produit cours article categorie fichier entreprise societe ville pays projet equipe groupe evenement
    boutique magasin
    dessert desserts plat plats entree entrees pizza pizze pizzas antipasti antipasto primi secondi dolci contorni
    bebida bebidas plato platos postre postres tapas speise speisen gericht getranke termek termekek etel etelek
    ital italok meny menyer ruokalista annos annokset potrawa potrawy danie dania napoj napoje yemek yemekler tatli
    partenza arrivo departure arrival depart arrivee abfahrt ankunft
    salida llegada aeropuerto aeroporto aeroport flughafen havalimani lotnisko universitaet universitat universidad
    universita hochschule teatro theatre theater spettacolo espectaculo
    produkt kurs artikel kategorie datei firma unternehmen stadt land projekt mannschaft gruppe
    veranstaltung geschaeft laden
    producto curso articulo categoria archivo empresa ciudad pais proyecto equipo grupo evento tienda
    prodotto corso articolo categoria azienda citta paese progetto squadra gruppo evento negozio
    bedrijf stad project winkel bestelling
    produkt kurs artykul kategoria plik firma miasto kraj projekt zespol grupa sklep zamowienie
"""

#: Keys kept inside a container of personal data of the class, because they say too little
#: to find a person: the city and country of an address, a card's brand and last four
#: digits, the type of an ID. ``*`` applies to every class. Matched on the whole name or
#: its last word.
COARSE: dict[str, str] = {
    "*": """
        type, types, kind, label, id, uuid, primary, is primary, default, is default, preferred,
        verified, is verified, valid, status, format, source, created, created at, updated,
        updated at, country, country code, country name, country iso, currency, language, locale,
        timezone, time zone, tz, description, use, system, nationality, issuing country,
        max length, min length, maxlength, minlength, nullable, required, read only, write only,
        deprecated, example, examples, title, pattern, enum, default value, city, town, state, province,
        region, strategy, vr
    """,
    "address": """
        uf, province code, state or province, province or state,
        city, town, village, municipality, locality, district, county, state, state code, province,
        region, region code, subregion, area, continent, ville, stadt, ort, ciudad, citta, cidade,
        stad, miasto, pays, land, pais, paese, kraj, staat, estado, provincia, regione, bundesland,
        kanton, departement, comune, gemeente, gemeinde, landkreis, comunidad, mesto, obec, okres, kraj, grad,
        opcina, varos, megye, kaupunki, kunta, lan, kommune, fylke, miestas, pilseta, linn, maakond, oras, judet,
        sehir, il, ilce, город, область, район, город/населенный пункт, місто, πόλη, νομός, 都市, 市区町村,
        commune, municipio, municipality name, woonplaats, plaats, bairro, barrio, shahar, kota, kabupaten, provinsi,
        negeri, bandar, tinh, thanh pho, quan, huyen, lungsod, lalawigan, mji, jiji, mkoa, wilaya, gorod, misto, oblast,
        都道府県, 城市, 省, 시, 도, مدينة, المدينة, شهر, استان, עיר
    """,
    "location": """
        city, town, region, state, province, county, country, continent, accuracy, precision, altitude,
        heading, speed, source, provider, timestamp, time
    """,
    "payment_card": """
        brand, last4, last 4, last four, exp, expiry, expiration, exp month, exp year, expiry month,
        expiry year, expiration month, expiration year, funding, network, networks, wallet, issuer,
        issuing bank, bank, fingerprint, three d secure, checks
    """,
    "government_id": """
        issuing country, issuer, issued by, expiry, expires, expiration, expiry date, expiration date,
        kem vydan, kem vydano, kym vydano, organ vydachi, vydan, issuing authority, autorite de delivrance,
        ausstellende behorde, ausstellungsbehorde
    """,
    "bank_account": "bank, bank name, bic, swift, swift code, bic code, bank code",
}

#: Terms this long also match the end of one word: ``useremail``, ``rechnungsadresse``.
_JOINED_MIN = 5
#: Terms that end too many other words to match as one's end (``template`` is no ``plate``).
_NOT_JOINED = frozenset({"plate"})


#: The kinds of ``field-names.tsv`` as (class, kind) of :data:`PERSONAL_FIELDS`.
_FILE_KINDS = {
    "name": ("name", "name"), "username": ("name", "name"), "email": ("contact", "email"), "phone": ("contact", "phone"),
    "address": ("address", "address"), "postal_code": ("address", "postal_code"),
    "birth_date": ("birth_date", "birth_date"), "national_id": ("government_id", "national_id"),
    "passport": ("government_id", "passport"), "driving_licence": ("government_id", "driving_licence"),
    "vehicle_id": ("government_id", "vehicle_id"), "tax_id": ("government_id", "tax_id"),
    "bank_account": ("bank_account", "bank_account"), "health": ("health", "health"),
    "birth_place": ("birth_date", "birth_place"), "member_id": ("government_id", "member_id"),
}


def _more_field_names() -> list[tuple[tuple[str, ...], tuple[str, str]]]:
    """``field-names.tsv``: personal field names of more languages. One word of a name's kind
    ("saxeli", "нэр") is as open as ``name`` (AMBIGUOUS): a product or a team has one too; a
    login's is a person's."""
    out = []
    for kind, term in word_rows(__package__, "field-names.tsv", _FILE_KINDS):
        words_of_name = _personal_words(term)
        if words_of_name:
            out.append((words_of_name, AMBIGUOUS if kind == "name" and len(words_of_name) == 1 else _FILE_KINDS[kind]))
    return out


def _terms(text: str) -> list[tuple[str, ...]]:
    return [_personal_words(t) for t in text.replace("\n", " ").split(",") if t.strip()]


def _strip_number(word: str) -> str:
    return _TRAILING_DIGITS_RE.sub("", word)


def _personal_words(name: str) -> tuple[str, ...]:
    """:func:`words` without connecting words and numbering."""
    return tuple(
        w for w in (_strip_number(w) for w in words(name)) if w not in CONNECTORS and not w.isdigit()
    )


def _singulars(word: str) -> tuple[str, ...]:
    out = [word]
    if len(word) > 3 and word.endswith("s"):
        out.append(word[:-1])
        if word.endswith("es"):
            out.append(word[:-2])
        if word.endswith("ies"):
            out.append(word[:-3] + "y")
    return tuple(out)


#: What :meth:`PersonalNames.classify` says of a bare ``name``: a person's name (NAME), or
#: a person's only where its context does not say it names a thing (AMBIGUOUS).
NAME = ("name", "name")
AMBIGUOUS = ("name", "name?")
#: What it says of a bare ``first`` or ``last``: a person's name only in a person's context.
class PersonOnly(tuple):
    """``(class, kind)`` of a value that is personal data only inside a person's object."""


PERSON_ONLY = PersonOnly(("name", "name"))


class PersonalNames:
    """Classifies field names: which class and kind of personal data their value is, and
    what context they give the fields under them. Stateless; built once."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, ...], tuple[str, str] | None] = {}
        for cls, kinds in PERSONAL_FIELDS.items():
            for kind, text in kinds.items():
                for term in _terms(text):
                    self.terms[term] = (cls, kind)
        for term in _terms(NOT_PERSONAL):
            self.terms[term] = None
        for term in _terms(AMBIGUOUS_NAMES):
            self.terms[term] = AMBIGUOUS
        for term in _terms(PERSON_ONLY_NAMES):
            self.terms.setdefault(term, PERSON_ONLY)
        for kind, (cls, text) in PERSON_ONLY_FIELDS.items():
            for term in _terms(text):
                self.terms.setdefault(term, PersonOnly((cls, kind)))
        self._longest = max(map(len, self.terms))
        # Joined terms by length, longest first so ``ipaddress`` wins over ``address``.
        self._joined: dict[str, tuple[str, str] | None] = {}
        for term, found in self.terms.items():
            text = "".join(term)
            if len(text) >= _JOINED_MIN and found is not AMBIGUOUS and not isinstance(found, PersonOnly) \
                    and text not in _NOT_JOINED:
                self._joined.setdefault(text, found)
        self._joined_sizes = sorted({len(text) for text in self._joined}, reverse=True)
        # after the joined ends are built: the names of more languages match only whole
        for words_of_name, found in _more_field_names():
            self.terms.setdefault(words_of_name, found)
        # a German noun is written with its umlaut folded ("Empfänger" is "empfanger") or spelt out
        # ("empfaenger"): both forms
        own = [w for noun in _words_of(PERSON_NOUNS) for w in {noun, _spelt_out_umlauts(noun)}]
        more = [words(noun) for _kind, noun in word_rows(__package__, "person-nouns.tsv", _PERSON_KINDS)]
        self.person_nouns = frozenset(own + [noun[0] for noun in more if len(noun) == 1])
        #: nouns of several words ("khach hang", "qabul qiluvchi"): whole, as a key's last words
        self.person_phrases = frozenset(noun for noun in more if len(noun) > 1)
        self._longest_phrase = max(map(len, self.person_phrases), default=1)
        self._english_person = frozenset((w,) for w in _words_of(_ENGLISH_PERSON_NOUNS))
        self.thing_nouns = frozenset(_words_of(THING_NOUNS)) - self.person_nouns
        self.coarse = {cls: frozenset(_terms(text)) for cls, text in COARSE.items()}
        self.name_parts = frozenset(_terms(NAME_PARTS))
        self.coarse_last = {cls: frozenset(t[0] for t in terms if len(t) == 1) for cls, terms in self.coarse.items()}

    # --- what a value is ------------------------------------------------------------------

    def is_term(self, name: str) -> bool:
        """Is ``name``, whole, one of the personal field names (``Date of birth``, ``Nachname``)?"""
        return _personal_words(name) in self.terms

    def classify(self, name: str) -> tuple[str, str] | None:
        """``(class, kind)`` of the value under ``name``, :data:`AMBIGUOUS` for a name that
        is a person's unless its context is a thing's, :data:`PERSON_ONLY` for one that is a
        person's only in a person's context, or None."""
        parts = _personal_words(name)
        if not parts:
            return None
        if len(parts) > 1 and parts[0] in PREFIX_METADATA and parts not in self.terms:
            return None  # num_emails, has_phone; not number_plate
        if len(parts) > 1 and "by" in parts[:-1] and parts not in self.terms:
            # users_by_email, by_email: users (or entries) indexed by their e-mail, not an e-mail
            # (created_by_email is the creator's)
            at = parts.index("by")
            if at == 0:
                return None
            if parts[at - 1].endswith("s") or parts[at - 1] in _INDEX_WORDS:
                return self.classify(" ".join(parts[:at]))
        head = self._head_first(parts)
        if head is not None:
            return head
        last = len(parts) - 1
        for start in range(max(0, len(parts) - self._longest), len(parts)):
            for singular in _singulars(parts[last]):
                key = parts[start:last] + (singular,)
                if key in self.terms:
                    found = self.terms[key]
                    if isinstance(found, PersonOnly) and (start or not name.isalpha()):
                        if start and self._resolve(parts[:start]) is NAME:
                            return tuple(found)  # user_login, customer_display: a person's words in front
                        continue  # sort_first, page_last, last4: only the bare word counts
                    return self._resolve(parts[:start]) if found is AMBIGUOUS else found
        if len(parts) > 1 and parts[0] in _ROMANCE_ADDRESS_HEADS and _ADDRESS_USES.issuperset(parts[1:]):
            return self.classify(parts[0])  # adresse_livraison, direccion_envio
        if len(parts) > 1 and parts[0] in _ROMANCE_NAME_HEADS:  # nom_client, nombre_producto
            return self._resolve(parts[1:])
        if len(parts) > 1 and parts[-1] in _DATE_PARTS:  # dob_day, birth_year: one part of the date
            found = self.classify(" ".join(parts[:-1]))
            if found is not None and found[0] == "birth_date":
                return found
        for singular in _singulars(parts[last]):
            for size in self._joined_sizes:
                if len(singular) > size and singular[-size:] in self._joined:
                    return self._joined[singular[-size:]]
        if len(parts) > 1 and parts[-1] in _SCRIPT_PARTS:  # full_name_en: a full name in English
            return self.classify(" ".join(parts[:-1]))
        return None

    def _head_first(self, parts: tuple[str, ...]) -> tuple[str, str] | None:
        """A personal term first and the person it is of after it, as Romance, Slavic,
        Indonesian, Vietnamese or Swahili keys put them (``telefono_cliente``,
        ``telefon_klienta``, ``alamat_penerima``, ``ten_khach_hang``, ``simu_mteja``), or None.
        Only a person after it: ``telefono_empresa``, ``email_template`` are no one's."""
        for size in range(min(len(parts) - 1, 3), 0, -1):
            if not self._a_person(parts[size:]):
                continue
            head = parts[:size]
            if head in _HEAD_FIRST_NAMES and parts[size:] not in self._english_person:
                return NAME  # "ten", "jina": a name's word only before whose it is
            found = self.classify(" ".join(head))  # numero_celular_cliente
            if found is AMBIGUOUS:
                return NAME
            if found is not None and not isinstance(found, PersonOnly):  # last_login, first_guest: no name
                return found
        return None

    def _a_person(self, words_of_key: tuple[str, ...]) -> bool:
        """Are these words of a key one person noun (``cliente``, ``khach hang``)?"""
        if len(words_of_key) == 1:
            return words_of_key[0] in self.person_nouns and words_of_key[0] not in _NO_ONES
        return words_of_key in self.person_phrases

    def _resolve(self, context: tuple[str, ...]) -> tuple[str, str] | None:
        """A bare ``name`` with the words in front of it: a person's (NAME), a thing's
        (None), or still open (AMBIGUOUS)."""
        for word in reversed(context):
            says = self.says(word)
            if says is not None:
                return NAME if says else None
        return AMBIGUOUS

    # --- what context a key gives the fields under it ---------------------------------------

    def says(self, word: str) -> bool | None:
        """True for a person noun, False for a thing noun, None for neither."""
        for singular in _singulars(word):
            if singular in self.person_nouns:
                return True
            if singular in self.thing_nouns:
                return False
        return None

    def context(self, name: str) -> bool | None:
        """What the key ``name`` says of the fields under it: a person's (True), a thing's
        (False), or nothing (None: its parent's context goes on). The head noun says it
        (``created_by``, ``assigned_to``, ``billing_contact``); after a word that only says
        "the parts of" (``billing_details``, ``userAttributes``), the word before it."""
        parts = _personal_words(name)
        while len(parts) > 1 and parts[-1] in _PARTS_WORDS:
            parts = parts[:-1]
        if not parts or parts[-1] in _PARTS_WORDS:
            return None
        for size in range(min(len(parts), self._longest_phrase), 1, -1):
            if parts[-size:] in self.person_phrases:
                return True  # "khach_hang", "nguoiNhan"
        return self.says(parts[-1])

    def is_name_part(self, name: str) -> bool:
        """Is ``name`` one part of a person's name (``first_name``, ``surname``, ``nachname``)?"""
        return _personal_words(name) in self.name_parts

    def is_coarse(self, name: str, cls: str) -> bool:
        """Whether ``name`` inside a container of class ``cls`` holds too little to find a
        person (``city`` in an address)."""
        parts = _personal_words(name)
        if not parts:
            return False
        for key in ("*", cls):
            terms = self.coarse.get(key)
            if terms is not None and (parts in terms or parts[-1] in self.coarse_last[key]):
                return True
        # in a person's name (a signer, a recipient) or address, a thing's name is not theirs: roleName,
        # companyName
        return len(parts) > 1 and self.terms.get(parts[-1:]) is AMBIGUOUS \
            and self._resolve(parts[:-1]) is None


def _spelt_out_umlauts(noun: str) -> str:
    return noun.replace("ae", "a").replace("oe", "o").replace("ue", "u") if noun.isascii() else noun


def _words_of(text: str) -> list[str]:
    return [w for w in _SPLIT_RE.split(text.casefold()) if w]


@cache
def personal_names() -> PersonalNames:
    """The one classifier (its tables are built once per process)."""
    return PersonalNames()
