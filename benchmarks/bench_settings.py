"""Settings for bench_server.py only: the production settings plus a bare view to compare with."""

from __future__ import annotations

from hizakoshi.site.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
