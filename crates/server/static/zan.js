// zan's only script; the pages work without it. It shows the print button and the
// on-screen Kazakh and Kyrgyz letters, which type into the search box at the cursor.
"use strict";
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
var box = document.querySelector("form.search input[name=q]");
document.querySelectorAll(".keys").forEach(function (keys) { keys.hidden = !box; });
document.querySelectorAll("[data-insert]").forEach(function (key) {
  // Keep the caret in the box while the key is pressed.
  key.addEventListener("mousedown", function (event) { event.preventDefault(); });
  key.addEventListener("click", function () {
    var start = box.selectionStart === null ? box.value.length : box.selectionStart;
    var end = box.selectionEnd === null ? start : box.selectionEnd;
    box.setRangeText(key.getAttribute("data-insert"), start, end, "end");
    box.focus();
  });
});
