// Runs a page's islands (app/src/islands.rs), the only parts of a page that need the
// browser: loads the wasm, then hydrates each <leptos-island> with its function. The page
// itself is complete without this. Loaded as a file (no inline script: the CSP allows none).
// The files it loads carry the version this file was loaded with (`?v=`), as the page's do.
const version = new URL(import.meta.url).searchParams.get('v');
const suffix = version ? `?v=${encodeURIComponent(version)}` : '';

// Leptos's hydration reads these; the server sends no inline script to set them.
for (const name of ['__RESOLVED_RESOURCES', '__SERIALIZED_ERRORS', '__INCOMPLETE_CHUNKS']) {
  window[name] = window[name] || [];
}

const islands = await import(`./huiyin.js${suffix}`);
await islands.default({ module_or_path: `/pkg/huiyin_bg.wasm${suffix}` });
islands.hydrate();
for (const el of document.querySelectorAll('leptos-island')) {
  const hydrateIsland = islands[el.dataset.component];
  if (hydrateIsland) {
    hydrateIsland(el);
  } else {
    console.warn(`no function for the island ${el.dataset.component}`);
  }
}
