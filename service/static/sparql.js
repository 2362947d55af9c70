// The SPARQL editor works without this file; it only adds conveniences:
// Ctrl/Cmd+Enter runs the query, Tab indents, an example link loads its query into the editor.
(function () {
  "use strict";
  var form = document.querySelector("form.sparql-form");
  if (!form) { return; }
  var area = form.querySelector("textarea");

  area.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
    } else if (e.key === "Tab" && !e.shiftKey) {
      e.preventDefault();
      var start = area.selectionStart;
      area.setRangeText("  ", start, area.selectionEnd, "end");
    }
  });

  form.addEventListener("submit", function () { form.classList.add("running"); });

  document.querySelectorAll("a.example").forEach(function (link) {
    link.addEventListener("click", function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) { return; }
      var tpl = document.querySelector('template[data-slug="' + link.dataset.slug + '"]');
      if (!tpl) { return; }
      e.preventDefault();
      area.value = tpl.content.textContent;
      area.focus();
    });
  });
}());
