/* factquiz: which source on the book's page (qtypes/source): multiple choice's
 * controls and grading (qtypes/mc/mc.js, loaded before this script), one option per source.
 * Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  core.types.source = core.types.mc;
});
