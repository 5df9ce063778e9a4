// Search as people ask: a thin layer in front of Material's own search worker (lunr).
// It sits in the same folder as Material's worker, so Material's relative imports still work;
// site_overrides/main.html points the theme at this file and passes Material's worker as ?material=.
//
// Before a query reaches lunr it is rewritten:
//   1. Chinese is cut into words by longest match against the index's own words and the
//      synonym words (policies/vocabulary.yaml `synonyms`, put into the index config by the generator);
//   2. a word of a synonym group becomes the group's first word, the one the site's text uses
//      (去世、死了、走了 → 死亡; 医保卡 → 个人账户); the generator gave every entry that uses another
//      word of the group the first word too (generator/site/search.py), so nothing is lost and a rare
//      synonym cannot outweigh the common word;
//   3. one of the site's words that contains others (config.compounds: 异地安置 → 异地, 安置) also asks
//      for those, as the generator gave them to every entry using it: the entry itself still scores
//      best, and what is said about 异地 in general (参保地: 异地看病时……按参保地的政策) is found too;
//   4. a Han word is asked for whole and exactly; a place name (config.places) weighs more, so
//      长沙 … finds 长沙's page before the comparison, and stays a prefix, so it finds 长沙市 too;
//   5. words the index does not know are dropped, never required: one unknown word
//      ("我爸", "了") cannot empty the results.
// A result the theme marks as lacking words ("缺少：~~父亲~~") names the words as the reader typed them
// (爸), never a word of the rewritten query she did not type; the words it found stay the index's (the
// page they link to highlights those).
// No network, no framework; the index and the ranking stay Material's.
(function () {
  "use strict";
  var material = new URL(self.location.href).searchParams.get("material");
  var listeners = [];
  var add = self.addEventListener, post = self.postMessage;
  self.addEventListener = function (type, listener, options) {
    if (type === "message") listeners.push(listener);      // Material's handler: called by us
    else add.call(self, type, listener, options);
  };
  importScripts(material);
  self.addEventListener = add;

  var SETUP = 0, QUERY = 2, RESULT = 3, LONGEST = 12;
  var typed = [];          // per query not yet answered: Map of each asked term → the word the reader typed for it
  var known = new Set(), words = new Set(), groupOf = new Map(), groups = [], places = new Set(), parts = {};
  // Material cuts every Han run of the query again, against its index, and never takes the run's
  // last character into a word (个人账户 → 个人 + 账, 终止参保 → 终止 + 参). A Han mark that no
  // text uses, after each word, keeps the word whole; Material's cutting leaves the mark out.
  var WORD_END = "\u3005";
  // Material makes every term without a boost a prefix (异地 → 异地长期居住备案 too). A Han word here
  // is already a whole word of the index, so it is asked for exactly (a neutral boost keeps the
  // wildcard off); a place keeps its wildcard (长沙 finds the page titled 长沙市) and weighs more:
  // a place the reader names is the page they want (长沙 … → 长沙's page, not the comparison).
  var EXACT = "^1", PLACE = "*^3";
  var HAN = /\p{sc=Han}/u, HAN_RUNS = /(\p{sc=Han}+)/u;

  function learn(config, docs) {
    var split = new RegExp(config.separator || "[\\s\\-]+", "u");
    var punct = /[\s\u200b，。、；：？！“”‘’（）()《》【】<>,.;:?!"'\/·…|*#\[\]{}=+_~`^]+/u;
    docs.forEach(function (doc) {
      Object.keys(config.fields || {}).forEach(function (name) {
        if (typeof doc[name] !== "string") return;          // tags are lists; we have none
        doc[name].replace(/<[^>]*>/g, " ").split(split).forEach(function (piece) {
          piece.split(punct).forEach(function (token) {
            if (token) known.add(token.toLowerCase());
          });
        });
      });
    });
    groups = (config.synonyms || []).map(function (group) {
      return group.map(function (w) { return w.toLowerCase(); });
    });
    groups.forEach(function (group, index) {
      group.forEach(function (w) { groupOf.set(w, index); words.add(w); });
    });
    known.forEach(function (w) { words.add(w); });
    (config.places || []).forEach(function (p) { places.add(p.toLowerCase()); words.add(p.toLowerCase()); });
    parts = config.compounds || {};
  }

  function inside(word) {                    // the words inside one of the site's words (see 3. above)
    return (Object.prototype.hasOwnProperty.call(parts, word) ? parts[word] : []).filter(function (w) {
      return known.has(w);
    });
  }

  function segment(run) {
    var out = [];
    for (var i = 0; i < run.length;) {
      var found = 0;
      for (var n = Math.min(LONGEST, run.length - i); n > 0; n--) {
        if (words.has(run.slice(i, i + n))) { found = n; break; }
      }
      if (found) { out.push(run.slice(i, i + found)); i += found; } else i += 1;   // unknown: dropped
    }
    return out;
  }

  function meaning(word) {
    if (groupOf.has(word)) {                 // the site's word for it: the group's first (see 2. above)
      var first = groups[groupOf.get(word)][0];
      return known.has(first) ? [first].concat(inside(first)) : [];
    }
    if (HAN.test(word)) return word.length > 1 && known.has(word) ? [word].concat(inside(word)) : [];
    var prefix = false;                       // Latin letters and digits: keep what starts an index word
    known.forEach(function (k) { if (!prefix && k.indexOf(word) === 0) prefix = true; });
    return prefix ? [word] : [];
  }

  // The query rewritten, and for each term asked (as the theme names it in a result's terms: without
  // the marks added here) the first word the reader typed that asked for it.
  function understand(query) {
    var terms = [], asked = new Map();
    query.toLowerCase().split(/[\s\u3000]+/u).forEach(function (chunk) {
      chunk.split(HAN_RUNS).forEach(function (part, index) {
        if (!part) return;
        var pieces = index % 2 ? segment(part) : part.split(/[^\p{L}\p{N}]+/u);
        pieces.forEach(function (word) {
          if (word) meaning(word).forEach(function (term) {
            if (!asked.has(term)) asked.set(term, word);
            if (HAN.test(term)) term += WORD_END + (places.has(term) ? PLACE : EXACT);
            if (terms.indexOf(term) < 0) terms.push(term);
          });
        });
      });
    });
    return { query: terms.join(" "), asked: asked };
  }

  function rewrite(query) { return understand(query).query; }

  // A result's terms: those it lacks renamed to the words typed for them; a lacking term no typed word
  // asked for (the theme's own cutting of a term) is left out.
  function relabel(result, asked) {
    (result && result.items || []).forEach(function (group) {
      group.forEach(function (item) {
        if (!item.terms) return;
        var terms = {};
        Object.keys(item.terms).forEach(function (term) {
          if (item.terms[term]) terms[term] = true;
          else if (asked.has(term) && !(asked.get(term) in terms)) terms[asked.get(term)] = false;
        });
        item.terms = terms;
      });
    });
  }
  self.yibaoRewrite = rewrite;                // for reading in a debugger

  // The theme's worker answers each query with one result, in order (postMessage, called by its name).
  self.postMessage = function (message, transfer) {
    if (message && message.type === RESULT) relabel(message.data, typed.shift() || new Map());
    return post.call(self, message, transfer);
  };

  add.call(self, "message", function (ev) {
    var message = ev.data;
    if (message && message.type === SETUP) learn(message.data.config, message.data.docs);
    else if (message && message.type === QUERY) {
      var understood = understand(String(message.data || ""));
      typed.push(understood.asked);
      message = { type: QUERY, data: understood.query };
    }
    listeners.forEach(function (listener) { listener.call(self, { data: message }); });
  });
})();
