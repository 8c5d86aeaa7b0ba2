(function () {
  "use strict";
  var boxes = document.querySelectorAll("input[data-toggle-label]");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function (ev) {
      var label = ev.target.getAttribute("data-toggle-label");
      document.body.classList.toggle("hide-" + label, !ev.target.checked);
    });
  }
  var counter = document.getElementById("mention-count");
  if (counter) {
    counter.textContent = String(document.querySelectorAll("mark.m").length);
  }
})();
