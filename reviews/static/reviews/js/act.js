/* 审核 (reviews/includes/act_form.html): the chosen result's confirmation question — 重置流程 and
   不通过 carry one in data-confirm-choice — is put on the form as data-confirm, which the site's handler
   for form[data-confirm] asks before the form is sent; 通过 and 返回修改 take it away. */
document.addEventListener("change", function (event) {
  var radio = event.target;
  if (!radio || radio.name !== "action" || !radio.form || !radio.form.hasAttribute("data-act-form")) return;
  if (radio.getAttribute("data-confirm-choice")) {
    radio.form.setAttribute("data-confirm", radio.getAttribute("data-confirm-choice"));
  } else {
    radio.form.removeAttribute("data-confirm");
  }
});

/* Choosing 返回修改 unfolds its checklist. */
document.addEventListener("change", function (event) {
  var radio = event.target;
  if (!radio || radio.name !== "action" || radio.value !== "return" || !radio.form) return;
  var items = radio.form.querySelector("details.return-items");
  if (items) items.open = true;
});
