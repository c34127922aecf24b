"""A small HTTP client for the benchmarks: one keep-alive connection, cookies, CSRF, and the
citizen's and the clerk's paths through the real pages. Standard library only."""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

SUM = re.compile(r"Wie viel ist (\d+) plus (\d+)")
REFERENCE = re.compile(r"<strong>(20\d\d-\d{6,7}-[A-Z])</strong>")
TOKEN = re.compile(r"/verfolgen/([A-Za-z0-9_-]{20,})/")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Failed(Exception):
    """The server did not answer as a browser user would expect."""


@dataclass
class Answer:
    status: int
    location: str
    body: str


class Session:
    def __init__(self, host: str, port: int, timeout: float = 30.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def close(self) -> None:
        self.conn.close()

    def request(self, method: str, path: str, fields: dict[str, str] | None = None) -> Answer:
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "de"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            if "csrftoken" in self.cookies:
                fields = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **fields}
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A worker recycled (max_requests) closed the idle keep-alive connection.
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                if attempt:
                    raise
        data = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        location = urlsplit(response.headers.get("Location", "")).path
        return Answer(response.status, location, data)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, str]) -> Answer:
        return self.request("POST", path, fields)


def expect(answer: Answer, status: int, what: str) -> Answer:
    if answer.status != status:
        raise Failed(f"{what}: HTTP {answer.status}, expected {status}")
    return answer


@dataclass
class Submitted:
    reference: str
    token: str
    seconds: float


def submit_concern(session: Session, text: str, email: str) -> Submitted:
    """Form → review with the sum (the no-JavaScript spam check) → confirmation."""
    started = time.perf_counter()
    expect(session.get("/anliegen/neu/"), 200, "form")
    fields = {"text": text, "contact_name": "Bench Bürger", "contact_email": email, "privacy": "on"}
    answer = expect(session.post("/anliegen/neu/", fields), 302, "form post")
    review = expect(session.get(answer.location), 200, "review")
    found = SUM.search(review.body)
    if not found:
        raise Failed("review page without the sum")
    total = str(int(found.group(1)) + int(found.group(2)))
    done = session.post("/anliegen/pruefen/", {"math_answer": total, "altcha": ""})
    expect(done, 302, "review post")
    confirmation = expect(session.get(done.location), 200, "confirmation")
    reference, token = REFERENCE.search(confirmation.body), TOKEN.search(confirmation.body)
    if not reference or not token:
        raise Failed("confirmation without reference or tracking link")
    return Submitted(reference.group(1), token.group(1), time.perf_counter() - started)


def track_and_reply(session: Session, token: str, text: str) -> str:
    """Open the tracking link and write a message; returns the reference shown."""
    entry = expect(session.get(f"/verfolgen/{token}/"), 302, "tracking link")
    page = expect(session.get(entry.location), 200, "tracking page")
    reference = re.search(r"20\d\d-\d{6,7}-[A-Z]", page.body)
    expect(session.post("/verfolgen/nachricht/", {"body": text}), 302, "citizen reply")
    return reference.group(0) if reference else ""


def sign_in(session: Session, username: str, password: str) -> None:
    expect(session.get("/arbeitsplatz/anmelden/"), 200, "sign-in form")
    answer = session.post("/arbeitsplatz/anmelden/", {"username": username, "password": password})
    expect(answer, 302, "sign-in")
