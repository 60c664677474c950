"""An integration's key named in more languages, past the words saying whose key it is, and hex keys after
their word (stop 43, round 24's secrets).

"key_secret VZxv...", "kumppaniavain 0ui2...", "APIv3 密钥已重置为 bQ4n...", "API key របស់ ABA PayWay ... គឺ d741...",
"merchant app key က IqRR...", "client secret untuk ERP ialah d6f3...", "Ключ API Нової пошти ...: e855...",
"token autoryzacyjny do KSeF dla firmy: AE00...", and SAML responses and Icelandic keys by their field."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("key_id rzp_live_v01nY9YQR5H4lf aur key_secret VZxvorUPPQjNUaVg2Ay8zqFm — forward mat karna", "VZxvorUPPQjNUaVg2Ay8zqFm"),
        ("asiakastunniste ACME_FI_INT ja kumppaniavain 0ui272houn0lvry3y2d1bszj1t69kzelgrtipt4n. Koskee",
         "0ui272houn0lvry3y2d1bszj1t69kzelgrtipt4n"),
        ("微信支付商户平台的 APIv3 密钥已重置为 bQ4nB0cDpCz6pIbcZtpGkEq3cIozF0w7，商户号 1601234567", "bQ4nB0cDpCz6pIbcZtpGkEq3cIozF0w7"),
        ("API key របស់ ABA PayWay សម្រាប់ហាងភ្នំពេញ គឺ d74179eb9836a4d7f74fd521830e07387a244e04 ។",
         "d74179eb9836a4d7f74fd521830e07387a244e04"),
        ("KBZPay merchant app key က IqRR4uIZkuIrhGNYpegMqmLrNDKfsoZf ပါ။", "IqRR4uIZkuIrhGNYpegMqmLrNDKfsoZf"),
        ("client secret untuk ERP ialah d6f307940fipziukwznla9m11gznuud7nbdp. Jangan kongsi", "d6f307940fipziukwznla9m11gznuud7nbdp"),
        ("Привіт! Ключ API Нової пошти для складу у Львові: e855fe89bda7fee38e51008180d31b0d. Не світіть",
         "e855fe89bda7fee38e51008180d31b0d"),
        ("token autoryzacyjny do KSeF dla firmy: AE000D664903DF5C644449515A48D5CC7973AABF8CAE14947A5D51A73B52132B\na hasło",
         "AE000D664903DF5C644449515A48D5CC7973AABF8CAE14947A5D51A73B52132B"),
    ],
)
def test_a_key_after_its_word_in_more_languages_is_redacted(chain, text, secret):
    # GIVEN an integration's key after its word, whose key it is between  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The API key for the project is rotated monthly by the platform team", "rotated monthly"),
        ("commit sha: 5db102b545ef7b5bf06e8e1e3da3b91f in release notes", "5db102b545ef7b5bf06e8e1e3da3b91f"),
        ("Ключ API описано в документації: розділ 4.2, сторінка 17", "розділ 4.2"),
    ],
)
def test_words_about_a_key_and_a_commits_hash_stay(chain, text, kept):
    # GIVEN a sentence about a key, a commit's hash after "sha"  WHEN stored  THEN unchanged
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ({"RelayState": "https://app.example.io/ap", "SAMLResponse": "PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM"},
         "PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM"),
        ({"lykill": "RnyRQSB6qPeNGkdCwo2uEShWpwoVmVuUKTKhEZKX", "reikningur": "R-2024-0921"}, "RnyRQSB6qPeNGkdCwo2uEShWpwoVmVuUKTKhEZKX"),
    ],
)
def test_a_saml_response_and_an_icelandic_key_by_their_field_are_redacted(chain, body, secret):
    # GIVEN a SAML response or an Icelandic "key" under its field  WHEN stored  THEN it is not
    out = stored_json(chain, body)
    assert secret not in out, out
