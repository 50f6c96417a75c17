//! Islands: the only parts of a page that run in the browser. Every page is rendered on the
//! server and works completely without JavaScript; a page ships the script and the wasm only
//! when it holds an island (`IslandScripts`), so most pages download no code at all.

use leptos::prelude::*;

/// The browser code of a page with islands, placed at the end of the page that needs it:
/// `/pkg/islands.js` (from `frontend/islands.js`) loads the wasm and hydrates each island.
/// A file, not an inline script: the Content-Security-Policy allows none. Not on a page
/// rendered in answer to a POST (a form shown again with its errors, an error page).
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<crate::NoHydration>().is_none().then(|| {
        view! {
            <link rel="modulepreload" href=crate::asset("huiyin.js")/>
            <script type="module" src=crate::asset("islands.js")></script>
        }
    })
}

/// The search box's input. Without JavaScript it is part of a plain GET form. With it, the
/// results follow the typing: 300 ms after the last key the page at the form's address is
/// fetched and its results region (`#search-live`) replaces this page's, the address is
/// replaced (so it stays the one to share), and the new count is announced in
/// `#search-announce`. The focus stays in the box. Rendering stays on the server, in one
/// place; a failed fetch falls back to loading the page.
#[island]
pub fn SearchInput(value: String) -> impl IntoView {
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    // Only the newest answer is shown: an older one arriving late is dropped.
    let latest = StoredValue::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let generation = latest.get_value() + 1;
        latest.set_value(generation);
        let target = event_target::<leptos::web_sys::HtmlInputElement>(&ev);
        let handle = set_timeout_with_handle(
            move || {
                #[cfg(feature = "hydrate")]
                browser::follow(&target, move || latest.get_value() == generation);
                #[cfg(not(feature = "hydrate"))]
                let _ = (&target, generation);
            },
            std::time::Duration::from_millis(300),
        )
        .ok();
        pending.set_value(handle);
    };
    // Tests (and curious people) can see that the page is interactive.
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <input id="search-q" type="search" name="q" value=value maxlength="200" autocomplete="off" on:input=on_input/>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use leptos::web_sys::{
        DomParser, FormData, HtmlInputElement, Response, SupportedType, UrlSearchParams,
    };
    use wasm_bindgen_futures::JsFuture;

    /// The address the input's form would go to, without empty fields (as the server writes
    /// its own links).
    fn form_href(input: &HtmlInputElement) -> Option<String> {
        let form = input.form()?;
        let data = FormData::new_with_form(&form).ok()?;
        let query = UrlSearchParams::new().ok()?;
        for pair in js_sys::try_iter(&data).ok()??.flatten() {
            let pair: js_sys::Array = pair.unchecked_into();
            let (name, value) = (pair.get(0).as_string()?, pair.get(1).as_string());
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                query.append(&name, &value);
            }
        }
        let action = form.action();
        let path = action
            .find("://")
            .and_then(|scheme| action[scheme + 3..].find('/').map(|p| scheme + 3 + p))
            .map_or(action.as_str(), |p| &action[p..]);
        Some(format!("{path}?{}", String::from(query.to_string())))
    }

    /// Fetches the results for what is typed now and puts them in place, if still wanted.
    pub fn follow(input: &HtmlInputElement, still_wanted: impl Fn() -> bool + 'static) {
        let Some(href) = form_href(input) else { return };
        leptos::task::spawn_local(async move {
            match fetch_page(&href).await {
                Ok(html) if still_wanted() => {
                    if swap(&html, &href).is_err() {
                        load(&href);
                    }
                }
                Ok(_) => {}
                Err(_) if still_wanted() => load(&href),
                Err(_) => {}
            }
        });
    }

    async fn fetch_page(href: &str) -> Result<String, JsValue> {
        let window = leptos::prelude::window();
        let response: Response = JsFuture::from(window.fetch_with_str(href))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Err(JsValue::from_f64(response.status().into()));
        }
        JsFuture::from(response.text()?)
            .await?
            .as_string()
            .ok_or(JsValue::NULL)
    }

    /// Replaces the results region with the fetched page's, and the address and title.
    fn swap(html: &str, href: &str) -> Result<(), JsValue> {
        let document = leptos::prelude::document();
        // A parsed document is inert: nothing in it runs.
        let fetched = DomParser::new()?.parse_from_string(html, SupportedType::TextHtml)?;
        let (Some(here), Some(there)) = (
            document.get_element_by_id("search-live"),
            fetched.get_element_by_id("search-live"),
        ) else {
            return Err(JsValue::NULL);
        };
        here.replace_with_with_node_1(&there)?;
        document.set_title(&fetched.title());
        leptos::prelude::window()
            .history()?
            .replace_state_with_url(&JsValue::NULL, "", Some(href))?;
        if let Some(announce) = document.get_element_by_id("search-announce") {
            let count = there
                .query_selector(".result-count, .lead")
                .ok()
                .flatten()
                .and_then(|e| e.text_content());
            announce.set_text_content(count.as_deref());
        }
        Ok(())
    }

    fn load(href: &str) {
        let _ = leptos::prelude::window().location().assign(href);
    }
}
