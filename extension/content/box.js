// One watched compose box: reads its text on every change, keeps at most one analyze request in flight (always
// for the newest text: replies for older text are dropped), and paints the hint and the highlights.
import { Categories } from "../shared/categories.js";
import { Settings } from "../shared/settings.js";
import { refusal } from "../shared/states.js";
import { Highlights } from "./highlights.js";
import { effectiveLevel, Hint, sortFindings } from "./hint.js";
import { TextareaMirror } from "./mirror.js";
import { isTextArea, range, read } from "./text.js";

let nextBox = 1;

class Box {
  // env: {site, send(box, msg), settings(), summaryChanged(), ignore(rule), retry(), installCommand()}
  constructor(el, surfaceDef, env) {
    this.id = `box-${nextBox++}`;
    this.el = el;
    this.def = surfaceDef;
    this.env = env;
    this.text = "";
    this.seq = 0;
    this.sentText = null;
    this.inFlight = false;
    this.report = null;
    this.status = "ok"; // ok | missing | crashed | error
    this.ranges = new Map(); // finding -> Range
    this.findings = [];
    this.textarea = isTextArea(el);

    el.setAttribute("data-rapport", "on");
    const root = el.getRootNode();
    const dark = this.isDark();
    Highlights.styleRoot(root, dark);
    this.hint = new Hint({
      dark,
      onIgnore: (rule) => env.ignore(rule),
      onEmphasis: (finding) => Highlights.focus(finding ? this.ranges.get(finding) : null),
      onRetry: () => env.retry(),
    });
    // Inside a native <dialog> (LinkedIn's new share box) the hint must live in the dialog: a modal dialog sits in
    // the top layer and makes everything outside it inert.
    const dialog = el.closest("dialog");
    const parent = dialog ?? (root instanceof ShadowRoot ? root : (document.body ?? document.documentElement));
    this.mirror = this.textarea ? new TextareaMirror(el, parent) : null;
    this.hint.mount(parent);

    // One keystroke fires the input event and the MutationObserver: both only mark the box dirty, and one read
    // of the editor's DOM follows in a microtask.
    this.dirty = true;
    this.scheduled = false;
    this.snapshot = null; // {text, segments} of the last read, until the DOM changes
    this.onInput = () => {
      this.dirty = true;
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.changed();
      });
    };
    this.mutations = new MutationObserver(this.onInput);
    this.mutations.observe(el, { childList: true, characterData: true, subtree: true });
    el.addEventListener("input", this.onInput);
    this.resize = new ResizeObserver(() => this.place());
    this.resize.observe(el);
    this.changed();
    this.place();
  }

  // The site's own theme (LinkedIn and X have their own dark modes), else the system's.
  isDark() {
    try {
      return !!this.env.site.isDark?.() || matchMedia("(prefers-color-scheme: dark)").matches;
    } catch {
      return false;
    }
  }

  context() {
    let firstContact = false;
    try {
      firstContact = !!this.def.firstContact?.(this.el);
    } catch {
      firstContact = false;
    }
    return { site: this.env.site.id, surface: this.def.surface, first_contact: firstContact };
  }

  // The editor's text and its text nodes, read once per change of the DOM.
  current() {
    if (this.textarea) return read(this.el); // its value changes without mutations: reading it is free
    if (this.dirty || !this.snapshot) {
      this.snapshot = read(this.el);
      this.dirty = false;
    }
    return this.snapshot;
  }

  changed() {
    const { text } = this.current();
    if (text === this.text && this.sentText !== null) return;
    this.text = text;
    if (!text.trim()) {
      // Nothing to coach: hide the hint, forget the old report.
      this.report = null;
      this.findings = [];
      this.ranges.clear();
      Highlights.clear(this.id);
      this.sentText = text;
      this.render();
      this.env.summaryChanged();
      return;
    }
    this.kick();
  }

  kick() {
    if (this.inFlight) return; // the reply handler sends the newest text
    this.sentText = this.text;
    this.seq += 1;
    this.inFlight = true;
    this.env.send(this, {
      type: "analyze",
      box: this.id,
      seq: this.seq,
      text: this.text,
      context: this.context(),
      options: Settings.hostOptions(this.env.settings()),
    });
  }

  // The background answered (or the port to it broke: `lost`).
  lost() {
    if (!this.inFlight) return;
    this.inFlight = false;
    setTimeout(() => this.kick(), 200);
  }

  received(msg) {
    if (msg.seq !== this.seq) return; // an answer to a request we no longer wait for
    this.inFlight = false;
    if (msg.type === "failed") {
      // A reply the host gave (text too long, an invalid field) is not a broken host: say what it is.
      this.refusal = msg.status === "connected" ? refusal(msg.code) : null;
      this.status = this.refusal
        ? "refused"
        : msg.status === "missing"
          ? "missing"
          : msg.status === "connected"
            ? "error"
            : "crashed";
      this.installCommand = msg.installCommand;
      if (this.refusal) {
        this.report = null;
        this.findings = [];
        Highlights.clear(this.id);
        this.render();
        this.env.summaryChanged();
        return; // asking again would get the same answer: wait for the text to change
      }
      this.render();
      this.env.summaryChanged();
      // The background already retried through reconnects; try a little more, then wait for new text.
      this.failures = (this.failures ?? 0) + 1;
      if (this.status !== "missing" && this.failures < 3) setTimeout(() => this.text.trim() && this.kick(), 500);
      return;
    }
    this.failures = 0;
    this.status = "ok";
    this.refusal = null;
    if (this.text !== this.sentText) {
      this.kick(); // stale: the text changed while the host worked; ask again for the newest
      return;
    }
    this.report = msg.report;
    this.apply();
  }

  // The host came back (or settings changed): check the current text again.
  refresh() {
    if (!this.text.trim()) return;
    this.sentText = null;
    if (this.inFlight) return;
    this.kick();
  }

  apply() {
    const ignored = new Set(this.env.settings().ignoredRules);
    // A finding about the whole message (no question, nothing personal) is listed, not underlined: a line
    // under every word would hide the spans that matter.
    const first = this.text.search(/\S/);
    const last = this.text.trimEnd().length;
    const findings = sortFindings(
      (this.report?.findings ?? [])
        .filter((f) => !ignored.has(f.rule))
        .map((f) => ({ ...f, whole: f.start <= first && f.end >= last })),
    );
    this.findings = findings;
    this.ranges.clear();
    const marks = [];
    if (findings.length) {
      const { text, segments: editorSegments } = this.current();
      const segments = this.mirror ? this.mirror.sync(text) : editorSegments;
      if (text === this.sentText) {
        const C = Categories;
        for (const f of findings) {
          if (f.whole) continue;
          const r = range(segments, f.start, f.end);
          if (!r) continue;
          this.ranges.set(f, r);
          marks.push({ category: C.categoryKey(f.category), range: r });
        }
      }
    }
    Highlights.set(this.id, marks);
    this.render();
    this.env.summaryChanged();
  }

  render() {
    this.hint.setTheme(this.isDark());
    this.hint.render({
      status: this.status,
      findings: this.findings,
      report: this.report,
      context: this.context(),
      length: this.text.length,
      limit: this.def.limit ?? null,
      installCommand: this.installCommand ?? this.env.installCommand(),
      refusal: this.refusal ?? null,
    });
  }

  // From the keyboard shortcut: open the card on the first finding; Escape brings focus back to the editor.
  openHint() {
    const selection = () => this.el.getRootNode().getSelection?.() ?? getSelection();
    const sel = selection();
    const caret =
      !this.textarea && sel?.rangeCount && this.el.contains(sel.getRangeAt(0).startContainer)
        ? sel.getRangeAt(0).cloneRange()
        : null;
    this.place();
    this.hint.open(() => {
      this.el.focus({ preventScroll: true });
      if (!caret) return; // a textarea keeps its own caret
      const now = selection();
      now.removeAllRanges();
      now.addRange(caret);
    });
  }

  place() {
    if (!this.el.isConnected) return;
    this.hint.place(this.el.getBoundingClientRect());
    this.mirror?.place();
  }

  summary() {
    const r = this.report;
    const ctx = this.context();
    return {
      id: this.id,
      site: ctx.site,
      surface: ctx.surface,
      first_contact: ctx.first_contact,
      status: this.status,
      chars: this.text.length,
      limit: this.def.limit ?? null,
      level: !r ? "ok" : r.checked === false ? "unchecked" : effectiveLevel(this.findings),
      checked: r ? r.checked !== false : true,
      count: this.findings.length,
      scores: r?.scores ?? null,
      thresholds: r?.thresholds ?? null,
      readability: r?.readability ?? null,
      top: this.findings.slice(0, 3).map(({ rule, category, severity, message, advice }) => ({
        rule,
        category,
        severity,
        message,
        advice,
      })),
    };
  }

  detach() {
    this.mutations.disconnect();
    this.resize.disconnect();
    this.el.removeEventListener("input", this.onInput);
    if (this.el.isConnected) this.el.removeAttribute("data-rapport");
    Highlights.clear(this.id);
    this.hint.destroy();
    this.mirror?.destroy();
  }
}

export { Box };
