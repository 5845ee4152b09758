/*
 * Load the search index only when the reader starts to search.
 *
 * mkdocs-material requests search/search_index.json (with XMLHttpRequest) as soon as a page
 * loads, and hands it to its search worker, which builds the index in the browser: on every
 * page, whether or not the reader searches (on a first visit, a third of a Thai page's bytes).
 * This script runs before Material's bundle (the nondaeng-search plugin puts it there) and
 * holds that one request back until the reader focuses the search box (a click or tap on it
 * or on the search icon, or Material's keyboard shortcuts, which focus it), or until the
 * address asks for a search (?q=). Material shows "initialising search" meanwhile and runs
 * the query typed so far as soon as the index is in. Every other request is untouched; in the
 * offline pack (file://) Material loads search_index.js with a <script>, not through here.
 */
"use strict";

(function () {
  const INDEX = /(^|\/)search\/search_index\.json([?#]|$)/
  const proto = XMLHttpRequest.prototype
  const open = proto.open
  const send = proto.send
  const held = []
  let wanted = /[?&]q=/.test(location.search)

  function start() {
    if (wanted) return
    wanted = true
    window.nondaengSearchWanted = Date.now()  // for tests and the benchmark
    while (held.length) held.shift()()
  }

  proto.open = function (method, url) {
    this.nondaengIndex = INDEX.test(String(url))
    return open.apply(this, arguments)
  }
  proto.send = function () {
    if (this.nondaengIndex && !wanted) {
      const xhr = this, args = arguments
      held.push(() => send.apply(xhr, args))
      return
    }
    return send.apply(this, arguments)
  }

  const isSearch = el => el && el.matches &&
    el.matches("[data-md-component=search-query], form[name=search] input")
  document.addEventListener("focusin", event => { if (isSearch(event.target)) start() })
  // the search toggle (a checkbox Material flips from the header's search icon)
  document.addEventListener("change", event => {
    if (event.target && event.target.id === "__search" && event.target.checked) start()
  })
  window.nondaengSearchStart = start
})()
