// Keyboard shortcuts of the menu: a link with data-key="N" opens on Alt+N
// (the desk's "Tiếp nhận hồ sơ"). The links carry accesskey too, which works
// without JavaScript but differs between browsers (Alt+Shift in Firefox);
// this makes Alt+key the same everywhere.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (!e.altKey || e.ctrlKey || e.metaKey || !e.code || e.code.indexOf("Key") !== 0) {
      return;
    }
    var key = e.code.slice(3);
    var link = document.querySelector('a[data-key="' + key + '"]');
    if (link) {
      e.preventDefault();
      window.location.assign(link.href);
    }
  });
})();
