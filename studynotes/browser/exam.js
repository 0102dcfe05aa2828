/* Study mode's practice exam. studynotes/quiz/study.py writes the page: the reader's
 * choices (.exam__setup) and an empty .exam__sheet. The exam is drawn from the question
 * bank with a generator seeded by the exam's number, so the same number and choices give
 * the same exam; it is answered without feedback and submitted once, then scored per
 * topic, every question graded in place by quiz.js, each answer recorded in study mode's
 * schedule. The exam being sat (and then its result) is kept in localStorage under
 * schedule.EXAM_KEY, so a reload or a visit elsewhere loses nothing; with a time limit
 * the clock runs on meanwhile. Loaded after schedule.js, quiz.js and study.js. */
(function () {
  "use strict";
  if (window.studynotesExam) return;
  window.studynotesExam = true;
  var SECOND = 1000;
  var MINUTE = 60 * SECOND;
  var WARN = [5, 1]; // minutes left that a screen reader is told of
  var schedule; // schedule.js, quiz.js and study.js, once they have run (see the end)
  var quiz;
  var study;
  var one;
  var all;
  var tries = 0;

  // mulberry32: a small generator that can be seeded, as Math.random cannot.
  function generator(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffled(list, random) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  // The exam's questions: each chosen topic's in a shuffled order, taken one topic after
  // another in turn (so an exam of as many questions as topics has every topic), then
  // mixed; as study.paper() draws. The generator goes on to order each question's options.
  function draw(bank, exam) {
    var random = generator(exam.seed);
    var pools = bank.quizzes.filter(function (q) {
      return exam.topics.indexOf(q.id) >= 0;
    }).map(function (q) {
      return shuffled(q.questions.map(function (question) {
        return { quiz: q, question: question };
      }), random);
    });
    pools = shuffled(pools, random);
    var drawn = [];
    var more = true;
    while (drawn.length < exam.count && more) {
      more = false;
      pools.forEach(function (pool) {
        if (pool.length && drawn.length < exam.count) {
          drawn.push(pool.shift());
          more = true;
        }
      });
    }
    return { items: shuffled(drawn, random), random: random };
  }

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function clock(ms) {
    var s = Math.ceil(ms / SECOND);
    return Math.floor(s / 60) + ":" + two(s % 60);
  }
  function percent(right, total) {
    return total ? Math.round(100 * right / total) + "%" : "\u2013";
  }
  function button(className, text) {
    var b = study.element("button", "quiz__button " + className, text);
    b.type = "button";
    return b;
  }
  // A paragraph of buttons, a space apart.
  function buttons(list) {
    var row = study.element("p", "quiz__buttons");
    list.forEach(function (b, n) {
      if (n) row.appendChild(document.createTextNode(" "));
      row.appendChild(b);
    });
    return row;
  }

  function setUp(root) {
    var element = study.element;
    var plural = study.plural;
    var choices = one(root, ".exam__setup");
    var sheet = one(root, ".exam__sheet");
    var problem = one(root, ".exam__problem");
    var timer = null;
    var paper = one(root, ".study__nojs"); // the fixed paper: its question ids would repeat
    paper.parentNode.removeChild(paper);

    function load() {
      var exam = schedule.read(schedule.EXAM_KEY); // as written by save(), or else ignored
      var numbers = exam && [exam.seed, exam.count, exam.minutes, exam.started].every(function (n) {
        return typeof n === "number" && isFinite(n);
      });
      return numbers && Array.isArray(exam.topics) && exam.answers &&
        typeof exam.answers === "object" ? exam : null;
    }
    function save(exam) {
      schedule.write(schedule.EXAM_KEY, exam);
    }
    function withBank(then) {
      study.bank(root).then(then, function (error) {
        choices.hidden = false;
        sheet.hidden = true;
        problem.textContent = "The questions could not be loaded (" + error.message + "). " +
          "Reload the page to try again.";
      });
    }

    // --- choosing ------------------------------------------------------------------------

    function choose(last) {
      clearInterval(timer);
      sheet.hidden = true;
      sheet.textContent = "";
      choices.hidden = false;
      if (last) {
        all(choices, "input[name=topic]").forEach(function (box) {
          box.checked = last.topics.indexOf(box.value) >= 0;
        });
        choices.elements.count.value = last.count;
        choices.elements.minutes.value = String(last.minutes);
      }
      choices.elements.number.value = "";
    }

    choices.addEventListener("submit", function (event) {
      event.preventDefault();
      var topics = all(choices, "input[name=topic]:checked").map(function (box) {
        return box.value;
      });
      if (!topics.length) {
        problem.textContent = "Choose at least one topic.";
        one(choices, "input[name=topic]").focus();
        return;
      }
      problem.textContent = "";
      var number = choices.elements.number.value.trim();
      start({
        seed: number ? parseInt(number, 10) : 1 + Math.floor(Math.random() * 999999),
        topics: topics,
        count: parseInt(choices.elements.count.value, 10),
        minutes: parseInt(choices.elements.minutes.value, 10)
      });
    });

    function start(choice) {
      var exam = { seed: choice.seed, topics: choice.topics, count: choice.count,
        minutes: choice.minutes, started: Date.now(), answers: {} };
      save(exam);
      withBank(function (bank) {
        sit(exam, bank, true);
      });
    }

    // --- sitting -------------------------------------------------------------------------

    // The exam's questions on the sheet, with the reader's answers so far; returns them.
    function lay(exam, bank) {
      var drawn = draw(bank, exam);
      var list = sheet.appendChild(element("div", "exam__questions"));
      var papers = drawn.items.map(function (item, n) {
        list.insertAdjacentHTML("beforeend", item.question.html);
        var form = list.lastElementChild;
        all(form, "a[href]").forEach(function (a) { // links in the bank count from its file
          a.href = new URL(a.getAttribute("href"), bank.url).href;
        });
        var legend = one(form, "legend");
        legend.insertBefore(element("span", "quiz__number", "Question " + (n + 1) + " of " +
          drawn.items.length + " \u00b7 " + item.quiz.title), legend.firstChild);
        quiz.prepare(form, drawn.random);
        one(form, ".quiz__check").hidden = true;
        var saved = exam.answers[item.question.id];
        if (saved !== undefined) quiz.restore(form, saved);
        return { form: form, item: item };
      });
      quiz.reachable(list);
      return papers;
    }

    function sit(exam, bank, focus) {
      choices.hidden = true;
      sheet.hidden = false;
      sheet.textContent = "";
      var topics = {};
      var about = element("p", "exam__about");
      about.tabIndex = -1;
      var time = element("p", "exam__timer");
      time.setAttribute("role", "timer");
      var warning = element("p", "exam__warning");
      warning.setAttribute("role", "status");
      sheet.appendChild(about);
      sheet.appendChild(time);
      sheet.appendChild(warning);
      var papers = lay(exam, bank);
      papers.forEach(function (p) {
        topics[p.item.quiz.id] = true;
        var keep = function () {
          exam.answers[p.item.question.id] = quiz.response(p.form);
          save(exam);
        };
        p.form.addEventListener("input", keep);
        p.form.addEventListener("change", keep);
        p.form.addEventListener("submit", function (event) {
          event.preventDefault(); // Enter in a text box: nothing is marked before the end
        });
      });
      var what = "Exam " + exam.seed + ": " + plural(papers.length, "question") + " from " +
        plural(Object.keys(topics).length, "topic") +
        (exam.minutes ? ", " + exam.minutes + " minutes." : ", no time limit.");
      about.setAttribute("data-what", what);
      about.textContent = what + " Nothing is marked until you submit; a question left " +
        "empty counts as wrong.";

      var end = element("div", "exam__end");
      var submit = button("exam__submit", "Submit the exam");
      var confirm = element("div", "study__confirm", "");
      confirm.hidden = true;
      var ask = element("p");
      var yes = button("exam__submit-yes", "Submit now");
      var no = button("exam__submit-no", "Back to the exam");
      confirm.appendChild(ask);
      confirm.appendChild(buttons([yes, no]));
      end.appendChild(buttons([submit]));
      end.appendChild(confirm);
      sheet.appendChild(end);

      function empty() {
        return papers.filter(function (p) {
          return quiz.blank(p.form);
        });
      }
      submit.addEventListener("click", function () {
        var left = empty().length;
        if (!left) return finish(exam, bank, papers, "");
        ask.textContent = plural(left, "question") + (left === 1 ? " has" : " have") +
          " no answer; each counts as wrong. Submit anyway?";
        confirm.hidden = false;
        yes.focus();
      });
      yes.addEventListener("click", function () {
        finish(exam, bank, papers, "");
      });
      no.addEventListener("click", function () {
        confirm.hidden = true;
        var first = empty()[0];
        one(first ? first.form : papers[0].form, "input, select").focus();
      });

      if (exam.submitted) return finish(exam, bank, papers, exam.why);
      if (exam.minutes) {
        var deadline = exam.started + exam.minutes * MINUTE;
        var told = Infinity;
        var tick = function () {
          if (!root.isConnected) return clearInterval(timer); // the reader went elsewhere
          var left = deadline - Date.now();
          if (left <= 0) return finish(exam, bank, papers, "time");
          time.textContent = "Time left: " + clock(left);
          WARN.forEach(function (m) {
            if (left <= m * MINUTE && m < told) {
              told = m;
              warning.textContent = plural(m, "minute") + " left.";
            }
          });
        };
        timer = setInterval(tick, SECOND);
        tick();
      } else {
        time.hidden = true;
      }
      if (focus) about.focus();
    }

    // --- the result ----------------------------------------------------------------------

    function finish(exam, bank, papers, why) {
      clearInterval(timer);
      var first = !exam.submitted;
      var now = Date.now();
      var byTopic = {};
      var right = 0;
      papers.forEach(function (p) {
        var ok = quiz.grade(p.form, false, true);
        right += ok ? 1 : 0;
        var topic = byTopic[p.item.quiz.id] || (byTopic[p.item.quiz.id] = { quiz: p.item.quiz,
          total: 0, right: 0 });
        topic.total++;
        topic.right += ok ? 1 : 0;
        if (first) schedule.record(p.item.question, ok, now);
      });
      if (first) {
        exam.submitted = now;
        exam.why = why;
        save(exam);
      }
      all(sheet, ".exam__timer, .exam__warning, .exam__end").forEach(function (el) {
        sheet.removeChild(el);
      });
      var about = one(sheet, ".exam__about");
      about.textContent = about.getAttribute("data-what");
      var result = element("div", "exam__result");
      var score = element("h2", "exam__score", "Your score: " + right + " of " + papers.length +
        " (" + percent(right, papers.length) + ")");
      score.tabIndex = -1;
      result.appendChild(score);
      var taken = Math.round((exam.submitted - exam.started) / MINUTE);
      result.appendChild(element("p", "", (exam.why === "time"
        ? "Time was up: the exam was submitted with the answers given. "
        : "Submitted after " + (taken ? plural(taken, "minute") : "less than a minute") + ". ") +
        (right < papers.length ? "The " + plural(papers.length - right, "question") +
          " you missed come back in review from ten minutes after you submitted." : "")));
      result.appendChild(topicTable(byTopic, bank));
      var again = button("exam__again", "Sit the same exam again");
      var other = button("exam__new", "Choose another exam");
      result.appendChild(buttons([again, other]));
      result.appendChild(element("h2", "", "Answer sheet"));
      sheet.insertBefore(result, one(sheet, ".exam__questions"));
      again.addEventListener("click", function () {
        start(exam);
      });
      other.addEventListener("click", function () {
        save(null);
        choose(exam);
        one(choices, "input").focus();
      });
      if (first) score.focus();
    }

    function topicTable(byTopic, bank) {
      var box = element("div", "study__table");
      var table = element("table");
      var head = element("tr");
      ["Topic", "Right", "Score"].forEach(function (name) {
        var th = element("th", "", name);
        th.scope = "col";
        head.appendChild(th);
      });
      table.appendChild(element("thead")).appendChild(head);
      var body = table.appendChild(element("tbody"));
      Object.keys(byTopic).map(function (id) {
        return byTopic[id];
      }).sort(function (a, b) {
        return a.quiz.title < b.quiz.title ? -1 : 1;
      }).forEach(function (t) {
        var row = body.appendChild(element("tr"));
        var th = row.appendChild(element("th"));
        th.scope = "row";
        var link = th.appendChild(element("a", "", t.quiz.title));
        link.href = new URL(t.quiz.url, bank.url).href;
        [t.right + " of " + t.total, percent(t.right, t.total)].forEach(function (value) {
          row.appendChild(element("td", "", value));
        });
      });
      box.appendChild(table);
      return box;
    }

    // --- where the reader left off -------------------------------------------------------

    var exam = load();
    if (!exam) return choose(null);
    withBank(function (bank) {
      sit(exam, bank, false); // or its result, if it was submitted
    });
  }

  // As study.js: on instant navigation the scripts may run in any order.
  (function start() {
    schedule = window.studynotesSchedule;
    quiz = window.studynotesQuiz;
    study = window.studynotesStudy;
    if (!schedule || !quiz || !study) return tries++ < 200 && setTimeout(start, 25);
    one = quiz.one;
    all = quiz.all;
    study.page("exam", setUp);
  })();
})();
