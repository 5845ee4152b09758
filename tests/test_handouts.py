"""Workshop packs, worksheets and the printed handouts (issue 6).

Three layers: the workshop schemas and loader on fixtures; the workshop pages and the handout
HTML (QR payloads, the guard); and the PDFs printed by headless Chromium, checked with
poppler (pdfinfo, pdftotext, pdffonts, pdftoppm) and, when installed, zbarimg.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import markdown
import pytest
import segno
from conftest import run_tool as run
from conftest import system_tool as tool
from nondaeng.core import handout, workshop
from nondaeng.core.pipeline import load_content
from nondaeng.core.render import Renderer
from nondaeng.core.safety import guard_html

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
FONT_DIR = ROOT / "docs" / "assets" / "fonts"
# the real packs and worksheets
REAL_WORKSHOP = ROOT / "practices" / "workshop"
SITE_URL = "https://nondaeng-model.github.io/nondaeng-model/"


# (the workshop and worksheet schema fixtures run in test_schemas.py, with every kind's)


# -- loader --------------------------------------------------------------------------------

def make_content(tmp: Path, workshop_dir: Path | None = REAL_WORKSHOP) -> Path:
    root = tmp / "practices"
    shutil.copytree(ROOT / "practices", root, ignore=shutil.ignore_patterns("workshop"))
    if workshop_dir is not None:
        shutil.copytree(workshop_dir, root / "workshop")
    return root


def load_model(root: Path):
    return load_content(root, base=root.parent)


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    root = make_content(tmp_path_factory.mktemp("content"))
    model, diags = load_model(root)
    assert [d.text() for d in diags if d.is_error] == []
    return model


def test_real_workshop_content_loads_clean(real):
    ws = workshop.get(real)
    assert {"introduce-the-model", "map-the-network"} <= set(ws.packs)
    forms = {w.data["form"] for w in ws.worksheets.values()}
    assert {"network-map", "readiness", "action-plan"} <= forms
    for pack in ws.packs.values():  # every worksheet a pack names is printed in it
        assert set(ws.worksheets_of(pack)) <= set(ws.worksheets)


def test_real_packs_label_their_planning_as_suggestions(real):
    for pack in workshop.get(real).packs.values():
        assert pack.data["source"]["basis"] == "illustrative"
        assert "suggest" in pack.data["source"]["note"]["en"]


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, "utf-8")


def test_loader_reports_every_mistake_with_its_line(tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(REAL_WORKSHOP, bad)
    text = (bad / "map-the-network.yml").read_text("utf-8")
    text = text.replace("stories: [elder-alone-leaking-roof]", "stories: [no-such-story]")
    text = text.replace("practices: [temple-business-support]", "practices: [no-such-practice]")
    text = text.replace("worksheets: [action-plan]", "worksheets: [no-such-sheet]")
    (bad / "map-the-network.yml").write_text(text, "utf-8")
    _write(bad, "Bad Name.yml", "id: x\n")
    _write(bad, "other-id.yml", (bad / "network-map.yml").read_text("utf-8"))
    _write(bad, "odd-type.yml", "id: odd-type\ntype: agenda\n")
    root = make_content(tmp_path, bad)
    _, diags = load_model(root)
    got = {(Path(d.path).name, d.code, d.message.split("'")[1] if "'" in d.message else "")
           for d in diags if d.is_error}
    assert ("map-the-network.yml", "R002", "no-such-story") in got
    assert ("map-the-network.yml", "R002", "no-such-practice") in got
    assert ("map-the-network.yml", "R002", "no-such-sheet") in got
    assert ("Bad Name.yml", "F002", "-") in got
    assert ("other-id.yml", "R004", "network-map") in got
    assert ("odd-type.yml", "S004", "type") in got
    lines = text.splitlines()
    story = next(d for d in diags if "no-such-story" in d.message)
    assert "no-such-story" in lines[story.line - 1]


def test_without_a_workshop_folder_the_index_pages_still_exist(tmp_path):
    model, diags = load_content(make_content(tmp_path, None), base=tmp_path)
    assert [d for d in diags if d.is_error] == []
    ws = workshop.get(model)
    assert ws is not None and ws.packs == {} and ws.worksheets == {}
    assert sorted(p.uri for p in workshop.pages(model, Renderer(model))) == [
        "workshops/index.en.md", "workshops/index.md"]


# -- the site's workshop pages -------------------------------------------------------------

def test_workshop_pages_both_languages_link_every_pdf(real):
    pages = {p.uri: p for p in workshop.pages(real, Renderer(real))}
    ws = workshop.get(real)
    for lang, suffix, up in (("th", "", "../"), ("en", ".en", "../../")):
        index = pages[f"workshops/index{suffix}.md"].content
        for pid in real.practices:
            for variant in ("th", "en", "th-en"):
                assert f'href="{up}handouts/{pid}.{variant}.pdf"' in index
        for wid in ws.worksheets:
            assert f'href="{up}handouts/worksheet-{wid}.{lang}.pdf"' in index
        for pack in ws.packs:
            page = pages[f"workshops/{pack}{suffix}.md"].content
            assert f'href="../{up}handouts/workshop-{pack}.{lang}.pdf"' in page
            assert page.startswith("# " + ws.packs[pack].data["title"][lang].split()[0])


def test_workshop_pages_pass_the_build_guard(real):
    for page in workshop.pages(real, Renderer(real)):
        html = markdown.markdown(page.content, extensions=["admonition", "tables", "toc"])
        assert guard_html(html) is None, page.uri


# -- handout HTML and the QR code ------------------------------------------------------------

@pytest.fixture(scope="module")
def handouts(real):
    return handout.Handouts(real, SITE_URL, handout.font_css(FONT_DIR))


def qr_from_svg(html: str) -> tuple[str, list[list[int]]]:
    """The payload attribute and the module matrix drawn by the first QR code of ``html``."""
    m = re.search(r'<svg[^>]*class="qr"[^>]*viewBox="0 0 (\d+) \1"[^>]*'
                  r'data-payload="([^"]+)"[^>]*>.*?<path[^>]* d="([^"]+)"', html, re.S)
    assert m, "no QR code in the handout"
    size = int(m.group(1)) - 2 * handout.QR_BORDER
    grid = [[0] * size for _ in range(size)]
    for x, y, n, back in re.findall(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z", m.group(3)):
        assert n == back
        for i in range(int(n)):
            grid[int(y) - handout.QR_BORDER][int(x) - handout.QR_BORDER + i] = 1
    return m.group(2), grid


def segno_matrix(url: str) -> list[list[int]]:
    qr = segno.make(url, error=handout.QR_ERROR, micro=False)
    return [[1 if v else 0 for v in row] for row in qr.matrix]


def test_qr_code_draws_the_page_url(real, handouts):
    for entry in real.practices.values():
        for lang, url in (("th", f"{SITE_URL}practices/{entry.id}/"),
                          ("en", f"{SITE_URL}en/practices/{entry.id}/")):
            payload, grid = qr_from_svg(handouts.practice(entry, lang).html)
            assert payload == url
            assert grid == segno_matrix(url), entry.id
            assert grid != segno_matrix(url.replace("practices", "stories"))


def test_handout_html_has_no_external_request(handouts, real):
    doc = handouts.practice(next(iter(real.practices.values())), "th")
    assert not re.search(r'(src|href)="https?://', doc.html)
    assert "url(\"data:font/woff2;base64," in doc.html
    assert doc.html.count("@font-face") == len(handout.FONT_FILES)


# -- the PDFs --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def printed(browser, handouts, tmp_path_factory):
    """Every handout, booklet and worksheet printed to PDF, with the layout problems Chromium
    found before printing."""
    from nondaeng import pdf

    tool("pdfinfo")
    out = tmp_path_factory.mktemp("handouts")
    printer = pdf.Printer(str(handouts.fonts), browser=browser)
    try:  # what `make pdf` runs
        done = pdf.print_all(handouts.model, SITE_URL, out, FONT_DIR, printer)
    finally:
        printer.close()
    keep = os.environ.get("NONDAENG_HANDOUTS")
    if keep:  # for a person to look at
        shutil.copytree(out, keep, dirs_exist_ok=True)
    return {r.name: r for r in done}



def pages_of(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.M).group(1))


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.browser
def test_every_document_is_printed_as_a4(printed, real):
    ws = workshop.get(real)
    expected = {f"{p}.{lang}" for p in real.practices for lang in ("th", "en", "th-en")}
    expected |= {f"story-{s}.{lang}" for s in real.stories for lang in ("th", "en", "th-en")}
    expected |= {f"workshop-{p}.{lang}" for p in ws.packs for lang in ("th", "en")}
    expected |= {f"worksheet-{w}.{lang}" for w in ws.worksheets for lang in ("th", "en")}
    assert set(printed) == expected
    for r in printed.values():
        info = run("pdfinfo", str(r.path))
        assert "(A4)" in info, r.name


@pytest.mark.browser
def test_practice_handouts_fit_on_two_pages(printed, real):
    pages = {f"{p}.{lang}": pages_of(printed[f"{p}.{lang}"].path)
             for p in real.practices for lang in ("th", "en")}
    assert {k: n for k, n in pages.items() if n > 2} == {}
    for p in real.practices:
        assert pages_of(printed[f"{p}.th-en"].path) == pages[f"{p}.th"] + pages[f"{p}.en"]


@pytest.mark.browser
def test_nothing_is_cut_at_a_page_edge(printed):
    assert {n: r.problems for n, r in printed.items() if r.problems} == {}


@pytest.mark.browser
def test_thai_title_is_extracted_intact(printed, real):
    for entry in real.practices.values():
        for variant in ("th", "th-en"):
            text = run("pdftotext", "-l", "2", str(printed[f"{entry.id}.{variant}"].path), "-")
            assert "\ufffd" not in text
            assert squeeze(entry.data["title"]["th"]) in squeeze(text), entry.id
        text = run("pdftotext", str(printed[f"{entry.id}.en"].path), "-")
        assert squeeze(entry.data["title"]["en"]) in squeeze(text), entry.id


@pytest.mark.browser
def test_no_thai_mark_is_split_from_its_letter(printed):
    """A tone mark or vowel drawn apart from its consonant (a broken cluster, or a mark that
    spills over a page break) is extracted as a word of zero width."""
    split = {}
    for name, r in printed.items():
        bbox = run("pdftotext", "-bbox", str(r.path), "-")
        bad = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="\1" [^>]*>([^<]*)<', bbox)
        if bad:
            split[name] = bad
    assert split == {}


@pytest.mark.browser
def test_fonts_are_embedded_sarabun(printed):
    for name, r in printed.items():
        rows = run("pdffonts", str(r.path)).splitlines()[2:]
        fonts = [(row.split()[0], row.split()[-5]) for row in rows]
        assert fonts, name
        assert {f.split("+")[-1] for f, _ in fonts} <= {"Sarabun-Regular", "Sarabun-Bold"}, name
        assert all(emb == "yes" for _, emb in fonts), name
        assert any(f.endswith("Sarabun-Regular") for f, _ in fonts), name


@pytest.mark.browser
def test_printed_qr_code_scans_to_the_page_url(printed, real, tmp_path):
    zbarimg = tool("zbarimg")
    for entry in real.practices.values():
        for lang, url in (("th", f"{SITE_URL}practices/{entry.id}/"),
                          ("en", f"{SITE_URL}en/practices/{entry.id}/")):
            png = tmp_path / f"{entry.id}.{lang}"
            run("pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile",
                str(printed[f"{entry.id}.{lang}"].path), str(png))
            out = subprocess.run([zbarimg, "--raw", "-q", f"{png}.png"], capture_output=True,
                                 text=True, timeout=60).stdout.split()
            assert out == [url], entry.id


@pytest.mark.browser
def test_booklet_holds_the_pack_its_practices_and_worksheets(printed, real):
    ws = workshop.get(real)
    for pack in ws.packs.values():
        for lang in ("th", "en"):
            text = squeeze(run("pdftotext", str(printed[f"workshop-{pack.id}.{lang}"].path),
                               "-"))
            assert squeeze(pack.data["title"][lang]) in text
            for pid in ws.practices_of(pack):
                assert squeeze(real.practices[pid].data["title"][lang]) in text
            for wid in ws.worksheets_of(pack):
                assert squeeze(ws.worksheets[wid].data["title"][lang]) in text
            assert squeeze(f"{SITE_URL}{'' if lang == 'th' else 'en/'}workshops/{pack.id}/") \
                in text


@pytest.mark.browser
def test_readiness_worksheet_asks_the_web_self_checks_criteria(printed, real):
    """The paper worksheet and /readiness/ ask the same questions (practices/readiness/)."""
    from nondaeng.core import adoption

    text = squeeze(run("pdftotext", str(printed["worksheet-readiness-self-check.en"].path),
                       "-"))
    criteria = [c for d in adoption.data_of(real).dimensions for c in d.data["criteria"]]
    assert criteria
    for c in criteria:
        assert squeeze(c["label"]["en"]) in text


@pytest.mark.browser
def test_print_ready_html_copies_use_the_sites_fonts(printed, real):
    """`make pdf` also writes the HTML it prints, beside the PDFs (not the site build: that
    work is only needed for printing), linking the site's fonts: printing them must not
    overwrite them with the font-inlined HTML it printed."""
    out = next(iter(printed.values())).path.parent
    names = {p.name for p in out.glob("*.html")}
    assert names == {f"{name}.html" for name in printed}
    assert {f"{p}.{lang}.html" for p in real.practices for lang in ("th", "en", "th-en")} <= names
    assert "workshop-map-the-network.th.html" in names
    for page in out.glob("*.html"):
        html = page.read_text("utf-8")
        assert 'url("../assets/fonts/sarabun-thai-400-normal.woff2")' in html, page.name
        assert "data:font/woff2" not in html, page.name
        assert not re.search(r'(src|href)="https?://', html)
