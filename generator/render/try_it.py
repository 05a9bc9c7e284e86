"""What the "Try it" control sends for an example: its documented request, as data.

The page carries this description whatever the build; the control itself (a button and
the script that sends it) exists only in a site built with ``GUIDES_TRY_IT_URL``.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from ..credentials import OTHER, locate
from ..model import Example, Spec, matcher_placeholder

__all__ = ["try_it_attribute", "try_it_request"]

_BODY_METHODS = {"POST", "PUT", "PATCH"}


def try_it_request(spec: Spec, example: Example) -> dict[str, Any] | None:
    """The request as the browser sends it, or None when api.yaml does not describe all
    a browser would need: a plain-HTTP redirect (fetch hides it from scripts) or a body
    that only the samples build."""
    request = example.request
    if request.transport != "https" or (request.method in _BODY_METHODS
                                        and request.body is None):
        return None
    headers = []
    if request.header is not None and request.credential is not None:
        headers.append(_header(spec, request.header, request.credential))
    if request.conflicting_header is not None:
        headers.append(_header(spec, request.conflicting_header, OTHER))
    if request.same_key_header is not None and request.credential is not None:
        headers.append(_header(spec, request.same_key_header, request.credential))
    described: dict[str, Any] = {"method": request.method, "path": request.path,
                                 "headers": headers}
    if request.body is not None:
        described["body"] = json.dumps(request.body, ensure_ascii=False,
                                       default=matcher_placeholder)
    return described


#: `json.dumps(..., ensure_ascii=False)` made once: a page of 1,000 codes carries a thousand
#: requests, and `dumps` with options builds a new encoder for each.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def try_it_attribute(spec: Spec, example: Example) -> Markup:
    """`try_it_request` as an HTML attribute value, or nothing."""
    described = try_it_request(spec, example)
    return escape(_ENCODER.encode(described)) if described else Markup("")


def _header(spec: Spec, name: str, kind: str) -> dict[str, Any]:
    template = next(header.value for header in spec.headers if header.name == name)
    plans = {plan.id: plan.name for plan in spec.plans}
    # A credential other than a plan's key is named in api.yaml's words for readers.
    reader = spec.samples.credentials.get(kind)
    label = (f"the sandbox's demo key for the {plans[kind]} plan" if kind in plans
             else reader.needs if reader else kind)
    # The reader's own key stands in for a plan's key only: the other examples show what
    # a particular wrong credential gets.
    return {"name": name, "value": template, "credential": locate(kind, spec.second_key),
            "label": label,
            "readers_key": kind in plans}

