// The one connection to the native host. Only the background calls connectNative; everything else asks here.
// A missing host is reported once and retried only when asked (or after a quiet minute); a host that exits or
// crashes is reconnected with backoff and the requests it had not answered are sent again.
const api = globalThis.browser ?? globalThis.chrome;
const BACKOFF_MS = [50, 150, 400, 1000, 2500, 5000];
const MISSING_RETRY_MS = 60_000;
const MAX_RESENDS = 2;
const TIMEOUT_MS = 15_000;

// Chrome and Firefox word the "no such host" case differently; anything else is a crash or an exit.
const MISSING = /not found|no such native application|forbidden|not allowed|manifest/i;

class HostError extends Error {
  constructor(code, name, message) {
    super(message);
    this.code = code;
    this.name = name;
  }
}

class HostConnection {
  constructor(hostName, onStatus) {
    this.hostName = hostName;
    this.onStatus = onStatus;
    this.port = null;
    this.status = "idle"; // idle | connecting | connected | missing | crashed
    this.info = null; // the hello result
    this.lastError = "";
    this.nextId = 1;
    this.pending = new Map(); // id -> {frame, resolve, reject, resends, timer, sentAt}
    this.attempt = 0;
    this.retryTimer = null;
    this.missingSince = 0;
    this.lastRoundTripMs = null;
  }

  snapshot() {
    return {
      status: this.status,
      version: this.info?.version ?? null,
      protocol: this.info?.protocol ?? null,
      ruleset: this.info?.ruleset ?? null,
      lastError: this.lastError,
      roundTripMs: this.lastRoundTripMs,
    };
  }

  setStatus(status, error = "") {
    const changed = status !== this.status || error !== this.lastError;
    this.status = status;
    this.lastError = error;
    if (changed) this.onStatus(this.snapshot());
  }

  connect() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.port) return;
    this.setStatus("connecting");
    let port;
    try {
      port = api.runtime.connectNative(this.hostName);
    } catch (err) {
      this.disconnected(String(err?.message ?? err));
      return;
    }
    this.port = port;
    port.onMessage.addListener((msg) => this.received(port, msg));
    port.onDisconnect.addListener((p) => {
      if (this.port !== port) return;
      const error = api.runtime.lastError?.message ?? p?.error?.message ?? "The host exited.";
      this.port = null;
      this.disconnected(error);
    });
    // Frames queued while disconnected go out behind hello: the host answers in order.
    this.write({ id: `hello-${this.nextId++}`, type: "hello" }, true);
    for (const entry of this.pending.values()) this.write(entry.frame);
  }

  // Make sure a connection exists or is on its way; a missing host is retried only now and then.
  ensure() {
    if (this.port || this.retryTimer) return;
    if (this.status === "missing" && Date.now() - this.missingSince < MISSING_RETRY_MS) return;
    this.connect();
  }

  retryNow() {
    this.attempt = 0;
    this.missingSince = 0;
    if (this.port) return;
    this.connect();
  }

  disconnected(error) {
    this.info = null;
    if (MISSING.test(error)) {
      this.missingSince = Date.now();
      this.setStatus("missing", error);
      for (const [id, entry] of this.pending) this.fail(id, entry, new HostError(-1, "host_missing", error));
      return;
    }
    this.setStatus("crashed", error);
    for (const [id, entry] of this.pending) {
      if (entry.resends >= MAX_RESENDS) this.fail(id, entry, new HostError(-2, "host_crashed", error));
      else entry.resends += 1;
    }
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  write(frame, isHello = false) {
    if (!this.port) return;
    try {
      this.port.postMessage(frame);
      if (isHello) this.helloId = frame.id;
      const entry = this.pending.get(frame.id);
      if (entry) entry.sentAt = performance.now();
    } catch {
      // The port died under us; onDisconnect follows and reconnects.
    }
  }

  received(port, msg) {
    if (this.port !== port || !msg || typeof msg !== "object") return;
    if (msg.id === this.helloId) {
      if (msg.ok) {
        this.info = msg.result;
        this.attempt = 0;
        this.setStatus("connected");
      }
      return;
    }
    const entry = this.pending.get(msg.id);
    if (!entry) return;
    this.pending.delete(msg.id);
    clearTimeout(entry.timer);
    this.lastRoundTripMs = Math.round((performance.now() - entry.sentAt) * 10) / 10;
    if (msg.ok) entry.resolve(msg.result);
    else {
      const e = msg.error ?? {};
      entry.reject(new HostError(e.code ?? 0, e.name ?? "host_error", e.message ?? "The host refused."));
    }
  }

  fail(id, entry, error) {
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.reject(error);
  }

  request(type, fields = {}) {
    const id = this.nextId++;
    const frame = { id, type, ...fields };
    return new Promise((resolve, reject) => {
      const entry = { frame, resolve, reject, resends: 0, sentAt: performance.now() };
      entry.timer = setTimeout(() => {
        if (this.pending.get(id) === entry) this.fail(id, entry, new HostError(-3, "timeout", "The host did not answer."));
      }, TIMEOUT_MS);
      this.pending.set(id, entry);
      if (this.port) {
        this.write(frame);
        return;
      }
      this.ensure(); // connecting flushes every pending frame, this one included
      if (!this.port && !this.retryTimer && this.status === "missing") {
        this.fail(id, entry, new HostError(-1, "host_missing", this.lastError));
      }
    });
  }
}

export { HostConnection, HostError };
