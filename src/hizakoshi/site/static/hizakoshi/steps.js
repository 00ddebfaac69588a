// Progressive enhancement for the self-check: a question that depends on an answer on the same
// screen stays hidden until that answer is given. Without JavaScript it is shown with a note
// saying when to answer it, and the server ignores it when it does not apply.
(function () {
  var form = document.getElementById("step-form");
  if (!form) return;
  var dependents = form.querySelectorAll("[data-show-if-name]");
  if (!dependents.length) return;
  function update() {
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
  form.addEventListener("change", update);
  update();
})();
