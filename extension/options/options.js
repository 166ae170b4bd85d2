// Settings page: sites and surfaces on or off, sensitivity, ignored rules (listed from the host's `rules` reply,
// or from the rules already ignored when the host is not reachable), and "restore defaults".
import { Categories as C } from "../shared/categories.js";
import { Dom } from "../shared/dom.js";
import { Settings as S } from "../shared/settings.js";

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const form = document.getElementById("settings");
  let rules = [];

  const { h } = Dom;

  function fill(settings) {
    for (const box of form.querySelectorAll('input[name="site"]')) box.checked = settings.sites[box.value];
    for (const box of form.querySelectorAll('input[name="surface"]')) box.checked = settings.surfaces[box.value];
    for (const radio of form.querySelectorAll('input[name="sensitivity"]')) radio.checked = radio.value === settings.sensitivity;
    // Positive signals never become findings, so there is nothing to ignore there.
    const listed = rules.filter((r) => r.category !== "signal");
    const byId = new Map(listed.map((r) => [r.id, r]));
    const ids = [...new Set([...listed.map((r) => r.id), ...settings.ignoredRules])];
    const order = Object.keys(C.CATEGORIES);
    const groupOf = (id) => C.categoryKey(byId.get(id)?.category ?? id.split(".")[0]);
    const groups = order.map((key) => [key, ids.filter((id) => groupOf(id) === key).sort()]).filter(([, g]) => g.length);
    document.getElementById("rules").replaceChildren(
      ...groups.map(([key, group]) =>
        h(
          "section",
          { class: "group", "data-category": key },
          h("h3", { style: `color:${C.CATEGORIES[key].color}` }, C.CATEGORIES[key].label),
          group.map((id) => {
            const r = byId.get(id);
            return h(
              "label",
              { class: "rule", "data-rule": id },
              h("input", { type: "checkbox", name: "rule", value: id, checked: !settings.ignoredRules.includes(id) }),
              h("code", {}, id),
              r ? h("span", { class: "msg" }, r.message.replace(/\{\w+\}/g, "N")) : null,
            );
          }),
        ),
      ),
    );
    document.getElementById("rules-note").textContent = rules.length
      ? "Untick a rule to ignore it everywhere."
      : "The rule list comes from the Rapport host, which is not reachable right now; rules you ignored are listed.";
  }

  function collect() {
    const checked = (name) => Object.fromEntries([...form.querySelectorAll(`input[name="${name}"]`)].map((b) => [b.value, b.checked]));
    return {
      sites: checked("site"),
      surfaces: checked("surface"),
      sensitivity: form.querySelector('input[name="sensitivity"]:checked')?.value ?? "normal",
    };
  }

  function saved() {
    const note = document.getElementById("saved");
    note.textContent = "Saved.";
    setTimeout(() => (note.textContent = ""), 1500);
  }

  // Every write goes through the background (Settings.update there), so a rule ignored in a tab meanwhile is kept.
  const ask = async (msg) => {
    const reply = await api.runtime.sendMessage(msg);
    if (!reply?.ok) throw new Error(reply?.error ?? "the background did not answer");
    return reply.result;
  };
  form.addEventListener("change", async (event) => {
    const box = event.target;
    if (box.name === "rule") await ask({ type: box.checked ? "settings:unignore" : "settings:ignore", rule: box.value });
    else {
      const { sites, surfaces, sensitivity } = collect();
      await ask({ type: "settings:patch", fields: { sites, surfaces, sensitivity } });
    }
    saved();
  });
  document.getElementById("restore").addEventListener("click", async () => {
    fill(await ask({ type: "settings:restore" }));
    saved();
  });
  S.onChange(fill);

  (async () => {
    fill(await S.load());
    const reply = await api.runtime.sendMessage({ type: "rules" }).catch(() => null);
    rules = reply?.ok && Array.isArray(reply.result?.rules) ? reply.result.rules : [];
    fill(await S.load());
    document.body.dataset.ready = "true";
  })();
})();
