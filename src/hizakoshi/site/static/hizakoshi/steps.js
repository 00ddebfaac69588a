// Progressive enhancement for the self-check.
// 1. A question that depends on an answer on the same screen stays hidden until that answer is
//    given. Without JavaScript it is shown with a note saying when to answer it, and the server
//    ignores it when it does not apply.
// 2. Stop at once: an answer the server marked data-stop="emergency|same_day" (from the red-flag
//    rules) shows the "see what to do now" button on this screen as soon as it is ticked.
//    Without JavaScript the server shows the same button on the next screen.
(function () {
  var form = document.getElementById("step-form");
  if (!form) return;
  var dependents = form.querySelectorAll("[data-show-if-name]");
  var panel = document.getElementById("stop-now");
  var ORDER = ["emergency", "same_day"];

  function updateDependents() {
    dependents.forEach(function (field) {
      var name = field.getAttribute("data-show-if-name");
      var wanted = field.getAttribute("data-show-if-values").split(" ");
      var chosen = form.querySelectorAll('input[name="' + name + '"]:checked');
      var show = Array.prototype.some.call(chosen, function (input) {
        return wanted.indexOf(input.value) !== -1;
      });
      field.hidden = !show && !field.classList.contains("has-error");
    });
  }

  function rank(level) {
    var i = ORDER.indexOf(level);
    return i === -1 ? ORDER.length : i;
  }

  function updateStop() {
    if (!panel) return;
    // A sign the server found on this screen (e.g. from two answers together) stays.
    var level = panel.getAttribute("data-stop-here") || "";
    form.querySelectorAll("input[data-stop]:checked").forEach(function (input) {
      var found = input.getAttribute("data-stop");
      if (rank(found) < rank(level)) level = found;
    });
    // A banner at the top already offers the button for a sign on an earlier screen.
    var base = panel.getAttribute("data-stop-base");
    var show = level !== "" && rank(level) < rank(base);
    panel.hidden = !show;
    if (!show) return;
    ORDER.forEach(function (name) {
      panel.classList.toggle("stop-now-" + name, name === level);
    });
    panel.querySelectorAll("[data-stop-level]").forEach(function (part) {
      part.hidden = part.getAttribute("data-stop-level") !== level;
    });
  }

  form.addEventListener("change", function () {
    updateDependents();
    updateStop();
  });
  updateDependents();
  updateStop();
})();
