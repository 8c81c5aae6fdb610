// Runs static/learner.js under node for tests/test_learner.py: reads the cases (JSON) on stdin and
// writes, for each, what the browser would compute: states, due list, next due day, summary and what
// adding a history file would add.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const source = fs.readFileSync(path.join(__dirname, "..", "src", "interview_book", "static", "learner.js"), "utf-8");
const context = {window: {}, document: {currentScript: {src: "http://127.0.0.1/_static/interview-book/learner.js"}},
                 URL, console, Date, Math, JSON, fetch: undefined};
vm.createContext(context);
vm.runInContext(source, context);
const learner = context.window.interviewBookLearner;
const input = JSON.parse(fs.readFileSync(0, "utf-8"));
const out = input.cases.map((item) => {
  const known = learner.states(item.today, item.history, input.catalogue.cards);
  return {
    states: known,
    due: learner.due(item.today, item.history, input.catalogue.cards, {newPerDay: item.new_per_day})
      .map((entry) => [learner.keyOf(entry.card), entry.state ? entry.state.due : null]),
    next_due: learner.nextDue(item.today, item.history, input.catalogue.cards),
    skipped: learner.events(item.history).skipped,
    summary: learner.summary(item.history, input.catalogue),
    // the first half already stored, then the whole history added from a file
    merge: (() => {
      const merged = learner.mergeHistory(item.history.slice(0, Math.floor(item.history.length / 2)), item.history,
                                          input.catalogue);
      return [merged.added, merged.present, merged.skipped];
    })(),
  };
});
process.stdout.write(JSON.stringify(out));
