"""Dockerfile blocks: built with the real engine, then run or served if the mark says so.

The build context holds the Dockerfile and the page's ``check="file"`` blocks above
it (e.g. the app it copies in). Images and containers get names of their own and
are removed afterwards, whatever happened.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from studynotes.live.runner import RunResult, Unavailable, execute, scrubbed_env
from studynotes.snippets.fences import Block
from studynotes.snippets.language import Kind, Language
from studynotes.snippets.outcome import Failure, failure, judge
from studynotes.snippets.snippet import Snippet

BUILD_TIMEOUT = 600
RUN_TIMEOUT = 120
SERVE_WAIT = 60  # seconds for a served app to answer
_ENV = ["DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG"]
# What BuildKit and the classic builder print when a registry cannot be reached.
_PULL_FAILED = re.compile(
    r"(no such host|dial tcp[^\n]*|i/o timeout|TLS handshake timeout|"
    r"failed to resolve source metadata[^\n]*|pull access denied[^\n]*|"
    r"connection refused|network is unreachable)",
    re.IGNORECASE,
)
_FROM = re.compile(r"^\s*FROM\s+(?:--platform=\S+\s+)?(?P<image>\S+)", re.IGNORECASE)


class DockerChecker:
    def __init__(self, home: Path, docker: str = "docker") -> None:
        self.docker = docker
        self.home = home
        self._available: str | bool | None = False  # False: not asked yet

    def check(self, snippet: Snippet, files: dict[str, str]) -> Failure | None:
        problem = self.unavailable()
        if problem:
            return failure(
                snippet,
                f"needs a Docker engine: {problem}",
                fix="Start one (CI: scripts/docker-up.sh)",
            )
        tag = _name(snippet)
        try:
            with tempfile.TemporaryDirectory(prefix="snippet-docker-") as context:
                for name, text in {**files, "Dockerfile": snippet.block.source}.items():
                    (Path(context) / name).write_text(text, encoding="utf-8")
                build = self.run(
                    ["image", "build", "--force-rm", "--tag", tag, context], BUILD_TIMEOUT
                )  # --force-rm: no leftovers from a failed step
            if build.exit_code != 0 or build.timed_out:
                pull = self.pull_failure(snippet, build.output)
                if pull:
                    return pull
                return failure(
                    snippet,
                    "does not build",
                    f"docker image build --tag {tag} .",
                    build.output,
                    "Fix the Dockerfile (and the files it copies)",
                )
            if snippet.kind == "run":
                command = ["container", "run", "--rm", tag]
                return judge(snippet, "docker " + " ".join(command), self.run(command, RUN_TIMEOUT))
            if snippet.kind == "serve":
                return self.serve(snippet, tag)
            return None
        finally:
            self.run(["image", "rm", "--force", tag], RUN_TIMEOUT)

    def pull_failure(self, snippet: Snippet, output: str) -> Failure | None:
        """A base image that cannot be pulled is the network's doing, not the Dockerfile's:
        say which image, which images this machine has, and how to mark the block."""
        if not _PULL_FAILED.search(output):
            return None
        bases = _base_images(snippet.block.source)
        line, image = bases[0] if bases else (0, "its base image")
        listed = self.run(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"], RUN_TIMEOUT)
        here = sorted(
            name
            for name in listed.output.split()
            if "<none>" not in name and not name.startswith("studynotes-snippet/")
        )
        cause = next((m.strip() for m in _PULL_FAILED.findall(output)), "")
        return failure(
            snippet,
            f"the base image '{image}' cannot be pulled: no registry answers from this "
            f"machine ({cause})",
            output=output,
            fix=(
                f"Build FROM an image this machine has ({', '.join(here) or 'none'}), or "
                f'mark the block illustrative="needs {image} from a registry"'
            ),
            line=snippet.block.line + line,
        )

    def serve(self, snippet: Snippet, tag: str) -> Failure | None:
        """Start it with the port published on 127.0.0.1 only, ask for /, compare, remove."""
        port = snippet.block.options["port"]
        expected = snippet.block.options["response"]
        name = tag.replace("/", "-").replace(":", "-")
        start = [
            "container",
            "run",
            "--detach",
            "--name",
            name,
            "--publish",
            f"127.0.0.1::{port}",
            tag,
        ]
        command = "docker " + " ".join(start)
        try:
            started = self.run(start, RUN_TIMEOUT)
            if started.exit_code != 0:
                return failure(snippet, "the container does not start", command, started.output)
            mapped = self.run(["container", "port", name, f"{port}/tcp"], RUN_TIMEOUT).output
            url = f"http://{mapped.split()[0]}/" if mapped.strip() else ""
            body, problem = self._fetch(url, name)
            if problem:
                logs = self.run(["container", "logs", name], RUN_TIMEOUT).output
                return failure(snippet, problem, f"{command}; GET {url}", logs)
            if body.strip() != expected:
                return failure(
                    snippet,
                    f"GET {url} returned {body.strip()[:200]!r}, not {expected!r}",
                    command,
                    fix="Fix the app, or the fence's response=",
                )
            return None
        finally:
            self.run(["container", "rm", "--force", name], RUN_TIMEOUT)

    def _fetch(self, url: str, name: str) -> tuple[str, str]:
        """The body of GET url once the app answers; or why it never did."""
        if not url:
            return "", "the port is not published"
        deadline = time.monotonic() + SERVE_WAIT
        last = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.read().decode("utf-8", "replace"), ""
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                last = str(error)
            state = self.run(["container", "inspect", "--format", "{{.State.Running}}", name], 30)
            if state.output.strip() != "true":
                return "", "the container stopped before answering"
            time.sleep(0.5)
        return "", f"no answer from {url} within {SERVE_WAIT} s ({last})"

    def run(self, args: list[str], timeout: float) -> RunResult:
        return execute(
            [self.docker, *args],
            cwd=self.home,
            timeout=timeout,
            max_output=200_000,
            env=scrubbed_env(_ENV, self.home),
        )

    def unavailable(self) -> str | None:
        if self._available is False:
            try:
                probe = self.run(["version", "--format", "{{.Server.Version}}"], 30)
                self._available = None if probe.exit_code == 0 else probe.output.strip()[-300:]
            except Unavailable as missing:
                self._available = str(missing)
        return self._available or None


def _base_images(dockerfile: str) -> list[tuple[int, str]]:
    """(line within the block, image) of each FROM that names an image, not a stage."""
    stages: set[str] = set()
    found = []
    for number, line in enumerate(dockerfile.splitlines(), start=1):
        match = _FROM.match(line)
        if match:
            image = match["image"]
            if image.lower() not in stages and image != "scratch":
                found.append((number, image))
            alias = re.search(r"\bAS\s+(\S+)", line, re.IGNORECASE)
            if alias:
                stages.add(alias.group(1).lower())
    return found


def _name(snippet: Snippet) -> str:
    """e.g. studynotes-snippet/containers-flask-exercise-65:1234 (unique per process)."""
    page = re.sub(r"[^a-z0-9]+", "-", snippet.block.page.lower().removeprefix("docs/"))
    page = page.removesuffix("-md").strip("-")
    return f"studynotes-snippet/{page}-{snippet.block.line}:{os.getpid()}"


def _serve_options(block: Block, kind: str) -> tuple[str, str] | None:
    """check="serve" needs the port the app listens on and what it answers."""
    if kind != "serve":
        return None
    if not block.options.get("port", "").isdigit():
        return (
            'check="serve" needs port="N", the port the container listens on',
            'Add e.g. port="5000"',
        )
    if not block.options.get("response"):
        return (
            'check="serve" needs response="TEXT", what the page at / returns',
            'Add e.g. response="Hello"',
        )
    return None


LANGUAGE = Language(
    family="dockerfile",
    names=("dockerfile", "docker"),
    kinds={
        "build": Kind(
            'dockerfile check="build"',
            'builds it with the real Docker engine, with the page\'s `check="file"` blocks',
        ),
        "run": Kind(
            'dockerfile check="run"',
            'builds it and runs the image, which must exit 0 (add a `check="output"` '
            "block to compare)",
        ),
        "serve": Kind(
            'dockerfile check="serve" port="5000" response="TEXT"',
            "builds it, starts it with the port published on 127.0.0.1 only, asks for `/`, "
            "expects `TEXT`, removes it",
        ),
    },
    make=lambda context: DockerChecker(context.home).check,
    hint="```dockerfile",
    options=("port", "response"),
    validate=_serve_options,
)
