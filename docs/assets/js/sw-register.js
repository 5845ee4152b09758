/* Pages that stay readable without signal (issue 18): the page's side of /sw.js.
 *
 * On the published site (http or https) in a browser with service workers, registers /sw.js
 * with the whole site as its scope and, on the first visit (before the worker controls the
 * page), asks it to keep this page and what it loaded. On a practice page it adds "keep for
 * offline" (the page, its handout PDFs and what the page loaded); on the offline page
 * (#nd-kept) it lists what is kept and offers to clear it. Elsewhere (file://, the offline
 * pack, an old browser) it does nothing and the site works as before.
 *
 * It sends nothing to another host: every address it hands the worker is of this site.
 */
(function () {
  "use strict";

  var TEXT = {
    th: {
      keep: "เก็บหน้านี้ไว้อ่านแบบออฟไลน์",
      keeping: "กำลังเก็บ…",
      kept: "เก็บแล้ว: เปิดหน้านี้และเอกสารแจก (PDF) ได้แม้ไม่มีสัญญาณ ({files} ไฟล์ {size})",
      failed: "เก็บไม่สำเร็จ ลองอีกครั้งเมื่อมีสัญญาณ",
      none: "ยังไม่ได้เก็บหน้าใดไว้",
      listKept: "หน้าที่คุณเลือกเก็บไว้",
      listSeen: "หน้าที่เคยเปิด (เก็บให้อัตโนมัติ ไม่เกิน 25 MB หน้าเก่าสุดถูกลบก่อน): {pages} หน้า รวมทั้งหมด {files} ไฟล์ {size}",
      clear: "ล้างสิ่งที่เก็บไว้ทั้งหมด",
      cleared: "ล้างแล้ว",
      unsupported: "เบราว์เซอร์นี้เก็บหน้าไว้อ่านแบบออฟไลน์ไม่ได้ ใช้ชุดออฟไลน์แทนได้",
      inPack: "ชุดออฟไลน์นี้มีทุกหน้าอยู่แล้ว ไม่ต้องเก็บเพิ่ม"
    },
    en: {
      keep: "Keep this page for offline",
      keeping: "Keeping…",
      kept: "Kept: this page and its handout PDFs open without a connection ({files} files, {size})",
      failed: "Could not keep it; try again when there is a signal",
      none: "Nothing is kept yet.",
      listKept: "Pages you chose to keep",
      listSeen: "Pages you opened (kept automatically, at most 25 MB, the oldest dropped first): {pages} pages, {files} files in all, {size}",
      clear: "Clear everything kept",
      cleared: "Cleared",
      unsupported: "This browser cannot keep pages for offline reading; use the offline pack instead.",
      inPack: "This offline pack already holds every page; there is nothing more to keep."
    }
  };
  var lang = document.documentElement.lang === "en" ? "en" : "th";
  var T = TEXT[lang];
  var script = document.currentScript;
  var keptBox = document.getElementById("nd-kept");

  function fmt(s, v) {
    return s.replace(/\{(\w+)\}/g, function (_, k) { return String(v[k]); });
  }
  function size(bytes) {
    return bytes >= 1e6 ? (bytes / 1e6).toFixed(1) + " MB" : Math.round(bytes / 1e3) + " kB";
  }

  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol) || !script) {
    if (keptBox) keptBox.textContent = location.protocol === "file:" ? T.inPack : T.unsupported;
    return;
  }
  var root = new URL("../../", script.src);  // this file is <root>/assets/js/sw-register.js

  function ask(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          if (event.data && event.data.error) reject(new Error(event.data.error));
          else resolve(event.data);
        };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  /* Search: the worker (nondaeng-search's Thai wrapper), Material's worker it imports, and
     this language's index, as named in Material's __config of the page. The index only when
     the reader asks to keep a page: a first visit downloads no index before search is used
     (issue 15; the worker keeps it once the reader searches). */
  function searchFiles(withIndex) {
    var el = document.getElementById("__config");
    try {
      var config = JSON.parse(el.textContent);
      var worker = new URL(config.search, location.href);
      var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
      var out = [worker.href];
      if (withIndex) out.push(new URL("search/search_index.json", base).href);
      var material = worker.searchParams.get("worker");
      if (material) out.push(new URL("../javascripts/workers/" + material, worker).href);
      return out;
    } catch (e) {
      return [];
    }
  }

  /* This page, the files it loaded from this site, and search. */
  function loaded(withIndex) {
    var urls = [location.href.split("#")[0]];
    performance.getEntriesByType("resource").forEach(function (entry) {
      if (entry.name.indexOf(root.href) === 0) urls.push(entry.name);
    });
    return urls.concat(searchFiles(withIndex));
  }

  function done(state) {
    document.documentElement.setAttribute("data-nd-offline", state);  // for tests
  }

  function keepButton() {
    var print = document.querySelector(".nd-print");
    if (!print) return;
    var pdfs = Array.prototype.map.call(print.querySelectorAll('a[href$=".pdf"]'),
                                        function (a) { return a.href; });
    if (!pdfs.length) return;
    var box = document.createElement("p");
    box.className = "nd-keep";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = T.keep;
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    box.appendChild(button);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(status);
    print.parentNode.insertBefore(box, print.nextSibling);
    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = T.keeping;
      ask({ type: "keep", urls: loaded(true).concat(pdfs) }).then(function (r) {
        status.textContent = fmt(T.kept, { files: r.files, size: size(r.bytes) });
        done("kept");
      }, function () {
        status.textContent = T.failed;
        button.disabled = false;
      });
    });
  }

  function pageOf(url) {
    return /\/$|\.html$/.test(new URL(url).pathname);
  }

  function showKept() {
    ask({ type: "list" }).then(function (r) {
      keptBox.textContent = "";
      var pages = r.kept.filter(function (e) { return pageOf(e.url); });
      var heading = document.createElement("p");
      heading.textContent = pages.length ? T.listKept : T.none;
      keptBox.appendChild(heading);
      if (pages.length) {
        var ul = document.createElement("ul");
        pages.forEach(function (e) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = e.url;
          a.textContent = decodeURI(new URL(e.url).pathname.slice(root.pathname.length)) || "/";
          li.appendChild(a);
          ul.appendChild(li);
        });
        keptBox.appendChild(ul);
      }
      var all = r.kept.concat(r.seen);
      var seen = document.createElement("p");
      seen.textContent = fmt(T.listSeen, {
        pages: r.seen.filter(function (e) { return pageOf(e.url); }).length,
        files: all.length,
        size: size(all.reduce(function (n, e) { return n + e.bytes; }, 0))
      });
      keptBox.appendChild(seen);
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "md-button";
      clear.textContent = T.clear;
      clear.addEventListener("click", function () {
        ask({ type: "clear" }).then(function () {
          keptBox.textContent = T.cleared;
          done("cleared");
        });
      });
      keptBox.appendChild(clear);
      done("listed");
    });
  }

  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
    .then(function () {
      keepButton();
      if (keptBox) showKept();
      if (!navigator.serviceWorker.controller) {  // first visit: the worker did not see it load
        return ask({ type: "seen", urls: loaded() }).then(function () { done("seen"); });
      }
      done("seen");
    })
    .catch(function () { /* no worker: the site works as before */ });
})();
