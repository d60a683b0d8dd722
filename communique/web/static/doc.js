// The document view's only script: highlight the words of a side-panel item, find the items of
// clicked words, and switch layers off and on. The page is readable without it.
//
// The text arrives cut into <span data-s=OFFSET> pieces, one per stretch no layer boundary falls
// inside (see communique/web/markup.py), so an item's span [start, end) is exactly the pieces whose
// offsets lie in it: a binary search finds the first, the rest follow in document order.
(function () {
  "use strict";
  var text = document.getElementById("text");
  var panel = document.getElementById("panel");
  if (!text) return;
  var pieces = Array.prototype.slice.call(text.querySelectorAll("span[data-s]"));
  var starts = pieces.map(function (p) { return parseInt(p.getAttribute("data-s"), 10); });
  var lit = [];

  // index of the last piece starting at or before offset
  function pieceAt(offset) {
    var lo = 0, hi = starts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= offset) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function parseSpans(value) {
    return (value || "").split(/[\s,]+/).map(function (pair) {
      var m = /^(\d+)-(\d+)$/.exec(pair);
      return m ? [parseInt(m[1], 10), parseInt(m[2], 10)] : null;
    }).filter(function (s) { return s && s[1] > s[0]; });
  }

  function clear() {
    lit.forEach(function (p) { p.classList.remove("hl"); });
    lit = [];
  }

  function highlight(spans, scroll) {
    clear();
    spans.forEach(function (span) {
      for (var i = pieceAt(span[0]); i < pieces.length && starts[i] < span[1]; i++) {
        pieces[i].classList.add("hl");
        lit.push(pieces[i]);
      }
    });
    if (scroll && lit.length) lit[0].scrollIntoView({ block: "center" });
    return lit.length;
  }

  function activate(button, scroll) {
    var spans = parseSpans(button.getAttribute("data-spans"));
    if (!spans.length) {
      spans = parseSpans(button.getAttribute("data-start") + "-" + button.getAttribute("data-end"));
    }
    if (panel) {
      panel.querySelectorAll(".item.active").forEach(function (b) { b.classList.remove("active"); });
    }
    button.classList.add("active");
    highlight(spans, scroll);
    if (history.replaceState) history.replaceState(null, "", "#item=" + button.getAttribute("data-item"));
  }

  if (panel) {
    panel.addEventListener("click", function (ev) {
      var button = ev.target.closest("button.item");
      if (button) activate(button, true);
    });
  }

  // clicking the text shows which panel items cover the clicked words
  text.addEventListener("click", function (ev) {
    if (ev.target.closest("a")) return;
    var piece = ev.target.closest("span[data-s]");
    if (!piece || !panel) return;
    panel.querySelectorAll(".item.sel").forEach(function (b) { b.classList.remove("sel"); });
    var ids = (piece.getAttribute("data-i") || "").split(" ").filter(Boolean);
    var first = null;
    ids.forEach(function (id) {
      var li = document.getElementById("item-" + id);
      var button = li && li.querySelector("button.item");
      if (!button) return;
      button.classList.add("sel");
      var details = li.closest("details");
      if (details) details.open = true;
      if (!first) first = li;
    });
    if (first) first.scrollIntoView({ block: "nearest" });
  });

  // legend: a layer's checkbox toggles class no-<layer> on the text
  document.querySelectorAll("#legend input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("no-" + box.getAttribute("data-layer"), !box.checked);
    });
  });

  // arriving with #span=START-END (links from other pages) or #item=ID highlights it
  function fromHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("span=") === 0) {
      highlight(parseSpans(hash.slice(5)), true);
    } else if (hash.indexOf("item=") === 0) {
      var li = document.getElementById("item-" + hash.slice(5));
      var button = li && li.querySelector("button.item");
      if (button) {
        var details = li.closest("details");
        if (details) details.open = true;
        activate(button, true);
      }
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
