"""The ``guides`` command: one subcommand per job; errors become exit statuses here only."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import click

from .atomic import write_atomically
from .ci import on_github_actions
from .errors import EXIT_BAD_INPUT, EXIT_FAILURE, GuidesError
from .languages import LANGUAGES

__all__ = ["cli", "main"]

# Each command imports what only it needs inside its function: `guides --help` and a
# mistyped command answer at once, and `validate` starts without MkDocs or uvicorn.
_spec_option = click.option(
    "--spec", "spec_path", type=click.Path(path_type=Path), default=Path("api.yaml"),
    show_default=True, help="The api.yaml to read.")
_docs_option = click.option(
    "--docs-dir", type=click.Path(path_type=Path), default=Path("docs"), show_default=True,
    help="Folder of the hand-written pages.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="trustleads-guides")
def cli() -> None:
    """Build and prove the Trust Leads API guides from api.yaml."""


@cli.command(name="validate")
@_spec_option
@_docs_option
def validate_command(spec_path: Path, docs_dir: Path) -> None:
    """Check api.yaml, its snippets and its links; exit 0 when all is well."""
    from .build import checked_pages
    from .site.input_checks import check_site_inputs

    config_file = spec_path.parent / "mkdocs.yml"
    if config_file.is_file():
        check_site_inputs(config_file)  # the site's settings and every file it would read
    project, pages = checked_pages(spec_path, docs_dir)
    spec = project.spec
    click.echo(f"{spec_path}: valid — {len(spec.errors)} error codes, "
               f"{len(spec.examples)} examples, {len(pages)} pages")


@cli.command()
@click.option("--config-file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
              show_default=True, help="Site configuration; its `guides` plugin names api.yaml.")
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"),
              show_default=True)
def build(config_file: Path, site_dir: Path) -> None:
    """Validate, then build the site (mkdocs build --strict) into SITE_DIR."""
    from .site.publish import build_site

    build_site(config_file, site_dir, sys.stderr)
    click.echo(f"Built the guides into {site_dir}/", err=True)


@cli.command()
@click.option("--config-file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
              show_default=True)
@click.option("--dev-addr", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@click.option("--full", is_flag=True,
              help="Also write llms.txt and the pages' Markdown copies (off by default: "
                   "they slow every rebuild).")
@click.option("--poll", is_flag=True,
              help="Look for changes every 0.5 s instead of being told by the system: for "
                   "sources on a network drive or a container mount, whose changes the "
                   "system does not report.")
def serve(config_file: Path, dev_addr: str | None, full: bool, poll: bool) -> None:
    """Live preview: rebuilds when api.yaml, a snippet or a template changes.

    An invalid edit shows its error in the terminal and on the page until it is fixed.
    """
    from .site.preview import serve_site

    serve_site(config_file, dev_addr, full=full, poll=poll)


@cli.command(name="generate")
@_spec_option
@_docs_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Folder to write the generated Markdown pages into.")
def generate_command(spec_path: Path, docs_dir: Path, out_dir: Path) -> None:
    """Write the generated pages as Markdown files, for any site generator."""
    from .build import generate
    from .settings import TRY_IT_VARIABLE, try_it_base_url

    sandbox_url = try_it_base_url(os.environ.get(TRY_IT_VARIABLE, ""))
    for path in generate(spec_path, out_dir, docs_dir, sandbox_url):
        click.echo(path)


def _url(value: str, *, origin: bool) -> str:
    """`value` if it is an http(s) origin (scheme, host, port) or base URL; else a usage error."""
    pattern = r"https?://[^/\s]+" if origin else r"https?://[^/\s]+(/\S*)?"
    if not re.fullmatch(pattern, value):
        shape = "an origin such as https://trustleads.ai" if origin else \
            "a base URL such as https://sandbox.trustleads.ai/v1"
        raise click.BadParameter(f"{value!r} is not {shape}")
    return value


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="HTTPS port (with --public-url, its plain-HTTP port); 0 picks a free one.")
@click.option("--http-port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Plain-HTTP port, which redirects to HTTPS (with --public-url, the "
                   "proxy's to answer); 0 picks a free one.")
@click.option("--state-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the CA and certificate here (default: a temporary folder).")
@click.option("--real-clock", is_flag=True,
              help="Use the wall clock instead of a fixed one (ids and times then vary).")
@click.option("--failed-auth-limit", type=click.IntRange(0), default=30, show_default=True,
              help="Failed authentications per visitor (an address; an IPv6 /64) per minute "
                   "before 429; 0 disables.")
@click.option("--allow-origin", "origins", multiple=True, metavar="ORIGIN",
              callback=lambda _c, _p, values: tuple(_url(v, origin=True) for v in values),
              help="A guides site origin whose Try it may call the sandbox (CORS); repeatable.")
@click.option("--rate-limit", type=click.IntRange(0), default=0, show_default=True,
              help="Requests per visitor per minute before 429; 0 disables.")
@click.option("--public-url", metavar="URL",
              callback=lambda _c, _p, value: value and _url(value, origin=False),
              help="Behind a TLS-terminating proxy: the public base URL; plain HTTP on --port.")
@click.option("--forwarded-allow-ips", default="127.0.0.1", show_default=True,
              help="With --public-url: proxy addresses whose X-Forwarded-* are trusted.")
@click.option("--tenant-budget", type=click.IntRange(0), default=20, show_default=True,
              help="Named tenants (X-Sandbox-Tenant) per visitor per hour before 429; "
                   "0 disables.")
@click.option("--max-connections", type=click.IntRange(1), default=256, show_default=True,
              help="Connections and requests under way at once; a request beyond them is "
                   "answered 503. A public sandbox's time, size and per-client bounds are "
                   "its front proxy's.")
def sandbox(host: str, port: int, http_port: int, state_dir: Path | None, real_clock: bool,
            failed_auth_limit: int, origins: tuple[str, ...], rate_limit: int,
            public_url: str | None, forwarded_allow_ips: str, tenant_budget: int,
            max_connections: int) -> None:
    """Run the Trust Leads API sandbox until interrupted.

    Prints one JSON line first: base_url, http_url and ca_file (or, with --public-url,
    listen_url), keys per plan (and a revoked one), session_token and expired_session_token.
    """
    from .sandbox import ListenOptions, SandboxSettings, run_sandbox

    settings = SandboxSettings(failed_auth_limit=failed_auth_limit, allow_origins=origins,
                               rate_limit=rate_limit, tenant_budget=tenant_budget)
    if real_clock:
        settings = dataclasses.replace(settings, clock=lambda: datetime.now(UTC))
    listen = ListenOptions(host, port, http_port, state_dir, public_url, forwarded_allow_ips,
                           max_connections)
    try:
        run_sandbox(listen, settings, sys.stdout)
    except OSError as err:
        raise GuidesError(f"cannot serve the sandbox on {host}: {err.strerror or err}") from err


@cli.command(name="new-example")
@click.argument("example_id", metavar="ID")
@_spec_option
@click.option("--title", required=True, help="Heading shown above the code tabs.")
@click.option("--description", required=True,
              help="One sentence on what the sample does: shown on the page and as each "
                   "snippet's opening comment.")
@click.option("--method", type=click.Choice(["GET", "POST", "PUT", "PATCH", "DELETE"]),
              default="GET", show_default=True)
@click.option("--path", "path",
              help="Path below the base URL [default: the one most examples use].")
@click.option("--header", metavar="NAME",
              help="Auth header the snippets send: a name from api.yaml's headers, or none "
                   "[default: the one api.yaml recommends].")
@click.option("--credential", metavar="KIND",
              help="Credential sent in the header: a kind of api.yaml's credentials.kinds, "
                   "or invalid [default: the one most examples use].")
@click.option("--error", metavar="CODE", help="The catalog code the example documents.")
@click.option("--body", metavar="JSON", help="JSON request body, e.g. '{\"leads\": []}'.")
def new_example(example_id: str, spec_path: Path, title: str, description: str, method: str,
                path: str | None, header: str | None, credential: str | None, error: str | None,
                body: str | None) -> None:
    """Add example ID: its api.yaml entry and its snippet file in each language."""
    from .scaffold import RECOMMENDED_HEADER, NewExample, create_example, path_problem, text_problem

    problems = [problem for problem in (
        path_problem(path) if path is not None else None, text_problem("--title", title),
        text_problem("--description", description)) if problem]
    try:
        body_value = json.loads(body) if body is not None else None
    except ValueError as err:
        problems.append(f"--body is not JSON: {err}")
    if problems:
        raise GuidesError("\n".join(f"error: {problem}" for problem in problems))
    with_header = header != "none"
    for written in create_example(spec_path, NewExample(
            example_id, title, description, method, path,
            (header or RECOMMENDED_HEADER) if with_header else None,
            credential if with_header else None, error, body_value)):
        click.echo(f"wrote {written}")
    click.echo("next: `guides check " + example_id + "` runs it against the sandbox; "
               "`guides check --update " + example_id + "` writes what the API answers "
               "into api.yaml", err=True)


@cli.command()
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file (atomically) instead of printing it.")
def schema(out_file: Path | None) -> None:
    """The JSON Schema of api.yaml, for editors' completion and validation."""
    from .model.schema import schema_json

    _print_or_write(schema_json(), out_file)


@cli.command()
@_spec_option
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the document to this file (atomically) instead of printing it.")
def openapi(spec_path: Path, out_file: Path | None) -> None:
    """The OpenAPI 3.1 document of api.yaml, for Postman, Insomnia and API test tools."""
    from .model import load_project
    from .openapi import openapi_json

    project = load_project(spec_path)
    _print_or_write(openapi_json(project.spec, project.recordings, project.snippets), out_file)


def _print_or_write(text: str, out_file: Path | None) -> None:
    """`text` on standard output, or written to `out_file` (atomically) and said so."""
    if out_file is None:
        click.echo(text, nl=False)
        return
    write_atomically(out_file, text)
    click.echo(f"wrote {out_file}", err=True)


@cli.command()
@_spec_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("site"), show_default=True)
def linkcheck(spec_path: Path, site_dir: Path) -> int:
    """Verify every link of the built site, and every docs URL of the error catalog."""
    from .linkcheck import broken_links
    from .model import load_project

    spec = load_project(spec_path).spec
    if not (site_dir / "index.html").is_file():
        raise GuidesError(f"{site_dir}/ holds no built site; run guides build first")
    broken = list(broken_links(site_dir, spec.site.url, [e.docs for e in spec.errors]))
    for problem in broken:
        click.echo(problem)
    pages = len(list(site_dir.rglob("*.html")))
    click.echo(f"{pages} pages checked, {len(broken)} broken links")
    return EXIT_FAILURE if broken else 0


@cli.command(name="diff")
@click.argument("base")
@click.argument("head", required=False)
@_spec_option
@click.option("--format", "form", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True,
              help="Lines, a pull-request comment (a table linking the pages), or JSON.")
def diff_command(base: str, head: str | None, spec_path: Path, form: str) -> int:
    """Classify every change of the API contract from BASE to HEAD (git revisions, or
    api.yaml files; HEAD defaults to the working tree): breaking, additive or editorial.

    Exit 1 when a breaking change is not announced in api.yaml's changes:.
    """

    from .diff import compare, project_at, write_annotations, write_report
    from .model import load_project

    with ExitStack() as stack:
        before = stack.enter_context(project_at(base, spec_path))
        after = stack.enter_context(project_at(head, spec_path)) if head \
            else load_project(spec_path)
        comparison = compare(before, after)
        write_report(comparison, form, str(spec_path), after.spec.site.url, sys.stdout)
        # Annotations go with the lines; a comment or JSON is read by something else.
        if form == "text" and on_github_actions():
            write_annotations(comparison, str(spec_path), sys.stdout)
    return EXIT_FAILURE if comparison.unannounced else 0


@cli.group()
def feedback() -> None:
    """Readers' votes from "Was this guide helpful?": collect them, report on them."""


_db_option = click.option(
    "--db", "database", default="feedback.sqlite3", show_default=True,
    help="SQLite file, or a postgresql:// URL for several collector instances.")


@feedback.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8090, show_default=True)
@_db_option
@click.option("--allow-origin", "origins", multiple=True, metavar="ORIGIN",
              help="A site origin allowed to post (CORS); repeat for several.")
@click.option("--rate-limit", type=click.IntRange(0), default=6, show_default=True,
              help="Events per client per minute; 0 disables.")
@click.option("--admin-token", envvar="GUIDES_FEEDBACK_ADMIN_TOKEN",
              help="Bearer token for GET /v1/feedback/summary (or GUIDES_FEEDBACK_ADMIN_TOKEN).")
@click.option("--trust-proxy", is_flag=True,
              help="Take the client address from X-Forwarded-For: the rightmost hop that is "
                   "not a --trusted-proxy.")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, metavar="ADDR[/BITS]",
              help="With --trust-proxy: a proxy address or network; repeat for several "
                   "(default: loopback).")
@click.option("--client-secret", envvar="GUIDES_FEEDBACK_CLIENT_SECRET",
              help="Secret for keying clients (or GUIDES_FEEDBACK_CLIENT_SECRET); give every "
                   "instance behind one load balancer the same (default: random).")
@click.option("--max-connections", type=click.IntRange(1), default=512, show_default=True,
              help="Connections and requests under way at once; a request beyond them is "
                   "answered 503. Time and size bounds are the front proxy's.")
def feedback_serve(host: str, port: int, database: str, origins: tuple[str, ...],
                   rate_limit: int, admin_token: str | None, trust_proxy: bool,
                   trusted_proxies: tuple[str, ...], client_secret: str | None,
                   max_connections: int) -> None:
    """Run the collector the feedback widget posts to."""
    from .feedback.app import CollectorSettings
    from .feedback.client_keys import ClientKeys
    from .feedback.clients import LOOPBACK, ProxyPolicy
    from .feedback.server import serve_collector
    from .feedback.store import masked

    try:
        proxies = ProxyPolicy((trusted_proxies or LOOPBACK) if trust_proxy else ())
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--trusted-proxy") from err
    settings = CollectorSettings(allow_origins=origins, rate_limit=rate_limit,
                                 admin_token=admin_token, proxies=proxies,
                                 keys=ClientKeys(secret=(client_secret or "").encode()))
    click.echo(f"collecting feedback on http://{host}:{port}/v1/feedback into "
               f"{masked(database)}", err=True)
    serve_collector(host, port, database, settings, max_connections)


@feedback.command(name="report")
@_db_option
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only votes from this date on.")
@click.option("--format", "form", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True)
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write an SVG chart of helpful % per page.")
def feedback_report(database: str, since: datetime | None, form: str,
                    chart: Path | None) -> None:
    """Per page: votes, helpful %, trend and the latest comments."""
    from .feedback.report import render, summarize, svg_chart
    from .feedback.store import open_store

    if "://" not in database and not Path(database).exists():
        raise GuidesError(f"{database}: no such feedback database")
    store = open_store(database)
    try:
        cutoff = since.replace(tzinfo=UTC).timestamp() if since else 0.0
        summary = summarize(store.rows(cutoff))
    finally:
        store.close()
    click.echo(render(summary, form), nl=False)
    if chart is not None:
        write_atomically(chart, svg_chart(summary))
        click.echo(f"chart written to {chart}", err=True)


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    number, _, total = value.partition("/")
    if not (number.isdigit() and total.isdigit() and 1 <= int(number) <= int(total)):
        raise click.BadParameter(f"{value!r} is not I/N with 1 <= I <= N, e.g. 2/4")
    return int(number), int(total)


@cli.command()
@_spec_option
@_docs_option
@click.option("--http", "over_http", is_flag=True,
              help="Serve streamable HTTP at http://HOST:PORT/mcp instead of stdio.")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --http: address.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="With --http: port; 0 picks a free one (the address is printed).")
def mcp(spec_path: Path, docs_dir: Path, over_http: bool, host: str, port: int) -> None:
    """Serve the guides to AI assistants (Model Context Protocol): error lookup, verified
    samples, search and response decoding, read-only, from api.yaml as the site is built."""
    from .assistants import load_guides
    from .assistants.server import create_server, serve_http, serve_stdio

    if not docs_dir.is_absolute() and not docs_dir.is_dir():
        docs_dir = spec_path.parent / docs_dir  # an assistant starts us from anywhere
    server = create_server(load_guides(spec_path, docs_dir))
    if over_http:
        try:
            serve_http(server, host, port)
        except OSError as err:
            raise GuidesError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    else:
        serve_stdio(server)


class _LanguageChoice(click.Choice[str]):
    """A language's name, its error naming GUIDES_LANGUAGES when the name came from there:
    someone who set the variable in a shell would not think of --language."""

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as err:
            if ctx is not None and param is not None and param.name and \
                    ctx.get_parameter_source(param.name) is click.ParameterSource.ENVIRONMENT:
                raise click.UsageError(f"GUIDES_LANGUAGES: {err.message}", ctx) from None
            raise


@cli.command()
@click.argument("example_ids", nargs=-1, metavar="[ID]...")
@_spec_option
@click.option("--no-cache", is_flag=True, help="Run every snippet, even if nothing changed.")
@click.option("--shard", metavar="I/N", help="Check only the I-th of N slices of the examples.")
@click.option("--update", is_flag=True,
              help="Write what the sandbox answered into api.yaml (never in CI, never "
                   "from --base-url).")
@click.option("--junit-xml", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one JUnit testcase per example and language.")
@click.option("--base-url", metavar="URL",
              help="Check against a running sandbox instead of starting one; each credential "
                   "api.yaml's `credentials` requires comes from a GUIDES_SANDBOX_<KIND>_KEY "
                   "or _TOKEN variable (listed in editing-the-guides/#example-credentials); "
                   "each with a plan is confirmed first, and its examples are not judged if "
                   "the API does not confirm it.")
@click.option("--http-url", metavar="URL", help="With --base-url: its plain-HTTP address.")
@click.option("--ca-file", type=click.Path(exists=True, dir_okay=False),
              help="With --base-url: the CA certificate to trust.")
@click.option("--jobs", type=click.IntRange(1), help="Snippets run at once.")
@click.option("--timeout", type=click.FloatRange(min=1), default=30, show_default=True,
              help="Seconds each snippet may take.")
@click.option("--deadline", type=click.FloatRange(min=1), default=1800, show_default=True,
              help="Seconds the whole check may take; a snippet still running then fails.")
@click.option("--changed", "changed_from", metavar="BASE",
              help="Only the examples whose entry, snippets or recording differ from BASE (a "
                   "git revision or an api.yaml), or whose exchange a change of the contract "
                   "alters.")
@click.option("--language", "languages", multiple=True, type=_LanguageChoice(list(LANGUAGES)),
              envvar="GUIDES_LANGUAGES",
              help="Run only this language's samples (repeatable; or GUIDES_LANGUAGES, names "
                   "separated by spaces, e.g. on a machine without some runtimes); all when "
                   "not given.")
@click.pass_context
def check(context: click.Context, example_ids: tuple[str, ...], spec_path: Path,
          no_cache: bool, shard: str | None, update: bool, junit_xml: Path | None,
          base_url: str | None, http_url: str | None, ca_file: str | None, jobs: int | None,
          timeout: float, deadline: float, changed_from: str | None,
          languages: tuple[str, ...]) -> int:
    """Run every snippet (or only those of the examples ID...) against the sandbox and prove
    what the docs say it does."""
    if changed_from is not None:
        if example_ids:
            raise click.UsageError("give either example IDs or --changed, not both")
        example_ids = _changed_examples(changed_from, spec_path)
        if not example_ids:
            click.echo(f"no example differs from {changed_from}; nothing to check")
            return 0
        click.echo(f"checking the examples that differ from {changed_from}: "
                   f"{', '.join(example_ids)}")
    from .check.command import check_docs
    from .check.options import CheckOptions

    if context.get_parameter_source("languages") is click.ParameterSource.ENVIRONMENT:
        # Set once in a shell, it is easy to forget: say what this check leaves out.
        left_out = [key for key in LANGUAGES if key not in languages]
        click.echo(f"GUIDES_LANGUAGES is set: checking {', '.join(languages)} only, not "
                   f"{', '.join(left_out) or 'nothing else'}", err=True)
    options = CheckOptions(use_cache=not no_cache, shard=_shard(shard),
                           timeout=timeout, deadline=deadline, base_url=base_url, http_url=http_url,
                           ca_file=ca_file, examples=example_ids,
                           languages=tuple(sorted(set(languages), key=list(LANGUAGES).index)))
    if jobs:
        options = dataclasses.replace(options, jobs=jobs)
    return check_docs(spec_path, options, update=update, junit_xml=junit_xml, out=sys.stdout)


def _changed_examples(base: str, spec_path: Path) -> tuple[str, ...]:
    from .diff import changed_examples, project_at
    from .model import load_project

    with project_at(base, spec_path) as before:
        return tuple(changed_examples(before, load_project(spec_path)))


#: The extra (pyproject.toml) each command needs beyond what building the site needs.
_EXTRAS = {"sandbox": "sandbox", "check": "check", "feedback": "feedback", "mcp": "assistants"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; user mistakes print one clear message, never a traceback."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        # Without standalone mode, click returns what the command returned (an exit status
        # for those that report failures: check, linkcheck) and the status of --help.
        status = cli.main(args=args, prog_name="guides", standalone_mode=False)
    except GuidesError as err:
        click.echo(f"error: {err}" if "\n" not in str(err) else str(err), err=True)
        return err.exit_code
    except click.ClickException as err:
        err.show()
        return EXIT_BAD_INPUT if err.exit_code == 2 else err.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except ModuleNotFoundError as err:
        # The command is the first word that is not an option (the group's are flags).
        command = next((arg for arg in args if not arg.startswith("-")), None)
        if command not in _EXTRAS or err.name is None:
            raise
        click.echo(f"error: `guides {command}` needs {err.name}, which is not installed: "
                   f"pip install 'trustleads-guides[{_EXTRAS[command]}]' (or `make test`, "
                   "which installs everything)", err=True)
        return EXIT_BAD_INPUT
    return status if isinstance(status, int) else 0


if __name__ == "__main__":
    sys.exit(main())
