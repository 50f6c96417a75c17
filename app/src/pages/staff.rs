//! Staff pages: login, desk, policy and interpretation forms, sign-off, calendar admin.
//! Every form is a plain POST handled by the server (works without JavaScript); the server
//! checks the role again whatever these pages show.

use super::public::PolicyDetailView;
use crate::api::*;
use crate::components::*;
use crate::domain::policy::{CATEGORIES, InterpretationKind, Role};
use crate::i18n::Msg;
use crate::model::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

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

fn staff_home_view(d: StaffHome) -> impl IntoView {
    let locale = use_locale();
    let is_drafter = d.user.role == Role::Drafter;
    let is_signer = matches!(d.user.role, Role::Editor | Role::Admin);
    view! {
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

fn id_param() -> Memo<Option<i32>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok())))
}

#[component]
pub fn NewPolicyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_policy_form(None));
    view! {
        <Title text=t(Msg::NewPolicy)/>
        <h1>{t(Msg::NewPolicy)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(f) => policy_form_view(f, "/staff/policies/new".into()).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditPolicyPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_policy_form(Some(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t(Msg::EditPolicy)/>
        <h1>{t(Msg::EditPolicy)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let action = format!("/staff/policies/{}/edit", id.get_untracked().unwrap_or_default());
                match data.await {
                    Ok(f) => policy_form_view(f, action).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn policy_form_view(f: PolicyForm, action: String) -> impl IntoView {
    let existing = f.existing.as_ref();
    let val = |get: &dyn Fn(&PolicyDetail) -> String| existing.map(get).unwrap_or_default();
    let title = val(&|d| d.summary.title.clone());
    let doc = val(&|d| d.summary.doc_number.clone());
    let cat = existing
        .map(|d| d.summary.category.clone())
        .unwrap_or_else(|| CATEGORIES[0].to_string());
    let signed = val(&|d| d.signed_on.map(|x| x.to_string()).unwrap_or_default());
    let effective = val(&|d| d.effective_on.map(|x| x.to_string()).unwrap_or_default());
    let cat_options: Vec<(String, String)> = CATEGORIES
        .iter()
        .map(|c| (c.to_string(), t(category_msg(c)).to_string()))
        .collect();
    view! {
        <ErrorSummary/>
        <form method="post" action=action class="stack wide-form" novalidate>
            <CsrfField/>
            <Field name="title" label=Msg::Title required=true value=title maxlength=200/>
            <Field name="doc_number" label=Msg::DocNumber required=true help=Msg::DocNumberHelp value=doc/>
            <SelectField name="category" label=Msg::Category options=cat_options value=cat required=true/>
            <div class="field-row">
                <Field name="signed_on" label=Msg::SignedOn kind="date" value=signed/>
                <Field name="effective_on" label=Msg::EffectiveOn kind="date" value=effective/>
            </div>
            <Field name="body" label=Msg::Body kind="textarea" rows=16 required=true help=Msg::BodyHelp value=f.source_body.clone()/>
            <div class="actions">
                <button type="submit">{t(Msg::Save)}</button>
                <a href="/staff">{t(Msg::Cancel)}</a>
            </div>
        </form>
    }
}

#[component]
pub fn StaffPolicyPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_staff_policy(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Notice/>
        <ErrorSummary/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => staff_policy_view(p).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn staff_policy_view(p: StaffPolicy) -> impl IntoView {
    let id = p.detail.summary.id;
    let published = p.detail.summary.status == crate::domain::policy::PolicyStatus::Published;
    let reason = p
        .detail
        .return_reason
        .clone()
        .filter(|_| p.detail.summary.status == crate::domain::policy::PolicyStatus::Draft);
    view! {
        <p class="staff-label">{t(Msg::StaffPolicyTitle)}</p>
        {reason.map(|r| view! { <p class="warning" role="status">{tf(Msg::ReturnedBecause, &[("reason", &r)])}</p> })}
        <section class="panel actions-panel" aria-labelledby="actions-h">
            <h2 id="actions-h">{t(Msg::Actions)}</h2>
            <div class="actions">
                {published.then(|| view! { <a href=format!("/policies/{id}")>{t(Msg::ViewPublic)}</a> })}
                {p.can_edit.then(|| view! { <a class="button secondary" href=format!("/staff/policies/{id}/edit")>{t(Msg::EditPolicy)}</a> })}
                {p.can_add_interpretation.then(|| view! {
                    <a class="button secondary" href=format!("/staff/policies/{id}/interpretations/new")>{t(Msg::AddInterpretation)}</a>
                })}
                {p.can_submit.then(|| view! {
                    <form method="post" action=format!("/staff/policies/{id}/submit")>
                        <CsrfField/>
                        <button type="submit">{t(Msg::SubmitForSignoff)}</button>
                    </form>
                })}
                {p.can_sign_off.then(|| view! {
                    <form method="post" action=format!("/staff/policies/{id}/approve")>
                        <CsrfField/>
                        <button type="submit">{t(Msg::Approve)}</button>
                    </form>
                })}
            </div>
            {p.can_sign_off.then(|| view! {
                <form method="post" action=format!("/staff/policies/{id}/return") class="stack return-form">
                    <CsrfField/>
                    <Field name="reason" label=Msg::Reason kind="textarea" rows=3 required=true/>
                    <button type="submit" class="secondary">{t(Msg::ReturnWithReason)}</button>
                </form>
            })}
            {p.can_withdraw.then(|| view! {
                <form method="post" action=format!("/staff/policies/{id}/withdraw") class="stack return-form">
                    <CsrfField/>
                    <Field name="withdraw_reason" label=Msg::WithdrawReason kind="textarea" rows=3 required=true/>
                    <button type="submit" class="secondary">{t(Msg::Withdraw)}</button>
                </form>
            })}
        </section>
        <PolicyDetailView detail=p.detail.clone() staff=true/>
    }
}

#[component]
pub fn NewInterpretationPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_staff_policy(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t(Msg::AddInterpretation)/>
        <h1>{t(Msg::AddInterpretation)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) if p.can_add_interpretation => interpretation_form_view(p).into_any(),
                    Ok(_) => app_error_view(AppError::Forbidden),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn interpretation_form_view(p: StaffPolicy) -> impl IntoView {
    let id = p.detail.summary.id;
    let published = p.detail.summary.status == crate::domain::policy::PolicyStatus::Published;
    let kinds: Vec<(String, String)> = InterpretationKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), t(kind_msg(*k)).to_string()))
        .collect();
    view! {
        <p class="lead">{p.detail.summary.title.clone()}" · "{p.detail.summary.doc_number.clone()}</p>
        {published.then(|| view! { <p class="notice">{t(Msg::PublishNowAlone)}</p> })}
        <ErrorSummary/>
        <form method="post" action=format!("/staff/policies/{id}/interpretations/new") enctype="multipart/form-data" class="stack wide-form" novalidate>
            <CsrfField/>
            <SelectField name="kind" label=Msg::InterpretationKind options=kinds value="qa" required=true/>
            <Field name="title" label=Msg::Title required=true maxlength=200/>
            <Field name="qa" label=Msg::QaPairs kind="textarea" rows=10 help=Msg::QaHelp/>
            <Field name="body" label=Msg::Body kind="textarea" rows=10 help=Msg::BodyHelp/>
            <div class="field">
                <label for="f-image">{t(Msg::ImageFile)}</label>
                <input id="f-image" name="image" type="file" accept="image/png,image/jpeg,image/webp"/>
            </div>
            <Field name="image_alt" label=Msg::ImageAlt maxlength=500/>
            <Field name="media_url" label=Msg::MediaUrl kind="url"/>
            <div class="actions">
                <button type="submit">{t(Msg::Save)}</button>
                <a href=format!("/staff/policies/{id}")>{t(Msg::Cancel)}</a>
            </div>
        </form>
    }
}

#[component]
pub fn CalendarAdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_calendar_admin());
    view! {
        <Title text=t(Msg::AdminCalendarTitle)/>
        <h1>{t(Msg::AdminCalendarTitle)}</h1>
        <Notice/>
        <ErrorSummary/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => calendar_view(c).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn calendar_view(c: CalendarAdmin) -> impl IntoView {
    let years = match (c.builtin_years.first(), c.builtin_years.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    let last = c.builtin_years.last().copied().unwrap_or(2026);
    let status: Vec<String> = (last + 1..=last + 2)
        .map(|y| {
            let state = if c.added_years.contains(&y) {
                t(Msg::CalendarAdded)
            } else {
                t(Msg::CalendarMissing)
            };
            tf(
                Msg::AdminCalendarYearStatus,
                &[("year", &y.to_string()), ("state", state)],
            )
        })
        .collect();
    view! {
        <p>{tf(Msg::AdminCalendarIntro, &[("years", &years)])}</p>
        <ul>{status.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
        <form method="post" action="/admin/calendar" class="stack wide-form">
            <CsrfField/>
            <Field name="entries" label=Msg::AdminCalendarEntries kind="textarea" rows=16 value=c.entries_text.clone()/>
            <button type="submit">{t(Msg::Save)}</button>
        </form>
    }
}

fn role_msg(r: Role) -> Msg {
    match r {
        Role::Admin => Msg::RoleAdmin,
        Role::Editor => Msg::RoleEditor,
        Role::Drafter => Msg::RoleDrafter,
    }
}

#[component]
pub fn UsersAdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_users_admin());
    view! {
        <Title text=t(Msg::AdminUsersTitle)/>
        <h1>{t(Msg::AdminUsersTitle)}</h1>
        <Notice/>
        <ErrorSummary/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(u) => users_view(u).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn users_view(u: UsersAdmin) -> impl IntoView {
    let locale = use_locale();
    let roles: Vec<(String, String)> = [Role::Drafter, Role::Editor, Role::Admin]
        .into_iter()
        .map(|r| (r.as_str().to_string(), t(role_msg(r)).to_string()))
        .collect();
    let depts: Vec<(String, String)> =
        std::iter::once((String::new(), t(Msg::NoDepartment).to_string()))
            .chain(
                u.departments
                    .iter()
                    .map(|d| (d.code.clone(), d.name(locale).to_string())),
            )
            .collect();
    view! {
        <div class="table-scroll">
            <table class="counts accounts">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::Username)}</th>
                        <th scope="col">{t(Msg::DisplayName)}</th>
                        <th scope="col">{t(Msg::Role)}</th>
                        <th scope="col">{t(Msg::Department)}</th>
                        <th scope="col">{t(Msg::AccountActive)}</th>
                        <th scope="col">{t(Msg::Actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {u.users.into_iter().map(|a| {
                        let toggle = (a.id != u.me).then(|| {
                            let (label, value) = if a.active { (Msg::Disable, "false") } else { (Msg::Enable, "true") };
                            view! {
                                <form method="post" action=format!("/admin/users/{}/active", a.id)>
                                    <CsrfField/>
                                    <input type="hidden" name="active" value=value/>
                                    <button type="submit" class="secondary">{t(label)}<span class="visually-hidden">" "{a.username.clone()}</span></button>
                                </form>
                            }
                        });
                        view! {
                            <tr>
                                <th scope="row">{a.username.clone()}</th>
                                <td>{a.display_name.clone()}</td>
                                <td>{t(role_msg(a.role))}</td>
                                <td>{a.department.as_ref().map(|d| d.name(locale).to_string()).unwrap_or_default()}</td>
                                <td>{if a.active { t(Msg::AccountEnabled) } else { t(Msg::AccountDisabled) }}</td>
                                <td>{toggle}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <section aria-labelledby="new-user-h" class="panel">
            <h2 id="new-user-h">{t(Msg::CreateUser)}</h2>
            <form method="post" action="/admin/users" class="stack wide-form" novalidate>
                <CsrfField/>
                <Field name="username" label=Msg::Username required=true maxlength=40/>
                <Field name="display_name" label=Msg::DisplayName required=true maxlength=100/>
                <SelectField name="role" label=Msg::Role options=roles value="drafter" required=true/>
                <SelectField name="department" label=Msg::Department options=depts/>
                <Field name="email" label=Msg::Email kind="email"/>
                <Field name="password" label=Msg::NewPassword kind="password" required=true/>
                <button type="submit">{t(Msg::CreateUser)}</button>
            </form>
        </section>
    }
}
