"""The published site's service worker (issue 18), in headless Chromium.

The real site (the session's `mkdocs build`) with the real handout PDFs of one practice, served
on 127.0.0.1. "No connection" is both Playwright's offline mode and the server stopped; it is
started again on the same port (the same origin, so the same worker and caches) to go back
online. A new build is published by changing a page and the build id in /sw.js, as a new
`mkdocs build` does.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.build]

PRACTICE = "elder-home-visits"
OTHER = "community-fund-support"


class Server:
    """A static server on 127.0.0.1 that can be stopped and started again on its port."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = 0
        self.httpd = None

    def start(self) -> str:
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", self.port), functools.partial(Quiet, directory=str(self.folder)))
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def published(site, tmp_path):
    """A copy of the built site with the handout PDFs of two practices printed into it."""
    folder = tmp_path / "site"
    shutil.copytree(site, folder)
    printed = subprocess.run(
        [sys.executable, "-m", "nondaeng.pdf", "--site-dir", str(folder), "--only", PRACTICE,
         OTHER], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert printed.returncode == 0, printed.stderr
    server = Server(folder)
    base = server.start()
    yield folder, server, base
    if server.httpd is not None:
        server.stop()


def build_id(folder: Path) -> str:
    return re.search(r'const BUILD = "([0-9a-f]{16})"', (folder / "sw.js").read_text()).group(1)


def cache_names(page) -> list[str]:
    return page.evaluate("caches.keys()")


def cached_urls(page) -> list[str]:
    return page.evaluate("""async () => { const out = [];
        for (const n of await caches.keys())
          for (const r of await (await caches.open(n)).keys()) out.push(r.url);
        return out }""")


def wait_until(page, script: str, arg=None, seconds: float = 20) -> None:
    """Poll ``script`` (which may return a promise) until it is truthy."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {script}")


def go_offline(ctx, server) -> None:
    ctx.set_offline(True)
    server.stop()


def go_online(ctx, server) -> None:
    server.start()
    ctx.set_offline(False)


def test_the_worker_is_written_at_the_root_with_the_build_id(site):
    sw = (site / "sw.js").read_text("utf-8")
    assert "__NONDAENG_BUILD__" not in sw
    assert re.search(r'const BUILD = "[0-9a-f]{16}"', sw)
    assert not (site / "assets" / "js" / "sw.js").exists()
    page = (site / "practices" / PRACTICE / "index.html").read_text("utf-8")
    assert "assets/js/sw-register.js" in page
    assert not re.search(r"https?:", sw)  # it names no host: only this site's addresses


def test_read_again_without_a_connection_and_a_new_build_replaces_it(browser, published):
    folder, server, base = published
    ctx = browser.new_context()
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    practice = f"{base}/practices/{PRACTICE}/"
    pdf = f"{base}/handouts/{PRACTICE}.th.pdf"

    page.goto(practice)
    page.wait_for_selector("html[data-nd-offline=seen]")
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == base + "/"
    title = page.locator("article h1").inner_text()

    # "keep for offline": the page and its handout PDFs
    page.locator(".nd-keep button").click()
    page.wait_for_selector("html[data-nd-offline=kept]")
    assert re.search(r"เก็บแล้ว.*\d+ ไฟล์", page.locator(".nd-keep [role=status]").inner_text())

    # another practice, only opened (the worker controls the page now and keeps it)
    page.goto(f"{base}/practices/{OTHER}/")
    wait_until(page, "u => caches.match(u).then(Boolean)", f"{base}/practices/{OTHER}/")
    # a request to another host (another origin on the loopback) is never kept
    other = Server(ROOT / "docs" / "assets" / "css")
    other_base = other.start()
    page.evaluate("u => fetch(u, {mode: 'no-cors'}).then(() => true)", f"{other_base}/site.css")
    other.stop()
    assert all(u.startswith(base + "/") for u in cached_urls(page))

    build = build_id(folder)
    assert {f"nondaeng-kept-{build}", f"nondaeng-seen-{build}"} == set(cache_names(page))

    # no connection: the practice, its PDF and the other practice open again
    go_offline(ctx, server)
    page.goto(practice)
    assert page.locator("article h1").inner_text() == title
    with page.expect_response(lambda r: r.url == pdf) as response:
        page.goto(pdf)
    assert response.value.status == 200
    assert response.value.headers.get("content-type") == "application/pdf"
    page.goto(practice)
    head = page.evaluate("u => fetch(u).then(r => r.arrayBuffer())"
                         ".then(b => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))", pdf)
    assert head == "%PDF-"
    page.goto(f"{base}/practices/{OTHER}/")
    assert page.locator("article h1").count() == 1
    # a page never opened is not there
    with pytest.raises(Exception, match="ERR_"):
        page.goto(f"{base}/stories/")

    # a new build is published: a changed page and a new build id
    html_path = folder / "practices" / PRACTICE / "index.html"
    html_path.write_text(html_path.read_text("utf-8").replace(
        "</h1>", " NEW-BUILD</h1>", 1), "utf-8")
    new_build = "f" * 16
    sw = folder / "sw.js"
    sw.write_text(sw.read_text("utf-8").replace(build, new_build), "utf-8")
    go_online(ctx, server)
    page.goto(f"{base}/practices/{OTHER}/")
    wait_until(page, "b => caches.keys().then(k => k.includes('nondaeng-kept-' + b)"
               " && !k.some(n => !n.endsWith(b)))", new_build)

    # offline again: the kept page is the new build's, its PDF still there
    go_offline(ctx, server)
    page.goto(practice)
    assert "NEW-BUILD" in page.locator("article h1").inner_text()
    assert page.evaluate("u => fetch(u).then(r => r.status)", pdf) == 200
    go_online(ctx, server)

    # the reader sees what is kept, and clears it
    page.goto(f"{base}/offline/")
    page.wait_for_selector("html[data-nd-offline=listed]")
    listed = page.locator("#nd-kept").inner_text()
    assert f"practices/{PRACTICE}/" in listed
    page.locator("#nd-kept button").click()
    page.wait_for_selector("html[data-nd-offline=cleared]")
    assert cache_names(page) == []
    assert not errors, errors
    ctx.close()


def test_the_oldest_pages_are_dropped_past_the_cap(browser, published):
    """The same worker with a cap of 0.6 MB instead of 25 MB (the first page's assets are
    about 0.5 MB: the search index is not among them until the reader searches, issue 15;
    each practice page adds about 45 kB)."""
    folder, server, base = published
    cap = 600_000
    sw = folder / "sw.js"
    sw.write_text(re.sub(r"const SEEN_CAP = [^;]+;", f"const SEEN_CAP = {cap};",
                         sw.read_text("utf-8")), "utf-8")
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{base}/practices/")
    page.wait_for_selector("html[data-nd-offline=seen]")
    slugs = sorted(p.name for p in (folder / "practices").iterdir()
                   if (p / "index.html").is_file())
    visited = [f"{base}/practices/"]
    for slug in slugs:
        page.goto(f"{base}/practices/{slug}/")
        visited.append(f"{base}/practices/{slug}/")
        wait_until(page, "u => caches.match(u).then(Boolean)", visited[-1])
    total = page.evaluate("""async () => { let n = 0;
        for (const name of await caches.keys()) { const c = await caches.open(name);
          for (const r of await c.keys())
            n += Number((await c.match(r)).headers.get('x-nondaeng-bytes')) }
        return n }""")
    assert 0 < total <= cap
    urls = set(cached_urls(page))
    kept = [u in urls for u in visited]
    assert kept[-1] and not kept[0]
    # what is dropped is the oldest: the pages still kept are the last ones opened
    assert kept == sorted(kept), kept
    ctx.close()


def test_the_site_works_without_service_workers(browser, published):
    folder, server, base = published
    ctx = browser.new_context()
    # a browser without service workers (an old one, or one where they are turned off)
    ctx.add_init_script("delete Navigator.prototype.serviceWorker")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/practices/{PRACTICE}/")
    assert page.evaluate("'serviceWorker' in navigator") is False
    assert page.locator("article h1").count() == 1
    assert page.locator(".nd-print a").count() >= 2
    assert page.locator(".nd-keep").count() == 0
    page.goto(f"{base}/practices/")  # the catalogue filter still runs
    assert page.locator(".nd-filter input[type=checkbox]").count() > 0
    page.goto(f"{base}/en/offline/")
    assert "cannot keep pages" in page.locator("#nd-kept").inner_text()
    assert not errors, errors
    ctx.close()
