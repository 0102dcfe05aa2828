/* Study-notes quizzes: grades the quiz forms that studynotes/quiz/render.py writes.
 * Without this script each question still shows its answer in a <details> block.
 * No framework; a quiz's answers are kept in localStorage under "studynotes-quiz:<quiz
 * id>", and each checked answer goes to study mode's schedule (schedule.js). */
(function () {
  "use strict";
  // Material's instant navigation re-runs the scripts of each new page's content:
  // subscribe once, and let document$ set up the quizzes of every page after that.
  if (window.studynotesQuiz) return;
  // What study.js and exam.js reuse: the same widget on the review and exam pages.
  window.studynotesQuiz = { prepare: prepare, grade: grade, question: question, one: one, all: all,
    response: response, restore: restore, blank: blank, reachable: reachable };
  var schedule; // schedule.js, once it has run (see start)
  var STORE;
  var tries = 0;

  function all(el, selector) {
    return Array.prototype.slice.call(el.querySelectorAll(selector));
  }
  function one(el, selector) {
    return el.querySelector(selector);
  }
  function norm(text) {
    return String(text).trim().replace(/\s+/g, " ").toLowerCase();
  }
  function load(id) {
    return schedule.read(STORE + id) || {};
  }
  function save(id, state) {
    schedule.write(STORE + id, state);
  }

  function initAll() {
    all(document, ".quiz[data-quiz]:not([data-quiz-ready])").forEach(setup);
  }

  function setup(root) {
    root.setAttribute("data-quiz-ready", "");
    root.classList.add("quiz--js");
    var id = root.getAttribute("data-quiz");
    var state = load(id);
    var forms = all(root, ".quiz__question");
    var summary = one(root, ".quiz__summary");
    var score = one(root, ".quiz__score");
    var retry = one(root, ".quiz__retry");

    function persist() {
      save(id, state);
      var right = all(root, ".quiz__question[data-result=right]").length;
      var wrong = all(root, ".quiz__question[data-result=wrong]").length;
      var open = forms.length - right - wrong;
      score.textContent = right + " of " + forms.length + " correct" +
        (open ? " (" + open + " not answered yet)" : "");
      retry.hidden = !wrong;
    }

    forms.forEach(function (form) {
      var qid = form.getAttribute("data-question");
      prepare(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var result = grade(form, true);
        if (result !== null) {
          state[qid] = { r: response(form), c: true };
          schedule.record(question(form), result, Date.now());
        }
        persist();
      });
      form.addEventListener("input", function () {
        if (!form.hasAttribute("data-result")) state[qid] = { r: response(form) };
        save(id, state);
      });
      var saved = state[qid];
      if (saved) {
        restore(form, saved.r);
        // Saved answers that no longer fit the quiz (an option was removed) are dropped.
        if (saved.c && grade(form, false) === null) {
          one(form, ".quiz__feedback").textContent = "";
          delete state[qid];
        }
      }
    });

    retry.addEventListener("click", function () {
      var wrong = all(root, ".quiz__question[data-result=wrong]");
      wrong.forEach(function (form) {
        clear(form);
        delete state[form.getAttribute("data-question")];
      });
      persist();
      if (wrong.length) one(wrong[0], "input").focus();
    });
    one(root, ".quiz__reset").addEventListener("click", function () {
      forms.forEach(clear);
      state = {};
      persist();
      one(forms[0], "input").focus();
    });
    summary.hidden = false;
    persist();
    reachable(root);
  }

  // A question's no-JS form (its answer in a <details>) made one to answer and check;
  // random (default Math.random) orders its options.
  function prepare(form, random) {
    var options = one(form, ".quiz__options");
    if (options) shuffle(options, random || Math.random);
    var details = one(form, ".quiz__answer");
    if (details) {
      var reveal = one(details, ".quiz__reveal");
      reveal.hidden = true;
      form.insertBefore(reveal, details);
      details.parentNode.removeChild(details);
    }
    one(form, ".quiz__check").hidden = false;
    one(form, ".quiz__feedback").setAttribute("tabindex", "-1");
  }

  // An exhibit wider than the screen scrolls from the keyboard too: it takes a tab stop.
  // (The site's own scripts see only the code blocks there when a page loads.)
  function reachable(el) {
    var blocks = all(el, "pre > code");
    var wide = blocks.map(function (code) { // every size first: one layout, not one each
      return code.scrollWidth > code.clientWidth;
    });
    blocks.forEach(function (code, n) {
      if (wide[n]) code.setAttribute("tabindex", "0");
    });
  }

  // What the schedule knows a question by: its id and the version of its text and answer.
  function question(form) {
    return { id: form.getAttribute("data-question"), v: form.getAttribute("data-version") };
  }

  function shuffle(box, random) {
    // Display order only: answers are option ids, so the key does not depend on it.
    var items = all(box, ".quiz__option");
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    items.forEach(function (item) {
      box.appendChild(item);
    });
  }

  function textInput(form) {
    return one(form, ".quiz__response input");
  }

  function lists(form) {
    return all(form, ".quiz__rows select");
  }

  // Typed text; the options ticked; or, for rows (order, match), each row's choice.
  function response(form) {
    var input = textInput(form);
    if (input) return input.value;
    if (lists(form).length) {
      return lists(form).map(function (list) {
        return list.value;
      });
    }
    return all(form, ".quiz__options input:checked").map(function (box) {
      return box.value;
    });
  }

  function restore(form, value) {
    var input = textInput(form);
    if (input) input.value = value == null ? "" : value;
    else if (lists(form).length) lists(form).forEach(function (list, n) {
      list.value = Array.isArray(value) && value[n] ? value[n] : "";
    });
    else all(form, ".quiz__options input").forEach(function (box) {
      box.checked = Array.isArray(value) && value.indexOf(box.value) >= 0;
    });
  }

  function blank(form) {
    return unanswered(form, response(form));
  }
  function unanswered(form, value) {
    if (lists(form).length) return value.indexOf("") >= 0;
    return !norm(value);
  }

  // How a question is graded, by its type's grader (data-grader on the form): the same
  // rules as the is_correct of the types in studynotes/quiz/types/ that use it.
  function chosen(key, value) {
    return value.length === key.correct.length && key.correct.every(function (id) {
      return value.indexOf(id) >= 0;
    });
  }
  function sameList(key, value) {
    return key.expected.every(function (right, n) {
      return value[n] === right;
    });
  }
  var GRADERS = {
    choice: chosen,
    rows: sameList,
    short: function (key, value) {
      return key.accept.indexOf(norm(value)) >= 0;
    },
    numeric: function (key, value) {
      var number = parseFloat(String(value).replace(",", "."));
      return !isNaN(number) && Math.abs(number - key.answer) <= key.tolerance + 1e-9;
    }
  };

  // Returns null when there is nothing to check yet, else whether the answer is right.
  // An exam (final) grades an empty answer too: wrong, "Not answered".
  function grade(form, announce, final) {
    var key = JSON.parse(form.getAttribute("data-key"));
    var value = response(form);
    var feedback = one(form, ".quiz__feedback");
    var blank = unanswered(form, value);
    if (blank && !final) {
      feedback.textContent = textInput(form) ? "Type an answer first."
        : lists(form).length ? "Choose an answer for every line first."
          : "Choose an answer first.";
      return null;
    }
    var right = !blank && GRADERS[form.getAttribute("data-grader")](key, value);
    form.setAttribute("data-result", right ? "right" : "wrong");
    all(form, ".quiz__option").forEach(function (option) {
      var box = one(option, "input");
      var isKey = key.correct.indexOf(box.value) >= 0;
      var mark = one(option, ".quiz__mark");
      var text = box.checked ? (isKey ? "\u2713 Right choice" : "\u2717 Wrong choice")
        : isKey ? "\u2713 Right answer, not chosen" : "";
      mark.textContent = text;
      mark.hidden = !text;
      mark.className = "quiz__mark quiz__mark--" + (isKey ? "right" : "wrong");
      var note = one(option, ".quiz__option-feedback");
      if (note) note.hidden = false;
    });
    lists(form).forEach(function (list, n) {
      var mark = one(list.parentNode, ".quiz__mark");
      var ok = list.value === key.expected[n];
      mark.textContent = ok ? "\u2713 Right" : "\u2717 Wrong";
      mark.className = "quiz__mark quiz__mark--" + (ok ? "right" : "wrong");
      mark.hidden = false;
    });
    feedback.innerHTML = "";
    var verdict = document.createElement("p");
    verdict.className = "quiz__verdict quiz__verdict--" + (right ? "right" : "wrong");
    verdict.textContent = right ? "\u2713 Correct." : blank ? "\u2717 Not answered."
      : "\u2717 Not quite.";
    feedback.appendChild(verdict);
    one(form, ".quiz__reveal").hidden = false;
    all(form, "fieldset input, fieldset select").forEach(function (input) {
      input.disabled = true;
    });
    one(form, ".quiz__check").hidden = true;
    // The focused button just disappeared: keep keyboard users in place, on the result.
    if (announce) feedback.focus();
    return right;
  }

  function clear(form) {
    form.removeAttribute("data-result");
    all(form, "fieldset input, fieldset select").forEach(function (input) {
      input.disabled = false;
      input.checked = false;
      if (input.type !== "radio" && input.type !== "checkbox") input.value = "";
    });
    all(form, ".quiz__mark, .quiz__option-feedback, .quiz__reveal").forEach(function (el) {
      el.hidden = true;
    });
    one(form, ".quiz__feedback").textContent = "";
    one(form, ".quiz__check").hidden = false;
  }

  // Material's instant navigation inserts a new page's scripts all at once, so they run
  // in the order they arrive: wait for schedule.js (5 s at most) before setting up.
  function start() {
    schedule = window.studynotesSchedule;
    if (!schedule) return tries++ < 200 && setTimeout(start, 25);
    STORE = schedule.QUIZ_KEY;
    var documents = window.document$;
    if (documents && documents.subscribe) documents.subscribe(initAll);
    else initAll();
  }
  if (document.readyState === "loading" && !window.document$) {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
