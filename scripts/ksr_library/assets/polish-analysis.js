/*!
 * ksr-library: Polish search analysis and query planning, in the browser.
 *
 * The browser twin of ksr_library/analysis.py and ksr_library/search_query.py. Both read
 * the same rules (ksr_library/data/polish.json) and must give identical output for any
 * text: the search index is built in Python, queries are analysed here.
 *
 *   fold:     lower-case, NFKC, lower-case, then the rules' "fold" map (ą -> a, ł -> l ...)
 *   tokenize: runs of letters or runs of decimal digits, after folding
 *   analyse:  tokenize, drop "stopWords", stem
 *   stem:     strip one of "suffixes" (longest first), strip "stemEndings" while one
 *             fits, apply the first fitting "bareRules" if nothing was stripped, then
 *             the first fitting "finalRules"; never leave fewer than "minStemLength"
 *             characters.
 *   plan:     a query as groups of alternatives (synonyms; "lightWords" weigh little)
 *   fuzzy:    corrections of a term from the index's vocabulary (one or two edits)
 *
 * Usage in a page (no build step):
 *   <script src="polish-analysis.js"></script>
 *   var analyser = ksrPolish.create(rules);        // rules: the parsed polish.json
 *   var plan = ksrPolish.plan(analyser, userText, synonyms, {prefix: true});
 *
 * Under node: var ksrPolish = require('./polish-analysis.js').
 *
 * Needs ES2015 plus Unicode property escapes in regular expressions (ES2018; every
 * current browser has them).
 */
(function (root, factory) {
  'use strict';
  if (typeof define === 'function' && define.amd) {
    define([], factory);
  } else if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.ksrPolish = factory();
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /** Same classes as Python's re `[^\W\d_]+|\d+` (letters, letter-like numerals; digits). */
  var TOKEN_SOURCE = '[\\p{L}\\p{Nl}\\p{No}]+|\\p{Nd}+';
  var DIGIT_START = new RegExp('^\\p{Nd}', 'u');
  var SURROGATE = /[\uD800-\uDFFF]/;

  /** Length in code points, as Python's len(). */
  function codePointLength(text) {
    if (!SURROGATE.test(text)) {
      return text.length;
    }
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < text.length) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xDC00 && next <= 0xDFFF) {
          i++;
        }
      }
      count++;
    }
    return count;
  }

  function endsWith(text, suffix) {
    return text.length >= suffix.length &&
      text.slice(text.length - suffix.length) === suffix;
  }

  function escapeForClass(character) {
    return '\\u{' + character.codePointAt(0).toString(16) + '}';
  }

  function requireList(rules, key) {
    var value = rules[key];
    if (!Array.isArray(value)) {
      throw new TypeError('ksrPolish: rules.' + key + ' must be a list');
    }
    return value;
  }

  /**
   * Build an analyser from the rules object (the parsed polish.json).
   *
   * @param {object} rules
   * @returns {{fold: function(string): string, tokenize: function(string): string[],
   *            stem: function(string): string, analyse: function(string): string[],
   *            rules: object}}
   */
  function create(rules) {
    if (!rules || typeof rules !== 'object') {
      throw new TypeError('ksrPolish.create needs the rules object (polish.json)');
    }
    var minimum = rules.minStemLength;
    if (typeof minimum !== 'number' || minimum < 1) {
      throw new TypeError('ksrPolish: rules.minStemLength must be a positive number');
    }
    var foldMap = rules.fold || {};
    var suffixes = requireList(rules, 'suffixes');
    var stemEndings = requireList(rules, 'stemEndings');
    var bareRules = requireList(rules, 'bareRules');
    var finalRules = requireList(rules, 'finalRules');
    var stopWords = Object.create(null);
    requireList(rules, 'stopWords').forEach(function (word) { stopWords[word] = true; });

    var foldKeys = Object.keys(foldMap);
    var foldPattern = foldKeys.length ?
      new RegExp('[' + foldKeys.map(escapeForClass).join('') + ']', 'gu') : null;
    var tokenPattern = new RegExp(TOKEN_SOURCE, 'gu');

    function replaceFolded(character) {
      return foldMap[character];
    }

    function fold(text) {
      var folded = String(text).toLowerCase().normalize('NFKC').toLowerCase();
      return foldPattern ? folded.replace(foldPattern, replaceFolded) : folded;
    }

    function tokenize(text) {
      return fold(text).match(tokenPattern) || [];
    }

    /** Apply the first rule that fits the end of the word, if any. */
    function rewrite(word, list) {
      for (var i = 0; i < list.length; i++) {
        var rule = list[i];
        var suffix = rule.suffix;
        var after = rule.after || '';
        if (!endsWith(word, suffix)) {
          continue;
        }
        var cut = word.length - suffix.length;
        var kept = codePointLength(word) - suffix.length;
        if (kept + rule.replace.length < minimum) {
          continue;
        }
        if (after && (cut === 0 || after.indexOf(word.charAt(cut - 1)) === -1)) {
          continue;
        }
        return word.slice(0, cut) + rule.replace;
      }
      return word;
    }

    function stripOne(word, list) {
      var length = codePointLength(word);
      for (var i = 0; i < list.length; i++) {
        var suffix = list[i];
        if (endsWith(word, suffix) && length - suffix.length >= minimum) {
          return word.slice(0, word.length - suffix.length);
        }
      }
      return word;
    }

    function stem(token) {
      if (DIGIT_START.test(token)) {
        return token;
      }
      var word = stripOne(token, suffixes);
      var stripped = word !== token;
      for (var next = stripOne(word, stemEndings); next !== word;
        next = stripOne(word, stemEndings)) {
        word = next;
      }
      if (!stripped) {
        word = rewrite(word, bareRules);
      }
      return rewrite(word, finalRules);
    }

    function analyse(text) {
      var tokens = tokenize(text);
      var terms = [];
      for (var i = 0; i < tokens.length; i++) {
        if (!stopWords[tokens[i]]) {
          terms.push(stem(tokens[i]));
        }
      }
      return terms;
    }

    return { fold: fold, tokenize: tokenize, stem: stem, analyse: analyse, rules: rules };
  }

  /** How many edits a term may be from a correction (search_query.edit_limit). */
  function editLimit(term) {
    var length = codePointLength(term);
    if (length < 4 || DIGIT_START.test(term)) {
      return 0;
    }
    return length < 7 ? 1 : 2;
  }

  /** Optimal string alignment distance, or ceiling + 1 once it must exceed ceiling
   * (search_query.edit_distance). */
  function editDistance(first, second, ceiling) {
    var a = Array.from(first);
    var b = Array.from(second);
    var previous2 = [];
    var previous = [];
    for (var k = 0; k <= b.length; k++) {
      previous.push(k);
    }
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var lowest = i;
      for (var j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          best = Math.min(best, previous2[j - 2] + 1);
        }
        current.push(best);
        lowest = Math.min(lowest, best);
      }
      if (lowest > ceiling) {
        return ceiling + 1;
      }
      previous2 = previous;
      previous = current;
    }
    return Math.min(previous[b.length], ceiling + 1);
  }

  /**
   * Terms of the vocabulary (most frequent first) within editLimit(term) edits of term,
   * nearest first, then most frequent (search_query.fuzzy).
   */
  function fuzzy(term, vocabulary, limit) {
    var allowed = editLimit(term);
    var length = codePointLength(term);
    var found = [];
    if (limit === undefined) {
      limit = 3;
    }
    for (var position = 0; position < vocabulary.length; position++) {
      var candidate = vocabulary[position];
      if (candidate === term || Math.abs(codePointLength(candidate) - length) > allowed ||
        editLimit(candidate) === 0) {
        continue;
      }
      var distance = editDistance(term, candidate, allowed);
      if (distance <= allowed) {
        found.push([distance, position, candidate]);
      }
    }
    found.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    return found.slice(0, limit).map(function (item) { return item[2]; });
  }

  function sameTerms(stems, at, key) {
    if (at + key.length > stems.length) {
      return false;
    }
    for (var k = 0; k < key.length; k++) {
      if (stems[at + k] !== key[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A query as groups of alternatives (search_query.plan): one group per content word,
   * or per run of words spelling a synonym key; light words give light groups.
   *
   * @returns {{groups: {words: string[], alternatives: string[][], light: boolean}[],
   *            prefix: string[]}}
   */
  function plan(analyser, text, synonyms, options) {
    var rules = analyser.rules;
    var stop = Object.create(null);
    var light = Object.create(null);
    rules.stopWords.forEach(function (word) { stop[word] = true; });
    (rules.lightWords || []).forEach(function (word) { light[word] = true; });
    var words = analyser.tokenize(text).filter(function (token) { return !stop[token]; });
    var stems = words.map(analyser.stem);
    var groups = [];
    var at = 0;
    while (at < words.length) {
      var length = 1;
      var others = [];
      for (var s = 0; s < synonyms.length; s++) {
        var key = synonyms[s][0];
        if (others.length && key.length < length) {
          break;
        }
        if (sameTerms(stems, at, key)) {
          length = key.length;
          others.push(synonyms[s][1].slice());
        }
      }
      var tokens = words.slice(at, at + length);
      groups.push({
        words: tokens,
        alternatives: [stems.slice(at, at + length)].concat(others),
        light: tokens.every(function (token) { return light[token] === true; })
      });
      at += length;
    }
    var prefix = [];
    var last = words[words.length - 1];
    if (options && options.prefix && last && endsWith(analyser.fold(text), last) &&
      !DIGIT_START.test(last)) {
      prefix.push(stems[stems.length - 1]);
      if (prefix[0] !== last) {
        prefix.push(last);
      }
    }
    return { groups: groups, prefix: prefix };
  }

  return {
    create: create,
    plan: plan,
    fuzzy: fuzzy,
    editLimit: editLimit,
    editDistance: editDistance
  };
}));
