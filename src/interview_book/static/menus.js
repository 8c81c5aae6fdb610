// The page header's dropdown menus (launch, source, download) without the theme's Bootstrap bundle
// (79 KiB), which the book used for nothing else. A toggle opens the menu that follows it; Escape,
// a click elsewhere or focus leaving the menu closes it; ArrowDown and ArrowUp move between its
// items. Icon buttons keep their native title as tooltip (the theme switch gets one from its
// data-bs-title).
(() => {
  "use strict";
  const toggles = () => [...document.querySelectorAll('[data-bs-toggle="dropdown"]')];
  const isOpen = (toggle) => toggle.getAttribute("aria-expanded") === "true";
  const items = (toggle) => [...(toggle.nextElementSibling?.querySelectorAll("a[href], button") ?? [])];

  function setOpen(toggle, open) {
    toggle.classList.toggle("show", open);
    toggle.nextElementSibling?.classList.toggle("show", open);
    toggle.setAttribute("aria-expanded", String(open));
  }

  function moveFocus(toggle, step) {
    const list = items(toggle);
    if (!list.length) return;
    setOpen(toggle, true);
    const at = list.indexOf(document.activeElement);
    list[(at === -1 ? (step > 0 ? 0 : list.length - 1) : at + step + list.length) % list.length].focus();
  }

  function init() {
    document.querySelectorAll("[data-bs-title]:not([title])").forEach((element) => {
      element.title = element.dataset.bsTitle;
    });
    for (const toggle of toggles()) {
      const dropdown = toggle.parentElement;
      toggle.addEventListener("click", () => {
        const open = !isOpen(toggle);
        toggles().forEach((other) => setOpen(other, false));
        setOpen(toggle, open);
      });
      dropdown.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && isOpen(toggle)) {
          setOpen(toggle, false);
          toggle.focus();
          event.stopPropagation();
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          moveFocus(toggle, event.key === "ArrowDown" ? 1 : -1);
        }
      });
      dropdown.addEventListener("focusout", (event) => {
        if (!dropdown.contains(event.relatedTarget)) setOpen(toggle, false);
      });
    }
    document.addEventListener("click", (event) => {
      for (const toggle of toggles()) {
        if (!toggle.parentElement.contains(event.target)) setOpen(toggle, false);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
