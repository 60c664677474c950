"""Names a message gives by who to ask for or after "I am" of more languages, a home's number after
the words of India's scripts, and a blood pressure reading (stop 43).

"demande Maxime", "ask for Devinder Singh" (the lexicon must know the first word as a given name:
"ask for Help Desk" stays), Slovak "som Miška", Bulgarian in Latin letters "az sum Nikol", Zulu's
"ngingu-Nomvula", Swahili's "anaitwa Achieng", "it's Destiny btw"; "ఫ్లాట్ నం. 302", "फ्लॅट नं. ५०४",
"ਮਕਾਨ ਨੰ. 1123", "বাসা ১৪", "ടി.സി. 25/1432"; "BP ekkuva ga undi 180/110", "血压160/100" (not a
target: "keep BP under 130/80")."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mon cell c'est le 514 892-0417, demande Maxime.", "Maxime"),
        ("buzzer's broken so ring me and ask for Anjali Mehta at the gate", "Anjali"),
        ("Klingeln geht nicht, frag nach Jürgen, 3. Stock", "Jürgen"),
        ("Ahoj, som Zuzana 👋 26, zo Žiliny", "Zuzana"),
        ("zdr, az sum Nikol, uchitelka po angliiski", "Nikol"),
        ("Heyi 😊 ngingu-Nomvula, ngineminyaka engu-25", "Nomvula"),
        ("Anaitwa Achieng, simu haipatikani. Order #GLV-KE-88102", "Achieng"),
        ("text me when ur downstairs and I'll come get it, it's Destiny btw", "Destiny"),
    ],
)
def test_a_name_given_by_who_to_ask_for_or_after_i_am_is_masked(chain, text, name):
    # GIVEN a message naming its writer or who to ask for at the door
    # WHEN stored  THEN the name is not
    out = stored_text(chain, text)
    assert name not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("If the app fails, ask for Help Desk support at the counter", "Help Desk"),
        ("Please ask for Receipt at the till", "Receipt"),
        ("Vi har samma pris som Volvo Cars i år", "Volvo Cars"),
        ("Projekt je rovnaký som Bratislava Airport", "Bratislava Airport"),
    ],
)
def test_a_thing_after_those_words_stays(chain, text, kept):
    # GIVEN a service, a product or a place after "ask for" or "som"  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("అన్నా ఫ్లాట్ నం. 302, సాయి రెసిడెన్సీ, మాదాపూర్. సెక్యూరిటీ దగ్గర ఇచ్చేయండి", "302"),
        ("नमस्कार, फ्लॅट नं. ५०४, गणेश अपार्टमेंट, कर्वे रोड, कोथरूड येथे राहते.", "५०४"),
        ("ਵੀਰ ਜੀ ਮਕਾਨ ਨੰ. 1123, ਸੈਕਟਰ 44-ਬੀ, ਚੰਡੀਗੜ੍ਹ", "1123"),
        ("ডেলিভারি দিয়েন মিরপুর ১০, রোড ৩, বাসা ১৪, ৫ম তলা।", "বাসা ১৪"),
        ("ചേട്ടാ, ടി.സി. 25/1432, പുളിമൂട് ജംഗ്ഷൻ, തിരുവനന്തപുരം.", "25/1432"),
        ("ಸರ್, ಮನೆ ನಂ. 45, 3ನೇ ಕ್ರಾಸ್, ಜಯನಗರ 4ನೇ ಬ್ಲಾಕ್ ಗೆ ಬನ್ನಿ", "ಮನೆ ನಂ. 45"),
        ("ભાઈ પાર્સલ મકાન નં. 12, શ્રીજી સોસાયટી પાસે મૂકી દેજો", "મકાન નં. 12"),
    ],
)
def test_a_home_number_in_an_indian_script_is_masked(chain, text, home):
    # GIVEN a flat's or a house's number after its word in an Indian script
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert home not in out, out


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Hello doctor garu, maa nanna gaaru ki BP ekkuva ga undi 180/110, kallu tirugutunnay", "180/110"),
        ("Patient seen today, BP 165/100, advised rest", "165/100"),
        ("Mutter hat Blutdruck 160/95 gemessen, bitte Rückruf", "160/95"),
        ("我爸血压160/100，头晕", "160/100"),
        ("혈압 150/95 나왔어요", "150/95"),
    ],
)
def test_a_blood_pressure_reading_is_health_data(chain, text, reading):
    # GIVEN someone's blood pressure reading after its word  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert reading not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Guideline: keep BP under 130/80 for most adults", "130/80"),
        ("target blood pressure below 140/90 in the elderly", "140/90"),
        ("BP plc shares 450/500 split announced", "450/500"),
        ("Blutdruckmessgerät Modell 2024/25 im Angebot", "2024/25"),
    ],
)
def test_a_target_or_another_fraction_stays(chain, text, kept):
    # GIVEN a target, a share ratio or a model year near a pressure's word  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ถึงแล้วโทร 081-234-5678 นะคะ คุณวรรณา ทองดี ค่ะ ออเดอร์ GF-1182", "วรรณา ทองดี"),
        ("ผู้รับ สมชาย ใจดี โทร 0812345678", "สมชาย ใจดี"),
        ("ผู้โดยสาร ปิยะนุช แสงทอง (ขึ้นรถที่สยาม)", "ปิยะนุช แสงทอง"),
    ],
)
def test_a_thai_name_after_its_role_or_khun_is_masked(chain, text, name):
    # GIVEN a Thai name after คุณ and before a speaker's particle, or after a recipient's or passenger's word
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert name not in out, out


@pytest.mark.parametrize("text", ["คุณสามารถ ติดต่อเรา ได้ตลอด 24 ชั่วโมง", "ชื่อ สินค้า ราคา", "ลูกค้า ชำระเงิน แล้ว"])
def test_thai_phrases_after_those_words_stay(chain, text):
    # GIVEN "you can contact us", a table's header, "the customer has paid"  WHEN stored  THEN unchanged
    assert text in stored_text(chain, text)
