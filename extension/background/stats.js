// "Your last 7 days": counts only (drafts checked, drafts that read as a pitch, first-contact errors), never text,
// kept in storage.local on this machine, per local calendar day. Which drafts were already counted is kept in
// storage.session, so a service worker or event page that sleeps and wakes in the middle of a draft does not
// count it twice.
const DAYS = 7;
const KEY = "stats";
const SEEN = "statsSeen";
const EMPTY = Object.freeze({ drafts: 0, pitchy: 0, first_contact_errors: 0 });

// The local calendar day of a time, "2026-12-02": what "today" means to the person writing.
function localDay(time) {
  const d = new Date(time);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// The last `DAYS` local days, oldest first, ending today.
function lastDayNames(now) {
  const out = [];
  const d = new Date(now);
  for (let i = DAYS - 1; i >= 0; i--) {
    const day = new Date(d.getFullYear(), d.getMonth(), d.getDate() - i, 12);
    out.push(localDay(day.getTime()));
  }
  return out;
}

// A stats keeper over two storage areas ({get, set} as in chrome.storage) and a clock.
export function createStats(local, session, now = () => Date.now()) {
  let queue = Promise.resolve();
  let seen = null; // `${tabId}:${boxId}` -> {draft, pitchy, fc}, loaded from storage.session once

  const run = (job) => {
    queue = queue.then(job).catch(() => {});
    return queue;
  };

  async function loadSeen() {
    if (seen) return seen;
    try {
      seen = new Map(Object.entries((await session?.get(SEEN))?.[SEEN] ?? {}));
    } catch {
      seen = new Map();
    }
    return seen;
  }

  async function bump(fields) {
    const got = await local.get(KEY);
    const keep = new Set(lastDayNames(now()));
    const days = Object.fromEntries(Object.entries(got[KEY] ?? {}).filter(([day]) => keep.has(day)));
    const today = localDay(now());
    const day = (days[today] ??= { ...EMPTY });
    for (const field of fields) day[field] += 1;
    await local.set({ [KEY]: days });
  }

  // Called with each fresh report: a draft counts once, and once more when it first reads as a pitch.
  function record(tabId, boxId, text, report, context) {
    return run(async () => {
      const marks = await loadSeen();
      const key = `${tabId}:${boxId}`;
      if (!text.trim()) {
        if (marks.delete(key)) await session?.set({ [SEEN]: Object.fromEntries(marks) });
        return; // the box was emptied (sent or cleared): the next text is a new draft
      }
      const mark = marks.get(key) ?? { draft: false, pitchy: false, fc: false };
      const fields = [];
      if (!mark.draft) fields.push("drafts");
      if (!mark.pitchy && report.pitchy) fields.push("pitchy");
      if (!mark.fc && context?.first_contact && report.level === "error") fields.push("first_contact_errors");
      if (!fields.length) return;
      marks.set(key, {
        draft: true,
        pitchy: mark.pitchy || !!report.pitchy,
        fc: mark.fc || fields.includes("first_contact_errors"),
      });
      await session?.set({ [SEEN]: Object.fromEntries(marks) });
      await bump(fields);
    });
  }

  async function lastDays() {
    await queue;
    const got = await local.get(KEY);
    const days = got[KEY] ?? {};
    return lastDayNames(now()).map((day) => ({ day, ...(days[day] ?? EMPTY) }));
  }

  return { record, lastDays };
}

const api = globalThis.browser ?? globalThis.chrome;
const stats = api?.storage ? createStats(api.storage.local, api.storage.session) : null;
export const record = (...args) => stats.record(...args);
export const lastDays = () => stats.lastDays();
export { localDay, lastDayNames };
