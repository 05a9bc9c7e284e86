"""Credentials by kind, read from what a sandbox publishes, whatever its key format."""

from __future__ import annotations

from generator.credentials import from_document, locate, unknown_like

DOCUMENT = {"keys": {"pro": "acme_live_8f3Kq2", "agency": "acme_live_Zp0r7Q",
                     "revoked": "acme_live_Rr1aaa"},
            "session_token": "s.t", "expired_session_token": "e.t",
            "unknown_key": "acme_live_000000"}


def test_every_kind_is_read_where_the_document_holds_it() -> None:
    assert from_document(DOCUMENT) == {
        "pro": "acme_live_8f3Kq2", "agency": "acme_live_Zp0r7Q",
        "revoked": "acme_live_Rr1aaa", "session": "s.t", "expired_session": "e.t",
        "other": "acme_live_Zp0r7Q", "invalid": "acme_live_000000"}


def test_a_page_is_told_the_same_paths() -> None:
    assert locate("invalid") == {"path": ["unknown_key"]}
    assert locate("pro") == {"path": ["keys", "pro"]}


def test_an_unknown_key_keeps_the_shape_of_a_known_one() -> None:
    assert unknown_like("acme_live_8f3Kq2Zp0r7QRr1aaa") == "acme_live_8f3K" + "0" * 14
    assert unknown_like("lfk_sk_" + "x" * 32) == "lfk_sk_" + "x" * 12 + "0" * 20
