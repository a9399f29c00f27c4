// After a form comes back with errors, the focus moves to the summary of what went wrong (or to the first invalid
// field when the page shows errors beside the fields only), so a keyboard or screen-reader user starts there
// instead of at the top of the page. Without JavaScript the summary is still announced (role="alert").
(() => {
  "use strict";
  // An empty summary (class validation-summary-valid) is on every form page; only one that says something counts.
  const summary = [...document.querySelectorAll(".validation-summary-errors, .error[role=alert]")]
    .find(e => !e.classList.contains("validation-summary-valid") && e.textContent.trim() !== "");
  const target = summary ?? document.querySelector("[aria-invalid=true]");
  if (!target) {
    return;
  }

  if (summary && !summary.hasAttribute("tabindex")) {
    summary.setAttribute("tabindex", "-1");
  }

  target.focus();
})();
