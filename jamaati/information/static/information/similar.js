/* While the person describes the information sought, show the similar requests already made
   to this body (a server-rendered fragment of the register). Without JavaScript, the form's
   "Check the answers already given" button does the same. */
(function () {
  "use strict";
  var box = document.querySelector("[data-similar]");
  var text = document.getElementById("id_sought");
  if (!box || !text || !window.fetch) return;
  var timer = null;
  var last = "";
  text.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var q = text.value.trim();
      if (q.length < 10 || q === last) return;
      last = q;
      fetch(box.dataset.similar + "?q=" + encodeURIComponent(q.slice(0, 1000)), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      })
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          if (html && q === last) box.innerHTML = html;
        })
        .catch(function () {});
    }, 600);
  });
})();
