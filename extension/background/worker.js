// Chrome's MV3 service worker entry; Firefox lists the same files as background scripts (manifest template).
importScripts(
  "../shared/product.js",
  "../shared/settings.js",
  "../shared/categories.js",
  "host.js",
  "tabs.js",
  "stats.js",
  "background.js",
);
