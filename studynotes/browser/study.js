/* Study mode's pages: review (questions due, one at a time, from every quiz) and
 * progress (per quiz, and keeping it: export, import, forget); exam.js adds the
 * practice exam's. Loaded with schedule.js and quiz.js on those pages only;
 * studynotes/quiz/study.py writes their HTML and the question bank, whose address
 * the widget's data-bank holds. */
(function () {
  "use strict";
  if (window.studynotesStudy) return;
  // Each study page's set-up, by the widget's data-study; exam.js adds "exam" (page()).
  var PAGES = { review: review, progress: progressPage };
  window.studynotesStudy = { page: page, bank: getBank, element: element,
    plural: plural };
  var schedule; // schedule.js and quiz.js, once both have run (see the end)
  var quiz;
  var one;
  var all;
  var tries = 0;
  var bank = null; // fetched once, kept across instant navigation

  function when(time) {
    return new Date(time).toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" });
  }
  function day(time) {
    return time ? new Date(time).toLocaleDateString(undefined, { dateStyle: "medium" }) : "\u2013";
  }
  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  // The bank's address is relative to the page showing the widget (data-bank).
  function getBank(root) {
    if (bank) return Promise.resolve(bank);
    var url = new URL(root.getAttribute("data-bank"), document.baseURI);
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.json();
    }).then(function (data) {
      data.url = url;
      bank = data;
      return data;
    });
  }

  function page(kind, setUp) {
    PAGES[kind] = setUp;
    if (all) initAll(); // else start() does, once quiz.js has run
  }

  function initAll() {
    all(document, ".study[data-study]:not([data-study-ready])").forEach(function (root) {
      var setUp = PAGES[root.getAttribute("data-study")];
      if (!setUp) return; // its script has not run yet: page() comes back here
      root.setAttribute("data-study-ready", "");
      one(root, ".study__nojs").hidden = true;
      all(root, ".study__js").forEach(function (el) {
        el.hidden = false;
      });
      setUp(root);
    });
  }

  // --- review ----------------------------------------------------------------------------

  function review(root) {
    var status = one(root, ".study__status");
    var card = one(root, ".study__card");
    status.textContent = "Loading the questions\u2026";
    getBank(root).then(function () {
      next(false);
    }, function (error) {
      status.textContent = "The questions could not be loaded (" + error.message + "). " +
        "Reload the page to try again.";
    });

    // Shows what is due first, else a new question, else when to come back.
    function next(focus) {
      var now = Date.now();
      var todo = schedule.plan(bank, schedule.load(), now);
      var item = todo.due[0] || todo.fresh[0];
      status.textContent = item
        ? "Due for review: " + todo.due.length + ". New questions left today: " +
          todo.fresh.length + "."
        : "Nothing due" + (todo.next ? " until " + when(todo.next) : "") + ".";
      card.textContent = "";
      if (!item) {
        if (focus) status.focus();
        return;
      }
      var from = element("p", "study__from", item === todo.due[0] ? "Review \u00b7 " : "New \u00b7 ");
      var link = element("a", "", item.quiz.title);
      link.href = new URL(item.quiz.url, bank.url).href;
      from.appendChild(link);
      card.appendChild(from);
      card.insertAdjacentHTML("beforeend", item.question.html);
      var form = one(card, "form");
      all(form, "a[href]").forEach(function (a) { // links in the bank count from its file
        a.href = new URL(a.getAttribute("href"), bank.url).href;
      });
      quiz.prepare(form);
      quiz.reachable(form);
      var more = element("p", "quiz__buttons");
      var button = element("button", "quiz__button study__next", "Next question");
      button.type = "button";
      button.hidden = true;
      more.appendChild(button);
      card.appendChild(more);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var right = quiz.grade(form, true);
        if (right === null) return;
        schedule.record(quiz.question(form), right, Date.now());
        button.hidden = false;
      });
      button.addEventListener("click", function () {
        next(true);
      });
      if (focus) one(form, "input").focus();
    }
  }

  // --- progress ---------------------------------------------------------------------------

  function progressPage(root) {
    var rows = all(root, "tr[data-questions]"); // each quiz's, then the total's
    var message = one(root, ".study__message");
    var confirm = one(root, ".study__confirm");
    // The rows list their questions' ids and versions: no fetch needed here.
    var table = { quizzes: rows.map(function (row) {
      return { questions: row.getAttribute("data-questions").split(" ").map(function (pair) {
        pair = pair.split(":");
        return { id: pair[0], v: pair[1] };
      }) };
    }) };

    function show() {
      schedule.progress(table, schedule.load(), Date.now()).forEach(function (s, n) {
        var cells = all(rows[n], "td");
        cells[1].textContent = s.seen;
        cells[2].textContent = s.right;
        cells[3].textContent = s.due;
        cells[4].textContent = day(s.last);
      });
    }
    function say(text) {
      message.textContent = text;
      show();
    }

    one(root, ".study__export").addEventListener("click", function () {
      var now = Date.now();
      var blob = new Blob([JSON.stringify(schedule.dump(now), null, 1)], { type: "application/json" });
      var a = element("a");
      a.href = URL.createObjectURL(blob);
      a.download = "study-notes-progress-" + new Date(now).toISOString().slice(0, 10) + ".json";
      a.click(); // the blob's URL lives as long as the page: one small file per click
      say("Your progress was saved as " + a.download + ".");
    });
    var file = one(root, ".study__import");
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      var chosen = file.files[0];
      chosen.text().then(function (text) {
        var data;
        try {
          data = schedule.parse(text);
        } catch (error) {
          say(chosen.name + ": " + error.message + " Nothing was changed.");
          return;
        }
        schedule.restore(data);
        say("Imported " + chosen.name + ": answers to " +
          plural(Object.keys(data.cards).length, "question") + ", exported " +
          day(Date.parse(data.exported)) + ". They replace what this browser kept.");
      }).finally(function () {
        file.value = "";
      });
    });
    one(root, ".study__forget").addEventListener("click", function () {
      confirm.hidden = false;
      one(confirm, ".study__forget-yes").focus();
    });
    one(root, ".study__forget-yes").addEventListener("click", function () {
      schedule.forget();
      confirm.hidden = true;
      say("Your progress on this browser is forgotten.");
      one(root, ".study__forget").focus();
    });
    one(root, ".study__forget-no").addEventListener("click", function () {
      confirm.hidden = true;
      say("Nothing was forgotten.");
      one(root, ".study__forget").focus();
    });
    show();
  }

  // As in quiz.js: on instant navigation the scripts may run in any order.
  (function start() {
    schedule = window.studynotesSchedule;
    quiz = window.studynotesQuiz;
    if (!schedule || !quiz) return tries++ < 200 && setTimeout(start, 25);
    one = quiz.one;
    all = quiz.all;
    if (window.document$) window.document$.subscribe(initAll);
    else initAll();
  })();
})();
