// Self-check engine for pages without a kernel. Each self-check group carries its own copy;
// the first copy to run registers the engine and later copies reuse it.
(function () {
  "use strict";
  var NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  var STORAGE_KEY = "interview-book/answers/v1";
  var HISTORY_KEY = "interview-book/history/v1", HISTORY_CAP = 5000;

  function normalize(text) {
    return text.trim().split(/\s+/).join(" ").toLowerCase();
  }

  function readStore() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return {};  // storage blocked (private mode, file://): answers still work, unsaved
    }
    try {
      var parsed = JSON.parse(raw || "{}");
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
    } catch (error) { /* unreadable: kept aside below */ }
    try {
      window.localStorage.setItem(STORAGE_KEY + ".corrupt", raw);
      window.localStorage.removeItem(STORAGE_KEY);
      console.warn("Saved self-check answers were unreadable; kept under " + STORAGE_KEY + ".corrupt");
    } catch (error) { /* nothing more can be done */ }
    return {};
  }

  function remember(questionId, response, status) {
    try {
      var store = readStore();
      store[questionId] = {response: response, status: status};
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(store));
    } catch (error) { /* storage full or blocked: feedback is still shown */ }
  }

  // Every graded answer, oldest first, for the progress dashboard and the spaced review.
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

  function responseOf(form, kind) {
    if (kind === "single") {
      var picked = form.querySelector("input[type=radio]:checked");
      return picked ? Number(picked.value) : null;
    }
    if (kind === "multiple") {
      return Array.prototype.map.call(form.querySelectorAll("input[type=checkbox]:checked"),
        function (box) { return Number(box.value); });
    }
    return form.querySelector("input[type=text]").value;
  }

  function restore(form, kind, response) {
    if (kind === "single" || kind === "multiple") {
      var wanted = kind === "single" ? [response] : response;
      form.querySelectorAll("input").forEach(function (input) {
        input.checked = wanted.indexOf(Number(input.value)) !== -1;
      });
    } else {
      form.querySelector("input[type=text]").value = response;
    }
  }

  function grade(question, response, messages) {
    if (question.kind === "single") {
      if (response === null) return ["invalid", messages["choose-one"]];
      return verdict(response === question.answer, messages);
    }
    if (question.kind === "multiple") {
      if (response.length === 0) return ["invalid", messages["choose-some"]];
      var given = response.slice().sort().join(","), wanted = question.answer.slice().sort().join(",");
      return verdict(given === wanted, messages);
    }
    var text = response.trim();
    if (text === "") return ["invalid", messages.empty];
    if (question.kind === "numeric") {
      if (!NUMBER.test(text)) return ["invalid", messages["not-a-number"]];
      return verdict(Math.abs(parseFloat(text) - question.answer) <= question.tolerance + 1e-9, messages);
    }
    return verdict(question.answer.map(normalize).indexOf(normalize(text)) !== -1, messages);
  }

  function verdict(correct, messages) {
    return correct ? ["correct", messages.correct] : ["incorrect", messages.incorrect];
  }

  function check(form, question, messages, save) {
    var response = responseOf(form, question.kind);
    var result = grade(question, response, messages);
    var feedback = form.querySelector(".ib-feedback");
    var explanation = form.querySelector(".ib-explanation");
    feedback.className = "ib-feedback ib-" + result[0];
    feedback.textContent = result[1];
    explanation.hidden = result[0] === "invalid";
    form.querySelectorAll("input").forEach(function (input) {
      input.setAttribute("aria-invalid", result[0] === "invalid" ? "true" : "false");
    });
    if (save && result[0] !== "invalid") {
      remember(question.id, response, result[0]);
      appendHistory({kind: "question", id: question.id, status: result[0], at: new Date().toISOString()});
    }
  }

  function activate(group) {
    if (group.dataset.ibReady) return;
    group.dataset.ibReady = "yes";
    var data = JSON.parse(group.querySelector("script.ib-selfcheck-data").textContent);
    var saved = readStore();
    data.questions.forEach(function (question) {
      var form = document.getElementById("ib-q-" + question.id);
      if (!form) return;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form, question, data.messages, true);
      });
      var previous = saved[question.id];
      if (previous && previous.response !== undefined && previous.response !== null) {
        try {
          restore(form, question.kind, previous.response);
          check(form, question, data.messages, false);
        } catch (error) { /* a stale saved answer that no longer fits the question is ignored */ }
      }
    });
  }

  window.interviewBookSelfCheck = window.interviewBookSelfCheck || {activate: activate};
  document.querySelectorAll("section.ib-selfcheck").forEach(window.interviewBookSelfCheck.activate);
})();
