/* Dossier search loader: loads Pagefind for this page, over http or from disk (file://).
 *
 * Defines one global, window.DossierSearch:
 *   load(root) -> Promise of {search, debouncedSearch, filters, preload}
 * root is the relative path from this page to the site root ("" or "../"). Each result's
 * data() gives Pagefind's fragment data with url (and sub_results[].url) relative to the
 * site root, without a leading slash, e.g. "articles/a.html#x", so links are root + url.
 * search(query, options) and debouncedSearch(query, options, ms) answer with the filter counts
 * of the query unless options.counts is false: then filters and totalFilters are null, and no
 * shard's filter files are loaded. filters() gives the whole site's filter counts.
 *
 * The index is in shards, pagefind/<shard>/, each an ordinary Pagefind bundle, listed by
 * pagefind/shards.js (written by generator/search/). With more than one shard, Pagefind's primary
 * index is pagefind/directory/, whose pages are the shards (generator/search/directory.py): a query
 * is first asked of it, which names the shards holding every word of the query, and only those
 * join the primary with Pagefind's mergeIndex and are searched, so a query's cost follows the shards
 * that can answer it, not the size of the site. The directory also knows which shards carry each
 * filter value, so a search by filters alone asks only those. Each shard's pages carry a filter
 * naming the shard (hidden from callers): a search sorted by date asks each shard that has dated results in turn, newest or oldest range first (their date
 * ranges do not overlap), since Pagefind's merge would order the shards' sorted lists by score.
 * The whole site's filter counts come from pagefind/filters.js, summed when the site was built.
 *
 * Over http it imports Pagefind's own pagefind.js. From disk, where browsers block import()
 * and fetch(), it loads the classic-script copies under pagefind/<shard>/offline/ (written by
 * generator/search/offline.py) with <script> tags, one file per chunk Pagefind asks for.
 * DossierSearch._offline is the hook those scripts call; it is not for pages to use.
 */
(function () {
  "use strict";
  if (window.DossierSearch) return;

  var loads = {}; // pagefind folder URL -> Promise of the search API
  var offlineFactory = null; // set by pagefind/<shard>/offline/pagefind.js
  var offlineBytes = {}; // path from pagefind/ -> base64, set by pagefind/<shard>/offline/<path>.js
  var manifest = null; // set by pagefind/shards.js
  var totals = null; // Promise of the filter totals by language
  var totalsListed = null; // set by pagefind/filters.js

  function searchError(message, cause) {
    var error = new Error("Dossier search: " + message);
    if (cause !== undefined) error.cause = cause;
    return error;
  }

  function describe(error) {
    return error && error.message ? error.message : String(error);
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () {
        script.remove();
        resolve();
      };
      script.onerror = function () {
        script.remove();
        reject(searchError("could not load " + src));
      };
      (document.head || document.documentElement).appendChild(script);
    });
  }

  function decodeBase64(text) {
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  // A fetch() for Pagefind that answers from pagefind/<shard>/offline/<path>.js scripts.
  function offlineFetch(pagefindDir, shards) {
    var pending = {};
    return function (input) {
      var url;
      try {
        url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
      } catch (error) {
        return Promise.reject(searchError("bad index URL " + String(input), error));
      }
      url.search = "";
      url.hash = "";
      var path = url.href.slice(pagefindDir.length);
      var shard = null;
      if (url.href.indexOf(pagefindDir) === 0) {
        shard = shards.filter(function (name) {
          return path.indexOf(name + "/") === 0;
        })[0];
      }
      if (!shard) {
        return Promise.reject(searchError(url.href + " is outside the search index " + pagefindDir));
      }
      var inShard = path.slice(shard.length + 1);
      if (!pending[path]) {
        var script = pagefindDir + shard + "/offline/" + inShard + ".js";
        pending[path] = loadScript(script).then(
          function () {
            var text = offlineBytes[path];
            delete offlineBytes[path];
            delete pending[path];
            if (typeof text !== "string") throw searchError(script + " registered no data");
            return text;
          },
          function (error) {
            delete pending[path];
            throw error;
          }
        );
      }
      return pending[path].then(function (text) {
        return new Response(decodeBase64(text), {
          status: 200,
          headers: { "Content-Type": "application/octet-stream" },
        });
      });
    };
  }

  // "/articles/" -> "articles/index.html", "/a.html#x" -> "a.html#x"; absolute URLs stay.
  function siteRelative(url) {
    if (typeof url !== "string" || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return url;
    var parts = /^([^?#]*)(.*)$/.exec(url.replace(/^\/+/, ""));
    var path = parts[1];
    // Folder URLs name index.html so they also open from disk, where no server adds it.
    if (path === "" || path.charAt(path.length - 1) === "/") path += "index.html";
    return path + parts[2];
  }

  function withSiteRelativeUrls(data) {
    if (!data || typeof data !== "object") return data;
    var copy = Object.assign({}, data, { url: siteRelative(data.url) });
    if (Array.isArray(data.sub_results)) {
      copy.sub_results = data.sub_results.map(function (sub) {
        return Object.assign({}, sub, { url: siteRelative(sub.url) });
      });
    }
    return copy;
  }

  function withWrappedData(response) {
    if (response && Array.isArray(response.results)) {
      // Rewrite in place: Pagefind ties the worker's copy of a result to this object.
      response.results.forEach(function (result) {
        var data = result.data;
        result.data = function () {
          return Promise.resolve(data.apply(result, arguments)).then(withSiteRelativeUrls);
        };
      });
    }
    return response;
  }

  function sleep(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  // Pagefind's filter counts without the shard filter.
  function withoutShardFilter(counts, shardFilter) {
    if (!counts || !(shardFilter in counts)) return counts;
    var copy = Object.assign({}, counts);
    delete copy[shardFilter];
    return copy;
  }

  function cleaned(response, shardFilter, counted) {
    if (!response) return response;
    response.filters = counted ? withoutShardFilter(response.filters, shardFilter) : null;
    response.totalFilters = counted ? withoutShardFilter(response.totalFilters, shardFilter) : null;
    return withWrappedData(response);
  }

  // The shards that hold values of sort key `key`, in the order of their ranges for `direction`.
  function shardsSortedBy(shards, key, direction) {
    var holding = shards.filter(function (shard) {
      return shard.sorts && shard.sorts[key];
    });
    holding.sort(function (a, b) {
      var x = a.sorts[key][0], y = b.sorts[key][0];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return direction === "desc" ? holding.reverse() : holding;
  }

  function names(shards) {
    return shards.map(function (shard) {
      return shard.name;
    });
  }

  // options for Pagefind: the caller's, with the shards to ask (generator/search/merge.py reads
  // dossierShards and dossierFilters), without ours.
  function asking(options, shards, withCounts) {
    var copy = Object.assign({}, options, { dossierShards: names(shards), dossierFilters: !!withCounts });
    delete copy.counts;
    return copy;
  }

  // The filters the word directory can narrow shards by: a value, a list of values, or {any|all: ...} of
  // them, per filter. A shard holds a page with the value if any of its pages does, so these name every
  // shard that can match; other forms (none, not, nested) are left out, which only asks more shards.
  function directoryFilters(filters) {
    var kept = null;
    var plain = function (value) {
      return typeof value === "string" || (Array.isArray(value) && value.every(function (v) {
        return typeof v === "string";
      }));
    };
    Object.keys(filters || {}).forEach(function (key) {
      var value = filters[key];
      if (["any", "all", "none", "not"].indexOf(key) >= 0) return;
      var simple = plain(value) || (value && typeof value === "object" && !Array.isArray(value) &&
        Object.keys(value).length > 0 && Object.keys(value).every(function (how) {
          return (how === "any" || how === "all") && plain(value[how]);
        }));
      if (simple) (kept = kept || {})[key] = value;
    });
    return kept;
  }

  // Pagefind builds result URLs as baseUrl + the page's path from the site root; with
  // baseUrl "/" that path comes back unchanged wherever the site is hosted.
  function shardOptions(shard, shardFilter) {
    var options = { baseUrl: "/", mergeFilter: {} };
    options.mergeFilter[shardFilter] = shard.name;
    return options;
  }

  // index: the search over one Pagefind instance; listed: the manifest; language: the page's.
  function searchApi(instance, pagefindDir, listed, language) {
    var shards = listed.shards;
    var shardFilter = listed.shard_filter;
    var directory = shards.length > 1 ? listed.directory : null;
    var merged = {}; // shard name -> Promise of its mergeIndex
    var ticket = 0;

    function join(shard) {
      if (!directory) return Promise.resolve();
      if (!merged[shard.name]) {
        var joining = instance.mergeIndex(pagefindDir + shard.name + "/", shardOptions(shard, shardFilter));
        merged[shard.name] = joining;
        joining.catch(function () {
          if (merged[shard.name] === joining) delete merged[shard.name];
        });
      }
      return merged[shard.name];
    }

    // The shards that can answer: those the directory names for the query's words (quotes dropped: the
    // directory has no word positions) and for the values the filters ask for (see directoryFilters);
    // every shard when neither narrows the search.
    function shardsFor(query, options) {
      var words = typeof query === "string" && query.trim() ? query.replace(/"/g, " ") : null;
      var filters = directoryFilters(options.filters);
      if (!directory || (words === null && !filters)) return Promise.resolve(shards);
      return instance.search(words, { filters: filters || {}, dossierShards: [directory] }).then(function (answer) {
        var holding = {};
        answer.results.forEach(function (result) {
          holding[result.id] = true;
        });
        return shards.filter(function (shard) {
          return holding[shard.name];
        });
      });
    }

    function ready(query, options) {
      return shardsFor(query, options || {}).then(function (chosen) {
        return Promise.all(chosen.map(join)).then(function () {
          return chosen;
        });
      });
    }

    function search(query, options) {
      options = options || {};
      var counted = options.counts !== false;
      var key = options.sort && Object.keys(options.sort)[0];
      return ready(query, options).then(function (chosen) {
        if (!key || chosen.length < 2) {
          return instance.search(query, asking(options, chosen, counted)).then(function (response) {
            return cleaned(response, shardFilter, counted);
          });
        }
        // One search for the counts and for which shards hold results (Pagefind's counts of the shard
        // filter), then each of those shards' own sorted list, in range order.
        var unsorted = Object.assign({}, options);
        delete unsorted.sort;
        return instance.search(query, asking(unsorted, chosen, counted)).then(function (all) {
          var holding = (all.filters || {})[shardFilter] || {};
          var asks = shardsSortedBy(chosen, key, options.sort[key]).filter(function (shard) {
            return holding[shard.name] > 0;
          }).map(function (shard) {
            var filters = Object.assign({}, options.filters || {});
            filters[shardFilter] = shard.name;
            return instance.search(query, asking(Object.assign({}, options, { filters: filters }), [shard], false));
          });
          return Promise.all(asks).then(function (responses) {
            all.results = [].concat.apply([], responses.map(function (r) {
              return r.results;
            }));
            return cleaned(all, shardFilter, counted);
          });
        });
      });
    }

    function preload(query, options) {
      return ready(query, options).then(function (chosen) {
        return instance.search(query, asking(Object.assign({}, options, { preload: true }), chosen, false));
      }).then(function () {});
    }

    function filters() {
      if (!totals) {
        totals = loadScript(pagefindDir + listed.totals).then(function () {
          if (!totalsListed) throw searchError(pagefindDir + listed.totals + " listed no filters");
          return totalsListed;
        });
        totals.catch(function () {
          totals = null;
        });
      }
      return totals.then(function (byLanguage) {
        var chosen = byLanguage[language] || byLanguage[language.split("-")[0]];
        if (!chosen) {
          chosen = Object.keys(byLanguage).map(function (lang) {
            return byLanguage[lang];
          }).sort(function (a, b) {
            return b.pages - a.pages;
          })[0];
        }
        return JSON.parse(JSON.stringify((chosen && chosen.filters) || {}));
      });
    }

    return Object.freeze({
      search: search,
      debouncedSearch: function (query, options, ms) {
        var mine = ++ticket;
        preload(query, options || {}).catch(function () {});
        return sleep(ms === undefined ? 300 : ms).then(function () {
          return mine === ticket ? search(query, options) : null;
        }).then(function (response) {
          return mine === ticket ? response : null;
        });
      },
      filters: filters,
      preload: preload,
    });
  }

  // The primary index: the directory, or the only shard.
  function startPagefind(module, pagefindDir, listed, extraOptions) {
    var single = listed.shards.length < 2;
    var primary = single ? listed.shards[0].name : listed.directory;
    var options = { basePath: pagefindDir + primary + "/" };
    if (single) Object.assign(options, shardOptions(listed.shards[0], listed.shard_filter));
    var instance = module.createInstance(Object.assign(options, extraOptions));
    var language = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
    return Promise.resolve(instance.init()).then(function () {
      return searchApi(instance, pagefindDir, listed, language);
    });
  }

  // A site with search on but no page to index.
  function emptyApi() {
    function none() {
      return Promise.resolve({ results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {}, timings: [] });
    }
    return Object.freeze({ search: none, debouncedSearch: none, filters: function () { return Promise.resolve({}); },
                           preload: function () { return Promise.resolve(); } });
  }

  function primaryDir(pagefindDir, listed) {
    return pagefindDir + (listed.shards.length < 2 ? listed.shards[0].name : listed.directory) + "/";
  }

  function loadOverHttp(pagefindDir, listed) {
    var dir = primaryDir(pagefindDir, listed);
    return import(dir + "pagefind.js").then(
      function (module) {
        return startPagefind(module, pagefindDir, listed, {});
      },
      function (error) {
        throw searchError("could not load " + dir + "pagefind.js (" + describe(error) + ")", error);
      }
    );
  }

  function loadFromDisk(pagefindDir, listed) {
    var dir = primaryDir(pagefindDir, listed);
    return loadScript(dir + "offline/pagefind.js").then(
      function () {
        if (!offlineFactory) throw searchError(dir + "offline/pagefind.js defined no search");
        var folders = names(listed.shards).concat(listed.directory ? [listed.directory] : []);
        // Workers cannot start from file://, so Pagefind runs on the main thread.
        return startPagefind(offlineFactory(offlineFetch(pagefindDir, folders)), pagefindDir, listed, { noWorker: true });
      },
      function (error) {
        throw searchError(
          "the search index for reading from disk is missing (" + describe(error) + ")",
          error
        );
      }
    );
  }

  // The shards, from pagefind/shards.js.
  function loadShards(pagefindDir, fromDisk) {
    manifest = null;
    return loadScript(pagefindDir + "shards.js").then(
      function () {
        if (!manifest || !Array.isArray(manifest.shards)) throw searchError(pagefindDir + "shards.js listed no shards");
        return manifest;
      },
      function (error) {
        if (!fromDisk) throw error;
        throw searchError("the search index for reading from disk is missing (" + describe(error) + ")", error);
      }
    );
  }

  function load(root) {
    var pagefindDir;
    root = root || "";
    if (root && root.charAt(root.length - 1) !== "/") root += "/";
    try {
      pagefindDir = new URL(root + "pagefind/", document.baseURI).href;
    } catch (error) {
      return Promise.reject(searchError("bad root " + JSON.stringify(root), error));
    }
    if (!loads[pagefindDir]) {
      var fromDisk = new URL(pagefindDir).protocol === "file:";
      var loading = loadShards(pagefindDir, fromDisk).then(function (listed) {
        if (!listed.shards.length) return emptyApi();
        var load = fromDisk ? loadFromDisk : loadOverHttp;
        return load(pagefindDir, listed);
      });
      loads[pagefindDir] = loading;
      // A failed load may be retried later: only successes are kept.
      loading.catch(function () {
        if (loads[pagefindDir] === loading) delete loads[pagefindDir];
      });
    }
    return loads[pagefindDir];
  }

  window.DossierSearch = Object.freeze({
    load: load,
    _offline: Object.freeze({
      define: function (factory) {
        offlineFactory = factory;
      },
      put: function (path, base64) {
        offlineBytes[path] = base64;
      },
      shards: function (listed) {
        manifest = listed;
      },
      totals: function (listed) {
        totalsListed = listed;
      },
    }),
  });
})();
