/** A form with `data-confirm="..."` asks before it is sent (a delete, an offboarding, ending every session). */
export function wireConfirmations(root: Document): void {
  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
}
