/* ksr-library: highlights on a page the words of the search that led to it.
 * The search page (szukaj/search.js) leaves {path, words} in sessionStorage under
 * "ksr-highlight" when a result is opened; on that page only, every word of the content
 * that is one of them (compared lower-case, without diacritics) is wrapped in
 * <mark class="ksr-highlight">, and the first is scrolled into view. Nothing else runs. */
(function () {
  "use strict";
  var KEY = "ksr-highlight";
  var saved;
  try {
    saved = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
  } catch (error) {
    return;
  }
  if (!saved || saved.path !== window.location.pathname || !saved.words || !saved.words.length) return;
  window.sessionStorage.removeItem(KEY);

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l");
  }

  var wanted = {};
  saved.words.forEach(function (word) { wanted[fold(word)] = true; });
  var SKIP = { SCRIPT: 1, STYLE: 1, MARK: 1, TEXTAREA: 1, INPUT: 1, NOSCRIPT: 1 };

  function highlight() {
    var content = document.querySelector("article") || document.body;
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return SKIP[node.parentNode.nodeName] ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var first = null;
    nodes.forEach(function (node) {
      var parts = node.nodeValue.split(/([\p{L}\p{N}]+)/u);
      if (!parts.some(function (part) { return wanted[fold(part)]; })) return;
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part) {
        if (!part) return;
        if (wanted[fold(part)]) {
          var mark = document.createElement("mark");
          mark.className = "ksr-highlight";
          mark.textContent = part;
          fragment.appendChild(mark);
          first = first || mark;
        } else {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(fragment, node);
    });
    if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", highlight);
  else highlight();
})();
