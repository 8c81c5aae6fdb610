// The learner's side of the static site, shared by dashboard.js, review.js and mock.js: the answer
// history this browser stored, the build's catalogue, and ports of dashboard.summary and of the
// Leitner rules of review.py (advance, states, due). No framework, nothing from another host.
// Days are "YYYY-MM-DD" strings in the reader's local time zone; every function that needs a day
// takes it as an argument (today() reads the clock once, and tests inject the clock).
(function () {
  "use strict";
  var HISTORY_KEY = "interview-book/history/v1", HISTORY_CAP = 5000;
  var INTERVALS = [1, 2, 4, 8, 16], NEW_PER_DAY = 5;
  // status -> was the answer right? (null: not an answer, as review.RIGHT)
  var RIGHT = {question: {correct: true, incorrect: false, invalid: null}, exercise: {solved: true, attempted: false}};
  var STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  var here = document.currentScript ? document.currentScript.src : window.location.href;
  var root = new URL("../../", here);  // the script sits in <root>/_static/interview-book/

  // --- storage ------------------------------------------------------------------------------
  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  // {entries, blocked, corrupt, keptAside}: entries [] when storage is blocked or the store was
  // unreadable (then moved aside under <key>.corrupt with a console warning).
  function readHistory() {
    var store = storage(), raw = null, result = {entries: [], blocked: false, corrupt: false, keptAside: false};
    try { raw = store.getItem(HISTORY_KEY); } catch (error) { result.blocked = true; return result; }
    if (raw) {
      var parsed = null;
      try { parsed = JSON.parse(raw); } catch (error) { /* unreadable */ }
      if (Array.isArray(parsed)) {
        result.entries = parsed;
      } else {
        result.corrupt = true;
        try {
          store.setItem(HISTORY_KEY + ".corrupt", raw);
          store.removeItem(HISTORY_KEY);
          console.warn("The answer history was unreadable; kept under " + HISTORY_KEY + ".corrupt");
        } catch (error) { /* nothing more can be done */ }
      }
    }
    try { result.keptAside = store.getItem(HISTORY_KEY + ".corrupt") !== null; } catch (error) { /* blocked */ }
    return result;
  }

  // Store the whole list, newest HISTORY_CAP kept; returns false when it could not be saved.
  function writeHistory(list) {
    if (list.length > HISTORY_CAP) list = list.slice(list.length - HISTORY_CAP);
    try { storage().setItem(HISTORY_KEY, JSON.stringify(list)); return true; } catch (error) { return false; }
  }

  // Append one entry; returns false when it could not be saved (the caller still works, unsaved).
  function appendHistory(entry) {
    return writeHistory(readHistory().entries.concat([entry]));
  }

  // Add the entries of a history file (transfer.py; its "format" is HISTORY_KEY) that this browser
  // does not hold yet: same kind, id, status and moment means the same entry. Unreadable entries and
  // ids the book no longer has are counted in skipped. Returns {entries (oldest first), added,
  // present, skipped, dropped (the oldest, beyond HISTORY_CAP)}.
  function mergeHistory(current, incoming, catalogue) {
    var known = {}, seen = {}, list = current.slice(), result = {added: 0, present: 0, skipped: 0, dropped: 0};
    function identity(entry) { return entry.kind + ":" + entry.id + ":" + entry.status + ":" + Date.parse(entry.at); }
    catalogue.cards.forEach(function (card) { known[keyOf(card)] = true; });
    current.forEach(function (entry) { if (readable(entry)) seen[identity(entry)] = true; });
    (Array.isArray(incoming) ? incoming : []).forEach(function (entry) {
      if (!readable(entry) || !known[entry.kind + ":" + entry.id]) { result.skipped += 1; return; }
      if (seen[identity(entry)]) { result.present += 1; return; }
      seen[identity(entry)] = true;
      list.push({kind: entry.kind, id: entry.id, status: entry.status, at: entry.at});
      result.added += 1;
    });
    list.sort(function (a, b) { return (readable(a) ? Date.parse(a.at) : 0) - (readable(b) ? Date.parse(b.at) : 0); });
    result.dropped = Math.max(0, list.length - HISTORY_CAP);
    result.entries = list.slice(result.dropped);
    return result;
  }

  // --- the build's data ---------------------------------------------------------------------
  var cache = {};
  function loadJSON(name) {
    if (!cache[name]) {
      cache[name] = fetch(new URL(name, here)).then(function (response) {
        if (!response.ok) throw new Error(name + ": HTTP " + response.status);
        return response.json();
      });
    }
    return cache[name];
  }
  function loadCatalogue() { return loadJSON("catalogue.json"); }
  function loadInterview() { return loadJSON("interview.json"); }
  // What a reader sees only after a press (a card's question, a model answer) comes in a second
  // file by id (site_data.DETAILS): fetched on that press and merged into the items.
  function withDetails(name, items) {
    return loadJSON(name).then(function (details) {
      items.forEach(function (item) { Object.assign(item, details[item.id]); });
      return items;
    });
  }
  function link(path) { return new URL(path, root).href; }

  // --- days ---------------------------------------------------------------------------------
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function localDay(moment) {
    return moment.getFullYear() + "-" + pad(moment.getMonth() + 1) + "-" + pad(moment.getDate());
  }
  function today() { return localDay(new Date()); }
  function addDays(day, days) {
    var parts = day.split("-").map(Number), moment = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days));
    return moment.getUTCFullYear() + "-" + pad(moment.getUTCMonth() + 1) + "-" + pad(moment.getUTCDate());
  }
  function daysBetween(from, to) {
    var a = from.split("-").map(Number), b = to.split("-").map(Number);
    return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86400000);
  }

  // --- graded events (review.graded_events) --------------------------------------------------
  // [{time (ms), day, key, right}], oldest first; entries that cannot be read are skipped and
  // counted (result.skipped), answers that grade nothing are left out.
  function readable(entry) {
    var kind = entry && entry.kind, at = entry && entry.at;
    return Boolean(entry) && typeof entry === "object" && Object.prototype.hasOwnProperty.call(RIGHT, kind) &&
      typeof entry.id === "string" && Object.prototype.hasOwnProperty.call(RIGHT[kind], entry.status) &&
      typeof at === "string" && STAMP.test(at) && !isNaN(Date.parse(at));
  }
  function events(entries) {
    var list = [], skipped = 0;
    (Array.isArray(entries) ? entries : []).forEach(function (entry, index) {
      if (!readable(entry)) {
        skipped += 1;
        return;
      }
      if (RIGHT[entry.kind][entry.status] === null) return;
      var moment = new Date(entry.at);
      list.push({time: moment.getTime(), day: localDay(moment), key: entry.kind + ":" + entry.id,
                 right: RIGHT[entry.kind][entry.status], index: index});
    });
    list.sort(function (a, b) { return a.time - b.time || a.index - b.index; });
    list.skipped = skipped;
    return list;
  }
  function keyOf(card) { return card.kind + ":" + card.id; }

  // --- Leitner (review.advance, states, due) -------------------------------------------------
  function advance(state, right, day) {
    var introduced = state ? state.introduced : day, box;
    if (!right) box = 1;
    else if (!state) box = 2;
    else if (day < state.due) return state;
    else box = Math.min(state.box + 1, INTERVALS.length);
    return {box: box, due: addDays(day, INTERVALS[box - 1]), introduced: introduced};
  }

  function states(day, entries, cards) {
    var known = {}, result = {};
    cards.forEach(function (card) { known[keyOf(card)] = true; });
    events(entries).forEach(function (event) {
      if (known[event.key] && event.day <= day) result[event.key] = advance(result[event.key], event.right, event.day);
    });
    return result;
  }

  function interleave(items, headKey) {
    var queues = {}, chapters = [], order = [];
    items.forEach(function (item) {
      var chapter = item.card.chapter;
      if (!queues[chapter]) { queues[chapter] = []; chapters.push(chapter); }
      queues[chapter].push(item);
    });
    while (chapters.length) {
      chapters.sort(function (a, b) {
        var ka = headKey(queues[a][0]), kb = headKey(queues[b][0]);
        return ka < kb ? -1 : ka > kb ? 1 : a - b;
      });
      chapters.forEach(function (chapter) { order.push(queues[chapter].shift()); });
      chapters = chapters.filter(function (chapter) { return queues[chapter].length > 0; });
    }
    return order;
  }

  // [{card, state}] (state null for a new card): due reviews first, then new cards, each by chapter in turn.
  function due(day, entries, cards, options) {
    options = options || {};
    var newPerDay = options.newPerDay === undefined ? NEW_PER_DAY : options.newPerDay;
    var known = states(day, entries, cards), position = {};
    cards.forEach(function (card, index) { position[keyOf(card)] = index; });
    var reviews = cards.filter(function (card) {
      var state = known[keyOf(card)];
      return state && state.due <= day;
    }).map(function (card) { return {card: card, state: known[keyOf(card)]}; });
    reviews.sort(function (a, b) {
      return a.state.due < b.state.due ? -1 : a.state.due > b.state.due ? 1
        : position[keyOf(a.card)] - position[keyOf(b.card)];
    });
    var introducedToday = Object.keys(known).filter(function (key) { return known[key].introduced === day; }).length;
    var fresh = cards.filter(function (card) { return !known[keyOf(card)]; })
      .map(function (card) { return {card: card, state: null}; });
    fresh = interleave(fresh, function () { return 0; }).slice(0, Math.max(0, newPerDay - introducedToday));
    var chosen = interleave(reviews, function (item) { return item.state.due; }).concat(fresh);
    return options.limit === undefined ? chosen : chosen.slice(0, options.limit);
  }

  // The first day after `day` on which a card already answered falls due (null: none answered).
  function nextDue(day, entries, cards) {
    var known = states(day, entries, cards), next = null;
    Object.keys(known).forEach(function (key) {
      var when = known[key].due;
      if (when > day && (next === null || when < next)) next = when;
    });
    return next;
  }

  // --- summary (dashboard.summary) -----------------------------------------------------------
  // One row per sub-topic of the written chapters, weakest first, untouched ones (weakness null) last.
  function summary(entries, catalogue) {
    var where = {}, size = {}, graded = {}, right = {}, answered = {}, solved = {};
    function bump(table, key, by) { table[key] = (table[key] || 0) + by; }
    catalogue.cards.forEach(function (card) {
      where[keyOf(card)] = card.chapter + "/" + card.topic;
      bump(size, card.kind + "/" + card.chapter + "/" + card.topic, 1);
    });
    events(entries).forEach(function (event) {
      var place = where[event.key];
      if (place === undefined) return;  // a question or exercise no longer in the book
      var kind = event.key.slice(0, event.key.indexOf(":")), group = kind + "/" + place;
      bump(graded, group, 1);
      bump(right, group, event.right ? 1 : 0);
      if (kind === "question") answered[event.key] = place;
      else if (event.right) solved[event.key] = place;
    });
    function distinct(table, place) {
      return Object.keys(table).filter(function (key) { return table[key] === place; }).length;
    }
    var rows = [];
    catalogue.chapters.forEach(function (chapter) {
      chapter.subtopics.forEach(function (sub) {
        var place = chapter.number + "/" + sub.slug, q = "question/" + place, e = "exercise/" + place;
        var answers = graded[q] || 0, runs = graded[e] || 0, good = (right[q] || 0) + (right[e] || 0);
        rows.push({chapter: chapter.number, subtopic: sub.title, topic: sub.slug,
                   questions: size[q] || 0, answered: distinct(answered, place), answers: answers,
                   share_correct: answers ? (right[q] || 0) / answers : null,
                   exercises: size[e] || 0, solved: distinct(solved, place),
                   weakness: answers + runs ? (answers + runs - good) / (answers + runs) : null});
      });
    });
    rows.forEach(function (row, index) { row.order = index; });
    rows.sort(function (a, b) {
      if (a.weakness === null || b.weakness === null) {
        return (a.weakness === null) - (b.weakness === null) || a.order - b.order;
      }
      return b.weakness - a.weakness || a.order - b.order;
    });
    rows.forEach(function (row) { delete row.order; });
    return rows;
  }

  // --- small DOM helpers shared by the views -------------------------------------------------
  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (name === "html") node.innerHTML = attributes[name];  // only the build's escaped HTML
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function describeDay(day, from) {
    var days = daysBetween(from, day);
    if (days === 0) return "today";
    if (days === 1) return "tomorrow";
    return "in " + days + " days (" + day + ")";
  }

  window.interviewBookLearner = {
    HISTORY_KEY: HISTORY_KEY, HISTORY_CAP: HISTORY_CAP, INTERVALS: INTERVALS, NEW_PER_DAY: NEW_PER_DAY,
    readHistory: readHistory, appendHistory: appendHistory, writeHistory: writeHistory, mergeHistory: mergeHistory,
    loadCatalogue: loadCatalogue,
    loadInterview: loadInterview, withDetails: withDetails, link: link, root: root.href, today: today, localDay: localDay,
    addDays: addDays, daysBetween: daysBetween, describeDay: describeDay, events: events, keyOf: keyOf,
    advance: advance, states: states, due: due, nextDue: nextDue, summary: summary, element: element
  };
})();
