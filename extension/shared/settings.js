// User settings in storage.sync, read by the content scripts, the background, the popup and the options page. Only
// the background writes them (content scripts and the options page ask it to), one change at a time: two rules
// ignored at once in two tabs are both kept.
const api = globalThis.browser ?? globalThis.chrome;
const KEY = "settings";
const SITES = ["linkedin", "x"];
const SURFACES = ["post", "comment", "message", "invite_note"];
const SENSITIVITIES = ["low", "normal", "high"];
const DEFAULTS = Object.freeze({
  sites: Object.freeze({ linkedin: true, x: true }),
  surfaces: Object.freeze({ post: true, comment: true, message: true, invite_note: true }),
  sensitivity: "normal",
  ignoredRules: Object.freeze([]),
});

// Whatever is stored (possibly from an older version or edited by hand) becomes a complete, valid object.
function normalize(stored) {
  const s = stored && typeof stored === "object" ? stored : {};
  const pick = (names, given, defaults) =>
    Object.fromEntries(
      names.map((n) => [n, typeof given?.[n] === "boolean" ? given[n] : defaults[n]]),
    );
  return {
    sites: pick(SITES, s.sites, DEFAULTS.sites),
    surfaces: pick(SURFACES, s.surfaces, DEFAULTS.surfaces),
    sensitivity: SENSITIVITIES.includes(s.sensitivity) ? s.sensitivity : DEFAULTS.sensitivity,
    ignoredRules: Array.isArray(s.ignoredRules)
      ? [...new Set(s.ignoredRules.filter((r) => typeof r === "string"))].sort()
      : [],
  };
}

async function load() {
  try {
    const got = await api.storage.sync.get(KEY);
    return normalize(got[KEY]);
  } catch {
    return normalize(null);
  }
}

async function save(settings) {
  const clean = normalize(settings);
  await api.storage.sync.set({ [KEY]: clean });
  return clean;
}

let queue = Promise.resolve();
// Read, change, write, each change after the one before (no two changes read the same old settings).
function update(change) {
  const next = queue.then(async () => {
    const current = await load();
    return save(change(structuredClone(current)) ?? current);
  });
  queue = next.catch(() => {});
  return next;
}

const ignoreRule = (rule) => update((s) => ({ ...s, ignoredRules: [...s.ignoredRules, rule] }));
const unignoreRule = (rule) =>
  update((s) => ({ ...s, ignoredRules: s.ignoredRules.filter((r) => r !== rule) }));
const restoreDefaults = () => update(() => DEFAULTS);
// Sites, surfaces and sensitivity from the options page; ignored rules change only one by one.
const patch = (fields) =>
  update((s) => ({ ...s, ...normalize({ ...s, ...fields }), ignoredRules: s.ignoredRules }));

function onChange(callback) {
  const listener = (changes, area) => {
    if (area === "sync" && KEY in changes) callback(normalize(changes[KEY].newValue));
  };
  api.storage.onChanged.addListener(listener);
  return () => api.storage.onChanged.removeListener(listener);
}

// The options the host understands (docs/protocol.md).
const hostOptions = (settings) => ({
  sensitivity: settings.sensitivity,
  disabled_rules: settings.ignoredRules,
});

export const Settings = Object.freeze({
  api,
  DEFAULTS,
  SITES,
  SURFACES,
  SENSITIVITIES,
  normalize,
  load,
  save,
  ignoreRule,
  unignoreRule,
  restoreDefaults,
  patch,
  update,
  onChange,
  hostOptions,
});
