// Exercise engine for the static site: one copy per page, added by the build to pages that have
// exercises. It turns each section.ib-exercise (rendered by exercise_display.render_html) into an
// editor whose Run button tests the code with exercise_runner.py in Pyodide, in a Web Worker that
// is started on the first Run and terminated when a run passes its time limit.
(function () {
  "use strict";
  var STORAGE_KEY = "interview-book/exercises/v1";
  var HISTORY_KEY = "interview-book/history/v1", HISTORY_CAP = 5000;
  var INDENT = "    ";
  var here = document.currentScript ? document.currentScript.src : window.location.href;
  var worker = null, workerReady = null, running = null;

  // --- storage: code and results per exercise, kept in this browser only ---------------------
  function readStore() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORAGE_KEY); } catch (error) { return {}; }
    try {
      var parsed = JSON.parse(raw || "{}");
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
    } catch (error) { /* unreadable: kept aside below */ }
    try {
      window.localStorage.setItem(STORAGE_KEY + ".corrupt", raw);
      window.localStorage.removeItem(STORAGE_KEY);
      console.warn("Saved exercise code was unreadable; kept under " + STORAGE_KEY + ".corrupt");
    } catch (error) { /* nothing more can be done */ }
    return {};
  }

  function remember(id, fields) {
    try {
      var store = readStore();
      var entry = store[id] && typeof store[id] === "object" ? store[id] : {};
      Object.keys(fields).forEach(function (key) { entry[key] = fields[key]; });
      store[id] = entry;
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(store));
    } catch (error) { /* storage full or blocked: the exercise still works, unsaved */ }
  }

  // Every test run, oldest first, for the progress dashboard and the spaced review.
  function appendHistory(entry) {
    var raw = null, list = [];
    try { raw = window.localStorage.getItem(HISTORY_KEY); } catch (error) { return; }
    if (raw) {
      try { list = JSON.parse(raw); } catch (error) { list = null; }
      if (!Array.isArray(list)) {
        try {
          window.localStorage.setItem(HISTORY_KEY + ".corrupt", raw);
          console.warn("The answer history was unreadable; kept under " + HISTORY_KEY + ".corrupt");
        } catch (error) { /* nothing more can be done */ }
        list = [];
      }
    }
    list.push(entry);
    if (list.length > HISTORY_CAP) list = list.slice(list.length - HISTORY_CAP);
    try { window.localStorage.setItem(HISTORY_KEY, JSON.stringify(list)); } catch (error) { /* unsaved */ }
  }

  // --- the worker ---------------------------------------------------------------------------
  function startWorker() {
    worker = new Worker(new URL("exercise_worker.mjs", here), {type: "module"});
    workerReady = new Promise(function (resolve, reject) {
      worker.addEventListener("message", function first(message) {
        if (message.data.event === "ready") resolve();
        if (message.data.event === "failed") reject(new Error(message.data.message));
        if (message.data.event === "ready" || message.data.event === "failed") {
          worker.removeEventListener("message", first);
        }
      });
      worker.addEventListener("error", function (event) {
        reject(new Error(event.message || "the worker could not start"));
      });
    });
  }

  function stopWorker() {
    if (worker) worker.terminate();
    worker = null;
    workerReady = null;
  }

  // --- rendering ----------------------------------------------------------------------------
  function cell(row, text, asCode) {
    var td = document.createElement("td");
    if (asCode) {
      var code = document.createElement("code");
      code.textContent = text;
      td.appendChild(code);
    } else {
      td.textContent = text;
    }
    row.appendChild(td);
  }

  function newTable() {
    var table = document.createElement("table");
    table.className = "ib-ex-table";
    table.createCaption().textContent = "Test results";
    var head = table.createTHead().insertRow();
    ["Case", "Input", "Expected", "Got", "Result"].forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    });
    table.createTBody();
    return table;
  }

  function addRow(table, result) {
    var row = table.tBodies[0].insertRow();
    cell(row, String(result.case));
    if (result.hidden && result.passed) {
      cell(row, "hidden case"); cell(row, ""); cell(row, "");
    } else {
      cell(row, result.input, true); cell(row, result.expected, true); cell(row, result.got, true);
    }
    cell(row, result.passed ? "pass" : "FAIL");
    row.className = result.passed ? "ib-ex-pass" : "ib-ex-fail";
  }

  function summary(passed, total, error) {
    var count = passed === total && !error ? "All " + total + " cases pass." : passed + " of " + total + " cases pass.";
    return error ? error + " " + count : count;
  }

  // --- one exercise -------------------------------------------------------------------------
  function decode(base64) {
    var bytes = Uint8Array.from(window.atob(base64), function (c) { return c.charCodeAt(0); });
    return new TextDecoder().decode(bytes);
  }

  function editorKeys(area, run) {
    var released = false;  // after Esc, Tab moves focus out of the editor as usual
    area.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { released = true; return; }
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); run(); return; }
      if (event.key === "Tab" && !released && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        var start = area.selectionStart, lineStart = area.value.lastIndexOf("\n", start - 1) + 1;
        if (event.shiftKey) {
          var line = area.value.slice(lineStart);
          var drop = (line.match(/^ {1,4}/) || [""])[0].length;
          area.setRangeText("", lineStart, lineStart + drop, "preserve");
        } else {
          area.setRangeText(INDENT, start, area.selectionEnd, "end");
        }
        area.dispatchEvent(new Event("input"));
        return;
      }
      if (event.key === "Enter" && !event.shiftKey) {  // keep the current line's indentation
        var at = area.selectionStart, from = area.value.lastIndexOf("\n", at - 1) + 1;
        var indent = area.value.slice(from, at).match(/^ */)[0];
        if (/:\s*$/.test(area.value.slice(from, at))) indent += INDENT;
        event.preventDefault();
        area.setRangeText("\n" + indent, at, area.selectionEnd, "end");
        area.dispatchEvent(new Event("input"));
      }
      released = false;
    });
  }

  // A kernel-only exercise links to the page's own Binder launch button, when the page has one.
  function offerLaunch(section) {
    var binder = document.querySelector(".dropdown-launch-buttons a[href^='https://mybinder.org/']");
    if (!binder) return;
    var link = document.createElement("a");
    link.href = binder.href;
    link.textContent = "Open this chapter on Binder to run this exercise's tests";
    link.className = "ib-ex-launch";
    section.querySelector(".ib-ex-actions").prepend(link);
  }

  function activate(section) {
    if (section.dataset.ibReady) return;
    section.dataset.ibReady = "yes";
    var data = JSON.parse(section.querySelector("script.ib-exercise-data").textContent);
    var area = section.querySelector("textarea");
    var status = section.querySelector(".ib-ex-status");
    var results = section.querySelector(".ib-ex-results");
    var runButton = section.querySelector(".ib-ex-run");
    var hintButton = section.querySelector(".ib-ex-hint");
    var revealButton = section.querySelector(".ib-ex-reveal");
    var resetButton = section.querySelector(".ib-ex-reset");
    var hints = section.querySelectorAll(".ib-ex-hints li");
    var beforeReset = null;

    var saved = readStore()[data.id];
    if (saved && typeof saved.code === "string") area.value = saved.code;
    area.addEventListener("input", function () {
      remember(data.id, {code: area.value});
      if (beforeReset !== null) { beforeReset = null; resetButton.textContent = "Reset to the starter code"; }
    });

    hintButton.addEventListener("click", function () {
      var next = Array.prototype.find.call(hints, function (hint) { return hint.hidden; });
      if (!next) return;
      next.hidden = false;
      var left = Array.prototype.filter.call(hints, function (hint) { return hint.hidden; }).length;
      status.textContent = "Hint " + (hints.length - left) + ": " + next.textContent;
      if (left === 0) { hintButton.textContent = "All hints shown"; hintButton.disabled = true; }
      else hintButton.textContent = "Show hint " + (hints.length - left + 1) + " of " + hints.length;
    });

    revealButton.addEventListener("click", function () {
      var box = section.querySelector(".ib-ex-solution");
      box.querySelector("code").textContent = decode(data.solution_b64);
      box.hidden = false;
      revealButton.disabled = true;
      status.textContent = "The reference solution is shown below the hints.";
    });

    resetButton.addEventListener("click", function () {
      if (beforeReset === null) {
        beforeReset = area.value;
        area.value = data.starter;
        resetButton.textContent = "Undo the reset";
        status.textContent = "Starter code restored. Press Undo the reset to get your code back.";
      } else {
        area.value = beforeReset;
        beforeReset = null;
        resetButton.textContent = "Reset to the starter code";
        status.textContent = "Your code is back.";
      }
      remember(data.id, {code: area.value});
    });

    function run() {
      if (!runButton) return;
      if (running) { status.textContent = "Another exercise's tests are running; try again when they finish."; return; }
      if (!area.value.trim()) { status.textContent = "Write your code first: the editor is empty."; return; }
      var table = newTable(), passed = 0, finished = false, timer = null, started = false;
      results.replaceChildren();
      running = data.id;
      runButton.disabled = true;
      status.textContent = "Running the tests…";  // at once: the last run's result must not linger

      function finish(error) {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        running = null;
        runButton.disabled = false;
        if (worker) worker.removeEventListener("message", onMessage);
        status.textContent = summary(passed, data.cases.length, error);
        if (table.tBodies[0].rows.length) results.appendChild(table);
        var outcome = !error && passed === data.cases.length ? "solved" : "attempted";
        remember(data.id, {passed: passed, total: data.cases.length, status: outcome});
        // a run counts once the tests started (not when Python could not load in this browser)
        if (started) appendHistory({kind: "exercise", id: data.id, status: outcome, at: new Date().toISOString()});
      }

      function onMessage(message) {
        var event = message.data;
        if (event.event === "started") {
          started = true;
          status.textContent = "Running the tests…";
          timer = setTimeout(function () {
            stopWorker();  // the only way to stop code that never returns
            finish("Stopped after " + data.time_limit + " s: your code did not finish " +
                   "(an endless loop, or far too slow for these inputs).");
          }, data.time_limit * 1000);
        } else if (event.event === "case") {
          passed += event.passed ? 1 : 0;
          addRow(table, event);
        } else if (event.event === "done") {
          finish("");
        } else if (event.event === "error") {
          finish(event.message);
        }
      }

      if (!worker) {
        status.textContent = "Loading Python into this page (first run only, about 13 MB)…";
        try { startWorker(); } catch (error) {
          finish("Python could not start in this browser (" + error.message + "). Open the chapter in " +
                 "JupyterLab or on Binder to run the tests.");
          return;
        }
      }
      worker.addEventListener("message", onMessage);
      workerReady.then(function () {
        if (!finished) worker.postMessage({exercise: data, submission: area.value});
      }, function (error) {
        stopWorker();
        finish("Python could not start in this browser (" + error.message + "). Open the chapter in " +
               "JupyterLab or on Binder to run the tests.");
      });
    }

    if (runButton) runButton.addEventListener("click", run);
    else offerLaunch(section);
    editorKeys(area, run);
  }

  function activateAll() {
    document.querySelectorAll("section.ib-exercise").forEach(activate);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", activateAll);
  else activateAll();
})();
