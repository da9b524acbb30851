/* Dossier theme behaviour: navigation drawer, header search as you type, and the search page with filters.
   A classic script (no modules), so it runs when the site is opened from disk too. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  // Navigation drawer on small screens.
  var toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && document.body.classList.contains("nav-open")) {
        document.body.classList.remove("nav-open");
        toggle.setAttribute("aria-expanded", "false");
      }
    });
  }

  // Mark the sidebar link of the current page (and its section): the sidebar is shared between pages.
  var here = window.location.href.split("#")[0].split("?")[0];
  var kind = document.body.getAttribute("data-kind");
  var sections = { entity: "entities/index.html", entities: "entities/index.html", search: "search.html", home: "index.html" };
  var links = document.querySelectorAll(".sidebar a");
  for (var i = 0; i < links.length; i++) {
    var target = links[i].href.split("#")[0];
    var isSection = sections[kind] && links[i].classList.contains("nav-home") && target === new URL(root + sections[kind], here).href;
    var isMonthOfYear = kind === "month" && /archive\/\d{4}\.html$/.test(target) && here.indexOf(target.slice(0, -5) + "-") === 0;
    if (target === here || isSection || isMonthOfYear) {
      links[i].classList.add("is-active");
      if (target === here) links[i].setAttribute("aria-current", "page");
    }
  }

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // Pagefind excerpts are text with <mark> around hits: keep the marks, escape everything else.
  function safeExcerpt(excerpt) {
    var parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    return parts.map(function (part) {
      return part === "<mark>" || part === "</mark>" ? part : escapeHtml(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&"));
    }).join("");
  }
  function href(url) { return root + url; }

  // The words a script writes, in the site's language: a data-strings attribute holds them (JSON),
  // with one form per CLDR plural category where a count goes in; English where one is missing.
  function wordsOf(element) {
    try { return JSON.parse((element && element.getAttribute("data-strings")) || "{}"); } catch (e) { return {}; }
  }
  function fill(text, params) {
    Object.keys(params || {}).forEach(function (k) { text = String(text).split("{" + k + "}").join(params[k]); });
    return text;
  }
  function sayIn(words, key, english, params) { return fill(words[key] || english, params); }
  function sayCountIn(words, key, one, other, count, params) {
    var forms = words[key] || { one: one, other: other };
    var lang = document.documentElement.lang;
    var category = count === 1 ? "one" : "other";
    var number = count;
    try { category = new Intl.PluralRules(lang).select(count); number = count.toLocaleString(lang); } catch (e) { /* old browser */ }
    var p = { count: number };
    Object.keys(params || {}).forEach(function (k) { p[k] = params[k]; });
    return fill(forms[category] || forms.other || other, p);
  }
  function kindOf(data) {
    var type = data.filters && data.filters.type;
    return type && type.length ? type[0] : "article";
  }
  function metaLine(data) {
    var meta = data.meta || {};
    var bits = [];
    if (kindOf(data) === "entity") bits.push(meta.entity_type || "entity");
    if (meta.date) bits.push(meta.date);
    if (meta.source) bits.push(meta.source);
    return bits.map(escapeHtml).join(" · ");
  }

  var loading = null;
  function pagefind() {
    if (!window.DossierSearch) return Promise.reject(new Error("search is not available on this page"));
    if (!loading) loading = window.DossierSearch.load(root);
    return loading;
  }

  // Header search: results as you type, Enter opens the search page (or the selected result).
  var input = document.getElementById("search-input");
  var panel = document.getElementById("search-results");
  if (input && panel) {
    var selected = -1;
    var latest = 0;
    var boxWords = wordsOf(input.form);
    var items = function () { return panel.querySelectorAll(".search-results__item"); };
    var close = function () {
      panel.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); selected = -1;
    };
    var select = function (index) {
      var list = items();
      if (!list.length) return;
      selected = (index + list.length) % list.length;
      for (var i = 0; i < list.length; i++) {
        list[i].classList.toggle("is-selected", i === selected);
        list[i].setAttribute("aria-selected", i === selected ? "true" : "false");
      }
      // Screen readers follow the highlight through the combobox's active descendant.
      input.setAttribute("aria-activedescendant", list[selected].id);
      list[selected].scrollIntoView({ block: "nearest" });
    };
    var run = function () {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) { close(); return; }
      pagefind().then(function (pf) {
        return pf.debouncedSearch(query, { counts: false }, 150);
      }).then(function (search) {
        if (ticket !== latest || !search) return null;
        return Promise.all(search.results.slice(0, 8).map(function (r) { return r.data(); })).then(function (datas) {
          if (ticket !== latest) return;
          var html = datas.map(function (d, i) {
            return '<a class="search-results__item" role="option" aria-selected="false" id="search-option-' + i + '" href="' + escapeHtml(href(d.url)) + '">' +
              '<span class="search-results__title">' + escapeHtml(d.meta.title || d.url) + "</span>" +
              '<span class="search-results__meta">' + metaLine(d) + "</span>" +
              '<span class="search-results__excerpt">' + safeExcerpt(d.excerpt) + "</span></a>";
          }).join("");
          if (!datas.length) html = '<p class="search-results__empty" role="option" aria-disabled="true">' + escapeHtml(sayIn(boxWords, "none_for", "No results for “{query}”.", { query: query })) + "</p>";
          else html += '<a class="search-results__footer" href="' + escapeHtml(href("search.html") + "?q=" + encodeURIComponent(query)) + '">' +
            escapeHtml(sayCountIn(boxWords, "all", "All {count} results, with filters", "All {count} results, with filters", search.results.length)) + ' <span aria-hidden="true" class="arrow-forward">→</span></a>';
          panel.innerHTML = html;
          panel.hidden = false;
          input.setAttribute("aria-expanded", "true");
          input.removeAttribute("aria-activedescendant");
          selected = -1;
        });
      }).catch(function (err) {
        panel.innerHTML = '<p class="search-results__empty" role="option" aria-disabled="true">' + escapeHtml(sayIn(boxWords, "failed", "Search could not load: {message}", { message: err && err.message })) + "</p>";
        panel.hidden = false;
      });
    };
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { pagefind().catch(function () {}); if (input.value.trim() && panel.innerHTML) { panel.hidden = false; } });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); select(selected + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); select(selected - 1); }
      else if (e.key === "Escape") { close(); input.blur(); }
      else if (e.key === "Enter" && selected >= 0) { e.preventDefault(); window.location.href = items()[selected].getAttribute("href"); }
    });
    document.addEventListener("click", function (e) { if (!e.target.closest || !e.target.closest(".search-box")) close(); });
    document.addEventListener("keydown", function (e) {
      var tag = (e.target && e.target.tagName) || "";
      if (e.key === "/" && !/INPUT|TEXTAREA|SELECT/.test(tag)) { e.preventDefault(); input.focus(); }
    });
  }

  // Search page: query from ?q=, filters from the index, results with "show more".
  var searchPage = document.querySelector("[data-search-page]");
  if (searchPage) {
    var form = searchPage.querySelector("form");
    var box = searchPage.querySelector(".search-page__input");
    var sortSelect = searchPage.querySelector(".search-page__sort");
    var filtersEl = searchPage.querySelector("[data-filters]");
    // Filters stay open beside the results on wide screens; on phones they fold away under the results.
    var filtersPanel = searchPage.querySelector("[data-filters-panel]");
    if (filtersPanel && window.matchMedia("(min-width: 861px)").matches) filtersPanel.open = true;
    var statusEl = searchPage.querySelector("[data-status]");
    var resultsEl = searchPage.querySelector("[data-results]");
    var moreButton = searchPage.querySelector("[data-more]");
    var params = new URLSearchParams(window.location.search);
    box.value = params.get("q") || "";
    sortSelect.value = params.get("sort") || "";
    var chosen = {};
    params.forEach(function (value, key) {
      if (key.indexOf("f.") === 0) { (chosen[key.slice(2)] = chosen[key.slice(2)] || []).push(value); }
    });
    var order = ["type", "entity", "source", "tag", "year"];
    var words = wordsOf(searchPage);
    var say = function (key, english, params) { return sayIn(words, key, english, params); };
    var sayCount = function (key, one, other, count, params) { return sayCountIn(words, key, one, other, count, params); };
    var labels = { type: say("type", "Kind"), entity: say("entity", "Entity"), source: say("source", "Source"),
                   tag: say("tag", "Tag"), year: say("year", "Year") };
    var valueName = function (key, value) { return key === "type" ? say("value." + value, value) : value; };
    var current = [];
    var shown = 0;
    var ticket = 0;

    var renderFilters = function (available) {
      var keys = Object.keys(available).sort(function (a, b) {
        var ia = order.indexOf(a), ib = order.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : 1);
      });
      if (!keys.length) { filtersEl.innerHTML = ""; return; }
      filtersEl.innerHTML = keys.map(function (key) {
        var values = Object.keys(available[key]).sort(function (a, b) {
          return key === "year" ? (a < b ? 1 : -1) : (available[key][b] - available[key][a]) || a.localeCompare(b);
        });
        var options = values.map(function (value, i) {
          var checked = (chosen[key] || []).indexOf(value) >= 0;
          return '<label' + (i >= 8 && !checked ? ' hidden data-extra' : "") + '><input type="checkbox" data-key="' + escapeHtml(key) + '" value="' + escapeHtml(value) + '"' + (checked ? " checked" : "") + "> " +
            escapeHtml(valueName(key, value)) + ' <span class="count">' + available[key][value] + "</span></label>";
        }).join("");
        var more = values.length > 8 ? '<button type="button" class="filters__more">' + escapeHtml(say("show_all", "Show all {count}", { count: values.length })) + "</button>" : "";
        return '<fieldset><legend>' + escapeHtml(labels[key] || key) + "</legend>" + options + more + "</fieldset>";
      }).join("");
    };
    var writeUrl = function () {
      var p = new URLSearchParams();
      if (box.value.trim()) p.set("q", box.value.trim());
      if (sortSelect.value) p.set("sort", sortSelect.value);
      Object.keys(chosen).sort().forEach(function (key) { chosen[key].forEach(function (v) { p.append("f." + key, v); }); });
      var query = p.toString();
      try { window.history.replaceState(null, "", query ? "?" + query : window.location.pathname); } catch (e) { /* file:// may refuse */ }
    };
    var showMore = function () {
      var batch = current.slice(shown, shown + 10);
      shown += batch.length;
      moreButton.hidden = shown >= current.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
        resultsEl.insertAdjacentHTML("beforeend", datas.map(function (d) {
          var kind = kindOf(d);
          return '<li class="result"><a class="result__title" href="' + escapeHtml(href(d.url)) + '">' +
            (kind === "entity" ? '<span class="result__kind">' + escapeHtml(say("value.entity", "entity")) + "</span>" : "") + escapeHtml(d.meta.title || d.url) + "</a>" +
            '<div class="result__meta">' + metaLine(d) + "</div>" +
            '<p class="result__excerpt">' + safeExcerpt(d.excerpt) + "</p></li>";
        }).join(""));
      });
    };
    var run = function () {
      var mine = ++ticket;
      var query = box.value.trim();
      var filters = {};
      Object.keys(chosen).forEach(function (k) { if (chosen[k].length) filters[k] = { any: chosen[k] }; });
      var options = { filters: filters };
      if (sortSelect.value) options.sort = { date: sortSelect.value === "date-asc" ? "asc" : "desc" };
      writeUrl();
      if (!query && !Object.keys(filters).length) {
        statusEl.textContent = say("idle", "Type to search, or pick a filter.");
        resultsEl.innerHTML = ""; moreButton.hidden = true;
        return;
      }
      statusEl.textContent = say("searching", "Searching…");
      // Results first; the filter counts of this search after them, since they load each shard's filter files.
      pagefind().then(function (pf) {
        return pf.search(query || null, Object.assign({ counts: false }, options)).then(function (search) {
          if (mine !== ticket || !search) return;
          current = search.results; shown = 0; resultsEl.innerHTML = "";
          statusEl.textContent = current.length
            ? (query ? sayCount("results_for", "{count} result for “{query}”", "{count} results for “{query}”", current.length, { query: query })
                     : sayCount("results", "{count} result", "{count} results", current.length))
            : (query ? say("none_for", "No results for “{query}”.", { query: query }) : say("none", "No results."));
          return showMore().then(function () {
            return mine === ticket ? pf.search(query || null, options) : null;
          }).then(function (counted) {
            return totalsLoaded.then(function () {
              if (mine !== ticket || !counted || !counted.filters) return;
              showingCounts = true;
              renderFilters(mergeCounts(counted.filters));
            });
          });
        });
      }).catch(function (err) { statusEl.textContent = say("failed", "Search could not load: {message}", { message: err && err.message }); });
    };
    var allFilters = {};
    var showingCounts = false;
    var mergeCounts = function (counts) {
      // Keep every value visible (with its count for this search) so a filter can be widened again.
      var merged = {};
      Object.keys(allFilters).forEach(function (k) {
        merged[k] = {};
        Object.keys(allFilters[k]).forEach(function (v) { merged[k][v] = (counts[k] && counts[k][v]) || 0; });
      });
      return merged;
    };
    // The whole site's filters, summed when it was built: no shard is loaded for them.
    var totalsLoaded = pagefind().then(function (pf) { return pf.filters(); }).then(function (available) {
      allFilters = available || {};
      if (!showingCounts) renderFilters(allFilters);
    });
    totalsLoaded.catch(function (err) {
      filtersEl.innerHTML = "";
      statusEl.textContent = say("failed", "Search could not load: {message}", { message: err && err.message });
    });
    run();
    var timer = null;
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    sortSelect.addEventListener("change", run);
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    moreButton.addEventListener("click", showMore);
    filtersEl.addEventListener("change", function (e) {
      var el = e.target;
      if (!el.matches("input[type=checkbox]")) return;
      var key = el.getAttribute("data-key");
      var list = chosen[key] = chosen[key] || [];
      var at = list.indexOf(el.value);
      if (el.checked && at < 0) list.push(el.value);
      if (!el.checked && at >= 0) list.splice(at, 1);
      run();
    });
    filtersEl.addEventListener("click", function (e) {
      if (!e.target.classList.contains("filters__more")) return;
      var extra = e.target.parentNode.querySelectorAll("[data-extra]");
      for (var i = 0; i < extra.length; i++) extra[i].hidden = false;
      e.target.remove();
    });
  }

  // Highlight the table-of-contents entry of the section in view.
  var tocLinks = document.querySelectorAll(".toc__item a");
  if (tocLinks.length && "IntersectionObserver" in window) {
    var byId = {};
    tocLinks.forEach(function (a) { byId[decodeURIComponent(a.hash.slice(1))] = a; });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        tocLinks.forEach(function (a) { a.classList.remove("is-active"); });
        var a = byId[entry.target.id];
        if (a) a.classList.add("is-active");
      });
    }, { rootMargin: "-70px 0px -70% 0px" });
    Object.keys(byId).forEach(function (id) { var el = document.getElementById(id); if (el) observer.observe(el); });
  }
})();
