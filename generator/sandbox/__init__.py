"""The sandbox: an independent emulator of the Trust Leads API's authentication.

It stands in for the real API, so it never imports the guides' spec or reads api.yaml:
its codes, messages and headers are its own (see `catalog`), and the snippet check proves
the docs against it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import FIXED_START, Sandbox, SandboxSettings, create_sandbox
    from .server import ListenOptions, run_sandbox

__all__ = ["FIXED_START", "ListenOptions", "Sandbox", "SandboxSettings", "create_sandbox",
           "run_sandbox"]

#: Where each name lives. Imported on first use, so that a module of the package (`listen`,
#: for the check's proxy) can be imported without the app and its dependencies.
_HOMES = {"FIXED_START": "app", "Sandbox": "app", "SandboxSettings": "app",
          "create_sandbox": "app", "ListenOptions": "server", "run_sandbox": "server"}


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
