"""The adoption feature: readiness criteria, the adoption registry, its pages and the exports.

Made-up records live in tests/fixtures/adoption/records/ only; the site's own data (the
readiness criteria and the one area the study documents) is checked as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import referencing
import yaml
from nondaeng.core import adoption, adoption_exports, adoption_pages, exports
from nondaeng.core.features import FEATURES, open_data
from nondaeng.core.pipeline import load_content
from nondaeng.core.render import Lang, Renderer

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
RECORDS = FIX / "adoption" / "records"
TODAY = dt.date(2026, 11, 25)
ATOM = "{http://www.w3.org/2005/Atom}"


def feature_data() -> Path:
    """Where the site's readiness/ and adoption/ folders are."""
    return ROOT / "practices"


def make_content(tmp: Path, records: bool = False) -> Path:
    """The real content with the feature's data, plus the made-up records if asked."""
    root = tmp / "practices"
    shutil.copytree(ROOT / "practices", root, ignore=shutil.ignore_patterns("readiness",
                                                                           "adoption"))
    for folder in adoption.FOLDERS:
        shutil.copytree(feature_data() / folder, root / folder)
    if records:
        for p in RECORDS.glob("*.yml"):
            shutil.copy(p, root / "adoption" / p.name)
    return root


def load(root: Path, today: dt.date = TODAY):
    """The model and every diagnostic, as `nondaeng validate` finds them (the validator runs
    the feature's load()); ``today`` applies to the core checks and the feature's."""
    model, diags = load_content(root, base=root.parent, today=today)
    assert adoption.NAME in model.extra
    return model, diags


def errors(diags):
    return [d for d in diags if d.is_error]


def feature_pages(model):
    """The feature's pages, rendered as the pipeline renders them."""
    return adoption_pages.render(model, Renderer(model, features=FEATURES))


def write_data(model, site: Path, site_url: str) -> None:
    """``data/`` as the plugin writes it: the core's files and every feature's."""
    exports.write_all(model, site, site_url, open_data())


DATA_FILES = [name for name, _, _ in exports.files(open_data())]
CSV_COLUMNS = {**exports.CSV_COLUMNS, **adoption_exports.CSV_COLUMNS}


# (the readiness and adoption schema fixtures run in test_schemas.py, with every kind's)


# -- the site's own data ----------------------------------------------------------------------
def test_site_data_loads_clean(tmp_path):
    model, diags = load(make_content(tmp_path))
    assert errors(diags) == []
    data = model.extra["adoption"]
    files = sorted(p.stem for p in (feature_data() / "readiness").glob("*.yml"))
    assert sorted(d.id for d in data.dimensions) == files
    ids = [c["id"] for _, c in data.criteria()]
    assert len(ids) == len(set(ids)) >= 10


def test_site_registry_is_non_daeng_as_the_study_says(tmp_path):
    model, _ = load(make_content(tmp_path))
    records = model.extra["adoption"].records
    assert list(records) == ["non-daeng"]  # made-up records never reach the site
    r = records["non-daeng"]
    assert r.area.code == "302401"
    assert r.area.name() == {"th": "ตำบลโนนแดง อำเภอโนนแดง จังหวัดนครราชสีมา",
                             "en": "Non Daeng Subdistrict, Non Daeng District, "
                                   "Nakhon Ratchasima Province"}
    d = r.data
    # the study gives no start date, no current status and no outcome figures
    assert "since" not in d and d["status"] == "unknown" and "results" not in d
    assert d["role"] == "origin" and d["scope"] == "model" and d["source"]["basis"] == "study"
    # the award year is a fact the study states; it is not given as a start date
    assert [m["when"] for m in d["milestones"]] == ["2023"]
    assert "2566" in d["milestones"][0]["text"]["th"]


# -- registry validation ------------------------------------------------------------------------
BASE_RECORD = (RECORDS / "test-samran.yml").read_text("utf-8")


def check_record(tmp: Path, text: str, name: str = "test-samran", today: dt.date = TODAY,
                 extra: dict[str, str] | None = None):
    root = make_content(tmp)
    (root / "adoption" / f"{name}.yml").write_text(text, "utf-8")
    for fname, body in (extra or {}).items():
        (root / "adoption" / fname).write_text(body, "utf-8")
    model, diags = load(root, today)
    return model, [d for d in errors(diags) if d.path.startswith("practices/adoption/")]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("old", "new", "code", "words"), [
    ('province: "40"', 'province: "99"', "A001", "unknown province"),
    ('district: "4001"', 'district: "4099"', "A001", "unknown district"),
    ('subdistrict: "400102"', 'subdistrict: "400199"', "A001", "unknown subdistrict"),
    ('district: "4001"', 'district: "3001"', "A002", "is not in province"),
    ('subdistrict: "400102"', 'subdistrict: "302401"', "A002", "is not in district"),
    ('province: "40", district: "4001", subdistrict: "400102"',
     'province: "10", district: "1002", subdistrict: "100205"', "A001", "abolished"),
])
def test_bad_codes(tmp_path, old, new, code, words):
    text = BASE_RECORD.replace(old, new)
    assert text != BASE_RECORD
    _, errs = check_record(tmp_path, text)
    assert {d.line for d in errs} == {line_of(text, "area:")}, errs
    assert any(d.code == code and words in d.message for d in errs), errs


@pytest.mark.parametrize(("old", "new", "code", "needle"), [
    ("practice: simple-monitoring, status", "practice: no-such-practice, status", "A003",
     "no-such-practice"),
    ("indicator: area-resources-first", "indicator: no-such-indicator", "A004",
     "no-such-indicator"),
    ("practice: simple-monitoring, status: started",
     "practice: elder-home-visits, status: started", "A012", "period: \"2024-06\""),
    ("count: {value: 12, of: 30}", "count: {value: 31, of: 30}", "A013", "value: 31"),
    ("practice: simple-monitoring, status: started",
     "practice: subdistrict-case-conference, status: started", "A008",
     "subdistrict-case-conference, status: started"),
    ("actor: local-government", "actor: no-such-actor", "A007", "no-such-actor"),
    ('since: "2024-03"\nstatus', 'since: "2567-03"\nstatus', "A006", 'since: "2567-03"'),
    ('since: "2024-03"\nstatus', 'since: "2024-02-30"\nstatus', "A006", 'since: "2024-02-30"'),
    ('period: "2024-06"', 'period: "2027"', "A006", 'period: "2027"'),
])
def test_bad_references_and_dates(tmp_path, old, new, code, needle):
    text = BASE_RECORD.replace(old, new, 1)
    assert text != BASE_RECORD
    _, errs = check_record(tmp_path, text)
    assert code in {d.code for d in errs}, errs
    hit = next(d for d in errs if d.code == code)
    assert hit.line == line_of(text, needle), hit.text()
    assert hit.text().startswith(f"practices/adoption/test-samran.yml:{hit.line}:")


def test_the_same_area_twice_and_a_wrong_file_name(tmp_path):
    twin = BASE_RECORD.replace("id: test-samran", "id: test-samran-again")
    _, errs = check_record(tmp_path, BASE_RECORD, extra={"test-samran-again.yml": twin,
                                                         "notes.md": "# notes\n"})
    codes = Counter(d.code for d in errs)
    assert codes["A009"] == 1 and codes["A011"] == 1, errs
    _, errs = check_record(tmp_path / "2", BASE_RECORD, name="samran")
    assert [d.code for d in errs] == ["R004"]  # the id is not the file name, as for entries


@pytest.mark.parametrize("office", [
    "นายสมชาย ใจดี", "นางสมศรี มีสุข", "นางสาวสุดา", "คุณสมศรี ฝ่ายสวัสดิการ",
    "Mr. Somchai Jaidee", "ติดต่อ 081-234-5678", "somchai@example.org", "LINE: @somchai",
    "โทร ๐๘๑๒๓๔๕๖๗๘",
])
def test_personal_data_in_the_contact(tmp_path, office):
    text = BASE_RECORD.replace("office: {th: กองสวัสดิการสังคม องค์การบริหารส่วนตำบล,",
                               f"office: {{th: '{office}',")
    assert text != BASE_RECORD
    _, errs = check_record(tmp_path, text)
    assert {d.code for d in errs} == {"A005"}, errs  # reported once, as a contact problem
    assert errs[0].line == line_of(text, "office:")


@pytest.mark.parametrize("office", [
    "นายกองค์การบริหารส่วนตำบล", "กองสวัสดิการสังคม", "ผู้ใหญ่บ้านหมู่ 3",
    "งานส่งเสริมคุณภาพชีวิต เทศบาลตำบล", "ศูนย์ช่วยเหลือสังคม สายด่วน 1300",
    "Social welfare division, Mayor's office",
])
def test_roles_are_not_personal_data(tmp_path, office):
    text = BASE_RECORD.replace("office: {th: กองสวัสดิการสังคม องค์การบริหารส่วนตำบล,",
                               f"office: {{th: \"{office}\",")
    _, errs = check_record(tmp_path, text)
    assert errs == []


def test_personal_data_elsewhere_in_a_record(tmp_path):
    text = BASE_RECORD.replace("source: {basis: area-report}",
                               "summary: {th: โทร 0812345678}\nsource: {basis: area-report}")
    _, errs = check_record(tmp_path, text)
    assert [(d.code, d.line) for d in errs] == [("P002", line_of(text, "summary:"))]


def test_readiness_references(tmp_path):
    root = make_content(tmp_path)
    first = sorted((root / "readiness").glob("*.yml"))[0]
    text = first.read_text("utf-8")
    crit = re.search(r"  - id: ([a-z0-9-]+)", text).group(1)
    other = sorted((root / "readiness").glob("*.yml"))[1]
    other_text = other.read_text("utf-8")
    other_crit = re.search(r"  - id: ([a-z0-9-]+)", other_text).group(1)
    other.write_text(other_text.replace(f"id: {other_crit}", f"id: {crit}", 1), "utf-8")
    text = re.sub(r"recommendations: \[", "recommendations: [no-such-term, ", text, count=1)
    text = re.sub(r"practices: \[", "practices: [no-such-practice, ", text, count=1)
    first.write_text(text, "utf-8")
    _, diags = load(root)
    got = {(d.code, Path(d.path).name) for d in errors(diags)}
    assert got == {("A007", first.name), ("A003", first.name), ("A008", other.name)}, got


# -- figures and pages ---------------------------------------------------------------------------
def raw_records(root: Path) -> list[dict]:
    """The registry read with plain yaml.safe_load: counts made without the feature's code."""
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((root / "adoption").glob("*.yml"))]


def table_rows(page: str, cls: str) -> list[list[str]]:
    body = re.search(rf'<table class="nd-table {cls}">(.*?)</table>', page, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("</thead>")[-1], re.S)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    root = make_content(tmp_path_factory.mktemp("registry"), records=True)
    model, diags = load(root)
    assert errors(diags) == []
    pages = {p.uri: p for p in feature_pages(model)}
    return root, model, pages


def test_spread_figures_match_the_data_files(registry):
    import geothai

    root, _, pages = registry
    raw = raw_records(root)
    assert len(raw) == 5
    # the spread is the areas that took the model up: the origin (the study's area) is listed
    # in the registry but not counted in the totals, provinces or statuses
    every, raw = raw, [r for r in raw if r["role"] != "origin"]
    assert len(raw) == 4
    for lang, suffix in (("th", ""), ("en", ".en")):
        page = pages[f"spread/index{suffix}.md"].content
        by_prov = Counter(r["area"]["province"] for r in raw)
        dists: dict[str, set] = {}
        for r in raw:
            dists.setdefault(r["area"]["province"], set()).add(r["area"].get("district"))
        want = sorted([[getattr(geothai.province(code), f"name_{lang}"), str(n),
                        str(len(dists[code] - {None}))] for code, n in by_prov.items()])
        assert sorted(table_rows(page, "nd-spread-provinces")) == want
        all_districts = {r["area"]["district"] for r in raw if "district" in r["area"]}
        numbers = [len(raw), len(by_prov), len(all_districts)]
        totals = re.search(r'<p class="nd-spread-totals">(.*?)</p>', page).group(1)
        assert [int(n) for n in re.findall(r"\d+", totals)] == numbers
        statuses = Counter(r["status"] for r in raw)
        shown = re.findall(r'nd-status--([a-z-]+)">[^<]*: <span class="nd-num">(\d+)', page)
        assert {s: int(n) for s, n in shown} == dict(statuses)
        practices = Counter(p["practice"] for r in raw for p in r.get("practices", []))
        titles = {p.stem: yaml.safe_load(p.read_text("utf-8"))["title"][lang]
                  for p in (root / "practice").glob("*.yml")}
        rows = {title: int(n) for title, n in table_rows(page, "nd-spread-practices")}
        assert rows == {titles[pid]: practices.get(pid, 0) for pid in titles}
        model_n = sum(1 for r in raw if r["scope"] == "model")
        assert re.search(rf'nd-spread-model">[^<]*<span class="nd-num">{model_n}</span>', page)
        for r in every:
            assert f'id="area-{r["id"]}"' in page


def test_results_over_time_match_the_data_files(registry):
    root, _, pages = registry
    raw = raw_records(root)
    page = pages["results/index.en.md"].content
    results = [x for r in raw for x in r.get("results", [])]
    key = ("simple-monitoring", "status-recorded")
    periods: dict[str, Counter] = {}
    for x in results:
        if (x["practice"], x["indicator"]) == key:
            periods.setdefault(x["period"], Counter())[x["level"]] += 1
    block = re.search(r'id="result-simple-monitoring-status-recorded">(.*?)</div>', page,
                      re.S).group(1)
    block = block.replace('<table class="nd-table nd-result-each">', "<x>")
    rows = table_rows(f'<table class="nd-table nd-result-periods">{block.split("</caption>")[1]}',
                      "nd-result-periods")
    want = [[p] + [str(c[lv]) for lv in adoption.LEVELS] for p, c in sorted(periods.items())]
    assert rows == want
    total = re.search(r'nd-results-totals"><strong>(.*?)</strong>', page).group(1)
    areas = {r["id"] for r in raw if r.get("results")}
    assert [int(n) for n in re.findall(r"\d+", total)] == [len(areas), len(results)]


def test_practice_adoption(registry):
    root, model, _ = registry
    raw = raw_records(root)
    pa = adoption.practice_adoption(model, "simple-monitoring")
    listing = {r["id"] for r in raw if "simple-monitoring" in
               [p["practice"] for p in r.get("practices", [])]}
    assert pa["count"] == len(listing) == 2
    assert {a["id"] for a in pa["areas"]} == listing
    assert {a["id"] for a in pa["model_areas"]} == {r["id"] for r in raw if r["scope"] == "model"
                                                     and r["role"] != "origin"}
    ind = next(i for i in pa["indicators"] if i["id"] == "status-recorded")
    assert [x["period"] for x in ind["results"]] == sorted(x["period"] for x in ind["results"])
    assert pa["results"] == sum(1 for r in raw for x in r.get("results", [])
                                if x["practice"] == "simple-monitoring")
    empty = adoption.practice_adoption(model, "temple-business-support")
    assert empty["count"] == 0 and empty["results"] == 0


def test_readiness_page_holds_every_criterion(registry):
    root, model, pages = registry
    for uri in ("readiness/index.md", "readiness/index.en.md"):
        page = pages[uri].content
        assert pages[uri].source.endswith("practices/readiness")
        for p in sorted((root / "readiness").glob("*.yml")):
            dim = yaml.safe_load(p.read_text("utf-8"))
            assert f'id="nd-rd-{dim["id"]}"' in page
            for c in dim["criteria"]:
                li = re.search(rf'<li class="nd-rc" id="nd-rc-{c["id"]}">(.*?)</li>', page, re.S)
                assert li, c["id"]
                linked = re.findall(r'nd-rc-p-([a-z0-9-]+)" href="\.\./practices/\1/"',
                                    li.group(1))
                assert linked == c["practices"]
        assert "<script" not in page and "<input" not in page


# -- exports ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def exported(registry, tmp_path_factory):
    root, model, _ = registry
    site = tmp_path_factory.mktemp("site")
    write_data(model, site, "https://example.org/nd/")
    return root, model, site / "data"


def test_json_exports_validate_against_their_schemas(exported):
    root, model, data = exported
    resources = [(p.name, referencing.Resource.from_contents(json.loads(p.read_text("utf-8"))))
                 for p in (data / "schemas").glob("*.json")]
    reg = referencing.Registry().with_resources(resources)
    counts = {"practices.json": len(list((root / "practice").glob("*.yml"))),
              "stories.json": len(list((root / "story").glob("*.yml"))),
              "vocabularies.json": len(list((root / "vocabulary").glob("*.yml"))),
              "adoption.json": len(list((root / "adoption").glob("*.yml"))),
              "readiness.json": len(list((root / "readiness").glob("*.yml")))}
    for name, n in counts.items():
        doc = json.loads((data / name).read_text("utf-8"))
        assert doc["licence"]["id"] == "CC-BY-4.0"
        assert doc["count"] == len(doc["items"]) == n, name
        target = json.loads((data / doc["schema"]).read_text("utf-8"))
        v = jsonschema.Draft202012Validator(target, registry=reg)
        for item in doc["items"]:
            assert list(v.iter_errors(item)) == [], (name, item.get("id"))
    adopt = json.loads((data / "adoption.json").read_text("utf-8"))
    assert adopt["areas"]["non-daeng"]["subdistrict"] == {"code": "302401", "th": "โนนแดง",
                                                         "en": "Non Daeng"}
    practices = json.loads((data / "practices.json").read_text("utf-8"))
    assert practices["pages"]["simple-monitoring"]["en"] == \
        "https://example.org/nd/en/practices/simple-monitoring/"


def test_csv_exports_open_with_the_right_columns(exported):
    root, _, data = exported
    raw = raw_records(root)
    expect_rows = {"adoption.csv": len(raw),
                   "adoption-practices.csv": sum(len(r.get("practices", [])) for r in raw),
                   "results.csv": sum(len(r.get("results", [])) for r in raw),
                   "practices.csv": len(list((root / "practice").glob("*.yml"))),
                   "stories.csv": len(list((root / "story").glob("*.yml")))}
    for name, columns in CSV_COLUMNS.items():
        assert (data / name).read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
        with (data / name).open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        assert reader.fieldnames == columns, name
        if name in expect_rows:
            assert len(rows) == expect_rows[name], name
    with (data / "adoption.csv").open(encoding="utf-8-sig", newline="") as f:
        nd = next(r for r in csv.DictReader(f) if r["id"] == "non-daeng")
    assert (nd["subdistrict_code"], nd["subdistrict_th"], nd["province_en"]) == \
        ("302401", "โนนแดง", "Nakhon Ratchasima")


def test_atom_feeds_parse(exported):
    root, model, data = exported
    n = len(model.practices) + len(model.stories) + len(raw_records(root))
    for lang in ("th", "en"):
        feed = ET.parse(data / f"feed.{lang}.xml").getroot()
        assert feed.tag == f"{ATOM}feed"
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == min(n, exports.FEED_LIMIT)
        stamps = [e.findtext(f"{ATOM}updated") for e in entries]
        assert stamps == sorted(stamps, reverse=True)
        assert feed.findtext(f"{ATOM}updated") == stamps[0]
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == len(ids)
        for e in entries:
            assert e.findtext(f"{ATOM}title") and e.find(f"{ATOM}link").get("href")
        sm = next(e for e in entries if e.findtext(f"{ATOM}id").endswith("practice/"
                                                                         "simple-monitoring"))
        title = model.practices["simple-monitoring"].data["title"][lang]
        assert sm.findtext(f"{ATOM}title") == title
        prefix = "en/" if lang == "en" else ""
        assert sm.find(f"{ATOM}link").get("href") == \
            f"https://example.org/nd/{prefix}practices/simple-monitoring/"


def test_exports_are_reproducible_and_the_data_page_lists_them(exported, registry, tmp_path):
    root, model, data = exported
    again = tmp_path / "again"
    write_data(model, again, "https://example.org/nd/")
    for name in DATA_FILES:
        assert (data / name).read_bytes() == (again / "data" / name).read_bytes(), name
    _, _, pages = registry
    for uri, prefix in (("data/index.md", ""), ("data/index.en.md", "../../data/")):
        hrefs = re.findall(r'class="nd-data-file" href="([^"]+)"', pages[uri].content)
        assert {h.removeprefix(prefix) for h in hrefs} >= set(DATA_FILES)
        for h in hrefs:
            assert (data / h.removeprefix(prefix)).is_file(), h


def test_practice_block_for_the_practice_page(registry):
    root, model, _ = registry
    r = Renderer(model)
    raw = raw_records(root)
    for lang in ("th", "en"):
        block = adoption_pages.practice_block(r, model, "simple-monitoring", Lang(lang, r.ui),
                                              "../")
        n = sum(1 for x in raw if "simple-monitoring" in
                [p["practice"] for p in x.get("practices", [])])
        assert f"{n} {'พื้นที่' if lang == 'th' else 'areas'}" in block
        rows = table_rows(block, "nd-practice-results")
        assert len(rows) == sum(1 for x in raw for y in x.get("results", [])
                                if y["practice"] == "simple-monitoring")
        assert "\n\n<table" in block  # a blank line ends the list before the raw HTML
        assert "(../spread/index.md)" in block and "(../results/index.md)" in block


def test_content_without_the_feature_folders(tmp_path):
    """Content with no readiness/ or adoption/ still gets the four pages and the exports."""
    root = tmp_path / "practices"
    shutil.copytree(ROOT / "practices", root, ignore=shutil.ignore_patterns(*adoption.FOLDERS))
    model, diags = load(root)
    assert errors(diags) == []
    pages = {p.uri: p.content for p in feature_pages(model)}
    assert len(pages) == 2 * len(adoption.GENERATED)
    assert "No readiness criteria yet." in pages["readiness/index.en.md"]
    assert "No areas in the registry yet." in pages["spread/index.en.md"]
    write_data(model, tmp_path / "site", "")
    doc = json.loads((tmp_path / "site" / "data" / "adoption.json").read_text("utf-8"))
    assert doc["items"] == [] and doc["count"] == 0
    feed = ET.parse(tmp_path / "site" / "data" / "feed.en.xml").getroot()
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert re.match(r"\.\./en/(practices|stories)/", link)  # relative to data/ without a URL


# -- the real site (the session's `mkdocs build --strict` of the real content) ----------------
@pytest.mark.build
def test_built_site_pages_and_data(site):
    for folder in adoption.GENERATED:
        assert (site / folder / "index.html").is_file(), folder
        assert (site / "en" / folder / "index.html").is_file(), folder
    raw = raw_records(ROOT / "practices")
    spread_html = (site / "spread" / "index.html").read_text("utf-8")
    adopters = sum(1 for r in raw if r["role"] != "origin")
    if adopters:
        rows = table_rows(spread_html, "nd-spread-provinces")
        assert sum(int(r[1]) for r in rows) == adopters
    else:  # the origin alone is not spread: no province table, a sentence instead
        assert 'class="nd-table nd-spread-provinces"' not in spread_html
        assert 'id="area-non-daeng"' in spread_html
    data = site / "data"
    for name in DATA_FILES:
        assert (data / name).is_file(), name
    doc = json.loads((data / "adoption.json").read_text("utf-8"))
    assert [r["id"] for r in doc["items"]] == [r["id"] for r in raw]
    for lang_dir in (site / "data", site / "en" / "data"):
        page = (lang_dir / "index.html").read_text("utf-8")
        hrefs = re.findall(r'class="nd-data-file" href="([^"]+)"', page)
        assert hrefs
        for h in hrefs:  # raw links: resolved here as the browser would
            assert (lang_dir / h).resolve().is_file(), h


def test_missing_data_package_is_a_clear_error(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "geothai", None)  # import geothai raises ImportError
    model, diags = load(make_content(tmp_path))
    assert [(d.code, d.path) for d in errors(diags)] == [("A000", "practices/adoption")]
