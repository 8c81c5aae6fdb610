// Runs the draw of static/mock.js under node for tests/test_learner.py: reads cases (JSON) on stdin,
// writes for each the ids drawn (or the error message), and mulberry32's first outputs per seed.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const source = fs.readFileSync(path.join(__dirname, "..", "src", "interview_book", "static", "mock.js"), "utf-8");
const context = {window: {interviewBookLearner: {element: () => null}},
                 document: {readyState: "complete", querySelectorAll: () => []}, console, Math, JSON, Date};
vm.createContext(context);
vm.runInContext(source, context);
const mock = context.window.interviewBookMock;
const input = JSON.parse(fs.readFileSync(0, "utf-8"));
const out = {
  draws: input.cases.map((item) => {
    try {
      return mock.draw(item.count, {seed: item.seed, difficulty: item.difficulty, weights: item.weights,
                                    questions: input.pools[item.pool]}).map((q) => q.id);
    } catch (error) { return {error: error.message}; }
  }),
  weights: input.summaries.map((rows) => mock.weightsFrom(rows)),
  words: input.seeds.map((seed) => { const r = mock.mulberry32(seed); return [r(), r(), r()]; }),
};
process.stdout.write(JSON.stringify(out));
