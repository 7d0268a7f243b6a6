/* factquiz self-check quizzes: grading in the browser, nothing sent anywhere.
 *
 * Rendered by factquiz.sphinxext.static_quiz, which documents the page format. Each
 * question holds salted, truncated SHA-256 ids of the tokens of its right responses, and
 * its feedback encrypted with a key that the page stores only wrapped by each token: a
 * right answer opens the feedback, a wrong one reveals nothing. The grading rules are
 * those of factquiz.answers (one specification, one table of cases run against this file
 * under Node and against the Python grader); the constants and messages come from the
 * page's data-fq-config (every message the reader sees is factquiz.answers.MESSAGES: this
 * file has no English of its own). A spoiler guard for self-study, not exam security. No
 * dependencies, no network, no ES modules: works from file://, and the grading core can
 * be required by Node (module.exports) without a DOM.
 *
 * This file is the shared core: hashing, normalisation, numbers, the key lookup, the
 * encrypted feedback, messages, and the page shell (Check button, feedback, score, saved
 * answers). Each question type's own script (qtypes/<type>/<type>.js, loaded after this
 * one; a type the page's config maps to another one in `scriptAs` has none, and is graded
 * by that type's) adds itself to `factquiz.types[<type>]`: {grade(q, cfg, response), and on the page
 * init(question), response(question), restore(question, response), reset(question),
 * size(node) -> {options, items}; optional lockedMessage (a key of the messages shown
 * instead of "locked" after a wrong answer) and citesInControls (the sources are shown by
 * the controls, not repeated after a right answer)}. Under Node a type's script exports a function that
 * installs it into the core it is given.
 * Text from the bank is only ever shown with textContent.
 */
(function (root, factory) {
  "use strict";
  var core = factory();
  if (typeof module === "object" && module.exports) { module.exports = core; }
  else { root.factquiz = core; }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* ---- SHA-256 (FIPS 180-4); crypto.subtle is missing on file:// and http origins ---- */
  var K = [], H0 = [];
  (function () {
    var n = 2, found = 0;
    function frac(x) { return ((x - Math.floor(x)) * 4294967296) | 0; }
    while (found < 64) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) { if (n % d === 0) { prime = false; break; } }
      if (prime) {
        if (found < 8) { H0[found] = frac(Math.sqrt(n)); }
        K[found++] = frac(Math.cbrt(n));
      }
      n++;
    }
  })();

  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }

  function sha256(bytes) {
    var len = bytes.length, total = ((len + 9 + 63) >> 6) << 6;
    var padded = new Uint8Array(total);
    padded.set(bytes);
    padded[len] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(total - 8, Math.floor(len / 536870912));
    view.setUint32(total - 4, (len * 8) >>> 0);
    var h = H0.slice(), w = new Array(64);
    for (var off = 0; off < total; off += 64) {
      for (var i = 0; i < 16; i++) { w[i] = view.getUint32(off + 4 * i); }
      for (i = 16; i < 64; i++) {
        var a15 = w[i - 15], a2 = w[i - 2];
        var s0 = rotr(a15, 7) ^ rotr(a15, 18) ^ (a15 >>> 3);
        var s1 = rotr(a2, 17) ^ rotr(a2, 19) ^ (a2 >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                  K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0;
      h[3] = (h[3] + d) | 0; h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0;
      h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
    }
    var out = new Uint8Array(32), outView = new DataView(out.buffer);
    for (i = 0; i < 8; i++) { outView.setUint32(4 * i, h[i]); }
    return out;
  }

  var utf8 = new TextEncoder();

  function hex(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) { s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16); }
    return s;
  }

  function sha256hex(text) { return hex(sha256(utf8.encode(text))); }

  /* The same as static_quiz.digest: salted, truncated SHA-256 of one part of a response. */
  function digest(salt, part, value) { return sha256hex(salt + "|" + part + "|" + value).slice(0, 12); }

  /* ---- answer_key: the same as factquiz.normalize.answer_key ---- */
  /* The quote and dash variants (factquiz.normalize.VARIANTS, from the page's config) as a
     map from each variant to the ASCII character it folds to. */
  function foldTable(cfg) {
    if (!cfg.foldTable) {
      var fold = {};
      Object.keys(cfg.variants).forEach(function (plain) {
        for (var v of cfg.variants[plain]) { fold[v] = plain; }
      });
      Object.defineProperty(cfg, "foldTable", { value: fold });
    }
    return cfg.foldTable;
  }

  /* str.isspace() in Python */
  var SPACE = /^[\t-\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
  var FORMAT = /\p{Cf}/gu;
  var PUNCT = /[^\p{L}\p{N}_\s]/gu;
  var DIGIT = /^\p{Nd}$/u;

  function normalize(text, fold) {
    var out = "", pending = false;
    for (var ch of text) {
      if (SPACE.test(ch)) { if (out) { pending = true; } continue; }
      var folded = "";
      for (var c of ch.normalize("NFKC")) { folded += fold[c] || c; }
      folded = folded.replace(FORMAT, "");
      if (!folded) { continue; }
      if (pending) { out += " "; pending = false; }
      for (c of folded) { if (!SPACE.test(c)) { out += c; } }
    }
    return out;
  }

  function casefold(text, fold) {
    return normalize(text, fold).toLowerCase().replace(/\u00df/g, "ss").replace(/\u1e9e/g, "ss")
      .replace(/\u03c2/g, "\u03c3");
  }

  function answerKey(text, cfg) {
    return casefold(text, foldTable(cfg)).replace(PUNCT, " ").replace(/\s+/g, " ").trim();
  }

  /* factquiz.normalize.numbers_in: digit runs (thousands separators removed). */
  function numbersIn(text, cfg) {
    return (normalize(text, foldTable(cfg)).match(/\p{Nd}+(?:[.,]\p{Nd}+)*/gu) || []).map(function (n) {
      return n.replace(/,/g, "");
    });
  }

  function chars(text) { return Array.from(text); }

  /* Python's str.strip(): whitespace as str.isspace() defines it. */
  function strip(text) {
    var cs = chars(text), a = 0, b = cs.length;
    while (a < b && SPACE.test(cs[a])) { a++; }
    while (b > a && SPACE.test(cs[b - 1])) { b--; }
    return cs.slice(a, b).join("");
  }

  /* ---- the typo rule of factquiz.answers ---- */
  /* rapidfuzz ratio from an Indel distance, computed in the same order as in Python. */
  function similarity(distance, total) { return total === 0 ? 100 : (1 - distance / total) * 100; }

  /* rapidfuzz fuzz.ratio of two strings (code points; longest common subsequence). */
  function ratio(a, b) {
    var x = chars(a), y = chars(b), row = new Array(y.length + 1).fill(0);
    for (var i = 1; i <= x.length; i++) {
      var diag = 0;
      for (var j = 1; j <= y.length; j++) {
        var up = row[j];
        row[j] = x[i - 1] === y[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
        diag = up;
      }
    }
    return similarity(x.length + y.length - 2 * row[y.length], x.length + y.length);
  }

  /* static_quiz.deletions: the key less `count` characters, each way, without repeats. */
  function deletions(key, count) {
    var variants = [key];
    for (var step = 0; step < count; step++) {
      var seen = {}, next = [];
      variants.forEach(function (v) {
        var cs = chars(v);
        for (var i = 0; i < cs.length; i++) {
          var d = cs.slice(0, i).join("") + cs.slice(i + 1).join("");
          if (!Object.prototype.hasOwnProperty.call(seen, d)) { seen[d] = true; next.push(d); }
        }
      });
      variants = next;
    }
    return variants;
  }

  /* A message of factquiz.answers.MESSAGES with its {names} filled in. */
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  /* ---- numbers: factquiz.qtypes.numeric.parse_number ---- */
  function digitValue(ch) {
    var cp = ch.codePointAt(0), zero = cp;
    while (zero > 0 && DIGIT.test(String.fromCodePoint(zero - 1))) { zero--; }
    return String((cp - zero) % 10);
  }

  function asciiDigits(text) {
    return chars(text.normalize("NFKC")).map(function (c) {
      return DIGIT.test(c) ? digitValue(c) : c;
    }).join("");
  }

  /* {neg, digits (BigInt), scale}: the exact decimal, or {message}. */
  function parseNumber(response, cfg) {
    var m = cfg.messages, text;
    if (typeof response === "number") {
      if (!isFinite(response)) { return { message: m.not_finite }; }
      text = String(response);
    } else if (typeof response !== "string") {
      return { message: m.empty_number };
    } else {
      text = strip(response);
      if (!text) { return { message: m.empty_number }; }
      if (chars(text).length > cfg.maxResponseChars) { return { message: m.too_long_number }; }
    }
    var plain = asciiDigits(text);
    if (!new RegExp(cfg.typed).test(plain)) {
      return { message: format(m.not_a_number, { text: chars(text).slice(0, 40).join("") }) };
    }
    plain = plain.replace(/[, ]/g, "");
    var neg = plain[0] === "-", body = plain.replace(/^[+-]/, ""), dot = body.indexOf(".");
    var scale = dot < 0 ? 0 : body.length - dot - 1;
    return { neg: neg, digits: BigInt(body.replace(".", "") || "0"), scale: scale };
  }

  /* ---- grading: the key opened by a right response's token ---- */
  function words(attr) { return attr ? attr.split(" ") : []; }

  /* q: {type, salt, k, h, r, m, exp, kb, y, options, items}; the wrapped key of `token`, or null. */
  function openKey(q, token) {
    var id = digest(q.salt, "k", token), list = words(q.k);
    for (var i = 0; i < list.length; i++) {
      if (list[i].slice(0, 12) === id) {
        var wrapped = list[i].slice(12), mask = sha256(utf8.encode(q.salt + "|w|" + token));
        var key = new Uint8Array(wrapped.length / 2);
        for (var j = 0; j < key.length; j++) {
          key[j] = parseInt(wrapped.substr(2 * j, 2), 16) ^ mask[j];
        }
        return hex(key);
      }
    }
    return null;
  }

  function isIndex(value, n) {
    return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < n;
  }

  function verdict(cfg, key, parts) {
    return { correct: key !== null, key: key, parts: parts || [key !== null],
             message: key !== null ? cfg.messages.correct : cfg.messages.wrong };
  }

  function invalid(message) { return { correct: false, key: null, parts: [], message: message }; }

  /* Grade a response given as a list of indices, one per position (ordering, matching):
     `choices` the number of indices to choose from, `distinct` whether each is used once. */
  function gradePositions(q, cfg, response, choices, distinct) {
    var n = q.items, m = cfg.messages;
    if (!Array.isArray(response) || response.length !== n ||
        !response.every(function (x) { return isIndex(x, choices); })) {
      return invalid(format(m.not_a_list, { n: n }));
    }
    var hashes = words(q.h), parts = response.map(function (value, part) {
      return hashes[part] === digest(q.salt, part, String(value));
    });
    if (distinct && response.slice().sort(function (a, b) { return a - b; }).join() !==
        response.map(function (x, i) { return i; }).join()) {
      return { correct: false, key: null, parts: parts, message: m.each_once };
    }
    return verdict(cfg, openKey(q, "p|" + response.join(",")), parts);
  }

  /* The question types, each added by its own script (see the header). */
  var types = {};

  /* The reason of a wrong response, by its token (static_quiz.reason_entries), or null:
     its entry is found by digest(salt, "y", token) and opened by a key derived from the
     salt and that token only. */
  function openReason(q, token) {
    var id = digest(q.salt, "y", token), list = words(q.y);
    for (var i = 0; i < list.length; i++) {
      if (list[i].slice(0, 12) === id) {
        var key = sha256hex(q.salt + "|y|" + token).slice(0, 16);
        return decodeFeedback(key, list[i].slice(12)).w;
      }
    }
    return null;
  }

  /* The tokens of what a wrong response chose (factquiz.qtypes.reasons): an option's
     "c|<index>", each wrong position's "<position>|<index>", a typed text's
     "t|<answer key>" (the page holds reasons for a few known wrong answers only). */
  function wrongTokens(response, parts, cfg) {
    if (typeof response === "number") { return ["c|" + response]; }
    if (typeof response === "string") { return ["t|" + answerKey(response, cfg)]; }
    if (!Array.isArray(response)) { return []; }
    return response.map(function (value, part) { return parts[part] ? null : part + "|" + value; })
      .filter(function (token) { return token !== null; });
  }

  /* The script (an entry of `types`) that grades questions of `type`: its own, or the one
     the page's config names for it (cfg.scriptAs: a type graded exactly as another one
     has no script of its own, see factquiz.qtypes.static.script_aliases). */
  function kindOf(type, cfg) {
    var has = Object.prototype.hasOwnProperty, as = cfg.scriptAs || {};
    var name = has.call(as, type) ? as[type] : type;
    if (!has.call(types, name)) {
      throw new Error("factquiz: no script for question type " + type);
    }
    return types[name];
  }

  /* Grade `response` to the question `q` (its page data) under the rules `cfg`:
     {correct, message, parts (per position), key (the feedback key, hex, or null),
     reasons (why what was chosen is wrong, as the page holds them)}. */
  function grade(q, cfg, response) {
    var result = kindOf(q.type, cfg).grade(q, cfg, response);
    /* only a graded wrong answer ("Not quite."), not one refused as malformed */
    result.reasons = result.correct || result.message !== cfg.messages.wrong ? [] :
      wrongTokens(response, result.parts, cfg).map(function (token) { return openReason(q, token); })
        .filter(function (why) { return why; });
    return result;
  }

  /* ---- encrypted feedback: static_quiz.encode_feedback ---- */
  function decodeFeedback(key, blob) {
    var raw = atob(blob), data = new Uint8Array(raw.length), mask = [];
    for (var block = 0; mask.length < raw.length; block++) {
      var bytes = sha256(utf8.encode(key + "|fb|" + block));
      for (var j = 0; j < bytes.length; j++) { mask.push(bytes[j]); }
    }
    for (var i = 0; i < raw.length; i++) { data[i] = raw.charCodeAt(i) ^ mask[i]; }
    return JSON.parse(new TextDecoder("utf-8").decode(data));
  }

  return { sha256hex: sha256hex, digest: digest, answerKey: answerKey, numbersIn: numbersIn,
           ratio: ratio, similarity: similarity, deletions: deletions, chars: chars,
           strip: strip, format: format, parseNumber: parseNumber, openKey: openKey,
           words: words, isIndex: isIndex, verdict: verdict, invalid: invalid,
           gradePositions: gradePositions, types: types, kindOf: kindOf, grade: grade,
           openReason: openReason, decodeFeedback: decodeFeedback };
});

/* ---- the quizzes on the page (browsers only) ---- */
(function () {
  "use strict";
  if (typeof document === "undefined") { return; }
  var core = window.factquiz;

  /* ---- helpers ---- */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function storageGet(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); }
      else { window.localStorage.setItem(key, JSON.stringify(value)); }
    } catch (e) { /* storage disabled: the quiz still works for this visit */ }
  }

  /* ---- one question: the shell; its type's script does the controls ---- */
  function Question(node, quiz, number) {
    this.node = node;
    this.quiz = quiz;
    this.id = node.id;
    this.type = node.getAttribute("data-fq-type");
    this.kind = core.kindOf(this.type, quiz.config);
    this.messages = quiz.config.messages;
    this.salt = quiz.salt + "-" + number;
    this.result = null;
    var self = this, legend = node.querySelector("legend");
    var button = el("button", "fq-check", this.messages.check);
    button.type = "button";
    button.setAttribute("aria-describedby", legend.id);
    button.addEventListener("click", function () { self.check(); });
    var actions = el("p", "fq-actions");
    actions.appendChild(button);
    node.appendChild(actions);
    this.feedback = el("div", "fq-feedback");
    this.feedback.setAttribute("aria-live", "polite");
    node.appendChild(this.feedback);
    if (this.kind.init) { this.kind.init(this); }
  }

  Question.prototype.clearMarks = function () {
    var marks = this.node.querySelectorAll(".fq-mark");
    for (var i = 0; i < marks.length; i++) { marks[i].textContent = ""; }
  };

  /* The reader's response, or {missing: what is missing} (the type's script reads it). */
  Question.prototype.response = function () { return this.kind.response(this); };

  Question.prototype.restore = function (response) { this.kind.restore(this, response); };

  /* The question's page data, as factquiz.grade (the core above) takes it. */
  Question.prototype.data = function () {
    var node = this.node, data = { type: this.type, salt: this.salt };
    ["k", "h", "r", "m", "exp", "kb", "y"].forEach(function (name) {
      data[name] = node.getAttribute("data-fq-" + name) || "";
    });
    var size = this.kind.size(node);
    data.options = size.options;
    data.items = size.items;
    return data;
  };

  Question.prototype.check = function () {
    var response = this.response();
    this.feedback.textContent = "";
    if (response && response.missing) {
      this.feedback.appendChild(el("p", "fq-verdict fq-missing", response.missing));
      return;
    }
    var result = core.grade(this.data(), this.quiz.config, response);
    if (!result.parts.length) {
      this.feedback.appendChild(el("p", "fq-verdict fq-missing", result.message));
      return;
    }
    this.show(result);
    this.quiz.noteFirstTry(this);
    this.quiz.responses[this.id] = response;
    this.quiz.save();
    this.quiz.updateScore();
  };

  Question.prototype.show = function (result) {
    var parts = result.parts, right = result.correct, count = parts.filter(Boolean).length;
    this.result = right;
    this.node.classList.toggle("fq-right", right);
    this.node.classList.toggle("fq-wrong", !right);
    var verdict = el("p", "fq-verdict"), m = this.messages;
    verdict.appendChild(el("span", "fq-symbol", right ? "✔" : "✘")).setAttribute("aria-hidden", "true");
    var words = result.message;
    if (parts.length > 1 && !right) {
      words += " " + core.format(m.parts_right, { right: count, total: parts.length });
    }
    verdict.appendChild(document.createTextNode(" " + words));
    this.feedback.appendChild(verdict);
    if (right) {
      var fb = core.decodeFeedback(result.key, this.node.getAttribute("data-fq-fb"));
      this.feedback.appendChild(el("p", "fq-explanation", fb.e));
      /* a type that shows the sources with its controls (short answer) does not repeat them */
      for (var i = 0; !this.kind.citesInControls && i < fb.c.length; i++) {
        this.feedback.appendChild(citation(fb.c[i], m));
      }
    } else {
      /* why what was chosen is wrong (each reason opened by that choice only) */
      for (i = 0; i < result.reasons.length; i++) {
        this.feedback.appendChild(el("p", "fq-why", result.reasons[i]));
      }
      /* a type may say something else than "appears once right" (its lockedMessage) */
      this.feedback.appendChild(el("p", "fq-locked", m[this.kind.lockedMessage || "locked"]));
    }
    if (parts.length > 1) {
      var marks = this.node.querySelectorAll(".fq-mark");
      for (i = 0; i < marks.length && i < parts.length; i++) {
        marks[i].textContent = parts[i] ? " ✔ " + m.part_right : " ✘ " + m.part_wrong;
      }
    }
  };

  /* A citation: [title, date, quote], or [note, quote index, source id] of the page's notes.
     A quote that opens with its own quotation mark is shown without added ones (fq-own). */
  function citation(entry, m) {
    var title = entry[0], date = entry[1], quote = entry[2], link = null, own = null;
    if (typeof entry[0] === "number") {
      var note = document.getElementById("fqn" + entry[0]);
      var source = document.getElementById("fqs-" + entry[2]);
      var quotes = note ? note.querySelectorAll("q") : [];
      var noteName = core.format(m.note, { n: entry[0] });
      if (!source || !quotes[entry[1]]) { return el("p", "fq-cite", m.source + " " + noteName); }
      quote = quotes[entry[1]].textContent;
      own = quotes[entry[1]].className;
      title = source.querySelector("cite").textContent;
      date = source.querySelector(".fq-date").textContent;
      link = el("a", null, noteName);
      link.href = "#fqn" + entry[0];
    }
    var cite = el("p", "fq-cite");
    cite.appendChild(document.createTextNode(m.source + " "));
    cite.appendChild(el("cite", null, title));
    cite.appendChild(document.createTextNode((date ? " (" + date + ")" : "") + ": "));
    cite.appendChild(el("q", own || (/^["'\u201c\u2018\u201e\u00ab]/.test(quote) ? "fq-own" : null),
                        quote));
    if (link) {
      cite.appendChild(document.createTextNode(" ("));
      cite.appendChild(link);
      cite.appendChild(document.createTextNode(")"));
    }
    return cite;
  }

  Question.prototype.reset = function () {
    var node = this.node, i;
    var inputs = node.querySelectorAll("input");
    for (i = 0; i < inputs.length; i++) {
      if (inputs[i].type === "radio") { inputs[i].checked = false; } else { inputs[i].value = ""; }
    }
    var selects = node.querySelectorAll("select");
    for (i = 0; i < selects.length; i++) { selects[i].value = ""; }
    if (this.kind.reset) { this.kind.reset(this); }
    this.clearMarks();
    this.feedback.textContent = "";
    node.classList.remove("fq-right", "fq-wrong");
    this.result = null;
  };

  /* ---- one quiz ---- */
  function Quiz(node) {
    this.node = node;
    this.key = "factquiz:" + node.getAttribute("data-fq-quiz") + ":" +
               node.getAttribute("data-fq-version");
    this.salt = node.getAttribute("data-fq-salt");
    this.config = JSON.parse(node.getAttribute("data-fq-config"));
    /* the messages come once per site (the messages script), unless the quiz has its own */
    this.config.messages = this.config.messages || core.messages;
    this.responses = {};
    this.first = {};  /* question id -> whether its first checked answer was right */
    this.questions = [];
    var footer = el("div", "fq-footer"), self = this;
    this.score = el("p", "fq-score", this.config.messages.no_answers);
    this.score.setAttribute("aria-live", "polite");
    var reset = el("button", "fq-reset", this.config.messages.reset);
    reset.type = "button";
    reset.addEventListener("click", function () { self.reset(); });
    footer.appendChild(this.score);
    footer.appendChild(reset);
    this.status = el("p", "fq-sr");
    this.status.setAttribute("aria-live", "polite");
    var nodes = node.querySelectorAll(".fq-q");
    for (var i = 0; i < nodes.length; i++) { this.questions.push(new Question(nodes[i], this, i + 1)); }
    node.appendChild(footer);
    node.appendChild(this.status);
    this.load();
  }

  Quiz.prototype.announce = function (text) { this.status.textContent = text; };

  Quiz.prototype.save = function () {
    storageSet(this.key, { responses: this.responses, first: this.first });
  };

  /* The first checked answer of a question counts for the first-try score; later ones
     (e.g. the answer shown after a miss, typed back in) only change the current state. */
  Quiz.prototype.noteFirstTry = function (question) {
    if (!Object.prototype.hasOwnProperty.call(this.first, question.id)) {
      this.first[question.id] = question.result === true;
    }
  };

  Quiz.prototype.load = function () {
    var saved = storageGet(this.key);
    if (!saved || typeof saved.responses !== "object" || saved.responses === null) { return; }
    if (saved.first && typeof saved.first === "object") {
      for (var id in saved.first) {
        if (Object.prototype.hasOwnProperty.call(saved.first, id)) {
          this.first[id] = saved.first[id] === true;
        }
      }
    }
    for (var i = 0; i < this.questions.length; i++) {
      var q = this.questions[i];
      if (Object.prototype.hasOwnProperty.call(saved.responses, q.id)) {
        try { q.restore(saved.responses[q.id]); q.check(); } catch (e) { q.reset(); }
      }
    }
    this.updateScore();
  };

  /* Two numbers, each with its label: the first-try score, and how many answers are right
     now (after corrections). */
  Quiz.prototype.updateScore = function () {
    var checked = 0, right = 0, first = 0, total = this.questions.length, self = this;
    this.questions.forEach(function (q) {
      if (q.result !== null) { checked++; if (q.result) { right++; } }
      if (self.first[q.id] === true) { first++; }
    });
    var m = this.config.messages;
    this.score.textContent = checked === 0 ? m.no_answers
      : core.format(m.score, { first: first, right: right, checked: checked, total: total });
  };

  Quiz.prototype.reset = function () {
    this.questions.forEach(function (q) { q.reset(); });
    this.responses = {};
    this.first = {};
    storageSet(this.key, null);
    this.updateScore();
    this.announce(this.config.messages.was_reset);
    var first = this.node.querySelector("input, select, .fq-order button");
    if (first) { first.focus(); }
  };

  /* The page's helpers the types' scripts build their controls with. */
  core.el = el;
  core.citation = citation;

  /* Once, when the page and the types' scripts (loaded after this one) are in. */
  var started = false;
  function start() {
    if (started) { return; }
    started = true;
    var quizzes = document.querySelectorAll(".fq-quiz");
    for (var i = 0; i < quizzes.length; i++) { new Quiz(quizzes[i]); }
  }

  /* factquiz-start.js, after the types' scripts, calls it without waiting for the rest. */
  core.start = start;

  if (document.readyState === "complete") { start(); }
  else {
    document.addEventListener("DOMContentLoaded", start);
    window.addEventListener("load", start);
  }
})();
