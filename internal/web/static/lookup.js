// The receipt's QR code opens /tra-cuu?code=…#secret=…. The secret rides in
// the fragment, which the browser never sends to the server: it stays out
// of the server's and proxies' access logs and of Referer headers. This
// script moves it into the lookup form, takes it off the address bar and
// the history, and posts the form, so the applicant sees the dossier at
// once. Without JavaScript the code is filled in and the secret is typed
// from the receipt, where it is printed.
(function () {
  "use strict";
  var m = /(?:^#|&)secret=([^&]+)/.exec(window.location.hash);
  if (!m) {
    return;
  }
  var secret = "";
  try {
    secret = decodeURIComponent(m[1]);
  } catch (e) {
    return;
  }
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  var form = document.getElementById("lookup-form");
  var input = document.getElementById("f-secret");
  var code = document.getElementById("f-code");
  if (!form || !input) {
    return;
  }
  input.value = secret;
  if (code && code.value) {
    form.submit();
  }
})();
