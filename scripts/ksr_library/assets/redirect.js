/* ksr-library: a redirect page sends the reader on to its canonical page, keeping the query
 * and the fragment (the page's <meta http-equiv="refresh"> does the same without them). */
(function () {
  "use strict";
  var link = document.querySelector('link[rel="canonical"]');
  if (link) window.location.replace(link.href + window.location.search + window.location.hash);
})();
