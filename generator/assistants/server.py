"""`guides mcp`: the guides' tools and pages served over the Model Context Protocol (the
official SDK), on stdio or streamable HTTP. A thin adapter: every answer comes from
`tools`; an `AssistantError` becomes the MCP tool error a client shows the model."""

from __future__ import annotations

import asyncio
import functools
import json
import socket
import sys
from collections.abc import Callable
from typing import IO, Annotated, Any, ParamSpec, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.resources import TextResource
from mcp_types import ToolAnnotations
from pydantic import Field

from ..languages import LANGUAGES
from ..web.serving import quiet_server, serve_until_signal
from ..web.sockets import bind
from . import tools
from .knowledge import Guides, page_url

__all__ = ["create_server", "serve_http", "serve_stdio"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
#: Every tool only reads what was loaded at start: safe to call again, nothing leaves.
_READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                             open_world_hint=False)

#: The languages `get_example` takes, as the pages' tabs name them.
_LANGUAGES_SHOWN = "One of " + ", ".join(language.label for language in LANGUAGES.values())


def _answering(tool: Callable[_P, _R]) -> Callable[_P, _R]:
    """`tool`, whose anticipated failures reach the client as its message alone."""
    @functools.wraps(tool)  # the SDK reads the parameters through the wrapper
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return tool(*args, **kwargs)
        except tools.AssistantError as err:
            raise ToolError(str(err)) from err
    return call


def create_server(guides: Guides) -> MCPServer:
    """The MCP server of `guides`: four read-only tools and a resource per page."""
    spec = guides.project.spec
    server: MCPServer = MCPServer(
        name="trustleads-guides",
        # Standard error is the client's log: an anticipated error needs no line there.
        log_level="WARNING",
        title=spec.pages.home.title,
        version=guides.version[:12],
        website_url=guides.site_url,
        instructions=(
            f"The {spec.api.name} guides, built from api.yaml version {guides.version} "
            "(the same content as the site). Use lookup_error for an error code, status or "
            "symptom; explain_response for a response a user received; search_guides to find "
            "a page section or an example's id; get_example for a verified sample."),
    )

    def lookup_error(query: Annotated[str, Field(
            description="An error code (as the API's `error` field gives it), an HTTP "
                        "status or words of what happened")]) -> dict[str, Any]:
        """Catalog entries matching a code, status or description, best first: status,
        message, when it happens, how to fix it, whether to retry, docs URL, example ids."""
        return tools.lookup_error(guides, query)

    def get_example(
            id: Annotated[str, Field(description="An example's id, which search_guides "
                                                 "gives with each example's section")],
            language: Annotated[str, Field(description=_LANGUAGES_SHOWN)],
    ) -> dict[str, Any]:
        """A verified code sample as the page shows it, how to run it, the response it was
        recorded getting, and when and against what it was verified."""
        return tools.get_example(guides, id, language)

    def search_guides(query: Annotated[str, Field(description="Words to look for")]
                      ) -> dict[str, Any]:
        """Sections of the guides matching the words, with their URLs and an excerpt;
        an example's section gives its id for get_example."""
        return tools.search_guides(guides, query)

    def explain_response(
            status: Annotated[int | None, Field(description="HTTP status received")] = None,
            body: Annotated[str | dict[str, Any] | None, Field(
                description="The response body as received (text or JSON)")] = None,
            headers: Annotated[dict[str, str] | None, Field(
                description="Response headers received")] = None,
    ) -> dict[str, Any]:
        """Decode a response a user received into its catalog entry: what went wrong and
        what to do; says so when no entry matches or it does not look like the API's."""
        return tools.explain_response(guides, status, body, headers)

    for tool in (lookup_error, get_example, search_guides, explain_response):
        server.add_tool(_answering(tool), annotations=_READ_ONLY, structured_output=False)
    for page in guides.pages:
        server.add_resource(TextResource(
            uri=f"guides://pages/{page}", name=page, mime_type="text/markdown",
            description=f"{page_url(guides.site_url, page)} as Markdown",
            text=guides.markdown(page)))
    return server


def serve_stdio(server: MCPServer) -> None:
    """Serve one client on standard input and output until it closes them."""
    server.run("stdio")


def serve_http(server: MCPServer, host: str, port: int, announce: IO[str] = sys.stdout) -> None:
    """Serve streamable HTTP at ``http://HOST:PORT/mcp`` until SIGINT or SIGTERM; the address
    is announced first as one JSON line (port 0 picks a free port)."""
    listener = bind(host, port)
    bound = listener.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    app = server.streamable_http_app(host=host)
    announce.write(json.dumps({"url": f"http://{shown_host}:{bound}/mcp"}) + "\n")
    announce.flush()
    asyncio.run(_serve(app, listener))


async def _serve(app: Any, listener: socket.socket) -> None:
    # The streamable HTTP app runs its session manager in its lifespan.
    await serve_until_signal([(quiet_server(app, lifespan="on"), listener)])
