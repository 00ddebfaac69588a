"""gunicorn, run from inside `hizakoshi serve`, with an access log that keeps secret links out."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from hizakoshi.site.logredact import RedactTokens, redact

# Every atom of gunicorn's access-log format that can hold a URL.
_URL_ATOMS = ("r", "U", "q", "f")


class AccessLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger with secret link tokens redacted from the access and error logs."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.addFilter(RedactTokens())  # "Error handling request /r/…"

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            # {raw_uri}e, {path_info}e, {referer}i and the like, besides the one-letter atoms.
            if isinstance(value, str) and (key in _URL_ATOMS or key.startswith("{")):
                atoms[key] = redact(value)
        return atoms


class Server(BaseApplication):  # type: ignore[misc]
    """A gunicorn application with its options given in code (no config file, no argv)."""

    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application, self.options = application, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def options(*, bind: str, workers: int) -> dict[str, Any]:
    return {
        "bind": [bind],
        "workers": workers,
        "worker_class": "sync",
        "accesslog": "-",
        "errorlog": "-",
        "logger_class": "hizakoshi.site.server.AccessLogger",
        # Seconds a request may take; the slowest page (an export) takes well under one.
        "timeout": 30,
        "graceful_timeout": 20,
        "proc_name": "hizakoshi",
        # gunicorn's runtime control socket lives in the home folder, one per user: two instances
        # on one machine would fight over it, and nothing here uses it.
        "control_socket_disable": True,
    }
