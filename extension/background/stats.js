// "Your last 7 days": counts only (drafts checked, drafts that read as a pitch, first-contact errors), never text,
// kept in storage.local on this machine.
const api = globalThis.browser ?? globalThis.chrome;
const KEY = "stats";
const DAYS = 7;
const seen = new Map(); // `${tabId}:${boxId}` -> {draft, warning, error} already counted for this draft

const today = () => new Date().toISOString().slice(0, 10);

function prune(days) {
  const cutoff = new Date(Date.now() - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  return Object.fromEntries(Object.entries(days).filter(([day]) => day >= cutoff));
}

let queue = Promise.resolve();
function bump(field) {
  queue = queue.then(async () => {
    const got = await api.storage.local.get(KEY);
    const days = prune(got[KEY] ?? {});
    const day = (days[today()] ??= { drafts: 0, pitchy: 0, first_contact_errors: 0 });
    day[field] += 1;
    await api.storage.local.set({ [KEY]: days });
  }).catch(() => {});
}

// Called with each fresh report: a draft counts once, and once more when it first reads as a pitch.
function record(tabId, boxId, text, report, context) {
  const key = `${tabId}:${boxId}`;
  if (!text.trim()) {
    seen.delete(key); // the box was emptied (sent or cleared): the next text is a new draft
    return;
  }
  const mark = seen.get(key) ?? { draft: false, pitchy: false, fc: false };
  seen.set(key, mark);
  if (!mark.draft) {
    mark.draft = true;
    bump("drafts");
  }
  if (!mark.pitchy && report.pitchy) {
    mark.pitchy = true;
    bump("pitchy");
  }
  if (!mark.fc && context?.first_contact && report.level === "error") {
    mark.fc = true;
    bump("first_contact_errors");
  }
}

async function lastDays() {
  const got = await api.storage.local.get(KEY);
  const days = prune(got[KEY] ?? {});
  const out = [];
  for (let i = DAYS - 1; i >= 0; i--) {
    const day = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10);
    out.push({ day, ...(days[day] ?? { drafts: 0, pitchy: 0, first_contact_errors: 0 }) });
  }
  return out;
}

export { record, lastDays };
