"""`mkdocs serve` on the real site (issue 15, part 2): one build per edit, and a content
error shown as a page in the browser instead of a request that hangs.

Runs the real `mkdocs serve` on 127.0.0.1 on a copy of the project, edits the content the
way a contributor does, and reads the server's log and pages.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import MKDOCS, make_project

PRACTICE = "elder-home-visits"
TIMEOUT = 240  # s: the machine may be shared; a real build of the site takes a few seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


class Serve:
    def __init__(self, project: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = project / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NONDAENG_SITE_URL": self.url}
        self.proc = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{self.port}"], cwd=project, env=env,
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT)

    def text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def builds(self) -> int:
        return self.text().count("Building documentation")

    def wait_log(self, pattern: str, count: int = 1) -> None:
        deadline = time.monotonic() + TIMEOUT
        while len(re.findall(pattern, self.text())) < count:
            assert self.proc.poll() is None, f"mkdocs serve stopped:\n{self.text()[-3000:]}"
            assert time.monotonic() < deadline, f"no '{pattern}' in the log:\n{self.text()}"
            time.sleep(0.2)

    def wait_page(self, path: str, want, status: int = 200) -> str:
        deadline = time.monotonic() + TIMEOUT
        while True:
            code, body = get(self.url + path)
            if code == status and want(body):
                return body
            assert time.monotonic() < deadline, f"{path}: {code}\n{body[:500]}\n{self.text()}"
            time.sleep(0.3)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path)
    server = Serve(project)
    try:
        server.wait_log(r"Serving on")
        yield project, server
    finally:
        server.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_one_build_per_edit(served):
    project, server = served
    page = f"practices/{PRACTICE}/"
    server.wait_page(page, lambda body: "เยี่ยมบ้าน" in body)
    before = server.builds()
    source = project / "practices" / "practice" / f"{PRACTICE}.yml"
    edit(source, "  th: เยี่ยมบ้านผู้สูงอายุที่อยู่ลำพังอย่างสม่ำเสมอ",
         "  th: เยี่ยมบ้านผู้สูงอายุที่อยู่ลำพังอย่างสม่ำเสมอทุกสัปดาห์")
    server.wait_page(page, lambda body: "อย่างสม่ำเสมอทุกสัปดาห์" in body)
    server.wait_log(r"Reloading browsers", before)
    # the generated pages the build wrote into docs/ must not start another build: wait
    # longer than the watcher's polling (0.5 s) and build delay, then count
    time.sleep(6)
    assert server.builds() - before == 1, server.text()


def test_content_error_is_a_page(served):
    project, server = served
    page = f"practices/{PRACTICE}/"
    source = project / "practices" / "practice" / f"{PRACTICE}.yml"
    edit(source, "problems: [elder-alone,", "problems: [no-such-problem,")
    body = server.wait_page(page, lambda body: "nondaeng-build-errors" in body, status=500)
    assert "R001" in body and "no-such-problem" in body and f"{PRACTICE}.yml" in body
    # every page shows it, the English ones too, and the request does not hang
    code, body = get(server.url + "en/")
    assert code == 500 and "no-such-problem" in body
    # assets still load (the page's own styles are not replaced by the error page)
    edit(source, "problems: [no-such-problem,", "problems: [elder-alone,")
    server.wait_page(page, lambda body: "เยี่ยมบ้าน" in body and "nondaeng-build-errors"
                     not in body)
