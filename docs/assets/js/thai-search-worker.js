/*
 * Thai search: a thin wrapper around mkdocs-material's search worker.
 *
 * The search index is built with every Thai word set apart by a zero-width space
 * (plugins/nondaeng/core/thai.py, PyThaiNLP newmm). A reader types Thai without spaces, so
 * before a query reaches Material's worker this wrapper cuts each Thai run into words:
 *
 *   1. with the index's own words as the dictionary (fewest pieces; the last piece may be the
 *      start of a word, as the reader is still typing), so the query is cut the way the
 *      pages were cut;
 *   2. where that fails (a word the site does not have), with Intl.Segmenter("th").
 *
 * Each piece becomes "+*piece*": required, and matched anywhere inside an index word, so
 * "สังคม" also finds "ทางสังคม". A whole Thai run typed without spaces is a phrase: results
 * are kept only when their text holds it as typed (dots aside: รพสต finds รพ.สต.), or, when no
 * page does, every page that holds all its words. English queries pass through unchanged.
 *
 * Loaded as  thai-search-worker.js?[lang=th|en&]worker=<Material's worker file name>[&mode=icu|off];
 * lang: the page's language (an English query on a Thai page is offered the English site);
 * mode=icu cuts with Intl.Segmenter only, mode=off passes queries through (for comparison).
 * No request leaves the site: the only import is Material's worker from the same folder tree.
 */
"use strict";

(function () {
  /* In the offline pack (file://) Material's iframe-worker shim runs this file as a <script>
     in a hidden iframe: there the file's own address is document.currentScript.src, with
     "?<time>" appended by the shim, and self.location is the page's. */
  const here = self.document && document.currentScript
    ? document.currentScript.src : self.location.href
  const params = new URL(here).searchParams
  const param = name => (params.get(name) || "").split("?")[0]
  const MODE = param("mode") || "index"
  const THAI = /[\u0E01-\u0E4E]/
  const THAI_RUNS = /[\u0E01-\u0E4E]+/g
  const ZWSP = /\u200b/g
  const SETUP = 0, QUERY = 2, RESULT = 3

  const segmenter = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter("th", { granularity: "word" })
    : null

  let words = new Set()       // Thai tokens of the index
  let sorted = []             // the same, sorted, for prefix look-ups
  let longest = 0
  const texts = new Map()     // location -> plain text of title and text, for phrase checks
  const pending = []          // phrases of the queries sent on, in order

  /* Text as the phrase check compares it: no tags, spaces or U+200B, and no dots, so that an
     abbreviation typed without them (รพสต) matches the written one (รพ.สต.). */
  function plain(value) {
    return (value || "").replace(/<[^>]*>/g, "").replace(ZWSP, "")
      .replace(/[\s.]+/g, "").toLowerCase()
  }

  const lang = param("lang")  // the page's language (nondaeng-search sets it)

  function setup(index) {
    const separator = new RegExp(index.config.separator, "g")
    words = new Set()
    texts.clear()
    for (const doc of index.docs) {
      const title = doc.title || "", text = doc.text || ""
      for (const token of `${title} ${text}`.replace(/<[^>]*>/g, " ").split(separator))
        if (THAI.test(token)) words.add(token.toLowerCase())
      texts.set(doc.location, plain(title) + "\n" + plain(text))
    }
    sorted = [...words].sort()
    longest = sorted.reduce((n, w) => Math.max(n, w.length), 0)
  }

  function isPrefix(piece) {
    let lo = 0, hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid] < piece) lo = mid + 1; else hi = mid
    }
    return lo < sorted.length && sorted[lo].startsWith(piece)
  }

  /* Fewest pieces that are index words; the last may be a word's beginning. */
  function cutByIndex(run, last) {
    const n = run.length
    const best = new Array(n + 1).fill(Infinity), from = new Array(n + 1).fill(-1)
    best[0] = 0
    for (let i = 0; i < n; i++) {
      if (best[i] === Infinity) continue
      for (let j = i + 1; j <= Math.min(n, i + longest); j++) {
        const piece = run.slice(i, j)
        if ((words.has(piece) || (last && j === n && isPrefix(piece))) && best[i] + 1 < best[j]) {
          best[j] = best[i] + 1
          from[j] = i
        }
      }
    }
    if (best[n] === Infinity) return null
    const pieces = []
    for (let j = n; j > 0; j = from[j]) pieces.unshift(run.slice(from[j], j))
    return pieces
  }

  function cutByIcu(run) {
    if (!segmenter) return [run]
    return [...segmenter.segment(run)].map(s => s.segment).filter(s => s.trim())
  }

  function cut(run, last) {
    if (MODE === "icu") return cutByIcu(run)
    const pieces = cutByIndex(run, last)
    if (pieces) return pieces
    /* not made of index words: cut with ICU, and each ICU word again by the index if it can */
    return cutByIcu(run).flatMap(w => cutByIndex(w, false) || [w])
  }

  /* "เครือข่ายทางสังคม" -> ["เครือข่าย", "ทาง", "สังคม"]; Latin letters and digits kept. */
  function pieces(term, last) {
    const out = []
    let at = 0
    for (const m of term.matchAll(THAI_RUNS)) {
      if (m.index > at) out.push(term.slice(at, m.index))
      out.push(...cut(m[0], last && m.index + m[0].length === term.length))
      at = m.index + m[0].length
    }
    if (at < term.length) out.push(term.slice(at))
    return out.map(p => p.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean)
  }

  /* Rewrite a query; returns [query for Material, Thai phrases for the result filter]. */
  function rewrite(query) {
    const parts = query.trim().split(/\s+/).filter(Boolean)
    const thai = parts.filter(p => THAI.test(p) && !p.startsWith("-"))
    if (MODE === "off" || !thai.length) return [query, []]
    const phrases = thai.map(p => plain(p.replace(/^[+]|[*~^\d]+$/g, ""))).filter(Boolean)
    const single = parts.length === 1
    const out = parts.map((part, i) => {
      if (!THAI.test(part) || part.startsWith("-")) return part
      const bare = part.replace(/^\+/, "").replace(/\*$/, "")
      const list = pieces(bare, i === parts.length - 1)
      /* one run typed alone: every piece required; several parts: any may match */
      return list.map(p => `${single ? "+" : ""}*${p.toLowerCase()}*`).join(" ")
    })
    return [out.join(" "), phrases]
  }

  function holds(item, phrases) {
    const text = texts.get(item.location)
    return text !== undefined && phrases.some(p => text.includes(p))
  }

  /* Material marks a query word as missing unless an index word starts with it; a Thai
     piece found inside a word ("สังคม" in "ทางสังคม") is not missing. */
  function found(item, phrases) {
    if (!holds(item, phrases)) return item
    const text = texts.get(item.location)
    const terms = {}
    for (const [term, hit] of Object.entries(item.terms || {}))
      terms[term] = hit || (THAI.test(term) && text.includes(term))
    return { ...item, terms }
  }

  /* Keep the pages (and sections) whose text holds one of the phrases as typed. */
  function filter(result, phrases) {
    if (!phrases.length || !result || !result.items) return result
    const matched = item => holds(item, phrases) || Object.entries(item.terms || {})
      .some(([term, hit]) => hit && !THAI.test(term))
    const items = []
    for (const group of result.items) {
      const keep = group.filter(matched).map(item => found(item, phrases))
      if (!keep.length) continue
      const article = group.find(item => !item.location.includes("#"))
      if (article && !keep.includes(article)) keep.unshift({ ...article, score: 0 })
      items.push(keep)
    }
    /* Nothing holds the run as typed (ผู้สูงอายุอยู่คนเดียว, where the pages say
       ผู้สูงอายุที่อยู่ลำพัง … คนเดียว): show the pages that hold every word of it instead
       (a run typed alone is sent with every word required). */
    if (!items.length && phrases.length === 1) return result
    return { ...result, items }
  }

  /* Runs before Material's own listener (registered below by importScripts). */
  addEventListener("message", ev => {
    const message = ev.data
    if (!message) return
    if (message.type === SETUP) {
      setup(message.data)
    } else if (message.type === QUERY && typeof message.data === "string") {
      const [query, phrases] = rewrite(message.data)
      message.data = query
      pending.push(phrases)
    }
  })

  /* An English query on the Thai site: the first result offers the English site's results
     (Material opens the search with ?q=). */
  const LATIN = /[A-Za-z]/
  function english(result, query) {
    /* not in the offline pack (file://), whose pages are x.html files, not folders */
    if (lang !== "th" || THAI.test(query) || !LATIN.test(query) || !result ||
        here.startsWith("file:")) return result
    const root = new URL("../../", here)
    const offer = {
      location: new URL(`en/?q=${encodeURIComponent(query.trim())}`, root).href,
      title: `English pages for “${query.trim()}” · ค้นหาในหน้าภาษาอังกฤษ`,
      text: "This site has an English version: the same query there finds the English pages.",
      score: 1e9, terms: {}
    }
    return { ...result, items: [[offer], ...(result.items || [])] }
  }

  const queries = []           // the queries sent on, in order (for the English offer)
  addEventListener("message", ev => {
    if (ev.data && ev.data.type === QUERY && typeof ev.data.data === "string")
      queries.push(ev.data.data)
  })

  const post = self.postMessage.bind(self)
  self.postMessage = function (message, ...rest) {
    if (message && message.type === RESULT)
      message = { ...message, data: english(filter(message.data, pending.shift() || []),
                                                queries.shift() || "") }
    return post(message, ...rest)
  }

  self.thaiSearch = { rewrite, pieces, filter }  // for tests and the benchmark

  const worker = param("worker")
  if (!worker || !/^[\w.-]+\.js$/.test(worker))
    throw new Error(`thai-search-worker: bad worker parameter '${worker}'`)
  importScripts(new URL(`../javascripts/workers/${worker}`, here).href)
})()
