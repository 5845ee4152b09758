"""The contribution form in headless Chromium, filled in Thai as a contributor would: fields
found by their labels, vocabulary terms chosen by their Thai labels (read from
practices/vocabulary/, never typed as ids). The YAML it downloads must pass `nondaeng validate`
and build into pages whose text equals the form's preview."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ROOT, make_project, run_mkdocs_build
from nondaeng.core import privacy
from nondaeng.localserve import serve_folder
from test_a11y_browser import AXE, THAI_OUTSIDE_TH, run_axe

VOCAB = ROOT / "practices" / "vocabulary"
CORPUS = ROOT / "tests" / "privacy_corpus"
MAX_URL = 8191


def label(vocabulary: str, term: str, lang: str = "th") -> str:
    data = yaml.safe_load((VOCAB / f"{vocabulary}.yml").read_text("utf-8"))
    return next(t["label"][lang] for t in data["terms"] if t["id"] == term)


def practice_title(pid: str) -> str:
    data = yaml.safe_load((ROOT / "practices" / "practice" / f"{pid}.yml").read_text("utf-8"))
    return data["title"]["th"]


def group(scope, name: str):
    """A fieldset by its legend (the legend may end with "(จำเป็น)")."""
    return scope.get_by_role("group", name=re.compile("^" + re.escape(name)))


@pytest.fixture
def context(browser, served_site):
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site)
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    ctx.requests = requests
    yield ctx
    ctx.close()


def open_form(ctx, base: str, lang: str = "th"):
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors
    page.goto(f"{base}/{'en/' if lang == 'en' else ''}contribute/new/")
    page.wait_for_selector("#nd-practice-status:not(:empty)", state="attached")
    return page


def local_only(requests: list[str], base: str) -> list[str]:
    return [u for u in requests if not (u.startswith(base + "/") or u.startswith("blob:")
                                        or u.startswith("data:"))]


# -- filling the forms ---------------------------------------------------------------------------

def fill_practice(page, slug: str, *, problem: bool = True) -> None:
    form = page.locator("section[data-kind=practice]")
    form.get_by_label("ชื่อไฟล์ (ภาษาอังกฤษ)").fill(slug)
    form.get_by_label("ชื่อเรื่อง — ภาษาไทย", exact=True).fill("แบ่งปันอาหารให้ผู้สูงอายุที่อยู่ลำพัง")
    form.get_by_label("สรุป — ภาษาไทย", exact=True).fill(
        "เพื่อนบ้านและ อสม. ผลัดกันนำอาหารไปให้ผู้สูงอายุที่อยู่ลำพัง\nและดูว่ากินได้หรือไม่")
    if problem:
        form.get_by_label("ปัญหาที่แนวปฏิบัตินี้ช่วยแก้ — ภาษาไทย", exact=True).fill(
            "ผู้สูงอายุบางคนทำอาหารเองไม่ได้")
    group(form, "ประเภทปัญหา").get_by_label(label("problems", "elder-alone")).check()
    group(form, "ขั้นตอนของการช่วยเหลือ").get_by_label(label("stages", "solve-in-area")).check()
    group(form, "ข้อค้นพบหรือข้อเสนอแนะของงานศึกษา").get_by_label(
        label("recommendations", "informal-network")).check()
    first = group(form, "ผู้มีส่วนร่วมที่ 1")
    first.locator("select").select_option(
        label=label("actors", "health-volunteer"))
    first = group(form, "ผู้มีส่วนร่วมที่ 1")
    first.get_by_label("บทบาท — ภาษาไทย", exact=True).fill("นำอาหารไปส่งทุกเย็น")
    group(first, "ทรัพยากรที่นำมา").get_by_label(label("resources", "time-care")).check()
    form.get_by_role("button", name="เพิ่มผู้มีส่วนร่วม").click()
    second = group(form, "ผู้มีส่วนร่วมที่ 2")
    second.locator("select").select_option(label=label("actors", "family-neighbours"))
    second = group(form, "ผู้มีส่วนร่วมที่ 2")
    second.get_by_label("บทบาท — ภาษาไทย", exact=True).fill("ช่วยทำอาหารวันหยุด")
    group(second, "ทรัพยากรที่นำมา").get_by_label(label("resources", "goods")).check()
    form.get_by_label("ผู้นำการดำเนินงาน").select_option(label=label("actors", "health-volunteer"))
    form.get_by_label("ขั้นตอนที่ 1 — ภาษาไทย", exact=True).fill("ทำอาหารร่วมกัน")
    form.get_by_role("button", name="เพิ่มขั้นตอน").click()
    form.get_by_label("ขั้นตอนที่ 2 — ภาษาไทย", exact=True).fill("ทำรายชื่อผู้สูงอายุร่วมกับ รพ.สต.")
    # the second step goes first: by keyboard, on the "move up" button
    form.get_by_role("button", name="เลื่อนขั้นตอนที่ 2 ขึ้น").focus()
    page.keyboard.press("Enter")
    form.get_by_label("ข้อควรระวังที่ 1 — ภาษาไทย", exact=True).fill("ถามเรื่องอาหารที่กินไม่ได้ก่อน")
    form.get_by_label("รหัสตัวชี้วัด (ภาษาอังกฤษ)").fill("meals-every-day")
    form.get_by_label("ตัวชี้วัด — ภาษาไทย", exact=True).fill("ผู้สูงอายุในรายชื่อได้อาหารทุกวัน")
    form.get_by_label("สิ่งที่ต้องมีที่ 1 — ภาษาไทย", exact=True).fill("มีอาสาสมัครพอแบ่งกันทุกวัน")
    group(form, "แนวปฏิบัตินี้มาจากไหน").get_by_label("ตัวอย่างประกอบที่เว็บไซต์นี้เสนอ",
                                                  exact=False).check()
    group(form, "ที่มาของข้อมูล").get_by_label("ตัวอย่างสมมติ", exact=False).check()


def fill_story(page, slug: str, summary: str) -> None:
    page.get_by_role("radio", name=re.compile("^เรื่องเล่าตัวอย่าง")).check()
    form = page.locator("section[data-kind=story]")
    form.get_by_label("ชื่อไฟล์ (ภาษาอังกฤษ)").fill(slug)
    form.get_by_label("ชื่อเรื่อง — ภาษาไทย", exact=True).fill("ผู้สูงอายุที่ล้มในบ้านและไม่มีใครรู้")
    form.get_by_label("สรุป — ภาษาไทย", exact=True).fill(summary)
    group(form, "ประเภทปัญหา").get_by_label(label("problems", "elder-alone")).check()
    privacy_part = group(form, "การคุ้มครองข้อมูลส่วนบุคคล")
    privacy_part.get_by_label("รวมหลายกรณีจนจำใครไม่ได้").check()
    privacy_part.get_by_label("รายละเอียดที่เปลี่ยน — ภาษาไทย", exact=True).fill(
        "เปลี่ยนอายุและหมู่บ้าน")
    privacy_part.get_by_label("ตรวจทานโดย — ภาษาไทย", exact=True).fill("ปลัด อบต.")
    for n, (stage, actor, action) in enumerate((
            ("notice", "family-neighbours", "เพื่อนบ้านเห็นว่าประตูไม่เปิดสองวัน จึงแจ้ง อสม."),
            ("solve-in-area", "health-volunteer", "อสม. พาไป รพ.สต. และชวนเพื่อนบ้านแวะดูทุกวัน")),
            start=1):
        step = group(form, f"ขั้นที่ {n}")
        step.locator("select").nth(0).select_option(label=label("stages", stage))
        step.locator("select").nth(1).select_option(label=label("actors", actor))
        step.get_by_label("สิ่งที่ทำ — ภาษาไทย", exact=True).fill(action)
    form.get_by_label("ผลลัพธ์ — ภาษาไทย", exact=True).fill("ผู้สูงอายุได้รับการรักษาและมีคนแวะดูทุกวัน")
    group(form, "แนวปฏิบัติที่ใช้").get_by_label(practice_title("elder-home-visits")).check()
    group(form, "ที่มาของข้อมูล").get_by_label("ตัวอย่างสมมติ", exact=False).check()


def download(page, kind: str) -> str:
    with page.expect_download() as info:
        page.locator(f"#nd-{kind}-send-download").click()
    return Path(info.value.path()).read_text("utf-8")


# text of the sections the preview shows, read the same way from the preview and the page
SECTIONS_JS = """
(root) => {
  const norm = (s) => s.replace(/¶/g, '').replace(/\\s+/g, ' ').trim();
  const all = (sel) => [...root.querySelectorAll(sel)].map((e) => norm(e.textContent));
  const after = (heading, sel) => {
    const h = [...root.querySelectorAll('h2')].find((x) => norm(x.textContent) === heading);
    let el = h && h.nextElementSibling;
    while (el && el.tagName !== 'H2' && !el.matches(sel)) el = el.nextElementSibling;
    if (!el || !el.matches(sel)) return null;
    return [...el.querySelectorAll('li')].map((e) => norm(e.textContent));
  };
  return {
    title: all('h1'), summary: all('.nd-summary p'), problem: all('.nd-problem p'),
    privacy: all('.nd-privacy p'), outcome: all('.nd-outcome p'),
    actors: all('table.nd-actors tbody tr'), path: all('ol.nd-path li'),
    steps: after('ขั้นตอนการทำงาน', 'ol'), watch_out: after('ข้อควรระวัง', 'ul'),
    indicators: after('สัญญาณว่าได้ผล (ตัวชี้วัด)', 'ul'),
    readiness: after('สิ่งที่พื้นที่ควรมีก่อนเริ่ม', 'ul'),
  };
}
"""


@pytest.fixture(scope="module")
def filled(browser, site, tmp_path_factory):
    """Both forms filled in Thai, with a mistake each that is then fixed; the downloaded YAML,
    the preview's sections, and what the contributor saw on the way."""
    with serve_folder(site) as base:
        ctx = browser.new_context(viewport={"width": 1100, "height": 900})
        requests: list[str] = []
        ctx.on("request", lambda r: requests.append(r.url))
        page = open_form(ctx, base)
        seen: dict[str, object] = {}
        # a practice with its problem left empty: the download is refused, with a Thai error
        fill_practice(page, "form-test-meals", problem=False)
        page.locator("#nd-practice-send-download").click()
        err = page.locator("#nd-practice-problem-err")
        seen["missing_visible"] = err.is_visible()
        seen["missing_text"] = err.inner_text()
        field = page.locator("#nd-practice-problem-th")
        seen["missing_invalid"] = field.get_attribute("aria-invalid")
        seen["missing_described"] = field.get_attribute("aria-describedby")
        seen["status"] = page.locator("#nd-practice-status").inner_text()
        page.locator("section[data-kind=practice]").get_by_label(
            "ปัญหาที่แนวปฏิบัตินี้ช่วยแก้ — ภาษาไทย", exact=True).fill("ผู้สูงอายุบางคนทำอาหารเองไม่ได้")
        page.wait_for_function("!document.querySelector('#nd-practice-problem-th')"
                               ".hasAttribute('aria-invalid')")
        seen["fixed_status"] = page.locator("#nd-practice-status").inner_text()
        live = page.locator(".nd-live")
        seen["live"] = (live.get_attribute("role"), live.get_attribute("aria-live"))
        page.wait_for_function("document.querySelector('.nd-live').textContent.startsWith("
                               "'ครบถ้วน')")  # the screen reader hears it
        practice_yaml = download(page, "practice")
        practice_preview = page.locator("#nd-practice-preview").evaluate(SECTIONS_JS)
        # a story with a phone number in its summary
        fill_story(page, "form-test-fall", "ผู้สูงอายุล้มในบ้าน ลูกให้เบอร์ 081-234-5678 ไว้")
        page.wait_for_function("document.querySelector('#nd-story-summary-err').textContent"
                               ".includes('P002')")
        seen["phone_text"] = page.locator("#nd-story-summary-err").inner_text()
        # a Thai name after a kinship word: names.json loads when Thai is typed, then P008
        page.locator("section[data-kind=story]").get_by_label("สรุป — ภาษาไทย", exact=True).fill(
            "ยายสมศรีอยู่คนเดียว")
        page.wait_for_function("document.querySelector('#nd-story-summary-err').textContent"
                               ".includes('P008')")
        seen["name_text"] = page.locator("#nd-story-summary-err").inner_text()
        page.locator("section[data-kind=story]").get_by_label("สรุป — ภาษาไทย", exact=True).fill(
            "ผู้สูงอายุที่อยู่ลำพังล้มในบ้าน เพื่อนบ้านสังเกตว่าประตูไม่เปิด จึงแจ้ง อสม.")
        page.wait_for_function("document.querySelector('#nd-story-summary-err').hidden")
        story_yaml = download(page, "story")
        story_preview = page.locator("#nd-story-preview").evaluate(SECTIONS_JS)
        seen["js_errors"] = list(page.js_errors)
        seen["left"] = local_only(requests, base)
        ctx.close()
    tmp = tmp_path_factory.mktemp("form")
    content = tmp / "content"
    shutil.copytree(ROOT / "practices", content)
    (content / "practice" / "form-test-meals.yml").write_text(practice_yaml, "utf-8")
    (content / "story" / "form-test-fall.yml").write_text(story_yaml, "utf-8")
    return {"practice": practice_yaml, "story": story_yaml, "seen": seen, "content": content,
            "tmp": tmp, "preview": {"practice": practice_preview, "story": story_preview}}


def test_a_missing_field_and_a_phone_number_get_thai_errors_that_say_what_to_do(filled):
    seen = filled["seen"]
    assert seen["missing_visible"]
    assert seen["missing_text"].startswith("ยังไม่ได้กรอก")  # Thai, and says what to do
    assert seen["missing_invalid"] == "true"
    assert "nd-practice-problem-err" in seen["missing_described"].split()
    assert seen["status"].startswith("ยังมีสิ่งที่ต้องแก้")
    assert seen["fixed_status"] == "ครบถ้วน ไม่พบปัญหา ส่งได้"
    assert seen["live"] == ("status", "polite")
    assert "P002" in seen["phone_text"] and "โทรศัพท์" in seen["phone_text"]
    assert "P008" in seen["name_text"] and "พบชื่อบุคคล" in seen["name_text"]
    assert seen["js_errors"] == []
    assert seen["left"] == [], "the form made requests beyond the site"


def test_the_downloaded_yaml_passes_nondaeng_validate_unchanged(filled):
    for kind in ("practice", "story"):
        text = filled[kind]
        assert text.startswith(
            f"# yaml-language-server: $schema=../../plugins/nondaeng/schemas/{kind}.schema.json\n")
    practice = yaml.safe_load(filled["practice"])
    assert practice["problems"] == ["elder-alone"]
    assert [a["actor"] for a in practice["actors"]] == ["health-volunteer", "family-neighbours"]
    assert practice["lead"] == "health-volunteer"
    assert [s["th"] for s in practice["steps"]] == ["ทำรายชื่อผู้สูงอายุร่วมกับ รพ.สต.",
                                                     "ทำอาหารร่วมกัน"]  # reordered
    story = yaml.safe_load(filled["story"])
    assert story["practices"] == ["elder-home-visits"]
    assert story["privacy"]["basis"] == "composite"
    command = str(Path(sys.executable).parent / "nondaeng")  # the command contributors run
    result = subprocess.run([command, "validate", "content"],
                            cwd=filled["tmp"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    # no error, and no warning but the missing English (the form marks it pending)
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if "form-test" in line and "T001" not in line]
    assert problems == []


def test_the_built_pages_show_the_previews_text(filled, browser):
    project = make_project(filled["tmp"] / "build", filled["content"])
    out = filled["tmp"] / "site"
    result = run_mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_folder(out) as base:
        page = browser.new_page()
        for kind, folder, slug in (("practice", "practices", "form-test-meals"),
                                   ("story", "stories", "form-test-fall")):
            page.goto(f"{base}/{folder}/{slug}/")
            built = page.locator("article").evaluate(SECTIONS_JS)
            preview = filled["preview"][kind]
            shown = {k: v for k, v in preview.items() if v}
            assert shown["title"] and shown["summary"]
            for key, value in shown.items():
                assert built[key] == value, (kind, key)
        page.close()


def test_github_link_carries_the_file_when_short_and_uses_the_clipboard_when_long(
        context, served_site):
    page = open_form(context, served_site)
    fill_practice(page, "form-test-short")
    link = page.locator("#nd-practice-send-github")
    page.wait_for_function("document.querySelector('#nd-practice-status').textContent"
                           ".startsWith('ครบถ้วน')")
    href = link.get_attribute("href")
    assert len(href) <= MAX_URL
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    assert parts.path == "/nondaeng-model/nondaeng-model/new/main/practices/practice"
    query = parse_qs(parts.query)
    assert query["filename"] == ["form-test-short.yml"]
    assert query["value"][0] == page.locator("#nd-practice-send-yaml").input_value()
    assert yaml.safe_load(query["value"][0])["id"] == "form-test-short"
    assert local_only(context.requests, served_site) == []

    # a long entry: the link has the file name only; a click copies the YAML and says what
    # is left to do. GitHub is not contacted: the new tab is answered here.
    long_text = "ผู้สูงอายุที่อยู่ลำพังได้อาหารครบทุกมื้อ " * 40
    page.locator("section[data-kind=practice]").get_by_label(
        "สรุป — ภาษาไทย", exact=True).fill(long_text)
    page.wait_for_function("document.querySelector('#nd-practice-send-github').dataset.fits"
                           " === 'no'")
    href = link.get_attribute("href")
    assert "value=" not in href and "filename=form-test-short.yml" in href
    assert "วาง" in page.locator("#nd-practice-send-gh-note").inner_text()
    context.route("https://github.com/**", lambda route: route.fulfill(body="github stand-in"))
    with page.expect_popup() as popup:
        link.click()
    assert popup.value.url == href
    page.wait_for_function("document.querySelector('#nd-practice-send-result').textContent"
                           ".includes('Propose new file')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#nd-practice-send-yaml").input_value()
    assert yaml.safe_load(copied)["summary"]["th"] == long_text.strip()


def test_the_draft_survives_a_reload_and_a_corrupt_draft_does_not_break_the_form(
        context, served_site):
    page = open_form(context, served_site)
    form = page.locator("section[data-kind=practice]")
    form.get_by_label("ชื่อเรื่อง — ภาษาไทย", exact=True).fill("ร่างที่ต้องไม่หาย")
    group(form, "ประเภทปัญหา").get_by_label(label("problems", "housing")).check()
    page.wait_for_timeout(400)
    page.reload()
    page.wait_for_selector("#nd-practice-status:not(:empty)")
    form = page.locator("section[data-kind=practice]")
    assert form.get_by_label("ชื่อเรื่อง — ภาษาไทย", exact=True).input_value() == "ร่างที่ต้องไม่หาย"
    assert group(form, "ประเภทปัญหา").get_by_label(label("problems", "housing")).is_checked()
    page.evaluate("""() => {
        localStorage.setItem('nondaeng-contribute:practice', '{"title": 5, "actors": "x", ');
        localStorage.setItem('nondaeng-contribute:story', '{"title": {"th": 7}, "path": [1]}');
    }""")
    page.reload()
    page.wait_for_selector("#nd-practice-status:not(:empty)")
    assert page.js_errors == []
    assert page.locator("section[data-kind=practice]").get_by_label(
        "ชื่อเรื่อง — ภาษาไทย", exact=True).input_value() == ""


def test_english_page_and_a_phone_screen(context, served_site):
    page = open_form(context, served_site, "en")
    form = page.locator("section[data-kind=practice]")
    assert form.get_by_label("Title — English", exact=True).is_visible()
    thai = form.get_by_label("Title — Thai", exact=True)
    assert "pending" in page.locator("#" + thai.get_attribute("aria-describedby").split()[-1]
                                     ).inner_text()
    group(form, "Kinds of problem").get_by_label(label("problems", "elder-alone", "en")).check()
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_timeout(200)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways at 360 px ({width} px wide)"
    # the two languages stack: the Thai box is below the English one, not beside it
    en_box = form.get_by_label("Title — English", exact=True).bounding_box()
    th_box = thai.bounding_box()
    assert th_box["y"] > en_box["y"] + en_box["height"] - 1
    assert local_only(context.requests, served_site) == []


def test_no_account_route_names_the_configured_address(context, served_site, site):
    data = json.loads((site / "assets" / "contribute" / "form-data.json").read_text("utf-8"))
    page = open_form(context, served_site)
    mail = page.locator("section[data-kind=practice] .nd-no-account a")
    assert mail.get_attribute("href") == f"mailto:{data['contact_email']}"
    assert "ไม่มีบัญชี GitHub" in page.locator("section[data-kind=practice] .nd-no-account"
                                              ).inner_text()


# -- the privacy rules: the Python scanner and the JavaScript in the browser agree ---------------

SAMPLE = [
    "โทร 081-234-5678 ได้ตลอด", "เบอร์ ๐๘๑ ๒๓๔ ๕๖๗๘", "call +66 81 234 5678", "สายด่วน 1300",
    "เลขบัตร 1-1017-00209-03-7", "อีเมล somchai.k@gmail.com", "LINE: somchai_99",
    "ไลน์ somchai123", "บ้านเลขที่ 12/3 หมู่ 4", "ทะเบียน กข 1234", "บัญชี 123-4-56789-0",
    "Mr. Somchai came", "Uncle Boonmee helps", "อายุ 78 ปี อยู่คนเดียว", "ปี 2566 มี 12 คน",
]


def _corpus() -> list[str]:
    texts = list(SAMPLE)
    for name in ("must_catch.txt", "must_pass.txt"):
        path = CORPUS / name
        if path.is_file():
            for line in path.read_text("utf-8").split("\n"):
                if line.strip() and not line.startswith("#"):
                    texts.append(line.split(" ", 1)[1] if name == "must_catch.txt" else line)
    return texts


def test_python_and_javascript_privacy_rules_agree(context, served_site):
    texts = _corpus()
    assert len(texts) > 300, "the privacy corpus (tests/privacy_corpus/) is read"
    page = open_form(context, served_site)
    js = page.evaluate("""async (texts) => {
        const m = await import('/assets/js/contribute.js');
        const data = await (await fetch('/assets/contribute/form-data.json')).json();
        const rules = m.compileRules(data.privacy);
        if (!(await m.loadThai(rules, '/assets/contribute/names.json'))) return null;
        return texts.map((t) => m.scan(rules, t).map((f) => [f.offset, f.end, f.code]));
    }""", texts)

    def utf16(text: str, i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    compared = 0
    assert js is not None, "names.json (the Thai names' word lists) loads"
    differ = []
    for text, got in zip(texts, js, strict=True):
        want = [[utf16(text, f.offset), utf16(text, f.end), f.code] for f in privacy.scan(text)]
        # every rule, Thai names (P008) too: the same findings exactly, at the same places
        if got != want:
            differ.append((text, got, want))
        compared += 1
    assert not differ, "\n".join(f"{t}\n  browser {g}\n  python  {w}" for t, g, w in differ)
    assert compared >= len(SAMPLE)
    assert any(js), "the sample has findings"
    thai_names = sum(1 for text, got in zip(texts, js, strict=True) for s, e, code in got
                     if code == "P008" and "\u0e01" <= text[s:e][:1] <= "\u0e4e")
    assert thai_names >= 50, "the browser finds the corpus's Thai names"


# -- accessibility: axe-core (as tests/test_a11y_browser.py runs it) -----------------------------

@pytest.mark.parametrize("width", [360, 1280])
def test_no_serious_axe_violations_on_the_form(browser, served_site, width):
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but axe-core is missing: run `make test` (npm ci)")
        pytest.skip("axe-core is not installed (npm ci, which `make test` runs)")
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    found = {}
    try:
        for lang in ("th", "en"):
            page = open_form(ctx, served_site, lang)
            for kind in ("practice", "story"):
                page.locator(f"input[name=nd-kind][value={kind}]").check()
                # the state with every error shown: a refused download
                page.locator(f"#nd-{kind}-send-download").click()
                page.wait_for_selector(f"#nd-{kind}-errors li")
                bad = run_axe(page, str(AXE))
                if bad:
                    found[f"{kind} ({lang}, {width})"] = bad
                if lang == "en":
                    thai = page.evaluate(THAI_OUTSIDE_TH)
                    assert thai == [], f"Thai text not marked lang=th: {thai[:5]}"
            page.close()
    finally:
        ctx.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
