// The difficulty filter of the book-wide interview question page. The page lists every question
// without JavaScript; this script shows the filter's checkboxes, hides the questions whose
// difficulty is unticked (and a chapter left with none), and says in a live region how many remain.
(() => {
  "use strict";

  function init() {
    const filter = document.querySelector(".ib-iq-filter");
    if (!filter) return;
    const boxes = [...filter.querySelectorAll("input[type=checkbox]")];
    const status = filter.querySelector(".ib-iq-shown");
    const items = [...document.querySelectorAll(".ib-iq-chapter li[data-difficulty]")];

    function apply() {
      const wanted = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
      let shown = 0;
      for (const item of items) {
        item.hidden = !wanted.has(item.dataset.difficulty);
        if (!item.hidden) shown += 1;
      }
      for (const chapter of document.querySelectorAll(".ib-iq-chapter")) {
        chapter.hidden = !chapter.querySelector("li:not([hidden])");
      }
      if (wanted.size === 0) {
        status.textContent = "No difficulty is ticked: tick at least one to list questions.";
      } else if (shown === items.length) {
        status.textContent = `All ${items.length} questions are listed.`;
      } else {
        status.textContent = `${shown} of ${items.length} questions are listed (${[...wanted].join(", ")}).`;
      }
    }

    boxes.forEach((box) => box.addEventListener("change", apply));
    filter.hidden = false;
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
