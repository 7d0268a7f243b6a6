/* factquiz self-check quizzes: grading in the browser, nothing sent anywhere.
 *
 * Rendered by factquiz.sphinxext.static_quiz, which documents the page format. Each
 * question holds salted, truncated SHA-256 ids of the tokens of its right responses, and
 * its feedback encrypted with a key that the page stores only wrapped by each token: a
 * right answer opens the feedback, a wrong one reveals nothing. The grading rules are
 * those of factquiz.answers (one specification, one table of cases run against this file
 * under Node and against the Python grader); the constants and messages come from the
 * page's data-fq-config. A spoiler guard for self-study, not exam security. No
 * dependencies, no network, no ES modules: works from file://, and the grading core can
 * be required by Node (module.exports) without a DOM.
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
    var m = new Uint8Array(total);
    m.set(bytes);
    m[len] = 0x80;
    var view = new DataView(m.buffer);
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
      return { message: "Please type a number." };
    } else {
      text = strip(response);
      if (!text) { return { message: m.empty_number }; }
      if (chars(text).length > cfg.maxResponseChars) { return { message: m.too_long_number }; }
    }
    var plain = asciiDigits(text);
    if (!new RegExp(cfg.typed).test(plain)) {
      return { message: m.not_a_number.replace("{text}", chars(text).slice(0, 40).join("")) };
    }
    plain = plain.replace(/[, ]/g, "");
    var neg = plain[0] === "-", body = plain.replace(/^[+-]/, ""), dot = body.indexOf(".");
    var scale = dot < 0 ? 0 : body.length - dot - 1;
    return { neg: neg, digits: BigInt(body.replace(".", "") || "0"), scale: scale };
  }

  /* The multiples of 10**exp just below and above the number (one when it is on the grid). */
  function gridPoints(num, exp) {
    var shift = -num.scale - exp, n = num.digits;
    if (shift >= 0) {
      var g = n * (10n ** BigInt(shift));
      return [num.neg ? -g : g];
    }
    var d = 10n ** BigInt(-shift), q = n / d, rest = n % d !== 0n;
    if (!rest) { return [num.neg ? -q : q]; }
    return num.neg ? [-q - 1n, -q] : [q, q + 1n];
  }

  /* ---- grading: the key opened by a right response's token ---- */
  function words(attr) { return attr ? attr.split(" ") : []; }

  /* q: {type, salt, k, h, r, m, exp, kb, options, items}; the wrapped key of `token`, or null. */
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

  function gradeCloze(q, cfg, response) {
    var m = cfg.messages;
    if (typeof response !== "string") { return invalid("Please type your answer as text."); }
    if (!strip(response)) { return invalid(m.empty); }
    if (chars(response).length > cfg.maxResponseChars) { return invalid(m.too_long); }
    var key = answerKey(response, cfg);
    if (!key) { return verdict(cfg, null); }
    var opened = openKey(q, "0|" + key);
    if (opened || q.m !== "fuzzy" || words(q.r).indexOf(digest(q.salt, "r", key)) >= 0) {
      return verdict(cfg, opened);
    }
    var size = chars(key).length, numbers = numbersIn(key, cfg).join(",");
    for (var j = 0; j <= cfg.fuzzyMaxEdits; j++) {
      var variants = deletions(key, j);
      for (var v = 0; v < variants.length; v++) {
        var common = chars(variants[v]).length;
        for (var i = 0; i <= cfg.fuzzyMaxEdits; i++) {
          var n = common + i;
          if (i + j === 0 || n < cfg.fuzzyMinLength ||
              similarity(i + j, n + size) < cfg.fuzzyThreshold) { continue; }
          if (i === 0 && numbersIn(variants[v], cfg).join(",") !== numbers) { continue; }
          opened = openKey(q, i === 0 ? "0|" + variants[v] : i + "|" + numbers + "|" + variants[v]);
          if (opened) { return verdict(cfg, opened); }
        }
      }
    }
    return verdict(cfg, null);
  }

  function gradeNumeric(q, cfg, response) {
    var num = parseNumber(response, cfg);
    if (num.message) { return invalid(num.message); }
    var points = gridPoints(num, parseInt(q.exp, 10)), kb = parseInt(q.kb, 10), key = null;
    for (var p = 0; p < points.length; p++) {
      var found = null;
      for (var k = 0; k <= kb && !found; k++) {
        found = openKey(q, "n" + k + "|" + (points[p] >> BigInt(k)));
      }
      if (!found) { return verdict(cfg, null); }
      key = key || found;
    }
    return verdict(cfg, key);
  }

  function gradeParts(q, cfg, response) {
    var n = q.items, m = q.type === "ordering" ? q.items : q.options;
    if (!Array.isArray(response) || response.length !== n ||
        !response.every(function (x) { return isIndex(x, m); })) {
      return invalid("Please give a list of " + n + " numbers.");
    }
    var hashes = words(q.h), parts = response.map(function (value, part) {
      return hashes[part] === digest(q.salt, part, String(value));
    });
    if (q.type === "ordering" && response.slice().sort(function (a, b) { return a - b; }).join() !==
        response.map(function (x, i) { return i; }).join()) {
      return { correct: false, key: null, parts: parts, message: "Please use each item once." };
    }
    return verdict(cfg, openKey(q, "p|" + response.join(",")), parts);
  }

  /* Grade `response` to the question `q` (its page data) under the rules `cfg`:
     {correct, message, parts (per position), key (the feedback key, hex, or null)}. */
  function grade(q, cfg, response) {
    if (q.type === "mc" || q.type === "tf") {
      if (!isIndex(response, q.options)) { return invalid("Please choose one of the options."); }
      return verdict(cfg, openKey(q, "c|" + response));
    }
    if (q.type === "cloze") { return gradeCloze(q, cfg, response); }
    if (q.type === "numeric") { return gradeNumeric(q, cfg, response); }
    return gradeParts(q, cfg, response);
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
           ratio: ratio, deletions: deletions, parseNumber: parseNumber, grade: grade,
           decodeFeedback: decodeFeedback };
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

  /* ---- one question ---- */
  function Question(node, quiz, number) {
    this.node = node;
    this.quiz = quiz;
    this.id = node.id;
    this.type = node.getAttribute("data-fq-type");
    this.salt = quiz.salt + "-" + number;
    this.result = null;
    var self = this, legend = node.querySelector("legend");
    var button = el("button", "fq-check", "Check answer");
    button.type = "button";
    button.setAttribute("aria-describedby", legend.id);
    button.addEventListener("click", function () { self.check(); });
    var actions = el("p", "fq-actions");
    actions.appendChild(button);
    node.appendChild(actions);
    this.feedback = el("div", "fq-feedback");
    this.feedback.setAttribute("aria-live", "polite");
    node.appendChild(this.feedback);
    if (this.type === "ordering") { this.initOrdering(); }
    if (this.type === "matching") {
      var selects = node.querySelectorAll(".fq-match select");
      Array.prototype.forEach.call(selects, function (select, i) {
        if (i > 0) {
          for (var j = 1; j < selects[0].options.length; j++) {
            select.appendChild(selects[0].options[j].cloneNode(true));
          }
        }
        select.parentNode.appendChild(el("span", "fq-mark"));
      });
    }
  }

  function moveButton(step, item) {
    var button = el("button");
    button.type = "button";
    button.setAttribute("data-fq-move", String(step));
    button.appendChild(el("span", null, step < 0 ? "↑" : "↓")).setAttribute("aria-hidden", "true");
    button.appendChild(el("span", "fq-sr", (step < 0 ? " Move up: " : " Move down: ") + item));
    return button;
  }

  Question.prototype.initOrdering = function () {
    var self = this, list = this.node.querySelector(".fq-order");
    Array.prototype.forEach.call(list.children, function (li) {
      var text = li.querySelector(".fq-item").textContent, moves = el("span", "fq-move");
      moves.appendChild(moveButton(-1, text));
      moves.appendChild(document.createTextNode(" "));
      moves.appendChild(moveButton(1, text));
      li.appendChild(moves);
      li.appendChild(el("span", "fq-mark"));
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-fq-move]");
      if (!button) { return; }
      var item = button.closest("li"), step = parseInt(button.getAttribute("data-fq-move"), 10);
      var target = step < 0 ? item.previousElementSibling : item.nextElementSibling;
      if (!target) { return; }
      if (step < 0) { list.insertBefore(item, target); } else { list.insertBefore(target, item); }
      button.focus();
      self.clearMarks();
      var items = Array.prototype.slice.call(list.children);
      self.quiz.announce("“" + item.querySelector(".fq-item").textContent + "” is now number " +
                         (items.indexOf(item) + 1) + " of " + items.length + ".");
    });
  };

  Question.prototype.clearMarks = function () {
    var marks = this.node.querySelectorAll(".fq-mark");
    for (var i = 0; i < marks.length; i++) { marks[i].textContent = ""; }
  };

  /* The reader's response, or a string saying what is missing. */
  Question.prototype.response = function () {
    var node = this.node, messages = this.quiz.config.messages, i;
    if (this.type === "mc" || this.type === "tf") {
      var chosen = node.querySelector("input[type=radio]:checked");
      return chosen ? parseInt(chosen.value, 10) : { missing: messages.choose };
    }
    if (this.type === "cloze" || this.type === "numeric") {
      var text = node.querySelector(".fq-input").value;
      if (!text.trim()) { return { missing: messages.type }; }
      return text;
    }
    if (this.type === "ordering") {
      return Array.prototype.map.call(node.querySelectorAll(".fq-order > li"), function (li) {
        return parseInt(li.getAttribute("data-fq-item"), 10);
      });
    }
    var selects = node.querySelectorAll("select"), out = [];
    for (i = 0; i < selects.length; i++) {
      if (selects[i].value === "") { return { missing: messages.choose_all }; }
      out.push(parseInt(selects[i].value, 10));
    }
    return out;
  };

  Question.prototype.restore = function (response) {
    var node = this.node, i;
    if (this.type === "mc" || this.type === "tf") {
      var radio = node.querySelector("input[type=radio][value='" + parseInt(response, 10) + "']");
      if (radio) { radio.checked = true; }
    } else if (this.type === "cloze" || this.type === "numeric") {
      node.querySelector(".fq-input").value = String(response);
    } else if (this.type === "ordering") {
      var list = node.querySelector(".fq-order");
      for (i = 0; i < response.length; i++) {
        var li = list.querySelector("li[data-fq-item='" + parseInt(response[i], 10) + "']");
        if (li) { list.appendChild(li); }
      }
    } else {
      var selects = node.querySelectorAll("select");
      for (i = 0; i < selects.length && i < response.length; i++) {
        selects[i].value = String(response[i]);
      }
    }
  };

  /* The question's page data, as factquiz.grade (the core above) takes it. */
  Question.prototype.data = function () {
    var node = this.node, data = { type: this.type, salt: this.salt };
    ["k", "h", "r", "m", "exp", "kb"].forEach(function (name) {
      data[name] = node.getAttribute("data-fq-" + name) || "";
    });
    data.options = node.querySelectorAll("input[type=radio]").length ||
      Math.max(0, node.querySelectorAll(".fq-match select option").length /
               Math.max(1, node.querySelectorAll(".fq-match select").length) - 1);
    data.items = node.querySelectorAll(".fq-order > li, .fq-match > li").length;
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
    var verdict = el("p", "fq-verdict");
    verdict.appendChild(el("span", "fq-symbol", right ? "✔" : "✘")).setAttribute("aria-hidden", "true");
    var words = result.message;
    if (parts.length > 1 && !right) { words += " " + count + " of " + parts.length + " are right."; }
    verdict.appendChild(document.createTextNode(" " + words));
    this.feedback.appendChild(verdict);
    if (right) {
      var fb = core.decodeFeedback(result.key, this.node.getAttribute("data-fq-fb"));
      this.feedback.appendChild(el("p", "fq-explanation", fb.e));
      for (var i = 0; i < fb.c.length; i++) { this.feedback.appendChild(citation(fb.c[i])); }
    } else {
      this.feedback.appendChild(el("p", "fq-locked", this.quiz.config.messages.locked));
    }
    if (parts.length > 1) {
      var marks = this.node.querySelectorAll(".fq-mark");
      for (i = 0; i < marks.length && i < parts.length; i++) {
        marks[i].textContent = parts[i] ? " ✔ right" : " ✘ wrong";
      }
    }
  };

  /* A citation: [title, date, quote], or [note, quote index, source id] of the page's notes.
     A quote that opens with its own quotation mark is shown without added ones (fq-own). */
  function citation(entry) {
    var title = entry[0], date = entry[1], quote = entry[2], link = null, own = null;
    if (typeof entry[0] === "number") {
      var note = document.getElementById("fqn" + entry[0]);
      var source = document.getElementById("fqs-" + entry[2]);
      var quotes = note ? note.querySelectorAll("q") : [];
      if (!source || !quotes[entry[1]]) { return el("p", "fq-cite", "Source: note " + entry[0]); }
      quote = quotes[entry[1]].textContent;
      own = quotes[entry[1]].className;
      title = source.querySelector("cite").textContent;
      date = source.querySelector(".fq-date").textContent;
      link = el("a", null, "note " + entry[0]);
      link.href = "#fqn" + entry[0];
    }
    var cite = el("p", "fq-cite");
    cite.appendChild(document.createTextNode("Source: "));
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
    var list = node.querySelector(".fq-order");
    if (list) {
      var items = Array.prototype.slice.call(list.children).sort(function (a, b) {
        return a.getAttribute("data-fq-item") - b.getAttribute("data-fq-item");
      });
      items.forEach(function (li) { list.appendChild(li); });
    }
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
    this.responses = {};
    this.first = {};  /* question id -> whether its first checked answer was right */
    this.questions = [];
    var footer = el("div", "fq-footer"), self = this;
    this.score = el("p", "fq-score", "No answers checked yet.");
    this.score.setAttribute("aria-live", "polite");
    var reset = el("button", "fq-reset", "Reset quiz");
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
    this.score.textContent = checked === 0 ? "No answers checked yet."
      : "First-try score: " + first + " of " + total + ". Right now: " + right + " of " + total +
        " (" + checked + " of " + total + " answered).";
  };

  Quiz.prototype.reset = function () {
    this.questions.forEach(function (q) { q.reset(); });
    this.responses = {};
    this.first = {};
    storageSet(this.key, null);
    this.updateScore();
    this.announce("The quiz was reset; your saved answers were removed.");
    var first = this.node.querySelector("input, select, .fq-order button");
    if (first) { first.focus(); }
  };

  function start() {
    var quizzes = document.querySelectorAll(".fq-quiz");
    for (var i = 0; i < quizzes.length; i++) { new Quiz(quizzes[i]); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
