/* factquiz: numbers on the book's page (qtypes/numeric). Fill in the blank's text box
 * (qtypes/cloze/cloze.js, loaded before this script); the typed number (read as
 * factquiz.qtypes.numeric.parse_number does) is placed on the question's decimal grid and
 * looked up in the hashed binary blocks of qtypes/numeric/static.py.
 * Adds itself to factquiz.types (see static/factquiz.js). */
(function (install) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) {
  "use strict";

  /* The multiples of 10**exp just below and above the number (one when it is on the grid). */
  function gridPoints(num, exp) {
    var shift = -num.scale - exp, n = num.digits;
    if (shift >= 0) {
      var g = n * (10n ** BigInt(shift));
      return [num.neg ? -g : g];
    }
    var d = 10n ** BigInt(-shift), q = n / d, rest = n % d !== 0n;
    if (!rest) { return [num.neg ? -q : q]; }
    return num.neg ? [-q - 1n, -q] : [q, q + 1n];
  }

  function grade(q, cfg, response) {
    var num = core.parseNumber(response, cfg);
    if (num.message) { return core.invalid(num.message); }
    var points = gridPoints(num, parseInt(q.exp, 10)), kb = parseInt(q.kb, 10), key = null;
    for (var p = 0; p < points.length; p++) {
      var found = null;
      for (var k = 0; k <= kb && !found; k++) {
        found = core.openKey(q, "n" + k + "|" + (points[p] >> BigInt(k)));
      }
      if (!found) { return core.verdict(cfg, null); }
      key = key || found;
    }
    return core.verdict(cfg, key);
  }

  var box = core.types.cloze;
  core.types.numeric = { grade: grade, response: box.response, restore: box.restore,
                         size: box.size };
});
