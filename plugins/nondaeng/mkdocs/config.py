from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..core.pages import DEFAULT_GENERATED


class NonDaengConfig(Config):
    enabled = c.Type(bool, default=True)
    # the content folder (practices/), resolved against mkdocs.yml
    content_dir = c.Dir(exists=True, default="practices")
    # folders under docs_dir that the plugin owns and rewrites from the content at every build
    generated = c.ListOfItems(c.Type(str), default=list(DEFAULT_GENERATED))
    # site templates that override the plugin's own (same file names)
    templates_dir = c.Optional(c.Dir(exists=True))
    # draft text (still starting with 'ร่าง:' / 'DRAFT:') stops the build (T003 as an error);
    # unset: the NONDAENG_STRICT_DRAFTS environment variable decides, which the pull-request
    # check and the deploy build set, and `make serve` does not (drafts are shown, marked)
    strict_drafts = c.Optional(c.Type(bool))
    # the contribution form (/contribute/new/): the GitHub repository ("owner/name") and branch
    # its "create a new file" link opens (default: taken from edit_uri), and the address
    # contributors without a GitHub account send their file to
    repository = c.Optional(c.Type(str))
    branch = c.Optional(c.Type(str))
    contact_email = c.Type(str, default="")
    # answers kept between builds (Thai word cuts, the guard's passed pages), relative to
    # the project folder; "" keeps nothing on disk
    cache_dir = c.Type(str, default=".cache/nondaeng")
