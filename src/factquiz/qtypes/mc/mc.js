/* factquiz: multiple choice on the book's page (qtypes/mc). A radio button per option;
 * the response is the option's index, its token "c|<index>" (qtypes/mc/static.py).
 * Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  core.types.mc = {
    grade: function (q, cfg, response) {
      if (!core.isIndex(response, q.options)) { return core.invalid(cfg.messages.not_a_choice); }
      return core.verdict(cfg, core.openKey(q, "c|" + response));
    },
    response: function (question) {
      var chosen = question.node.querySelector("input[type=radio]:checked");
      return chosen ? parseInt(chosen.value, 10) : { missing: question.messages.choose };
    },
    restore: function (question, response) {
      var radio = question.node.querySelector(
        "input[type=radio][value='" + parseInt(response, 10) + "']");
      if (radio) { radio.checked = true; }
    },
    size: function (node) {
      return { options: node.querySelectorAll("input[type=radio]").length, items: 0 };
    }
  };
});
