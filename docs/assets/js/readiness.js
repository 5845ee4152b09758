/* The readiness self-check (/readiness/ and /en/readiness/).
 *
 * The page is a worksheet in plain HTML, generated from practices/readiness/*.yml: each
 * dimension a .nd-rd (id nd-rd-<dimension>, its title in aria-label), each criterion an
 * li.nd-rc (id nd-rc-<criterion>) holding .nd-rc-label, .nd-rc-missing and links
 * a.nd-rc-practice.nd-rc-p-<practice>. This script reads the criteria from there, adds a
 * checkbox to each, and shows the readiness by dimension and the practices to start with.
 *
 * It sends nothing anywhere and loads nothing: the answers are kept in this browser's
 * localStorage only, and can be printed or saved as a file (a download made in the page).
 */
(function () {
  "use strict";

  var KEY = "nondaeng-readiness-v1";
  var TEXT = {
    th: {
      heading: "ผลการตรวจความพร้อม",
      overall: "ความพร้อมโดยรวม: {a} จาก {b} ข้อ ({p}%)",
      dimension: "หมวด",
      ticked: "มีแล้ว",
      none: "ยังไม่ได้ทำเครื่องหมาย ทำเครื่องหมายข้อที่พื้นที่มีอยู่แล้วในแต่ละหมวดด้านล่าง",
      start: "ควรเริ่มจาก",
      startIntro: "หมวดที่ยังพร้อมน้อยที่สุด และสิ่งที่ทำได้:",
      practices: "แนวปฏิบัติที่ควรเริ่มก่อน",
      practicesIntro: "เรียงตามจำนวนข้อที่ยังไม่มีที่แนวปฏิบัตินั้นช่วยได้",
      helps: "ช่วยได้ {n} ข้อ",
      all: "พื้นที่มีครบทุกข้อแล้ว ลองใช้แนวปฏิบัติต่าง ๆ และติดตามผลเพื่อปรับแผน",
      print: "พิมพ์",
      save: "บันทึกคำตอบเป็นไฟล์",
      clear: "ล้างคำตอบ",
      confirmClear: "ล้างคำตอบทั้งหมดในเครื่องนี้หรือไม่",
      stored: "คำตอบเก็บไว้ในเบราว์เซอร์นี้เท่านั้น ไม่ถูกส่งไปที่ใด",
      noStorage: "เบราว์เซอร์นี้ไม่อนุญาตให้เก็บคำตอบ คำตอบจะหายเมื่อปิดหน้า",
      tick: "พื้นที่มีข้อนี้แล้ว"
    },
    en: {
      heading: "Your readiness",
      overall: "Overall readiness: {a} of {b} items ({p}%)",
      dimension: "Dimension",
      ticked: "In place",
      none: "Nothing ticked yet. Tick what the area already has in each dimension below.",
      start: "Where to start",
      startIntro: "The dimension that is least ready, and what to do:",
      practices: "Practices to start with",
      practicesIntro: "Ranked by how many missing items each practice helps with",
      helps: "helps with {n}",
      all: "The area has every item. Try the practices and monitor the results to adjust the plan.",
      print: "Print",
      save: "Save answers as a file",
      clear: "Clear answers",
      confirmClear: "Clear all answers kept in this browser?",
      stored: "Your answers are kept in this browser only and are sent nowhere.",
      noStorage: "This browser does not allow saving; the answers are lost when the page closes.",
      tick: "The area has this"
    }
  };

  function fmt(s, v) {
    return s.replace(/\{(\w+)\}/g, function (_, k) { return String(v[k]); });
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  /* The stored answers, read defensively: whatever is in localStorage (another version, a
     hand edit, another script), only own properties named like a criterion of this page and
     set to true count; names such as "constructor" or "__proto__" are never read through
     the prototype chain, and nothing else can break the page. */
  function load(known) {
    var answers = Object.create(null);
    try {
      var raw = window.localStorage.getItem(KEY);
      var data = raw ? JSON.parse(raw) : null;
      var stored = data && typeof data === "object" && !Array.isArray(data) ? data.answers : null;
      if (stored && typeof stored === "object" && !Array.isArray(stored)) {
        Object.keys(stored).forEach(function (k) {
          if (Object.prototype.hasOwnProperty.call(known, k) && known[k] === true &&
              stored[k] === true) {
            answers[k] = true;
          }
        });
      }
      return { ok: true, answers: answers };
    } catch (e) {
      return { ok: false, answers: answers };
    }
  }

  function save(answers) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({
        version: 1, answers: answers, saved: new Date().toISOString()
      }));
      return true;
    } catch (e) {
      return false;
    }
  }

  /* The criteria, read from the worksheet. */
  function readCriteria() {
    return Array.prototype.map.call(document.querySelectorAll(".nd-rd"), function (d) {
      return {
        id: d.id.replace(/^nd-rd-/, ""),
        title: d.getAttribute("aria-label") || "",
        criteria: Array.prototype.map.call(d.querySelectorAll("li.nd-rc"), function (li) {
          var label = li.querySelector(".nd-rc-label");
          return {
            id: li.id.replace(/^nd-rc-/, ""),
            li: li,
            label: label ? label.textContent.trim() : "",
            missing: li.querySelector(".nd-rc-missing"),
            practices: Array.prototype.map.call(li.querySelectorAll("a.nd-rc-practice"),
              function (a) {
                var m = /(?:^|\s)nd-rc-p-([a-z0-9-]+)/.exec(a.className);
                return { id: m ? m[1] : a.getAttribute("href"), title: a.textContent.trim(),
                         href: a.getAttribute("href") };
              })
          };
        })
      };
    });
  }

  function scores(dims, answers) {
    return dims.map(function (d) {
      var ticked = d.criteria.filter(function (c) { return answers[c.id]; }).length;
      return { dim: d, ticked: ticked, total: d.criteria.length,
               ratio: d.criteria.length ? ticked / d.criteria.length : 1 };
    });
  }

  /* Practices ranked by the number of missing criteria they help with (ties: page order). */
  function suggestedPractices(dims, answers) {
    var found = {};
    var order = [];
    dims.forEach(function (d) {
      d.criteria.forEach(function (c) {
        if (answers[c.id]) { return; }
        c.practices.forEach(function (p) {
          if (!found[p.id]) { found[p.id] = { p: p, n: 0, first: order.length }; order.push(p.id); }
          found[p.id].n += 1;
        });
      });
    });
    return order.map(function (id) { return found[id]; }).sort(function (a, b) {
      return b.n - a.n || a.first - b.first;
    });
  }

  function init() {
    var tool = document.getElementById("nd-readiness-tool");
    if (!tool || tool.getAttribute("data-ready")) { return; }
    tool.setAttribute("data-ready", "1");
    document.documentElement.classList.add("nd-js-readiness");
    var lang = (document.documentElement.lang || "th").slice(0, 2) === "en" ? "en" : "th";
    var T = TEXT[lang];
    var dims = readCriteria();
    var known = Object.create(null);
    dims.forEach(function (d) { d.criteria.forEach(function (c) { known[c.id] = true; }); });
    var state = load(known);
    var answers = state.answers;

    dims.forEach(function (d) {
      d.criteria.forEach(function (c) {
        var box = el("input", { type: "checkbox", id: "nd-rc-cb-" + c.id, class: "nd-rc-box",
                                "aria-describedby": c.li.id });
        box.checked = !!answers[c.id];
        c.li.classList.toggle("nd-rc--ticked", box.checked);
        var label = el("label", { for: box.id, class: "nd-rc-check", title: T.tick });
        var p = c.li.querySelector(".nd-rc-label");
        if (p) {
          while (p.firstChild) { label.appendChild(p.firstChild); }
          p.appendChild(box);
          p.appendChild(label);
        }
        box.addEventListener("change", function () {
          if (box.checked) { answers[c.id] = true; } else { delete answers[c.id]; }
          c.li.classList.toggle("nd-rc--ticked", box.checked);
          state.ok = save(answers);
          render();
        });
      });
    });

    function download() {
      var s = scores(dims, answers);
      var out = {
        tool: "nondaeng-readiness", version: 1, lang: lang, page: location.pathname,
        saved: new Date().toISOString(),
        scores: s.map(function (x) {
          return { dimension: x.dim.id, title: x.dim.title, ticked: x.ticked, total: x.total };
        }),
        answers: dims.reduce(function (all, d) {
          return all.concat(d.criteria.map(function (c) {
            return { dimension: d.id, criterion: c.id, label: c.label, ticked: !!answers[c.id] };
          }));
        }, [])
      };
      var blob = new Blob([JSON.stringify(out, null, 1)], { type: "application/json" });
      var a = el("a", { href: URL.createObjectURL(blob),
                        download: "readiness-" + new Date().toISOString().slice(0, 10) + ".json" });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    }

    /* The panel is made once: a heading, the score line (the polite live region: a screen
       reader hears the new score after each tick, not the whole panel), the results
       (re-drawn on each change), the buttons (kept, so focus stays on them) and a note. */
    tool.textContent = "";
    tool.appendChild(el("h2", { id: "nd-rs-heading", text: T.heading }));
    var overall = el("p", { id: "nd-rs-overall", class: "nd-rs-overall", role: "status",
                            "aria-live": "polite", "aria-atomic": "true" });
    tool.appendChild(overall);
    var results = el("div", { class: "nd-rs-results" });
    tool.appendChild(results);
    var print = el("button", { type: "button", class: "md-button", id: "nd-rs-print",
                               text: T.print });
    print.addEventListener("click", function () { window.print(); });
    var saveBtn = el("button", { type: "button", class: "md-button", id: "nd-rs-save",
                                 text: T.save });
    saveBtn.addEventListener("click", download);
    var clear = el("button", { type: "button", class: "md-button", id: "nd-rs-clear",
                               text: T.clear });
    clear.addEventListener("click", function () {
      if (!window.confirm(T.confirmClear)) { return; }
      Object.keys(answers).forEach(function (k) { delete answers[k]; });
      document.querySelectorAll("input.nd-rc-box").forEach(function (b) {
        b.checked = false;
        b.closest("li.nd-rc").classList.remove("nd-rc--ticked");
      });
      state.ok = save(answers);
      render();
    });
    tool.appendChild(el("p", { class: "nd-rs-actions" }, [print, saveBtn, clear]));
    var privacy = el("p", { class: "nd-rs-privacy" });
    tool.appendChild(privacy);

    function render() {
      var s = scores(dims, answers);
      var ticked = s.reduce(function (n, x) { return n + x.ticked; }, 0);
      var total = s.reduce(function (n, x) { return n + x.total; }, 0);
      var pct = total ? Math.round(100 * ticked / total) : 0;
      overall.textContent = "";
      overall.appendChild(el("strong", { text: fmt(T.overall, { a: ticked, b: total, p: pct }) }));
      results.textContent = "";
      var rows = s.map(function (x) {
        var p = Math.round(100 * x.ratio);
        var bar = el("span", { class: "nd-rs-bar", "aria-hidden": "true" },
          [el("span", { class: "nd-rs-fill", style: "width:" + p + "%" })]);
        return el("tr", { class: "nd-rs-dim", "data-dim": x.dim.id }, [
          el("th", { scope: "row", text: x.dim.title }),
          el("td", { class: "nd-rs-count", text: x.ticked + " / " + x.total }),
          el("td", {}, [bar])
        ]);
      });
      results.appendChild(el("table", { class: "nd-rs-table" }, [
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: T.dimension }),
          el("th", { scope: "col", text: T.ticked }), el("th", { scope: "col", text: "%" })])]),
        el("tbody", {}, rows)
      ]));

      var sug = el("div", { id: "nd-rs-suggestions", class: "nd-rs-suggestions" });
      if (ticked === total) {
        sug.appendChild(el("p", { class: "nd-rs-all", text: T.all }));
      } else {
        if (!ticked) { sug.appendChild(el("p", { class: "nd-rs-none", text: T.none })); }
        var weakest = s.filter(function (x) { return x.ticked < x.total; })
          .sort(function (a, b) { return a.ratio - b.ratio; })[0];
        sug.appendChild(el("h3", { text: T.start + ": " + weakest.dim.title }));
        sug.appendChild(el("p", { text: T.startIntro }));
        sug.appendChild(el("ul", { class: "nd-rs-missing" },
          weakest.dim.criteria.filter(function (c) { return !answers[c.id]; }).map(function (c) {
            var li = el("li", { "data-criterion": c.id }, [el("strong", { text: c.label })]);
            if (c.missing) {
              var m = c.missing.cloneNode(true);
              m.removeAttribute("id");
              li.appendChild(m);
            }
            return li;
          })));
        sug.appendChild(el("h3", { text: T.practices }));
        sug.appendChild(el("p", { text: T.practicesIntro }));
        sug.appendChild(el("ol", { class: "nd-rs-practices" },
          suggestedPractices(dims, answers).slice(0, 3).map(function (x) {
            return el("li", { "data-practice": x.p.id }, [
              el("a", { href: x.p.href, text: x.p.title }),
              document.createTextNode(" (" + fmt(T.helps, { n: x.n }) + ")")
            ]);
          })));
      }
      results.appendChild(sug);

      privacy.textContent = state.ok ? T.stored : T.noStorage;
    }

    render();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation, when switched on
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
