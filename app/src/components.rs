//! Reusable pieces of UI: text lookup, badges, form fields, notices and error pages.

use crate::domain::deadline::InterpretationStatus;
use crate::domain::policy::{InterpretationKind, PolicyStatus};
use crate::i18n::{Locale, Msg, fill};
use crate::model::{FormFeedback, PolicySummary, SessionInfo};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

pub fn use_session() -> SessionInfo {
    use_context::<SessionInfo>().unwrap_or_default()
}

pub fn use_locale() -> Locale {
    use_session().locale
}

/// The text of a message in the current language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_locale())
}

/// A message with `{name}` placeholders filled.
pub fn tf(msg: Msg, args: &[(&str, &str)]) -> String {
    fill(t(msg), args)
}

pub fn fmt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| use_locale().date(d))
        .unwrap_or_else(|| "—".into())
}

pub fn category_msg(key: &str) -> Msg {
    match key {
        "digital_government" => Msg::CatDigitalGovernment,
        "business_environment" => Msg::CatBusinessEnvironment,
        "public_services" => Msg::CatPublicServices,
        _ => Msg::CatOpenGovernment,
    }
}

pub fn kind_msg(k: InterpretationKind) -> Msg {
    match k {
        InterpretationKind::Text => Msg::KindText,
        InterpretationKind::Qa => Msg::KindQa,
        InterpretationKind::Graphic => Msg::KindGraphic,
        InterpretationKind::Media => Msg::KindMedia,
        InterpretationKind::Expert => Msg::KindExpert,
        InterpretationKind::Press => Msg::KindPress,
        InterpretationKind::Interview => Msg::KindInterview,
    }
}

pub fn status_msg(s: PolicyStatus) -> Msg {
    match s {
        PolicyStatus::Draft => Msg::StatusDraft,
        PolicyStatus::AwaitingSignoff => Msg::StatusAwaitingSignoff,
        PolicyStatus::Published => Msg::StatusPublished,
        PolicyStatus::Withdrawn => Msg::StatusWithdrawn,
    }
}

/// Filter label of an interpretation status key.
pub fn timely_msg(key: &str) -> Msg {
    match key {
        "with_policy" => Msg::TimelyWithPolicy,
        "on_time" => Msg::TimelyOnTime,
        "due" => Msg::TimelyDue,
        "overdue" => Msg::TimelyOverdue,
        _ => Msg::TimelyLate,
    }
}

pub fn badge_text(s: InterpretationStatus) -> String {
    match s {
        InterpretationStatus::WithPolicy => t(Msg::BadgeWithPolicy).to_string(),
        InterpretationStatus::OnTime { working_days: 0 } => t(Msg::BadgeOnTimeQuiet).to_string(),
        InterpretationStatus::Overdue {
            working_days_late: 0,
        } => t(Msg::BadgeOverdueJust).to_string(),
        InterpretationStatus::OnTime { working_days } => {
            tf(Msg::BadgeOnTime, &[("n", &working_days.to_string())])
        }
        InterpretationStatus::Due {
            working_days_left: 0,
        } => t(Msg::BadgeDueToday).to_string(),
        InterpretationStatus::Due { working_days_left } => {
            tf(Msg::BadgeDue, &[("n", &working_days_left.to_string())])
        }
        InterpretationStatus::Overdue { working_days_late } => {
            tf(Msg::BadgeOverdue, &[("n", &working_days_late.to_string())])
        }
        InterpretationStatus::Late { working_days } => {
            tf(Msg::BadgeLate, &[("n", &working_days.to_string())])
        }
    }
}

/// The interpretation deadline badge (colour plus words, never colour alone).
#[component]
pub fn DeadlineBadge(status: InterpretationStatus) -> impl IntoView {
    let class = format!("badge badge-{}", status.key());
    view! { <span class=class data-status=status.key()>{badge_text(status)}</span> }
}

/// A list of policies as cards.
#[component]
pub fn PolicyList(items: Vec<PolicySummary>, #[prop(optional)] staff: bool) -> impl IntoView {
    let locale = use_locale();
    if items.is_empty() {
        return view! { <p class="empty">{t(Msg::NoResults)}</p> }.into_any();
    }
    view! {
        <ul class="policy-list">
            {items
                .into_iter()
                .map(|p| {
                    let href = if staff { format!("/staff/policies/{}", p.id) } else { format!("/policies/{}", p.id) };
                    let published = p.published_on.map(|d| locale.date(d));
                    view! {
                        <li class="policy-card">
                            <h3><a href=href>{p.title.clone()}</a></h3>
                            <p class="meta">
                                <span class="doc-number">{p.doc_number.clone()}</span>
                                <span>{p.department.name(locale).to_string()}</span>
                                {published.map(|d| view! { <span>{t(Msg::PublishedOn)}" "{d}</span> })}
                                {staff.then(|| view! { <span class="status">{t(status_msg(p.status))}</span> })}
                            </p>
                            {p.interpretation.map(|s| view! { <DeadlineBadge status=s/> })}
                            {p.deadline_provisional.then(|| view! { <p class="provisional">{t(Msg::DeadlineProvisional)}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Hidden CSRF field every POST form carries.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=use_session().csrf/> }
}

pub fn use_feedback() -> FormFeedback {
    use_context::<FormFeedback>().unwrap_or_default()
}

pub fn error_text(fb: &FormFeedback, name: &str) -> Option<String> {
    fb.errors.get(name).map(|(key, arg)| {
        let msg = Msg::from_key(key).unwrap_or(Msg::ErrRequired);
        match arg {
            Some(a) => {
                let mut parts = a.splitn(2, '|');
                let first = parts.next().unwrap_or_default();
                let second = parts.next().unwrap_or_default();
                tf(msg, &[("n", first), ("detail", second)])
            }
            None => t(msg).to_string(),
        }
    })
}

/// Summary of a failed form, announced to screen readers, linking to each field.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let fb = use_feedback();
    (!fb.errors.is_empty()).then(|| {
        let n = fb.errors.len().to_string();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <p>{tf(Msg::FormHasErrors, &[("n", &n)])}</p>
                <ul>
                    {fb
                        .errors
                        .keys()
                        .map(|k| {
                            let text = error_text(&fb, k).unwrap_or_default();
                            view! { <li><a href=format!("#f-{k}")>{text}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// A labelled input with help and error text wired up for assistive technology.
#[component]
pub fn Field(
    name: &'static str,
    label: Msg,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] help: Option<Msg>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let fb = use_feedback();
    let value = if fb.values.contains_key(name) {
        fb.value(name)
    } else {
        value
    };
    let error = error_text(&fb, name);
    let has_error = error.is_some();
    let id = format!("f-{name}");
    let help_id = format!("f-{name}-help");
    let error_id = format!("f-{name}-error");
    let described = [
        help.map(|_| help_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let invalid = error.is_some().then_some("true");
    let control = if kind == "textarea" {
        view! {
            // Leptos 0.8 (tachys 0.2) writes `<textarea>` children unescaped, so typed text
            // holding `</textarea>` would end the element and run what follows. The content
            // goes in as escaped markup instead: the browser decodes it back to the exact text
            // (RCDATA), on the server render and when built in the browser alike.
            <textarea id=id.clone() name=name rows=rows.unwrap_or(8) required=required aria-describedby=described.clone() aria-invalid=invalid maxlength=maxlength inner_html=crate::escape_text(&value)></textarea>
        }
        .into_any()
    } else {
        view! { <input id=id.clone() name=name type=kind value=value required=required aria-describedby=described.clone() aria-invalid=invalid maxlength=maxlength/> }
            .into_any()
    };
    view! {
        <div class="field" class:has-error=has_error>
            <label for=id>{t(label)}{required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            {help.map(|h| view! { <p class="help" id=help_id>{t(h)}</p> })}
            {error.map(|e| view! { <p class="error" id=error_id>{e}</p> })}
            {control}
        </div>
    }
}

/// A labelled select; `options` are (value, text).
#[component]
pub fn SelectField(
    name: &'static str,
    label: Msg,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
    /// When two fields of one page share a name (a form and a filter): `f-{name}` otherwise.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let fb = use_feedback();
    let current = if fb.values.contains_key(name) {
        fb.value(name)
    } else {
        value
    };
    let error = error_text(&fb, name);
    let id = id.map_or_else(|| format!("f-{name}"), str::to_string);
    let error_id = format!("{id}-error");
    // `required` only means something with an empty first option ("please choose"); a
    // select that always has a value is announced as required with aria-required instead.
    let placeholder = options.first().is_some_and(|(v, _)| v.is_empty());
    view! {
        <div class="field" class:has-error=error.is_some()>
            <label for=id.clone()>{t(label)}</label>
            {error.clone().map(|e| view! { <p class="error" id=error_id.clone()>{e}</p> })}
            <select id=id name=name required=required && placeholder aria-required=(required && !placeholder).then_some("true") aria-describedby=error.as_ref().map(|_| error_id.clone()) aria-invalid=error.is_some().then_some("true")>
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let selected = v == current;
                        view! { <option value=v selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A confirmation after POST → redirect, from `?notice=<message key>` (never free text).
#[component]
pub fn Notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        query
            .with(|q| q.get("notice"))
            .and_then(|k| Msg::from_key(&k))
            .map(|m| {
                // A count (`&n=`) the message may show: digits only, never free text.
                let n = query
                    .with(|q| q.get("n"))
                    .filter(|n| {
                        !n.is_empty() && n.len() < 10 && n.bytes().all(|b| b.is_ascii_digit())
                    })
                    .unwrap_or_default();
                view! { <p class="notice" role="status">{tf(m, &[("n", &n)])}</p> }
            })
    }
}

#[cfg(feature = "ssr")]
pub fn set_status(code: u16) {
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(code)
    {
        resp.set_status(status);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn set_status(_code: u16) {}

/// The error page for a status code, in the site's design.
#[component]
pub fn ErrorPage(code: u16) -> impl IntoView {
    // 419 is our internal code for a failed CSRF check, sent as 403.
    set_status(if code == 419 { 403 } else { code });
    let (title, text) = match code {
        404 => (Msg::ErrorNotFoundTitle, Msg::ErrorNotFoundText),
        403 => (Msg::ErrorForbiddenTitle, Msg::ErrorForbiddenText),
        401 => (Msg::ErrorForbiddenTitle, Msg::LoginRequired),
        413 => (Msg::ErrorTooLargeTitle, Msg::ErrorTooLargeText),
        503 => (Msg::ErrorBusyTitle, Msg::ErrorBusyText),
        419 => (Msg::ErrorBadRequestTitle, Msg::ErrorCsrfText),
        400..=499 => (Msg::ErrorBadRequestTitle, Msg::ErrorBadRequestText),
        _ => (Msg::ErrorServerTitle, Msg::ErrorServerText),
    };
    view! {
        <leptos_meta::Title text=t(title)/>
        <section class="error-page">
            <h1>{t(title)}</h1>
            <p>{t(text)}</p>
            {(code == 401).then(|| view! { <p><a href="/login" class="button">{t(Msg::NavLogin)}</a></p> })}
            <p><a href="/">{t(Msg::BackHome)}</a></p>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage code=404/> }
}

/// "Previous · page x of y · next" under a paged list; `href` gives a page's address.
#[component]
pub fn Pagination(page: u32, pages: u32, href: impl Fn(u32) -> String) -> impl IntoView {
    let prev = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <nav class="pagination" aria-label=t(Msg::Pagination)>
            {prev.map(|h| view! { <a href=h rel="prev">{t(Msg::PagePrev)}</a> })}
            <span>{tf(Msg::PageOf, &[("page", &page.to_string()), ("pages", &pages.max(1).to_string())])}</span>
            {next.map(|h| view! { <a href=h rel="next">{t(Msg::PageNext)}</a> })}
        </nav>
    }
}

/// The page for a failed server function.
pub fn app_error_view(e: crate::api::AppError) -> AnyView {
    view! { <ErrorPage code=e.status()/> }.into_any()
}

/// Loading placeholder inside `<Suspense>` (only seen during client-side navigation).
pub fn loading() -> impl IntoView {
    view! { <p class="loading" aria-live="polite">{t(Msg::Loading)}</p> }
}
