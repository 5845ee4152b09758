"""The readiness self-check in headless Chromium, on a whole site built with `mkdocs build
--strict` from the real content and the feature's data: tick items, see the score and the
suggestions, reload and keep the answers, save them as a file, and no request leaves the
page's own host."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import make_project, run_mkdocs_build
from nondaeng.core import adoption
from nondaeng.localserve import serve_folder
from test_adoption import feature_data, make_content

pytestmark = [pytest.mark.browser, pytest.mark.build]

def feature_project(tmp: Path) -> Path:
    content = make_content(tmp / "content")
    project = make_project(tmp, content)
    cfg = project / "mkdocs.yml"
    text = cfg.read_text("utf-8")
    for key, item in (("extra_javascript", "assets/js/readiness.js"),
                      ("extra_css", "assets/css/readiness.css")):
        if item in text:
            continue
        if f"\n{key}:\n" in text:
            text = text.replace(f"\n{key}:\n", f"\n{key}:\n  - {item}\n", 1)
        else:
            text += f"\n{key}:\n  - {item}\n"
    cfg.write_text(text, "utf-8")
    return project


@pytest.fixture(scope="module")
def feature_site(tmp_path_factory, chromium_path):
    tmp = tmp_path_factory.mktemp("readiness")
    project = feature_project(tmp)
    out = tmp / "site"
    result = run_mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def served(feature_site):
    with serve_folder(feature_site) as base:
        yield base


def criteria() -> list[tuple[str, list[str]]]:
    import yaml

    dims = [yaml.safe_load(p.read_text("utf-8"))
            for p in (feature_data() / "readiness").glob("*.yml")]
    dims.sort(key=lambda d: d["order"])
    return [(d["id"], [c["id"] for c in d["criteria"]]) for d in dims]


def test_pages_and_links_exist(feature_site):
    for folder in adoption.GENERATED:
        assert (feature_site / folder / "index.html").is_file()
        assert (feature_site / "en" / folder / "index.html").is_file()
    page = (feature_site / "readiness" / "index.html").read_text("utf-8")
    hrefs = re.findall(r'class="nd-rc-practice[^"]*" href="\.\./([^"]+)"', page)
    assert hrefs
    for h in hrefs:  # raw links are not checked by mkdocs: check them here
        assert (feature_site / h / "index.html").is_file(), h
    assert "readiness.js" in page


def test_self_check(browser, served):
    host = urlparse(served).netloc
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + "/readiness/")
    dims = criteria()
    total = sum(len(c) for _, c in dims)
    overall = page.locator("#nd-rs-overall")
    assert f"0 จาก {total} ข้อ" in overall.inner_text()

    first_dim, first_crits = dims[0]
    for cid in first_crits[:2]:
        page.check(f"#nd-rc-cb-{cid}")
    assert f"2 จาก {total} ข้อ" in overall.inner_text()
    row = page.locator(f'tr.nd-rs-dim[data-dim="{first_dim}"] .nd-rs-count')
    assert row.inner_text() == f"2 / {len(first_crits)}"
    # the suggestions start from the least ready dimension, never the one just ticked
    sug = page.locator("#nd-rs-suggestions")
    weakest = next(d for d, c in dims if d != first_dim)
    missing = sug.locator("ul.nd-rs-missing > li")
    assert missing.count() == len(dict(dims)[weakest])
    practices = sug.locator("ol.nd-rs-practices > li")
    assert 1 <= practices.count() <= 3
    href = practices.first.locator("a").get_attribute("href")
    assert re.fullmatch(r"\.\./practices/[a-z0-9-]+/", href)

    # the answers survive a reload, and the English page shares them
    page.reload()
    for cid in first_crits[:2]:
        assert page.is_checked(f"#nd-rc-cb-{cid}")
    assert not page.is_checked(f"#nd-rc-cb-{first_crits[2]}")
    assert f"2 จาก {total} ข้อ" in page.locator("#nd-rs-overall").inner_text()
    page.goto(served + "/en/readiness/")
    assert f"2 of {total} items" in page.locator("#nd-rs-overall").inner_text()

    # saved as a file made in the page (a blob: download, not a request)
    with page.expect_download() as info:
        page.click("#nd-rs-save")
    saved = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert sorted(a["criterion"] for a in saved["answers"] if a["ticked"]) == \
        sorted(first_crits[:2])
    assert {s["dimension"]: s["ticked"] for s in saved["scores"]}[first_dim] == 2

    # clearing asks first, then empties the form and the storage
    page.once("dialog", lambda d: d.accept())
    page.click("#nd-rs-clear")
    assert f"0 of {total} items" in page.locator("#nd-rs-overall").inner_text()
    page.reload()
    assert not page.is_checked(f"#nd-rc-cb-{first_crits[0]}")

    # print: the buttons are hidden, the ticks and the criteria are there
    page.check(f"#nd-rc-cb-{first_crits[0]}")
    page.emulate_media(media="print")
    assert not page.locator("#nd-rs-print").is_visible()
    assert page.locator(f"#nd-rc-{first_crits[0]}").is_visible()

    assert errors == []
    others = [u for u in requests if urlparse(u).scheme in ("http", "https")
              and urlparse(u).netloc != host]
    assert others == []
    ctx.close()


def test_without_javascript_it_is_a_worksheet(browser, served):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(served + "/readiness/")
    assert page.locator(".nd-rs-nojs").is_visible()
    assert page.locator("li.nd-rc").count() == sum(len(c) for _, c in criteria())
    box = page.evaluate("getComputedStyle(document.querySelector('.nd-rc-label'), '::before')"
                        ".content")
    assert "\u2610" in box
    ctx.close()
