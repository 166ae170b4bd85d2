// Site adapters register here; each site file holds every selector for that site and nothing else does.
const sites = [];
export const Sites = Object.freeze({
  register(site) {
    sites.push(Object.freeze(site));
  },
  forHost(hostname) {
    return sites.find((s) => s.hosts.includes(hostname)) ?? null;
  },
  all: () => [...sites],
});
