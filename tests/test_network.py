"""The network figures and diagrams (issue 4).

Three layers: the figures of ``core.network`` against counts made here, independently, from the
YAML files with plain ``yaml.safe_load``; the SVG of ``core.svg`` (well-formed, labelled in the
page's language, escaped, wrapped); and whole-site builds, the real site and a small "stress"
site whose labels are long and awkward, asserting on the HTML a reader gets.
"""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, make_project, run_mkdocs_build
from nondaeng.core import network, svg
from nondaeng.core.pipeline import load_content
from nondaeng.core.render import Renderer
from nondaeng.core.validate import errors

SVG_NS = "{http://www.w3.org/2000/svg}"
MINI = FIXTURES / "content" / "mini"
REAL = ROOT / "practices"
NETWORK_CSS = "assets/css/network.css"

# -- a content tree with long, awkward labels, made from the mini fixture --------------------

STRESS_ACTORS = """\
  - id: protection-centre
    sector: state
    label:
      th: ศูนย์คุ้มครองคนไร้ที่พึ่งจังหวัดนครราชสีมา กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์
      en: Nakhon Ratchasima Protection Centre for Destitute Persons (Ministry of Social Development)
    definition: {th: หน่วยงานรัฐ, en: A state agency}
  - id: local-shops
    sector: non-state
    label: {th: "ร้านค้า & ผู้ประกอบการ <> ในพื้นที่", en: "Shops & <> local \\"businesses\\""}
    definition: {th: เอกชน, en: Private sector}
  - id: neighbours
    sector: citizens
    label: {th: ญาติและเพื่อนบ้านที่อยู่ใกล้ชิดผู้ประสบปัญหาทางสังคม, en: Relatives and neighbours}
    definition: {th: คนใกล้ตัว, en: People close by}
"""

STRESS_RESOURCES = """\
  - id: knowledge
    label:
      th: ความรู้และทักษะการทำงานด้านสวัสดิการสังคมสำหรับคนทำงานในเครือข่าย
      en: Knowledge and working skills in social welfare for the network's workers
    definition: {th: ความรู้, en: Knowledge}
  - id: place
    label: {th: สถานที่, en: A place}
    definition: {th: ที่ประชุม, en: A meeting place}
  - id: supercalifragilistic
    label:
      th: Supercalifragilisticexpialidociousresourcewithoutanyspace
      en: Supercalifragilisticexpialidociousresourcewithoutanyspace
    definition: {th: คำยาว, en: A long word}
"""

STRESS_PRACTICE = """\
id: whole-network
title:
  th: การประชุมเครือข่ายทั้งตำบลเพื่อวางแผนช่วยเหลือผู้ประสบปัญหาทางสังคมรายกรณี
  en: "A subdistrict-wide network meeting to plan help case by case (< 3 & > 2 days)"
summary: {th: ทุกภาคส่วนร่วมกัน, en: Every sector together}
problem: {th: ปัญหาซับซ้อน, en: Complex problems}
problems: [destitute, elder-alone]
stages: [notice, solve-in-area, ask-outside]
recommendations: [readiness]
actors:
  - actor: neighbours
    role: {th: แจ้งเหตุ, en: Report}
    resources: [people, place]
  - actor: protection-centre
    role: {th: สนับสนุนบุคลากรและความรู้, en: Supports with staff and knowledge}
    resources: [people, knowledge, money, place, supercalifragilistic]
  - actor: local-shops
    role: {th: บริจาค, en: Donate}
    resources: [money, place]
  - actor: temple
    role: {th: ให้สถานที่, en: Gives a place}
    resources: [place, people]
  - actor: local-government
    role: {th: งบประมาณ, en: Budget}
    resources: [money, knowledge]
  - actor: health-volunteer
    role: {th: เยี่ยมบ้าน, en: Visits}
    resources: [people]
lead: neighbours
steps:
  - {th: นัดประชุม, en: Call the meeting}
watch_out:
  - {th: อย่าเปิดเผยชื่อ, en: Keep names private}
indicators:
  - id: met
    label: {th: ได้ประชุม, en: Met}
readiness:
  - {th: มีผู้นำ, en: A leader}
basis: illustrative
source: {basis: illustrative}
updated: "2026-11-25"
"""

STRESS_STORY = """\
id: long-road
title: {th: เส้นทางยาวของลุง, en: "An uncle's long road & <> many steps"}
summary: {th: เรื่องสมมติ, en: An illustrative story}
problems: [destitute]
privacy:
  basis: illustrative
  details_changed: {th: ทั้งหมด, en: Everything}
  reviewed_by: {th: ทีมบรรณาธิการ, en: Editorial team}
path:
  - stage: notice
    actor: neighbours
    action:
      th: เพื่อนบ้านสังเกตว่าลุงไม่ได้ออกมาซื้อกับข้าวสามวันติดต่อกัน\
จึงไปเคาะประตูบ้านและพบว่าลุงป่วยอยู่คนเดียว
      en: >-
        A neighbour saw that the uncle had not come out to buy food for three days, knocked on his
        door and found him ill and alone.
  - stage: solve-in-area
    actor: health-volunteer
    action:
      th: อสม. วัดความดันและพาไปหาหมอ
      en: The volunteer took his blood pressure and took him to the clinic.
  - stage: solve-in-area
    actor: temple
    action: {th: วัดให้ข้าวสารและอาหารแห้ง, en: The temple gave rice and dry food.}
  - stage: ask-outside
    actor: protection-centre
    action:
      th: ศูนย์คุ้มครองคนไร้ที่พึ่งส่งเจ้าหน้าที่มาประเมิน\
และประสานสิทธิสวัสดิการที่ลุงยังไม่เคยได้รับ
      en: >-
        The Protection Centre sent staff to assess him and arranged the welfare rights he had never
        received.
outcome:
  th: ลุงได้รับเบี้ยยังชีพและมีเพื่อนบ้านผลัดกันมาดูแล \
อสม. ยังเยี่ยมบ้านทุกสัปดาห์
  en: >-
    The uncle now receives his allowance, neighbours take turns to look in on him and the volunteer
    still visits every week.
practices: [whole-network, home-visit]
source: {basis: illustrative}
updated: "2026-11-25"
"""


def write_stress_content(dest: Path) -> Path:
    """The mini fixture plus actors, resources, a practice and a story that stretch the
    diagrams: long Thai and English labels, markup characters, a word longer than a line."""
    shutil.copytree(MINI, dest)
    for name, extra in (("actors", STRESS_ACTORS), ("resources", STRESS_RESOURCES)):
        p = dest / "vocabulary" / f"{name}.yml"
        p.write_text(p.read_text("utf-8") + extra, "utf-8")
    (dest / "practice" / "whole-network.yml").write_text(STRESS_PRACTICE, "utf-8")
    (dest / "story" / "long-road.yml").write_text(STRESS_STORY, "utf-8")
    return dest


NETWORK_PAGES = {
    "network.md": "# เครือข่าย\n\nหน้าทดสอบ\n\n<!-- nondaeng:network -->\n",
    "network.en.md": "# The network\n\nA test page.\n\n<!-- nondaeng:network -->\n",
}


def make_network_project(tmp: Path, content: Path) -> Path:
    """A copy of the site project with ``content`` and stub hand-written pages (the real ones
    link to the real vocabulary): each page the nav names is a heading, the network page carries
    its marker, and network.css is listed in ``extra_css`` (as the lead is asked to do)."""
    project = make_project(tmp, content)
    docs = project / "docs"
    for page in docs.glob("*.md"):
        page.unlink()
    config = (project / "mkdocs.yml").read_text("utf-8")
    for name in re.findall(r"^\s+- ([\w/-]+\.md)\s*$", config, flags=re.M):
        if "/" not in name:
            (docs / name).write_text(f"# {name}\n", "utf-8")
    for name, text in NETWORK_PAGES.items():
        (docs / name).write_text(text, "utf-8")
    if NETWORK_CSS not in config:
        config = config.replace("extra_css:\n", f"extra_css:\n  - {NETWORK_CSS}\n", 1)
        (project / "mkdocs.yml").write_text(config, "utf-8")
    return project


@pytest.fixture(scope="module")
def stress_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("stress")
    project = make_network_project(tmp, write_stress_content(tmp / "content"))
    out = tmp / "site"
    result = run_mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# -- independent counts, from the YAML files only --------------------------------------------

def independent_counts(content: Path) -> dict:
    """The network page's numbers, counted with plain yaml.safe_load and nothing of ours."""
    vocab = {p.stem: yaml.safe_load(p.read_text("utf-8"))
             for p in (content / "vocabulary").glob("*.yml")}
    sector_of = {t["id"]: t["sector"] for t in vocab["actors"]["terms"]}
    practices = [yaml.safe_load(p.read_text("utf-8"))
                 for p in sorted((content / "practice").glob("*.yml"))]
    actor = defaultdict(set)
    sector = defaultdict(set)
    leads = defaultdict(set)
    resource = defaultdict(set)
    for p in practices:
        leads[sector_of[p["lead"]]].add(p["id"])
        for a in p["actors"]:
            actor[a["actor"]].add(p["id"])
            sector[sector_of[a["actor"]]].add(p["id"])
            for r in a["resources"]:
                resource[(r, sector_of[a["actor"]])].add(p["id"])
    return {
        "practices": len(practices),
        "sectors": [t["id"] for t in vocab["sectors"]["terms"]],
        "resources": [t["id"] for t in vocab["resources"]["terms"]],
        "actor": {a: len(v) for a, v in actor.items()},
        "sector": {s: len(v) for s, v in sector.items()},
        "leads": {s: len(v) for s, v in leads.items()},
        "resource": {k: len(v) for k, v in resource.items()},
        "labels": {v: {t["id"]: t["label"] for t in vocab[v]["terms"]} for v in vocab},
        "titles": {p["id"]: p["title"] for p in practices},
        "sector_of": sector_of,
        "practice_actors": {p["id"]: [a["actor"] for a in p["actors"]] for p in practices},
    }


def load(content: Path):
    model, diags = load_content(content, base=ROOT)
    assert not errors(diags), "\n".join(d.text() for d in diags)
    return model


CONTENTS = {"mini": lambda tmp: MINI, "stress": lambda tmp: write_stress_content(tmp / "c"),
            "real": lambda tmp: REAL}


@pytest.fixture(params=sorted(CONTENTS))
def content(request, tmp_path) -> Path:
    return CONTENTS[request.param](tmp_path)


def test_figures_match_independent_counts(content):
    fig = network.compute(load(content))
    want = independent_counts(content)
    assert len(fig.practices) == want["practices"]
    assert fig.sectors == want["sectors"]
    for s in want["sectors"]:
        assert len(fig.sector_practices[s]) == want["sector"].get(s, 0), s
        assert len(fig.sector_leads[s]) == want["leads"].get(s, 0), s
        for r in want["resources"]:
            assert fig.resource_count(r, s) == want["resource"].get((r, s), 0), (r, s)
    for a in want["labels"]["actors"]:
        assert fig.actor_count(a) == want["actor"].get(a, 0), a
    ranked = fig.top_actors()
    assert set(ranked) == {a for a, n in want["actor"].items() if n}
    counts = [want["actor"][a] for a in ranked]
    assert counts == sorted(counts, reverse=True), "most connecting first"


def test_stress_figures_by_hand(tmp_path):
    """A few numbers of the stress content worked out by hand, so the counting itself is
    checked and not only compared with another count."""
    fig = network.compute(load(write_stress_content(tmp_path / "c")))
    assert fig.practices == ["case-meeting", "home-visit", "whole-network"]
    assert fig.sector_practices["non-state"] == ["case-meeting", "whole-network"]
    assert fig.sector_leads == {"state": [], "non-state": ["case-meeting"],
                                "citizens": ["home-visit", "whole-network"]}
    assert fig.resource_sector[("money", "state")] == ["home-visit", "whole-network"]
    assert fig.resource_sector[("people", "non-state")] == ["case-meeting", "whole-network"]
    assert fig.top_actors(2) == ["health-volunteer", "local-government"]
    assert fig.actor_partners["temple"] == sorted(
        ["neighbours", "protection-centre", "local-shops", "local-government",
         "health-volunteer"])


def test_practice_groups_follow_sector_order_and_mark_the_lead(tmp_path):
    model = load(write_stress_content(tmp_path / "c"))
    groups = network.practice_groups(model, model.practices["whole-network"])
    assert [g.sector for g in groups] == ["state", "non-state", "citizens"]
    assert [a.actor for a in groups[0].actors] == ["protection-centre", "local-government"]
    assert [a.actor for g in groups for a in g.actors if a.lead] == ["neighbours"]


# -- the SVG ---------------------------------------------------------------------------------

FIGURE = re.compile(r'<figure class="nd-figure[^"]*">\n(<svg .*?</svg>)\n<figcaption>',
                    re.S)


def svgs(text: str) -> list[ET.Element]:
    """Every diagram in a page's Markdown or HTML, parsed as XML (fails if not well-formed)."""
    found = FIGURE.findall(text)
    return [ET.fromstring(s) for s in found]


def texts(el: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in el.iter(f"{SVG_NS}text")]


def check_svg(el: ET.Element, lang: str) -> None:
    assert el.tag == f"{SVG_NS}svg"
    assert el.get("role") == "img" and el.get("lang") == lang
    title = el.find(f"{SVG_NS}title")
    desc = el.find(f"{SVG_NS}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert el.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "Sarabun" in el.get("font-family")
    width = float(el.get("width"))
    assert width <= 328, "must fit the content column of a 360 px screen"
    assert el.get("viewBox") == f"0 0 {el.get('width')} {el.get('height')}"
    for rect in el.iter(f"{SVG_NS}rect"):  # print-friendly: no dark backgrounds behind text
        if float(rect.get("width")) > 40 and float(rect.get("height")) > 30:
            fill = rect.get("fill").lstrip("#")
            luminance = sum(int(fill[i:i + 2], 16) for i in (0, 2, 4)) / 3
            assert luminance > 200, f"dark box background {rect.get('fill')}"
    for t in el.iter(f"{SVG_NS}tspan"):
        assert 0 <= float(t.get("x")) <= width


def render(content: Path):
    r = Renderer(load(content), base=ROOT)
    return {p.uri: p for p in r.pages()}, r.fragments()


def test_every_entry_page_has_a_labelled_diagram(content):
    model = load(content)
    pages, _ = render(content)
    for kind, folder in (("practice", "practices"), ("story", "stories")):
        for eid in model.entries(kind):
            for lang, suffix in (("th", ""), ("en", ".en")):
                text = pages[f"{folder}/{eid}{suffix}.md"].content
                found = svgs(text)
                assert len(found) == 1, f"{folder}/{eid}{suffix}.md"
                check_svg(found[0], lang)


def test_diagrams_show_the_labels_in_the_page_language(tmp_path):
    content = write_stress_content(tmp_path / "c")
    want = independent_counts(content)
    pages, fragments = render(content)
    for lang, suffix in (("th", ""), ("en", ".en")):
        (practice,) = svgs(pages[f"practices/whole-network{suffix}.md"].content)
        shown = " ".join(" ".join(texts(practice)).split())
        compact = shown.replace(" ", "")
        data = yaml.safe_load((content / "practice" / "whole-network.yml").read_text("utf-8"))
        for a in data["actors"]:
            label = want["labels"]["actors"][a["actor"]][lang]
            assert label.replace(" ", "") in compact, label
            for r in a["resources"]:
                assert want["labels"]["resources"][r][lang].replace(" ", "") in compact
        for s in ("state", "non-state", "citizens"):
            assert want["labels"]["sectors"][s][lang] in shown
        (story,) = svgs(pages[f"stories/long-road{suffix}.md"].content)
        compact = "".join(texts(story)).replace(" ", "")
        story_data = yaml.safe_load((content / "story" / "long-road.yml").read_text("utf-8"))
        for step in story_data["path"]:
            assert step["action"][lang].replace(" ", "") in compact
        assert story_data["outcome"][lang].replace(" ", "") in compact
        charts = svgs(fragments[("network", lang)])
        assert len(charts) == 3
        for chart in charts:
            check_svg(chart, lang)


def test_story_steps_keep_their_order():
    pages, _ = render(MINI)
    (story,) = svgs(pages["stories/grandmother.en.md"].content)
    shown = texts(story)
    first = next(i for i, s in enumerate(shown) if s.startswith("1 · Notice"))
    second = next(i for i, s in enumerate(shown) if s.startswith("2 · Ask outside"))
    outcome = shown.index("She is cared for")
    assert first < second < outcome


def test_text_from_content_is_escaped(tmp_path):
    content = write_stress_content(tmp_path / "c")
    pages, fragments = render(content)
    practice = pages["practices/whole-network.en.md"].content
    story = pages["stories/long-road.en.md"].content
    for text in (practice, story, fragments[("network", "en")]):
        for el in svgs(text):  # parses: nothing from the content broke the XML
            assert [c.tag for c in el] [:2] == [f"{SVG_NS}title", f"{SVG_NS}desc"]
    assert "(&lt; 3 &amp; &gt; 2 days)" in practice
    assert "Shops &amp; &lt;&gt; local &#34;businesses&#34;" in practice
    (diagram,) = svgs(practice)
    assert 'Shops & <> local "businesses"' in " ".join(texts(diagram))
    assert "An uncle&#39;s long road &amp; &lt;&gt; many steps" in story


@pytest.mark.parametrize("text,lang", [
    ("ศูนย์คุ้มครองคนไร้ที่พึ่งจังหวัดนครราชสีมา กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "th"),
    ("ความรู้และทักษะการทำงานด้านสวัสดิการสังคมสำหรับคนทำงานในเครือข่าย", "th"),
    ("Nakhon Ratchasima Protection Centre for Destitute Persons (Ministry of Social "
     "Development)", "en"),
    ("Supercalifragilisticexpialidociousresourcewithoutanyspace", "en"),
])
@pytest.mark.parametrize("width", [120, 200])
def test_wrap_fits_keeps_every_character_and_thai_words(text, lang, width):
    lines = svg.wrap(text, width, 14)
    assert len(lines) > 1
    assert all(svg.text_width(ln, 14) <= width for ln in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for ln in lines:  # no line starts with a Thai vowel or tone mark cut from its letter
        assert ln[0] not in svg._THAI_MARKS
    if lang == "th" and " " not in text:
        # Thai is broken between dictionary words, never inside one
        assert not any(ln.endswith("ทัก") for ln in lines) and not any(
            ln.startswith("ษะ") for ln in lines)


def test_wrap_short_text_is_one_line():
    assert svg.wrap("ภาครัฐ", 300, 14) == ("ภาครัฐ",)
    assert svg.wrap("", 300, 14) == ("",)


# -- whole-site builds -----------------------------------------------------------------------

HTML_FIGURE = re.compile(r'<figure class="nd-figure[^"]*">\s*(<svg .*?</svg>)', re.S)


def html_svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in HTML_FIGURE.findall(page)]


def page_lang(page: str) -> str:
    return re.search(r'<html lang="(\w+)"', page).group(1)


def check_entry_pages(site: Path, content: Path) -> None:
    for kind, folder, table in (("practice", "practices", '<table class="nd-actors">'),
                                ("story", "stories", '<ol class="nd-path">')):
        slugs = sorted(p.stem for p in (content / kind).glob("*.yml"))
        assert slugs, f"no {kind} in {content}"
        for slug in slugs:
            for prefix, lang in (("", "th"), ("en/", "en")):
                page = (site / prefix / folder / slug / "index.html").read_text("utf-8")
                assert page_lang(page) == lang
                found = html_svgs(page)
                assert len(found) == 1, f"{prefix}{folder}/{slug}: one diagram"
                check_svg(found[0], lang)
                assert table in page, f"{prefix}{folder}/{slug}: the table or list beside it"
                assert page.index("<svg") < page.index(table)


def table_rows(table_html: str) -> list[list[str]]:
    """The body rows of an HTML table as lists of cell text (tags stripped, unescaped); links
    in a cell are kept as a count in a trailing "<n links>" item."""
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", table_html, re.S):
        cells = re.findall(r"<t([hd])[^>]*>(.*?)</t[hd]>", tr, re.S)
        if not cells or "scope=\"col\"" in tr or "<th>" in tr and "<td" not in tr:
            continue
        row = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for _, c in cells]
        row.append(f"<{sum(c.count('<a href=') for _, c in cells)} links>")
        rows.append(row)
    return rows


def table_after(page: str, marker: str) -> str:
    start = page.index(marker)
    return page[page.index("<table", start):page.index("</table>", start)]


def check_network_page(site: Path, content: Path) -> None:
    want = independent_counts(content)
    labels = want["labels"]
    for prefix, lang in (("", "th"), ("en/", "en")):
        page = (site / prefix / "network" / "index.html").read_text("utf-8")
        assert page_lang(page) == lang
        charts = html_svgs(page)
        assert len(charts) == 3, "sectors, actors, resources"
        for chart in charts:
            check_svg(chart, lang)

        def label(vocab, tid, lang=lang):
            text = labels[vocab][tid]
            return text.get(lang) or next(iter(text.values()))

        sectors = {r[0]: r[1:-1] for r in table_rows(table_after(page, "nd-net-sectors-title"))}
        assert sectors == {label("sectors", s): [str(want["sector"].get(s, 0)),
                                                 str(want["leads"].get(s, 0))]
                           for s in want["sectors"]}
        # the sector chart draws the same numbers as its table
        values = [int(t) for t in texts(charts[0]) if t.isdigit()]
        assert values == [want["sector"].get(s, 0) for s in want["sectors"]]
        # every actor taking part, with its sector and number of practices, most first
        actors = table_rows(table_after(page, "nd-net-actors-title"))
        assert {r[0]: (r[1], int(r[2])) for r in actors} == {
            label("actors", a): (label("sectors", want["sector_of"][a]), n)
            for a, n in want["actor"].items()}
        assert [int(r[2]) for r in actors] == sorted((int(r[2]) for r in actors), reverse=True)
        # resources by sector: every pair that occurs, and no other
        resources = table_rows(table_after(page, "nd-net-resources-title"))
        assert {(r[0], r[1]): int(r[2]) for r in resources} == {
            (label("sectors", s), label("resources", r)): n
            for (r, s), n in want["resource"].items()}
        # which actors take part in which practice: one list item per practice
        who = page[page.index("</table>", page.index("nd-net-resources-title")):]
        items = re.findall(r"<li>(.*?)</li>", who, re.S)[:want["practices"]]
        linked = [re.search(r'href="[./]*practices/([\w-]+)/"', i).group(1) for i in items]
        assert sorted(linked) == sorted(want["titles"])
        for item, pid in zip(items, linked, strict=True):
            shown = html.unescape(re.sub(r"<[^>]+>", "", item))
            for a in want["practice_actors"][pid]:
                assert label("actors", a) in shown, (pid, a)


def test_stress_site_pages(stress_site, tmp_path):
    content = write_stress_content(tmp_path / "c")
    check_entry_pages(stress_site, content)
    check_network_page(stress_site, content)


def test_real_site_pages_have_diagram_and_table(site):
    check_entry_pages(site, REAL)


def test_real_network_page_matches_the_content(site):
    for name in ("network.md", "network.en.md"):  # the figures are filled in where it says
        assert "<!-- nondaeng:network -->" in (ROOT / "docs" / name).read_text("utf-8"), name
    check_network_page(site, REAL)
