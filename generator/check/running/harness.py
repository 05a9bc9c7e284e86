"""Where samples run: the check's processes, the capturing proxy and the API.

A check starts it when a run is not in the cache. The sandbox is spawned first of all,
and boots while the check imports its proxy. It stops in the order that lets each part
stop at once, and `ProcessGroup` ends whatever is left.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ..options import CheckOptions
from .environment import snippet_environment
from .process_group import ProcessGroup
from .runtimes import Runtimes
from .target import Target, remote_target, sandbox_target, spawn_sandbox

if TYPE_CHECKING:
    from ...model import Spec
    from .proxy import CaptureProxy

__all__ = ["Harness"]


class Harness:
    def __init__(self, options: CheckOptions, work: Path, root: Path, spec: Spec) -> None:
        """`root`: the project's folder, where runtimes' caches are kept between checks;
        `spec`: api.yaml, which names the credentials and the headers that carry them."""
        self._options = options
        self._contract = spec.credentials
        self._work = work
        self.processes = ProcessGroup()
        self._sandbox: subprocess.Popen[str] | None = None
        self._target: Target | None = None
        self._proxy: CaptureProxy | None = None
        try:
            if not options.base_url:
                self._sandbox = spawn_sandbox(work / "sandbox.log", work / "sandbox",
                                              self.processes)
            # Imported only now (uvicorn, starlette and the TLS libraries), so that the
            # sandbox boots meanwhile instead of after.
            from .proxy import CaptureProxy

            self._proxy = CaptureProxy(work, spec.credential_headers)
            self._proxy.start()
            home, scratch = work / "home", work / "tmp"
            home.mkdir()
            scratch.mkdir()
            # Only what samples need: no variable of this process (tokens, secrets) leaks in.
            # The proxy's CA goes in each language's own variable (`sample_environment`).
            # TMPDIR: a run ended at its timeout is killed and cannot remove its temporary
            # files (`go run`'s build); here the check removes them.
            self.host_env = {**snippet_environment(), "HOME": str(home),
                             "TMPDIR": str(scratch)}
            self.runtimes = Runtimes(self.proxy.ca_file, work, root)
        except BaseException:
            self.close()
            raise

    @property
    def proxy(self) -> CaptureProxy:
        assert self._proxy is not None, "the proxy starts with the harness"
        return self._proxy

    def target(self) -> Target:
        """The API, once it answers; the proxy then forwards to it."""
        if self._target is None:
            options = self._options
            if self._sandbox is not None:
                self._target = sandbox_target(self._sandbox, self._work / "sandbox.log",
                                              self._contract)
            else:
                self._target = remote_target(options.base_url or "", options.http_url,
                                             options.ca_file, self._contract)
            self.proxy.forward_to(self._target.base_url, self._target.http_url,
                                  self._target.ca_file, own_addresses=self._sandbox is not None)
        return self._target

    def close(self) -> None:
        try:
            # The sandbox keeps nothing worth a graceful stop: it goes first, so that the
            # proxy's connections to it cannot hold up either.
            if self._sandbox is not None and self._sandbox.poll() is None:
                self._sandbox.kill()
                self._sandbox.wait()
            if self._proxy is not None:
                self._proxy.stop()
        finally:
            if self._sandbox is not None and self._sandbox.stdout is not None:
                self._sandbox.stdout.close()
            self.processes.close()

    def __enter__(self) -> Harness:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
