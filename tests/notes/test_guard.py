"""Request checks: the Host the service serves, the Origin of every POST, the content type,
slow clients and the open-files limit."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from carddeck.notes import guard, serve as service
from carddeck.notes.web import create_app

from conftest import browser, serve
from notes_helpers import csrf_of, post_note, stored

CARD = "/c/fase-1-opnaa"


@pytest.fixture
def guarded(deck, store):
    app = create_app(serve(deck, store))
    guard.allow_hosts(app, guard.served_hosts(["http://10.42.0.1:8765"], "0.0.0.0"), "da")
    return app


def test_a_request_for_another_host_is_refused(guarded):
    reply = browser(guarded).get(CARD, headers={"host": "rebound.evil.example"})
    assert reply.status_code == 400
    assert "<h1>Forkert adresse</h1>" in reply.text
    assert "<p>Siden blev åbnet under et navn, som notetjenesten ikke bruger. Scan kortets QR-kode igen.</p>" in reply.text
    assert reply.headers["x-content-type-options"] == "nosniff"  # the refusal still has the security headers


@pytest.mark.parametrize("host", ["10.42.0.1:8765", "localhost:8765", "127.0.0.1", "[::1]:8765"])
def test_the_served_hosts_pass(guarded, host):
    assert browser(guarded).get(CARD, headers={"host": host}).status_code == 200


def test_served_hosts_include_the_printed_url_and_this_computer():
    hosts = guard.served_hosts(["https://samskab.example.dk/hedensted"], "0.0.0.0")
    assert {"samskab.example.dk", "localhost", "127.0.0.1", "::1", service.lan_address()} <= hosts
    assert "rebound.evil.example" not in hosts


def _form(client):
    page = client.get(CARD)
    return {"csrf": csrf_of(page.text), "text": "Fra en anden side", "by": ""}


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"referer": "http://evil.example/form.html"},
])
def test_a_form_from_another_site_is_refused(client, store, headers):
    reply = client.post(CARD, data=_form(client), headers=headers)
    assert reply.status_code == 403
    assert "<h1>Formularen kom fra en anden side</h1>" in reply.text
    assert ("<p>Noten blev ikke gemt, fordi formularen ikke blev sendt fra notetjenestens egen side. "
            "Scan kortets QR-kode igen.</p>") in reply.text
    assert stored(store) == []


def test_a_form_from_the_service_itself_is_stored(client, store):
    reply = client.post(CARD, data=_form(client), headers={"origin": "http://testserver"})
    assert reply.status_code == 303
    assert [n.text for n in stored(store)] == ["Fra en anden side"]


def test_a_form_behind_a_proxy_that_passes_another_host(guarded, store):
    client = browser(guarded)
    client.headers["host"] = "127.0.0.1:8765"  # what a proxy without `Host $host` passes on
    reply = client.post(CARD, data=_form(client), headers={"origin": "http://10.42.0.1:8765"})
    assert reply.status_code == 303


def test_a_wrong_content_type_gets_415_and_says_why(client, store):
    form = _form(client)
    reply = client.post(CARD, json=form)
    assert reply.status_code == 415
    assert "<h1>Forkert slags data</h1>" in reply.text
    assert ("<p>Notetjenesten tager kun imod sine egne formularer (application/x-www-form-urlencoded). "
            "Skriv noten på kortets side.</p>") in reply.text
    assert stored(store) == []
    assert post_note(client, CARD, "Som formular").status_code == 303


def test_the_referrer_stays_on_the_site(client):
    # no-referrer would make browsers send "Origin: null" with every form (and so fail the check)
    assert client.get(CARD).headers["referrer-policy"] == "same-origin"


def test_slow_headers_are_cut_off(deck, store, monkeypatch):
    monkeypatch.setattr(guard, "HEADER_TIMEOUT", 0.5)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = service.make_server(create_app(serve(deck, store)), "127.0.0.1", port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            try:
                slow = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                time.sleep(0.05)
        with slow:
            slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and then nothing more
            slow.settimeout(10)
            assert slow.recv(100) == b""  # closed by the service, long before the 10 s here
        with socket.create_connection(("127.0.0.1", port), timeout=10) as quick:  # others are served
            quick.sendall(f"GET {CARD} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            assert quick.recv(12) == b"HTTP/1.1 200"
    finally:
        server._server.should_exit = True
        thread.join(10)
        server.close()


def test_the_open_files_limit_is_raised_to_the_hard_limit(monkeypatch):
    import resource

    limits = {"now": (256, 4096)}
    monkeypatch.setattr(resource, "getrlimit", lambda which: limits["now"])
    monkeypatch.setattr(resource, "setrlimit", lambda which, value: limits.__setitem__("now", value))
    assert guard.raise_open_files(300) is None
    assert limits["now"] == (4096, 4096)


def test_too_low_an_open_files_limit_is_a_warning(monkeypatch):
    import resource

    monkeypatch.setattr(resource, "getrlimit", lambda which: (256, 256))
    assert guard.raise_open_files(300) == ("this computer lets the service open only 256 files, enough for about "
                                           "96 phones at once; raise the limit (ulimit -n 664) before serve")
