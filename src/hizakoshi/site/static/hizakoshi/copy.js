// A "Copy" button beside a link field. Without JavaScript the button stays hidden and the field
// can still be selected and copied by hand.
(function () {
  function fallbackCopy(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  document.querySelectorAll("[data-copy-for]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-for"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field || !status) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        status.textContent = button.getAttribute("data-copied");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          if (fallbackCopy(field)) done();
        });
      } else if (fallbackCopy(field)) {
        done();
      }
    });
  });
})();
