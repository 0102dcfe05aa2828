/* Study mode's scheduler and the store of answers it reads (no DOM; tests/js/ runs it
 * under `node --test`).
 *
 * A Leitner system of five boxes: a question answered right moves up a box and is due
 * again after that box's interval (box 2: 2 days, 3: 4, 4: 8, 5: 16; box 5 stays);
 * one answered wrong goes back to box 1 and is due again in 10 minutes, later in the
 * same session. A question is keyed by id and version (a hash of its text and answer,
 * made at build time): a changed question starts afresh, a removed one is never asked.
 * Never-answered questions come in at most NEW_PER_DAY a day, one quiz after another. */
(function (root, make) {
  if (typeof module === "object" && module.exports) module.exports = make();
  else root.studynotesSchedule = root.studynotesSchedule || make();
})(this, function () {
  "use strict";
  var MINUTE = 60000;
  var DAY = 1440 * MINUTE;
  var INTERVALS = [10 * MINUTE, 2 * DAY, 4 * DAY, 8 * DAY, 16 * DAY];
  var NEW_PER_DAY = 5;
  var LOG = 50; // answers kept per question
  var KEY = "studynotes-study";
  var QUIZ_KEY = "studynotes-quiz:"; // the quiz pages' saved answers, one key per quiz
  var EXAM_KEY = "studynotes-exam"; // the practice exam being sat, or its last result
  var FORMAT = "studynotes-progress";
  var VERSION = 1;

  // The stored card of question q ({id, v}), or null if not answered in this version.
  function card(cards, q) {
    var c = cards[q.id];
    return c && c.v === q.v ? c : null;
  }

  // The card after an answer: [time, 1 right / 0 wrong] joins its log.
  function answer(c, version, right, now) {
    var fresh = !c || c.v !== version;
    var box = right ? Math.min((fresh ? 1 : c.box) + 1, 5) : 1;
    var log = (fresh ? [] : c.log).concat([[now, right ? 1 : 0]]).slice(-LOG);
    return { v: version, box: box, due: now + INTERVALS[box - 1], log: log };
  }

  // What to ask now: {due, fresh} lists of {quiz, question} (most overdue first, then
  // new ones taken from each quiz in turn), and next: when more is due (null: never).
  function plan(bank, cards, now) {
    var due = [];
    var unseen = [];
    var next = Infinity;
    var today = new Date(now).toDateString();
    var introduced = 0;
    bank.quizzes.forEach(function (quiz) {
      quiz.questions.forEach(function (question, n) {
        var c = card(cards, question);
        var item = { quiz: quiz, question: question, due: c ? c.due : n };
        if (!c) return (unseen[n] = unseen[n] || []).push(item);
        if (new Date(c.log[0][0]).toDateString() === today) introduced++;
        if (c.due <= now) due.push(item);
        else next = Math.min(next, c.due);
      });
    });
    var fresh = [].concat.apply([], unseen.filter(Boolean)); // quiz by quiz, in turn
    var allowed = Math.max(0, NEW_PER_DAY - introduced);
    if (fresh.length > allowed) next = Math.min(next, new Date(now).setHours(24, 0, 0, 0));
    due.sort(function (a, b) {
      return a.due - b.due;
    });
    return { due: due, fresh: fresh.slice(0, allowed), next: next === Infinity ? null : next };
  }

  // Per quiz: questions, seen, right at the last try, due now, time of the last answer.
  function progress(bank, cards, now) {
    return bank.quizzes.map(function (quiz) {
      var row = { quiz: quiz, total: quiz.questions.length, seen: 0, right: 0, due: 0, last: null };
      quiz.questions.forEach(function (question) {
        var c = card(cards, question);
        if (!c) return;
        var last = c.log[c.log.length - 1];
        row.seen++;
        row.right += last[1];
        if (c.due <= now) row.due++;
        row.last = Math.max(row.last || 0, last[0]);
      });
      return row;
    });
  }

  // --- validating an export file -------------------------------------------------------

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function isTime(value) {
    return typeof value === "number" && value >= 0 && value < 1e15;
  }
  // Whether every value of map passes test.
  function every(map, test) {
    return isObject(map) && Object.keys(map).every(function (k) {
      return test(map[k]);
    });
  }
  function isCard(c) {
    return isObject(c) && typeof c.v === "string" && c.box > 0 && c.box < 6 && c.box % 1 === 0 &&
      isTime(c.due) && Array.isArray(c.log) && c.log.length > 0 && c.log.every(function (a) {
        return Array.isArray(a) && a.length === 2 && isTime(a[0]) && (a[1] === 0 || a[1] === 1);
      });
  }
  function isText(r) {
    return typeof r === "string";
  }
  function isSaved(saved) { // one quiz page's answers: {question id: {r: response, c?}}
    return every(saved, function (s) {
      return isObject(s) && (isText(s.r) || (Array.isArray(s.r) && s.r.every(isText)));
    });
  }

  // The progress in an export file's text; throws an Error whose message says what is wrong.
  function parse(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error("This file is not JSON.");
    }
    if (!isObject(data) || data.format !== FORMAT) {
      throw new Error("This file is not a progress file of these notes.");
    }
    if (data.version !== VERSION) {
      throw new Error("This progress file is version " + data.version + "; this site reads " +
        "version " + VERSION + ".");
    }
    if (!every(data.cards, isCard) || !every(data.quizzes, isSaved)) {
      throw new Error("This progress file is damaged.");
    }
    return data;
  }

  // --- the store: localStorage, which may be missing or full ---------------------------

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (e) {
      return null;
    }
  }
  function write(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* private mode or full storage: quizzes and review work, they just forget */
    }
  }
  function load() {
    var data = read(KEY);
    return data && every(data.cards, isCard) ? data.cards : {};
  }
  function record(question, right, now) {
    var cards = load();
    cards[question.id] = answer(cards[question.id], question.v, right, now);
    write(KEY, { format: FORMAT, version: VERSION, cards: cards });
  }
  function quizKeys() {
    var keys = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        if (localStorage.key(i).indexOf(QUIZ_KEY) === 0) keys.push(localStorage.key(i));
      }
    } catch (e) {
      /* no storage: nothing saved */
    }
    return keys;
  }
  // Everything kept in this browser, as an export file's data.
  function dump(now) {
    var quizzes = {};
    quizKeys().forEach(function (key) {
      var saved = read(key);
      if (isSaved(saved)) quizzes[key.slice(QUIZ_KEY.length)] = saved;
    });
    return { format: FORMAT, version: VERSION, exported: new Date(now).toISOString(),
      cards: load(), quizzes: quizzes };
  }
  // Replaces what this browser keeps with an export file's (already parsed) data.
  function restore(data) {
    forget();
    write(KEY, { format: FORMAT, version: VERSION, cards: data.cards });
    Object.keys(data.quizzes).forEach(function (id) {
      write(QUIZ_KEY + id, data.quizzes[id]);
    });
  }
  function forget() {
    write(KEY, null);
    write(EXAM_KEY, null);
    quizKeys().forEach(function (key) {
      write(key, null);
    });
  }

  return {
    NEW_PER_DAY: NEW_PER_DAY, QUIZ_KEY: QUIZ_KEY, EXAM_KEY: EXAM_KEY,
    answer: answer, plan: plan, progress: progress, parse: parse,
    read: read, write: write, load: load, record: record, dump: dump, restore: restore,
    forget: forget
  };
});
