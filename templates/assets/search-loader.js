/* Dossier search loader: loads Pagefind for this page, over http or from disk (file://).
 *
 * Defines one global, window.DossierSearch:
 *   load(root) -> Promise of {search, debouncedSearch, filters, preload}
 * root is the relative path from this page to the site root ("" or "../"). Each result's
 * data() gives Pagefind's fragment data with url (and sub_results[].url) relative to the
 * site root, without a leading slash, e.g. "articles/a.html#x", so links are root + url.
 *
 * Over http it imports Pagefind's own pagefind.js. From disk, where browsers block import()
 * and fetch(), it loads the classic-script copies under pagefind/offline/ (written by
 * generator/offline.py) with <script> tags, one file per chunk Pagefind asks for.
 * DossierSearch._offline is the hook those scripts call; it is not for pages to use.
 */
(function () {
  "use strict";
  if (window.DossierSearch) return;

  var loads = {}; // pagefind folder URL -> Promise of the search API
  var offlineFactory = null; // set by pagefind/offline/pagefind.js
  var offlineBytes = {}; // bundle path -> base64, set by pagefind/offline/<path>.js

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

  // A fetch() for Pagefind that answers from pagefind/offline/<path>.js scripts.
  function offlineFetch(pagefindDir) {
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
      if (url.href.indexOf(pagefindDir) !== 0) {
        return Promise.reject(searchError(url.href + " is outside the search index " + pagefindDir));
      }
      var path = url.href.slice(pagefindDir.length);
      if (!pending[path]) {
        pending[path] = loadScript(pagefindDir + "offline/" + path + ".js").then(
          function () {
            var text = offlineBytes[path];
            delete offlineBytes[path];
            delete pending[path];
            if (typeof text !== "string") throw searchError("offline/" + path + ".js registered no data");
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

  function searchApi(instance) {
    return Object.freeze({
      search: function (query, options) {
        return instance.search(query, options || {}).then(withWrappedData);
      },
      debouncedSearch: function (query, options, ms) {
        return instance.debouncedSearch(query, options || {}, ms).then(withWrappedData);
      },
      filters: function () {
        return instance.filters();
      },
      preload: function (query, options) {
        return instance.preload(query, options || {});
      },
    });
  }

  // Pagefind builds result URLs as baseUrl + the page's path from the site root; with
  // baseUrl "/" that path comes back unchanged wherever the site is hosted.
  function startPagefind(module, pagefindDir, extraOptions) {
    var instance = module.createInstance(
      Object.assign({ basePath: pagefindDir, baseUrl: "/" }, extraOptions)
    );
    return Promise.resolve(instance.init()).then(function () {
      return searchApi(instance);
    });
  }

  function loadOverHttp(pagefindDir) {
    return import(pagefindDir + "pagefind.js").then(
      function (module) {
        return startPagefind(module, pagefindDir, {});
      },
      function (error) {
        throw searchError("could not load " + pagefindDir + "pagefind.js (" + describe(error) + ")", error);
      }
    );
  }

  function loadFromDisk(pagefindDir) {
    return loadScript(pagefindDir + "offline/pagefind.js").then(
      function () {
        if (!offlineFactory) throw searchError(pagefindDir + "offline/pagefind.js defined no search");
        // Workers cannot start from file://, so Pagefind runs on the main thread.
        return startPagefind(offlineFactory(offlineFetch(pagefindDir)), pagefindDir, { noWorker: true });
      },
      function (error) {
        throw searchError(
          "the search index for reading from disk is missing (" + describe(error) + ")",
          error
        );
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
      var loading = new URL(pagefindDir).protocol === "file:" ? loadFromDisk(pagefindDir) : loadOverHttp(pagefindDir);
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
    }),
  });
})();
