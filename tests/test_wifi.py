"""The Wi-Fi join code: parsing --wifi, the deck's wifi: setting and the WIFI: payload's escaping."""

from __future__ import annotations

import pytest

from carddeck.cli import main
from carddeck.errors import DeckError
from carddeck.load import load_deck
from carddeck.wifi import Wifi, escape, parse
from kitutil import DECK_YAML, PHASE_CARD


def test_payload_is_the_standard_wpa_format():
    assert Wifi("Workshop", "hemmelig123").payload == "WIFI:T:WPA;S:Workshop;P:hemmelig123;;"


def test_every_special_character_is_escaped_with_a_backslash():
    assert escape('a\\b;c,d:e"f') == 'a\\\\b\\;c\\,d\\:e\\"f'
    assert Wifi('Net;1', 'pa:ss,wo"rd\\').payload == 'WIFI:T:WPA;S:Net\\;1;P:pa\\:ss\\,wo\\"rd\\\\;;'


def test_danish_letters_are_kept_as_they_are():
    assert Wifi("Rådhuset Æ/Ø", "blåbærgrød").payload == "WIFI:T:WPA;S:Rådhuset Æ/Ø;P:blåbærgrød;;"


def test_parse_splits_at_the_first_colon():
    assert parse("Samskab:pass:word 1") == Wifi("Samskab", "pass:word 1")


def test_parse_takes_an_escaped_colon_into_the_name():
    assert parse("Net\\:work:password") == Wifi("Net:work", "password")


@pytest.mark.parametrize("text, message", [
    ("Samskab", "expected NAME:PASSWORD, received 'Samskab'"),
    (":password", "the Wi-Fi network name is empty"),
    ("Net:short", "a WPA Wi-Fi password has 8 to 63 characters; received 5"),
    ("Net:" + "x" * 64, "a WPA Wi-Fi password has 8 to 63 characters; received 64"),
    ("æ" * 17 + ":password", f"the Wi-Fi network name {'æ' * 17!r} is longer than 32 bytes"),
])
def test_parse_refuses_with_the_reason(text, message):
    with pytest.raises(ValueError) as exc:
        parse(text)
    assert str(exc.value) == message


def test_build_option_error_is_said_once_without_traceback(capsys, make_deck, tmp_path):
    folder = make_deck({"phases.yaml": PHASE_CARD})
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--wifi", "Net:short"]) == 1
    out, err = capsys.readouterr()
    assert err == "Error: --wifi: a WPA Wi-Fi password has 8 to 63 characters; received 5\n"
    assert not (tmp_path / "out").exists()


def test_deck_yaml_wifi_setting(make_deck):
    folder = make_deck({"phases.yaml": PHASE_CARD}, deck_yaml=DECK_YAML + "wifi:\n  ssid: Samskab\n  password: ' to mellemrum '\n")
    setting = load_deck(folder).settings.wifi
    assert (setting.ssid, setting.password) == ("Samskab", " to mellemrum ")  # a password keeps its spaces


def test_deck_yaml_wifi_mistakes_are_located(make_deck):
    folder = make_deck({"phases.yaml": PHASE_CARD}, deck_yaml=DECK_YAML + "wifi:\n  ssid: ''\n  password: kort\n")
    with pytest.raises(DeckError) as exc:
        load_deck(folder)
    lines = [f"{p.line}: {p.key}: {p.message}" for p in exc.value.problems]
    assert lines == [
        "16: wifi.ssid: the Wi-Fi network name is empty",
        "17: wifi.password: a WPA Wi-Fi password has 8 to 63 characters; received 4",
    ]
