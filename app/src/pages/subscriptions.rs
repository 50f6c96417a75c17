//! Subscribing to consultation notices without an account, and unsubscribing. Plain forms:
//! POST → redirect with a notice.

use crate::api::*;
use crate::components::*;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SubscribePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_departments());
    let locale = use_locale();
    view! {
        <Title text=t(Msg::SubscribeTitle)/>
        <section class="narrow">
            <h1>{t(Msg::SubscribeTitle)}</h1>
            <Notice/>
            <p>{t(Msg::SubscribeIntro)}</p>
            <ErrorSummary/>
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(depts) => {
                            let mut options = vec![("all".to_string(), t(Msg::AllConsultations).to_string())];
                            options.extend(depts.iter().map(|d| (d.code.clone(), d.name(locale).to_string())));
                            view! {
                                <form method="post" action="/subscribe" class="stack" novalidate>
                                    <CsrfField/>
                                    <Field name="email" label=Msg::SubscribeEmail kind="email" required=true/>
                                    <SelectField name="scope" label=Msg::SubscribeScope options=options value="all"/>
                                    <button type="submit">{t(Msg::SubscribeButton)}</button>
                                </form>
                            }.into_any()
                        }
                        Err(e) => app_error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Opened from the link in a notice; unsubscribing takes one more click (a GET changes
/// nothing, since mail scanners follow links). Mail clients use the one-click POST directly.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    let token_for_fetch = token.clone();
    let data = Resource::new(move || token_for_fetch.clone(), get_unsubscribe_info);
    view! {
        <Title text=t(Msg::UnsubscribeTitle)/>
        <section class="narrow">
            <h1>{t(Msg::UnsubscribeTitle)}</h1>
            <Suspense fallback=loading>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(Some(info)) if info.active => view! {
                                <p>{tf(Msg::UnsubscribeConfirm, &[("email", &info.email), ("scope", &info.scope)])}</p>
                                <form method="post" action="/unsubscribe" class="stack">
                                    <input type="hidden" name="token" value=token/>
                                    <button type="submit">{t(Msg::UnsubscribeButton)}</button>
                                </form>
                            }.into_any(),
                            Ok(Some(_)) => view! { <p class="notice" role="status">{t(Msg::NoticeUnsubscribed)}</p> }.into_any(),
                            Ok(None) => {
                                set_status(404);
                                view! { <p class="error-summary" role="alert">{t(Msg::UnsubscribeUnknown)}</p> }.into_any()
                            }
                            Err(e) => app_error_view(e),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// A link from a mail that changes something (confirming an email, a subscription): the GET
/// only shows a button, the POST does the change. Mail scanners follow links, so a GET that
/// confirmed would confirm for anybody whose address was typed in.
#[component]
fn ConfirmLink(title: Msg, text: Msg, button: Msg, action: &'static str) -> impl IntoView {
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    view! {
        <Title text=t(title)/>
        <section class="narrow">
            <h1>{t(title)}</h1>
            <p>{t(text)}</p>
            <form method="post" action=action class="stack">
                <input type="hidden" name="token" value=token/>
                <button type="submit">{t(button)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn VerifyCommentPage() -> impl IntoView {
    view! { <ConfirmLink title=Msg::VerifyPageTitle text=Msg::VerifyPageText button=Msg::VerifyButton action="/comments/verify"/> }
}

#[component]
pub fn ConfirmSubscriptionPage() -> impl IntoView {
    view! { <ConfirmLink title=Msg::SubscribeConfirmTitle text=Msg::SubscribeConfirmText button=Msg::SubscribeConfirmButton action="/subscriptions/confirm"/> }
}
