"""Simulated browser sessions against the example course-search API.

Each session is one visitor: a session ID from ``crypto.randomUUID()`` (as the browser
snippet makes it) sent as ``X-Session-Id``, one browser's user agent, a few searches,
course pages (sometimes one that does not exist), now and then the flaky
recommendations endpoint, and often a sign-up with an e-mail address. Some calls carry
what real browsers and clients send and must never reach the lake: a cookie, a bearer
token, an e-mail address in the query string.
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
)
SEARCHES = ("sql", "python data", "aws", "beginner", "javascript", "pulumi", "privacy", "dynamodb", "statistics", "s3")
FIRST_NAMES = ("ana", "ben", "chloe", "dev", "emma", "farid", "grace", "hiro", "ines", "jonas", "kemi", "liam")
COURSE_IDS = tuple(range(1, 13))
MISSING_COURSE_IDS = (99, 404, 1234)


@dataclass
class Call:
    method: str
    path: str
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class SessionPlan:
    session_id: str
    user_agent: str
    calls: list[Call]
    email: str | None = None

    @property
    def has_signup(self) -> bool:
        return any(c.path == "/signup" for c in self.calls)


@dataclass
class TrafficResult:
    sessions: list[SessionPlan]
    statuses: Counter
    requests: int
    seconds: float
    #: Strings sent that must never be stored (e-mails, tokens, cookie values).
    secrets: set[str]
    errors: list[str] = field(default_factory=list)

    def featured(self) -> SessionPlan:
        """A session worth showing: a sign-up and a page that was not found, if any."""
        def score(plan: SessionPlan) -> tuple:
            paths = [c.path for c in plan.calls]
            return (plan.has_signup, any(p.rsplit("/", 1)[-1] in map(str, MISSING_COURSE_IDS) for p in paths), len(paths))

        return max(self.sessions, key=score)


def plan_sessions(count: int, seed: int | None = None) -> list[SessionPlan]:
    """``count`` visitors' journeys (``seed`` makes them repeatable)."""
    rng = random.Random(seed)
    plans = []
    for n in range(count):
        session_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        user_agent = rng.choice(USER_AGENTS)
        calls: list[Call] = []
        for _ in range(rng.randint(1, 3)):
            calls.append(Call("GET", f"/courses?q={urllib.request.quote(rng.choice(SEARCHES))}"))
            for _ in range(rng.randint(1, 2)):
                calls.append(Call("GET", f"/courses/{rng.choice(COURSE_IDS)}"))
        if rng.random() < 0.25:
            calls.append(Call("GET", f"/courses/{rng.choice(MISSING_COURSE_IDS)}"))
        if rng.random() < 0.3:
            calls.append(Call("GET", "/recommendations"))
        email = None
        if rng.random() < 0.6:
            email = f"{rng.choice(FIRST_NAMES)}.{n}@example.com"
            course = rng.choice(COURSE_IDS)
            if rng.random() < 0.15:
                calls.append(Call("POST", "/signup", {"email": email.replace("@", " at "), "course_id": course}))
            calls.append(Call("POST", "/signup", {"email": email, "course_id": course}))
        if rng.random() < 0.2:
            # A marketing link that leaks the address into the URL, as they do.
            address = email or f"{rng.choice(FIRST_NAMES)}.{n}@example.org"
            calls.append(Call("GET", f"/courses?q=sql&utm_source=newsletter&email={urllib.request.quote(address)}"))
        token = f"tok_{rng.getrandbits(96):024x}"
        cookie = f"sid={rng.getrandbits(96):024x}"
        for call in calls:
            call.headers = {"Cookie": cookie}
            if call.method == "POST":
                call.headers["Authorization"] = f"Bearer {token}"
        plans.append(SessionPlan(session_id, user_agent, calls, email))
    return plans


def secrets_of(plans: list[SessionPlan]) -> set[str]:
    found: set[str] = set()
    for plan in plans:
        if plan.email:
            found.add(plan.email)
        for call in plan.calls:
            for value in call.headers.values():
                found.add(value.split(" ", 1)[-1].split("=", 1)[-1])
    return found


def _send(base_url: str, plan: SessionPlan, call: Call, timeout: float) -> int:
    data = json.dumps(call.body).encode() if call.body is not None else None
    headers = {"User-Agent": plan.user_agent, "X-Session-Id": plan.session_id, "Accept": "application/json",
               "Accept-Language": "en-GB,en;q=0.9", **call.headers}
    if data is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base_url + call.path, data=data, method=call.method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code


def drive(base_url: str, plans: list[SessionPlan], *, concurrency: int = 8, think_time: tuple[float, float] = (0.005, 0.04),
          timeout: float = 10.0, seed: int | None = None) -> TrafficResult:
    """Run every session's calls in order, sessions in parallel, with a short think time."""
    statuses: Counter = Counter()
    errors: list[str] = []
    lock = threading.Lock()
    rng = random.Random(seed)
    pauses = {id(c): rng.uniform(*think_time) for p in plans for c in p.calls}

    def visit(plan: SessionPlan) -> None:
        for call in plan.calls:
            try:
                status = _send(base_url, plan, call, timeout)
                with lock:
                    statuses[status] += 1
            except (OSError, urllib.error.URLError) as exc:
                with lock:
                    errors.append(f"{call.method} {call.path}: {exc}")
            time.sleep(pauses[id(call)])

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="visitor") as pool:
        list(pool.map(visit, plans))
    return TrafficResult(
        sessions=plans, statuses=statuses, requests=sum(statuses.values()) + len(errors),
        seconds=time.perf_counter() - started, secrets=secrets_of(plans), errors=errors,
    )
