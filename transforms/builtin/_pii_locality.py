"""What a masked postal address keeps: its town, district, region and country.

A street, a house number, a flat or a postal code finds a household; a town or a region finds
no one, and it is what reports on a customer base group by. So an address masked in a field
or in text keeps the parts at its large end, as the address's ``city`` and ``country``
sub-fields are kept (``COARSE`` in :mod:`transforms.builtin._pii_names`):

- ``Ringstraße 9, 53111 Bonn`` -> ``[address], [postal_code] Bonn``; ``744 Alvarado St, Los
  Angeles, CA 90057`` -> ``[address], Los Angeles, CA [postal_code]`` (the parts after the
  street, each a few words without a digit, a street's or a flat's word; its postal code
  masked);
- ``м. Львів, вул. Городоцька, 112, кв. 45`` -> ``м. Львів, [address]`` (written from the
  largest unit down, in Cyrillic or after a town's mark);
- ``北京市朝阳区建国路88号`` -> ``北京市朝阳区[address]``, ``서울특별시 강남구 테헤란로 152`` ->
  ``서울특별시 강남구 [address]``, ``福岡県福岡市博多区博多駅前2-1-1`` -> ``福岡県福岡市博多区[address]``
  (a province, a city and a district by their suffixes);
- ``55/7 ถนนนิมมานเหมินท์ ... เชียงใหม่ 50200`` -> ``[address] เชียงใหม่ [postal_code]``.

The first part (the last, written from the largest unit down) is always masked, and nothing
is kept of an address whose parts are not recognised: ``Rose Cottage, Mill Lane`` is masked
whole. Only the ``mask`` action keeps parts; ``hash`` makes one pseudonym of the whole.
"""

from __future__ import annotations

import re

from transforms.builtin._pii_people import GERMANIC_SUFFIX, STREET_WORDS

ADDRESS_MASK = "[address]"
POSTAL_CODE_MASK = "[postal_code]"

#: The parts of an address: split at commas (Latin, full-width and Arabic).
_PART_RE = re.compile(r"[ ]*[,，،][ ]*")

#: Postal codes as the countries write them, alone or beside a town: 53111, D-53111, 00-514,
#: 602 00, 1016 GV, 1100-048, 01310-100, 90210-1234, 812-0011, CF11 9LJ, H2J 2L4, 226016.
_POSTCODE = (
    r"[0-9]{4}[ ]?[A-Z]{2}(?![^\W\d_])|(?:[A-Z]{1,2}-)?[0-9]{4,6}|[0-9]{2}-[0-9]{3}|[0-9]{3}[ ][0-9]{2}|[0-9]{4}[ ]?[A-Z]{2}|[0-9]{4}-[0-9]{3}"
    r"|[0-9]{5}-[0-9]{3,4}|[0-9]{3}-[0-9]{4}|[A-Z]{1,2}[0-9][0-9A-Z]?[ ]?[0-9][A-Z]{2}|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9]"
)
#: A word of a town's or a region's name: letters of any script, with the marks names carry
#: (Saint-Étienne, L'Aquila, Çankaya/Ankara, Ho Chi Minh); an abbreviation's full stop (TP.).
_WORD = r"[^\W\d_](?:(?![\d\s])[^,，،:;()\[\]{}<>\"#]){0,30}"
#: Marks a town or a district is written after: м. Львів, г. Москва, 市 in Latin letters...
_TOWN_MARK = r"(?:м\.|г\.|гор\.|город|місто|смт|пгт|с\.|City of|Kota|Kab\.|Kabupaten|Ilçe:|Il:)[ ]?"
#: A label before a district (Bengali জেলা: "district:", উপজেলা, Hindi ज़िला) kept with it.
_LABEL = r"(?:[^\W\d_](?:(?![\d\s])[^,，،:;()\[\]{}<>\"#]){1,12}[ ]?:[ ]?)?"
_LOCALITY_RE = re.compile(
    r"(?:(?P<pre>" + _POSTCODE + r")[ ])?" + _LABEL + r"(?:" + _TOWN_MARK + r")?"
    r"(?P<words>" + _WORD + r"(?:[ ]" + _WORD + r"){0,3}?)"
    # a numbered district of a town (Quận 3, Praha 2, District 5, Wien 1.) is a town's part
    r"(?:[ ](?P<number>[0-9]{1,2}\.?))?"
    r"(?:[ ]{1,2}(?P<post>" + _POSTCODE + r"))?"
)
#: The numbered districts a number may follow.
_NUMBERED = frozenset("quận phường district praha wien arrondissement bezirk sector distrito budapest".split())

#: Words of a street, a building or a flat, in any language: a part holding one is no town.
_STREET_WORDS = frozenset("""
    street st road rd avenue ave av boulevard blvd bd lane ln drive dr court ct place pl square sq terrace
    way parkway highway hwy close crescent gardens grove row mews circle trail alley plaza walk wharf quay
    apt apartment suite ste unit flat floor fl building bldg block blk tower house no nr number lot phase
    po box p.o. c/o attn care
    rue allée allee chemin impasse quai cours route passage villa faubourg chaussée bât bâtiment étage appt
    calle c/ avenida avda paseo pza carrer camino ronda travesía piso puerta escalera portal bloque
    via viale piazza corso largo vicolo strada interno scala
    rua travessa praça alameda estrada rodovia andar apto bloco casa lote quadra
    ul ul. ulica ulice ulici aleja al. os. osiedle m. lok mieszkanie
    straße strasse str str. gasse weg platz allee ring damm ufer hausnummer stock wohnung
    straat laan gracht plein kade singel dijk huisnummer bus
    vej gade gatan vägen väg veien vegen gata katu tie gränd
    utca út tér körút krt köz sétány fasor emelet ajtó
    sok sok. sokak sokağı cad cad. caddesi cd. mah mah. mahallesi bulvarı daire kat apt.
    bl sc et ap bloc scara etaj
    ул ул. улица пр-т проспект пер пер. переулок шоссе бульвар наб площадь д д. дом кв кв. квартира корп корпус
    стр подъезд этаж вул вул. вулиця просп просп. провулок буд буд. будинок під'їзд підʼїзд поверх
    οδός οδ λεωφόρος
    jl jl. jln jalan gang gg perum perumahan blok rt rw komplek
    số so kiệt hẻm ngõ ngách đường tổ thôn ấp
    purok sitio blk brgy brgy. barangay
    col col. colonia fracc fracc. fraccionamiento
    phường p. xã
    nagar colony layout society residency apartments enclave vihar puram chowk mohalla नगर कॉलोनी
    nyumba namba
    רחוב דירה קומה בניין
    شارع عمارة مبنى شقة الطابق طابق
    خیابان کوچه پلاک واحد طبقه بلوار
    मकान गली मार्ग सेक्टर फ्लैट
    ถนน ซอย หมู่ หมู่ที่ บ้านเลขที่
""".split()) | frozenset(word.lower() for word in STREET_WORDS)
#: A Germanic street ends in its word (Hauptstraße, Kerkstraat, Storgatan), as the address
#: detectors read it (:mod:`transforms.builtin._pii_people`), and so do Hungarian and Turkish ones.
_STREET_END_RE = re.compile(r"(?:" + GERMANIC_SUFFIX + r"|utca|caddesi|sokak|sokağı)$")

#: The large end of an East Asian address, by the suffixes of its units: a Chinese province,
#: city and district; a Japanese prefecture, city and ward; a Korean province or city and its
#: districts.
_CJK_HEAD_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|特别行政区))?(?:[\u4e00-\u9fff]{1,6}?市)?(?:[\u4e00-\u9fff]{1,6}?[区區县縣旗])?"
)
_JA_HEAD_RE = re.compile(
    r"(?:東京都|北海道|京都府|大阪府|[\u4e00-\u9fff]{2,3}県)(?:[\u4e00-\u9fff\u3040-\u30ff]{1,6}?[市郡])?"
    r"(?:[\u4e00-\u9fff\u3040-\u30ff]{1,5}?[区町村])?"
)
_KO_HEAD_RE = re.compile(
    r"[가-힣]{1,8}(?:특별시|광역시|특별자치시|특별자치도|도|시)(?:[ ][가-힣]{1,8}(?:시|군|구))?(?:[ ][가-힣]{1,8}(?:구|군))?(?=[ ])"
)
#: A Thai address ends in its province and postal code.
_TH_TAIL_RE = re.compile(r"[ ](?:จังหวัด|จ\.)?(?P<town>[\u0e00-\u0e7f]{2,30})[ ](?P<code>[0-9]{5})$")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_THAI_RE = re.compile("[\u0e00-\u0e7f]")
_TOWN_MARK_RE = re.compile(_TOWN_MARK)
_POSTCODE_FIRST_RE = re.compile(r"(?:" + _POSTCODE + r")[ ][^\W\d_]")
#: A house's number alone in its part, in any script's digits, after a short abbreviation or not
#: ("12", "No. 45/2", "ನಂ. 41", "14B"): the part after it is its street's or its house's name
#: ("12, Shyam Bungalows, Satellite Road"), no town.
NUMBER_ALONE_RE = re.compile(r"(?:\S{1,4}\.[ ]?)?\d+(?:[/-]\d+)*[^\W\d_]?")


def masked_address(address: str) -> str:
    """``address`` masked but for the town, district, region and country parts at its large
    end (see the module's doc); ``[address]`` when none is recognised."""
    text = address.strip()
    if not text or text.isascii() and not any(ch.isalpha() for ch in text):
        return ADDRESS_MASK
    head = _east_asian_head(text)
    if head is not None:
        return head
    thai = _TH_TAIL_RE.search(text) if _THAI_RE.search(text) is not None else None
    if thai is not None and thai.start() > 0:
        return f"{ADDRESS_MASK} {thai['town']} {POSTAL_CODE_MASK}"
    parts = _PART_RE.split(text)
    if len(parts) < 2:
        return ADDRESS_MASK
    kept = [_locality(part) for part in parts]
    # written from the largest unit down (Санкт-Петербург, Невский пр-т, д. 88): the town first
    if kept[0] is not None and kept[-1] is None and _from_the_largest(parts[0]):
        first = 0
        while first + 1 < len(parts) and kept[first + 1] is not None:
            first += 1
        return ", ".join([*(kept[i] for i in range(first + 1)), ADDRESS_MASK])
    last = len(parts)
    first_kept = 2 if NUMBER_ALONE_RE.fullmatch(parts[0]) is not None else 1
    while last > first_kept and kept[last - 1] is not None and len(parts) - last < 3:
        last -= 1
    if last == len(parts):
        return ADDRESS_MASK
    return ", ".join([ADDRESS_MASK, *(kept[i] for i in range(last, len(parts)))])


def _east_asian_head(text: str) -> str | None:
    """A Chinese, Japanese or Korean address's large end and ``[address]`` for the rest; None
    for an address in another script."""
    first = text[0]
    if "가" <= first <= "힣":
        head = _KO_HEAD_RE.match(text)
        return f"{head[0]} {ADDRESS_MASK}" if head is not None and head.end() < len(text) else (
            ADDRESS_MASK if head is None else None)
    if first == "〒" or not "\u4e00" <= first <= "\u9fff":
        return None
    head = _JA_HEAD_RE.match(text) or _CJK_HEAD_RE.match(text)
    if head is None or not head[0] or head.end() >= len(text):
        return ADDRESS_MASK
    return head[0] + ADDRESS_MASK


def _locality(part: str) -> str | None:
    """``part`` as kept (its postal code masked) when it is a town, district, region or
    country, with or without a postal code; else None."""
    match = _LOCALITY_RE.fullmatch(part)
    if match is None:
        return None
    words = match["words"].split(" ")
    if match["number"] and words[-1].casefold() not in _NUMBERED:
        return None
    for word in words:
        folded = word.casefold()
        if folded in _STREET_WORDS or folded.rstrip(".") in _STREET_WORDS or _STREET_END_RE.search(folded):
            return None
    if match["pre"] and match["post"]:
        return None
    kept = part
    for group in ("pre", "post"):
        if match[group]:
            kept = kept[:match.start(group)] + POSTAL_CODE_MASK + kept[match.end(group):]
    return kept


def _from_the_largest(first: str) -> bool:
    """Does an address start with its town, as Russian and Ukrainian ones do (``Санкт-Петербург,
    Невский пр-т``, ``м. Львів, вул. ...``)? Only in Cyrillic or after a town's mark: a first
    part in Latin letters may as well be a house's name."""
    if _TOWN_MARK_RE.match(first) is not None or _POSTCODE_FIRST_RE.match(first) is not None:
        return True  # "м. Львів", "6720 Szeged": a town's mark, a postal code before the town
    from transforms.builtin._pii_prose_names import GIVEN, SURNAME, flags_of

    # "Иванов Иван, ул. ..." starts with its addressee
    return _CYRILLIC_RE.search(first) is not None and not any(flags_of(w) & (GIVEN | SURNAME) for w in first.split())
