"""Personal data told by its field's name where the name is abbreviated, legacy or in a local language,
and where it sits in structured text held in one string (round 24).

``geb_dat``, ``szul``, ``foedselsdato``, ``dtNascto``, ``adr_l1``, ``tel1``, ``NSSF_NO``, ``BANK_ACC``,
``omang``, ``tachoCard``; eSocial's ``nmTrab``/``dscLograd``, NF-e's ``xLgr``, HMRC's ``<Fore>``/``<Sur>``;
an INSERT's rows over several lines, the values EF Core and Hibernate bind to an INSERT's placeholders,
a table's header under a title line, ``beteg=...;szul=...``, ``<cardCode>``. Not a bare "nr", "no" or
"id", a company's or a product's name, a postal code or a city, ``ttl``, ``codice_destinatario``."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ({"dn": {"fam_name": "Gruber-Pichler", "geb_dat": "12.03.1985"}}, "12.03.1985"),
        ({"dn": {"adr_l1": "Hauptplatz 9/2/14", "adr_plz": "8010", "tel1": "0664 381 2290"}}, "Hauptplatz 9/2/14"),
        ({"dn": {"adr_l1": "Hauptplatz 9/2/14", "tel1": "0664 381 2290"}}, "0664 381 2290"),
        ({"munkavallalo": {"szul_hely_ido": "Debrecen, 1986.04.09."}}, "1986.04.09."),
        ({"medewerker": {"achternaam": "Heijden", "roepnaam": "Joost"}}, "Joost"),
        ({"asthenis": {"dieuthinsi": "Αγίου Δημητρίου 42, Θεσσαλονίκη"}}, "Αγίου Δημητρίου 42"),
        ({"Patient": {"BirthDateHijri": "1415/08/22"}}, "1415/08/22"),
        ({"driver": {"name": "Dariusz Nowicki", "tachoCard": "DF000019873320 01"}}, "DF000019873320 01"),
        ({"driver": {"name": "Imtiyaz Shaikh", "dl_no": "MH03 20150031876"}}, "MH03 20150031876"),
        ({"driver": {"fio": "Сулейменов Нурлан", "vu": "KZ 04 118823"}}, "KZ 04 118823"),
        ({"applicant": {"name": "Ramon Aquino Castillo", "umid_crn": "0111-2238471-5"}}, "0111-2238471-5"),
        ({"əməkdaş": {"ad_soyad": "Elvin Məmmədov", "fin": "5ZK8N2L"}}, "5ZK8N2L"),
        ({"保单号": "SG-LIFE-2291834", "投保人": "林志伟"}, "林志伟"),
        ({"vanDon": "GHN-LX8T4K2Q", "pod": {"kyNhan": "Bùi Thị Lan"}}, "Bùi Thị Lan"),
    ],
)
def test_abbreviated_and_local_field_names_are_masked(chain, body, secret):
    # GIVEN a personal value under an abbreviated, legacy or local field name  WHEN stored  THEN it is not
    out = stored_json(chain, body)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ({"dn": {"adr_plz": "8010", "adr_ort": "Graz", "geb_dat": "12.03.1985"}}, "Graz"),
        ({"cache": {"ttl": "3600", "key": "sessions"}}, "3600"),
        ({"job": {"fin": "2024-01-01", "state": "done"}}, "2024-01-01"),
        ({"invoice": {"nr": "RE-2024-0118", "no": "4471", "kasse": "Kasse 3"}}, "RE-2024-0118"),
        ({"product": {"name": "Poltrona relax ERGO-M", "nro": "1508"}}, "Poltrona relax ERGO-M"),
    ],
)
def test_business_fields_beside_them_stay(chain, body, kept):
    # GIVEN a city, a cache's ttl, a job's end, an invoice's number, a product's name
    # WHEN stored  THEN they stay
    out = stored_json(chain, body)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # an INSERT's rows on lines of their own
        ("INSERT INTO pacientes (nhc, nombre, apellido1, fecha_nac, telefono) VALUES\n"
         "(208841, 'Lucía', 'Navarro', '1989-11-02', '655 203 118'),\n"
         "(208842, 'Antonio', 'Moreno', '1951-05-27', '968 22 41 90');",
         ["Navarro", "1989-11-02", "655 203 118", "Moreno", "1951-05-27"]),
        ("SQL [insert into kunde (vorname, nachname, geb_dat, plz) values ('Jürgen', 'Hoffmann', '1967-03-14', '50968')]",
         ["1967-03-14"]),
        ("INSERT INTO employees (emp_code, name_ar, mobile, insurance_no) VALUES ('EG-0331', 'أحمد محمود حسن', "
         "'01114820037', '541746951');", ["541746951"]),
        # EF Core: the parameters first, then the statement that says their columns
        ("Executed DbCommand (14ms) [Parameters=[@p0='Ірина Мельник' (Size = 200), @p1='1975-09-12T00:00:00.0000000' "
         "(DbType = DateTime2), @p2='ENDO' (Size = 8)], CommandType='Text', CommandTimeout='30']\n"
         "      INSERT INTO [Appointments] ([PatientName], [BirthDate], [Department]) VALUES (@p0, @p1, @p2);",
         ["Ірина Мельник", "1975-09-12"]),
        ("Executed DbCommand [Parameters=[@p0='Anna Berg' (Size = 100), @p1='7'], CommandType='Text']\n"
         "UPDATE [Customers] SET [FullName] = @p0 WHERE [Id] = @p1;", ["Anna Berg"]),
        # Hibernate: the statement, then the values bound to its places
        ("insert into kunde (vorname, geb_dat, ort) values (?, ?, ?)\n"
         "TRACE o.h.t.d.s.BasicBinder - binding parameter [1] as [VARCHAR] - [Jürgen]\n"
         "TRACE o.h.t.d.s.BasicBinder - binding parameter [2] as [DATE] - [1967-03-14]",
         ["Jürgen", "1967-03-14"]),
        # key=value log lines
        ("beteg=Farkas Gábor;taj=401566055;szul=1972-11-30;dg=J45.0", ["1972-11-30", "401566055"]),
        # XML elements of government schemas and payment gateways
        ("<trabalhador><nmTrab>Juliana Pereira dos Santos</nmTrab><nascimento><dtNascto>1995-02-18</dtNascto>"
         "</nascimento><endereco><brasil><dscLograd>Rua Padre Chagas</dscLograd><nrLograd>415</nrLograd>"
         "<cep>90570080</cep></brasil></endereco></trabalhador>",
         ["Juliana Pereira dos Santos", "1995-02-18", "Rua Padre Chagas"]),
        ("<dest><enderDest><xLgr>Rua Augusta</xLgr><nro>1508</nro><xMun>São Paulo</xMun></enderDest></dest>",
         ["Rua Augusta"]),
        ("<Employee><Name><Fore>Siobhan</Fore><Sur>McAllister</Sur></Name></Employee>", ["Siobhan", "McAllister"]),
        ("<identifiserendeInformasjon><navn>Kristoffer Haugland</navn><foedselsdato>1983-08-22</foedselsdato>"
         "</identifiserendeInformasjon>", ["1983-08-22"]),
        ("<creditCard><cardNumber>4081674092420625</cardNumber><cardCode>318</cardCode></creditCard>", ["318<"]),
        # tables under a header, the header under a title, in scripts with vowel signs
        ("EMP_NO,EMP_NAME,NSSF_NO,SHIF_NO,BASIC,BANK_ACC\nE0117,Otieno Brian Ochieng,4894094175,SHA43133816,85000,"
         "6657108803189\n", ["4894094175", "SHA43133816", "6657108803189"]),
        ("Einsatzplan Spitex – 15.07.2024\nZeit\tKlient\tAdresse\tLeistung\n07:30\tHuber Margrit\t"
         "Wehntalerstrasse 412, 8046 Zürich\tKörperpflege\n08:45\tStuder Paul\tRegensbergstrasse 60, 8050 Zürich\t"
         "Wundversorgung\n", ["Studer Paul", "Huber Margrit"]),
        ("OPD पर्ची,विभाग,मरीज़,मोबाइल\nOPD-22781,मधुमेह क्लिनिक,रमेश चंद्र तिवारी,9450012387\n", ["रमेश चंद्र तिवारी"]),
        ("Consignee,Phone,Address,Thana,COD\n\"তানভীর হাসান\",01674390218,\"৪৫৬ নং, জামাল খান রোড\",কোতোয়ালী,890\n",
         ["তানভীর হাসান"]),
        # a birth date after its word in Luxembourgish, Basque and Catalan prose
        ("Rendez-vous fir de Jos Kremer (Gebuertsdag 02.06.1948) op den 23. Juli", ["02.06.1948"]),
        ("Miren Agirre Uriarte (jaiotze data 1974/08/19), helbidea Kale Nagusia 18", ["1974/08/19"]),
        ("Dades del pacient: Jordi Puigdomènech i Vila, data naixement 12/04/1958.", ["12/04/1958"]),
    ],
)
def test_values_in_structured_text_are_masked_by_their_names(chain, text, secrets):
    # GIVEN structured text whose columns, elements or keys name personal data  WHEN stored  THEN none stays
    out = stored_text(chain, text)
    for secret in secrets:
        assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("INSERT INTO pacientes (nhc, nombre, cp, ciudad) VALUES\n(208841, 'Lucía', '46022', 'Valencia'),\n"
         "(208842, 'Antonio', '30001', 'Murcia');", "46022"),
        ("insert into kunde (vorname, geb_dat, ort) values (?, ?, ?)\n"
         "binding parameter [3] as [VARCHAR] - [Köln]", "[Köln]"),
        ("Executed DbCommand [Parameters=[@p0='ENDO' (Size = 8)], CommandType='Text']\n"
         "INSERT INTO [Appointments] ([Department]) VALUES (@p0);", "'ENDO'"),
        ("sdi.codice_destinatario=M5UXCR1\nsdi.formato=FPR12", "M5UXCR1"),
        ("OPD पर्ची,विभाग,मरीज़,मोबाइल\nOPD-22781,मधुमेह क्लिनिक,रमेश चंद्र तिवारी,9450012387\n", "मधुमेह क्लिनिक"),
        ("Mail an j=C3=BCrgen=40freenet.de, Vorgang taj=401566055", "taj="),
        ("<enderDest><xLgr>Rua Augusta</xLgr><xBairro>Consolação</xBairro><xMun>São Paulo</xMun></enderDest>",
         "São Paulo"),
    ],
)
def test_business_values_in_structured_text_stay(chain, text, kept):
    # GIVEN a postal code, a city, a department, an e-invoice's office code beside personal columns
    # WHEN stored  THEN they stay
    out = stored_text(chain, text)
    assert kept in out, out
