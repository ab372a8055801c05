/* ksr-library search page: loads the prebuilt lunr index and shows results for ?q=.
 * The list #search-results has aria-busy="false" once the results for the current query
 * are shown; tools outside the project wait for that. */
(function () {
  "use strict";
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var form = document.querySelector("form[data-ksr-search]");
  if (!list || !form) return;
  var input = form.querySelector("input[name=q]");
  var selects = form.querySelectorAll("select");
  var root = list.getAttribute("data-root") || "";
  var state = { index: null, analyser: null, documents: {}, byId: {} };
  var CURRENT = { published: 0, draft: 0, superseded: 1, withdrawn: 1 };
  var STATUS_LABELS = { superseded: "zastąpiony", withdrawn: "wycofany", draft: "wersja robocza" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function compactId(text) {
    return text.toUpperCase().replace(/[^A-Z0-9]/g, "");
  }

  function readParams() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (select) { select.value = params.get(select.name) || ""; });
  }

  function writeParams() {
    var params = new URLSearchParams();
    if (input.value) params.set("q", input.value);
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var query = params.toString();
    window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
  }

  function rank(query) {
    var results = ksrPolish.search(state.index, state.analyser, query, { prefix: true });
    var order = results.map(function (result, position) {
      return { ref: result.ref, score: result.score, position: position };
    });
    var exact = state.byId[compactId(query)];
    if (exact) {
      order = order.filter(function (r) { return r.ref !== exact; });
      order.unshift({ ref: exact, score: Infinity, position: -1 });
    }
    order.sort(function (a, b) {
      if (a.score === Infinity || b.score === Infinity) return a.score === Infinity ? -1 : 1;
      var current = CURRENT[state.documents[a.ref].status] - CURRENT[state.documents[b.ref].status];
      return current || a.position - b.position;
    });
    var type = form.elements.type.value;
    var audience = form.elements.audience.value;
    return order.filter(function (r) {
      var doc = state.documents[r.ref];
      return (!type || doc.type === type) && (!audience || doc.audience.indexOf(audience) >= 0);
    });
  }

  function stemsOf(query) {
    var stems = {};
    state.analyser.analyse(query).forEach(function (term) { stems[term] = true; });
    return stems;
  }

  function firstMatch(words, stems) {
    for (var i = 0; i < words.length; i += 1) {
      var terms = state.analyser.analyse(words[i]);
      if (terms.length && terms.some(function (t) { return stems[t]; })) return i;
    }
    return -1;
  }

  function snippet(doc, stems, fullText) {
    var words = (fullText || doc.excerpt || doc.summary).split(/(\s+)/);
    var first = firstMatch(words, stems);
    if (first < 0) {
      if (fullText) return null;
      words = doc.summary.split(/(\s+)/);
      first = 0;
    }
    var start = Math.max(0, first - 16);
    var end = Math.min(words.length, start + 60);
    var paragraph = el("p", "ksr-result__snippet");
    if (start > 0) paragraph.appendChild(document.createTextNode("… "));
    words.slice(start, end).forEach(function (word) {
      var terms = /\S/.test(word) ? state.analyser.analyse(word) : [];
      if (terms.length && terms.some(function (t) { return stems[t]; })) {
        paragraph.appendChild(el("mark", "", word));
      } else {
        paragraph.appendChild(document.createTextNode(word));
      }
    });
    if (end < words.length) paragraph.appendChild(document.createTextNode(" …"));
    return paragraph;
  }

  function item(ref, stems) {
    var doc = state.documents[ref];
    var li = el("li", "ksr-result");
    var link = el("a", "ksr-result__link");
    link.href = root + doc.url;
    link.appendChild(el("span", "ksr-result__title", doc.title));
    li.appendChild(link);
    var meta = el("p", "ksr-result__meta");
    meta.appendChild(el("span", "ksr-result__type", doc.type_label + " · " + doc.id));
    doc.audience.forEach(function (code, i) {
      meta.appendChild(el("span", "ksr-badge ksr-badge--" + code, doc.audience_labels[i]));
    });
    var date = el("time", "ksr-result__date", doc.date);
    date.setAttribute("datetime", doc.date);
    meta.appendChild(date);
    if (STATUS_LABELS[doc.status]) meta.appendChild(el("span", "ksr-status ksr-status--" + doc.status, STATUS_LABELS[doc.status]));
    li.appendChild(meta);
    li.appendChild(snippet(doc, stems));
    return li;
  }

  /* The index stores the start of each text; where a match lies further on, the page
   * itself is fetched (same site) and the snippet is taken around the first match. */
  var pageTexts = {};
  var generation = 0;
  function refineSnippets(refs, stems) {
    var mine = generation;
    Array.prototype.slice.call(list.querySelectorAll("li.ksr-result"), 0, 10).forEach(function (li, i) {
      if (li.querySelector(".ksr-result__snippet mark") || !refs[i]) return;
      var doc = state.documents[refs[i].ref];
      var url = root + doc.url;
      var text = pageTexts[url] || fetch(url).then(function (response) { return response.text(); }).then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var parts = page.querySelectorAll("article p, article li, article td");
        return Array.prototype.map.call(parts, function (node) { return node.textContent; }).join(" ");
      });
      pageTexts[url] = text;
      Promise.resolve(text).then(function (fullText) {
        if (mine !== generation) return;
        var better = snippet(doc, stems, fullText);
        var old = li.querySelector(".ksr-result__snippet");
        if (better && old) li.replaceChild(better, old);
      }).catch(function () { /* keep the stored snippet */ });
    });
  }

  function emptyState(query) {
    var li = el("li", "ksr-results__empty");
    if (!query.trim()) {
      li.textContent = "Wpisz słowa, których szukasz, albo identyfikator dokumentu.";
      return li;
    }
    li.appendChild(el("p", "", "Nic nie znaleziono dla „" + query + "”."));
    var tips = el("ul");
    ["Sprawdź pisownię albo wpisz mniej słów.",
     "Spróbuj innego słowa o tym samym znaczeniu albo skrótu (np. KIS, CIS, ROPS).",
     "Usuń filtry typu i odbiorców."].forEach(function (tip) { tips.appendChild(el("li", "", tip)); });
    li.appendChild(tips);
    var more = el("p", "", "Możesz też przejrzeć ");
    var catalogue = el("a", "", "katalog wszystkich dokumentów");
    catalogue.href = root + "katalog/";
    more.appendChild(catalogue);
    more.appendChild(document.createTextNode("."));
    li.appendChild(more);
    return li;
  }

  function show() {
    list.setAttribute("aria-busy", "true");
    var query = input.value;
    var refs = query.trim() ? rank(query) : [];
    var stems = stemsOf(query);
    var fragment = document.createDocumentFragment();
    if (refs.length) refs.slice(0, 50).forEach(function (r) { fragment.appendChild(item(r.ref, stems)); });
    else fragment.appendChild(emptyState(query));
    list.replaceChildren(fragment);
    generation += 1;
    refineSnippets(refs, stems);
    status.textContent = query.trim() ? "Wyniki: " + refs.length : "";
    if (window.__ksrFirstResults === undefined) window.__ksrFirstResults = performance.now();
    document.title = (query.trim() ? query + " – " : "") + "Szukaj – Biblioteka KSR";
    list.setAttribute("aria-busy", "false");
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a.ksr-result__link")); }

  function onKey(event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0 && document.activeElement !== input) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (all.length) all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (at <= 0) input.focus(); else all[at - 1].focus();
    } else if (event.key === "Escape" && at >= 0) {
      input.focus();
    }
  }

  function scheduled() {
    writeParams();
    show();
  }

  readParams();
  fetch(list.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (bundle) {
      state.analyser = ksrPolish.create(bundle.rules);
      ksrPolish.registerLunr(lunr, state.analyser);
      state.index = lunr.Index.load(ksrCompact.expand(bundle.index));
      state.documents = bundle.documents;
      bundle.documents.forEach(function (doc, ref) {
        doc.ids.forEach(function (id) { state.byId[compactId(id)] = String(ref); });
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); writeParams(); show(); });
      input.addEventListener("input", scheduled);
      selects.forEach(function (select) { select.addEventListener("change", scheduled); });
      document.addEventListener("keydown", onKey);
      show();
    })
    .catch(function () {
      status.textContent = "Nie udało się wczytać indeksu wyszukiwania. Odśwież stronę albo przeglądaj katalog.";
      list.setAttribute("aria-busy", "false");
    });
})();
