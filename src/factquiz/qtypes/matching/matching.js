/* factquiz: matching on the book's page (qtypes/matching). A select per item, its options
 * written once in the first (the script copies them); the response is the chosen option
 * of each item, graded position by position (core.gradePositions).
 * Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  function selects(node) { return node.querySelectorAll(".fq-match select"); }

  core.types.matching = {
    grade: function (q, cfg, response) {
      return core.gradePositions(q, cfg, response, q.options, false);
    },
    init: function (question) {
      var all = selects(question.node);
      Array.prototype.forEach.call(all, function (select, i) {
        if (i > 0) {
          for (var j = 1; j < all[0].options.length; j++) {
            select.appendChild(all[0].options[j].cloneNode(true));
          }
        }
        select.parentNode.appendChild(core.el("span", "fq-mark"));
      });
    },
    response: function (question) {
      var all = selects(question.node), out = [];
      for (var i = 0; i < all.length; i++) {
        if (all[i].value === "") { return { missing: question.messages.choose_all }; }
        out.push(parseInt(all[i].value, 10));
      }
      return out;
    },
    restore: function (question, response) {
      var all = selects(question.node);
      for (var i = 0; i < all.length && i < response.length; i++) {
        all[i].value = String(response[i]);
      }
    },
    size: function (node) {
      var all = selects(node);
      return { options: all.length ? all[0].options.length - 1 : 0, items: all.length };
    }
  };
});
