"""The ``enrich`` transform: lag, user agent, route template, status class, day."""

from __future__ import annotations

import pytest

from droplets import contract
from tests.cases import cases
from transforms import ConfigError
from transforms.builtin.enrich import route_template
from transforms.testing import chain, make_record, run_chain, run_transform, stored

CASES = cases("test_enrich")  # tests/transform_cases.toml

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)


def enrichment(record, options=None):
    return run_transform("enrich", record, options)["enrichment"]


def with_user_agent(value):
    record = make_record()
    record["request"]["headers"] = {"accept": "*/*"} if value is ... else {"user-agent": value}
    return record


def test_lag_is_received_at_minus_occurred_at_in_milliseconds():
    # GIVEN a call that happened 1.5 s before the pipeline received it
    record = make_record(occurred_at="2026-11-26T03:41:05.481Z")
    # WHEN enrich runs in a chain that received it at a known time
    result = stored(chain(["enrich"]).run_record(record, received_at="2026-11-26T03:41:06.981Z"))
    # THEN the lag is 1500 ms
    assert result.record["enrichment"]["lag_ms"] == 1500


def test_a_producer_clock_ahead_of_the_pipeline_gives_a_negative_lag():
    record = make_record(occurred_at="2026-11-26T03:41:05.481Z")
    result = stored(chain(["enrich"]).run_record(record, received_at="2026-11-26T03:41:05.000Z"))
    assert result.record["enrichment"]["lag_ms"] == -481


@pytest.mark.parametrize(
    ("ua", "expected"),
    [
        (CHROME_WINDOWS, {"browser": "Chrome", "browser_major": "126", "os": "Windows", "device": "Other", "is_bot": False}),
        (SAFARI_IPHONE, {"browser": "Mobile Safari", "browser_major": "17", "os": "iOS", "device": "iPhone", "is_bot": False}),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
         {"browser": "Googlebot", "browser_major": "2", "os": "Other", "device": "Spider", "is_bot": True}),
        ("curl/8.5.0", {"browser": "curl", "browser_major": "8", "os": "Other", "device": "Other", "is_bot": True}),
        ("python-requests/2.32.3",
         {"browser": "Python Requests", "browser_major": "2", "os": "Other", "device": "Other", "is_bot": True}),
        ("okhttp/4.12.0", {"browser": "okhttp", "browser_major": "4", "os": "Other", "device": "Other", "is_bot": False}),
    ],
)
def test_user_agent_is_parsed_into_browser_os_device_and_bot_flag(ua, expected):
    assert enrichment(with_user_agent(ua))["user_agent"] == expected


@pytest.mark.parametrize("ua", CASES["automation_is_flagged_as_bot"])
def test_automation_is_flagged_as_bot(ua):
    assert enrichment(with_user_agent(ua))["user_agent"]["is_bot"] is True


@pytest.mark.parametrize("value", [..., None, "", "   ", [], [None, 7], 42, {"ua": "x"}])
def test_a_missing_or_wrong_typed_user_agent_gives_null(value):
    # GIVEN no usable user-agent header (numbers and objects fail the schema, so they are
    # set after validation, as an earlier transform might)
    built = chain(["enrich"])
    (_, enrich), = built.steps
    record = built.prepare(with_user_agent(None))
    record["request"]["headers"] = with_user_agent(value)["request"]["headers"]
    # WHEN enrich runs  THEN user_agent is null and nothing breaks
    out = enrich(record)["enrichment"]
    assert out["user_agent"] is None
    assert out["status_class"] == "2xx"


def test_a_list_valued_or_capitalised_user_agent_header_is_read():
    record = make_record()
    record["request"]["headers"] = {"User-Agent": [None, CHROME_WINDOWS]}
    assert enrichment(record)["user_agent"]["browser"] == "Chrome"


def test_a_huge_user_agent_is_parsed_from_its_start():
    # GIVEN a hostile 1 MiB user agent  WHEN enrich runs  THEN it is parsed from its start
    out = enrichment(with_user_agent(CHROME_WINDOWS + " x" * (1 << 19)))
    assert out["user_agent"]["browser"] == "Chrome"


def test_user_agents_are_parsed_once_and_each_record_gets_its_own_copy():
    # GIVEN one enrich transform (one Lambda container) and two records with the same agent
    built = chain(["enrich"])
    (_, enrich), = built.steps
    first = enrich(built.prepare(with_user_agent(SAFARI_IPHONE)))
    second = enrich(built.prepare(with_user_agent(SAFARI_IPHONE)))
    # THEN the second parse came from the cache
    info = enrich.user_agent.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    # AND changing one record's enrichment does not change the other's
    first["enrichment"]["user_agent"]["browser"] = "changed"
    assert second["enrichment"]["user_agent"]["browser"] == "Mobile Safari"


@pytest.mark.parametrize(("path", "template"), CASES["route_template"])
def test_route_template(path, template):
    assert route_template(path) == template


def test_route_is_derived_only_when_the_producer_sent_none():
    # GIVEN one record without a route and one with
    without = enrichment(make_record(request={"path": "/courses/42", "route": None}))
    missing = make_record()
    del missing["request"]["route"]
    with_route = enrichment(make_record(request={"path": "/courses/42", "route": "/courses/:courseId"}))
    # THEN only the first two get a derived route
    assert without["route"] == "/courses/:id"
    assert enrichment(missing)["route"] == "/courses/:id"
    assert "route" not in with_route


def test_the_index_uses_the_derived_route():
    # GIVEN a stored record whose producer sent no route
    result = stored(run_chain(make_record(request={"path": "/courses/42", "route": None})))
    # THEN the contract's effective route, and so the index item, is the template
    assert contract.effective_route(result.record) == "/courses/:id"
    assert contract.index_item(result.record, result.key, 100, shards=1)["route"] == "/courses/:id"


def test_a_huge_path_gives_a_route_no_longer_than_the_schema_allows():
    out = enrichment(make_record(request={"path": "/a" * 4000, "route": None}))
    assert len(out["route"]) == 1024


@pytest.mark.parametrize(("status", "cls"), [(200, "2xx"), (201, "2xx"), (302, "3xx"), (404, "4xx"), (503, "5xx"), (0, None)])
def test_status_class(status, cls):
    assert enrichment(make_record(response={"status": status}))["status_class"] == cls


def test_day_is_the_utc_day_of_the_call():
    assert enrichment(make_record(occurred_at="2026-12-31T23:59:59.999Z"))["day"] == "2026-12-31"


def test_enrichment_added_by_an_earlier_transform_is_kept():
    record = make_record()
    record["enrichment"] = {"country": "FR"}
    out = enrichment(record)
    assert out["country"] == "FR"
    assert out["status_class"] == "2xx"


@pytest.mark.parametrize(
    ("options", "named"),
    [({"ua_cache_size": -1}, "ua_cache_size"), ({"ua_cache_size": "big"}, "ua_cache_size"),
     ({"ua_cache_size": True}, "ua_cache_size"), ({"cache": 10}, "cache")],
)
def test_bad_options_are_a_config_error_naming_the_option(options, named):
    with pytest.raises(ConfigError) as info:
        chain(["enrich"], {"enrich": options})
    assert "transform 'enrich'" in str(info.value)
    assert repr(named) in str(info.value)


def test_the_cache_can_be_turned_off():
    assert enrichment(with_user_agent(CHROME_WINDOWS), {"ua_cache_size": 0})["user_agent"]["browser"] == "Chrome"


def test_after_pii_the_route_template_holds_no_personal_data():
    # GIVEN a path with an e-mail and no producer route
    record = make_record(request={"path": "/users/alice@example.com/orders/17", "route": None})
    # WHEN the default chain runs
    result = stored(run_chain(record))
    # THEN the derived route is a template with the pii placeholder
    assert result.record["enrichment"]["route"] == "/users/:email/orders/:id"
