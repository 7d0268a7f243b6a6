/* factquiz self-check quizzes: grading in the browser, nothing sent anywhere.
 *
 * Rendered by factquiz.sphinxext.static_quiz. Each question holds salted, truncated
 * SHA-256 digests of its accepted responses and its feedback XOR-encoded with a
 * keystream derived from its salt. This is a spoiler guard for self-study, not exam
 * security. No dependencies, no network, no modules: works from file://.
 * Text from the bank is only ever shown with textContent.
 */
(function () {
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

  function digest(salt, part, value) {
    return hex(sha256(utf8.encode(salt + "|" + part + "|" + value))).slice(0, 12);
  }

  /* ---- answer_key: the same as factquiz.normalize.answer_key ---- */
  var FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-"
  };
  /* str.isspace() in Python */
  var SPACE = /^[\t-\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
  var FORMAT = /\p{Cf}/gu;
  var PUNCT = /[^\p{L}\p{N}_\s]/gu;

  function normalize(text) {
    var out = "", pending = false;
    for (var ch of text) {
      if (SPACE.test(ch)) { if (out) { pending = true; } continue; }
      var folded = "";
      for (var c of ch.normalize("NFKC")) { folded += FOLD[c] || c; }
      folded = folded.replace(FORMAT, "");
      if (!folded) { continue; }
      if (pending) { out += " "; pending = false; }
      for (c of folded) { if (!SPACE.test(c)) { out += c; } }
    }
    return out;
  }

  function casefold(text) {
    return normalize(text).toLowerCase().replace(/\u00df/g, "ss").replace(/\u1e9e/g, "ss")
      .replace(/\u03c2/g, "\u03c3");
  }

  function answerKey(text) {
    return casefold(text).replace(PUNCT, " ").replace(/\s+/g, " ").trim();
  }

  function isDigit(ch) { return /^\p{Nd}$/u.test(ch); }

  function deletions(key) {
    var chars = Array.from(key), out = [];
    for (var i = 0; i < chars.length; i++) {
      var ch = chars[i];
      if (isDigit(ch)) { continue; }
      if (ch === " " && i > 0 && i < chars.length - 1 && isDigit(chars[i - 1]) &&
          isDigit(chars[i + 1])) { continue; }
      out.push(chars.slice(0, i).join("") + chars.slice(i + 1).join(""));
    }
    return out;
  }

  /* ---- encoded feedback ---- */
  function decodeFeedback(salt, blob) {
    var raw = atob(blob), data = new Uint8Array(raw.length), mask = [];
    for (var block = 0; mask.length < raw.length; block++) {
      var bytes = sha256(utf8.encode(salt + "|fb|" + block));
      for (var j = 0; j < bytes.length; j++) { mask.push(bytes[j]); }
    }
    for (var i = 0; i < raw.length; i++) { data[i] = raw.charCodeAt(i) ^ mask[i]; }
    return JSON.parse(new TextDecoder("utf-8").decode(data));
  }

  /* ---- numbers: the same rules as factquiz.qtypes.numeric.parse_number ---- */
  var TYPED = /^[+-]?(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

  function gridValue(text, exponent) {
    var value = parseFloat(text.replace(/[, ]/g, ""));
    return exponent < 0 ? Math.round(value * Math.pow(10, -exponent))
                        : Math.round(value / Math.pow(10, exponent));
  }

  /* ---- helpers ---- */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function set(attr) { return attr ? attr.split(" ") : []; }

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
    var node = this.node, i;
    if (this.type === "mc" || this.type === "tf") {
      var chosen = node.querySelector("input[type=radio]:checked");
      return chosen ? parseInt(chosen.value, 10) : { missing: "Choose an answer first." };
    }
    if (this.type === "cloze" || this.type === "numeric") {
      var text = node.querySelector(".fq-input").value;
      if (!text.trim()) { return { missing: "Type an answer first." }; }
      return text;
    }
    if (this.type === "ordering") {
      return Array.prototype.map.call(node.querySelectorAll(".fq-order > li"), function (li) {
        return parseInt(li.getAttribute("data-fq-item"), 10);
      });
    }
    var selects = node.querySelectorAll("select"), out = [];
    for (i = 0; i < selects.length; i++) {
      if (selects[i].value === "") { return { missing: "Choose a match for every item first." }; }
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

  /* Which parts of the response are right: a list of booleans, or a message. */
  Question.prototype.grade = function (response) {
    var node = this.node, salt = this.salt, type = this.type;
    var hashes = set(node.getAttribute("data-fq-h"));
    if (type === "mc" || type === "tf") {
      return [hashes.indexOf(digest(salt, 0, String(response))) >= 0];
    }
    if (type === "numeric") {
      var text = String(response).trim();
      if (!TYPED.test(text)) {
        return "‘" + text.slice(0, 40) + "’ is not a number: type digits only, such as 1960 or 2.5.";
      }
      var exponent = parseInt(node.getAttribute("data-fq-exp"), 10);
      return [hashes.indexOf(digest(salt, 0, String(gridValue(text, exponent)))) >= 0];
    }
    if (type === "cloze") {
      var key = answerKey(String(response));
      if (!key) { return "Type an answer first."; }
      if (hashes.indexOf(digest(salt, 0, key)) >= 0) { return [true]; }
      var extra = set(node.getAttribute("data-fq-b")), swapped = set(node.getAttribute("data-fq-e"));
      var missing = set(node.getAttribute("data-fq-c")).concat(swapped);
      if (missing.indexOf(digest(salt, 0, key)) >= 0) { return [true]; }
      if (extra.length || swapped.length) {
        var shorter = deletions(key);
        for (var i = 0; i < shorter.length; i++) {
          var h = digest(salt, 0, shorter[i]);
          if (extra.indexOf(h) >= 0 || swapped.indexOf(h) >= 0) { return [true]; }
        }
      }
      return [false];
    }
    return response.map(function (value, part) {
      return hashes[part] === digest(salt, part, String(value));
    });
  };

  Question.prototype.check = function () {
    var response = this.response();
    this.feedback.textContent = "";
    if (response && response.missing) {
      this.feedback.appendChild(el("p", "fq-verdict fq-missing", response.missing));
      return;
    }
    var parts = this.grade(response);
    if (typeof parts === "string") {
      this.feedback.appendChild(el("p", "fq-verdict fq-missing", parts));
      return;
    }
    this.show(parts);
    this.quiz.noteFirstTry(this);
    this.quiz.responses[this.id] = response;
    this.quiz.save();
    this.quiz.updateScore();
  };

  Question.prototype.show = function (parts) {
    var right = parts.every(Boolean), count = parts.filter(Boolean).length;
    this.result = right;
    this.node.classList.toggle("fq-right", right);
    this.node.classList.toggle("fq-wrong", !right);
    var fb = decodeFeedback(this.salt, this.node.getAttribute("data-fq-fb"));
    var verdict = el("p", "fq-verdict");
    verdict.appendChild(el("span", "fq-symbol", right ? "✔" : "✘")).setAttribute("aria-hidden", "true");
    var words = right ? "Correct." : "Not quite.";
    if (parts.length > 1 && !right) { words += " " + count + " of " + parts.length + " are right."; }
    verdict.appendChild(document.createTextNode(" " + words));
    this.feedback.appendChild(verdict);
    if (!right && fb.x) { this.feedback.appendChild(el("p", "fq-expected", "Answer: " + fb.x)); }
    this.feedback.appendChild(el("p", "fq-explanation", fb.e));
    for (var i = 0; i < fb.c.length; i++) { this.feedback.appendChild(citation(fb.c[i])); }
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

  /* For the tests, which compare these with their Python twins. */
  window.factquiz = { sha256hex: function (s) { return hex(sha256(utf8.encode(s))); },
                      answerKey: answerKey, digest: digest, deletions: deletions,
                      decodeFeedback: decodeFeedback, gridValue: gridValue };

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
