// The contribution form (/contribute/new/ and /en/contribute/new/).
//
// Generated from the site's own data (assets/contribute/form-data.json, written by the
// nondaeng plugin from plugins/nondaeng/core/form.py): the JSON Schemas the validator uses, the
// vocabularies, the labels/help/examples of templates/form.yml and the privacy rules. It checks
// with a maintained JSON Schema validator (@cfworker/json-schema, vendored in
// plugins/nondaeng/assets/vendor/ and copied into the site by the plugin), keeps a draft in localStorage, previews the page, and writes YAML that
// `nondaeng validate` accepts. It sends nothing anywhere by itself: every way out (GitHub's
// new-file page, a download, the clipboard) is the contributor's own click.
//
// User text only ever reaches the page through textContent and form values, never innerHTML.

// loaded on every page (extra_javascript); imports the validator only on the form's page
let Validator;

const root = document.getElementById('nd-contribute');
const MAX_URL = 8191; // GitHub refuses longer URLs
const KINDS = ['practice', 'story'];
// what the strict loader (core/loader.py) refuses anywhere in a file: C0/C1 controls but
// newline, bidirectional controls, line separators, noncharacters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufffe\uffff]/u;
const ESCAPE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufffe\uffff]/gu;

if (root) {
  const url = new URL('../contribute/form-data.json', import.meta.url);
  Promise.all([
    import('../contribute/vendor/cfworker-json-schema/index.js'),
    fetch(url).then((r) => r.json()),
  ]).then(([schema, data]) => {
    ({ Validator } = schema);
    return new Form(root, data);
  }).catch((err) => {
    root.textContent = String(err);
  });
}


// -- privacy ------------------------------------------------------------------------------------
// The privacy rules of the site, read from the one rules file (core/rules/privacy.json, inlined
// into assets/contribute/form-data.json): the same data the Python scanner
// (plugins/nondaeng/core/privacy.py) reads, applied the same way for every regex-based rule:
// P001-P007 and P008, names: English after a title or beside a number, and Thai (below, over
// PyThaiNLP's lists as privacy.py reads them, published as assets/contribute/names.json and
// loaded the first time a field holds Thai). tests/test_form_browser.py holds the two to the
// same findings on the whole privacy corpus.

const FORBIDDEN_DIGIT = /\p{Nd}/u;

function digitValue(ch) {
  // Unicode decimal digits come in runs of ten, 0 to 9: the value is the distance from the
  // start of the run, modulo ten
  let cp = ch.codePointAt(0);
  let start = cp;
  while (FORBIDDEN_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((cp - start) % 10);
}

export function compileRules(rules) {
  if (!rules) return null;
  const map = new Map();
  for (const [key, chars] of Object.entries(rules.normalise)) {
    if (key.startsWith('_')) continue;
    for (const c of chars) map.set(c, key);
  }
  const patterns = rules.patterns.map((p) => ({
    code: p.code,
    name: p.name,
    regex: new RegExp(p.regex, 'gdu' + p.flags),
    checks: p.check || [],
    keyword: p.keyword ? new RegExp(p.keyword, 'u' + (p.keyword_flags || '')) : null,
    window: p.window || 0,
    minDigits: p.min_digits || 0,
    hint: p.hint ? new RegExp(p.hint, 'iu') : null,
  }));
  const names = rules.names || {};
  const english = Object.values(names.english || {}).map((rx) => new RegExp(rx, 'gdu'));
  return {
    map,
    patterns,
    english,
    notNames: new Set(names.english_not_names || []),
    publicNumbers: new Set(Object.keys(rules.public_numbers)),
    messages: rules.messages,
    names,
    thai: null, // compileThai(), once names.json is loaded (loadThai)
  };
}

const HAS_THAI = /[\u0e00-\u0e7f]/u;

/** Load names.json (once) for the Thai names of P008; resolves to true when loaded. */
export function loadThai(c, url) {
  if (!c.thaiLoading) {
    c.thaiLoading = fetch(url).then((r) => r.json()).then((data) => {
      c.thai = compileThai(c.names, data);
      return true;
    }).catch(() => { c.thaiLoading = null; return false; });
  }
  return c.thaiLoading;
}

export function normalise(c, text) {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 128) out += ch;
    else if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (FORBIDDEN_DIGIT.test(ch)) out += digitValue(ch);
    else if (c.map.has(ch)) out += c.map.get(ch);
    else out += ch;
  }
  return out;
}

function thaiIdValid(digits) {
  if (!/^[0-9]{13}$/.test(digits)) return false;
  let total = 0;
  for (let i = 0; i < 12; i++) total += Number(digits[i]) * (13 - i);
  return (11 - (total % 11)) % 10 === Number(digits[12]);
}

function passes(c, p, text, start, end) {
  const digits = text.slice(start, end).replace(/[^0-9]/g, '');
  for (const check of p.checks) {
    if (check === 'thai_id_checksum' && !thaiIdValid(digits)) return false;
    if (check === 'phone_digits') {
      const stripped = digits.replace(/^0+/, '');
      const ok = (digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) ||
        ((digits.startsWith('66') || digits.startsWith('0066')) &&
          stripped.length >= 11 && stripped.length <= 12);
      if (!ok) return false;
    }
    if (check === 'not_public_number' && c.publicNumbers.has(digits)) return false;
    if (check === 'keyword_before' &&
        !p.keyword.test(text.slice(Math.max(0, start - p.window), start))) return false;
  }
  return true;
}

const NUMBERS = new Set(['P001', 'P002', 'P007']);
const CAPITALISED = /[A-Z][a-z]+/g;
const BESIDE = /([A-Z][a-z]{2,20} [A-Z][a-z]{2,24})[ ,:;(-]{1,4}$/u;

/** Every personal detail the regex-based rules find in `text`: {offset, end, code, name}
 * (offsets in UTF-16 code units of the text). */
export function scan(c, raw) {
  const text = normalise(c, raw);
  const found = [];
  const taken = [];
  const digitCount = (text.match(/[0-9]/g) || []).length;
  for (const p of c.patterns) {
    if (digitCount < p.minDigits || (p.hint && !p.hint.test(text))) continue;
    for (const m of text.matchAll(p.regex)) {
      const [start, end] = m.indices[1];
      if (NUMBERS.has(p.code) && taken.some(([s, e]) => start < e && s < end)) continue;
      if (passes(c, p, text, start, end)) {
        if (NUMBERS.has(p.code)) taken.push([start, end]);
        found.push({ offset: start, end, code: p.code, name: '' });
      }
    }
  }
  for (const rx of c.english) {
    for (const m of text.matchAll(rx)) {
      const name = m[1];
      const capitalised = name.match(CAPITALISED) || [];
      const titleWords = (name.split(' ')[0].match(CAPITALISED) || []).length;
      const rest = capitalised.length && /[A-Z]/.test(name[0])
        ? capitalised.slice(titleWords) : capitalised;
      if (rest.length && !c.notNames.has(rest[0])) {
        found.push({ offset: m.indices[1][0], end: m.indices[1][1], code: 'P008', name });
      }
    }
  }
  if (c.thai && !/^[\x00-\x7f]*$/.test(text)) found.push(...thaiNames(c.thai, text));
  for (const f of [...found]) {
    if (!['P001', 'P002', 'P005', 'P007'].includes(f.code)) continue;
    const from = Math.max(0, f.offset - 40);
    const m = BESIDE.exec(text.slice(from, f.offset));
    if (m && !m[1].split(' ').some((w) => c.notNames.has(w))) {
      const s = from + m.index;
      found.push({ offset: s, end: s + m[1].length, code: 'P008', name: m[1] });
    } else if (c.thai) {
      const g = thaiNameBefore(c.thai, text, from, f.offset);
      if (g) found.push(g);
    }
  }
  found.sort((a, b) => a.offset - b.offset || b.end - a.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out = [];
  for (const f of found) {
    if (!out.some((g) => g.code === f.code && f.offset < g.end)) out.push(f);
  }
  out.sort((a, b) => a.offset - b.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return out;
}

// -- Thai names (P008) ----------------------------------------------------------------------
// The port of privacy.py's Thai-name judgement, over the same lists: assets/contribute/
// names.json (privacy.names_data(): every word the Python segmenter knows, with the lists it
// belongs to), loaded the first time a field holds Thai. Same cut (maximal matching), same
// decisions; tests/test_form_browser.py holds both to the same findings on the whole corpus.

const NO_WORD_START = new Set('\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a' +
  '\u0e45\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e');
const THAI_PHRASE = /[\u0e01-\u0e4e]+(?: [\u0e01-\u0e4e]+)*/gu;
const THAI_CONSONANT_START = /^[\u0e01-\u0e2e\u0e40-\u0e44]/u;
const escapeRx = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a, b) => b.length - a.length;

function prefixes(words) {
  const out = new Set();
  for (const w of words) for (let n = 1; n <= w.length; n++) out.add(w.slice(0, n));
  return out;
}

/** The compiled Thai lexicon: `rules.names` (privacy.json) and names.json. */
export function compileThai(names, data) {
  const lists = {};
  for (const l of data.lists) lists[l] = new Set();
  for (const line of data.words.split('\n')) {
    const tab = line.indexOf('\t');
    const word = tab < 0 ? line : line.slice(0, tab);
    const bits = tab < 0 ? 1 : Number(line.slice(tab + 1));
    data.lists.forEach((l, i) => { if (bits & (1 << i)) lists[l].add(word); });
  }
  const strong = new Set(names.thai_titles.strong);
  const weak = new Set(names.thai_titles.weak);
  const titles = new Set([...strong, ...weak]);
  const chained = new Set([...titles, ...names.thai_roles, ...names.thai_chained]);
  const abbrev = new Map();
  for (const [strength, ts] of Object.entries(names.thai_abbreviated_titles)) {
    for (const t of ts) abbrev.set(t, strength);
  }
  const titleStarts = new Map();
  for (const t of titles) titleStarts.set(t, [...titles].filter((s) => t.startsWith(s)));
  const nameLike = lists.name_like;
  return {
    maxWord: data.max_word,
    ...lists,
    strong, weak, titles, chained, abbrev, titleStarts,
    chainStarts: new Set([...chained].map((w) => w.slice(0, 2))),
    chainPrefixes: prefixes(chained),
    starts: new Set([...nameLike, ...lists.given, ...lists.family].map((w) => w.slice(0, 2))),
    ends: new Set([...nameLike].map((w) => w.slice(-2))),
    namePrefixes: prefixes(nameLike),
    titleHint: new RegExp([...titles].sort(byLength).map(escapeRx).join('|'), 'gu'),
    titleHead: new RegExp('^(?:' + [...titles].sort(byLength).map(escapeRx).join('|') + ')', 'u'),
    abbrevRe: new RegExp('(' + [...abbrev.keys()].sort(byLength).map(escapeRx).join('|') +
      ') ?([\u0e01-\u0e4e]+)', 'gu'),
    segments: new Map(),
  };
}

function longest(t, text, pool, prefixSet = null) {
  let best = 0;
  for (let n = 1; n <= Math.min(text.length, t.maxWord); n++) {
    const head = text.slice(0, n);
    if (prefixSet && !prefixSet.has(head)) break;
    if (pool(head) && (n === text.length || !NO_WORD_START.has(text[n]))) best = n;
  }
  return best;
}

function mayBeNamed(t, rest, strong) {
  if (rest.startsWith(' ')) rest = rest.slice(1);
  const nameLike = (w) => t.name_like.has(w);
  for (let k = 0; k < 3; k++) {
    if (longest(t, rest, nameLike, t.namePrefixes) >= 3) return true;
    if (!t.chainStarts.has(rest.slice(0, 2))) break;
    const n = longest(t, rest, (w) => t.chained.has(w), t.chainPrefixes);
    if (!n) break;
    strong = strong || t.strong.has(rest.slice(0, n));
    rest = rest.slice(n);
    if (rest.startsWith(' ')) rest = rest.slice(1);
  }
  if (!rest) return false;
  const ordinaryOrNot = (w) => t.ordinary.has(w) || t.not_names.has(w);
  if (!t.starts.has(rest.slice(0, 2))) return strong && !longest(t, rest, ordinaryOrNot);
  if (longest(t, rest, nameLike, t.namePrefixes) >= 3) return true;
  if (!strong) return false;
  const name = longest(t, rest, (w) => (t.given.has(w) || t.family.has(w)) && !t.not_names.has(w));
  const word = longest(t, rest, ordinaryOrNot);
  return (name > 0 && name >= word) || word === 0;
}

function less(a, b) { return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]); }
function same(a, b) { return a[0] === b[0] && a[1] === b[1]; }

export function segment(t, run) {
  if (t.segments.has(run)) return t.segments.get(run);
  const n = run.length;
  const best = [[0, 0], ...new Array(n).fill(null)];
  const back = new Array(n + 1).fill(0);
  const known = new Array(n + 1).fill(false);
  for (let i = 0; i < n; i++) {
    if (best[i] === null) continue;
    const [unknown, count] = best[i];
    for (let j = i + 1; j <= Math.min(n, i + t.maxWord); j++) {
      if (t.words.has(run.slice(i, j))) {
        const cand = [unknown, count + 1];
        if (best[j] === null || less(cand, best[j]) || (same(cand, best[j]) && i > back[j])) {
          best[j] = cand; back[j] = i; known[j] = true;
        }
      }
    }
    const cand = [unknown + 1, count + 1];
    if (best[i + 1] === null || less(cand, best[i + 1])) {
      best[i + 1] = cand; back[i + 1] = i; known[i + 1] = false;
    }
  }
  const out = [];
  for (let j = n; j > 0;) {
    const i = back[j];
    out.push([run.slice(i, j), known[j]]);
    j = i;
  }
  out.reverse();
  const merged = [];
  let glue = false;
  for (const [word, isKnown] of out) {
    if (!isKnown && glue) merged[merged.length - 1] += word;
    else merged.push(word);
    glue = !isKnown;
  }
  if (t.segments.size > 8192) t.segments.clear();
  t.segments.set(run, merged);
  return merged;
}

function isName(t, word, strength, after) {
  if (word.length < 2 || t.not_names.has(word) || !THAI_CONSONANT_START.test(word)) return false;
  if (t.name_like.has(word)) return true;
  if (strength === 'strong') return !t.words.has(word) || t.given.has(word) || t.family.has(word);
  if (t.places.has(word)) return false;
  return t.given.has(word) && t.family.has(after) && !t.not_names.has(after);
}

function tokens(t, phrase, base) {
  const out = [];
  let pos = base;
  phrase.split(' ').forEach((run, k) => {
    if (k) { out.push([pos, pos + 1, ' ']); pos += 1; }
    for (const w of segment(t, run)) { out.push([pos, pos + w.length, w]); pos += w.length; }
  });
  return out;
}

function afterTitle(t, toks, k) {
  let strength = t.strong.has(toks[k - 1][2]) ? 'strong' : 'weak';
  while (k < toks.length) {
    const w = toks[k][2];
    if (w === ' ') {
      if (k + 1 < toks.length && toks[k + 1][2] !== ' ') { k += 1; continue; }
      return null;
    }
    if (t.chained.has(w)) {
      strength = t.strong.has(w) ? 'strong' : strength;
      k += 1;
      continue;
    }
    return [k, strength];
  }
  return null;
}

function nextWord(toks, k) {
  k += 1;
  if (k < toks.length && toks[k][2] === ' ') k += 1;
  return k < toks.length ? toks[k][2] : '';
}

function nameSpan(t, toks, k) {
  let end = toks[k][1];
  const nxt = k + 1 < toks.length && toks[k + 1][2] === ' ' ? k + 2 : k + 1;
  if (nxt < toks.length) {
    const w = toks[nxt][2];
    if ((t.family.has(w) || !t.words.has(w)) && !t.not_names.has(w) && w.length > 2 &&
        (t.family.has(w) || !t.places.has(w))) end = toks[nxt][1];
  }
  return end;
}

function fullNameHint(t, phrase) {
  const runs = phrase.split(' ');
  for (let k = 0; k + 1 < runs.length; k++) {
    const [left, right] = [runs[k], runs[k + 1]];
    if (!t.starts.has(right.slice(0, 2)) || !t.ends.has(left.slice(-2))) continue;
    let family = false;
    for (let n = 3; n <= Math.min(right.length, t.maxWord); n++) {
      if (t.family.has(right.slice(0, n))) { family = true; break; }
    }
    if (!family) continue;
    for (let n = 3; n <= Math.min(left.length, t.maxWord); n++) {
      if (t.name_like.has(left.slice(-n))) return true;
    }
  }
  return false;
}

function hiddenName(t, before, word, beforeIsTitle) {
  for (let cut = beforeIsTitle ? 1 : 0; cut < before.length; cut++) {
    if ((cut === 0 || t.titles.has(before.slice(0, cut))) &&
        t.name_like.has(before.slice(cut) + word)) return true;
  }
  return false;
}

function p008(start, end, text) {
  return { offset: start, end, code: 'P008', name: text.slice(start, end) };
}

/** Thai names after a title, or a given name with a family name (privacy._thai_names). */
export function thaiNames(t, text) {
  const found = [];
  for (const m of text.matchAll(THAI_PHRASE)) {
    const phrase = m[0];
    let hint = false;
    for (const h of phrase.matchAll(t.titleHint)) {
      for (const title of t.titleStarts.get(h[0])) {
        if (mayBeNamed(t, phrase.slice(h.index + title.length), t.strong.has(title))) {
          hint = true;
          break;
        }
      }
      if (hint) break;
    }
    if (!hint && !(phrase.includes(' ') && fullNameHint(t, phrase))) continue;
    const toks = tokens(t, phrase, m.index);
    toks.forEach(([start, , word], k) => {
      if (t.titles.has(word) && (k === 0 || !t.titles.has(toks[k - 1][2]))) {
        const got = afterTitle(t, toks, k + 1);
        if (got) {
          const [i, strength] = got;
          if (isName(t, toks[i][2], strength, nextWord(toks, i)) ||
              hiddenName(t, toks[i - 1][2], toks[i][2], i - 1 === k)) {
            found.push(p008(start, nameSpan(t, toks, i), text));
          }
        }
        return;
      }
      const head = t.titleHead.exec(word);
      if (!t.ordinary.has(word) && !t.titles.has(word) && head) {
        const after = k + 1 < toks.length ? toks[k + 1][2] : '';
        for (const title of t.titleStarts.get(head[0])) {
          const tail = word.slice(title.length);
          if (tail && t.name_like.has(tail + after)) {
            found.push(p008(start, toks[k + 1][1], text));
            break;
          }
        }
      } else if (word === ' ' && k > 0 && k < toks.length - 1 && toks[k - 1][2].length >= 3 &&
          t.name_like.has(toks[k - 1][2]) && t.family.has(toks[k + 1][2]) &&
          !t.not_names.has(toks[k + 1][2]) && (k < 2 || !t.titles.has(toks[k - 2][2]))) {
        found.push(p008(toks[k - 1][0], toks[k + 1][1], text));
      }
    });
  }
  for (const m of text.matchAll(t.abbrevRe)) {
    const [, title, run] = m;
    if (!mayBeNamed(t, run, t.abbrev.get(title) === 'strong')) continue;
    const words = segment(t, run);
    if (isName(t, words[0], t.abbrev.get(title), words.length > 1 ? words[1] : '')) {
      const end = m.index + m[0].length - run.length + words[0].length;
      found.push(p008(m.index, end, text));
    }
  }
  return found;
}

/** A Thai name just before a number (the Thai half of privacy._names_beside). */
export function thaiNameBefore(t, text, from, offset) {
  const before = text.slice(from, offset);
  const phrases = [...before.matchAll(THAI_PHRASE)];
  if (!phrases.length) return null;
  const last = phrases[phrases.length - 1];
  for (const [s, e, w] of tokens(t, last[0], from + last.index)) {
    if (w.length >= 3 && t.name_like.has(w)) return { offset: s, end: e, code: 'P008', name: w };
  }
  return null;
}

/** The message of a finding in `lang` ('th' or 'en'), from the rules file. */
export function message(c, finding, lang) {
  const [en, th] = c.messages[finding.code];
  return lang === 'th' ? th : en.replace('{name}', finding.name);
}

// -- small helpers -------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function refName(node) {
  const m = node && typeof node.$ref === 'string' && node.$ref.match(/#\/\$defs\/([A-Za-z]+)$/);
  return m ? m[1] : '';
}

function clean(s) {
  return String(s).replace(/\r\n?/g, '\n').replace(/\t/g, ' ').trim();
}

function quote(s) {
  // a JSON string is a YAML double-quoted scalar; escape what the loader refuses raw
  return JSON.stringify(s).replace(ESCAPE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function yamlLines(obj, indent) {
  const pad = ' '.repeat(indent);
  const lines = [];
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x !== 'object' || x === null)) {
        lines.push(`${pad}${k}: [${v.map(quote).join(', ')}]`);
      } else {
        lines.push(`${pad}${k}:`);
        for (const item of v) {
          const sub = Object.keys(item).length ? yamlLines(item, indent + 4) : [`${' '.repeat(indent + 4)}{}`];
          sub[0] = `${pad}  - ${sub[0].slice(indent + 4)}`;
          lines.push(...sub);
        }
      }
    } else if (v !== null && typeof v === 'object') {
      lines.push(`${pad}${k}:`, ...yamlLines(v, indent + 2));
    } else {
      lines.push(`${pad}${k}: ${typeof v === 'string' ? quote(v) : JSON.stringify(v)}`);
    }
  }
  return lines;
}

function getAt(obj, path) {
  return path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

function setAt(obj, path, value) {
  const last = path[path.length - 1];
  getAt(obj, path.slice(0, -1))[last] = value;
}

function pointerOf(path) {
  return path.map((k) => '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function pattern(path) {
  return pointerOf(path.map((k) => (typeof k === 'number' ? '*' : k)));
}

function domId(kind, path) {
  return `nd-${kind}-` + (path.length ? path.join('-') : 'root').replace(/[^A-Za-z0-9_-]/g, '_');
}

// -- the form ---------------------------------------------------------------------------------

class Form {
  constructor(root, data) {
    this.root = root;
    this.data = data;
    this.lang = root.dataset.lang === 'en' ? 'en' : 'th';
    this.other = this.lang === 'th' ? 'en' : 'th';
    this.ui = data.ui;
    this.common = data.schemas.common;
    this.privacy = compileRules(data.privacy);
    this.validators = {};
    for (const kind of KINDS) {
      const v = new Validator(data.schemas[kind], '2020-12', false);
      v.addSchema(data.schemas.common);
      this.validators[kind] = v;
    }
    this.state = {};
    this.fields = {};
    this.touched = { practice: new Set(), story: new Set() };
    this.showAll = { practice: false, story: false };
    this.errors = { practice: [], story: [] };
    this.timer = null;
    this.kind = this.load('kind') === 'story' ? 'story' : 'practice';
    let restored = false;
    for (const kind of KINDS) {
      const saved = this.load(kind);
      this.state[kind] = this.initial(kind, this.schema(kind), []);
      if (saved && typeof saved === 'object') {
        this.state[kind] = this.merge(kind, this.schema(kind), [], this.state[kind], saved);
        restored = true;
      }
    }
    this.build();
    if (restored) this.announce(this.s('draft_restored'));
    this.refresh();
  }

  // strings and languages
  s(key, vars = {}) {
    const entry = this.ui.strings[key];
    let text = entry ? entry[this.lang] : key;
    for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, v);
    return text;
  }

  t(obj) {
    if (!obj) return '';
    return obj[this.lang] ?? obj[this.other] ?? '';
  }

  langName(lang) {
    return this.ui.strings[`lang_${lang}`][this.lang];
  }

  fieldUi(kind, path) {
    const p = pattern(path);
    return this.ui[kind][p] || this.ui.shared[p] || {};
  }

  // schemas
  schema(kind) {
    return this.data.schemas[kind];
  }

  resolve(node) {
    if (node && node.$ref) {
      const name = refName(node);
      const target = this.common.$defs[name];
      return { ...target, ...node, $ref: undefined, refName: name };
    }
    return { ...node, refName: '' };
  }

  widget(kind, node, path) {
    const n = this.resolve(node);
    const ui = this.fieldUi(kind, path);
    switch (n.refName) {
      case 'text': case 'contributor': return 'text';
      case 'longtext': return 'longtext';
      case 'textList': return 'textList';
      case 'idList': return ui.entries ? 'entries' : 'terms';
      case 'id': return ui.vocabulary ? 'select' : 'slug';
      case 'date': return 'date';
      case 'url': return 'url';
      default: break;
    }
    if (n.enum) return 'enum';
    if (n.type === 'array') return 'list';
    if (n.type === 'object') return 'object';
    return 'slug';
  }

  initial(kind, node, path) {
    const n = this.resolve(node);
    const w = this.widget(kind, node, path);
    if (w === 'text' || w === 'longtext') return { th: '', en: '' };
    if (w === 'textList') return [{ th: '', en: '' }];
    if (w === 'terms' || w === 'entries') return [];
    if (w === 'date') return this.fieldUi(kind, path).auto === 'today' ? today() : '';
    if (w === 'object') {
      const out = {};
      for (const [k, sub] of Object.entries(n.properties || {})) out[k] = this.initial(kind, sub, [...path, k]);
      return out;
    }
    if (w === 'list') {
      const count = Math.max(1, n.minItems || 0);
      return Array.from({ length: count }, (_, i) => this.initial(kind, n.items, [...path, i]));
    }
    return '';
  }

  // a saved draft, read defensively: only values of the expected shape are taken
  merge(kind, node, path, fresh, saved) {
    const n = this.resolve(node);
    const w = this.widget(kind, node, path);
    if (w === 'text' || w === 'longtext') {
      if (!saved || typeof saved !== 'object') return fresh;
      return { th: typeof saved.th === 'string' ? saved.th : '', en: typeof saved.en === 'string' ? saved.en : '' };
    }
    if (w === 'textList') {
      if (!Array.isArray(saved) || !saved.length) return fresh;
      return saved.slice(0, 30).map((x) => this.merge(kind, n.items, [...path, 0], { th: '', en: '' }, x));
    }
    if (w === 'terms' || w === 'entries') {
      return Array.isArray(saved) ? saved.filter((x) => typeof x === 'string') : fresh;
    }
    if (w === 'object') {
      if (!saved || typeof saved !== 'object' || Array.isArray(saved)) return fresh;
      const out = {};
      for (const [k, sub] of Object.entries(n.properties || {})) out[k] = this.merge(kind, sub, [...path, k], fresh[k], saved[k]);
      return out;
    }
    if (w === 'list') {
      if (!Array.isArray(saved) || !saved.length) return fresh;
      return saved.slice(0, n.maxItems || 30).map((x, i) => this.merge(kind, n.items, [...path, i], this.initial(kind, n.items, [...path, i]), x));
    }
    return typeof saved === 'string' ? saved : fresh;
  }

  // -- storage (read defensively: a full, blocked or corrupt storage must not break the form)
  load(key) {
    try {
      const raw = window.localStorage.getItem(`nondaeng-contribute:${key}`);
      return raw === null ? null : JSON.parse(raw);
    } catch (e) {
      return null;
    }
  }

  save(key, value) {
    try {
      window.localStorage.setItem(`nondaeng-contribute:${key}`, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  // -- building the page --------------------------------------------------------------------
  build() {
    this.root.replaceChildren();
    this.live = h('div', { class: 'nd-live', role: 'status', 'aria-live': 'polite' });
    const kindRadios = h('fieldset', { class: 'nd-kind' },
      h('legend', { text: this.s('kind_legend') }),
      ...KINDS.map((kind) => h('label', {},
        h('input', {
          type: 'radio', name: 'nd-kind', value: kind, checked: this.kind === kind,
          onchange: () => { this.kind = kind; this.save('kind', kind); this.showKind(); },
        }), ' ', this.s(`kind_${kind}`))));
    this.root.append(kindRadios, h('p', { class: 'nd-note', text: this.s('privacy_names_note') }));
    this.sections = {};
    for (const kind of KINDS) {
      const section = h('section', { class: 'nd-form-kind', 'data-kind': kind, 'aria-label': this.s(`kind_${kind}`) });
      this.sections[kind] = section;
      this.root.append(section);
      this.renderKind(kind);
    }
    this.root.append(this.live);
    this.showKind();
  }

  showKind() {
    for (const kind of KINDS) this.sections[kind].hidden = kind !== this.kind;
  }

  renderKind(kind, focusId = null) {
    const section = this.sections[kind];
    this.fields[kind] = {};
    const form = h('form', { class: 'nd-form', novalidate: true, onsubmit: (e) => e.preventDefault() });
    const n = this.resolve(this.schema(kind));
    const required = new Set(n.required || []);
    for (const [k, sub] of Object.entries(n.properties)) {
      form.append(this.renderField(kind, sub, [k], required.has(k)));
    }
    const status = h('p', { class: 'nd-status', id: `nd-${kind}-status` });
    const summary = h('div', { class: 'nd-summary-errors', id: `nd-${kind}-errors`, tabindex: '-1' });
    const preview = h('section', { class: 'nd-preview', 'aria-labelledby': `nd-${kind}-preview-h` },
      h('h2', { id: `nd-${kind}-preview-h`, text: this.s('preview') }),
      h('p', { class: 'nd-note', text: this.s('preview_note') }),
      h('div', { class: 'nd-preview-page', id: `nd-${kind}-preview`, lang: this.lang }));
    const send = this.renderSend(kind);
    const clear = h('button', {
      type: 'button', class: 'md-button nd-clear', text: this.s('draft_clear'),
      onclick: () => {
        if (!window.confirm(this.s('draft_clear_confirm'))) return;
        this.state[kind] = this.initial(kind, this.schema(kind), []);
        this.touched[kind] = new Set();
        this.showAll[kind] = false;
        this.save(kind, this.state[kind]);
        this.renderKind(kind);
        this.refresh();
      },
    });
    section.replaceChildren(form, h('div', { class: 'nd-check' }, status, summary), preview, send, clear);
    if (focusId) {
      const el = document.getElementById(focusId);
      if (el) el.focus();
    }
  }

  describe(kind, path, ui, extra = []) {
    const id = domId(kind, path);
    const nodes = [];
    const ids = [];
    if (ui.help) { nodes.push(h('p', { class: 'nd-help', id: `${id}-help`, text: this.t(ui.help) })); ids.push(`${id}-help`); }
    if (ui.example) {
      nodes.push(h('p', { class: 'nd-example', id: `${id}-ex` }, h('span', { text: `${this.s('example')}: ` }), h('span', { text: this.t(ui.example) })));
      ids.push(`${id}-ex`);
    }
    const err = h('p', { class: 'nd-error', id: `${id}-err`, hidden: true });
    ids.push(`${id}-err`, ...extra);
    return { nodes, err, ids: ids.join(' ') };
  }

  register(kind, path, wrap, err, inputs) {
    this.fields[kind][pointerOf(path)] = { wrap, err, inputs };
  }

  onInput(kind, path, value) {
    setAt(this.state[kind], path, value);
    this.touched[kind].add(pointerOf(path));
    this.schedule();
  }

  renderField(kind, node, path, required) {
    const ui = this.fieldUi(kind, path);
    const w = this.widget(kind, node, path);
    const n = this.resolve(node);
    const id = domId(kind, path);
    const value = getAt(this.state[kind], path);
    const last = path[path.length - 1];
    const parentItem = this.t(this.fieldUi(kind, path.slice(0, -1)).item);
    const label = this.t(ui.label) || (typeof last === 'number' ? this.s('item_n', { item: parentItem, n: last + 1 }) : last);
    const req = required ? h('span', { class: 'nd-req', text: ` (${this.s('required')})` }) : null;

    if (w === 'text' || w === 'longtext') {
      const d = this.describe(kind, path, ui);
      const inputs = [];
      const pair = h('div', { class: 'nd-pair' });
      for (const lang of [this.lang, this.other]) {
        const iid = `${id}-${lang}`;
        const pending = lang === this.other;
        const note = pending ? h('span', { class: 'nd-pending', id: `${iid}-pending`, text: this.s('pending') }) : null;
        const attrs = {
          id: iid, lang, name: iid, 'aria-describedby': `${d.ids}${pending ? ` ${iid}-pending` : ''}`,
          oninput: (e) => this.onInput(kind, [...path, lang], e.target.value),
          onblur: () => { this.touched[kind].add(pointerOf(path)); this.schedule(); },
        };
        const input = w === 'text'
          ? h('input', { type: 'text', ...attrs, maxlength: 600 })
          : h('textarea', { rows: 4, ...attrs, maxlength: 3000 });
        input.value = value[lang] || '';
        inputs.push(input);
        pair.append(h('div', { class: `nd-lang nd-lang-${lang}${pending ? ' nd-lang-pending' : ''}` },
          h('label', { for: iid, text: `${label} — ${this.langName(lang)}` }), note, input));
      }
      const wrap = h('fieldset', { class: `nd-field nd-${w}`, id: `${id}-field` },
        h('legend', {}, label, req), ...d.nodes, pair, d.err);
      this.register(kind, path, wrap, d.err, inputs);
      return wrap;
    }

    if (w === 'terms' || w === 'entries') {
      const d = this.describe(kind, path, ui);
      const choices = w === 'terms'
        ? (this.data.vocabularies[ui.vocabulary] || []).filter((t) => !ui.groups || ui.groups.includes(t.group))
          .map((t) => ({ id: t.id, label: t.label, def: t.definition }))
        : (this.data.entries[ui.entries] || []).map((e) => ({ id: e.id, label: e.title }));
      const inputs = [];
      const list = h('div', { class: 'nd-terms' });
      for (const c of choices) {
        const cid = `${id}-${c.id}`;
        const defId = c.def ? `${cid}-def` : null;
        const box = h('input', {
          type: 'checkbox', id: cid, value: c.id, checked: value.includes(c.id),
          'aria-describedby': defId,
          onchange: () => {
            const chosen = inputs.filter((x) => x.checked).map((x) => x.value);
            this.onInput(kind, path, chosen);
          },
        });
        inputs.push(box);
        const other = c.label[this.other] && c.label[this.other] !== c.label[this.lang]
          ? h('span', { class: 'nd-other', lang: this.other, text: ` · ${c.label[this.other]}` }) : null;
        list.append(h('div', { class: 'nd-term' }, box,
          h('label', { for: cid }, h('span', { text: this.t(c.label) }), other),
          c.def ? h('p', { class: 'nd-def', id: defId, text: this.t(c.def) }) : null));
      }
      const wrap = h('fieldset', { class: `nd-field nd-${w}`, id: `${id}-field`, 'aria-describedby': d.ids },
        h('legend', {}, label, req), ...d.nodes, list, d.err);
      this.register(kind, path, wrap, d.err, inputs);
      return wrap;
    }

    if (w === 'select') {
      const defId = `${id}-def`;
      const d = this.describe(kind, path, ui, [defId]);
      let terms = this.data.vocabularies[ui.vocabulary] || [];
      if (ui.choices_from) {
        const from = ui.choices_from.split('/').filter(Boolean);
        const list = getAt(this.state[kind], [from[0]]) || [];
        const chosen = new Set(list.map((x) => x[from[2]]).filter(Boolean));
        terms = terms.filter((t) => chosen.has(t.id));
      }
      const def = h('p', { class: 'nd-def', id: defId });
      const showDef = (v) => {
        const t = terms.find((x) => x.id === v);
        def.textContent = t ? this.t(t.definition) : '';
      };
      const select = h('select', {
        id, name: id, 'aria-describedby': d.ids,
        onchange: (e) => {
          this.onInput(kind, path, e.target.value);
          showDef(e.target.value);
          if (path[0] === 'actors') this.renderKind(kind, id); // the lead's choices follow
        },
      }, h('option', { value: '', text: this.s('choose') }),
      ...terms.map((t) => h('option', { value: t.id, text: this.t(t.label) })));
      select.value = value;
      showDef(value);
      const wrap = h('div', { class: 'nd-field nd-select', id: `${id}-field` },
        h('label', { for: id }, label, req), ...d.nodes, select, def, d.err);
      this.register(kind, path, wrap, d.err, [select]);
      return wrap;
    }

    if (w === 'enum') {
      const d = this.describe(kind, path, ui);
      const inputs = n.enum.map((v) => h('input', {
        type: 'radio', name: id, id: `${id}-${v}`, value: v, checked: value === v,
        onchange: () => this.onInput(kind, path, v),
      }));
      const wrap = h('fieldset', { class: 'nd-field nd-enum', id: `${id}-field`, 'aria-describedby': d.ids },
        h('legend', {}, label, req), ...d.nodes,
        h('div', { class: 'nd-options' }, ...n.enum.map((v, i) => h('div', { class: 'nd-option' }, inputs[i],
          h('label', { for: `${id}-${v}`, text: this.t((ui.options || {})[v]) || v })))),
        d.err);
      this.register(kind, path, wrap, d.err, inputs);
      return wrap;
    }

    if (w === 'object') {
      const d = this.describe(kind, path, ui);
      const inner = new Set(n.required || []);
      const wrap = h('fieldset', { class: 'nd-field nd-object', id: `${id}-field`, 'aria-describedby': d.ids },
        h('legend', {}, label, req), ...d.nodes,
        ...Object.entries(n.properties || {}).map(([k, sub]) => this.renderField(kind, sub, [...path, k], inner.has(k))),
        d.err);
      this.register(kind, path, wrap, d.err, []);
      return wrap;
    }

    if (w === 'list' || w === 'textList') {
      const d = this.describe(kind, path, ui);
      const item = this.t(ui.item) || label;
      const itemsNode = w === 'list' ? n.items : n.items;
      const innerReq = new Set(this.resolve(itemsNode).required || []);
      const ol = h('ol', { class: 'nd-items' });
      value.forEach((_, i) => {
        const ipath = [...path, i];
        const iid = domId(kind, ipath);
        const legend = this.s('item_n', { item, n: i + 1 });
        const controls = h('div', { class: 'nd-item-controls' },
          h('button', { type: 'button', class: 'nd-up', id: `${iid}-up`, disabled: i === 0, text: '↑', 'aria-label': this.s('up', { item, n: i + 1 }), onclick: () => this.move(kind, path, i, -1, item) }),
          h('button', { type: 'button', class: 'nd-down', id: `${iid}-down`, disabled: i === value.length - 1, text: '↓', 'aria-label': this.s('down', { item, n: i + 1 }), onclick: () => this.move(kind, path, i, 1, item) }),
          h('button', { type: 'button', class: 'nd-remove', id: `${iid}-remove`, text: '✕', 'aria-label': this.s('remove', { item, n: i + 1 }), onclick: () => this.remove(kind, path, i, item) }));
        let body;
        if (w === 'textList') {
          body = this.renderField(kind, itemsNode, ipath, true);
          const lg = body.querySelector('legend');
          lg.replaceChildren(legend);
        } else {
          body = h('fieldset', { class: 'nd-item', id: `${iid}-field` }, h('legend', { text: legend }),
            ...Object.entries(this.resolve(itemsNode).properties).map(([k, sub]) => this.renderField(kind, sub, [...ipath, k], innerReq.has(k))));
          const err = h('p', { class: 'nd-error', id: `${iid}-err`, hidden: true });
          body.append(err);
          this.register(kind, ipath, body, err, []);
        }
        ol.append(h('li', { class: 'nd-item-wrap' }, body, controls));
      });
      const add = h('button', {
        type: 'button', class: 'md-button nd-add', id: `${id}-add`, text: this.s('add', { item }),
        disabled: value.length >= (n.maxItems || 30),
        onclick: () => {
          value.push(this.initial(kind, itemsNode, [...path, value.length]));
          this.touched[kind].add(pointerOf(path));
          this.renderKind(kind);
          const first = document.querySelector(`#${domId(kind, [...path, value.length - 1])}-field input, #${domId(kind, [...path, value.length - 1])}-field select, #${domId(kind, [...path, value.length - 1])}-field textarea`);
          if (first) first.focus();
          this.announce(this.s('added', { item, n: value.length }));
          this.refresh();
        },
      });
      const wrap = h('fieldset', { class: `nd-field nd-list`, id: `${id}-field`, 'aria-describedby': d.ids },
        h('legend', {}, label, req), ...d.nodes, ol, add, d.err);
      this.register(kind, path, wrap, d.err, []);
      return wrap;
    }

    // slug, date, url: one input
    const d = this.describe(kind, path, ui);
    const type = w === 'date' ? 'date' : w === 'url' ? 'url' : 'text';
    const input = h('input', {
      type, id, name: id, 'aria-describedby': d.ids, autocomplete: 'off', spellcheck: 'false',
      inputmode: w === 'slug' ? 'latin' : null, lang: w === 'slug' ? 'en' : null,
      oninput: (e) => this.onInput(kind, path, e.target.value),
      onblur: () => { this.touched[kind].add(pointerOf(path)); this.schedule(); },
    });
    input.value = value || '';
    const wrap = h('div', { class: `nd-field nd-${w}`, id: `${id}-field` },
      h('label', { for: id }, label, req), ...d.nodes, input, d.err);
    this.register(kind, path, wrap, d.err, [input]);
    return wrap;
  }

  move(kind, path, i, by, item) {
    const list = getAt(this.state[kind], path);
    const j = i + by;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    const button = by < 0 ? 'up' : 'down';
    let focus = `${domId(kind, [...path, j])}-${button}`;
    this.renderKind(kind);
    if (document.getElementById(focus)?.disabled) focus = `${domId(kind, [...path, j])}-${button === 'up' ? 'down' : 'up'}`;
    document.getElementById(focus)?.focus();
    this.announce(this.s('moved', { item, n: j + 1 }));
    this.refresh();
  }

  remove(kind, path, i, item) {
    const list = getAt(this.state[kind], path);
    list.splice(i, 1);
    this.touched[kind].add(pointerOf(path));
    this.renderKind(kind);
    const next = list.length ? `${domId(kind, [...path, Math.min(i, list.length - 1)])}-remove` : `${domId(kind, path)}-add`;
    document.getElementById(next)?.focus();
    this.announce(this.s('removed', { item }));
    this.refresh();
  }

  announce(text) {
    this.live.textContent = '';
    window.setTimeout(() => { this.live.textContent = text; }, 50);
  }

  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.refresh(), 250);
  }

  // -- the entry, its checks, its preview ------------------------------------------------------
  collect(kind, node = this.schema(kind), path = []) {
    const n = this.resolve(node);
    const w = this.widget(kind, node, path);
    const value = getAt(this.state[kind], path);
    if (w === 'text' || w === 'longtext') {
      const out = {};
      for (const lang of ['th', 'en']) {
        const v = clean(value[lang] || '');
        if (v) out[lang] = v;
      }
      return Object.keys(out).length ? out : undefined;
    }
    if (w === 'textList' || w === 'list') {
      // an empty item stays (as {}), so that positions match the form's and the check says
      // which item to fill in or remove
      const items = value.map((_, i) => this.collect(kind, n.items, [...path, i]) ?? {});
      return items.length ? items : undefined;
    }
    if (w === 'terms' || w === 'entries') return value.length ? [...value] : undefined;
    if (w === 'object') {
      const out = {};
      for (const [k, sub] of Object.entries(n.properties || {})) {
        const v = this.collect(kind, sub, [...path, k]);
        if (v !== undefined) out[k] = v;
      }
      return Object.keys(out).length || path.length === 0 ? out : undefined;
    }
    const v = clean(value || '');
    return v || undefined;
  }

  check(kind, entry) {
    const found = [];
    const add = (ptr, key, vars = {}, text = null) => found.push({ ptr, text: text ?? this.s(key, vars) });
    const widgetAt = (ptr) => {
      const path = ptr.split('/').filter(Boolean).map((k) => (/^[0-9]+$/.test(k) ? Number(k) : k));
      let node = this.schema(kind);
      for (const k of path) {
        const n = this.resolve(node);
        node = typeof k === 'number' ? n.items : (n.properties || {})[k];
        if (!node) return { w: '', n: {} };
      }
      return { w: this.widget(kind, node, path), n: this.resolve(node) };
    };
    const result = this.validators[kind].validate(entry);
    for (const e of result.errors) {
      const loc = e.instanceLocation.replace(/^#/, '');
      switch (e.keyword) {
        case 'required': {
          const m = e.error.match(/required property "([^"]+)"/);
          let ptr = `${loc}/${m ? m[1] : ''}`;
          let { w, n } = widgetAt(ptr);
          while (w === 'object' && (n.required || []).length) { // say which part to fill in
            ptr = `${ptr}/${n.required[0]}`;
            ({ w, n } = widgetAt(ptr));
          }
          if (ptr === '/source/citation') add(ptr, 'err_citation');
          else if (ptr === '/carries_out') add(ptr, 'err_carries_needed');
          else if (ptr === '/privacy/consent') add(ptr, 'err_consent_needed');
          else if (w === 'terms' || w === 'entries') add(ptr, 'err_choose', { n: n.minItems || 1 });
          else if (w === 'list' || w === 'textList') add(ptr, 'err_min_items', { n: n.minItems || 1 });
          else if (w === 'select' || w === 'enum') add(ptr, 'err_choice');
          else if (w === 'text' || w === 'longtext') add(ptr, 'err_required');
          else add(ptr, 'err_fill');
          break;
        }
        case 'minItems': {
          const { w, n } = widgetAt(loc);
          add(loc, w === 'terms' || w === 'entries' ? 'err_choose' : 'err_min_items', { n: n.minItems || 1 });
          break;
        }
        case 'maxItems': add(loc, 'err_max_items', { n: widgetAt(loc).n.maxItems }); break;
        case 'maxLength': add(loc, 'err_too_long', { n: widgetAt(loc).n.maxLength }); break;
        case 'pattern': {
          const { w } = widgetAt(loc);
          add(loc, w === 'date' ? 'err_date' : w === 'url' ? 'err_url' : w === 'slug' || w === 'select' ? 'err_slug' : 'err_required');
          break;
        }
        case 'enum': add(loc, 'err_choice'); break;
        case 'minProperties': add(loc, 'err_required'); break;
        case 'not':
          if (loc === '/privacy') add('/privacy/consent', 'err_consent_not');
          else if (loc === '' && kind === 'practice') add('/carries_out', 'err_carries_not');
          else add(loc, 'err_other');
          break;
        case 'properties': case 'items': case '$ref': case 'allOf': case 'if': case 'then': case 'else':
        case 'prefixItems': case 'unevaluatedProperties': case 'unevaluatedItems': case 'additionalProperties':
          if (e.keyword === 'additionalProperties') add(loc, 'err_other');
          break;
        default: add(loc, 'err_other');
      }
    }
    // the validator's checks beyond the schema (core/validate.py), on what the form lets through
    const id = entry.id;
    if (id && KINDS.some((k) => (this.data.entries[k] || []).some((e) => e.id === id))) add('/id', 'err_taken');
    if (kind === 'practice') {
      const actors = (entry.actors || []).map((a) => a.actor).filter(Boolean);
      if (entry.lead && !actors.includes(entry.lead)) add('/lead', 'err_lead');
      actors.forEach((a, i) => { if (actors.indexOf(a) !== i) add(`/actors/${i}/actor`, 'err_actor_twice'); });
      (entry.carries_out || []).forEach((r, i) => {
        if (!(entry.recommendations || []).includes(r)) add(`/carries_out/${i}`, 'err_carries_in_recs');
      });
      if (entry.basis === 'documented' && entry.source && !['study', 'cited'].includes(entry.source.basis)) {
        add('/basis', 'err_documented_source');
      }
      const ids = (entry.indicators || []).map((x) => x.id);
      ids.forEach((x, i) => { if (x && ids.indexOf(x) !== i) add(`/indicators/${i}/id`, 'err_indicator_twice'); });
    }
    const year = new Date().getFullYear();
    for (const ptr of ['/added', '/updated', '/privacy/consent/date']) {
      const v = getAt(entry, ptr.split('/').filter(Boolean));
      if (typeof v === 'string' && Number(v.slice(0, 4)) > year + 1) add(ptr, 'err_be_year');
    }
    const markers = Object.values(this.data.draft_markers);
    const walk = (v, ptr) => {
      if (typeof v === 'string') {
        if (CONTROL.test(v)) add(ptr, 'err_control');
        if (markers.some((m) => v.startsWith(m))) add(ptr, 'err_draft');
        if (this.privacy) {
          if (!this.privacy.thai && HAS_THAI.test(v)) {
            // the Thai names need names.json: load it once, then check again
            loadThai(this.privacy, new URL('../contribute/names.json', import.meta.url))
              .then((ok) => { if (ok) this.refresh(); });
          }
          for (const f of scan(this.privacy, v)) {
            add(ptr, '', {}, `${f.code}: ${message(this.privacy, f, this.lang)}`);
          }
        }
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${ptr}/${i}`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${ptr}/${k}`);
    };
    walk(entry, '');
    return found;
  }

  fieldFor(kind, ptr) {
    let p = ptr;
    while (p && !this.fields[kind][p]) p = p.slice(0, p.lastIndexOf('/'));
    return this.fields[kind][p] ? p : null;
  }

  refresh() {
    for (const kind of KINDS) this.refreshKind(kind);
  }

  refreshKind(kind) {
    this.save(kind, this.state[kind]);
    const entry = this.collect(kind);
    const found = this.check(kind, entry);
    this.errors[kind] = found;
    // per field: shown once the field was touched, or after a send was tried
    const byField = new Map();
    for (const f of found) {
      const key = this.fieldFor(kind, f.ptr);
      if (!key) continue;
      if (!byField.has(key)) byField.set(key, []);
      const list = byField.get(key);
      if (!list.some((x) => x.text === f.text)) list.push(f);
    }
    const visible = (key) => this.showAll[kind] || [...this.touched[kind]].some((t) => key === t || key.startsWith(t + '/') || t.startsWith(key + '/'));
    for (const [key, field] of Object.entries(this.fields[kind])) {
      const list = byField.get(key);
      const show = list && visible(key);
      field.err.hidden = !show;
      field.err.textContent = show ? list.map((x) => x.text).join(' · ') : '';
      for (const input of field.inputs) {
        if (show) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
      field.wrap.classList.toggle('nd-invalid', Boolean(show));
    }
    // status and the list of what to fix
    const status = document.getElementById(`nd-${kind}-status`);
    const summary = document.getElementById(`nd-${kind}-errors`);
    const text = found.length ? this.s('status_errors', { n: byField.size || found.length }) : this.s('status_ok');
    if (status.textContent !== text) {
      // said aloud when the entry becomes complete, or while fixing after a refused send;
      // not at every keystroke of an entry being written
      const say = kind === this.kind && (!found.length || this.showAll[kind]);
      status.textContent = text;
      if (say) this.announce(text);
    }
    status.classList.toggle('nd-status-ok', !found.length);
    summary.replaceChildren();
    if (found.length && this.showAll[kind]) {
      summary.append(h('h3', { text: this.s('errors_heading') }), h('ul', {}, ...[...byField.entries()].map(([key, list]) => {
        const field = this.fields[kind][key];
        const target = field.inputs[0] || field.wrap;
        const label = field.wrap.querySelector('legend, label');
        return h('li', {}, h('a', {
          href: `#${target.id}`,
          onclick: (e) => { e.preventDefault(); target.focus(); },
        }, label ? label.textContent : key), ': ', list.map((x) => x.text).join(' · '));
      })));
    }
    this.renderPreview(kind, entry || {});
    this.updateSend(kind, entry || {});
  }

  // -- preview: the sections the page templates show, as text (never HTML) -----------------
  term(vocab, id) {
    return (this.data.vocabularies[vocab] || []).find((t) => t.id === id);
  }

  tx(obj) {
    // a language object as the page shows it: the other language, marked, when missing
    if (!obj) return h('span');
    if (obj[this.lang]) return h('span', { text: obj[this.lang] });
    return h('span', { class: 'nd-fallback', lang: this.other, title: this.s('pending_mark'), text: obj[this.other] || '' });
  }

  ps(key) {
    return (this.data.page[key] || {})[this.lang] || key;
  }

  termList(vocab, ids, name) {
    return h('ul', { class: 'nd-terms-preview', 'data-nd': name }, ...(ids || []).map((id) => {
      const t = this.term(vocab, id);
      return h('li', {}, t ? this.tx(t.label) : id);
    }));
  }

  renderPreview(kind, e) {
    const out = document.getElementById(`nd-${kind}-preview`);
    const parts = [h('h1', { 'data-nd': 'title' }, this.tx(e.title))];
    const para = (obj, name, cls) => h('div', { class: cls }, h('p', { 'data-nd': name }, this.tx(obj)));
    const list = (items, name, ordered = false) => h(ordered ? 'ol' : 'ul', { 'data-nd': name }, ...(items || []).map((x) => h('li', {}, this.tx(x))));
    const source = e.source ? h('p', { class: 'nd-source-preview', 'data-nd': 'source' },
      h('strong', { text: `${this.ps('source')}: ` }), this.ps(`basis_${e.source.basis}`),
      e.source.note ? ' — ' : '', e.source.note ? this.tx(e.source.note) : '') : null;
    if (kind === 'practice') {
      let badge = e.basis ? this.ps(`pbasis_${e.basis}`) : '';
      if (e.basis === 'recommendation') {
        const recs = (e.carries_out || []).map((r) => this.t((this.term('recommendations', r) || {}).label) || r);
        badge = badge.replace('{recs}', recs.join(', '));
      }
      parts.push(para(e.summary, 'summary', 'nd-summary'),
        badge ? h('p', { class: 'nd-basis-preview', 'data-nd': 'basis' }, h('strong', { text: badge })) : null, source,
        h('h2', { text: this.ps('problem') }), para(e.problem, 'problem', 'nd-problem'),
        this.termList('problems', e.problems, 'problems'),
        h('h2', { text: this.ps('actors') }),
        h('p', { 'data-nd': 'lead' }, h('strong', { text: `${this.ps('lead')}: ` }), e.lead && this.term('actors', e.lead) ? this.tx(this.term('actors', e.lead).label) : ''),
        h('table', { class: 'nd-actors' },
          h('thead', {}, h('tr', {}, ...['sector', 'actor', 'role', 'resources'].map((k) => h('th', { scope: 'col', text: this.ps(k) })))),
          h('tbody', { 'data-nd': 'actors' }, ...(e.actors || []).map((a) => {
            const t = this.term('actors', a.actor);
            const sector = t && this.term('sectors', t.sector);
            return h('tr', {}, h('td', {}, sector ? this.tx(sector.label) : ''), h('td', {}, t ? this.tx(t.label) : ''),
              h('td', {}, this.tx(a.role)), h('td', {}, ...(a.resources || []).flatMap((r, i) => [i ? ', ' : '', this.term('resources', r) ? this.tx(this.term('resources', r).label) : r])));
          }))),
        h('h2', { text: this.ps('steps') }), list(e.steps, 'steps', true),
        h('h2', { text: this.ps('watch_out') }), list(e.watch_out, 'watch_out'),
        h('h2', { text: this.ps('indicators') }), list((e.indicators || []).map((x) => x.label), 'indicators'),
        h('h2', { text: this.ps('readiness') }), list(e.readiness, 'readiness'),
        h('h2', { text: this.ps('stages') }), this.termList('stages', e.stages, 'stages'),
        h('h2', { text: this.ps('recommendations') }), this.termList('recommendations', e.recommendations, 'recommendations'),
        h('h2', { text: this.ps('related') }), h('ul', { 'data-nd': 'related' }, ...(e.related || []).map((id) => {
          const p = this.data.entries.practice.find((x) => x.id === id);
          return h('li', {}, p ? this.tx(p.title) : id);
        })));
    } else {
      const pv = e.privacy || {};
      const consent = pv.consent;
      parts.push(h('div', { class: 'nd-privacy', role: 'note', 'data-nd': 'privacy' },
        h('p', {}, h('strong', { class: 'nd-story-badge', text: pv.basis ? this.ps(`privacy_${pv.basis}`) : '' })),
        e.source && e.source.basis === 'illustrative' && e.source.note ? h('p', {}, this.tx(e.source.note)) : null,
        h('p', {}, `${this.ps('details_changed')}: `, this.tx(pv.details_changed), ` · ${this.ps('reviewed_by')}: `, this.tx(pv.reviewed_by)),
        consent ? h('p', {}, `${this.ps('consent_scope')}: `, this.tx(consent.scope), ` · ${this.ps('consent_date')}: ${consent.date || ''} · ${this.ps('consent_kept_by')}: `, this.tx(consent.kept_by)) : null),
      para(e.summary, 'summary', 'nd-summary'), source,
      this.termList('problems', e.problems, 'problems'),
      h('h2', { text: this.ps('path') }),
      h('ol', { class: 'nd-path', 'data-nd': 'path' }, ...(e.path || []).map((st) => {
        const stage = this.term('stages', st.stage);
        const actor = this.term('actors', st.actor);
        const sector = actor && this.term('sectors', actor.sector);
        return h('li', {}, h('strong', {}, stage ? this.tx(stage.label) : ''), ' — ', actor ? this.tx(actor.label) : '',
          ' (', sector ? this.tx(sector.label) : '', '): ', this.tx(st.action));
      })),
      h('h2', { text: this.ps('outcome') }), para(e.outcome, 'outcome', 'nd-outcome'),
      h('h2', { text: this.ps('practices_used') }), h('ul', { 'data-nd': 'practices' }, ...(e.practices || []).map((id) => {
        const p = this.data.entries.practice.find((x) => x.id === id);
        return h('li', {}, p ? this.tx(p.title) : id);
      })));
    }
    out.replaceChildren(...parts.filter(Boolean));
  }

  // -- the ways out -------------------------------------------------------------------------
  yaml(kind, entry) {
    const head = [this.data.schema_lines[kind],
      '# เพิ่มด้วยแบบฟอร์มบนเว็บไซต์ / made with the contribution form on the site'];
    return [...head, ...yamlLines(entry, 0)].join('\n') + '\n';
  }

  fileName(entry) {
    return `${entry.id || 'new-entry'}.yml`;
  }

  githubUrl(kind, entry, withContent) {
    const repo = this.data.repository;
    const base = `https://github.com/${repo}/new/${encodeURIComponent(this.data.branch)}/${this.data.folders[kind]}`;
    let url = `${base}?filename=${encodeURIComponent(this.fileName(entry))}`;
    if (withContent) url += `&value=${encodeURIComponent(this.yaml(kind, entry))}`;
    return url;
  }

  renderSend(kind) {
    const id = `nd-${kind}-send`;
    const githubNote = h('p', { class: 'nd-help', id: `${id}-gh-note` });
    const github = h('a', {
      class: 'md-button md-button--primary nd-github', id: `${id}-github`, target: '_blank',
      rel: 'noopener noreferrer', 'aria-describedby': `${id}-gh-note`, text: this.s('github'),
      onclick: (e) => this.onGithub(e, kind),
    });
    const download = h('button', { type: 'button', class: 'md-button nd-download', id: `${id}-download`, text: this.s('download'), onclick: () => this.onDownload(kind) });
    const copy = h('button', { type: 'button', class: 'md-button nd-copy', id: `${id}-copy`, text: this.s('copy'), onclick: () => this.onCopy(kind) });
    const result = h('p', { class: 'nd-send-result', id: `${id}-result`, role: 'status', 'aria-live': 'polite' });
    const yamlBox = h('textarea', { id: `${id}-yaml`, readonly: true, rows: 10, class: 'nd-yaml', lang: 'und', spellcheck: 'false' });
    const mail = this.data.contact_email;
    return h('section', { class: 'nd-send', 'aria-labelledby': `${id}-h` },
      h('h2', { id: `${id}-h`, text: this.s('send') }),
      h('p', { text: this.s('send_intro') }),
      h('div', { class: 'nd-send-buttons' }, github, download, copy),
      githubNote, h('p', { class: 'nd-help', text: this.s('github_help') }), result,
      mail ? h('p', { class: 'nd-no-account' }, `${this.s('no_account')} `, h('a', { href: `mailto:${mail}`, text: mail }), ` ${this.s('no_account_after')}`) : null,
      h('details', {}, h('summary', { text: this.s('yaml_label') }), h('label', { for: `${id}-yaml`, class: 'nd-visually-hidden', text: this.s('yaml_label') }), yamlBox));
  }

  updateSend(kind, entry) {
    const id = `nd-${kind}-send`;
    const yaml = this.yaml(kind, entry);
    const full = this.githubUrl(kind, entry, true);
    const fits = full.length <= MAX_URL;
    const a = document.getElementById(`${id}-github`);
    a.href = fits ? full : this.githubUrl(kind, entry, false);
    a.dataset.fits = fits ? 'yes' : 'no';
    document.getElementById(`${id}-gh-note`).textContent = fits ? '' : this.s('github_long');
    document.getElementById(`${id}-yaml`).value = yaml;
  }

  ready(kind) {
    if (!this.errors[kind].length) return true;
    this.showAll[kind] = true;
    this.refreshKind(kind);
    document.getElementById(`nd-${kind}-send-result`).textContent = this.s('fix_first');
    document.getElementById(`nd-${kind}-errors`).focus();
    return false;
  }

  async copyText(text, kind) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      const box = document.getElementById(`nd-${kind}-send-yaml`);
      box.closest('details').open = true;
      box.focus();
      box.select();
      try {
        return document.execCommand('copy');
      } catch (e2) {
        return false;
      }
    }
  }

  onGithub(event, kind) {
    this.refreshKind(kind);
    if (!this.ready(kind)) { event.preventDefault(); return; }
    const a = event.currentTarget;
    if (a.dataset.fits === 'yes') return; // the link carries the file
    const entry = this.collect(kind);
    const result = document.getElementById(`nd-${kind}-send-result`);
    // the clipboard is written before the new tab opens; the link follows as usual
    this.copyText(this.yaml(kind, entry), kind).then((ok) => {
      result.textContent = ok ? this.s('github_copied') : this.s('copy_failed');
    });
  }

  onDownload(kind) {
    this.refreshKind(kind);
    if (!this.ready(kind)) return;
    const entry = this.collect(kind);
    const blob = new Blob([this.yaml(kind, entry)], { type: 'application/yaml' });
    const href = URL.createObjectURL(blob);
    const a = h('a', { href, download: this.fileName(entry), hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(href), 10000);
  }

  onCopy(kind) {
    this.refreshKind(kind);
    if (!this.ready(kind)) return;
    const result = document.getElementById(`nd-${kind}-send-result`);
    this.copyText(this.yaml(kind, this.collect(kind)), kind).then((ok) => {
      result.textContent = ok ? this.s('copied') : this.s('copy_failed');
    });
  }
}
