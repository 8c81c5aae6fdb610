// The timed mock interview on the static site: fills section.ib-learner.ib-mock
// (site_views.mock_interview: data-questions, data-minutes-per-question, data-difficulty).
// Start draws N interview questions across chapters, favouring the reader's weakest sub-topics, by the
// rules of mock.draw (ported below; seeded mulberry32, the seed is stored with the session, so the
// draw can be repeated here or in a kernel with mock.draw(..., seed=seed)). Titles and model answers
// are the build's escaped HTML (interview.json: title_html; interview_answers.json, fetched on Start:
// spoken_html, full_html).
// Each question has a countdown, a text area, the model answer to reveal and a self-grading rubric;
// sessions are kept in localStorage under interview-book/mock/v1, in this browser only.
(function () {
  "use strict";
  var L = window.interviewBookLearner, el = L.element;
  var STORAGE_KEY = "interview-book/mock/v1", KEEP_SESSIONS = 50;
  var RUBRIC = [
    ["correctness", "Correctness", ["wrong or missing", "partly right", "right, no errors"]],
    ["depth", "Depth and trade-offs", ["none named", "one, briefly", "weighed with their costs"]],
    ["structure", "Structure", ["rambling", "some order", "clear: answer first, then reasons"]],
    ["communication", "Communication", ["hard to follow", "understandable", "concise and precise"]]
  ];
  var counter = 0;

  // --- seeded draw: a line-by-line port of mock.py (Mulberry32, weights_from, draw) --------------
  // The same seed, pool and weights give the same questions in the same order here and in a kernel;
  // tests/test_learner.py runs both on shared cases. Keep the two in step.
  var DIFFICULTIES = ["junior", "mid", "senior"];

  // mulberry32: one 32-bit word of state; random() is the next 32-bit output / 2**32.
  function mulberry32(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Mulberry32.index: a uniform position in a sequence of `size` items.
  function pickIndex(random, size) { return Math.min(Math.floor(random() * size), size - 1); }

  function newSeed() {
    try { return window.crypto.getRandomValues(new Uint32Array(1))[0]; }
    catch (error) { return (Date.now() ^ (Math.random() * 4294967296)) >>> 0; }
  }

  // A sub-topic is (chapter, slug); a question without metadata has no slug ("chapter/").
  function subtopicKey(chapter, topic) { return chapter + "/" + (topic === null || topic === undefined ? "" : topic); }

  // weights_from: 1 + 2 * weakness per touched sub-topic of a summary table (untouched: 1).
  function weightsFrom(rows) {
    var weights = {};
    rows.forEach(function (row) {
      var weakness = row.weakness;
      weights[subtopicKey(row.chapter, row.topic)] =
        weakness === null || weakness === undefined || weakness !== weakness ? 1 : 1 + 2 * weakness;
    });
    return weights;
  }

  function matches(questionDifficulty, wanted) {
    return wanted === null || wanted === undefined || wanted === "any" || questionDifficulty === wanted;
  }

  function filterPool(questions, difficulty) {
    return questions.filter(function (q) { return matches(q.difficulty, difficulty); });
  }

  // _weighted_choice: the first key whose running weight sum exceeds random() * total.
  function weightedChoice(random, keys, keyWeights) {
    var total = 0, index;
    for (index = 0; index < keyWeights.length; index++) total += keyWeights[index];
    var point = random() * total, running = 0;
    for (index = 0; index < keys.length; index++) {
      running += keyWeights[index];
      if (point < running) return keys[index];
    }
    return keys[keys.length - 1];
  }

  // draw: `count` different questions, at most one per sub-topic per round, weak sub-topics favoured.
  // options: {seed, difficulty ("any", null or a level; a question without one matches only "any"),
  // weights ({"chapter/slug": weight}, default 1), questions (the pool, in book order)}.
  function draw(count, options) {
    var difficulty = options.difficulty === undefined ? null : options.difficulty;
    if (!(difficulty === null || difficulty === "any" || DIFFICULTIES.indexOf(difficulty) >= 0)) {
      throw new Error("difficulty must be 'any' or one of ('" + DIFFICULTIES.join("', '") + "'), not '" + difficulty + "'");
    }
    var pool = filterPool(options.questions, difficulty), weights = options.weights || {};
    if (count < 0 || count > pool.length) {
      throw new Error("cannot draw " + count + " questions from a pool of " + pool.length +
                      " (difficulty " + (difficulty || "any") + ")");
    }
    var random = mulberry32(options.seed === null || options.seed === undefined ? newSeed() : options.seed);
    var groups = {}, sortKeys = {}, order = [];
    pool.forEach(function (question) {  // book order within a sub-topic
      var key = subtopicKey(question.chapter, question.topic);
      if (!groups[key]) {
        groups[key] = [];
        sortKeys[key] = [question.chapter, question.topic === null || question.topic === undefined ? "" : question.topic];
        order.push(key);
      }
      groups[key].push(question);
    });
    order.sort(function (x, y) {  // chapter, then slug (no slug first): _subtopic_order
      var a = sortKeys[x], b = sortKeys[y];
      if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
      return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
    });
    order.forEach(function (key) {  // a zero, negative or infinite weight would skew or break the draw
      var weight = Object.prototype.hasOwnProperty.call(weights, key) ? Number(weights[key]) : 1;
      if (!(isFinite(weight) && weight > 0)) {
        throw new Error("the weight of sub-topic " + key + " must be a finite number above 0");
      }
    });
    var chosen = [], used = {};
    while (chosen.length < count) {
      var open = order.filter(function (key) { return groups[key].length && !used[key]; });
      if (!open.length) { used = {}; continue; }
      var key = weightedChoice(random, open, open.map(function (k) {
        return Object.prototype.hasOwnProperty.call(weights, k) ? Number(weights[k]) : 1;
      }));
      var items = groups[key];
      chosen.push(items.splice(pickIndex(random, items.length), 1)[0]);
      used[key] = true;
    }
    return chosen;
  }

  // --- stored sessions ------------------------------------------------------------------------
  function readSessions() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORAGE_KEY); } catch (error) { return {sessions: [], blocked: true}; }
    if (!raw) return {sessions: []};
    try {
      var parsed = JSON.parse(raw);
      if (parsed && Array.isArray(parsed.sessions)) return {sessions: parsed.sessions};
    } catch (error) { /* unreadable: kept aside below */ }
    try {
      window.localStorage.setItem(STORAGE_KEY + ".corrupt", raw);
      window.localStorage.removeItem(STORAGE_KEY);
      console.warn("Saved mock interviews were unreadable; kept under " + STORAGE_KEY + ".corrupt");
    } catch (error) { /* nothing more can be done */ }
    return {sessions: [], corrupt: true};
  }

  function saveSession(session) {
    var sessions = readSessions().sessions.filter(function (s) { return s && s.id !== session.id; });
    sessions.push(session);
    if (sessions.length > KEEP_SESSIONS) sessions = sessions.slice(sessions.length - KEEP_SESSIONS);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({version: 1, sessions: sessions}));
      return true;
    } catch (error) { return false; }
  }

  function score(session) {
    var total = 0;
    session.items.forEach(function (item) {
      Object.keys(item.grades || {}).forEach(function (key) { total += item.grades[key] || 0; });
    });
    return total;
  }

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }

  // --- one mock interview element -------------------------------------------------------------
  function Mock(section, interview, catalogue) {
    counter += 1;
    this.uid = "ib-mock-" + counter;
    this.section = section;
    this.interview = interview;
    this.catalogue = catalogue;
    this.count = Math.max(1, parseInt(section.dataset.questions, 10) || 5);
    this.minutes = Math.max(1, parseFloat(section.dataset.minutesPerQuestion) || 5);
    this.difficulty = section.dataset.difficulty || "any";
    this.live = el("p", {"class": "ib-visually-hidden", "aria-live": "polite"});
    this.stage = el("div", {"class": "ib-mock-stage"});
    this.past = el("div", {"class": "ib-mock-past"});
    this.timer = null;
  }

  Mock.prototype.pool = function () {
    return filterPool(this.interview.questions, this.difficulty);  // no difficulty yet: only in "any"
  };

  Mock.prototype.home = function (message) {
    var self = this, pool = this.pool(), parts = [];
    if (message) parts.push(el("p", {"class": "ib-learner-notice", role: "status", text: message}));
    var what = this.count + " interview questions, " + this.minutes + " minutes each" +
      (this.difficulty === "any" ? "" : ", " + this.difficulty + " level") +
      ", drawn across the chapters with your weakest sub-topics more likely.";
    parts.push(el("p", {"class": "ib-mock-intro", text: what}));
    if (pool.length) {
      var start = el("button", {type: "button", "class": "ib-mock-start", text: "Start the mock interview"});
      start.addEventListener("click", function () { self.begin(); });
      parts.push(start);
    } else {
      parts.push(el("p", {"class": "ib-learner-notice", text: "The book has no " + this.difficulty +
                                                               " interview questions yet."}));
    }
    this.renderPast();
    this.section.replaceChildren.apply(this.section, parts.concat([this.live, this.stage, this.past]));
    this.stage.replaceChildren();
  };

  Mock.prototype.renderPast = function () {
    var stored = readSessions(), sessions = stored.sessions.filter(function (s) { return s && Array.isArray(s.items); });
    var parts = [el("h3", {text: "Your past mock interviews"})];
    if (stored.corrupt) {
      parts.push(el("p", {"class": "ib-learner-notice", text: "The saved sessions could not be read; they were kept " +
                                                               "aside under the key " + STORAGE_KEY + ".corrupt."}));
    }
    if (!sessions.length) {
      parts.push(el("p", {"class": "ib-mock-none", text: "None yet in this browser."}));
    } else {
      var table = el("table", {"class": "ib-learner-table ib-mock-sessions"});
      table.createCaption().textContent = "Past mock interviews, newest first (score: the rubric's points, " +
        "2 per criterion and question)";
      var head = table.createTHead().insertRow();
      ["Started", "Questions", "Answered", "Skipped", "Score", "Seed"].forEach(function (name) {
        head.appendChild(el("th", {scope: "col", text: name}));
      });
      var body = table.createTBody();
      sessions.slice().reverse().forEach(function (s) {
        var row = body.insertRow(), answered = s.items.filter(function (i) { return i.status === "answered"; }).length;
        row.appendChild(el("th", {scope: "row", text: new Date(s.started_at).toLocaleString() +
                                                       (s.finished_at ? "" : " (not finished)")}));
        row.appendChild(el("td", {text: String(s.items.length)}));
        row.appendChild(el("td", {text: String(answered)}));
        row.appendChild(el("td", {text: String(s.items.length - answered)}));
        row.appendChild(el("td", {text: score(s) + " of " + 8 * s.questions}));
        row.appendChild(el("td", {text: String(s.seed)}));
      });
      parts.push(table);
    }
    this.past.replaceChildren.apply(this.past, parts);
  };

  Mock.prototype.begin = function () {
    var self = this, start = this.section.querySelector(".ib-mock-start");
    start.disabled = true;
    L.withDetails("interview_answers.json", this.interview.questions).then(function () { self.drawAndAsk(); },
      function (error) {
        start.disabled = false;
        self.live.textContent = "The model answers could not be loaded (" + error.message + "); press Start to try again.";
      });
  };

  Mock.prototype.drawAndAsk = function () {
    var seed = newSeed(), weights = weightsFrom(L.summary(L.readHistory().entries, this.catalogue));
    var questions = draw(Math.min(this.count, this.pool().length),
                         {seed: seed, difficulty: this.difficulty, weights: weights, questions: this.interview.questions});
    this.session = {id: new Date().toISOString() + "-" + seed, seed: seed, started_at: new Date().toISOString(),
                    finished_at: null, questions: questions.length, minutes_per_question: this.minutes,
                    difficulty: this.difficulty, items: []};
    this.questions = questions;
    this.section.querySelector(".ib-mock-start").remove();
    this.ask(0);
  };

  Mock.prototype.stopTimer = function () {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
  };

  Mock.prototype.ask = function (index) {
    if (index >= this.questions.length) return this.finish();
    var self = this, q = this.questions[index], limit = this.minutes * 60;
    var id = this.uid + "-answer-" + index, started = Date.now(), lastAnnounced = Math.ceil(limit / 60);
    var heading = el("h3", {"class": "ib-mock-question", tabindex: "-1", html: q.title_html});
    var meta = el("p", {"class": "ib-mock-meta", text: "Question " + (index + 1) + " of " + this.questions.length +
                        " · chapter " + q.chapter + (q.difficulty ? " · " + q.difficulty : "")});
    var timerText = el("p", {"class": "ib-mock-timer", role: "timer", text: "Time left: " + clock(limit)});
    var area = el("textarea", {id: id, rows: "8", "class": "ib-mock-answer", spellcheck: "true"});
    var label = el("label", {"for": id, text: "Your answer (type it as you would say it; leaving it empty " +
                                               "records the question as skipped)"});
    var reveal = el("button", {type: "button", "class": "ib-mock-reveal", text: "Reveal model answer"});
    var skip = el("button", {type: "button", "class": "ib-mock-skip", text: "Skip this question"});
    this.stage.replaceChildren(meta, heading, timerText, label, area, el("div", {"class": "ib-mock-actions"}, [reveal, skip]));
    this.live.textContent = "Question " + (index + 1) + " of " + this.questions.length + ". You have " +
      this.minutes + " minutes.";
    heading.focus();

    function done(how) {
      self.stopTimer();
      if (area.dataset.done) return;
      area.dataset.done = "yes";
      var text = how === "skip" ? "" : area.value;
      var item = {id: q.id, chapter: q.chapter, topic: q.topic, title: q.title, answer: text,
                  status: text.trim() ? "answered" : "skipped", timed_out: how === "timeout",
                  seconds: Math.min(limit, Math.round((Date.now() - started) / 1000)), grades: null};
      self.session.items.push(item);
      saveSession(self.session);
      self.review(index, item, q);
    }
    reveal.addEventListener("click", function () { done("reveal"); });
    skip.addEventListener("click", function () { done("skip"); });
    this.timer = window.setInterval(function () {
      var left = limit - (Date.now() - started) / 1000;
      timerText.textContent = "Time left: " + clock(left);
      var minutes = Math.ceil(left / 60);
      if (left <= 0) {
        done("timeout");
      } else if (minutes < lastAnnounced) {
        lastAnnounced = minutes;
        self.live.textContent = minutes === 1 ? "1 minute left." : minutes + " minutes left.";
      }
    }, 1000);
  };

  Mock.prototype.review = function (index, item, q) {
    var self = this, last = index + 1 >= this.questions.length;
    var heading = el("h3", {"class": "ib-mock-question", tabindex: "-1", html: q.title_html});
    var yours = el("div", {"class": "ib-mock-yours"}, [el("h4", {text: "Your answer"})]);
    if (item.status === "answered") {
      yours.appendChild(el("p", {"class": "ib-mock-your-text", text: item.answer}));
    } else {
      yours.appendChild(el("p", {"class": "ib-mock-your-text", text: "Skipped: no answer was given."}));
    }
    if (item.timed_out) yours.appendChild(el("p", {"class": "ib-hint", text: "The time ran out; what you had typed is kept."}));
    var model = el("div", {"class": "ib-mock-model"}, [
      el("h4", {text: "Model answer"}), el("p", {"class": "ib-mock-label", text: "Spoken answer:"}),
      el("div", {"class": "ib-mock-spoken", html: q.spoken_html}), el("p", {"class": "ib-mock-label", text: "Full answer:"}),
      el("div", {"class": "ib-mock-full", html: q.full_html}),
      el("p", {}, [el("a", {href: L.link(q.link), text: "Read it with what a weaker answer misses and the follow-ups"})])]);
    var parts = [el("p", {"class": "ib-mock-meta", text: "Question " + (index + 1) + " of " + this.questions.length}),
                 heading, el("div", {"class": "ib-mock-compare"}, [yours, model])];
    var rubric = null;
    if (item.status === "answered") {
      rubric = el("div", {"class": "ib-mock-rubric"}, [el("h4", {text: "Grade your answer against the model"})]);
      RUBRIC.forEach(function (criterion) {
        var name = self.uid + "-" + index + "-" + criterion[0];
        var fieldset = el("fieldset", {}, [el("legend", {text: criterion[1]})]);
        criterion[2].forEach(function (meaning, points) {
          var input = el("input", {type: "radio", name: name, id: name + "-" + points, value: String(points)});
          fieldset.appendChild(el("label", {"for": name + "-" + points, "class": "ib-option"},
                                  [input, " " + points + ": " + meaning]));
        });
        rubric.appendChild(fieldset);
      });
      parts.push(rubric);
    }
    var next = el("button", {type: "button", "class": "ib-mock-next", text: last ? "Finish the interview" : "Next question"});
    next.addEventListener("click", function () {
      if (rubric) {
        item.grades = {};
        RUBRIC.forEach(function (criterion) {
          var picked = rubric.querySelector("input[name='" + self.uid + "-" + index + "-" + criterion[0] + "']:checked");
          item.grades[criterion[0]] = picked ? Number(picked.value) : null;
        });
      }
      saveSession(self.session);
      self.ask(index + 1);
    });
    parts.push(next);
    this.stage.replaceChildren.apply(this.stage, parts);
    this.live.textContent = (item.timed_out ? "Time is up. Your answer so far is kept. " : "") +
      (item.status === "answered" ? "The model answer is shown beside yours; grade your answer."
        : "Skipped. The model answer is shown.");
    heading.focus();
  };

  Mock.prototype.finish = function () {
    var s = this.session, answered = s.items.filter(function (i) { return i.status === "answered"; }).length;
    s.finished_at = new Date().toISOString();
    var saved = saveSession(s);
    var message = "Mock interview finished: " + answered + " of " + s.items.length + " questions answered, " +
      score(s) + " of " + 8 * s.questions + " rubric points." +
      (saved ? "" : " This browser did not let the book save it.");
    this.live.textContent = message;
    this.home(message);
    var notice = this.section.querySelector(".ib-learner-notice");
    if (notice) { notice.setAttribute("tabindex", "-1"); notice.focus(); }
  };

  function activate(section) {
    if (section.dataset.ibReady) return;
    section.dataset.ibReady = "yes";
    Promise.all([L.loadInterview(), L.loadCatalogue()]).then(function (data) {
      new Mock(section, data[0], data[1]).home();
    }, function (error) {
      section.replaceChildren(el("p", {"class": "ib-learner-notice", role: "status",
        text: "The interview questions could not be loaded (" + error.message + "); reload the page to try again."}));
    });
  }

  window.interviewBookMock = {mulberry32: mulberry32, weightsFrom: weightsFrom, draw: draw};
  function activateAll() { document.querySelectorAll("section.ib-learner.ib-mock").forEach(activate); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", activateAll);
  else activateAll();
})();
