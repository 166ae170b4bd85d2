// Each LinkedIn and X compose surface in Firefox, as tests/browser/test_surfaces.py checks them in Chromium: a
// pitch gives a warning or error hint with its rule ids and underlines, a warm text gives ok, a first contact
// gives the first-contact error, and the editor's text and caret stay as the typing left them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  PITCH,
  SURFACES,
  editorCaret,
  editorText,
  expected,
  highlights,
  launch,
  openCard,
  underlined,
  waitForHint,
} from "./harness.mjs";

let ff;
before(async () => {
  ff = await launch();
});
after(async () => {
  await ff?.close();
});

for (const surface of SURFACES) {
  describe(surface.name, () => {
    test("a pitch is flagged with its rules and underlined", async () => {
      const report = expected(surface, PITCH);
      assert.ok(["warning", "error"].includes(report.level));
      const page = await ff.typeIn(surface, PITCH);
      const hint = await waitForHint(page, surface, (h) => h.level === report.level);
      assert.equal(hint.count, String(report.findings.length));
      const card = await openCard(page, surface);
      assert.deepEqual(new Set(card.rules), new Set(report.findings.map((f) => f.rule)));
      assert.ok(card.rules.some((r) => r.startsWith("pitch.")));
      assert.ok(card.text.includes(report.findings[0].message));
      const marks = await highlights(page);
      const got = new Set(Object.entries(marks).filter(([n]) => n !== "rapport-focus").flatMap(([, t]) => t));
      assert.deepEqual(got, underlined(PITCH, report.findings));
      if (surface.first_contact) {
        assert.ok(card.rules.includes("first_contact.pitch") && card.why.includes("first_contact"));
        assert.equal(report.level, "error");
      }
      assert.equal(await editorText(page, surface), PITCH);
      assert.equal(await editorCaret(page, surface), PITCH.length);
      await page.close();
    });

    test("a warm personal text is ok", async () => {
      const report = expected(surface, surface.warm);
      assert.equal(report.level, "ok");
      const page = await ff.typeIn(surface, surface.warm);
      const hint = await waitForHint(page, surface, (h) => h.level === "ok");
      assert.equal(hint.count, "0");
      const marks = await highlights(page);
      assert.deepEqual(Object.keys(marks).filter((n) => n.startsWith("rapport-") && marks[n].length), []);
      assert.equal(await editorText(page, surface), surface.warm);
      assert.equal(await editorCaret(page, surface), surface.warm.length);
      assert.equal(hint["firstContact"] === "", !!surface.first_contact);
      await page.close();
    });
  });
}
