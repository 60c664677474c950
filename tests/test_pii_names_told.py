"""People's names as chats and single-sign-on tell them (round 25, blind): "I am" and "my name" of more
languages and in Latin letters of more scripts, a surname told after the given name, "<name> here" as a
message opens, a chat export's speakers, a SAML assertion's attributes by LDAP's short names (stop 44).

Not the look-alikes beside them: a firm's or a team's name before "here", a log's line in a chat's shape,
a word after "I am" that is no name, a SAML attribute that names no person."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # "I am" of Romanian, Latvian, Slovene, Portuguese with its article, texted French, Russian in Latin letters
        ("bună, sunt Ioana Dumitrescu, comanda mea nu a venit", "Ioana Dumitrescu"),
        ("labdien, esmu Ilze Ozoliņa, kur ir mana paka?", "Ilze Ozoliņa"),
        ("živjo, sem maja kranjc, naročilo 4412", "maja kranjc"),
        ("Bom dia, sou o Joaquim Tavares Mendes, NIF a seguir", "Joaquim Tavares Mendes"),
        ("slt c moi Aminata Traoré, je veux suivre ma commande", "Aminata Traoré"),
        ("Zdravstvuyte! Eto Yekaterina Orlova, zakaz ne prishel", "Yekaterina Orlova"),
        # "my name" in Latin letters of Sorani, Persian, Dhivehi, Burmese, Tok Pisin
        ("choni, nawm Rezan Hama, bo mobile", "Rezan Hama"),
        ("salam, nam-e man Farid Sultani, lutfan", "Farid Sultani"),
        ("aharenge nan Mariyam Nuha. ID card", "Mariyam Nuha"),
        ("kyanaw name Zaw Min Htet pr, acc login", "Zaw Min Htet"),
        ("Moning, nem bilong mi John Kapi, kago i no kam", "John Kapi"),
        # the surname told after the given name
        ("el apellido es Huamán Torres", "Huamán Torres"),
        ("prezime Marković", "Marković"),
        # "<name> here" as a message opens, after its greeting
        ("morena, Aroha Ngata here, the courier missed me", "Aroha Ngata"),
        ("jó napot, Kovács Eszter vagyok, a rendelésem", "Kovács Eszter"),
        ("Hallo, Jürgen hier, kurze Frage zur Rechnung", "Jürgen"),
        ("yasou, Giorgos Papadakis dame, to paketo", "Giorgos Papadakis"),
    ],
)
def test_a_name_told_by_its_writer_is_masked(chain, text, secret):
    # GIVEN a message whose writer tells their name  WHEN stored  THEN the name is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hi, Customer Service here, how can we help?", "Customer Service"),
        ("Hello, Tesco here! Your order is ready", "Tesco"),
        ("the parcel went to Room 12 here, ok", "Room 12"),
        ("sono stanco morto, ciao", "stanco morto"),
        ("i'm will happy, ok", "will happy"),
        ("Prezime i ime: ", "Prezime i ime"),
        ("Hi, Jeff Bezos here", "Jeff Bezos"),
        ("Hallo, Berlin hier. Wir haben Ihre Anfrage", "Berlin"),
    ],
)
def test_what_only_reads_like_a_writers_name_stays(chain, text, kept):
    # GIVEN a firm, a team, a public figure or an ordinary word where a name is told  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("[04.11.24, 09:15:02] Zuzana Horváthová: Dobrý deň\n[04.11.24, 09:16:40] Milan Kováč: áno", "Zuzana Horváthová"),
        ("[04.11.24, 09:15:02] Zuzana Horváthová: Dobrý deň\n[04.11.24, 09:16:40] Milan Kováč: áno", "Milan Kováč"),
        ("12/03/2024, 19:20 - Lavinia Tupou: malo e lelei\n12/03/2024, 19:21 - Sione Vea: io", "Lavinia Tupou"),
        ("[16:02] Wong Ka Ming: 請問幾時送到\n[16:03] ShopBot: 請提供訂單號碼", "Wong Ka Ming"),
    ],
)
def test_a_chat_exports_speaker_is_masked(chain, text, secret):
    # GIVEN a chat's export, each line's time then who wrote it  WHEN stored  THEN the writers are not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("[09:12] Build Failed: job 42\n[09:13] Deploy Started: ok", "Build Failed"),
        ("[12/03/2024, 19:20] Shopee Support: hi there", "Shopee Support"),
        ("[10:00] Lionel Messi: what a goal", "Lionel Messi"),
    ],
)
def test_a_log_line_or_a_bot_in_a_chats_shape_stays(chain, text, kept):
    # GIVEN a log's line, a shop's support or a public figure where a chat's speaker would be  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize("attribute", ["sn", "SN", "urn:oid:2.5.4.4", "urn:oid:2.5.4.42", "urn:oid:2.16.840.1.113730.3.1.241"])
def test_a_saml_attribute_named_by_its_ldap_short_name_or_oid_is_masked(chain, attribute):
    # GIVEN a SAML assertion's person attribute named as a directory names it
    text = f'<saml2:Attribute Name="{attribute}"><saml2:AttributeValue>Tuilagi</saml2:AttributeValue></saml2:Attribute>'
    # WHEN stored  THEN its value is not
    out = stored_text(chain, text)
    assert "Tuilagi" not in out, out


def test_a_saml_groups_common_name_stays(chain):
    # GIVEN a SAML attribute "cn" holding a group's name (a directory's cn is a group's or a host's as often)
    text = '<saml2:Attribute Name="cn"><saml2:AttributeValue>Finance Approvers</saml2:AttributeValue></saml2:Attribute>'
    # WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert "Finance Approvers" in out, out
