/* ksr-library search page: shows results for ?q= from the sharded index (ksr_library.search_index).
 *
 * The manifest (in the page, or index.json) comes first; a query then loads only the term shards of its
 * words (with the records of each term's best entries), and the record shards of the results it
 * shows that those did not carry; every shard is kept once loaded.
 * Ranking: an id or former id first; then entries that contain every content word of the
 * query (in any form, or a synonym from the glossary, or a spelling correction), then a
 * separator and those that contain only some; within each, current documents before
 * superseded and withdrawn ones, then (among partial matches) more of the words first, then by score (BM25 impacts, with a bonus where the words
 * stand close together in the title or summary).
 * The list #search-results has aria-busy="false" once the results for the current query
 * are shown with their snippets; tools outside the project wait for that. */
(function () {
  "use strict";
  /* The script runs from <head>, before the page below it is parsed: it reads the manifest
   * the page carries (the build fills it in; index.json when it is empty), starts loading
   * the query's shards at once, and touches the page once it is there. */
  var embedded = document.getElementById("ksr-search-index");
  var indexUrl = new URL(embedded ? embedded.getAttribute("data-index") : "index.json", window.location.href);
  var list = null;
  var status = null;
  var form = null;
  var input = null;
  var selects = [];
  var root = "";
  var PAGE = 10;
  var FIRST = 5; /* shown as soon as their records are in; the rest of the page follows */
  var WEIGHT = { own: 1, synonym: 0.9, prefix: 0.6, fuzzy: 0.45, light: 0.25 };
  var GLOSSARY = { weight: 0.6, shown: 2 }; /* glossary entries weigh less, and at most two are listed */
  var CITED = 0.1; /* the first results are reranked by 1 + CITED × ln(1 + documents citing each) */
  var MAX_GROUPS = 12; /* words of a query looked up at most: a pasted page must not load the index */
  var RARE = 2; /* a word found in fewer entries than this is also looked up with corrections */
  var STATUS_LABELS = { superseded: "zastąpiony", withdrawn: "wycofany", draft: "wersja robocza" };
  var HIGHLIGHT_KEY = "ksr-highlight";
  var TYPING_PAUSE = 300; /* ms without a keystroke before the results' texts load for snippets */
  var state = {
    manifest: null, analyser: null, files: {}, shards: {}, scored: {}, records: {}, vocabulary: null,
    facets: null, notCurrent: null, texts: {}
  };
  var generation = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* ---- Loading shards ---------------------------------------------------------------- */

  function file(name) {
    if (!state.files[name]) {
      state.files[name] = fetch(new URL("i/" + name, indexUrl)).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
      state.files[name].catch(function () { delete state.files[name]; });
    }
    return state.files[name];
  }

  /* A series of shards is named by one hash: kind-hash-number.json. */
  function seriesFile(kind, series, number) {
    return file(kind + "-" + series.hash + "-" + number + ".json");
  }

  /* The last term shard whose key (a prefix of its first term) is not after the term. */
  function shardIndex(term) {
    var keys = state.manifest.terms.keys;
    var low = 0;
    var high = keys.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (keys[middle] <= term) low = middle; else high = middle - 1;
    }
    return low;
  }

  /* A term shard, and the records it carries (its terms' best entries): the first results
   * of most queries need no record shard. */
  function shard(i) {
    return seriesFile("t", state.manifest.terms, i).then(function (data) {
      if (!state.shards[i]) {
        var entries = new Map();
        data.terms.forEach(function (term, k) { entries.set(term, data.entries[k]); });
        state.shards[i] = { terms: data.terms, entries: entries };
        Object.keys(data.records).forEach(function (position) {
          state.records[Number(position)] = data.records[position];
        });
      }
      return state.shards[i];
    });
  }

  function loadTerms(terms) {
    var wanted = {};
    terms.forEach(function (term) { wanted[shardIndex(term)] = true; });
    return Promise.all(Object.keys(wanted).map(function (i) { return shard(Number(i)); }));
  }

  /* Shards that may hold terms starting with prefix (at most two). */
  function prefixShards(prefix) {
    var first = shardIndex(prefix);
    var last = Math.min(shardIndex(prefix + "\uffff"), first + 1);
    var wanted = [];
    for (var i = first; i <= last; i += 1) wanted.push(i);
    return wanted;
  }

  function entry(term) {
    var loaded = state.shards[shardIndex(term)];
    return loaded ? loaded.entries.get(term) : undefined;
  }

  function frequency(term) {
    var found = entry(term);
    return found ? found[0] : 0;
  }

  function vocabulary() {
    if (!state.vocabulary) state.vocabulary = file(state.manifest.vocabulary);
    return state.vocabulary;
  }

  /* The records of entries at these positions that no shard has brought yet. */
  function records(positions) {
    var size = state.manifest.records.size;
    var wanted = {};
    positions.forEach(function (p) { if (!state.records[p]) wanted[Math.floor(p / size)] = true; });
    return Promise.all(Object.keys(wanted).map(function (k) {
      return seriesFile("d", state.manifest.records, k).then(function (data) {
        data.forEach(function (record, i) { state.records[Number(k) * size + i] = record; });
      });
    }));
  }

  /* ---- Scoring ----------------------------------------------------------------------- */

  /* Dense per-entry scratch arrays, zero between uses (only the entries touched are reset). */
  var scratch = null;

  function dense() {
    var n = state.manifest.count;
    if (!scratch) {
      scratch = {
        score: new Float64Array(n), attachment: new Float64Array(n), count: new Uint8Array(n), touched: new Int32Array(n)
      };
    }
    return scratch;
  }

  /* The manifest's digits' values, by character code. */
  var digitValues = null;

  function digits() {
    if (!digitValues) {
      digitValues = new Int8Array(128);
      for (var c = 0; c < state.manifest.digits.length; c += 1) digitValues[state.manifest.digits.charCodeAt(c)] = c;
    }
    return digitValues;
  }

  /* A term's entries and scores: idf × Σ impact × field boost, and the attachments' part,
   * as parallel typed arrays {docs, score, attachment}. */
  function scored(term) {
    if (state.scored[term]) return state.scored[term];
    var found = entry(term);
    if (!found) return null;
    var m = state.manifest;
    var idf = Math.log(1 + (m.count - found[0] + 0.5) / (found[0] + 0.5));
    var sums = dense();
    var attachments = m.fields.indexOf("attachments");
    var count = 0;
    for (var f = 0; f < m.fields.length; f += 1) {
      count = addPostings(found[f + 1], idf * m.boosts[f] / m.impactScale, f === attachments, count);
    }
    var result = { docs: sums.touched.slice(0, count), score: new Float64Array(count), attachment: new Float64Array(count) };
    for (var t = 0; t < count; t += 1) {
      var d = result.docs[t];
      result.score[t] = sums.score[d];
      result.attachment[t] = sums.attachment[d];
      sums.score[d] = 0;
      sums.attachment[d] = 0;
    }
    state.scored[term] = result;
    return result;
  }

  /* Add a field's postings, each impact × weight, to the scratch sums (and to the attachments'
   * part for that field). The postings are as search_index.code_postings writes them: each
   * entry's distance from the one before in base 32 (leading digits from the upper half of
   * the manifest's digits), a space, then each entry's impact as one digit. They are read in
   * one pass, into no arrays of their own: the first search of a page runs this before the
   * JIT has warmed up. Entries not touched before are listed from `count` on; the new count
   * is returned. */
  function addPostings(code, weight, attachment, count) {
    var values = digits();
    var sums = dense();
    var score = sums.score;
    var touched = sums.touched;
    var start = code.indexOf(" ") + 1;
    var doc = 0;
    var k = 0;
    for (var i = start; i < code.length; i += 1) {
      var digit = values[code.charCodeAt(k++)];
      var distance = 0;
      while (digit >= 32) {
        distance = distance * 32 + digit - 32;
        digit = values[code.charCodeAt(k++)];
      }
      doc += distance * 32 + digit;
      var value = weight * values[code.charCodeAt(i)];
      if (score[doc] === 0) touched[count++] = doc;
      score[doc] += value;
      if (attachment) sums.attachment[doc] += value;
    }
    return count;
  }

  /* Terms of the loaded prefix shards that start with one of the prefixes, most frequent first. */
  function prefixed(prefixes) {
    var found = {};
    prefixes.forEach(function (prefix) {
      if (prefix.length < 3) return;
      prefixShards(prefix).forEach(function (i) {
        var loaded = state.shards[i];
        if (!loaded) return;
        loaded.terms.forEach(function (term) {
          if (term.lastIndexOf(prefix, 0) === 0 && term !== prefix) found[term] = true;
        });
      });
    });
    return Object.keys(found).sort(function (a, b) { return frequency(b) - frequency(a); }).slice(0, 20);
  }

  /* Each group's alternatives with their weights: own terms, synonyms, prefixes, corrections. */
  function alternatives(plan, corrections) {
    return plan.groups.map(function (group, g) {
      var options = group.alternatives.map(function (terms, a) {
        return { terms: terms, weight: a === 0 ? WEIGHT.own : WEIGHT.synonym, exact: true };
      });
      if (g === plan.groups.length - 1) {
        prefixed(plan.prefix).forEach(function (term) {
          options.push({ terms: [term], weight: WEIGHT.prefix, exact: true });
        });
      }
      (corrections[g] || []).forEach(function (term) {
        options.push({ terms: [term], weight: WEIGHT.fuzzy, exact: false });
      });
      return { light: group.light, options: options };
    });
  }

  /* Scores of one group: the best alternative each entry contains in full, as
   * {docs, score, attachment, exact} (parallel typed arrays over the entries found). */
  function groupScores(options) {
    var usable = options.filter(function (option) { return option.terms.every(scored); });
    if (usable.length === 1 && usable[0].terms.length === 1) return alone(usable[0]);
    var n = state.manifest.count;
    var best = new Float64Array(n);
    var bestAttachment = new Float64Array(n);
    var exact = new Uint8Array(n);
    var touched = [];
    var sums = dense();
    function offer(doc, value, attachment, option) {
      if (best[doc] === 0) touched.push(doc);
      if (value > best[doc]) {
        best[doc] = value;
        bestAttachment[doc] = attachment;
        exact[doc] = option.exact ? 1 : 0;
      }
    }
    usable.forEach(function (option) {
      var parts = option.terms.map(scored);
      var w = option.weight;
      if (parts.length === 1) {
        var only = parts[0];
        for (var k = 0; k < only.docs.length; k += 1) {
          offer(only.docs[k], only.score[k] * w, only.attachment[k] * w, option);
        }
        return;
      }
      var seen = [];
      parts.forEach(function (part) {
        for (var i = 0; i < part.docs.length; i += 1) {
          var doc = part.docs[i];
          if (sums.count[doc] === 0) seen.push(doc);
          sums.count[doc] += 1;
          sums.score[doc] += part.score[i];
          sums.attachment[doc] += part.attachment[i];
        }
      });
      seen.forEach(function (doc) {
        if (sums.count[doc] === parts.length) offer(doc, sums.score[doc] * w, sums.attachment[doc] * w, option);
        sums.count[doc] = 0;
        sums.score[doc] = 0;
        sums.attachment[doc] = 0;
      });
    });
    var found = { docs: Int32Array.from(touched), score: new Float64Array(touched.length),
      attachment: new Float64Array(touched.length), exact: new Uint8Array(touched.length) };
    for (var t = 0; t < touched.length; t += 1) {
      found.score[t] = best[touched[t]];
      found.attachment[t] = bestAttachment[touched[t]];
      found.exact[t] = exact[touched[t]];
    }
    return found;
  }

  /* A group's scores when one word alone stands for it (most groups): its own, weighted. */
  function alone(option) {
    var part = scored(option.terms[0]);
    var w = option.weight;
    return {
      docs: part.docs,
      score: w === 1 ? part.score : part.score.map(function (v) { return v * w; }),
      attachment: w === 1 ? part.attachment : part.attachment.map(function (v) { return v * w; }),
      exact: new Uint8Array(part.docs.length).fill(option.exact ? 1 : 0)
    };
  }

  /* The filters' data, loaded only when a filter is set. */
  function facets(asked) {
    var filtered = asked.type || asked.audience;
    return filtered ? file(state.manifest.facets).then(function (data) { state.facets = data; }) : null;
  }

  /* A test of the filters asked for. They are for documents: a glossary entry (no audience)
   * is left out under either. */
  function filter(asked) {
    var type = asked.type;
    var audience = asked.audience;
    if (!type && !audience) return function () { return true; };
    var typeCode = state.facets.types.indexOf(type);
    var bit = 1 << state.facets.audiences.indexOf(audience);
    return function (doc) {
      var code = state.facets.codes[doc];
      return (!type || code >> 3 === typeCode) && (!audience || (code & bit) !== 0);
    };
  }

  function isGlossary(doc) {
    return doc >= state.manifest.documents;
  }

  /* The ranked entries: {doc, all, matched, score, attachment}. */
  function rank(plan, corrections, idDoc, asked) {
    var groups = alternatives(plan, corrections);
    var required = groups.filter(function (g) { return !g.light; }).length;
    var n = state.manifest.count;
    var score = new Float64Array(n);
    var attachment = new Float64Array(n);
    var matched = new Uint8Array(n);
    var fuzzy = new Uint8Array(n);
    var seen = new Uint8Array(n);
    var touched = [];
    groups.forEach(function (group) {
      var counts = !group.light || required === 0;
      var weight = group.light && required ? WEIGHT.light : 1;
      var found = groupScores(group.options);
      for (var k = 0; k < found.docs.length; k += 1) {
        var doc = found.docs[k];
        if (!seen[doc]) {
          seen[doc] = 1;
          touched.push(doc);
        }
        score[doc] += found.score[k] * weight;
        attachment[doc] += found.attachment[k] * weight;
        if (counts) matched[doc] += 1;
        if (!found.exact[k]) fuzzy[doc] += 1;
      }
    });
    var needed = required || groups.length;
    function hit(doc) {
      var all = matched[doc] === needed;
      return {
        doc: doc, matched: matched[doc], fuzzy: fuzzy[doc], all: all, tier: tier(all, doc, matched[doc], fuzzy[doc]),
        score: isGlossary(doc) ? score[doc] * GLOSSARY.weight : score[doc], attachment: attachment[doc]
      };
    }
    var passes = filter(asked);
    var hits = [];
    var glossary = [];
    for (var t = 0; t < touched.length; t += 1) {
      var doc = touched[t];
      if (doc !== idDoc && passes(doc)) (isGlossary(doc) ? glossary : hits).push(hit(doc));
    }
    var ranked = bestFirst(hits.concat(bestFirst(glossary, GLOSSARY.shown).slice(0, GLOSSARY.shown)), PAGE);
    if (idDoc !== null && passes(idDoc)) {
      var own = seen[idDoc] ? hit(idDoc) : { doc: idDoc, matched: needed, fuzzy: 0, score: 0, attachment: 0 };
      own.all = true;
      own.id = true;
      ranked.unshift(own);
    }
    return ranked;
  }

  /* The hits with their `count` best first, in order, and the rest after them in no order
   * (`ordered` sorts them when more are shown): a query that matches thousands of entries
   * shows its first page without sorting them all. */
  function bestFirst(hits, count) {
    if (hits.length <= 4 * count) return hits.sort(compare);
    var top = [];
    hits.forEach(function (found) {
      if (top.length === count && compare(found, top[count - 1]) >= 0) return;
      var at = top.length;
      while (at > 0 && compare(found, top[at - 1]) < 0) at -= 1;
      top.splice(at, 0, found);
      if (top.length > count) top.pop();
    });
    var chosen = new Set(top);
    return top.concat(hits.filter(function (found) { return !chosen.has(found); }));
  }

  /* Sort the results beyond the first `result.ordered` once more than those are wanted. */
  function ordered(result, count) {
    var ranked = result.ranked;
    if (count <= result.ordered) return;
    var rest = ranked.slice(result.ordered).sort(compare);
    rest.forEach(function (found, i) { ranked[result.ordered + i] = found; });
    result.ordered = ranked.length;
  }

  /* The order before the score, as one number: all words first, then current entries,
   * more words matched, fewer corrected words. */
  function tier(all, doc, matched, fuzzy) {
    return (all ? 0 : 1 << 20) + (state.notCurrent[doc] << 19) + ((255 - matched) << 8) + Math.min(fuzzy, 255);
  }

  function compare(a, b) {
    return a.tier - b.tier || b.score - a.score || a.doc - b.doc;
  }

  /* Where every group's words stand close together (and in order) in the title or the
   * summary, the score grows: 1 + 1/(window − groups + 1), at most twice. */
  function proximity(hit, groupTerms) {
    var record = state.records[hit.doc];
    if (!record || groupTerms.length < 2) return 1;
    var terms = state.analyser.analyse(record.title + " . " + record.summary);
    var last = groupTerms.map(function () { return -Infinity; });
    var best = Infinity;
    var ordered = false;
    terms.forEach(function (term, position) {
      groupTerms.forEach(function (set, g) { if (set[term]) last[g] = position; });
      var low = Math.min.apply(null, last);
      if (low > -Infinity) {
        var span = position - low + 1;
        if (span < best) {
          best = span;
          ordered = last.every(function (p, g) { return g === 0 || p > last[g - 1]; });
        }
      }
    });
    if (best === Infinity) return 1;
    return 1 + (1 / (best - groupTerms.length + 1)) * (ordered ? 1 : 0.6);
  }

  /* A main document is cited by its companions and parts (a presentation of it, its modules):
   * among results that match alike, it goes first. */
  function cited(hit) {
    var record = state.records[hit.doc];
    return 1 + CITED * Math.log(1 + (record ? record.cited : 0));
  }

  /* Rerank by proximity and citations each window of FIRST results whose records are loaded,
   * once; a window never moves results into an earlier one, so what is shown stays in place. */
  function rerankWindows(result, count) {
    var groupTerms = alternatives(result.plan, result.found).filter(function (g) { return !g.light; })
      .map(function (g) {
        var set = {};
        g.options.forEach(function (o) { o.terms.forEach(function (t) { set[t] = true; }); });
        return set;
      });
    var ranked = result.ranked;
    for (var start = 0; start < count; start += FIRST) {
      if (result.reranked[start]) continue;
      result.reranked[start] = true;
      var from = start === 0 && ranked[0] && ranked[0].id ? 1 : start;
      var window = ranked.slice(from, start + FIRST);
      window.forEach(function (hit) { hit.score *= proximity(hit, groupTerms) * cited(hit); });
      window.sort(compare);
      Array.prototype.splice.apply(ranked, [from, window.length].concat(window));
    }
  }

  /* ---- Query flow -------------------------------------------------------------------- */

  function idTerm(query) {
    var text = query.trim();
    if (!text || /\s/.test(text) || !/[-0-9]|^[A-ZĄĆĘŁŃÓŚŹŻ]{2,}$/.test(text)) return null;
    var compact = text.toLowerCase().replace(/[^a-z0-9]/g, "");
    return compact.length >= 2 ? "=" + compact : null;
  }

  /* The entry an id term names: its first (only the ids field has id terms). */
  function idDocOf(term) {
    var found = term && scored(term);
    return found && found.docs.length ? found.docs[0] : null;
  }

  function termsOf(plan) {
    var terms = [];
    plan.groups.forEach(function (g) { g.alternatives.forEach(function (a) { terms.push.apply(terms, a); }); });
    return terms;
  }

  /* Corrections for the words the index has (almost) nothing for: group → terms. A word
   * still being typed that begins some terms is not corrected, nor one too short to
   * correct (the vocabulary is then not loaded). */
  function corrections(plan) {
    var rare = [];
    var typing = prefixed(plan.prefix).length > 0;
    plan.groups.forEach(function (group, g) {
      var own = group.alternatives[0];
      var synonymsFound = group.alternatives.slice(1).some(function (a) { return a.every(frequency); });
      var last = g === plan.groups.length - 1;
      var correctable = own.length === 1 && ksrPolish.editLimit(own[0]) > 0;
      if (correctable && frequency(own[0]) < RARE && !synonymsFound && !group.light && !(last && typing)) {
        rare.push(g);
      }
    });
    if (!rare.length) return Promise.resolve({});
    return vocabulary().then(function (words) {
      var found = {};
      rare.forEach(function (g) {
        found[g] = ksrPolish.fuzzy(plan.groups[g].alternatives[0][0], words.terms);
      });
      var terms = [];
      Object.keys(found).forEach(function (g) { terms.push.apply(terms, found[g]); });
      return loadTerms(terms).then(function () { return found; });
    });
  }

  /* "Czy chodziło o …?": the query with each word the index lacks replaced by its best correction. */
  function suggestion(query, plan, found) {
    if (!state.vocabulary) return null;
    return state.vocabulary.then(function (words) {
      var replaced = false;
      var text = query;
      plan.groups.forEach(function (group, g) {
        var own = group.alternatives[0][0];
        if (!found[g] || !found[g].length || frequency(own) > 0) return;
        var word = words.words[words.terms.indexOf(found[g][0])];
        var pattern = new RegExp("[\\p{L}\\p{N}]+", "gu");
        text = text.replace(pattern, function (typed) {
          var folded = state.analyser.tokenize(typed)[0];
          if (folded !== group.words[0]) return typed;
          replaced = true;
          return word;
        });
      });
      return replaced ? text : null;
    });
  }

  /* The ranked results of what is asked ({q, type, audience}), with the records of the first
   * FIRST loaded, so they can be shown at once. */
  function search(asked) {
    var query = asked.q;
    var plan = ksrPolish.plan(state.analyser, query, state.manifest.synonyms, { prefix: true });
    if (plan.groups.length > MAX_GROUPS) plan = { groups: plan.groups.slice(0, MAX_GROUPS), prefix: [] };
    var id = idTerm(query);
    var terms = termsOf(plan).concat(id ? [id] : []);
    var shards = [];
    plan.prefix.forEach(function (p) { if (p.length >= 3) shards.push.apply(shards, prefixShards(p)); });
    return Promise.all([loadTerms(terms), facets(asked)].concat(shards.map(shard)))
      .then(function () { return corrections(plan); })
      .then(function (found) {
        var result = { asked: asked, plan: plan, found: found, ranked: rank(plan, found, idDocOf(id), asked), ordered: PAGE, reranked: {} };
        return records(result.ranked.slice(0, FIRST).map(function (h) { return h.doc; })).then(function () {
          return result;
        });
      });
  }

  /* ---- Showing results --------------------------------------------------------------- */

  function stemsOf(plan, found) {
    var stems = {};
    alternatives(plan, found).forEach(function (g) {
      g.options.forEach(function (o) { o.terms.forEach(function (t) { stems[t] = true; }); });
    });
    return stems;
  }

  /* A word's terms, each word analysed once: titles and snippets repeat their words. */
  var wordTerms = new Map();

  function matches(word, stems) {
    var terms = wordTerms.get(word);
    if (!terms) {
      terms = /[\p{L}\p{N}]/u.test(word) ? state.analyser.analyse(word) : [];
      wordTerms.set(word, terms);
    }
    return terms.length > 0 && terms.some(function (t) { return stems[t]; });
  }

  var WORDS = /([\p{L}\p{N}]+)/u;

  function marked(parent, text, stems) {
    text.split(WORDS).forEach(function (part) {
      if (part && matches(part, stems)) parent.appendChild(el("mark", "", part));
      else if (part) parent.appendChild(document.createTextNode(part));
    });
    return parent;
  }

  /* About 60 words of text around its first match, or null when nothing matches. */
  function excerpt(text, stems) {
    var words = text.split(/(\s+)/);
    var first = -1;
    for (var i = 0; i < words.length && first < 0; i += 1) if (matches(words[i], stems)) first = i;
    if (first < 0) return null;
    var start = Math.max(0, first - 16);
    var end = Math.min(words.length, start + 60);
    return (start > 0 ? "… " : "") + words.slice(start, end).join("") + (end < words.length ? " …" : "");
  }

  /* Before the page is there (its styles still loading): the first results' reranking and
   * the analysis of their titles' and summaries' words, so that once the list is parsed,
   * showing them costs little more than their elements. */
  function prepare(result) {
    var stems = stemsOf(result.plan, result.found);
    rerankWindows(result, FIRST);
    result.ranked.slice(0, FIRST).forEach(function (hit) {
      var record = state.records[hit.doc];
      if (!record) return;
      [record.title, excerpt(record.summary, stems) || record.summary].forEach(function (text) {
        text.split(WORDS).forEach(function (part) { if (part) matches(part, stems); });
      });
    });
    return result;
  }

  function snippet(text, stems) {
    return marked(el("p", "ksr-result__snippet"), text, stems);
  }

  function meta(record) {
    var line = el("p", "ksr-result__meta");
    line.appendChild(el("span", "ksr-result__type", record.type_label + (record.date ? " · " + record.id : "")));
    record.audience.forEach(function (code, i) {
      line.appendChild(el("span", "ksr-badge ksr-badge--" + code, record.audience_labels[i]));
    });
    if (record.date) {
      /* In Polish, as every other date of the site: the build writes it (labels.polish_date). */
      var date = el("time", "ksr-result__date", record.date_label || record.date);
      date.setAttribute("datetime", record.date);
      line.appendChild(date);
    }
    if (STATUS_LABELS[record.status]) {
      line.appendChild(el("span", "ksr-status ksr-status--" + record.status, STATUS_LABELS[record.status]));
    }
    return line;
  }

  function item(hit, stems) {
    var record = state.records[hit.doc];
    var li = el("li", "ksr-result" + (record.type === "glossary" ? " ksr-result--glossary" : ""));
    li.setAttribute("data-doc", hit.doc);
    var link = el("a", "ksr-result__link");
    link.href = root + record.url;
    link.appendChild(marked(el("span", "ksr-result__title"), record.title, stems));
    li.appendChild(link);
    li.appendChild(meta(record));
    li.appendChild(snippet(excerpt(record.summary, stems) || record.summary, stems));
    return li;
  }

  /* The snippet from the entry's text: the body, or the attachment that matched (named,
   * linked straight to the file, a PDF at its page). */
  function refine(li, hit, stems) {
    var record = state.records[hit.doc];
    return file(record.text).then(function (text) {
      state.texts[hit.doc] = text;
      var old = li.querySelector(".ksr-result__snippet");
      var fromBody = excerpt(text.body, stems);
      var inAttachment = hit.attachment > (hit.score - hit.attachment) || (!fromBody && hit.attachment > 0);
      if (inAttachment) {
        var place = attachmentMatch(text.attachments, stems);
        if (place) {
          li.replaceChild(snippet(place.text, stems), old);
          li.appendChild(attachmentNote(place));
          return;
        }
      }
      if (fromBody && !old.querySelector("mark")) li.replaceChild(snippet(fromBody, stems), old);
    }).catch(function () { /* keep the summary */ });
  }

  function attachmentMatch(attachments, stems) {
    for (var a = 0; a < attachments.length; a += 1) {
      var pages = attachments[a].pages;
      for (var p = 0; p < pages.length; p += 1) {
        var text = excerpt(pages[p], stems);
        if (text) return { attachment: attachments[a], page: p + 1, text: text };
      }
    }
    return null;
  }

  function attachmentNote(place) {
    var note = el("p", "ksr-result__attachment", "W załączniku: ");
    var link = el("a", "ksr-result__file", place.attachment.title);
    var pdf = place.attachment.pdf;
    link.href = root + place.attachment.url + (pdf ? "#page=" + place.page : "");
    note.appendChild(link);
    if (pdf) note.appendChild(document.createTextNode(" (s. " + place.page + ")"));
    return note;
  }

  /* The words of an entry's text that match, for highlighting on the page it opens. */
  function matchedWords(doc) {
    var text = state.texts[doc];
    var stems = current ? stemsOf(current.plan, current.found) : {};
    var words = {};
    (text ? text.body.match(/[\p{L}\p{N}]+/gu) || [] : []).forEach(function (word) {
      var key = state.analyser.fold(word);
      if (!words[key] && matches(word, stems)) words[key] = true;
    });
    return Object.keys(words);
  }

  function separator(partial) {
    var li = el("li", "ksr-results__separator");
    li.appendChild(el("p", "", "Dokumenty zawierające tylko część szukanych słów (" + partial + "):"));
    return li;
  }

  function more(rest) {
    var li = el("li", "ksr-results__more");
    var button = el("button", "md-button", "Pokaż więcej wyników (" + rest + ")");
    button.type = "button";
    button.addEventListener("click", function () { shown += PAGE; render(shown, true); });
    li.appendChild(button);
    return li;
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
    var line = el("p", "", "Możesz też przejrzeć ");
    var catalogue = el("a", "", "katalog wszystkich dokumentów");
    catalogue.href = root + "katalog/";
    line.appendChild(catalogue);
    line.appendChild(document.createTextNode("."));
    li.appendChild(line);
    return li;
  }

  function suggest(text) {
    var old = document.getElementById("search-suggestion");
    if (old) old.remove();
    if (!text) return;
    var line = el("p", "ksr-search-suggestion", "Czy chodziło o ");
    line.id = "search-suggestion";
    var link = el("a", "", text);
    link.href = "?q=" + encodeURIComponent(text);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      input.value = text;
      scheduled();
    });
    line.appendChild(link);
    line.appendChild(document.createTextNode("?"));
    status.parentNode.insertBefore(line, status);
  }

  var current = null;
  var shown = PAGE;

  function loaded(hits) {
    return hits.every(function (hit) { return state.records[hit.doc]; });
  }

  function pause(ms) {
    return new Promise(function (resolve) { window.setTimeout(resolve, ms); });
  }

  /* Show the first `count` results (loading their records), with snippets when `full`,
   * their texts loaded after `delay` ms if no newer query came meanwhile. */
  function render(count, full, delay) {
    var mine = generation;
    var query = input.value;
    var result = current;
    var ranked = result ? result.ranked : [];
    var stems = result ? stemsOf(result.plan, result.found) : {};
    count = Math.min(count, ranked.length);
    if (result) ordered(result, count);
    return records(ranked.slice(0, count).map(function (h) { return h.doc; })).then(function () {
      if (mine !== generation) return null;
      if (result) rerankWindows(result, count);
      var fragment = document.createDocumentFragment();
      var all = ranked.filter(function (h) { return h.all; }).length;
      var pending = [];
      ranked.slice(0, count).forEach(function (hit, i) {
        if (i === all) fragment.appendChild(separator(ranked.length - all));
        var li = item(hit, stems);
        fragment.appendChild(li);
        if (full) {
          pending.push(pause(delay || 0).then(function () { return mine === generation ? refine(li, hit, stems) : null; }));
        }
      });
      if (full && count < ranked.length) fragment.appendChild(more(ranked.length - count));
      if (!ranked.length) fragment.appendChild(emptyState(query));
      list.replaceChildren(fragment);
      status.textContent = query.trim() ? "Wyniki: " + ranked.length +
        (ranked.length ? " (wszystkie słowa: " + all + ")" : "") : "";
      window.__ksrResultsShown = performance.now();
      if (window.__ksrFirstResults === undefined) window.__ksrFirstResults = window.__ksrResultsShown;
      return Promise.all(pending);
    });
  }

  function same(a, b) {
    return a.q === b.q && a.type === b.type && a.audience === b.audience;
  }

  /* Show the results of what the form asks; `early` is a search started before the page was there. */
  function show(early, delay) {
    generation += 1;
    var mine = generation;
    list.setAttribute("aria-busy", "true");
    var asked = askedInForm();
    var query = asked.q;
    document.title = (query.trim() ? query + " – " : "") + "Szukaj – Biblioteka KSR";
    shown = PAGE;
    var work = early && same(early.asked, asked) ? early.result : query.trim() ? search(asked) : Promise.resolve(null);
    work.then(function (result) {
      if (mine !== generation) return null;
      current = result;
      var ranked = result ? result.ranked : [];
      var quick = loaded(ranked.slice(0, PAGE)) ? Promise.resolve() : render(FIRST, false);
      var hint = result && suggestion(query, result.plan, result.found);
      var full = quick.then(function () { return mine === generation ? render(shown, true, delay) : null; });
      return Promise.all([full, hint]).then(function (done) {
        if (mine === generation) suggest(done[1]);
      });
    }).catch(function () {
      if (mine === generation) status.textContent = "Nie udało się wczytać części indeksu. Spróbuj ponownie.";
    }).then(function () {
      if (mine === generation) list.setAttribute("aria-busy", "false");
    });
  }

  /* ---- Page wiring ------------------------------------------------------------------- */

  function askedIn(params) {
    return { q: params.get("q") || "", type: params.get("type") || "", audience: params.get("audience") || "" };
  }

  function askedInForm() {
    return { q: input.value, type: form.elements.type.value, audience: form.elements.audience.value };
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

  /* The opened page highlights the matched words (ksr-highlight.js reads this). */
  function onOpen(event) {
    var link = event.target.closest && event.target.closest("a.ksr-result__link");
    if (!link) return;
    var doc = Number(link.closest("li").getAttribute("data-doc"));
    var words = matchedWords(doc).concat(state.analyser.tokenize(input.value));
    try {
      window.sessionStorage.setItem(HIGHLIGHT_KEY, JSON.stringify({ path: link.pathname, words: words }));
    } catch (error) { /* storage may be off: no highlight then */ }
  }

  /* Show what the form now asks; while the reader types, snippets' texts wait for a pause. */
  function scheduled(delay) {
    writeParams();
    show(null, delay);
  }

  function loadManifest() {
    var text = embedded ? embedded.textContent.trim() : "";
    if (text) return new Promise(function (resolve) { resolve(JSON.parse(text)); });
    return fetch(indexUrl).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  /* The results list, once the parser has reached it (the form and status line come before it). */
  function pageReady() {
    return new Promise(function (resolve) {
      var found = document.getElementById("search-results");
      if (found) return resolve(found);
      var watch = new MutationObserver(function () {
        found = document.getElementById("search-results");
        if (!found) return;
        watch.disconnect();
        resolve(found);
      });
      watch.observe(document.documentElement, { childList: true, subtree: true });
    });
  }

  function wire(found) {
    list = found;
    status = document.getElementById("search-status");
    form = document.querySelector("form[data-ksr-search]");
    input = form.querySelector("input[name=q]");
    selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    root = list.getAttribute("data-root") || "";
    readParams();
  }

  window.__ksrSearchStart = performance.now();
  var ready = loadManifest().then(function (manifest) {
    state.manifest = manifest;
    state.notCurrent = new Uint8Array(manifest.count);
    manifest.notCurrent.forEach(function (doc) { state.notCurrent[doc] = 1; });
    state.analyser = ksrPolish.create(state.manifest.rules);
  });
  /* The query in the address is searched at once, while the page is still being parsed. */
  var asked = askedIn(new URLSearchParams(window.location.search));
  var early = asked.q.trim() ? { asked: asked, result: ready.then(function () { return search(asked); }).then(prepare) } : null;
  if (early) early.result.catch(function () { /* show() reports it */ });
  pageReady().then(function (found) {
    wire(found);
    return ready;
  }).then(function () {
    form.addEventListener("submit", function (event) { event.preventDefault(); scheduled(); });
    input.addEventListener("input", function () { scheduled(TYPING_PAUSE); });
    selects.forEach(function (select) { select.addEventListener("change", function () { scheduled(0); }); });
    document.addEventListener("keydown", onKey);
    list.addEventListener("click", onOpen);
    list.addEventListener("auxclick", onOpen);
    show(early);
  }).catch(function () {
    if (!list) return;
    status.textContent = "Nie udało się wczytać indeksu wyszukiwania. Odśwież stronę albo przeglądaj katalog.";
    list.setAttribute("aria-busy", "false");
  });
})();
