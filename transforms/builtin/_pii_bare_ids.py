"""A number under a field name no table knows, in an object that holds a person's fields.

``{"full_name": "...", "national_no": "03010123456"}``, ``{"fanampiny": "...", "laharana_karatra":
"101 211 045 678"}``: the tables of field names cannot hold every country's word for an identity
card, a social security number or a bank account. When an object already holds a person's name,
phone, birth date or ID (the walk knows from the keys it does read), a value that is a whole
identifier's shape (mostly digits, grouped or not) under a key that says nothing of a business
document (an order, an invoice, an amount, a date...) is taken for that person's number and masked.

What is never taken: amounts (digits grouped by thousands, round numbers ending in 000), dates,
epochs of the last decade, and values under a key holding one of ``_BUSINESS_WORDS`` in any of
the languages listed there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.builtin._pii_ids import gtin_ok
from transforms.builtin._pii_names import words

#: A whole identifier: 8 to 24 digits (7 after one capital), grouped by spaces, dots, dashes or slashes,
#: every group holding a digit, at most three letters and none first but one capital (a check letter, a series:
#: "004512398LA041", "0801-1990-12345", "18.234.567-9"). A code a letter starts ("TXN-2026...",
#: "A1B2C3-0042") is a business's reference; an OID ("1.3.6.1.2.1") has groups of one digit.
_SHAPE_RE = re.compile(r"(?=(?:[^0-9]*[0-9]){8,24}[^0-9]*$)(?!(?:[^A-Za-z]*[A-Za-z]){4})"
                       r"[0-9](?:[0-9A-Za-z]|[ ./-](?=[0-9A-Za-z]*[0-9]))*"
                       # or one capital, then 7 to 10 digits (a Kenyan NHIF number, a Taiwanese ID: "R4029188")
                       r"|[A-Z][0-9]{7,10}[A-Z]?")
_GROUP_RE = re.compile(r"[ ./-]")
#: An amount: thousands grouped by one separator, below a billion ("1.500.000", "85,000"; not
#: "101 211 045 678"), or a round figure.
_AMOUNT_RE = re.compile(r"[0-9]{1,3}(?:([.,' ])[0-9]{3})(?:\1[0-9]{3})?(?:[.,][0-9]{1,2})?|[0-9]*000")
#: A date (ISO, day first or month first, compact), or epoch seconds or milliseconds since 2017.
_DATE_RE = re.compile(
    r"(?:19|20)[0-9]{2}([-/.])[0-9]{1,2}\1[0-9]{1,2}|[0-9]{1,2}([-/.])[0-9]{1,2}\2(?:19|20)?[0-9]{2}"
    r"|(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{0,6}|1[5-9][0-9]{8}(?:[0-9]{3})?")

#: Words of a key that name a business document, an amount, a time or a measure, not a person's
#: number (folded: lower case, no accents). English and the languages of the probe corpora.
_BUSINESS_WORDS = frozenset("""
order orders invoice inv bill receipt ref reference refno tracking track trace shipment parcel awb waybill
transaction trx txn tx trans payment paymentid booking reservation ticket case claim policy contract
amount total subtotal sum balance fee fees cost price value qty quantity count number_of qty
sku product item article model serial imei plan voucher coupon promo version build release revision year
zip postal postcode time date ts timestamp created updated modified at epoch duration size bytes length
page limit offset score rating views likes votes hits rank
code cd kode codigo codice kod school class grade course campus
pnr tid payid mihpayid ttn bik bic swift routing sort uen employer regon krs vat iva partita gst register registry
registration corporate company firm business merchant seller vendor supplier branch store shop terminal device
pedido orden compra factura boleta folio comprobante recibo remito guia seguimiento referencia monto valor
importe precio costo saldo cantidad operacion transaccion numero_operacion
commande facture recu reference montant prix cout solde quantite suivi colis
bestellung auftrag rechnung quittung beleg betrag preis summe menge sendung sendungsnummer buchung
ordine fattura ricevuta riferimento importo prezzo spedizione
encomenda fatura nota recibo referencia quantia preco rastreio rastreamento envio
bestelling factuur bedrag prijs zending
order faktura kvitto belopp pris
zamowienie faktura kwota cena przesylka
objednavka faktura castka cena zasilka
megrendeles szamla osszeg ar
comanda factura suma pret
narudzba racun iznos cijena
siparis fatura tutar fiyat kargo takip
zakaz schet summa tsena
oda ankara jumla bei kiasi
pesanan faktur tagihan jumlah harga resi nomor_resi ongkir
don hoadon tien gia
dingdan jine jiage
""".split())
_CJK_BUSINESS_RE = re.compile(r"订单|訂單|注文|주문|金额|金額|价格|價格|価格|금액|가격|发票|發票|請求|领收|運單|运单|快递|快遞|"
                              r"заказ|счет|счёт|сумма|цена|накладн|замовлен|рахунок|сума|ціна|"
                              r"طلب|فاتورة|مبلغ|سعر|شحنة|سفارش|فاکتور|مبلغ|قیمت|הזמנה|חשבונית|סכום|מחיר|"
                              r"คำสั่งซื้อ|ยอด|ราคา|ใบแจ้งหนี้|พัสดุ|παραγγελ|τιμολ|ποσό|τιμή|"
                              r"ऑर्डर|बिल|राशि|मूल्य|কিস্তি|মূল্য|অর্ডার|ттн|бик|السجل|التجاري|法人|사업자|統一|统一")


#: What an identifier's value may start with (the walk tests it before calling): a digit, a capital, a space.
MAY_START = frozenset("0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NO_DIGITS = str.maketrans("", "", "0123456789")


def identifier_shaped(value: str) -> bool:
    """Is ``value`` a whole identifier's shape, and no amount, date or epoch?"""
    if (not 7 < len(value) <= 40 or value[0] not in MAY_START or ":" in value or value.upper() != value
            or len(value) - len(value.translate(_NO_DIGITS)) < 7):
        return False  # (most strings of a record, timestamps and UUIDs among them: the cheap tests first)
    value = value.strip()
    if _SHAPE_RE.fullmatch(value) is None or _AMOUNT_RE.fullmatch(value) is not None or _DATE_RE.fullmatch(value):
        return False
    if len(value) == 10 and value.startswith("123") and value.isdigit():
        return False  # a business's Swish number (a person's Swish alias is their phone)
    groups = _GROUP_RE.split(value)
    if len(groups) > 2 and sum(len(group) == 1 for group in groups[:-1]) >= 2:
        return False  # an OID, a version: groups of one digit (a Thai account's "123-4-56789-0" has one)
    digits = "".join(groups)
    # an EAN or a GTIN is written as one run of digits, an ISBN with its 978 or 979 ("978-0-14-143951-8");
    # a grouped number that happens to pass the check ("1211-4490-2873") is no product's
    return not (digits.isdigit() and len(digits) in (12, 13, 14) and (len(groups) == 1 or digits[:3] in ("978", "979"))
                and gtin_ok(digits))


@lru_cache(maxsize=4096)
def names_business(key: str) -> bool:
    """Does ``key`` name a business document, an amount, a time or a measure (``pedido``,
    ``refNo``, ``金额``), or an identifier of a thing (``..._id`` is read elsewhere)?"""
    if _CJK_BUSINESS_RE.search(key) is not None:
        return True
    parts = words(key)
    return any(part in _BUSINESS_WORDS for part in parts) or "_".join(parts) in _BUSINESS_WORDS
