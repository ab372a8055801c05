/* ksr-library: expands the compact search index (ksr_library.search_index.compact) into
 * lunr's serialised form for lunr.Index.load. Works as a <script> (global ksrCompact)
 * and under node (module.exports), so a test can compare it with lunr.py's vectors. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.ksrCompact = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* The bundle's index is compact (search_index.compact): field vectors are recomputed
   * here with lunr's own BM25 formula from term frequencies and field lengths, giving
   * the vectors lunr built. The result is lunr's serialised form, for lunr.Index.load. */
  function expand(c) {
    var count = c.lengths[0].length;
    var average = c.lengths.map(function (lengths) {
      return lengths.reduce(function (sum, n) { return sum + n; }, 0) / count;
    });
    var vectors = c.fields.map(function () {
      var perDocument = [];
      for (var d = 0; d < count; d += 1) perDocument.push([]);
      return perDocument;
    });
    var invertedIndex = c.terms.map(function (term, i) {
      var posting = { _index: i };
      var withTerm = 0;
      c.postings[i].forEach(function (pairs) { withTerm += pairs.length / 2; });
      var idf = Math.log(1 + Math.abs((count - withTerm + 0.5) / (withTerm + 0.5)));
      c.fields.forEach(function (field, f) {
        var refs = {};
        var pairs = c.postings[i][f];
        var ref = 0;
        for (var k = 0; k < pairs.length; k += 2) {
          ref += pairs[k];
          var tf = pairs[k + 1];
          refs[String(ref)] = {};
          var norm = c.k1 * (1 - c.b + c.b * (c.lengths[f][ref] / average[f])) + tf;
          var score = (idf * ((c.k1 + 1) * tf)) / norm * c.boosts[f];
          vectors[f][ref].push(i, Math.round(score * 1000) / 1000);
        }
        posting[field] = refs;
      });
      return [term, posting];
    });
    var fieldVectors = [];
    c.fields.forEach(function (field, f) {
      vectors[f].forEach(function (elements, ref) { fieldVectors.push([field + "/" + ref, elements]); });
    });
    return { version: c.version, fields: c.fields, fieldVectors: fieldVectors, invertedIndex: invertedIndex, pipeline: c.pipeline };
  }

  return { expand: expand };
});
