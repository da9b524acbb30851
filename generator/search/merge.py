"""Make Pagefind's merged shards answer a query the way one index over the whole site would.

For each query word, a Pagefind index matches its words that start with the word's stem; only when
it has none does it fall back to the longest of its words that the stem starts with
(`find_word_extensions` in pagefind_web/src/search.rs, 1.5). One index over the site falls back only
when no page of the site has the word. A shard decides alone, so a shard without "interview" answered
"interview" with every page holding "in": on the Wikinews site cut into 11 shards, with entity pages
in shards of their own, that gave 53 entity pages that one index does not return.

So `Pagefind.search`, which asks every merged index, is rewritten (in pagefind.js and in
pagefind-worker.js, which carries its own copy) to call `dossierAsOneIndex` below instead: with more
than one index it turns on Pagefind's playground mode, whose results name the index word each one
matched (`scores[].search_term` in the text, `verbose_meta_scores[].matched_terms` in the title and
other meta fields) and whose answer names the query's stems (`search_keywords`), then
empties the answers of indexes that fell back for a stem where another index matched it, or, where
all fell back, of those whose fallback word is shorter than the longest. Their results, filter counts
and result count then go, as one index gives. A single index is searched exactly as before.

The helper also takes two options of the loader's (templates/assets/search-loader.js), which Pagefind
passes on untouched: `dossierShards`, the folder names of the indexes to ask (the others, merged for an
earlier query or the word directory, stay out of this one), and `dossierFilters`, which loads those
indexes' filter files first, for the counts. A preload asks and answers nothing.

What stays different: an index that has the word but no page matching the whole query shows no
results, so its evidence is missing, and another index's fallback results for that word are kept.
"""

from __future__ import annotations

import re
from pathlib import Path


class PagefindMergeError(Exception):
    """Pagefind's script does not have the shape this module knows how to rewrite."""


# The first statement of Pagefind.search(term, options): ask every merged index.
_ASK_ALL = re.compile(r"async search\(term,(\w+)=\{\}\)\{let (\w+)=await Promise\.all\("
                      r"this\.instances\.map\(\((\w+)\)=>\3\.search\(term,\1\)\)\);")
MARK = "/* Dossier: merged Pagefind indexes answer as one index"

HELPER = MARK + """ (see generator/search/merge.py). */
async function dossierAsOneIndex(instances, term, options) {
  "use strict";
  var wanted = options && options.dossierShards;
  if (Array.isArray(wanted)) {
    instances = instances.filter(function (index) {
      var folder = String(index.basePath).replace(/\\/+$/, "");
      return wanted.indexOf(folder.slice(folder.lastIndexOf("/") + 1)) >= 0;
    });
  }
  var ask = function () {
    return Promise.all(instances.map(function (index) { return index.search(term, options); }));
  };
  var nothing = [{ results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {}, timings: {} }];
  if (options && options.dossierFilters) {
    await Promise.all(instances.map(function (index) { return index.filters(); }));
  }
  if (options && options.preload) {
    await ask();
    return nothing;
  }
  if (!instances.length) return nothing;
  if (instances.length < 2 || typeof term !== "string" || !term.trim()) return ask();
  for (var i = 0; i < instances.length; i++) {
    if (!instances[i].dossierPlayground) {
      await instances[i].enterPlaygroundMode();
      instances[i].dossierPlayground = true;
    }
  }
  var answers = await ask();
  var stems = (answers.filter(function (a) { return a.search_keywords; })[0] || {}).search_keywords || [];
  var keep = answers.map(function (a) { return a.results.length > 0; });
  stems.forEach(function (stem) {
    var seen = answers.map(function (a) {
      var found = { known: false, extends: false, prefix: -1 };
      a.results.forEach(function (result) {
        var words = (result.scores || []).map(function (score) { return score.search_term; });
        (result.verbose_meta_scores || []).forEach(function (meta) { words = words.concat(meta.matched_terms || []); });
        words.forEach(function (word) {
          found.known = true;
          if (word.indexOf(stem) === 0) found.extends = true;
          else if (stem.indexOf(word) === 0) found.prefix = Math.max(found.prefix, word.length);
        });
      });
      return found;
    });
    var anyExtends = seen.some(function (s) { return s.extends; });
    var longest = Math.max.apply(null, seen.map(function (s) { return s.prefix; }));
    seen.forEach(function (s, k) {
      if (s.known && (anyExtends ? !s.extends : s.prefix < longest)) keep[k] = false;
    });
  });
  var none = function (counts) {
    var zero = {};
    Object.keys(counts || {}).forEach(function (key) {
      zero[key] = {};
      Object.keys(counts[key]).forEach(function (value) { zero[key][value] = 0; });
    });
    return zero;
  };
  return answers.map(function (a, k) {
    if (keep[k] || !a.results.length) return a;
    return Object.assign({}, a, { results: [], unfilteredResultCount: 0, filters: none(a.filters),
                                  totalFilters: none(a.totalFilters) });
  });
}
"""


def merged_search_script(source: str, name: str) -> str:
    """`source` (pagefind.js or pagefind-worker.js) with Pagefind.search asking dossierAsOneIndex."""
    if source.startswith(MARK):
        return source
    found = _ASK_ALL.findall(source)
    if len(found) != 1:
        raise PagefindMergeError(f"{name}: Pagefind.search does not start as expected ({len(found)} matches)")
    rewritten = _ASK_ALL.sub(lambda m: f"async search(term,{m.group(1)}={{}}){{let {m.group(2)}="
                                       f"await dossierAsOneIndex(this.instances,term,{m.group(1)});", source)
    return HELPER + rewritten


def merge_as_one_index(bundle: Path) -> None:
    """Rewrite a shard's pagefind.js and pagefind-worker.js in place (before its offline copy is made)."""
    for name in ("pagefind.js", "pagefind-worker.js"):
        path = Path(bundle) / name
        try:
            source = path.read_text(encoding="utf-8")
        except OSError as error:
            raise PagefindMergeError(f"{path}: cannot read Pagefind's script ({error})") from error
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(merged_search_script(source, name))
