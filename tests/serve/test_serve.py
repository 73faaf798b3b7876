"""`dhr serve` (spec section 9) against a real server on a loopback port.

Every test starts the built `dhr` binary itself (`--listen 127.0.0.1:0`; the
port is read from its `listening` log line) and compares the service's
answers with the `dhr` command's for the same input and options.
"""

from __future__ import annotations

import asyncio
import glob
import hashlib
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
DHR = os.environ.get("DHR_BIN") or str(
    Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "dhr"
)
FIX = ROOT / "tests" / "fixtures"
OPTION_NAMES = ("dardr_commenced", "susr_from", "due_soon_days")


class Server:
    """A `dhr serve` process on 127.0.0.1 and a port the kernel chose."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [DHR, "serve", "--listen", "127.0.0.1:0", *args],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            text=True,
        )
        assert self.proc.stderr is not None
        first = json.loads(self.proc.stderr.readline())
        assert first["event"] == "listening", first
        self.port = int(first["addr"].rsplit(":", 1)[1])
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        query: dict[str, Any] | list[tuple[str, str]] | None = None,
    ) -> tuple[int, Any, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        if query:
            path += "?" + urlencode(query)
        if isinstance(body, str):
            body = body.encode()
        hdrs = dict(headers or {})
        if body is not None and "Content-Type" not in hdrs:
            hdrs["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        ctype = resp.getheader("Content-Type") or ""
        value = json.loads(data) if data and "json" in ctype else data
        return resp.status, value, {k.lower(): v for k, v in resp.getheaders()}

    def post(self, path: str, doc: Any, **query: Any) -> tuple[int, Any]:
        body = doc if isinstance(doc, (str, bytes)) else json.dumps(doc)
        q = {k: v for k, v in query.items() if v is not None}
        status, value, _ = self.request("POST", path, body, query=q)
        return status, value

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=20)
        self._reader.join(timeout=5)
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        return code


@pytest.fixture(scope="module")
def server() -> Any:
    s = Server()
    yield s
    assert s.stop() == 0


def cli(args: list[str], text: str) -> tuple[int, Any]:
    """The `dhr` command's answer: (exit code, the JSON it printed)."""
    p = subprocess.run([DHR, *args, "-"], input=text, capture_output=True, text=True)
    out = p.stdout if p.returncode == 0 or "--jsonl" in args else p.stderr
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    return p.returncode, lines if "--jsonl" in args else lines[0]


def cli_options(opts: dict[str, Any]) -> list[str]:
    args: list[str] = []
    for name in OPTION_NAMES:
        if opts.get(name) is not None:
            args += ["--" + name.replace("_", "-"), str(opts[name])]
    return args


def text_of(fixture: dict[str, Any]) -> str:
    return fixture["input_text"] if "input_text" in fixture else json.dumps(fixture["input"])


def fixtures(kind: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for f in sorted(glob.glob(str(FIX / kind / "*.json"))):
        if f.endswith(".input.json"):
            continue
        out.append((Path(f).stem, json.loads(Path(f).read_text())))
    return out


def query_of(opts: dict[str, Any] | None) -> dict[str, Any]:
    opts = opts or {}
    return {k: opts[k] for k in ("as_of", *OPTION_NAMES) if opts.get(k) is not None}


# --- every endpoint with the golden fixtures equals the CLI ---------------


@pytest.mark.parametrize("name,fx", fixtures("assess") + fixtures("assess_errors"))
def test_assess_equals_the_cli(server: Server, name: str, fx: dict[str, Any]) -> None:
    text = text_of(fx)
    code, want = cli(["assess", *cli_options(fx.get("options") or {})], text)
    status, got = server.post("/v1/assess", text, **query_of(fx.get("options")))
    assert (status, got) == (200 if code == 0 else 400, want)
    if "expected" in fx:
        assert got == fx["expected"]
    else:
        assert (got["error"]["code"], got["error"]["path"]) == (
            fx["expected_error"]["code"],
            fx["expected_error"]["path"],
        )


def status_fixtures() -> list[tuple[str, dict[str, Any]]]:
    # A `rules` option has no query parameter: a review names its rule set
    # (test_rules_dir covers that fixture).
    return [
        (n, f)
        for n, f in fixtures("status") + fixtures("status_errors")
        if (f.get("options") or {}).get("rules") is None
    ]


@pytest.mark.parametrize("name,fx", status_fixtures())
def test_status_equals_the_cli(server: Server, name: str, fx: dict[str, Any]) -> None:
    text, opts = text_of(fx), fx["options"]
    code, want = cli(["status", "--as-of", opts["as_of"], *cli_options(opts)], text)
    status, got = server.post("/v1/status", text, **query_of(opts))
    assert (status, got) == (200 if code == 0 else 400, want)


def test_assess_batch_equals_the_cli_jsonl(server: Server) -> None:
    fxs = fixtures("assess") + fixtures("assess_errors")
    # One option set for the whole batch; items with their own are left out.
    items = [f for _, f in fxs if not any((f.get("options") or {}).values())]
    items = [f for f in items if "input_text" not in f]
    lines = "\n".join(json.dumps(f["input"]) for f in items)
    _, want = cli(["assess", "--jsonl"], lines)
    for w in want:
        if "error" in w:
            del w["error"]["line"]
    status, got = server.post("/v1/assess/batch", "[" + ",".join(json.dumps(f["input"]) for f in items) + "]")
    assert status == 200
    assert got == want
    assert sum("error" in g for g in got) > 5 and sum("error" not in g for g in got) > 20


def test_status_batch_equals_the_cli_per_review(server: Server) -> None:
    as_of = "2024-09-01"
    items = [f for _, f in status_fixtures() if "input_text" not in f]
    want = [cli(["status", "--as-of", as_of], json.dumps(f["input"]))[1] for f in items]
    status, got = server.post("/v1/status/batch", [f["input"] for f in items], as_of=as_of)
    assert status == 200
    assert got == want
    assert any("error" in g for g in got) and any("error" not in g for g in got)


def test_review_apply_appends_as_the_library_does(server: Server) -> None:
    fx = dict(fixtures("status"))["full_review_published_with_death"]
    review, as_of = fx["input"], fx["options"]["as_of"]
    events = review["events"]
    for k in (0, 3, len(events) - 1):
        head = {**review, "events": events[:k]}
        status, got = server.post("/v1/review/apply", {"review": head, "events": events[k:]}, as_of=as_of)
        assert status == 200
        _, want_status = cli(["status", "--as-of", as_of], json.dumps(review))
        assert got["status"] == want_status
        # The returned review is the whole log: its status is the same.
        status2, again = server.post("/v1/status", got["review"], as_of=as_of)
        assert (status2, again) == (200, want_status)
        assert len(got["review"]["events"]) == len(events)


def test_review_apply_refuses_with_the_combined_index(server: Server) -> None:
    fx = dict(fixtures("status_errors"))["role_not_allowed"]
    review, as_of = fx["input"], fx["options"]["as_of"]
    events = review["events"]
    _, want = cli(["status", "--as-of", as_of], json.dumps(review))
    status, got = server.post(
        "/v1/review/apply", {"review": {**review, "events": events[:1]}, "events": events[1:]}, as_of=as_of
    )
    assert (status, got) == (400, want)
    assert got["error"]["path"] == "events[1].by" and got["error"]["event_index"] == 1
    # The body's own shape.
    head = {**review, "events": events[:1]}
    assert server.post("/v1/review/apply", {"review": head}, as_of=as_of)[1]["error"]["path"] == "events"
    assert server.post("/v1/review/apply", [], as_of=as_of)[1]["error"]["code"] == "invalid_value"


def test_get_endpoints(server: Server) -> None:
    assert server.request("GET", "/v1/health")[:2] == (200, {"status": "ok"})
    status, engine, _ = server.request("GET", "/v1/engine")
    bank = json.loads((ROOT / "dhr-core/data/bank_holidays.json").read_text())["version"]
    cargo = (ROOT / "Cargo.toml").read_text()
    version = cargo.split('version = "', 1)[1].split('"', 1)[0]
    assert (status, engine) == (200, {"name": "dhr", "version": version, "bank_holidays": bank})
    status, rules, _ = server.request("GET", "/v1/rules")
    assert status == 200
    assert [r["id"] for r in rules] == ["stockton_2011", "guidance_2016", "proposed_2024"]
    assert len({r["sha256"] for r in rules}) == 3
    for r in rules:
        status, one, _ = server.request("GET", f"/v1/rules/{r['id']}")
        assert status == 200 and (one["id"], one["title"], one.get("source")) == (r["id"], r["title"], r["source"])
        # spec 8.3: SHA-256 of the set as written back, by RFC 8785 (for these
        # values, of strings and whole numbers only: sorted keys, no spaces).
        canonical = json.dumps(one, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert r["sha256"] == hashlib.sha256(canonical.encode()).hexdigest()
        # The object gives the same status as the id.
        fx = dict(fixtures("status"))["full_review_submitted"]
        by_id = {**fx["input"], "rules": r["id"]}
        by_obj = {**fx["input"], "rules": one}
        a = server.post("/v1/status", by_id, as_of="2024-09-01")[1]
        b = server.post("/v1/status", by_obj, as_of="2024-09-01")[1]
        assert a["deadlines"] == b["deadlines"]
    for name in ("death", "review", "rule_set", "assessment", "status", "error"):
        status, schema, _ = server.request("GET", f"/v1/schema/{name}")
        assert (status, schema) == (200, json.loads((ROOT / "dhr-core/data/schema" / f"{name}.json").read_text()))
    status, doc, _ = server.request("GET", "/openapi.json")
    assert status == 200 and doc["openapi"] == "3.1.0"


def test_openapi_is_valid_and_describes_every_route(server: Server) -> None:
    from openapi_spec_validator import validate

    _, doc, _ = server.request("GET", "/openapi.json")
    validate(doc)
    assert set(doc["paths"]) == {
        "/v1/health", "/v1/engine", "/v1/rules", "/v1/rules/{id}", "/v1/schema/{name}",
        "/openapi.json", "/v1/assess", "/v1/assess/batch", "/v1/status", "/v1/status/batch",
        "/v1/review/apply",
    }
    assert set(doc["components"]["schemas"]) >= {"death", "review", "rule_set", "assessment", "status", "error"}


# --- every error status of spec 9 ------------------------------------------

DEATH = json.dumps(fixtures("assess")[0][1]["input"])


def err(resp: tuple[int, Any] | tuple[int, Any, dict[str, str]]) -> tuple[int, str, str]:
    status, body = resp[0], resp[1]
    return status, body["error"]["code"], body["error"]["path"]


def test_error_statuses(server: Server) -> None:
    cases: list[tuple[tuple[int, str, str], Any]] = [
        ((400, "invalid_json", ""), server.post("/v1/assess", "{")),
        ((400, "duplicate_field", "manner"), server.post("/v1/assess", DEATH[:-1] + ', "manner": "suicide"}')),
        ((400, "invalid_json", ""), server.post("/v1/assess", b"\xff\xfe")),
        ((400, "invalid_value", ""), server.post("/v1/assess/batch", DEATH)),
        ((400, "invalid_value", ""), server.post("/v1/status/batch", "{}", as_of="2024-01-01")),
        ((400, "invalid_date", "as_of"), server.post("/v1/status", "{}", as_of="2024-02-30")),
        ((400, "usage", "as_of"), server.post("/v1/status", "{}")),
        ((400, "usage", "as_of"), server.post("/v1/review/apply", "{}")),
        ((400, "invalid_date", "susr_from"), server.post("/v1/assess", DEATH, susr_from="soon")),
        ((400, "invalid_date", "dardr_commenced"), server.post("/v1/assess", DEATH, dardr_commenced="2026-13-01")),
        # An option that does not apply is checked, then unused.
        ((400, "usage", "due_soon_days"), server.post("/v1/assess", DEATH, due_soon_days="-3")),
        ((400, "usage", "rules"), server.post("/v1/assess", DEATH, rules="stockton_2011")),
        ((400, "usage", "as_of"), server.request("POST", "/v1/status", "{}", query=[("as_of", "2024-01-01")] * 2)),
        ((400, "usage", "verbose"), server.request("GET", "/v1/health", query={"verbose": "1"})),
        ((400, "unknown_rule_set", "rules"), server.post("/v1/status", {"schema_version": 1, "rules": "nope", "events": []}, as_of="2024-01-01")),
        ((404, "not_found", ""), server.request("GET", "/v1/nope")),
        ((404, "not_found", ""), server.request("GET", "/")),
        ((404, "not_found", ""), server.request("GET", "/v1/schema/deaths")),
        ((404, "unknown_rule_set", ""), server.request("GET", "/v1/rules/nope")),
        ((405, "method_not_allowed", ""), server.request("GET", "/v1/assess")),
        ((405, "method_not_allowed", ""), server.request("DELETE", "/v1/health")),
        ((415, "unsupported_media_type", ""), server.request("POST", "/v1/assess", DEATH, headers={"Content-Type": "text/plain"})),
        ((415, "unsupported_media_type", ""), server.request("POST", "/v1/assess", DEATH, headers={"Content-Type": ""})),
    ]
    for want, got in cases:
        assert err(got) == want, (want, got)
    # A charset parameter is fine.
    assert server.request("POST", "/v1/assess", DEATH, headers={"Content-Type": "application/json; charset=utf-8"})[0] == 200


def test_batch_of_10001_is_too_large_and_10000_is_not(server: Server) -> None:
    one = json.loads(DEATH)
    assert err(server.post("/v1/assess/batch", [one] * 10001)) == (413, "payload_too_large", "")
    status, got = server.post("/v1/assess/batch", [one] * 10000)
    assert status == 200 and len(got) == 10000
    review = {"schema_version": 1, "rules": "stockton_2011", "events": []}
    assert err(server.post("/v1/status/batch", [review] * 10001, as_of="2024-01-01")) == (413, "payload_too_large", "")


def test_body_over_max_body() -> None:
    s = Server("--max-body", "1000")
    try:
        assert s.post("/v1/assess", DEATH)[0] == 200
        big = DEATH[:-1] + ', "extensions": {"pad": "' + "x" * 2000 + '"}}'
        assert err(s.post("/v1/assess", big)) == (413, "payload_too_large", "")
        # Without a Content-Length (chunked), the limit still holds.
        conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
        conn.request("POST", "/v1/assess", body=iter([big.encode()[:600], big.encode()[600:]]),
                     headers={"Content-Type": "application/json"}, encode_chunked=True)
        resp = conn.getresponse()
        assert resp.status == 413 and json.loads(resp.read())["error"]["code"] == "payload_too_large"
        conn.close()
        assert s.request("GET", "/v1/health")[0] == 200
    finally:
        assert s.stop() == 0


# --- the token, the start-up rules -----------------------------------------


def start_fails(*args: str) -> dict[str, Any]:
    p = subprocess.run([DHR, "serve", *args], capture_output=True, text=True, timeout=20)
    assert p.returncode == 2, p
    return json.loads(p.stderr.strip().splitlines()[-1])["error"]


def test_token() -> None:
    with tempfile.TemporaryDirectory() as d:
        tok = Path(d, "token")
        tok.write_text("  s3cret-token\n")
        s = Server("--token-file", str(tok))
        try:
            assert s.request("GET", "/v1/health")[0] == 200
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret-token"},
                            {"Authorization": "Bearer s3cret-toke"}, {"Authorization": "Basic s3cret-token"}):
                status, body, h = s.request("GET", "/v1/engine", headers=headers)
                assert (status, body["error"]["code"]) == (401, "unauthorized"), headers
                assert h["www-authenticate"] == "Bearer"
            good = {"Authorization": "Bearer s3cret-token"}
            assert s.request("GET", "/v1/engine", headers=good)[0] == 200
            assert s.request("GET", "/openapi.json")[0] == 401
            assert s.request("POST", "/v1/assess", DEATH, headers={**good, "Content-Type": "application/json"})[0] == 200
            assert s.request("GET", "/v1/nope")[0] == 401
        finally:
            assert s.stop() == 0
        assert not any("s3cret" in line for line in s.log)
        # An empty token file stops the start.
        tok.write_text(" \n\t")
        assert (start_fails("--listen", "127.0.0.1:0", "--token-file", str(tok))["path"]) == "--token-file"
        assert start_fails("--listen", "127.0.0.1:0", "--token-file", str(Path(d, "absent")))["path"] == "--token-file"
    # Not loopback without a token: refused.
    e = start_fails("--listen", "0.0.0.0:0")
    assert (e["code"], e["path"]) == ("usage", "--listen")
    assert start_fails("--listen", "localhost")["path"] == "--listen"
    assert start_fails("--max-body", "lots")["path"] == "--max-body"


def test_rules_dir() -> None:
    fx = dict(fixtures("status"))["custom_rules_option"]
    opts = fx["options"]
    with tempfile.TemporaryDirectory() as d:
        Path(d, "council.json").write_text(json.dumps(opts["rules"]))
        Path(d, "notes.txt").write_text("not a rule set")
        s = Server("--rules-dir", d)
        try:
            status, rules, _ = s.request("GET", "/v1/rules")
            assert [r["id"] for r in rules][-1] == opts["rules"]["id"]
            review = {**fx["input"], "rules": opts["rules"]["id"]}
            status, got = s.post("/v1/status", review, as_of=opts["as_of"])
            rules_file = Path(d, "council.json")
            _, want = cli(["status", "--as-of", opts["as_of"], "--rules", str(rules_file)], json.dumps(fx["input"]))
            assert (status, got["deadlines"]) == (200, want["deadlines"])
            assert s.request("GET", "/v1/rules/" + opts["rules"]["id"])[1] == s.request("GET", "/v1/rules/" + opts["rules"]["id"])[1]
        finally:
            assert s.stop() == 0
        # A set that reuses a built-in id, or is invalid, stops the start.
        Path(d, "clash.json").write_text(json.dumps({**opts["rules"], "id": "stockton_2011"}))
        e = start_fails("--listen", "127.0.0.1:0", "--rules-dir", d)
        assert (e["code"], e["path"]) == ("invalid_rule_set", "id") and "clash.json" in e["message"]
        Path(d, "clash.json").write_text('{"id": "x"}')
        e = start_fails("--listen", "127.0.0.1:0", "--rules-dir", d)
        assert e["code"] == "invalid_rule_set" and e["message"].startswith("clash.json: ")
    e = start_fails("--listen", "127.0.0.1:0", "--rules-dir", "/nonexistent-dir")
    assert (e["code"], e["path"]) == ("usage", "--rules-dir")


# --- logs, panics ------------------------------------------------------------


def test_log_lines_never_hold_a_body_query_or_token(server: Server) -> None:
    n = len(server.log)
    marker = "Zephyrine-Quux"
    body = DEATH[:-1] + f', "reference": "{marker}"' + "}"
    server.post("/v1/assess", body, susr_from="2024-10-01")
    server.request("GET", f"/v1/rules/{marker}", headers={"Authorization": f"Bearer {marker}"})
    time.sleep(0.2)
    lines = [json.loads(line) for line in server.log[n:]]
    assert lines and all(set(l) == {"time", "method", "route", "status", "duration_ms", "bytes"} for l in lines)
    assert lines[0]["route"] == "/v1/assess" and lines[1]["route"] == "/v1/rules/{id}"
    assert not any(marker in line or "susr_from" in line for line in server.log[n:])


def test_a_panic_is_a_500_and_the_service_keeps_serving() -> None:
    s = Server(env={"DHR_SERVE_TEST_PANIC": "1"})
    try:
        for _ in range(3):
            assert err(s.post("/v1/_test/panic", '{"secret": "Zephyrine"}')) == (500, "internal_error", "")
            assert s.request("GET", "/v1/health")[0] == 200
        assert s.post("/v1/assess", DEATH)[0] == 200
    finally:
        assert s.stop() == 0
    assert any('"event":"panic"' in line for line in s.log)
    assert not any("Zephyrine" in line or "the test route panics" in line for line in s.log)
    # Without the variable, the route does not exist.
    s = Server()
    try:
        assert s.post("/v1/_test/panic", "{}")[0] == 404
    finally:
        s.stop()


# --- faults, on loopback, bounded -------------------------------------------


def test_a_slow_client_does_not_delay_others() -> None:
    s = Server()
    try:
        slow = socket.create_connection(("127.0.0.1", s.port))
        head = (f"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(DEATH)}\r\n\r\n").encode()
        slow.sendall(head)
        slow_headers = socket.create_connection(("127.0.0.1", s.port))
        slow_headers.sendall(b"GET /v1/hea")
        sent, start = 0, time.monotonic()
        worst = 0.0
        while time.monotonic() - start < 5:
            slow.sendall(DEATH[sent:sent + 1].encode())
            sent += 1
            t = time.monotonic()
            for _ in range(5):
                assert s.post("/v1/assess", DEATH)[0] == 200
            worst = max(worst, time.monotonic() - t)
            time.sleep(max(0.0, start + sent - time.monotonic()))
        # Five answers in well under the slow client's one byte a second.
        assert worst < 1.0, worst
        slow.close()
        slow_headers.close()
    finally:
        assert s.stop() == 0


def test_1000_concurrent_connections_are_served_or_refused_cleanly() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    s = Server()  # inherits the raised limit
    try:
        async def one(i: int) -> str:
            try:
                r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", s.port), 20)
            except (ConnectionError, OSError, asyncio.TimeoutError):
                return "refused"
            try:
                await asyncio.sleep(0.5)  # all open at once
                w.write(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                await w.drain()
                data = await asyncio.wait_for(r.read(), 30)
                return "200" if data.startswith(b"HTTP/1.1 200") and b'{"status":"ok"}' in data else "bad:" + data[:40].decode()
            except (ConnectionError, OSError):
                return "refused"
            finally:
                w.close()

        async def main() -> list[str]:
            return await asyncio.gather(*(one(i) for i in range(1000)))

        results = asyncio.run(main())
        assert set(results) <= {"200", "refused"}, [r for r in results if r.startswith("bad")][:3]
        assert results.count("200") >= 900
        assert s.request("GET", "/v1/health")[0] == 200
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        assert s.stop() == 0


def test_sigterm_during_a_batch_finishes_it() -> None:
    s = Server()
    fx = dict(fixtures("status"))["full_review_published_with_death"]
    body = json.dumps([fx["input"]] * 600).encode()
    result: dict[str, Any] = {}

    def send() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=60)
        conn.request("POST", "/v1/status/batch?as_of=2025-06-01", body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        result["status"], result["body"] = resp.status, json.loads(resp.read())

    t = threading.Thread(target=send)
    t.start()
    # Wait until the batch is being worked on (its body sent), then SIGTERM.
    time.sleep(0.3)
    s.proc.send_signal(signal.SIGTERM)
    time.sleep(0.1)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
    t.join(timeout=30)
    s.stop()
    assert result["status"] == 200 and len(result["body"]) == 600
    assert all("error" not in r for r in result["body"])
    assert s.proc.wait(timeout=15) == 0
    assert s.log[-1].find('"stopped"') > 0 and any('"stopping"' in line for line in s.log)
    # The batch was still in flight when the signal came.
    done = [json.loads(line) for line in s.log if '"route":"/v1/status/batch"' in line]
    assert done and done[0]["status"] == 200


def test_a_request_not_received_within_30_s_is_answered_408_or_closed() -> None:
    s = Server()
    try:
        body = socket.create_connection(("127.0.0.1", s.port))
        body.sendall(b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{")
        head = socket.create_connection(("127.0.0.1", s.port))
        head.sendall(b"GET /v1/heal")
        start = time.monotonic()
        for sock in (body, head):
            sock.settimeout(40)
            got = b""
            try:
                while chunk := sock.recv(4096):
                    got += chunk
                    if b"\r\n\r\n" in got:
                        break
            except ConnectionResetError:
                pass
            sock.close()
            assert got == b"" or got.startswith(b"HTTP/1.1 408"), got[:60]
        assert 29 <= time.monotonic() - start < 36
        assert s.request("GET", "/v1/health")[0] == 200
    finally:
        assert s.stop() == 0
