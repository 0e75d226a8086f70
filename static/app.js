// The reading room's only script. Pages work without it; it adds
//  1. copy buttons (data-copy="text", or data-copy-path="/p/…" for this site's address of a
//     path): the Clipboard API, else a selected text field and
//     execCommand("copy"), else the text left selected for the reader's own Ctrl+C;
//  2. line highlighting on /sources/{id}: #L10-L14 marks lines 10..14 (CSS :target only
//     handles one line); shift-click a line number to extend the range;
//  3. on /p/{id}: scroll the marked paragraph into view when the URL has no anchor;
//  4. on a phone, the search filters start folded (the page sends them open, for no-JS);
//  5. on /docs: 运行示例 fetches an example request and shows this archive's answer.
(function () {
  "use strict";

  function say(button, text) {
    var status = button.parentNode.querySelector(".copy-status");
    var target = status || button;
    var before = target.textContent;
    target.textContent = text;
    if (!status) { setTimeout(function () { target.textContent = before; }, 1500); }
  }

  function fallbackCopy(button, text) {
    var selector = button.getAttribute("data-copy-target");
    var field = selector ? document.querySelector(selector) : null;
    var temporary = !field;
    if (temporary) {
      field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
    }
    field.focus();
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    if (temporary) { document.body.removeChild(field); }
    say(button, ok ? "已复制" : "请按 Ctrl+C 复制");
  }

  function copy(button) {
    var path = button.getAttribute("data-copy-path");
    var text = path ? window.location.origin + path : button.getAttribute("data-copy");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say(button, "已复制"); },
        function () { fallbackCopy(button, text); }
      );
    } else {
      fallbackCopy(button, text);
    }
  }

  function highlightLines() {
    var match = /^#L(\d+)(?:-L?(\d+))?$/.exec(window.location.hash);
    var old = document.querySelectorAll(".line.hl");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("hl"); }
    if (!match) { return; }
    var start = parseInt(match[1], 10);
    var end = match[2] ? parseInt(match[2], 10) : start;
    if (end < start) { var swap = start; start = end; end = swap; }
    for (var n = start; n <= end && n - start < 5000; n++) {
      var line = document.getElementById("L" + n);
      if (line) { line.classList.add("hl"); }
    }
    var first = document.getElementById("L" + start);
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  function extendRange(event) {
    var link = event.target.closest(".line .ln");
    if (!link || !event.shiftKey) { return; }
    var current = /^#L(\d+)/.exec(window.location.hash);
    if (!current) { return; }
    event.preventDefault();
    var here = link.getAttribute("href").slice(2);
    history.replaceState(null, "", "#L" + current[1] + "-L" + here);
    highlightLines();
  }

  function runExample(button) {
    var out = document.getElementById(button.getAttribute("aria-controls"));
    out.hidden = false;
    out.textContent = "请求中…";
    fetch(button.getAttribute("data-url"), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var text = JSON.stringify(data, null, 2);
        out.textContent = text.length > 4000 ? text.slice(0, 4000) + "\n…（已截断）" : text;
      })
      .catch(function () { out.textContent = "请求失败。"; });
  }

  document.addEventListener("click", function (event) {
    var example = event.target.closest("button.run-example");
    if (example) { runExample(example); return; }
    var button = event.target.closest("button[data-copy], button[data-copy-path]");
    if (button) { copy(button); return; }
    extendRange(event);
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector(".source-text")) {
      highlightLines();
      window.addEventListener("hashchange", highlightLines);
    }
    var panel = document.querySelector("details.filters-panel");
    if (panel && window.matchMedia("(max-width: 760px)").matches) {
      panel.removeAttribute("open");
    }
    var marked = document.querySelector(".passage-page .para.marked");
    if (marked && !window.location.hash) {
      marked.scrollIntoView({ block: "start" });
    }
  });
})();
