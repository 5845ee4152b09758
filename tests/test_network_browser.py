"""The diagrams in headless Chromium at phone width (360 px): no horizontal overflow of the page,
every label inside its box, the site font used; screenshots are written for a person to look at
(``NONDAENG_SCREENSHOTS=<folder>`` keeps them).

Two sites: the real one (``served_site``), and a "stress" site whose labels are long and awkward
(see ``test_network.write_stress_content``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_mkdocs_build
from nondaeng.localserve import serve_folder
from test_network import REAL, make_network_project, write_stress_content

pytestmark = [pytest.mark.browser, pytest.mark.build]

PHONE = {"width": 360, "height": 740}

# In the page: every boxed label (a <g class="nd-box"> holds a <rect> and its <text>s) must stay
# inside its rect, and every text inside the SVG's own width. Returns the problems found.
LABELS_INSIDE = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.nd-diagram')) {
    const w = svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < -0.5 || b.x + b.width > w + 0.5)
        out.push(`outside the diagram: "${t.textContent}" (${b.x}..${b.x + b.width} of ${w})`);
    }
    for (const g of svg.querySelectorAll('g.nd-box')) {
      const r = g.querySelector(':scope > rect').getBBox();
      for (const t of g.querySelectorAll(':scope > text')) {
        const b = t.getBBox();
        if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5 ||
            b.y < r.y - 0.5 || b.y + b.height > r.y + r.height + 0.5)
          out.push(`outside its box: "${t.textContent}"`);
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def served_stress_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stress-browser")
    project = make_network_project(tmp, write_stress_content(tmp / "content"))
    result = run_mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_folder(tmp / "site") as base:
        yield base


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    keep = os.environ.get("NONDAENG_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_phone_page(browser, url: str, shot: Path, diagrams: int) -> None:
    page = browser.new_page(viewport=PHONE, device_scale_factor=1)
    try:
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url)
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.querySelectorAll('svg.nd-diagram').length") == diagrams
        page.screenshot(path=str(shot), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= PHONE["width"], f"{url}: the page is {scroll} px wide at 360 px"
        assert page.evaluate(LABELS_INSIDE) == []
        # the diagrams are drawn at full size, not shrunk (wrap or stack, don't shrink text)
        widths = page.evaluate("[...document.querySelectorAll('svg.nd-diagram')]"
                               ".map(s => s.getBoundingClientRect().width)")
        assert all(w >= 300 for w in widths), widths
        font = page.evaluate("getComputedStyle(document.querySelector('svg.nd-diagram text'))"
                             ".fontFamily")
        assert font.startswith("Sarabun"), font
        assert page.evaluate("document.fonts.check('15px Sarabun', 'ก')")
        host = url.split("/")[2]
        assert all(r.split("/")[2] == host for r in requests if r.startswith("http")), requests
    finally:
        page.close()


@pytest.mark.parametrize("path,diagrams", [
    ("practices/whole-network/", 1), ("en/practices/whole-network/", 1),
    ("stories/long-road/", 1), ("en/stories/long-road/", 1),
    ("network/", 3), ("en/network/", 3),
])
def test_stress_pages_at_phone_width(browser, served_stress_site, shots, path, diagrams):
    name = "stress-" + path.strip("/").replace("/", "-") + ".png"
    check_phone_page(browser, f"{served_stress_site}/{path}", shots / name, diagrams)


def real_slugs(kind: str) -> list[str]:
    return sorted(p.stem for p in (REAL / kind).glob("*.yml"))


def test_real_practice_page_at_phone_width(browser, served_site, shots):
    slugs = real_slugs("practice")
    assert slugs, "no practice in practices/practice/"
    for prefix in ("", "en/"):
        check_phone_page(browser, f"{served_site}/{prefix}practices/{slugs[0]}/",
                         shots / f"real-{prefix.strip('/') or 'th'}-practice.png", 1)


def test_real_network_page_at_phone_width(browser, served_site, shots):
    for name in ("network.md", "network.en.md"):  # no marker, no figures: a failure
        assert "<!-- nondaeng:network -->" in (REAL.parent / "docs" / name).read_text("utf-8")
    for prefix in ("", "en/"):
        check_phone_page(browser, f"{served_site}/{prefix}network/",
                         shots / f"real-{prefix.strip('/') or 'th'}-network.png", 3)
