"""Static files with content-hashed names, compressed, that still work before `collectstatic`."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """whitenoise's compressed manifest storage, but a file it has not collected keeps its name.

    `hizakoshi serve` and `hizakoshi run` run collectstatic first, so every page names hashed,
    compressed files that can be cached for a year. Without it (a fresh checkout under
    `runserver`, the tests) the manifest storage would fail every page that names a static
    file; here such a file keeps its plain name and whitenoise serves it from the app folders.
    """

    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:  # not in the manifest, and not in STATIC_ROOT to hash either
            return name
