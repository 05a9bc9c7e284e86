"""A response decoded into its entry, or told apart from one."""

from __future__ import annotations

import json

from generator.assistants import Guides, decode_response, explain_response
from tests.conftest import REPO


def _recorded() -> list[dict[str, object]]:
    found = []
    for path in sorted((REPO / "snippets").glob("*/recording.json")):
        response = json.loads(path.read_text(encoding="utf-8"))["response"]
        if isinstance(response["body"], dict) and "error" in response["body"]:
            found.append(response)
    return found


def test_every_recorded_error_response_decodes_to_its_entry(guides: Guides) -> None:
    recorded = _recorded()
    assert len(recorded) >= 10
    for response in recorded:
        body = response["body"]
        assert isinstance(body, dict) and isinstance(response["status"], int)
        headers = response["headers"]
        assert isinstance(headers, dict)
        for given in (json.dumps(body), body):
            decoded = decode_response(guides.errors, response["status"], given, headers)
            assert decoded.entry is not None and decoded.entry.code == body["error"]
            assert decoded.looks_like_api_answer is True and decoded.notes == []


def test_a_status_line_and_headers_pasted_above_the_body(guides: Guides) -> None:
    pasted = ('HTTP/1.1 401 Unauthorized\ncontent-type: application/json\n\n'
              '{"error": "EXPIRED_TOKEN", "message": "…", "docs": "…"}')
    assert decode_response(guides.errors, None, pasted).entry is not None


def test_a_status_alone_decides_only_when_one_entry_has_it(guides: Guides) -> None:
    assert decode_response(guides.errors, 403, None).entry is not None
    decoded = decode_response(guides.errors, 401, None)
    assert decoded.entry is None and len(decoded.candidates) == 5
    assert "`error` field" in decoded.notes[0]


def test_headers_narrow_a_status_down(guides: Guides) -> None:
    challenge = {"WWW-Authenticate": 'Bearer realm="trustleads"'}
    assert decode_response(guides.errors, 401, None, challenge).entry is not None
    refused = {"www-authenticate": 'Bearer realm="trustleads", error="invalid_token"'}
    assert len(decode_response(guides.errors, 401, None, refused).candidates) == 4
    limited = next(e for e in guides.errors if e.status == 429)
    assert decode_response(guides.errors, 429, None, {"Retry-After": "30"}).entry == limited
    assert decode_response(guides.errors, 429, None, {"Retry-After": "soon"}).entry == limited


def test_what_is_not_the_apis_answer_is_said_so(guides: Guides) -> None:
    html = decode_response(guides.errors, 502, "<html><body>Bad Gateway</body></html>")
    assert html.entry is None and html.looks_like_api_answer is False
    assert "not JSON" in html.notes[0] and "502" in html.notes[1]
    success = decode_response(guides.errors, 200, '{"items": []}')
    assert success.entry is None and "a success" in success.notes[0]
    unknown = decode_response(guides.errors, 418, {"error": "TEAPOT", "message": "m",
                                                   "docs": "d"})
    assert unknown.entry is None and unknown.looks_like_api_answer is True
    assert "'TEAPOT' is not in the catalog" in unknown.notes[0]


def test_a_status_the_body_contradicts_is_pointed_out(guides: Guides) -> None:
    answer = explain_response(guides, 500, '{"error": "REVOKED_TOKEN"}', None)
    assert answer["matched"] and answer["entry"]["code"] == "REVOKED_TOKEN"
    assert "not 500" in answer["notes"][0]
    assert answer["what_to_do"] == answer["entry"]["fix"]
