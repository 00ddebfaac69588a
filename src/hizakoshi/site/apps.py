from __future__ import annotations

from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Holds the base templates, the stylesheet and the error pages."""

    name = "hizakoshi.site"
    label = "hizakoshi_site"
    verbose_name = "hizakoshi site"
