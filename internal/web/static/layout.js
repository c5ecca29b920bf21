// congvu: the phone menu and the labels of tables shown as cards. A file of
// its own (the Content-Security-Policy allows only scripts from this site,
// never inline code), loaded in the head so that the menu is folded before
// the first paint. Without scripts the menu stays open and the cards have no
// column labels: every page still works.
(function () {
  var root = document.documentElement;
  root.classList.add("js-menu");

  // Each cell of a list table gets its column's heading as data-label, which
  // layout.css prints before the value when the table becomes cards.
  function label(scope) {
    scope.querySelectorAll(".table-wrap table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (cell, i) {
          if (heads[i] && cell.colSpan === 1 && !cell.classList.contains("no") && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", heads[i]);
          }
        });
      });
    });
  }

  // A table too wide for the screen scrolls inside its frame; the frame
  // takes the keyboard focus so that it can be scrolled without a mouse.
  function focusable(scope) {
    scope.querySelectorAll(".table-wrap").forEach(function (frame) {
      // Only a tabindex this script added is taken away again: a frame the
      // page made focusable itself stays so.
      if (frame.scrollWidth > frame.clientWidth + 1) {
        if (!frame.hasAttribute("tabindex")) {
          frame.setAttribute("tabindex", "0");
          frame.dataset.focusable = "added";
        }
      } else if (frame.dataset.focusable === "added") {
        frame.removeAttribute("tabindex");
        delete frame.dataset.focusable;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var nav = document.getElementById("main-nav");
    if (button && nav) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open ? "true" : "false");
        nav.classList.toggle("open", open);
      });
    }
    // The menu's groups: one open at a time; Escape or a click elsewhere
    // closes it (without the script each simply opens and closes itself).
    var groups = document.querySelectorAll(".nav-group");
    groups.forEach(function (g) {
      g.addEventListener("toggle", function () {
        if (g.open) { groups.forEach(function (o) { if (o !== g) { o.open = false; } }); }
      });
    });
    document.addEventListener("click", function (e) {
      groups.forEach(function (g) { if (g.open && !g.contains(e.target)) { g.open = false; } });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") { return; }
      groups.forEach(function (g) {
        if (g.open) { g.open = false; g.querySelector("summary").focus(); }
      });
    });
    label(document);
    focusable(document);
    document.body.addEventListener("htmx:afterSettle", function (e) { label(e.target); focusable(e.target); });
    window.addEventListener("resize", function () { focusable(document); });
  });
})();
