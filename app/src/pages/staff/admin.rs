//! Administration: the working-day calendar and staff accounts.

use super::*;

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

pub(crate) fn calendar_view(c: CalendarAdmin) -> impl IntoView {
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

pub(crate) fn role_msg(r: Role) -> Msg {
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

pub(crate) fn users_view(u: UsersAdmin) -> impl IntoView {
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
