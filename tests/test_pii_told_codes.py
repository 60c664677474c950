"""Codes and passwords told in text the way the earlier blind rounds still stored them (stop 41):
a one-time code told by a copula past an amount and a shop ("... των 312,40€ στο ΣΚΛΑΒΕΝΙΤΗΣ
είναι 734572"), an alphanumeric TAN, a code typed on a door's keypad ("tecleando 9914"), a
password after the head of a hyphenated compound ("WLAN-Passwort"), and a security question's
answer a transcript labels ('A: "..."'). Each with the look-alikes beside it, through the default
chain as the consumer runs it (``_pii_secret_words``, ``secret-words.tsv``)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a one-time code told past the payment's amount and the shop, in several languages
        ("Your OTP for txn of INR 1,200.00 at AMAZON is 482913. Do not share it with anyone.", "482913"),
        ("Ο κωδικός μιας χρήσης για τη συναλλαγή σας των 312,40€ στο ΣΚΛΑΒΕΝΙΤΗΣ είναι 734572. Μην τον αποκαλύψετε.",
         "734572"),
        ("Votre code de confirmation pour le paiement de 45,90 € chez FNAC est 551203.", "551203"),
        ("Kod BLIK do zamówienia 55123 to 774 201", "774 201"),
        ("Your verification code for order 482199 is 5521", "5521"),
        # an alphanumeric TAN told by its copula
        ("ID Austria: Ihr TAN für die Anmeldung bei FinanzOnline lautet 3NUFM7. Gültig bis 14:32 Uhr.", "3NUFM7"),
        # typed on a door's, a gate's, an alarm's or an intercom's keypad
        ("el código del portal es 2580B y la alarma se desactiva tecleando 9914 antes de treinta segundos.", "9914"),
        ("il cancello del garage si apre digitando 0033# sulla tastiera a sinistra.", "0033#"),
        ("• Alarme: digite 2580 e aperte OFF", "2580"),
        ("Curier: la interfon formați 24C și apăsați cheia. Etajul 4.", "24C"),
        ("At the side gate, punch in 7741# and push hard.", "7741#"),
        ("Die Alarmanlage im Flur: einfach 6-0-1-9 tippen.", "6-0-1-9"),
        ("קוד האזעקה בחנות הוא 5093 ודלת המחסן נפתחת עם 7731*. אל תשכחו לנעול.", "7731"),
        ("The side door opens with 4471# after 6pm.", "4471#"),
        # the next code of a list, named by its door only
        ("El código del portal es 1492 y el de la puerta del piso 7788, las llaves están en la cajita.", "7788"),
        # told digit by digit, a keypad's key last; a lock's combination; a lock's number
        ("el codi de la porta del menjador és 7 7 4 1. Recordeu la reunió.", "7 7 4 1"),
        ("key safe is on the left of the porch, code 4 7 1 9. Alarm panel in the hall, disarm with 2580 then OFF.",
         "2580"),
        ("喂，舖頭閘門密碼 1 3 5 7 #。聽日九點開舖。", "1 3 5 7"),
        ("Le code de la porte du chalet c'est 2-4-6-8-A, pis le poêle.", "2-4-6-8-A"),
        ("gym locker no. 214, combi 17-32-08. can you grab my bottle", "17-32-08"),
        ("அண்ணா, அலமாரி பூட்டு எண் 2-9-4-6. ரிட்டர்ன் 20ம் தேதிக்குள்.", "2-9-4-6"),
        # an authenticator's setup key, and recovery codes listed under their word in more languages
        ("Tak boleh imbas QR, jadi guna kunci persediaan manual: RYKE LHBU JHBU VPZN (Authenticator)", "RYKE LHBU"),
        ("Kody odzyskiwania GitHub dla konta firmowego (wydrukować):\n0u70a-g8otx\nrx7vb-lpxc2\nKonto: sklep", "rx7vb-lpxc2"),
        ("Återställningskoder för tvåstegsverifiering (spara):\n  8f2k-9qx1\n  3mzt-77ab\nGenererade 2024-06-11.",
         "3mzt-77ab"),
        # a security question's answer: after its label, its copula, or on the next speaker's line
        ("Security question: colour of my first car? answer is teal2009 (no caps). Deposit before Friday.", "teal2009"),
        ("Turvakysymys: Äidin tyttönimi? Vastaus: Virtanen. Tämä kirjattiin tikettiin HD-20931.", "Virtanen"),
        ("Восстановление доступа: секретный вопрос «Кличка первого питомца» — ответ: Барсик. Заявка №SD-44120.", "Барсик"),
        ("合言葉（秘密の質問）：初めて飼ったペットの名前 → 答え：ポチ。記録 CS-240611-088。", "ポチ"),
        ("Chatbot: Para sua segurança, qual o nome da sua primeira escola?\nCliente: escola estadual dom pedro ii\n"
         "Chatbot: Obrigado!", "escola estadual dom pedro ii"),
        # a code's noun as a pair's value, then the code; a possessive glued to the word (Ge'ez)
        ("Klient przez czat podał: \"BLIK: kod 739 481 ważny 2 min\" – zamówienie ZAM/2024/06/1182", "739 481"),
        ("Neue Girocard ist da. PIN-Brief kam separat: Geheimzahl ５２８１. Bitte sofort ändern.", "５２８１"),
        ("የቴሌብር ማረጋገጫ ኮድዎ 618 204 ነው። ለማንም አያጋሩ።", "618 204"),
        # a key's one word and a machine-made value; a private key's or a channel secret's name in more languages
        ("Zendesk API creds: token Fb1aeV38sYCgwjqIfdMlA1fVBIrOsMKWkWTR3ahM. Brand: Bondi Surf Co.",
         "Fb1aeV38sYCgwjqIfdMlA1fVBIrOsMKWkWTR3ahM"),
        ("小程序配置：AppID wx8a3f2c1d9e0b7a65，AppSecret ab690e47e4f46e5f9f351d024f17e712，商户号 1600123456",
         "ab690e47e4f46e5f9f351d024f17e712"),
        ("ERROR [payu-gateway] hash mismatch | config: key=gtKFFx salt=S2yhoxhKDKTIYXHMp4a6Gx0dT0I7bmsJ env=prod",
         "S2yhoxhKDKTIYXHMp4a6Gx0dT0I7bmsJ"),
        ("deploy env: APIKEY Fb1aeV38sYCgwjqIfdMlA1fVBIrOsMKWkWTR3ahM region=eu", "Fb1aeV38sYCgwjqIfdMlA1fVBIrOsMKWkWTR3ahM"),
        ("hash mismatch | SALT=S2yhoxhKDKTIYXHMp4a6Gx0dT0I7bmsJ env=prod", "S2yhoxhKDKTIYXHMp4a6Gx0dT0I7bmsJ"),
        ("MetaMask'e içe aktarmak için özel anahtarım: 0xa06e692e1fd458aa8a570f3e00f5e39047221b748a4d0e19562631433d60bc9b",
         "a06e692e1fd458aa8a570f3e00f5e39047221b748a4d0e19562631433d60bc9b"),
        ("LINE公式アカウント連携\nチャネルシークレット: 8282a980672aa91d5c5a2e18fbbbed67\n用途: 予約", "8282a980672aa91d5c5a2e18fbbbed67"),
        # a key as a link's path segment; a calendar's private address
        ("POST https://api.kavenegar.com/v1/6E3243C59E00CDEDCE9ErjyVZpd9hoHyKNbKuhpi0EisOH7qRQJwjQ8wkDCmc63CMjSFD1Rdz6AV"
         "Zlw1hGzOq08p/sms/send.json?receptor=XXXX → 418", "6E3243C59E00CDEDCE9ErjyVZpd9hoHyKNbKuhpi0EisOH7qRQJwjQ8"),
        ("https://calendar.google.com/calendar/ical/atelier/private-a7d868ac262bdb2a763774c214f43fa8/basic.ics",
         "private-a7d868ac262bdb2a763774c214f43fa8"),
        # a label whose field's name stands in brackets
        ("PayTR:\nMağaza No: 284710\nMağaza Gizli Anahtar (merchant_salt): 4JR16fevrdQ64t\nBildirim URL: x", "4JR16fevrdQ64t"),
        # after the head of a hyphenated compound
        ("Hallo Team, das neue WLAN-Passwort für das Büro (SSID: ACME-Office) lautet: Sonnenblume-7742! Gruß, IT",
         "Sonnenblume-7742"),
        ("Ihr SMS-Code lautet 482913, gültig für 10 Minuten.", "482913"),
        # a security question's answer labelled after the question
        ('Caller verified identity with the security question. Q: "What was the make of your first car?" '
         'A: "plymouth voyager 1994". Ticket CS-77120 closed.', "plymouth voyager 1994"),
        ("Pregunta de seguridad verificada. P: ¿Nombre de tu primera mascota? R: Canela2009", "Canela2009"),
    ],
)
def test_a_code_or_a_password_told_in_text_is_redacted(chain, text, secret):
    # GIVEN a secret told further on in its sentence, typed on a keypad, or labelled as an answer
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a price after a bank's name that is a code's word ("OTP" is a Hungarian bank)
        ("A BUX 0,6%-kal 64 210 pontra emelkedett, az OTP árfolyama 17 450 forinton zárt.", ["17 450 forinton"]),
        # the order's number after the order's word, the lifetime after the code
        ("Your OTP for order 4821-99 is valid for 10 min", ["4821-99"]),
        ("Kod BLIK do zamówienia 55123 to 774 201", ["55123"]),
        # a verb of typing with no keypad in sight, or a phone number dialled at a gate
        ("Please type 1234 to confirm your order", ["1234"]),
        ("At the gate dial 0800 123 456 for help.", ["0800 123 456"]),
        ("Enter 2024 as the tax year in the form.", ["2024"]),
        # a door's word in the sentence after a code's
        ("The door code is 4471. The garage on floor 2 holds 1200 bikes.", ["1200 bikes"]),
        # a spaced run of capitals after a setup key's word and no colon; a quiz's answer
        ("setup key rotation is DONE WITH THIS TASK TODAY", ["DONE WITH THIS TASK"]),
        ("Security question: colour of my first car? answer is teal2009 (no caps). Deposit before Friday.",
         ["(no caps)", "Deposit before Friday"]),
        # a commit's hash and an article's slug in a link; a bracketed name of no credential
        ("see https://github.com/org/repo/commit/9fceb02d0ae598e95dc970b74767f19372d61af8 and "
         "https://example.com/articles/how-to-configure-your-SSO-provider-in-10-minutes-2024",
         ["9fceb02d0ae598e95dc970b74767f19372d61af8", "how-to-configure-your-SSO-provider-in-10-minutes-2024"]),
        ("Total (amount): 1250.00 EUR", ["1250.00 EUR"]),
        # a key's word before prose or a UUID, a commit's hash
        ("we use token based authentication everywhere", ["token based authentication"]),
        ("token 550e8400-e29b-41d4-a716-446655440000 refreshed", ["550e8400-e29b-41d4-a716-446655440000"]),
        ("commit 9fceb02d0ae598e95dc970b74767f19372d61af8 secret sauce", ["9fceb02d0ae598e95dc970b74767f19372d61af8"]),
        # a hyphenated word that merely names a password's topic
        ("Click the reset-password link, ticket ABC-12345 open.", ["ABC-12345"]),
        # "A:" after a security question's mention and no question asked
        ("The security question feature is now optional. A: see docs.", ["now optional", "see docs"]),
    ],
)
def test_look_alikes_beside_a_codes_word_are_kept(chain, text, kept):
    # GIVEN digits that are a price, an order, a year or a phone, near a code's or a password's word
    # WHEN stored  THEN they stay
    out = stored_text(chain, text)
    for value in kept:
        assert value in out, out


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ({"security": {"question": "What was the name of your first pet?", "answer": "Tiddles"}}, "Tiddles"),
        ({"formulari": "alta_soci", "pregunta_seguretat": "Nom de la primera mascota", "resposta": "Pinxo"}, "Pinxo"),
        ({"φόρμα": "εγγραφή", "ερώτηση_ασφαλείας": "Όνομα πρώτου κατοικίδιου", "απάντηση": "Μπόμπος"}, "Μπόμπος"),
        ({"question_secrete": "Nom de votre premier instituteur ?", "reponse_secrete": "Monsieur Wauters"}, "Wauters"),
        ({"account": {"customerRef": "OCT-558120"}, "memorableWord": "ravensbourne"}, "ravensbourne"),
        ({"opgave": "Nøgleoverdragelse", "noeglekode": "5 5 2 0"}, "5 5 2 0"),
        ({"toegang": {"pincode_kluis": "0492"}, "dossier": "BTW-aangifte Q2"}, "0492"),
        # a password's change in GraphQL, whatever its arguments are called
        ({"query": "mutation CambiarClave($actual: String!, $nueva: String!) { cambiarClave(actual: $actual, "
                   "nueva: $nueva) { ok } }", "variables": {"actual": "Barsa1899", "nueva": "Sagrada!Fam1l1a"}},
         "Sagrada!Fam1l1a"),
    ],
)
def test_an_answer_or_a_code_in_an_object_is_redacted(chain, body, secret):
    # GIVEN a security question's answer beside it, or a code under a credential's name in more languages
    # WHEN stored  THEN it is not
    assert secret not in stored_json(chain, body)


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ({"quiz": [{"question": "What is the capital of France?", "answer": "Paris"}]}, "Paris"),
        ({"pincode": "560001", "city": "Bengaluru"}, "Bengaluru"),
        ({"poll": {"question": "Which plan do you use?", "answer": "Team"}}, "Team"),
        ({"query": "query Products($first: Int, $after: String) { products(first: $first, after: $after) { id } }",
          "variables": {"first": 10, "after": "Y3Vyc29yOjEw"}}, "Y3Vyc29yOjEw"),
        ({"query": "mutation Pin($c: ID!, $m: ID!) { pinMessage(chatId: $c, messageId: $m) { ok } }",
          "variables": {"c": "chat_8812", "m": "msg_55120"}}, "msg_55120"),
        ({"query": "mutation ResetPassword($email: String!) { resetPassword(email: $email) { ok } }",
          "variables": {"email": "orders@shop.example"}, "note": "Kasse 3"}, "Kasse 3"),
    ],
)
def test_a_quizs_answer_is_kept(chain, body, kept):
    # GIVEN a question no security question asks
    # WHEN stored  THEN its answer stays
    assert kept in stored_json(chain, body)
