// A code block too wide for the screen can be scrolled from the keyboard: it takes
// tabindex="0" as soon as the browser lays it out too wide. Material does the same when
// it sets a block up, but with content.lazy (mkdocs.yml) only once the block scrolls into
// view, which leaves the blocks further down out of reach of Tab until then.
// A ResizeObserver reports sizes after layout, so this reads no layout while a page loads.
(function () {
  "use strict";
  if (!window.ResizeObserver) return;

  var observer = new window.ResizeObserver(function (entries) {
    // Every size first, then every change: a write between reads would force a layout.
    var wide = entries.map(function (entry) {
      return entry.target.scrollWidth > entry.target.clientWidth;
    });
    entries.forEach(function (entry, index) {
      if (wide[index]) entry.target.setAttribute("tabindex", "0");
      else entry.target.removeAttribute("tabindex");
    });
  });

  function watch() {
    observer.disconnect();  // instant navigation: the previous page's blocks are gone
    var blocks = document.querySelectorAll("pre:not(.mermaid) > code");
    for (var i = 0; i < blocks.length; i++) observer.observe(blocks[i]);
  }

  var documents = window.document$;  // Material's page observable (instant navigation)
  if (documents && documents.subscribe) documents.subscribe(watch);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
