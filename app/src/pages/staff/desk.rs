//! Signing in, and the staff desk.

use super::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = query
        .with_untracked(|q| q.get("next"))
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/staff".into());
    let fb = use_feedback();
    let general = fb.errors.get("login").map(|(k, arg)| {
        let msg = Msg::from_key(k).unwrap_or(Msg::LoginFailed);
        tf(msg, &[("n", arg.as_deref().unwrap_or(""))])
    });
    view! {
        <Title text=t(Msg::LoginTitle)/>
        <section class="narrow">
            <h1>{t(Msg::LoginTitle)}</h1>
            <Notice/>
            {general.map(|g| view! { <div class="error-summary" role="alert"><p>{g}</p></div> })}
            <form method="post" action="/login" class="stack">
                <CsrfField/>
                <input type="hidden" name="next" value=next/>
                <Field name="username" label=Msg::Username required=true/>
                <div class="field">
                    <label for="f-password">{t(Msg::Password)}</label>
                    <input id="f-password" name="password" type="password" required autocomplete="current-password"/>
                </div>
                <button type="submit">{t(Msg::LoginButton)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_staff_home());
    view! {
        <Title text=t(Msg::StaffTitle)/>
        <h1>{t(Msg::StaffTitle)}</h1>
        <Notice/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => staff_home_view(d).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn staff_home_view(d: StaffHome) -> impl IntoView {
    let locale = use_locale();
    let is_drafter = d.user.role == Role::Drafter;
    let is_signer = matches!(d.user.role, Role::Editor | Role::Admin);
    view! {
        {d.calendar_missing.map(|year| view! {
            <p class="notice calendar-missing" role="status">
                {tf(Msg::StaffCalendarMissing, &[("year", &year.to_string())])}" "
                <a href="/admin/calendar">{t(Msg::StaffCalendarMissingLink)}</a>
            </p>
        })}
        {d.department.as_ref().map(|dep| view! { <p class="lead">{dep.name(locale).to_string()}</p> })}
        {is_drafter.then(|| view! {
            <p><a class="button" href="/staff/policies/new">{t(Msg::NewPolicy)}</a></p>
            <section aria-labelledby="due-h" class="panel">
                <h2 id="due-h">{t(Msg::StaffDueList)}</h2>
                {if d.due.is_empty() {
                    view! { <p>{t(Msg::StaffNothing)}</p> }.into_any()
                } else {
                    view! { <PolicyList items=d.due.clone() staff=true/> }.into_any()
                }}
            </section>
            <section aria-labelledby="mine-h" class="panel">
                <h2 id="mine-h">{t(Msg::StaffMyPolicies)}</h2>
                <PolicyList items=d.policies.clone() staff=true/>
            </section>
        })}
        {is_signer.then(|| view! {
            <section aria-labelledby="queue-h" class="panel">
                <h2 id="queue-h">{t(Msg::StaffSignoffQueue)}</h2>
                {if d.signoff_queue.is_empty() {
                    view! { <p>{t(Msg::StaffNothing)}</p> }.into_any()
                } else {
                    view! { <PolicyList items=d.signoff_queue.clone() staff=true/> }.into_any()
                }}
            </section>
        })}
    }
}
