// background/stats.js: the 7-day counts, per local day, counted once per draft even across a restart.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createStats, lastDayNames, localDay } from "../background/stats.js";

const area = () => {
  const data = {};
  return { data, get: async (k) => ({ [k]: structuredClone(data[k]) }), set: async (o) => Object.assign(data, structuredClone(o)) };
};
const pitchy = { pitchy: true, level: "warning" };
const warm = { pitchy: false, level: "ok" };

test("days are local calendar days, the last seven ending today", () => {
  const t = new Date(2026, 11, 2, 23, 30).getTime(); // late evening, local time
  assert.equal(localDay(t), "2026-12-02");
  const days = lastDayNames(t);
  assert.equal(days.length, 7);
  assert.deepEqual([days[0], days[6]], ["2026-11-26", "2026-12-02"]);
});

test("a draft counts once, and once more when it first reads as a pitch", async () => {
  const now = new Date(2026, 11, 2, 10).getTime();
  const stats = createStats(area(), area(), () => now);
  await stats.record(1, "box-1", "Hi", warm, {});
  await stats.record(1, "box-1", "Hi Sam", warm, {});
  await stats.record(1, "box-1", "Hi Sam, book a call", pitchy, {});
  await stats.record(1, "box-1", "Hi Sam, book a quick call", pitchy, {});
  await stats.record(2, "box-1", "Book a demo", { pitchy: true, level: "error" }, { first_contact: true });
  const today = (await stats.lastDays()).at(-1);
  assert.deepEqual(today, { day: "2026-12-02", drafts: 2, pitchy: 2, first_contact_errors: 1 });
});

test("a restart in the middle of a draft does not count it again; an emptied box starts a new draft", async () => {
  const now = new Date(2026, 11, 2, 10).getTime();
  const local = area();
  const session = area();
  await createStats(local, session, () => now).record(1, "box-1", "Hello", warm, {});
  const woken = createStats(local, session, () => now); // the service worker slept and woke
  await woken.record(1, "box-1", "Hello there", warm, {});
  assert.equal((await woken.lastDays()).at(-1).drafts, 1);
  await woken.record(1, "box-1", "", warm, {});
  await woken.record(1, "box-1", "Next one", warm, {});
  assert.equal((await woken.lastDays()).at(-1).drafts, 2);
});

test("counts older than a week are dropped", async () => {
  let now = new Date(2026, 11, 1, 10).getTime();
  const local = area();
  const stats = createStats(local, area(), () => now);
  await stats.record(1, "a", "x", warm, {});
  now = new Date(2026, 11, 9, 10).getTime();
  await stats.record(1, "b", "y", warm, {});
  assert.deepEqual(Object.keys(local.data.stats), ["2026-12-09"]);
});
