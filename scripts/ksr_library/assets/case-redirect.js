/* ksr-library, for the 404 page (inline it): permalinks answer in any letter case.
 * Ids are upper case (REK-07) and document pages lower case (dokumenty/rek-07/); a reader who
 * types r/rek-07/ or dokumenty/REK-07/ lands here and is sent on to the canonical address.
 * An address that already is canonical is a real 404 and stays. */
(function () {
  "use strict";
  var ID = "[A-Za-z][A-Za-z0-9]{1,9}(?:-[A-Za-z0-9]{1,12}){0,4}";
  var PATH = new RegExp("^(.*/)(r|dokumenty)/(" + ID + ")(?:/(?:index\\.html)?)?$");

  /* The canonical form of a path, or null when it is no permalink or already canonical. */
  function canonicalPath(pathname) {
    var match = PATH.exec(pathname);
    if (!match) return null;
    var id = match[2] === "r" ? match[3].toUpperCase() : match[3].toLowerCase();
    var canonical = match[1] + match[2] + "/" + id + "/";
    return canonical === pathname ? null : canonical;
  }
  window.ksrCanonicalPath = canonicalPath;

  /* The canonical path is its own canonical form, so this never loops. */
  var target = canonicalPath(window.location.pathname);
  if (target) window.location.replace(target + window.location.search + window.location.hash);
})();
