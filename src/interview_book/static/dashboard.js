// The progress dashboard on the static site: fills section.ib-learner.ib-dashboard (site_views.dashboard)
// from this browser's answer history: a table per chapter and sub-topic, weakest first, and a bar
// chart of the weakest sub-topics beside it (hidden from screen readers: the table holds the data).
(function () {
  "use strict";
  var L = window.interviewBookLearner, el = L.element;
  var CHART_ROWS = 10;

  function percent(share) { return share === null ? "–" : Math.round(share * 100) + "%"; }

  function notice(text, extra) {
    return el("div", {"class": "ib-learner-notice", role: "status"}, [el("p", {text: text})].concat(extra || []));
  }

  function chaptersLink(catalogue, text) {
    var first = catalogue.chapters[0];
    return el("a", {href: L.link(first ? first.page : "index.html"), text: text});
  }

  function table(rows, catalogue) {
    var titles = {};
    catalogue.chapters.forEach(function (chapter) { titles[chapter.number] = chapter.title; });
    var node = el("table", {"class": "ib-learner-table"});
    node.createCaption().textContent = "Your answers per chapter and sub-topic, weakest first " +
      "(sub-topics you have not practised yet come last)";
    var head = node.createTHead().insertRow();
    ["Chapter", "Sub-topic", "Questions answered", "Share correct", "Exercises solved", "Share wrong (all runs)"]
      .forEach(function (name) { head.appendChild(el("th", {scope: "col", text: name})); });
    var body = node.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      tr.className = row.weakness === null ? "ib-untouched" : "";
      tr.appendChild(el("td", {text: row.chapter + ". " + titles[row.chapter]}));
      tr.appendChild(el("th", {scope: "row", text: row.subtopic}));
      tr.appendChild(el("td", {text: row.answered + " of " + row.questions +
                                (row.answers > row.answered ? " (" + row.answers + " answers)" : "")}));
      tr.appendChild(el("td", {text: percent(row.share_correct)}));
      tr.appendChild(el("td", {text: row.exercises ? row.solved + " of " + row.exercises : "–"}));
      tr.appendChild(el("td", {text: percent(row.weakness)}));
    });
    return node;
  }

  // A horizontal bar per practised sub-topic (share correct), coloured by the theme's variables.
  function chart(rows) {
    var touched = rows.filter(function (row) { return row.weakness !== null; }).slice(0, CHART_ROWS);
    if (!touched.length) return null;
    var NS = "http://www.w3.org/2000/svg", labelWidth = 260, barWidth = 300, line = 26;
    var svg = document.createElementNS(NS, "svg");
    var height = touched.length * line + 8;
    svg.setAttribute("viewBox", "0 0 " + (labelWidth + barWidth + 60) + " " + height);
    svg.setAttribute("class", "ib-learner-chart");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    touched.forEach(function (row, index) {
      var y = index * line + 4, correct = 1 - row.weakness;
      var label = document.createElementNS(NS, "text");
      label.setAttribute("x", labelWidth - 8);
      label.setAttribute("y", y + 16);
      label.setAttribute("text-anchor", "end");
      label.textContent = row.chapter + " · " + (row.subtopic.length > 34 ? row.subtopic.slice(0, 33) + "…" : row.subtopic);
      var track = document.createElementNS(NS, "rect");
      track.setAttribute("x", labelWidth); track.setAttribute("y", y + 3);
      track.setAttribute("width", barWidth); track.setAttribute("height", 16);
      track.setAttribute("class", "ib-track");
      var bar = document.createElementNS(NS, "rect");
      bar.setAttribute("x", labelWidth); bar.setAttribute("y", y + 3);
      bar.setAttribute("width", Math.max(1, Math.round(correct * barWidth))); bar.setAttribute("height", 16);
      bar.setAttribute("class", "ib-bar");
      var value = document.createElementNS(NS, "text");
      value.setAttribute("x", labelWidth + barWidth + 6); value.setAttribute("y", y + 16);
      value.textContent = Math.round(correct * 100) + "%";
      svg.appendChild(label); svg.appendChild(track); svg.appendChild(bar); svg.appendChild(value);
    });
    return el("figure", {"class": "ib-learner-figure"}, [
      svg, el("figcaption", {text: "Share of right answers and passing runs in your " + touched.length +
                             " weakest practised sub-topics (the table holds the same numbers)."})]);
  }

  function entries(count) { return count + (count === 1 ? " entry" : " entries"); }

  // Save the history as a file (the format transfer.py reads in a kernel) and add one to it.
  // The same element stays through re-renders, so its live region announces each report.
  function transfer(section, catalogue) {
    var status = el("p", {"class": "ib-transfer-status", role: "status", "aria-live": "polite"});
    var save = el("button", {type: "button", text: "Save this browser's history as a file"});
    save.addEventListener("click", function () {
      var saved = L.readHistory().entries, name = "interview-book-history-" + L.today() + ".json";
      var blob = new Blob([JSON.stringify({format: L.HISTORY_KEY, entries: saved}, null, 1) + "\n"],
                          {type: "application/json"});
      var link = el("a", {href: URL.createObjectURL(blob), download: name});
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      status.textContent = "Saved " + entries(saved.length) + " as " + name + ".";
    });
    var input = el("input", {type: "file", id: "ib-history-file", accept: ".json,application/json"});
    input.addEventListener("change", function () {
      var file = input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var data = null;
        try { data = JSON.parse(text); } catch (error) { /* named below */ }
        if (!data || data.format !== L.HISTORY_KEY || !Array.isArray(data.entries)) {
          status.textContent = file.name + " is not a history file of this book (one saved on this page, or by " +
                               "python -m interview_book.transfer export); nothing was added.";
          input.value = "";
          return;
        }
        var stored = L.readHistory(), merged = L.mergeHistory(stored.entries, data.entries, catalogue);
        if (merged.added && !L.writeHistory(merged.entries)) {
          status.textContent = "This browser did not let the book save (storage blocked or full); nothing was added.";
          return;
        }
        var report = "Added " + entries(merged.added) + " from " + file.name + "; " + merged.present +
                     " already here" + (merged.skipped ? ", " + merged.skipped + " could not be read or are no " +
                     "longer in the book" : "") + (merged.dropped ? "; the " + merged.dropped + " oldest were " +
                     "dropped to keep " + L.HISTORY_CAP : "") + ".";
        render(section, catalogue, L.readHistory());
        input.value = "";
        input.focus();
        status.textContent = report;
      }, function () {
        status.textContent = file.name + " could not be read; nothing was added.";
      });
    });
    return el("div", {"class": "ib-transfer"}, [
      el("h2", {text: "Move your progress"}),
      el("p", {}, ["To carry your answers to another browser or to the notebooks, save this browser's history " +
                   "as a file, then add it there: on this page, or in a terminal or notebook with ",
                   el("code", {text: "python -m interview_book.transfer import FILE"}),
                   " (and ", el("code", {text: "export FILE"}), " for the way back). Entries already there are " +
                   "not added twice."]),
      el("p", {}, [save]),
      el("p", {}, [el("label", {"for": "ib-history-file", text: "Add the answers of a history file: "}), input]),
      status]);
  }

  function render(section, catalogue, stored) {
    var parts = [];
    if (stored.blocked) {
      parts.push(notice("This browser does not let the book use its local storage (a private window or " +
                        "blocked site data), so no answers are kept and there is nothing to show."));
    } else if (stored.corrupt) {
      parts.push(notice("Your stored answer history could not be read. It was kept aside, unchanged, under " +
                        "the key " + L.HISTORY_KEY + ".corrupt in this browser's storage, and a fresh history " +
                        "starts with your next answer."));
    } else if (stored.keptAside) {
      parts.push(notice("An earlier answer history that could not be read is still kept aside under the key " +
                        L.HISTORY_KEY + ".corrupt; it is not counted here."));
    }
    var rows = L.summary(stored.entries, catalogue);
    var practised = rows.filter(function (row) { return row.weakness !== null; });
    if (!practised.length) {
      if (!stored.corrupt && !stored.blocked) {
        parts.push(notice("You have not answered any self-check or run any exercise in this browser yet. ",
                          [el("p", {}, ["Start with ", chaptersLink(catalogue, "the first chapter"),
                                        ", or any chapter in the menu: the self-checks at the end of each part " +
                                        "and the exercises are counted here."])]));
      }
    } else {
      var answers = 0;
      practised.forEach(function (row) { answers += row.answered; });
      parts.push(el("p", {"class": "ib-learner-lead",
                          text: "You have answered " + answers + " distinct self-check questions in " +
                                practised.length + " sub-topics. The weakest sub-topic is “" +
                                practised[0].subtopic + "” (chapter " + practised[0].chapter + ")."}));
      var figure = chart(rows);
      if (figure) parts.push(figure);
      // Scrolls on its own in a narrow window instead of widening the page; focusable to scroll by keyboard.
      parts.push(el("div", {"class": "ib-learner-scroll", tabindex: "0", role: "region",
                            "aria-label": "Your answers per chapter and sub-topic"}, [table(rows, catalogue)]));
    }
    if (!stored.blocked) parts.push(section.querySelector(".ib-transfer") || transfer(section, catalogue));
    section.replaceChildren.apply(section, parts);
  }

  function activate(section) {
    if (section.dataset.ibReady) return;
    section.dataset.ibReady = "yes";
    L.loadCatalogue().then(function (catalogue) {
      render(section, catalogue, L.readHistory());
    }, function (error) {
      section.replaceChildren(notice("The book's list of questions could not be loaded (" + error.message +
                                     "); reload the page to try again."));
    });
  }

  function activateAll() { document.querySelectorAll("section.ib-learner.ib-dashboard").forEach(activate); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", activateAll);
  else activateAll();
})();
