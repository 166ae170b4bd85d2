// What the extension says about a report or a failure: pure functions, shared by the hint and the popup, unit
// tested in test/states.test.js.

// The card's heading, from what its findings are about: a card of hashtag or greeting findings does not say
// "Reads like a pitch".
export function heading(findings, firstContact = false) {
  if (!findings.length) return "Looks personal";
  const cats = new Set(findings.map((f) => f.category));
  const pitch = cats.has("pitch") || cats.has("first_contact");
  const severe = findings.some((f) => f.severity === "error");
  if (pitch && (severe || firstContact)) return "Will likely be ignored";
  if (pitch && findings.some((f) => f.severity !== "info" && f.category === "pitch")) return "Reads like a pitch";
  if (cats.has("impersonal") && findings.some((f) => f.category === "impersonal" && f.severity !== "info")) {
    return "Reads like a broadcast";
  }
  if (severe) return "Will likely be ignored";
  if ([...cats].every((c) => c === "readability")) return "Hard to read";
  return "Suggestions";
}

// A gauge's colour for a score, against the host's threshold for the chosen sensitivity (report.thresholds):
// at or past it the text has that verdict; from two thirds of it on, it is getting there.
export function gaugeLevel(score, threshold) {
  const t = typeof threshold === "number" && threshold > 0 ? threshold : 50;
  if (score >= t) return "error";
  if (score >= (2 * t) / 3) return "warning";
  return "ok";
}

// A host's error reply (docs/protocol.md), as the person writing should read it; null for failures that are
// about the host itself (missing, crashed, timed out), which the hint shows as such.
const REFUSALS = {
  text_too_long: "This text is too long to check: Rapport reads up to 262,144 characters.",
  invalid_field: "Rapport could not check this text: the extension sent something the host does not understand.",
  reply_too_large: "This text has too many findings to show at once.",
  internal_error: "Rapport's host hit a bug on this text; it keeps working for other texts.",
  forbidden_origin: "Rapport's host refused this browser: run the install command again.",
};
const HOST_FAILURES = new Set(["host_missing", "host_crashed", "timeout", "error", "superseded"]);

export function refusal(code) {
  if (!code || HOST_FAILURES.has(code)) return null;
  return REFUSALS[code] ?? `Rapport's host could not check this text (${code}).`;
}
