"""The ``nondaeng`` command: ``nondaeng validate [PATH...]``, ``nondaeng new KIND [SLUG]``.

Exit status: 0 when the content is valid, 1 when it has errors (or warnings under
``--strict``), 2 when the command itself was called wrongly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.diagnostics import Diagnostic, printable
from .core.pages import check_site
from .core.pipeline import load_content
from .core.validate import display_path, errors, internal_error
from .scaffold import ScaffoldError, create


def _print(diags: list[Diagnostic], fmt: str) -> None:
    """One line per diagnostic in either format, whatever a file name holds."""
    for d in diags:
        print(d.github() if fmt == "github" else d.full_text())


def cmd_validate(args: argparse.Namespace) -> int:
    roots = args.paths or [Path("practices")]
    all_diags: list[Diagnostic] = []
    counts = {"practices": 0, "stories": 0}
    for root in roots:
        try:
            model, diags = load_content(Path(root), strict_drafts=args.strict_drafts or None)
        except Exception as exc:  # a bug, never a traceback: reported as a finding
            all_diags.append(internal_error(display_path(Path(root)), exc))
            continue
        all_diags.extend(diags)
        counts["practices"] += len(model.practices)
        counts["stories"] += len(model.stories)
    # the guide pages and assets under docs/: with --docs, or by default beside mkdocs.yml
    config = args.config if args.config else (None if args.paths else Path("mkdocs.yml"))
    pages = ""
    if config is not None and config.is_file():
        try:
            n_files, diags = check_site(config)
        except Exception as exc:
            n_files, diags = 0, [internal_error(display_path(config), exc)]
        all_diags.extend(diags)
        pages = f", {n_files} files under docs/"
    _print(all_diags, args.format)
    n_err = len(errors(all_diags))
    n_warn = len(all_diags) - n_err
    summary = (f"{counts['practices']} practices, {counts['stories']} stories{pages}: "
               f"{n_err} error(s), {n_warn} warning(s)")
    print(summary, file=sys.stderr)
    return 1 if n_err or (args.strict and n_warn) else 0


def cmd_new(args: argparse.Namespace) -> int:
    slug = args.slug
    if slug is None:
        prompt = ("ชื่อไฟล์ภาษาอังกฤษ (slug) เช่น elder-home-visits / "
                  "slug, e.g. elder-home-visits: ")
        try:
            slug = input(prompt)
        except EOFError:
            print()
            slug = ""
    try:
        path = create(args.kind, slug, args.content)
    except ScaffoldError as exc:
        print(printable(f"nondaeng new: {exc}"), file=sys.stderr)
        return 2
    print(printable(f"สร้างแล้ว / created: {path.as_posix()}"))
    print("ต่อไป: แก้ข้อความที่ขึ้นต้นด้วย ร่าง: / DRAFT: แล้วรัน make validate\n"
          "next: rewrite every text starting with ร่าง: / DRAFT:, then run make validate")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nondaeng", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check content folders (default: practices/)")
    v.add_argument("paths", nargs="*", type=Path, help="content folders to check")
    v.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: GitHub Actions annotations")
    v.add_argument("--config", type=Path, metavar="MKDOCS_YML",
                   help="also check the guide pages and assets of this site's docs/ (done by "
                        "default with ./mkdocs.yml when no PATH is given)")
    v.add_argument("--strict", action="store_true",
                   help="treat warnings (missing translations) as errors")
    v.add_argument("--strict-drafts", action="store_true",
                   help="text still marked 'ร่าง:' / 'DRAFT:' is an error (T003), as in the "
                        "pull-request check and the deploy build (also: NONDAENG_STRICT_DRAFTS=1)")
    v.set_defaults(func=cmd_validate)
    n = sub.add_parser("new", help="create a valid skeleton of a new practice or example story")
    n.add_argument("kind", choices=("practice", "story"))
    n.add_argument("slug", nargs="?",
                   help="file name and URL part, e.g. elder-home-visits (asked for if left out)")
    n.add_argument("--content", type=Path, default=Path("practices"),
                   help="content folder (default: practices/)")
    n.set_defaults(func=cmd_new)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
