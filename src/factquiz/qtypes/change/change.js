/* factquiz: what changed on the book's page (qtypes/change): multiple choice's controls
 * and grading (qtypes/mc/mc.js, loaded before this script), the options being statements.
 * Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  core.types.change = core.types.mc;
});
