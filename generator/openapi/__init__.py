"""An OpenAPI 3.1 document of the API, from the Spec: a pure function, for other tools.

Postman, Insomnia and API test tools read it; the guides publish it as ``openapi.json``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..model import Spec
from ..model.models import AuthHeader
from .catalog import error_components
from .operations import paths
from .recorded import Recordings
from .samples import Samples

__all__ = ["openapi_document", "openapi_json"]


def openapi_document(spec: Spec, recordings: Recordings | None = None,
                     samples: Samples | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of what api.yaml documents; its examples are the answers
    `recordings` (example id -> recording) hold where there is one, as the pages show, and
    its operations carry the `samples` of their examples (``x-codeSamples``)."""
    recordings = recordings or {}
    components = error_components(spec, recordings)
    components["securitySchemes"] = {h.name: _security_scheme(spec, h) for h in spec.headers}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": spec.api.name,
            # The document changes exactly when api.yaml's content does.
            "version": hashlib.sha256(
                spec.model_dump_json(fallback=str).encode()).hexdigest()[:12],
            "description": spec.pages.api_authentication.description,
        },
        "externalDocs": {"description": spec.pages.home.title, "url": spec.site.url},
        # Paths start with "/", so the server URL must not end with one.
        "servers": [{"url": spec.api.base_url.rstrip("/")}],
        # Any one of the headers authenticates a request.
        "security": [{header.name: []} for header in spec.headers],
        "paths": paths(spec, recordings, samples),
        "components": components,
    }


def openapi_json(spec: Spec, recordings: Recordings | None = None,
                 samples: Samples | None = None) -> str:
    """The document as the JSON text that is published."""
    return json.dumps(openapi_document(spec, recordings, samples), indent=2,
                      ensure_ascii=False) + "\n"


def _security_scheme(spec: Spec, header: AuthHeader) -> dict[str, Any]:
    carries = " or ".join(m.name for m in spec.auth_methods if m.id in header.accepts)
    shown = header.value.replace("{key}", spec.api.key_example)
    description = (f"{header.label}: `{header.name}: {shown}`. Carries: {carries}. API keys "
                   f"start with `{spec.api.key_prefix}`.")
    scheme, _, rest = header.value.partition(" ")
    if header.name.lower() == "authorization" and rest == "{key}":
        return {"type": "http", "scheme": scheme.lower(), "bearerFormat": carries,
                "description": description}
    return {"type": "apiKey", "in": "header", "name": header.name, "description": description}
