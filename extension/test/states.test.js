// shared/states.js: the card's heading, the popup gauges against the host's thresholds, host refusals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gaugeLevel, heading, refusal } from "../shared/states.js";

const f = (category, severity = "warning") => ({ category, severity });

test("the heading says what the findings are about", () => {
  assert.equal(heading([]), "Looks personal");
  assert.equal(heading([f("pitch")]), "Reads like a pitch");
  assert.equal(heading([f("pitch", "error")]), "Will likely be ignored");
  assert.equal(heading([f("pitch")], true), "Will likely be ignored");
  assert.equal(heading([f("impersonal")]), "Reads like a broadcast"); // hashtag stuffing is not a pitch
  assert.equal(heading([f("impersonal", "info"), f("readability", "info")]), "Suggestions");
  assert.equal(heading([f("readability", "info")]), "Hard to read");
  assert.equal(heading([f("impersonal", "error")]), "Reads like a broadcast");
});

test("gauges colour a score against the threshold of the chosen sensitivity", () => {
  assert.equal(gaugeLevel(50, 50), "error");
  assert.equal(gaugeLevel(49, 50), "warning");
  assert.equal(gaugeLevel(30, 50), "ok");
  assert.equal(gaugeLevel(40, 34), "error"); // high sensitivity: a lower threshold
  assert.equal(gaugeLevel(40, 58), "warning");
  assert.equal(gaugeLevel(40, undefined), "warning"); // no threshold (an older host): 50
});

test("a host's error reply is shown as what it is, a broken host is not a refusal", () => {
  assert.match(refusal("text_too_long"), /too long to check/);
  assert.match(refusal("invalid_field"), /could not check/);
  assert.match(refusal("some_new_code"), /some_new_code/);
  for (const code of ["host_missing", "host_crashed", "timeout", null]) assert.equal(refusal(code), null);
});
