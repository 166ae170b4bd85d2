// shared/settings.js: whatever is stored becomes complete settings; changes apply one after another.
import assert from "node:assert/strict";
import { test } from "node:test";

// A storage.sync that answers after a delay, as the real one may: racing read-modify-writes would lose a change.
const stored = {};
globalThis.chrome = {
  storage: {
    sync: {
      get: async (key) => {
        await new Promise((r) => setTimeout(r, 5));
        return { [key]: structuredClone(stored[key]) };
      },
      set: async (obj) => {
        await new Promise((r) => setTimeout(r, 5));
        Object.assign(stored, structuredClone(obj));
      },
    },
    onChanged: { addListener() {}, removeListener() {} },
  },
};
const { Settings } = await import("../shared/settings.js");

test("normalize fills defaults, drops unknown values and duplicate rules", () => {
  const s = Settings.normalize({ sites: { x: false, myspace: true }, sensitivity: "loud", ignoredRules: ["b", "a", "b", 3] });
  assert.deepEqual(s.sites, { linkedin: true, x: false });
  assert.equal(s.sensitivity, "normal");
  assert.deepEqual(s.ignoredRules, ["a", "b"]);
  assert.deepEqual(Settings.normalize(null), Settings.normalize({}));
});

test("two rules ignored at once are both kept", async () => {
  await Promise.all([Settings.ignoreRule("pitch.call_to_action"), Settings.ignoreRule("impersonal.jargon")]);
  assert.deepEqual((await Settings.load()).ignoredRules, ["impersonal.jargon", "pitch.call_to_action"]);
});

test("a patch from the options page keeps the ignored rules", async () => {
  await Settings.patch({ sensitivity: "high", ignoredRules: [] });
  const s = await Settings.load();
  assert.equal(s.sensitivity, "high");
  assert.deepEqual(s.ignoredRules, ["impersonal.jargon", "pitch.call_to_action"]);
  await Settings.unignoreRule("impersonal.jargon");
  assert.deepEqual((await Settings.load()).ignoredRules, ["pitch.call_to_action"]);
});
