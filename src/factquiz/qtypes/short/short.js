/* factquiz: short answer on the book's page (qtypes/short). The reader writes in a text
 * area and presses "Show model answer": once something is written, the question's
 * encrypted feedback is opened with the token "s|all" (qtypes/short/static.py) and the
 * model answer, the sources and one checkbox per key point appear. The response is
 * {text, covered: [bool per key point]}, graded as factquiz.qtypes.short.grade does:
 * right when every key point is ticked. Adds itself to factquiz.types (see
 * static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";
  var TOKEN = "s|all";

  function grade(q, cfg, response) {
    var m = cfg.messages;
    if (response === null || typeof response !== "object" || Array.isArray(response)) {
      return core.invalid(m.short_shape);
    }
    var text = response.text, covered = response.covered, n = q.items;
    if (typeof text !== "string") { return core.invalid(m.short_text); }
    if (!core.strip(text)) { return core.invalid(m.short_empty); }
    if (core.chars(text).length > cfg.maxShortChars) { return core.invalid(m.short_too_long); }
    if (!Array.isArray(covered) || covered.length !== n ||
        !covered.every(function (c) { return typeof c === "boolean"; })) {
      return core.invalid(core.format(m.short_marks, { n: n }));
    }
    var count = covered.filter(Boolean).length;
    if (count === n) { return core.verdict(cfg, core.openKey(q, TOKEN)); }
    var detail = core.format(m.short_covered, { covered: count, total: n });
    return { correct: false, key: null, parts: [false],
             message: core.format(m.wrong_detail, { detail: detail }) };
  }

  /* ---- on the page ---- */
  function textArea(question) { return question.node.querySelector(".fq-short-text"); }
  function area(question) { return question.node.querySelector(".fq-short-reveal"); }
  function boxes(question) { return question.node.querySelectorAll(".fq-short-point"); }

  /* The model answer, the sources and the key points' checkboxes (once). */
  function reveal(question) {
    var place = area(question), m = question.messages;
    if (!place.hidden) { return; }
    var key = core.openKey(question.data(), TOKEN);
    var fb = core.decodeFeedback(key, question.node.getAttribute("data-fq-fb"));
    var model = core.el("p", "fq-short-model");
    model.appendChild(core.el("strong", null, m.model_answer));
    model.appendChild(document.createTextNode(" " + fb.a));
    place.appendChild(model);
    for (var i = 0; i < fb.c.length; i++) { place.appendChild(core.citation(fb.c[i], m)); }
    var set = core.el("fieldset", "fq-short-points");
    set.appendChild(core.el("legend", null, m.key_points));
    fb.p.forEach(function (point, j) {
      var id = question.id + "-kp" + j, row = core.el("p");
      var box = core.el("input", "fq-short-point");
      box.type = "checkbox";
      box.id = id;
      var label = core.el("label", null, point);
      label.htmlFor = id;
      row.appendChild(box);
      row.appendChild(document.createTextNode(" "));
      row.appendChild(label);
      set.appendChild(row);
    });
    place.appendChild(set);
    place.hidden = false;
    question.showButton.hidden = true;
  }

  function init(question) {
    var button = core.el("button", "fq-short-show", question.messages.show_model);
    button.type = "button";
    var note = core.el("p", "fq-short-note");
    note.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      if (!core.strip(textArea(question).value)) {
        note.textContent = question.messages.write_first;
        return;
      }
      note.textContent = "";
      reveal(question);
      var first = boxes(question)[0];
      if (first) { first.focus(); }
    });
    question.showButton = button;
    var after = textArea(question).parentNode;
    after.parentNode.insertBefore(note, after.nextSibling);
    after.parentNode.insertBefore(button, note);
  }

  core.types.short = {
    grade: grade,
    init: init,
    lockedMessage: "short_locked",
    citesInControls: true,
    response: function (question) {
      var text = textArea(question).value;
      if (!core.strip(text) || area(question).hidden) {
        return { missing: question.messages.incomplete_short };
      }
      var covered = Array.prototype.map.call(boxes(question), function (b) { return b.checked; });
      return { text: text, covered: covered };
    },
    restore: function (question, response) {
      textArea(question).value = String(response.text);
      reveal(question);
      var list = boxes(question);
      for (var i = 0; i < list.length; i++) { list[i].checked = response.covered[i] === true; }
    },
    reset: function (question) {
      textArea(question).value = "";
      var place = area(question);
      place.textContent = "";
      place.hidden = true;
      question.showButton.hidden = false;
    },
    size: function (node) {
      return { options: 0, items: parseInt(node.getAttribute("data-fq-kp"), 10) || 0 };
    }
  };
});
