"""A new contributor follows the Thai CONTRIBUTING.md, command by command, on a fresh clone.

The commands are read from the guide itself: every fenced block right after a
``<!-- walkthrough -->`` line, in order. So the guide and this test cannot drift: change a
command in the guide and this test runs the new one.

What the test adds is only what a person does between the commands, or what cannot happen
here: the clone comes from this repository instead of the contributor's fork on GitHub; the
push goes to a bare repository in tmp_path that stands in for the fork; ``make`` uses the
already installed .venv (``VENV=...`` and ``-o`` its install stamp) instead of installing a
new one from the network; and after ``make new-practice`` the test "writes the content" by
replacing every draft text, as the guide tells the contributor to.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from nondaeng.scaffold import draft_markers

MARK = "<!-- walkthrough -->"
BLOCK = re.compile(re.escape(MARK) + r"\n```(?:sh|bash|console)\n(.*?)\n```", re.S)
TITLE = {"th": "ธนาคารข้าวของผู้ร่วมงานใหม่", "en": "A new contributor's rice bank"}
VENV = Path(sys.prefix)


def walkthrough(guide: Path) -> list[list[str]]:
    """The commands of the guide's walkthrough blocks, split as a shell would split them."""
    text = guide.read_text("utf-8")
    commands = []
    for block in BLOCK.findall(text):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                commands.append(shlex.split(line))
    return commands


def test_the_thai_and_english_guides_give_the_same_commands():
    th = walkthrough(ROOT / "CONTRIBUTING.md")
    assert th == walkthrough(ROOT / "CONTRIBUTING.en.md")
    # the guide links its English version, and the English one links back
    assert "CONTRIBUTING.en.md" in (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert "](CONTRIBUTING.md)" in (ROOT / "CONTRIBUTING.en.md").read_text("utf-8")


def test_the_walkthrough_covers_every_step():
    cmds = [" ".join(c[:2]) for c in walkthrough(ROOT / "CONTRIBUTING.md")]
    for step in ("git clone", "make new-practice", "make validate", "make build", "git add",
                 "git commit", "git push"):
        assert step in cmds, f"CONTRIBUTING.md has no walkthrough step '{step}'"
    assert cmds.index("make new-practice") < cmds.index("make validate") < cmds.index(
        "git commit")


def fill_in(path: Path) -> None:
    """What the guide asks of the contributor: rewrite every draft text, drop the marker."""
    text = path.read_text("utf-8")
    before = list(draft_markers(yaml.safe_load(text)))
    assert before, "the skeleton has no draft texts"
    done = {"th": False, "en": False}

    def write(match: re.Match) -> str:
        lead, lang = match.group(1), match.group(2)
        if not done[lang]:  # the first text of each language is the title
            done[lang] = True
            return f'{lead}"{TITLE[lang]}"'
        if lang == "th":
            return f'{lead}"ข้อความที่ผู้ร่วมงานใหม่เขียนเอง"'
        return f'{lead}"Text the new contributor wrote"'

    text = re.sub(r'(?m)^(\s*(?:- )?(th|en): )"(?:ร่าง|DRAFT):[^"]*"', write, text)
    path.write_text(text, "utf-8")
    data = yaml.safe_load(text)
    assert list(draft_markers(data)) == []
    assert data["title"] == TITLE


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({
        "HOME": str(home),
        "GIT_AUTHOR_NAME": "New Contributor", "GIT_AUTHOR_EMAIL": "new@example.org",
        "GIT_COMMITTER_NAME": "New Contributor", "GIT_COMMITTER_EMAIL": "new@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        # the checkout may belong to another user (CI containers); command-line scope
        "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": "*",
        "NO_MKDOCS_2_WARNING": "1",
    })
    return env


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, (
        f"`{shlex.join(cmd)}` in {cwd} exited {result.returncode}\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


@pytest.mark.build
def test_a_new_contributor_follows_the_thai_guide_on_a_fresh_clone(tmp_path):
    commands = walkthrough(ROOT / "CONTRIBUTING.md")
    home = tmp_path / "home"
    home.mkdir()
    env = git_env(home)
    fork = tmp_path / "fork.git"  # stands in for the contributor's fork on GitHub
    run(["git", "init", "--quiet", "--bare", str(fork)], tmp_path, env)
    cwd = tmp_path
    created: Path | None = None
    branch = slug = None

    for cmd in commands:
        if cmd[0] == "cd":
            cwd = cwd / cmd[1]
            assert cwd.is_dir(), f"`cd {cmd[1]}`: no such folder"
            continue
        if cmd[:2] == ["git", "clone"]:
            url = cmd[2]
            target = cmd[3] if len(cmd) > 3 else Path(url).name.removesuffix(".git")
            run(["git", "clone", "--quiet", "--no-local", str(ROOT), target], cwd, env)
            clone = cwd / target
            run(["git", "remote", "set-url", "origin", str(fork)], clone, env)
            env["PYTHONPATH"] = str(clone / "plugins")  # the clone's code, not this checkout's
            continue
        if cmd[0] == "make":
            stamp = VENV / ".installed"
            result = run(["make", f"VENV={VENV}", "-o", str(stamp), *cmd[1:]], cwd, env)
            if cmd[1] in ("new-practice", "new-story"):
                kind = cmd[1].removeprefix("new-")
                slug = next(a.split("=", 1)[1] for a in cmd if a.startswith("slug="))
                created = cwd / "practices" / kind / f"{slug}.yml"
                assert created.is_file(), result.stdout + result.stderr
                assert created.read_text("utf-8").startswith("# yaml-language-server: $schema=")
                fill_in(created)
            continue
        if cmd[:2] == ["git", "switch"]:
            branch = cmd[-1]
        if cmd[:2] == ["git", "push"]:
            assert cmd[-1] == branch, "the guide pushes a branch other than the one it made"
        run(cmd, cwd, env)

    assert created is not None and slug is not None, "the guide never creates an entry"
    # validate and build ran (their exit codes were checked above); the entry is on the site
    site = cwd / "site"
    th = (site / "practices" / slug / "index.html").read_text("utf-8")
    en = (site / "en" / "practices" / slug / "index.html").read_text("utf-8")
    assert TITLE["th"] in th
    assert "A new contributor&#39;s rice bank" in en or "A new contributor's rice bank" in en
    assert slug in (site / "practices" / "index.html").read_text("utf-8")
    # the commit holds exactly the new entry, and it reached the "fork"
    rel = created.relative_to(cwd).as_posix()
    files = run(["git", "show", "--name-only", "--format=", "HEAD"], cwd, env).stdout.split()
    assert files == [rel]
    pushed = run(["git", f"--git-dir={fork}", "show", f"{branch}:{rel}"], tmp_path, env).stdout
    assert TITLE["th"] in pushed and list(draft_markers(yaml.safe_load(pushed))) == []
