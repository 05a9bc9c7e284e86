"""The languages every example is shown in, and how a reader runs each."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["LANGUAGES", "TRUST_STORE_COMMAND", "TRUST_STORE_PASSWORD", "Language"]


class Language(NamedTuple):
    label: str
    """Tab label shown to readers."""
    filename: str
    """File name under ``snippets/<example id>/``."""
    highlight: str
    """Pygments lexer for the code block."""
    command: tuple[str, ...]
    """How the pages tell a reader to run the file, from its folder; the check runs it so."""
    ca_variable: str
    """The variable a reader sets to trust another certificate authority (a sandbox's)."""
    runtime: str
    """The program on PATH without which no sample of the language runs."""
    package: str
    """The Debian package that installs `runtime`."""
    ca_value: str = "{pem}"
    """What that variable holds: ``{pem}`` the authority's PEM file, ``{p12}`` a PKCS#12
    trust store made of it (with `TRUST_STORE_PASSWORD`), for a runtime that reads no PEM."""
    cache_variables: tuple[str, ...] = ()
    """Variables naming a cache a reader's runtime keeps in their home between runs (Go's
    build cache); the check, whose runs get an empty home, points them at a folder it keeps
    between checks, so that a run compiles the sample, not the standard library."""
    request_markers: tuple[str, ...] = ()
    """Text on the line where a sample of the language sends its request: a failure with no
    line of its own points there."""
    requirements: tuple[str, ...] = ()
    """What the pages tell a reader to install with pip for the samples: the check runs them
    where only these (and what they require) are installed."""
    start_cost: float = 0.0
    """Roughly the CPU seconds one run costs here: the check starts the dearest first, so
    that the cheap ones fill the gaps at the end."""

    @property
    def runs_itself(self) -> bool:
        """Whether the file is run by its shebang, and so must be executable."""
        return self.command == (f"./{self.filename}",)

    @property
    def reads_pem(self) -> bool:
        """Whether the CA variable names the authority's PEM file itself."""
        return self.ca_value == "{pem}"


#: The password of a trust store made for `Language.ca_value` (it guards nothing: a trust
#: store holds only public certificates, and Java's keytool wants one).
TRUST_STORE_PASSWORD = "changeit"
#: How a reader makes that trust store of the authority's PEM file, as the pages say and the
#: check does: the JDK's keytool.
TRUST_STORE_COMMAND = ("keytool", "-importcert", "-noprompt", "-alias", "sandbox", "-file",
                       "{pem}", "-keystore", "{p12}", "-storetype", "PKCS12", "-storepass",
                       TRUST_STORE_PASSWORD)

#: Every example is shown in these languages, in this order.
LANGUAGES: dict[str, Language] = {
    "curl": Language("curl", "curl.sh", "sh", ("./curl.sh",), "CURL_CA_BUNDLE", "curl", "curl",
                     request_markers=("curl ",), start_cost=0.02),
    "python": Language("Python", "python.py", "python", ("python3", "python.py"),
                       "SSL_CERT_FILE", "python3", "python3",
                       requirements=("httpx",), request_markers=("httpx.", "client."),
                       start_cost=0.25),
    "node": Language("JavaScript", "node.mjs", "js", ("node", "node.mjs"),
                     "NODE_EXTRA_CA_CERTS", "node", "nodejs",
                     request_markers=("fetch(",), start_cost=0.3),
    # Go's crypto/x509 reads SSL_CERT_FILE on Linux (in place of the system's roots).
    "go": Language("Go", "main.go", "go", ("go", "run", "main.go"), "SSL_CERT_FILE",
                   "go", "golang-go", cache_variables=("GOCACHE",),
                   request_markers=("client.", "http."), start_cost=1.0),
    # Net::HTTP verifies with OpenSSL's default paths, which honour SSL_CERT_FILE.
    "ruby": Language("Ruby", "main.rb", "ruby", ("ruby", "main.rb"), "SSL_CERT_FILE",
                     "ruby", "ruby", request_markers=("Net::HTTP.", "http.request("),
                     start_cost=0.1),
    # PHP's https stream wrapper, without openssl.cafile set, uses OpenSSL's default
    # paths too (the curl extension's libcurl would not: it reads no variable).
    "php": Language("PHP", "main.php", "php", ("php", "main.php"), "SSL_CERT_FILE",
                    "php", "php-cli", request_markers=("file_get_contents(",),
                    start_cost=0.15),
    # The java launcher reads JDK_JAVA_OPTIONS; Java trusts a key store, not a PEM file.
    # `java Main.java` compiles the file: a JRE without javac cannot run it.
    "java": Language("Java", "Main.java", "java", ("java", "Main.java"), "JDK_JAVA_OPTIONS",
                     "javac", "default-jdk-headless",
                     ca_value="-Djavax.net.ssl.trustStore={p12} "
                              f"-Djavax.net.ssl.trustStorePassword={TRUST_STORE_PASSWORD}",
                     request_markers=("client.",), start_cost=3.0),
}
