// cargo next dev's browser client, in every HTML page the dev server serves. It listens to
// the dev server's events and
// - reloads the page when a build newer than the one that rendered it serves;
// - swaps a changed stylesheet from public/ in place, without a reload;
// - shows the latest build's compile errors (or why the app stopped) over the page, in the
//   style of the runtime's dev overlay, until a build serves again.
(() => {
  "use strict";
  if (window.__nextDevClient) return;
  window.__nextDevClient = true;

  const script = document.currentScript;
  // The build that rendered this page; none for the dev server's own "not running" page.
  const pageBuild = script && new URL(script.src, location.href).searchParams.get("build");
  const MEDIA = "/_next/static/media";
  let overlay = null;
  let badge = null;

  const events = new EventSource("/_next/dev/events");
  events.addEventListener("state", (event) => onState(JSON.parse(event.data)));
  events.addEventListener("public", (event) => onPublic(JSON.parse(event.data).paths));

  function onState(state) {
    showBuilding(state.status === "building");
    if (state.status === "ready") {
      if (String(state.build) !== pageBuild) {
        location.reload();
      } else {
        hideOverlay();
      }
    } else if (state.status === "failed" || state.status === "crashed") {
      showOverlay(state.status, state.problems);
    }
  }

  // The public path a URL on this page names, with `asset!`'s content hash taken out
  // (`/_next/static/media/styles/site.<hash>.css` names `/styles/site.css`).
  function publicPath(href) {
    let path;
    try {
      const url = new URL(href, location.href);
      if (url.origin !== location.origin) return null;
      path = decodeURIComponent(url.pathname);
    } catch (_) {
      return null;
    }
    if (path.startsWith(MEDIA + "/")) {
      const hashed = path.slice(MEDIA.length).match(/^(.*)\.[0-9a-fA-F]{16}((?:\.[^./]*)?)$/);
      if (hashed) return hashed[1] + hashed[2];
    }
    return path;
  }

  function onPublic(paths) {
    const changed = new Set(paths);
    const seen = new Set();
    const sheets = [];
    let reload = false;
    for (const element of document.querySelectorAll("[href], [src]")) {
      const path = publicPath(element.getAttribute("href") || element.getAttribute("src"));
      const isSheet = element.tagName === "LINK" && element.rel === "stylesheet";
      // A sheet still loading from the last swap is replaced by its own next swap.
      if (isSheet && !element.__nextDevPending) sheets.push(element);
      if (!changed.has(path)) continue;
      seen.add(path);
      if (isSheet) {
        if (!element.__nextDevPending) swapStylesheet(element);
      } else if (element.tagName !== "A") {
        reload = true;
      }
    }
    if (reload) return location.reload();
    // A changed file no element names may be a sheet's font, image or @import: every
    // stylesheet is loaded again.
    if (paths.some((path) => !seen.has(path))) sheets.forEach(swapStylesheet);
  }

  // The new sheet loads beside the old one, which goes once it has: no unstyled flash.
  function swapStylesheet(link) {
    if (link.__nextDevNext) link.__nextDevNext.remove();
    const url = new URL(link.href, location.href);
    url.searchParams.set("v", Date.now().toString(36));
    const next = link.cloneNode();
    next.href = url.href;
    next.__nextDevPending = true;
    link.__nextDevNext = next;
    next.addEventListener(
      "load",
      () => {
        next.__nextDevPending = false;
        link.remove();
      },
      { once: true }
    );
    next.addEventListener("error", () => next.remove(), { once: true });
    link.after(next);
  }

  function element(tag, style, text) {
    const node = document.createElement(tag);
    if (style) node.setAttribute("style", style);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showBuilding(building) {
    if (!building) {
      if (badge) badge.remove();
      badge = null;
      return;
    }
    if (badge) return;
    badge = element(
      "next-dev-building",
      "position:fixed;left:12px;bottom:12px;z-index:2147483647;background:#111;color:#fff;" +
        "font:12px ui-monospace,monospace;padding:6px 10px;border-radius:6px;opacity:.85",
      "building…"
    );
    document.documentElement.appendChild(badge);
  }

  function hideOverlay() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  // One problem: the message, where it is, the code frame with the span marked, the notes.
  function problemView(problem) {
    const section = element("section", "margin:0 0 2rem");
    const code = problem.code ? "error[" + problem.code + "]: " : "";
    section.appendChild(element("h2", "font-size:1rem;margin:0 0 .5rem", code + problem.message));
    if (problem.file) {
      const place = problem.file + (problem.line ? ":" + problem.line + ":" + problem.column : "");
      section.appendChild(element("p", "margin:0 0 .5rem;color:#555", place));
    }
    if (problem.frame.length) {
      const frame = element("pre", "background:#f6f6f6;padding:.75rem;overflow:auto;margin:0 0 .5rem");
      const width = String(problem.frame[problem.frame.length - 1].number).length;
      for (const line of problem.frame) {
        const gutter = String(line.number).padStart(width) + " │ ";
        const row = element("div", line.mark ? "" : "color:#666");
        row.appendChild(document.createTextNode(gutter));
        if (line.mark) {
          const chars = Array.from(line.text);
          const [start, end] = line.mark;
          row.appendChild(document.createTextNode(chars.slice(0, start).join("")));
          row.appendChild(
            element("mark", "background:#fdd;color:#c00;text-decoration:underline wavy #e00", chars.slice(start, Math.max(end, start + 1)).join("") || " ")
          );
          row.appendChild(document.createTextNode(chars.slice(Math.max(end, start + 1)).join("")));
        } else {
          row.appendChild(document.createTextNode(line.text));
        }
        frame.appendChild(row);
        if (line.mark && line.label) {
          const pad = " ".repeat(gutter.length + line.mark[0]);
          frame.appendChild(element("div", "color:#e00", pad + "^ " + line.label));
        }
      }
      section.appendChild(frame);
    } else if (problem.rendered) {
      section.appendChild(element("pre", "white-space:pre-wrap;background:#f6f6f6;padding:.75rem;margin:0 0 .5rem", problem.rendered));
    }
    for (const note of problem.notes) {
      section.appendChild(element("p", "margin:.25rem 0;color:#555", note));
    }
    return section;
  }

  function showOverlay(status, problems) {
    hideOverlay();
    overlay = document.createElement("next-dev-overlay");
    const root = overlay.attachShadow({ mode: "open" });
    const box = element(
      "div",
      "position:fixed;inset:0;z-index:2147483646;overflow:auto;background:#fff;color:#111;" +
        "font:14px/1.5 ui-monospace,monospace;padding:2rem;border-top:6px solid #e00"
    );
    box.setAttribute("role", "alert");
    const title = status === "failed" ? "Failed to compile" : "The app is not running";
    box.appendChild(element("h1", "font-size:1.25rem;color:#e00;margin:0 0 1rem", title));
    for (const problem of problems) box.appendChild(problemView(problem));
    const hint =
      status === "failed"
        ? "The page under this overlay is the last build that compiled. The overlay goes when a build succeeds; the terminal shows cargo's full output."
        : "The app is started again after the next change; the terminal shows its full output.";
    box.appendChild(element("p", "color:#666", hint));
    root.appendChild(box);
    document.documentElement.appendChild(overlay);
  }
})();
