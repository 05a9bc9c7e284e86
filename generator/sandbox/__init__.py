"""The sandbox: an independent emulator of the Trust Leads API's authentication.

It stands in for the real API, so it never imports the model of api.yaml or reads the file:
its codes, messages and headers are its own (see `catalog`), and the snippet check proves
the docs against it.
"""

from __future__ import annotations

from .app import FIXED_START, Sandbox, SandboxSettings, create_sandbox
from .server import ListenOptions, run_sandbox

__all__ = ["FIXED_START", "ListenOptions", "Sandbox", "SandboxSettings", "create_sandbox",
           "run_sandbox"]
