"""Remove secrets from command output before it can reach a page."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

# Environment variables whose names say they hold a secret.
_SECRET_NAME = re.compile(
    r"TOKEN|SECRET|PASSW|PASSPHRASE|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE|AUTH|COOKIE|SESSION",
    re.IGNORECASE,
)
# Shapes of well-known credentials, whatever variable they came from.
_PATTERNS = [
    (
        re.compile(
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.DOTALL
        ),
        "[redacted private key]",
    ),
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "[redacted AWS key id]"),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"), "[redacted GitHub token]"),
    (re.compile(r"\bgithub_pat_[A-Za-z0-9_]{20,}\b"), "[redacted GitHub token]"),
    (re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}\b"), "[redacted Slack token]"),
    (re.compile(r"\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}\b"), "[redacted JWT]"),
    (
        re.compile(
            r"(?i)\b(password|passwd|secret|token|api[_-]?key|access[_-]?key"
            r"|secret[_-]?access[_-]?key)(\s*[:=]\s*)(\S+)"
        ),
        r"\1\2[redacted]",
    ),
]
_MIN_SECRET = 6  # shorter values ("1", "true") would blank out ordinary words


class Redactor:
    def __init__(self, environ: Mapping[str, str] | None = None, home: str | None = None) -> None:
        environ = os.environ if environ is None else environ
        self._values = sorted(
            (
                (value, name)
                for name, value in environ.items()
                if _SECRET_NAME.search(name) and len(value) >= _MIN_SECRET
            ),
            key=lambda pair: -len(pair[0]),  # longest first, so no secret is half replaced
        )
        home = str(Path.home()) if home is None else home
        self._home = home.rstrip("/") if home not in ("", "/") else None

    def __call__(self, text: str) -> str:
        for value, name in self._values:
            text = text.replace(value, f"[redacted ${name}]")
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        if self._home:
            text = re.sub(re.escape(self._home) + r"(?=/|\b|$)", "~", text)
        return text
