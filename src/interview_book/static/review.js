// The spaced review on the static site: fills section.ib-learner.ib-review (site_views.review) with
// today's cards (learner.js's port of review.due), one at a time across chapters. Question cards are
// asked and graded here and recorded in the answer history, so the schedule moves; exercise cards
// link to the exercise on its chapter page, where a run of its tests counts as the review.
(function () {
  "use strict";
  var L = window.interviewBookLearner, el = L.element;
  function count(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }
  var NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

  // The grading rules of grading.py / selfcheck.js.
  function normalize(text) { return text.trim().split(/\s+/).join(" ").toLowerCase(); }
  function grade(card, response) {
    if (card.type === "single") return response === null ? "choose-one" : response === card.answer ? "correct" : "incorrect";
    if (card.type === "multiple") {
      if (!response.length) return "choose-some";
      return response.slice().sort().join(",") === card.answer.slice().sort().join(",") ? "correct" : "incorrect";
    }
    var text = response.trim();
    if (text === "") return "empty";
    if (card.type === "numeric") {
      if (!NUMBER.test(text)) return "not-a-number";
      return Math.abs(parseFloat(text) - card.answer) <= (card.tolerance || 0) + 1e-9 ? "correct" : "incorrect";
    }
    return card.answer.map(normalize).indexOf(normalize(text)) !== -1 ? "correct" : "incorrect";
  }

  function subtopicTitle(catalogue, card) {
    var chapter = catalogue.chapters.filter(function (c) { return c.number === card.chapter; })[0];
    var sub = chapter && chapter.subtopics.filter(function (s) { return s.slug === card.topic; })[0];
    return {chapter: chapter, title: (chapter ? chapter.number + ". " + chapter.title : "") + (sub ? " · " + sub.title : "")};
  }

  function Session(section, catalogue) {
    this.section = section;
    this.catalogue = catalogue;
    this.status = el("p", {"class": "ib-review-progress", role: "status", "aria-live": "polite"});
    this.stage = el("div", {"class": "ib-review-stage"});
    this.results = {correct: 0, incorrect: 0, exercises: 0, skipped: 0};
  }

  Session.prototype.day = function () { return L.today(); };

  Session.prototype.nextDueText = function () {
    var day = this.day(), next = L.nextDue(day, L.readHistory().entries, this.catalogue.cards);
    return next === null ? "No card has a review date yet: answer a few self-checks first."
      : "Your next card is due " + L.describeDay(next, day) + ".";
  };

  Session.prototype.start = function () {
    var stored = L.readHistory(), day = this.day(), section = this.section, self = this;
    var intro = [];
    if (stored.corrupt) {
      intro.push(el("p", {"class": "ib-learner-notice", text: "Your stored answer history could not be read; " +
        "it was kept aside under the key " + L.HISTORY_KEY + ".corrupt, and the review starts from nothing."}));
    }
    if (stored.blocked) {
      intro.push(el("p", {"class": "ib-learner-notice", text: "This browser does not let the book use its local " +
        "storage, so answers given here are not kept and the schedule cannot move."}));
    }
    this.items = L.due(day, stored.entries, this.catalogue.cards);
    if (!this.items.length) {
      intro.push(el("p", {"class": "ib-review-nothing", text: "Nothing is due today. " + this.nextDueText()}));
      section.replaceChildren.apply(section, intro);
      return;
    }
    var reviews = this.items.filter(function (item) { return item.state; }).length;
    var fresh = this.items.length - reviews;
    var chapters = {};
    this.items.forEach(function (item) { chapters[item.card.chapter] = true; });
    var button = el("button", {type: "button", "class": "ib-review-start",
                               text: "Start today's review (" + count(this.items.length, "card") + ")"});
    button.addEventListener("click", function () {
      button.disabled = true;
      L.withDetails("card_details.json", self.catalogue.cards).then(function () { self.show(0); }, function (error) {
        button.disabled = false;
        self.status.textContent = "The cards could not be loaded (" + error.message + "); press the button to try again.";
      });
    });
    intro.push(el("p", {"class": "ib-review-intro",
                        text: count(this.items.length, "card") + " due today: " + reviews + " to review and " + fresh +
                              " new, from " + count(Object.keys(chapters).length, "chapter") + "."}), button);
    section.replaceChildren.apply(section, intro.concat([this.status, this.stage]));
  };

  Session.prototype.show = function (index) {
    if (index >= this.items.length) return this.finish();
    var item = this.items[index], card = item.card, where = subtopicTitle(this.catalogue, card);
    var start = this.section.querySelector(".ib-review-start");
    if (start) start.remove();
    this.status.textContent = "Card " + (index + 1) + " of " + this.items.length +
      (item.state ? " (review, box " + item.state.box + ")" : " (new card)");
    var heading = el("h3", {"class": "ib-review-card-title", tabindex: "-1",
                            text: (card.kind === "question" ? "Question" : "Exercise") + " from chapter " + where.title});
    var body = card.kind === "question" ? this.question(card, index) : this.exercise(card, index);
    this.stage.replaceChildren(heading, body);
    heading.focus();
  };

  Session.prototype.nextButton = function (index) {
    var self = this, last = index + 1 >= this.items.length;
    var button = el("button", {type: "button", "class": "ib-review-next", text: last ? "Finish the review" : "Next card"});
    button.addEventListener("click", function () { self.show(index + 1); });
    return button;
  };

  Session.prototype.question = function (card, index) {
    var self = this, base = "ib-review-q-" + index, controls = [];
    if (card.type === "single" || card.type === "multiple") {
      controls.push(el("p", {"class": "ib-hint", text: card.type === "single" ? "Choose one answer." :
                                                         "Choose every answer that applies."}));
      card.options_html.forEach(function (option, i) {
        var input = el("input", {type: card.type === "single" ? "radio" : "checkbox", name: base, id: base + "-" + i, value: String(i)});
        var label = el("label", {"class": "ib-option", "for": base + "-" + i}, [input, " "]);
        label.appendChild(el("span", {html: option}));
        controls.push(label);
      });
    } else {
      controls.push(el("label", {"for": base + "-input", text: "Your answer (" + (card.type === "numeric" ? "a number" : "a short answer") + "): "}));
      controls.push(el("input", {type: "text", id: base + "-input", autocomplete: "off", spellcheck: "false"}));
    }
    var legend = el("legend", {html: card.prompt_html});
    var fieldset = el("fieldset", {}, [legend].concat(controls));
    var check = el("button", {type: "submit", text: "Check answer"});
    var feedback = el("div", {"class": "ib-feedback", role: "status", "aria-live": "polite"});
    var explanation = el("div", {"class": "ib-explanation", hidden: "", html: card.explanation_html});
    var form = el("form", {"class": "ib-review-question", novalidate: ""}, [fieldset, check, feedback, explanation]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.dataset.done) return;
      var response;
      if (card.type === "single") {
        var picked = form.querySelector("input:checked");
        response = picked ? Number(picked.value) : null;
      } else if (card.type === "multiple") {
        response = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (box) { return Number(box.value); });
      } else {
        response = form.querySelector("input[type=text]").value;
      }
      var result = grade(card, response);
      feedback.textContent = self.catalogue.messages[result];
      feedback.className = "ib-feedback ib-" + (result === "correct" || result === "incorrect" ? result : "invalid");
      if (result !== "correct" && result !== "incorrect") return;
      form.dataset.done = "yes";
      self.results[result] += 1;
      var saved = L.appendHistory({kind: "question", id: card.id, status: result, at: new Date().toISOString()});
      if (!saved) feedback.textContent += " (This answer could not be saved in this browser.)";
      explanation.hidden = false;
      form.querySelectorAll("input, button[type=submit]").forEach(function (input) { input.disabled = true; });
      var next = self.nextButton(index);
      form.appendChild(next);
      next.focus();
    });
    return form;
  };

  Session.prototype.exercise = function (card, index) {
    var self = this, next = this.nextButton(index);
    next.addEventListener("click", function () { self.results.exercises += 1; }, {capture: true});
    return el("div", {"class": "ib-review-exercise"}, [
      el("p", {}, [el("strong", {text: card.title}), " (" + card.difficulty + ")"]),
      el("p", {}, ["Exercises are reviewed on their chapter page: ",
                   el("a", {href: L.link(card.link), target: "_blank", rel: "noopener", text: "open “" + card.title + "” (new tab)"}),
                   " and run its tests; the run is recorded and counts as this card's review. Then come back and go on."]),
      next]);
  };

  Session.prototype.finish = function () {
    var r = this.results;
    this.status.textContent = "Review finished.";
    var heading = el("h3", {tabindex: "-1", text: "Today's review is done"});
    var lines = [el("p", {"class": "ib-review-summary",
                          text: "You answered " + count(r.correct + r.incorrect, "question") + ": " + r.correct + " right, " +
                                r.incorrect + " wrong (those come back tomorrow). " +
                                (r.exercises ? count(r.exercises, "exercise") + " to run on their chapter pages. " : "")}),
                 el("p", {"class": "ib-review-next-due", text: this.nextDueText()})];
    this.stage.replaceChildren.apply(this.stage, [heading].concat(lines));
    heading.focus();
  };

  function activate(section) {
    if (section.dataset.ibReady) return;
    section.dataset.ibReady = "yes";
    L.loadCatalogue().then(function (catalogue) {
      new Session(section, catalogue).start();
    }, function (error) {
      section.replaceChildren(el("p", {"class": "ib-learner-notice", role: "status",
        text: "The book's list of questions could not be loaded (" + error.message + "); reload the page to try again."}));
    });
  }

  function activateAll() { document.querySelectorAll("section.ib-learner.ib-review").forEach(activate); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", activateAll);
  else activateAll();
})();
