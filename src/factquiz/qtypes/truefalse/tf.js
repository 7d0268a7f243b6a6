/* factquiz: true/false on the book's page (qtypes/truefalse): multiple choice's controls
 * and grading (qtypes/mc/mc.js, loaded before this script), with True and False as the
 * options. Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  core.types.tf = core.types.mc;
});
