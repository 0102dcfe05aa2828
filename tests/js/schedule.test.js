// Study mode's scheduler (studynotes/browser/schedule.js), under Node's own test runner:
//   node --test tests/js/*.test.js      (make test-js)
// It is the file the site serves, loaded as the module it also is; SCHEDULE_JS names
// another copy (tests/test_study.py runs these tests on the minified one readers get).
"use strict";
process.env.TZ = "UTC"; // "today" and midnight are the same wherever the tests run
const test = require("node:test");
const assert = require("node:assert/strict");
const schedule = require(process.env.SCHEDULE_JS || "../../studynotes/browser/schedule.js");

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const START = Date.UTC(2026, 11, 2, 9, 0); // a morning: "today" is the same day all through

function bank(...quizzes) {
  return {
    quizzes: quizzes.map(([id, count]) => ({
      id,
      title: id,
      questions: Array.from({ length: count }, (_, n) => ({ id: `${id}-${n + 1}`, v: "v1" })),
    })),
  };
}

// Answers in order: [question id, right?, time]; the cards they leave.
function answered(answers, cards = {}) {
  for (const [id, right, time] of answers) {
    cards[id] = schedule.answer(cards[id], "v1", right, time);
  }
  return cards;
}

const ids = (items) => items.map((item) => item.question.id);

test("a right answer moves a question up a box: due after 2, 4, 8, then every 16 days", () => {
  let card;
  let now = START;
  const gaps = [];
  for (let n = 0; n < 6; n++) {
    card = schedule.answer(card, "v1", true, now);
    gaps.push((card.due - now) / DAY);
    now = card.due;
  }
  assert.deepEqual(gaps, [2, 4, 8, 16, 16, 16]);
  assert.equal(card.box, 5);
  assert.equal(card.log.length, 6);
});

test("a wrong answer sends a question back to box 1, due again in 10 minutes", () => {
  const card = answered([["q", true, START], ["q", true, START + 2 * DAY], ["q", false, START + 6 * DAY]]).q;
  assert.equal(card.box, 1);
  assert.equal(card.due, START + 6 * DAY + 10 * MINUTE);
  assert.deepEqual(card.log.map((a) => a[1]), [1, 1, 0]);
  // Right again after that: up to box 2, two days, as a new question would.
  const again = schedule.answer(card, "v1", true, card.due);
  assert.equal(again.box, 2);
  assert.equal(again.due, card.due + 2 * DAY);
});

test("a changed question (new version) starts afresh: its old answers do not count", () => {
  const old = answered([["q", true, START], ["q", true, START + 2 * DAY]]).q;
  assert.equal(old.box, 3);
  const changed = schedule.answer(old, "v2", true, START + 3 * DAY);
  assert.equal(changed.box, 2);
  assert.equal(changed.v, "v2");
  assert.equal(changed.log.length, 1);
  // Until answered in its new version it is a new question, not a due one.
  const cards = { "a-1": old };
  const fresh = bank(["a", 1]);
  fresh.quizzes[0].questions[0].v = "v2";
  const todo = schedule.plan(fresh, cards, START + 30 * DAY);
  assert.deepEqual(ids(todo.due), []);
  assert.deepEqual(ids(todo.fresh), ["a-1"]);
});

test("a question removed from the bank is never asked, and not counted", () => {
  const cards = answered([["gone-1", false, START]]);
  const todo = schedule.plan(bank(["a", 2]), cards, START + DAY);
  assert.deepEqual(ids(todo.due), []);
  assert.deepEqual(ids(todo.fresh), ["a-1", "a-2"]);
  const [row] = schedule.progress(bank(["a", 2]), cards, START + DAY);
  assert.equal(row.seen, 0);
});

test("two wrong and one right: a day later the two wrong ones and only those are due", () => {
  const b = bank(["a", 3], ["b", 3]);
  const cards = answered([["a-1", false, START], ["b-1", true, START + MINUTE], ["a-2", false, START + 2 * MINUTE]]);
  const soon = schedule.plan(b, cards, START + 5 * MINUTE);
  assert.deepEqual(ids(soon.due), []);
  assert.equal(soon.next, START + 10 * MINUTE); // a-1, ten minutes after it was missed
  const todo = schedule.plan(b, cards, START + DAY);
  assert.deepEqual(ids(todo.due), ["a-1", "a-2"]); // most overdue first
  assert.equal(todo.next, START + MINUTE + 2 * DAY); // b-1
});

test("new questions come in five a day, taken from each quiz in turn", () => {
  const b = bank(["a", 4], ["b", 2], ["c", 3]);
  assert.equal(schedule.NEW_PER_DAY, 5);
  const first = schedule.plan(b, {}, START);
  assert.deepEqual(ids(first.fresh), ["a-1", "b-1", "c-1", "a-2", "b-2"]);
  // Three answered today: two more new ones today, then nothing until tomorrow.
  const cards = answered([["a-1", true, START], ["b-1", true, START], ["c-1", true, START]]);
  const later = schedule.plan(b, cards, START + MINUTE);
  assert.deepEqual(ids(later.fresh), ["a-2", "b-2"]);
  answered([["a-2", true, START + MINUTE], ["b-2", true, START + MINUTE]], cards);
  const done = schedule.plan(b, cards, START + 2 * MINUTE);
  assert.deepEqual(ids(done.fresh), []);
  assert.equal(done.next, new Date(START).setHours(24, 0, 0, 0)); // the next day's new ones
  assert.deepEqual(ids(schedule.plan(b, cards, done.next).fresh), ["c-2", "a-3", "c-3", "a-4"]);
});

test("nothing due and nothing new: next is when the first question comes back", () => {
  const b = bank(["a", 1]);
  const cards = answered([["a-1", true, START]]);
  const todo = schedule.plan(b, cards, START + MINUTE);
  assert.deepEqual([ids(todo.due), ids(todo.fresh), todo.next], [[], [], START + 2 * DAY]);
  assert.equal(schedule.plan(bank(), {}, START).next, null);
});

test("progress per quiz: seen, right at the last try, due now, last answer", () => {
  const b = bank(["a", 3], ["b", 2]);
  const cards = answered([["a-1", true, START], ["a-1", false, START + DAY], ["a-2", true, START + DAY], ["b-1", false, START]]);
  const rows = schedule.progress(b, cards, START + DAY + 20 * MINUTE);
  assert.deepEqual(
    rows.map(({ total, seen, right, due, last }) => ({ total, seen, right, due, last })),
    [
      { total: 3, seen: 2, right: 1, due: 1, last: START + DAY },
      { total: 2, seen: 1, right: 0, due: 1, last: START },
    ],
  );
});

test("an export file is read back; anything else is refused with a reason", () => {
  const good = {
    format: "studynotes-progress",
    version: 1,
    exported: new Date(START).toISOString(),
    cards: answered([["a-1", true, START]]),
    quizzes: { a: { "a-1": { r: ["x"], c: true }, "a-2": { r: "typed" } } },
  };
  assert.deepEqual(schedule.parse(JSON.stringify(good)), good);
  const refused = {
    "not JSON": "{oops",
    "foreign JSON": JSON.stringify({ format: "studynotes-quiz", quiz: {} }),
    "a later version": JSON.stringify({ ...good, version: 2 }),
    "a bad box": JSON.stringify({ ...good, cards: { "a-1": { ...good.cards["a-1"], box: 9 } } }),
    "an empty log": JSON.stringify({ ...good, cards: { "a-1": { ...good.cards["a-1"], log: [] } } }),
    "a bad saved answer": JSON.stringify({ ...good, quizzes: { a: { "a-1": { r: 5 } } } }),
    "an array": "[]",
  };
  const messages = Object.entries(refused).map(([what, text]) => {
    assert.throws(() => schedule.parse(text), Error, what);
    try {
      schedule.parse(text);
    } catch (error) {
      return error.message;
    }
  });
  assert.match(messages[0], /not JSON/);
  assert.match(messages[1], /not a progress file/);
  assert.match(messages[2], /version 2/);
  assert.match(messages[3], /damaged/);
});
