//! Huiyin (回音): the Leptos application — shell, layout and the one route table.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod islands;
pub mod pages;

pub use domain::{self, escape_text, i18n, model};

use components::{ErrorPage, NotFound, t};
use i18n::{Locale, Msg};
use leptos::prelude::*;
use leptos_meta::{Meta, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use model::{FormFeedback, SessionInfo};

/// An error status the server asks the app to render instead of the route (403, 413 …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ForcedError(pub u16);

/// Set by the server when it renders a page in answer to a POST (a form shown again with its
/// errors, an error page): such a page carries no script (`islands::IslandScripts`). It works
/// fully without JavaScript.
#[derive(Clone, Copy, Debug)]
pub struct NoHydration;

#[cfg(feature = "ssr")]
fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<T>().cloned())
}

fn server_session() -> SessionInfo {
    #[cfg(feature = "ssr")]
    {
        request_extension::<SessionInfo>().unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        SessionInfo::default()
    }
}

fn server_feedback() -> FormFeedback {
    #[cfg(feature = "ssr")]
    {
        use_context::<FormFeedback>().unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        FormFeedback::default()
    }
}

fn server_forced_error() -> Option<ForcedError> {
    #[cfg(feature = "ssr")]
    {
        use_context::<ForcedError>()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The version of the site's static files (a digest of their contents, set by the server at
/// start): their addresses carry it (`/pkg/huiyin.css?v=…`), so browsers may keep them for a
/// year and still get new files after a deploy.
pub static ASSET_VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The address of a static file, with the version when it is known.
pub fn asset(name: &str) -> String {
    match ASSET_VERSION.get() {
        Some(v) => format!("/pkg/{name}?v={v}"),
        None => format!("/pkg/{name}"),
    }
}

/// The Content-Security-Policy of every answer. Scripts: this site's files only (and compiling
/// its wasm); no page carries an inline script (Leptos's hydration bootstrap is taken out by
/// the server, `islands.js` sets what it needs), so an injected `<script>` or event handler
/// does not run. Styles: the stylesheet only (the site writes no inline style, and the
/// sanitizer drops `style` attributes).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The HTML document around the app (server only). Islands mode: the page is rendered here
/// and only its islands run in the browser, so nothing outside them is serialized for
/// hydration, and a page without an island loads no script at all.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let _ = options;
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    #[cfg(feature = "ssr")]
    let (locale, elder) = request_extension::<SessionInfo>()
        .map(|s| (s.locale, s.elder))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let (locale, elder) = (Locale::default(), false);
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag() class=elder.then_some("elder")>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=asset("huiyin.css")/>
                <link rel="icon" href="data:,"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let session = server_session();
    let feedback = server_feedback();
    let forced = server_forced_error();
    // The formatter runs where the session context is not reachable (when the head is
    // written): it keeps the language it was made with.
    let locale = session.locale;
    provide_context(session);
    provide_context(feedback);
    view! {
        <Title formatter=move |text: String| {
            let site = Msg::SiteShortName.text(locale);
            let full = if text.is_empty() { site.to_string() } else { format!("{text} · {site}") };
            // leptos_meta writes the server-side <title> unescaped: a title containing
            // `</title><script>` would run. Escape it there (the browser sets document.title as text).
            if cfg!(feature = "ssr") { escape_text(&full) } else { full }
        }/>
        // What search engines show under the title (Lighthouse SEO asks for one on every page).
        <Meta name="description" content=Msg::SiteDescription.text(locale)/>
        <Router>
            <Layout>
                {match forced {
                    Some(ForcedError(code)) => view! { <ErrorPage code=code/> }.into_any(),
                    None => view! { <AppRoutes/> }.into_any(),
                }}
            </Layout>
        </Router>
    }
}

#[component]
fn AppRoutes() -> impl IntoView {
    use pages::{adoption::*, consultations::*, public::*, staff::*, subscriptions::*};
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
            <Route path=path!("/policies") view=PolicyListPage ssr=SsrMode::Async/>
            <Route path=path!("/policies/:id") view=PolicyPage ssr=SsrMode::Async/>
            <Route path=path!("/policies/:id/articles/:number") view=ArticlePage ssr=SsrMode::Async/>
            <Route path=path!("/policies/:id/changes") view=PolicyChangesPage ssr=SsrMode::Async/>
            <Route path=path!("/departments/:code") view=DepartmentPage ssr=SsrMode::Async/>
            <Route path=path!("/timeliness") view=TimelinessPage ssr=SsrMode::Async/>
            <Route path=path!("/statistics") view=StatisticsPage ssr=SsrMode::Async/>
            <Route path=path!("/search") view=SearchResultsPage ssr=SsrMode::Async/>
            <Route path=path!("/statistics/annual") view=AnnualReportPage ssr=SsrMode::Async/>
            <Route path=path!("/consultations") view=ConsultationListPage ssr=SsrMode::Async/>
            <Route path=path!("/consultations/:id") view=ConsultationPage ssr=SsrMode::Async/>
            <Route path=path!("/consultations/:id/report") view=ReportPage ssr=SsrMode::Async/>
            <Route path=path!("/comments/receipt/:number") view=ReceiptPage ssr=SsrMode::Async/>
            <Route path=path!("/comments/status") view=CommentStatusPage ssr=SsrMode::Async/>
            <Route path=path!("/subscribe") view=SubscribePage ssr=SsrMode::Async/>
            <Route path=path!("/unsubscribe") view=UnsubscribePage ssr=SsrMode::Async/>
            <Route path=path!("/comments/verify") view=VerifyCommentPage ssr=SsrMode::Async/>
            <Route path=path!("/subscriptions/confirm") view=ConfirmSubscriptionPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/consultations") view=StaffConsultationsPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/consultations/new") view=NewConsultationPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/moderation") view=ModerationPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/consultations/:id/paper-comments/new") view=PaperCommentPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/consultations/:id/decisions") view=AdoptionPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async/>
            <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
            <Route path=path!("/staff") view=StaffHomePage ssr=SsrMode::Async/>
            <Route path=path!("/staff/policies/new") view=NewPolicyPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/policies/:id") view=StaffPolicyPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/policies/:id/edit") view=EditPolicyPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/policies/:id/interpretations/new") view=NewInterpretationPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/calendar") view=CalendarAdminPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/users") view=UsersAdminPage ssr=SsrMode::Async/>
        </Routes>
    }
}

/// Header with navigation and language switch, main region, footer.
#[component]
fn Layout(children: Children) -> impl IntoView {
    let session = components::use_session();
    let locale = session.locale;
    let location = leptos_router::hooks::use_location();
    let here = location.pathname.get_untracked();
    let user = session.user.clone();
    let elder = session.elder;
    // Back from the reading-mode switch: what changed, announced (a status message).
    let mode_changed = match leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("mode"))
        .as_deref()
    {
        Some("on") => Some(true),
        Some("off") => Some(false),
        _ => None,
    };
    view! {
        <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
        <header class="site-header">
            <div class="wrap header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"回"</span>
                    <span class="brand-text">
                        <span class="brand-name">{t(Msg::SiteShortName)}</span>
                        <span class="brand-tagline">{t(Msg::SiteTagline)}</span>
                    </span>
                </a>
                <nav aria-label=t(Msg::NavMain) class="main-nav">
                    <ul>
                        <li><a href="/">{t(Msg::NavHome)}</a></li>
                        <li><a href="/policies">{t(Msg::NavPolicies)}</a></li>
                        <li><a href="/consultations">{t(Msg::NavConsultations)}</a></li>
                        <li><a href="/timeliness">{t(Msg::NavTimeliness)}</a></li>
                        <li><a href="/statistics">{t(Msg::NavStatistics)}</a></li>
                        {match user.clone() {
                            Some(u) => {
                                use domain::policy::Role;
                                let mut links = vec![("/staff", Msg::NavStaff), ("/staff/consultations", Msg::StaffConsultationsTitle)];
                                if matches!(u.role, Role::Editor | Role::Admin) {
                                    links.push(("/staff/moderation", Msg::NavModeration));
                                }
                                if u.role == Role::Admin {
                                    links.push(("/admin/users", Msg::NavAdminUsers));
                                    links.push(("/admin/calendar", Msg::NavAdminCalendar));
                                    links.push(("/admin/audit", Msg::NavAudit));
                                }
                                links.into_iter().map(|(href, msg)| view! { <li><a href=href>{t(msg)}</a></li> }).collect_view().into_any()
                            }
                            None => view! { <li><a href="/login">{t(Msg::NavLogin)}</a></li> }.into_any(),
                        }}
                    </ul>
                </nav>
                <div class="header-tools">
                    <form method="get" action="/search" role="search" class="site-search" aria-label=t(Msg::SearchBoxLabel)>
                        <label for="site-q" class="visually-hidden">{t(Msg::SearchBoxLabel)}</label>
                        <input id="site-q" type="search" name="q" maxlength="200"/>
                        <button type="submit">{t(Msg::SearchButton)}</button>
                    </form>
                    // 适老化: the switch says what it does; the page it leads back to says what changed.
                    <a class="mode-switch" rel="external" href=format!("/reading-mode/{}?back={}", if elder { "standard" } else { "elder" }, urlencode(&here))>
                        {t(if elder { Msg::ReadingModeOff } else { Msg::ReadingModeOn })}
                    </a>
                    <nav aria-label=t(Msg::Language) class="lang-switch">
                        <ul>
                            {Locale::ALL
                                .into_iter()
                                .map(|l| {
                                    let href = format!("/lang/{}?back={}", l.tag(), urlencode(&here));
                                    let current = (l == locale).then_some("true");
                                    view! { <li><a href=href rel="external" lang=l.tag() hreflang=l.tag() aria-current=current>{l.native_name()}</a></li> }
                                })
                                .collect_view()}
                        </ul>
                    </nav>
                    {user.map(|u| view! {
                        <form method="post" action="/logout" class="logout-form">
                            <components::CsrfField/>
                            <span class="who">{components::tf(Msg::SignedInAs, &[("name", &u.display_name)])}</span>
                            <button type="submit" class="link-button">{t(Msg::NavLogout)}</button>
                        </form>
                    })}
                </div>
            </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            {mode_changed.map(|on| view! {
                <p class="notice mode-notice" role="status">{t(if on { Msg::ReadingModeIsOn } else { Msg::ReadingModeIsOff })}</p>
            })}
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{t(Msg::FooterText)}</p>
                <p>
                    <a href="/feeds/atom.xml" rel="external" type="application/atom+xml">{t(Msg::FeedLink)}</a>
                    " · "
                    <a href="/open-data/huiyin-open-data.tar.gz" download>{t(Msg::OpenDataArchiveLink)}</a>
                    " · "
                    <a href="/api/v1/openapi.json" type="application/json">{t(Msg::OpenDataApiLink)}</a>
                </p>
            </div>
        </footer>
    }
}

/// Percent-encodes a value put in a query string.
pub fn urlencode(s: &str) -> String {
    urlencoding::encode(s).into_owned()
}
