/* factquiz: cause and effect on the book's page (qtypes/cause): multiple choice's controls
 * and grading (qtypes/mc/mc.js, loaded before this script), the options being statements.
 * Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  core.types.cause = core.types.mc;
});
