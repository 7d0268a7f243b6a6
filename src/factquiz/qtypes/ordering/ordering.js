/* factquiz: ordering on the book's page (qtypes/ordering). The items as a list with ↑
 * and ↓ buttons; the response is the item indices in the reader's order, graded position
 * by position (core.gradePositions). Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  function moveButton(step, item, m) {
    var button = core.el("button");
    button.type = "button";
    button.setAttribute("data-fq-move", String(step));
    button.appendChild(core.el("span", null, step < 0 ? "↑" : "↓"))
      .setAttribute("aria-hidden", "true");
    button.appendChild(core.el("span", "fq-sr", " " + (step < 0 ? m.move_up : m.move_down) +
                                                " " + item));
    return button;
  }

  function list(question) { return question.node.querySelector(".fq-order"); }

  core.types.ordering = {
    grade: function (q, cfg, response) {
      return core.gradePositions(q, cfg, response, q.items, true);
    },
    init: function (question) {
      var order = list(question), m = question.messages;
      Array.prototype.forEach.call(order.children, function (li) {
        var text = li.querySelector(".fq-item").textContent, moves = core.el("span", "fq-move");
        moves.appendChild(moveButton(-1, text, m));
        moves.appendChild(document.createTextNode(" "));
        moves.appendChild(moveButton(1, text, m));
        li.appendChild(moves);
        li.appendChild(core.el("span", "fq-mark"));
      });
      order.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-fq-move]");
        if (!button) { return; }
        var item = button.closest("li"), step = parseInt(button.getAttribute("data-fq-move"), 10);
        var target = step < 0 ? item.previousElementSibling : item.nextElementSibling;
        if (!target) { return; }
        if (step < 0) { order.insertBefore(item, target); } else { order.insertBefore(target, item); }
        button.focus();
        question.clearMarks();
        var items = Array.prototype.slice.call(order.children);
        question.quiz.announce(core.format(m.moved, {
          item: item.querySelector(".fq-item").textContent,
          position: items.indexOf(item) + 1, total: items.length }));
      });
    },
    response: function (question) {
      return Array.prototype.map.call(list(question).children, function (li) {
        return parseInt(li.getAttribute("data-fq-item"), 10);
      });
    },
    restore: function (question, response) {
      var order = list(question);
      for (var i = 0; i < response.length; i++) {
        var li = order.querySelector("li[data-fq-item='" + parseInt(response[i], 10) + "']");
        if (li) { order.appendChild(li); }
      }
    },
    reset: function (question) {
      var order = list(question);
      Array.prototype.slice.call(order.children).sort(function (a, b) {
        return a.getAttribute("data-fq-item") - b.getAttribute("data-fq-item");
      }).forEach(function (li) { order.appendChild(li); });
    },
    size: function (node) {
      return { options: 0, items: node.querySelectorAll(".fq-order > li").length };
    }
  };
});
