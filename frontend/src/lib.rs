//! The browser entry point. The pages are rendered on the server and work without
//! JavaScript; only their islands (`app::islands`) run here, hydrated one by one by
//! `islands.js` on a page that has one.

// The islands' exported functions live in `app`: linked only if the crate is used.
pub use app::islands;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
