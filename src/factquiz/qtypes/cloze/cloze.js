/* factquiz: fill in the blank on the book's page (qtypes/cloze). A text box; the typed
 * answer's key (factquiz.answers) is looked up as "0|<key>" and, for a fuzzy question,
 * with one typo forgiven through the hashed deletions of qtypes/cloze/static.py.
 * Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  function grade(q, cfg, response) {
    var m = cfg.messages;
    if (typeof response !== "string") { return core.invalid(m.not_text); }
    if (!core.strip(response)) { return core.invalid(m.empty); }
    if (core.chars(response).length > cfg.maxResponseChars) { return core.invalid(m.too_long); }
    var key = core.answerKey(response, cfg);
    if (!key) { return core.verdict(cfg, null); }
    var opened = core.openKey(q, "0|" + key);
    if (opened || q.m !== "fuzzy" ||
        core.words(q.r).indexOf(core.digest(q.salt, "r", key)) >= 0) {
      return core.verdict(cfg, opened);
    }
    var size = core.chars(key).length, numbers = core.numbersIn(key, cfg).join(",");
    for (var j = 0; j <= cfg.fuzzyMaxEdits; j++) {
      var variants = core.deletions(key, j);
      for (var v = 0; v < variants.length; v++) {
        var common = core.chars(variants[v]).length;
        for (var i = 0; i <= cfg.fuzzyMaxEdits; i++) {
          var n = common + i;
          if (i + j === 0 || n < cfg.fuzzyMinLength ||
              core.similarity(i + j, n + size) < cfg.fuzzyThreshold) { continue; }
          if (i === 0 && core.numbersIn(variants[v], cfg).join(",") !== numbers) { continue; }
          opened = core.openKey(q, i === 0 ? "0|" + variants[v]
                                           : i + "|" + numbers + "|" + variants[v]);
          if (opened) { return core.verdict(cfg, opened); }
        }
      }
    }
    return core.verdict(cfg, null);
  }

  core.types.cloze = {
    grade: grade,
    response: function (question) {
      var text = question.node.querySelector(".fq-input").value;
      return text.trim() ? text : { missing: question.messages.type };
    },
    restore: function (question, response) {
      question.node.querySelector(".fq-input").value = String(response);
    },
    size: function () { return { options: 0, items: 0 }; }
  };
});
