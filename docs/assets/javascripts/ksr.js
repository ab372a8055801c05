/* ksr-library: small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  function filterCatalogue(form) {
    var rows = document.querySelectorAll(".ksr-catalogue table tbody tr");
    var count = form.querySelector(".ksr-filters__count");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select").forEach(function (select) {
        if (select.value) wanted[select.name] = select.value;
      });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(wanted).every(function (key) {
          return (" " + (row.getAttribute("data-" + key) || "") + " ").indexOf(" " + wanted[key] + " ") >= 0;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = "Pokazano dokumentów: " + shown + " z " + rows.length;
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }

  var MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
    "września", "października", "listopada", "grudnia"];

  /* A date as Polish readers write it: "1 grudnia 2026" (the twin of labels.polish_date). */
  function polishDate(date) {
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  /* The root of the whole site: this build's root (meta ksr:root), or one level up when this
   * build is one edition of several (export layout: <root>/<edition>/…, and <root>/r/<ID>/). */
  function siteRoot() {
    var meta = document.querySelector('meta[name="ksr:root"]');
    var root = new URL(meta ? meta.content : "./", window.location.href);
    var edition = document.querySelector('meta[name="ksr:edition"]');
    return edition || document.documentElement.hasAttribute("data-ksr-edition") ? new URL("../", root) : root;
  }

  /* The root permalink r/<ID>/ of a document: never the address inside one edition. */
  function rootPermalink(id) {
    return new URL("r/" + encodeURIComponent(id) + "/", siteRoot()).href;
  }
  window.ksrRootPermalink = rootPermalink;

  function copy(text, html, status, done) {
    var ok = function () { status.textContent = done; };
    var ask = function () { window.prompt("Skopiuj:", text); };
    if (!navigator.clipboard || !window.isSecureContext) { ask(); return; }
    if (html && window.ClipboardItem && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" }),
      });
      navigator.clipboard.write([item]).then(ok, function () {
        navigator.clipboard.writeText(text).then(ok, ask);
      });
    } else {
      navigator.clipboard.writeText(text).then(ok, ask);
    }
  }

  function statusOf(button) {
    var box = button.closest("section, dd, p") || button.parentElement;
    var status = box.querySelector("[data-ksr-copy-status]");
    if (!status) {
      status = document.createElement("span");
      status.setAttribute("data-ksr-copy-status", "");
      status.setAttribute("role", "status");
      status.className = "ksr-copy-status";
      button.insertAdjacentElement("afterend", status);
    }
    return status;
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy-permalink]").forEach(function (button) {
      var link = button.parentElement.querySelector("a.ksr-permalink");
      if (!link) return;
      var id = link.getAttribute("data-ksr-id");
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(id ? rootPermalink(id) : link.href, null, statusOf(button), "Skopiowano stały odnośnik.");
      });
    });
    /* A handout's permalink: relative when mkdocs.yml has no site_url; make it absolute. */
    document.querySelectorAll("[data-ksr-root-permalink]").forEach(function (url) {
      var id = url.getAttribute("data-ksr-root-permalink");
      if (!/^https?:/.test(url.textContent)) {
        url.textContent = rootPermalink(id);
        url.setAttribute("data-ksr-filled", id);
      }
    });
    document.querySelectorAll("[data-ksr-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-ksr-citation]").forEach(function (citation) {
      var id = citation.getAttribute("data-ksr-citation");
      var url = citation.querySelector("[data-ksr-url]");
      /* No site_url in mkdocs.yml: the reference has a relative r/<ID>/; make it absolute. */
      if (url && id && !/^https?:/.test(url.textContent)) {
        url.textContent = rootPermalink(id);
        url.setAttribute("data-ksr-filled", id);
      }
      var accessed = citation.querySelector("[data-ksr-accessed]");
      if (accessed) accessed.textContent = polishDate(new Date());
      var section = citation.closest("section") || document;
      section.querySelectorAll("[data-ksr-copy-citation]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          if (accessed) accessed.textContent = polishDate(new Date());
          var text = citation.textContent.replace(/\s+/g, " ").trim();
          copy(text, citation.innerHTML, statusOf(button), "Skopiowano cytowanie.");
        });
      });
    });
  }

  /* A table wider than the page scrolls inside Material's wrapper: keyboard users must reach it
   * (WCAG 2.1.1), so an overflowing wrapper becomes a named, focusable region. */
  function scrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabela (przewijana w poziomie)");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function start() {
    var form = document.querySelector("form[data-ksr-filters]");
    if (form) filterCatalogue(form);
    copyButtons();
    scrollableTables();
    window.addEventListener("resize", scrollableTables);
  }

  /* Material wraps tables when it mounts the page (document$); without it, on DOM ready. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Editions: when this site is one edition among several (meta ksr:edition, versions.json beside
 * it), tell the reader which edition this is, point to the same document in a newer edition,
 * and list the other editions that have this document. A single-edition site fetches nothing. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="ksr:root"]');
  if (!meta || !window.fetch || !document.querySelector('meta[name="ksr:edition"]')) return;
  var root = new URL(meta.content, window.location.href);
  var top = new URL("../", root);
  var here = root.pathname.replace(/\/$/, "").split("/").pop();
  var header = document.querySelector("[data-ksr-id]");
  var docId = header ? header.getAttribute("data-ksr-id") : null;
  var names = header ? [docId].concat((header.getAttribute("data-ksr-aliases") || "").split(" ").filter(Boolean)) : [];

  function json(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }
  /* The same document in another edition's catalogue: by its id or any former id, either way. */
  function findDocument(catalogue) {
    var wanted = names.map(function (name) { return name.toUpperCase(); });
    return catalogue.documents.filter(function (d) {
      return [d.id].concat(d.aliases || []).some(function (name) { return wanted.indexOf(name.toUpperCase()) >= 0; });
    })[0];
  }
  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  json(new URL("versions.json", top).href).then(function (versions) {
    var current = versions.filter(function (v) { return v.version === here || (v.aliases || []).indexOf(here) >= 0; })[0];
    if (!current) return;
    /* This build is one edition: root permalinks live one level up; mend those already shown. */
    document.documentElement.setAttribute("data-ksr-edition", current.version);
    if (window.ksrRootPermalink) {
      document.querySelectorAll("[data-ksr-filled]").forEach(function (url) {
        url.textContent = window.ksrRootPermalink(url.getAttribute("data-ksr-filled"));
      });
    }
    var newest = versions.filter(function (v) { return (v.aliases || []).indexOf("latest") >= 0; })[0] || versions[0];
    var notice = document.querySelector(".ksr-edition-notice");
    if (notice && newest.version !== current.version) {
      var target = new URL(newest.version + "/", top);
      var paragraph = document.createElement("p");
      paragraph.appendChild(document.createTextNode("Czytasz wydanie „" + current.title + "”. Dostępne jest nowsze wydanie: "));
      var newer = link(target.href, newest.title);
      newer.className = "ksr-newer-edition";
      paragraph.appendChild(newer);
      paragraph.appendChild(document.createTextNode("."));
      notice.replaceChildren(paragraph);
      notice.hidden = false;
      if (docId) {
        json(new URL("library.json", target).href).then(function (catalogue) {
          var doc = findDocument(catalogue);
          if (doc) {
            newer.href = new URL(doc.url, target).href;
            newer.textContent = "ten dokument w nowszym wydaniu (" + newest.title + ")";
          }
        }).catch(function () {});
      }
    }
    var box = document.querySelector("[data-ksr-editions]");
    if (!box || !docId) return;
    var others = versions.filter(function (v) { return v.version !== current.version; });
    Promise.all(others.map(function (v) {
      var base = new URL(v.version + "/", top);
      return json(new URL("library.json", base).href).then(function (catalogue) {
        var doc = findDocument(catalogue);
        return doc ? { edition: v, href: new URL(doc.url, base).href } : null;
      }).catch(function () { return null; });
    })).then(function (found) {
      found = found.filter(Boolean);
      var heading = document.createElement("h2");
      heading.textContent = "W innych wydaniach";
      var list = document.createElement("ul");
      found.forEach(function (item) {
        var li = document.createElement("li");
        li.appendChild(link(item.href, item.edition.title));
        list.appendChild(li);
      });
      var note = document.createElement("p");
      note.textContent = "To wydanie: " + current.title + ".";
      box.replaceChildren(heading, note);
      if (found.length) box.appendChild(list);
      box.hidden = false;
    });
  }).catch(function () { /* not an edition of a versioned site */ });
})();
