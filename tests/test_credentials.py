"""Credentials by kind, read from what a sandbox publishes, whatever its key format."""

from __future__ import annotations

from generator.credentials import from_document, locate, remote_variable, unknown_like

DOCUMENT = {"keys": {"pro": "acme_live_8f3Kq2", "agency": "acme_live_Zp0r7Q",
                     "revoked": "acme_live_Rr1aaa"},
            "session_token": "s.t", "expired_session_token": "e.t",
            "unknown_key": "acme_live_000000"}


def test_every_kind_is_read_where_the_document_holds_it() -> None:
    held = {"pro": "acme_live_8f3Kq2", "agency": "acme_live_Zp0r7Q",
            "revoked": "acme_live_Rr1aaa", "session": "s.t", "expired_session": "e.t",
            "invalid": "acme_live_000000"}
    assert from_document(DOCUMENT, None) == held
    # The second key is the key of the kind api.yaml names, whichever that is.
    assert from_document(DOCUMENT, "agency") == {**held, "other": "acme_live_Zp0r7Q"}
    assert from_document(DOCUMENT, "revoked")["other"] == "acme_live_Rr1aaa"


def test_a_remote_credential_is_read_from_a_variable_named_after_its_kind_and_method() -> None:
    assert remote_variable("pro", "api_key") == "GUIDES_SANDBOX_PRO_KEY"
    assert remote_variable("expired_session", "session_token") == \
        "GUIDES_SANDBOX_EXPIRED_SESSION_TOKEN"


def test_a_page_is_told_the_same_paths() -> None:
    assert locate("invalid") == {"path": ["unknown_key"]}
    assert locate("pro") == {"path": ["keys", "pro"]}


def test_an_unknown_key_keeps_the_shape_of_a_known_one() -> None:
    assert unknown_like("acme_live_8f3Kq2Zp0r7QRr1aaa") == "acme_live_8f3K" + "0" * 14
    assert unknown_like("lfk_sk_" + "x" * 32) == "lfk_sk_" + "x" * 12 + "0" * 20
