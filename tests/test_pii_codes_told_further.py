"""Codes told further on in their sentence, past what they are for (stop 43, round 24's secrets).

"o PIN do Multicaixa Express da loja do Talatona é 5802", "the OTP they sent when I logged in was 66412",
"Your Token for the transfer of NGN 250,000.00 ... is 904417", "PIN ya M-Pesa ya till namba 512233 ni
4820" (the till's number is not the PIN), "koden fra MitID Erhverv-appen ... nr. 0412 var 884213": a copula
of more languages (was, var, e, ay, ni, howa, quedó en, 係), a code in three pairs ("63 80 12"), an
identifier's prefix in capitals before a number that is not the code ("lote PAG-0934")."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("o PIN do Multicaixa Express da loja do Talatona é 5802. Muda depois", "5802"),
        ("the OTP they sent when I logged in was 66412. EMP201 for October was submitted", "66412"),
        ("Your Token for the transfer of NGN 250,000.00 to Dangote Cement PLC (Invoice DCP/LAG/09931) is 904417.", "904417"),
        ("Token response code from my device: 27184906. Need it done before 3pm", "27184906"),
        ("Für das Login brauchen Sie künftig den Aktivierungscode 8J4K-Q2PL-77XW, die Vertragsnummer", "8J4K-Q2PL-77XW"),
        ("seu código de segurança para aprovar o lote de pagamento PAG-0934 (R$ 57.210,40) é 418206. Não", "418206"),
        ("el NIP de la tarjeta de nómina de la sucursal Monterrey quedó en 8314, ya lo cambiaron", "8314"),
        ("koden fra MitID Erhverv-appen til godkendelse af lønkørsel nr. 0412 var 884213. Ring", "884213"),
        ("parola certificatului e Carpati_2024! iar PIN-ul tokenului e 7719. Declarația 300", "7719"),
        ("Il codice OTP per confermare il bonifico di € 3.480,00 verso FORNITURE EDILI SRL è 63 80 12. Intesa", "63 80 12"),
        ("公司網銀保安編碼係 739 201，快啲批咗張糧單先", "739 201"),
        ("Yung OTP galing sa BDO para sa payroll upload ay 839 201, pakiapprove na lang", "839 201"),
        ("Habari, PIN ya M-Pesa ya till namba 512233 ni 4820, usimpe mtu yeyote.", "4820"),
        ("w l'PIN dyal Damancom (CNSS) howa 6621. Déclaration dyal octobre", "6621"),
        ("FBR IRIS پورٹل کا پاس ورڈ Lahore#Minar1947 ہے اور پن 4408 ہے۔", "4408"),
        ("Le code de l'armoire à clés du bureau de Namur a été changé : 1-9-7-3. Le badge", "1-9-7-3"),
        ("Sawubona, i-OTP ngu-608214. Ngicela ungisize.", "608214"),
    ],
)
def test_a_code_told_further_on_is_redacted(chain, text, secret):
    # GIVEN a code told by a copula past what it is for  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("PIN ya M-Pesa ya till namba 512233 ni 4820, usimpe", "512233"),
        ("seu código de segurança para aprovar o lote de pagamento PAG-0934 (R$ 57.210,40) é 418206.", "PAG-0934"),
        ("Send the documents to the GPO, Connaught Place — PIN code 110001. Counter closes at 7 pm.", "110001"),
        ("your code was sent 3 times today", "3 times"),
        ("The PIN for the card ending 4242 is blocked", "4242"),
    ],
)
def test_what_the_code_is_for_stays(chain, text, kept):
    # GIVEN the number of a till, a batch, a postal code, a count, a card's last digits
    # WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out
