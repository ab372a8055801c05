/*!
 * ksr-library: Polish search analysis for lunr.js 2.3.9.
 *
 * The browser twin of ksr_library/analysis.py. Both read the same rules
 * (ksr_library/data/polish.json) and must give identical terms for any text:
 * the search index is built in Python, queries are analysed here.
 *
 *   fold:     lower-case, NFKC, lower-case, then the rules' "fold" map (ą -> a, ł -> l ...)
 *   tokenize: runs of letters or runs of decimal digits, after folding
 *   analyse:  tokenize, drop "stopWords", stem
 *   stem:     strip one of "suffixes" (longest first), strip "stemEndings" while one
 *             fits, apply the first fitting "bareRules" if nothing was stripped, then
 *             the first fitting "finalRules"; never leave fewer than "minStemLength"
 *             characters.
 *
 * Usage in a page (no build step):
 *   <script src="vendor/lunr.min.js"></script>
 *   <script src="polish-analysis.js"></script>
 *   var analyser = ksrPolish.create(rules);        // rules: the parsed polish.json
 *   ksrPolish.registerLunr(lunr, analyser);         // before lunr.Index.load(...)
 *   var index = lunr.Index.load(serialisedIndex);
 *   var results = ksrPolish.search(index, analyser, userText);
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

  /** Label of the lunr pipeline function; the Python side uses the same. */
  var LABEL = 'ksrPolish';

  /** Same classes as Python's re `[^\W\d_]+|\d+` (letters, letter-like numerals; digits). */
  var TOKEN_SOURCE = '[\\p{L}\\p{Nl}\\p{No}]+|\\p{Nd}+';
  var DIGIT_START = new RegExp('^\\p{Nd}', 'u');
  /** lunr.Query.wildcard.TRAILING in lunr.js 2.3.9. */
  var WILDCARD_TRAILING = 2;
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

  /**
   * The lunr pipeline function: replaces a lunr token by the terms of its text.
   * lunr splits on white space and hyphens only; this splits further, so a field's
   * terms are exactly analyse(field), as in Python.
   */
  function pipelineFunction(analyser) {
    return function ksrPolish(token) {
      var terms = analyser.analyse(token.toString());
      return terms.map(function (term) {
        return token.clone(function () { return term; });
      });
    };
  }

  /**
   * Register the analysis with lunr.js under the label "ksrPolish", so that
   * lunr.Index.load accepts an index built by ksr_library (its search pipeline is
   * ["ksrPolish"]) and lunr's query parser runs each query term through it.
   *
   * @returns {function} the registered pipeline function
   */
  function registerLunr(lunr, analyser) {
    var fn = pipelineFunction(analyser);
    if (lunr.Pipeline.registeredFunctions[LABEL]) {
      delete lunr.Pipeline.registeredFunctions[LABEL];
    }
    lunr.Pipeline.registerFunction(fn, LABEL);
    return fn;
  }

  /**
   * A lunr builder plugin (`this.use(ksrPolish.lunrPlugin(lunr, analyser))` inside
   * lunr(function () {...})) that indexes with this analysis, as the Python build does.
   */
  function lunrPlugin(lunr, analyser) {
    var fn = registerLunr(lunr, analyser);
    return function (builder) {
      builder.pipeline.reset();
      builder.pipeline.add(fn);
      builder.searchPipeline.reset();
      builder.searchPipeline.add(fn);
    };
  }

  /**
   * Search an index with plain user text, bypassing lunr's query syntax (":" "~" "^"
   * "+" "-" "*" in user text then mean nothing special and never throw). Every term of
   * analyse(text) is an optional clause, so documents matching more terms rank first.
   *
   * @param {lunr.Index} index
   * @param {object} analyser from create()
   * @param {string} text what the reader typed
   * @param {{prefix: boolean}} [options] prefix: also match the last word as a prefix
   *   (for search as you type; only when the text does not end in a separator)
   * @returns {lunr.Index~Result[]}
   */
  function search(index, analyser, text, options) {
    var terms = analyser.analyse(text);
    var prefixes = [];
    if (options && options.prefix) {
      var tokens = analyser.tokenize(text);
      var last = tokens[tokens.length - 1];
      if (last && endsWith(analyser.fold(text), last) && !DIGIT_START.test(last)) {
        prefixes.push(analyser.stem(last));
        if (prefixes[0] !== last) {
          prefixes.push(last);
        }
      }
    }
    if (!terms.length && !prefixes.length) {
      return [];
    }
    return index.query(function (query) {
      terms.forEach(function (term) {
        query.term(term, { usePipeline: false });
      });
      prefixes.forEach(function (term) {
        query.term(term, { usePipeline: false, wildcard: WILDCARD_TRAILING });
      });
    });
  }

  return {
    LABEL: LABEL,
    create: create,
    registerLunr: registerLunr,
    lunrPlugin: lunrPlugin,
    pipelineFunction: pipelineFunction,
    search: search
  };
}));
