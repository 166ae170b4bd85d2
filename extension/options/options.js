// Settings page: sites and surfaces on or off, sensitivity, ignored rules (listed from the host's `rules` reply,
// or from the rules already ignored when the host is not reachable), and "restore defaults".
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const S = globalThis.RapportSettings;
  const C = globalThis.RapportCategories;
  const form = document.getElementById("settings");
  let rules = [];

  const { h } = globalThis.RapportDom;

  function fill(settings) {
    for (const box of form.querySelectorAll('input[name="site"]')) box.checked = settings.sites[box.value];
    for (const box of form.querySelectorAll('input[name="surface"]')) box.checked = settings.surfaces[box.value];
    for (const radio of form.querySelectorAll('input[name="sensitivity"]')) radio.checked = radio.value === settings.sensitivity;
    const ids = new Set([...rules.map((r) => r.id), ...settings.ignoredRules]);
    const byId = new Map(rules.map((r) => [r.id, r]));
    document.getElementById("rules").replaceChildren(
      ...[...ids].sort().map((id) => {
        const r = byId.get(id);
        const cat = r ? C.category(r.category) : null;
        return h(
          "label",
          { class: "rule", "data-rule": id },
          h("input", { type: "checkbox", name: "rule", value: id, checked: !settings.ignoredRules.includes(id) }),
          h("span", {}, h("code", {}, id), cat ? h("span", { class: "cat", style: `color:${cat.color}` }, cat.label) : null),
          r ? h("span", { class: "msg" }, r.message) : null,
        );
      }),
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
      ignoredRules: [...form.querySelectorAll('input[name="rule"]')].filter((b) => !b.checked).map((b) => b.value),
    };
  }

  function saved() {
    const note = document.getElementById("saved");
    note.textContent = "Saved.";
    setTimeout(() => (note.textContent = ""), 1500);
  }

  form.addEventListener("change", async () => {
    await S.save(collect());
    saved();
  });
  document.getElementById("restore").addEventListener("click", async () => {
    fill(await S.restoreDefaults());
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
