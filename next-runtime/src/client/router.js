// next-runtime's client router: client-side transitions for plain <a href> links.
// A left click on a same-origin link fetches the page's data route (which runs its props
// function once) with the markup of the new page, swaps #__next, __NEXT_DATA__, the title
// and the page's head tags, and pushes history. Anything unexpected (404, 500, network
// error, a new build) falls back to a full page load, so the user always sees the real page.
(function () {
  "use strict";
  var RENDER_HEADER = "x-next-render";
  // The app's base path ("/shop"), from this script's own tag; "" without one.
  var BASE = (document.currentScript && document.currentScript.getAttribute("data-base-path")) || "";
  var current = 0;
  var bar = null;
  var barTimer = null;

  // The path inside the base path ("/shop/a" is "/a"), or null for one outside it.
  function inBase(pathname) {
    if (!BASE) return pathname;
    if (pathname === BASE) return "/";
    return pathname.indexOf(BASE + "/") === 0 ? pathname.slice(BASE.length) : null;
  }

  // A local href under the base path, as Next's router.push writes it.
  function withBase(href) {
    if (!BASE || typeof href !== "string" || href.charAt(0) !== "/" || href.charAt(1) === "/") return href;
    return BASE + (/^\/([?#]|$)/.test(href) ? href.slice(1) : href);
  }

  function nextData() {
    return JSON.parse(document.getElementById("__NEXT_DATA__").textContent);
  }

  // The locale prefix of a path (matched case-insensitively), or the default locale.
  function splitLocale(path, data) {
    var first = (path.split("/")[1] || "").toLowerCase();
    for (var i = 0; i < data.locales.length; i++) {
      if (data.locales[i].toLowerCase() === first) {
        return { locale: data.locales[i], path: path.slice(first.length + 1) || "/" };
      }
    }
    return { locale: data.defaultLocale, path: path };
  }

  // Next's getDataHref: with locales, the locale always leads ("/fr/x" is "/fr/x.json",
  // "/x" is "/en-US/x.json"); without, "/" is "/index" and "/index/x" gains another "/index".
  function dataUrl(url) {
    var data = nextData();
    var path = inBase(url.pathname).replace(/\/+$/, "") || "/";
    var asset;
    if (data.locales) {
      var split = splitLocale(path, data);
      asset = "/" + split.locale + (split.path === "/" ? "" : split.path);
    } else {
      asset = path === "/" ? "/index"
        : (path === "/index" || path.indexOf("/index/") === 0) ? "/index" + path
        : path;
    }
    return BASE + "/_next/data/" + data.buildId + asset + ".json" + url.search;
  }

  // router.push("/x") stays in the current locale, as Next's router does; a path that
  // names a locale goes there.
  function localize(href) {
    var data = nextData();
    if (!data.locales || data.locale === data.defaultLocale) return href;
    if (typeof href !== "string" || href.charAt(0) !== "/" || href.charAt(1) === "/") return href;
    var path = href.split(/[?#]/)[0];
    if (path === "/api" || path.indexOf("/api/") === 0) return href;
    var first = (path.split("/")[1] || "").toLowerCase();
    var named = data.locales.some(function (locale) { return locale.toLowerCase() === first; });
    if (named) return href;
    return "/" + data.locale + (path === "/" ? href.slice(1) : href);
  }

  function emit(name, url) {
    window.dispatchEvent(new CustomEvent(name, { detail: { url: url } }));
  }

  function progressStart() {
    barTimer = setTimeout(function () {
      bar = document.createElement("div");
      bar.id = "__next-progress";
      bar.style.cssText = "position:fixed;top:0;left:0;height:3px;width:20%;z-index:2147483647;" +
        "background:#0070f3;transition:width 8s cubic-bezier(.1,.7,.3,1)";
      document.body.appendChild(bar);
      requestAnimationFrame(function () { if (bar) bar.style.width = "90%"; });
    }, 150);
  }

  function progressDone() {
    clearTimeout(barTimer);
    if (bar) { bar.remove(); bar = null; }
  }

  function replaceHead(title, head) {
    var start = document.querySelector('meta[name="next-head"]');
    var end = document.querySelector('meta[name="next-head-end"]');
    if (!start || !end) { document.title = title || ""; return; }
    while (start.nextSibling && start.nextSibling !== end) start.nextSibling.remove();
    var html = (title ? "<title></title>" : "") + (head || "");
    var template = document.createElement("template");
    template.innerHTML = html;
    var titleEl = template.content.querySelector("title");
    if (titleEl) titleEl.textContent = title;
    end.parentNode.insertBefore(template.content, end);
    if (!title) document.title = "";
  }

  // Scripts inserted with innerHTML never run: re-create them so a page's inline script
  // (fetching its data on the client, say) runs after a transition as after a full load.
  function runScripts(root) {
    Array.prototype.forEach.call(root.querySelectorAll("script"), function (old) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (attr) {
        script.setAttribute(attr.name, attr.value);
      });
      script.textContent = old.textContent;
      old.replaceWith(script);
    });
  }

  function apply(render, url, mode) {
    var root = document.getElementById("__next");
    root.innerHTML = render.html;
    runScripts(root);
    var data = document.getElementById("__NEXT_DATA__");
    // <html lang> follows the locale unless _document.rs fixed it.
    var html = document.documentElement;
    if (render.nextData.locale && html.lang === JSON.parse(data.textContent).locale) {
      html.lang = render.nextData.locale;
    }
    data.textContent = JSON.stringify(render.nextData);
    replaceHead(render.title, render.head);
    if (mode === "push") history.pushState({ __next: true }, "", url.href);
    if (mode === "replace") history.replaceState({ __next: true }, "", url.href);
    var target = url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (target) target.scrollIntoView();
    else if (mode !== "pop") window.scrollTo(0, 0);
  }

  // Where a link, push() or a redirect may take the router: an http(s) URL, parsed the way
  // the browser parses it (so "/\\evil.example" is another origin, as it is to the browser).
  // null for anything else (javascript:, data:, a string that is no URL).
  function webUrl(href) {
    var url;
    try { url = new URL(href, location.href); } catch (e) { return null; }
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  }

  function navigate(href, mode, hops) {
    var url = webUrl(href);
    if (!url) {
      // Never followed: a full navigation would run a javascript: URL.
      console.error("next-runtime router: refusing to navigate to a non-http(s) URL", href);
      emit("routeChangeError", String(href));
      return Promise.resolve();
    }
    if (url.origin !== location.origin || inBase(url.pathname) === null) {
      window.location.assign(url.href); // another site, or another app on this one
      return Promise.resolve();
    }
    var id = ++current;
    hops = hops || 0;
    emit("routeChangeStart", url.href);
    progressStart();
    var headers = { "x-nextjs-data": "1" };
    headers[RENDER_HEADER] = "html";
    return fetch(dataUrl(url), { headers: headers, credentials: "same-origin" })
      .then(function (res) {
        if (res.status !== 200) throw new Error("data route answered " + res.status);
        return res.json();
      })
      .then(function (json) {
        if (id !== current) return; // a newer navigation won
        var props = json.pageProps || {};
        if (props.__N_REDIRECT) {
          progressDone();
          var destination = webUrl(props.__N_REDIRECT);
          if (!destination) {
            console.error("next-runtime router: refusing a redirect to a non-http(s) URL", props.__N_REDIRECT);
            emit("routeChangeError", url.href);
            return;
          }
          if (destination.origin === location.origin && hops < 10) {
            return navigate(destination.href, mode === "pop" ? "replace" : mode, hops + 1);
          }
          window.location.assign(destination.href);
          return;
        }
        if (!json.__next_render) throw new Error("no page markup in the data response");
        apply(json.__next_render, url, mode);
        progressDone();
        emit("routeChangeComplete", url.href);
      })
      .catch(function () {
        if (id !== current) return;
        progressDone();
        emit("routeChangeError", url.href);
        window.location.assign(url.href); // the real page, with its real status
      });
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    var url = new URL(link.href, location.href);
    var inner = url.origin === location.origin ? inBase(url.pathname) : null;
    if (inner === null) return;
    if (inner.indexOf("/api/") === 0 || inner.indexOf("/_next/") === 0) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(url.href, "push");
  });

  history.replaceState({ __next: true }, "", location.href);
  // A `fallback: true` page's stand-in: the real page is fetched and swapped in, as Next's
  // router does when `isFallback` is set.
  if (nextData().isFallback) navigate(location.href, "replace");
  window.addEventListener("popstate", function (event) {
    if (event.state && event.state.__next) navigate(location.href, "pop");
  });

  window.next = window.next || {};
  window.next.router = {
    push: function (url) { return navigate(withBase(localize(url)), "push"); },
    replace: function (url) { return navigate(withBase(localize(url)), "replace"); }
  };
})();
