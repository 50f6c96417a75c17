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
    // A notice pasted and read (the server answered the preview without errors): its year
    // as months to check, and the entries filled in for saving.
    let fb = use_feedback();
    let notice = fb.value("notice");
    let preview = (!notice.trim().is_empty() && !fb.has_errors())
        .then(|| crate::domain::calendar_notice::parse_notice(&notice, None).ok())
        .flatten();
    let entries_text = match &preview {
        Some((year, entries)) => merge_year(&c.entries_text, *year, entries),
        None => c.entries_text.clone(),
    };
    view! {
        <p>{tf(Msg::AdminCalendarIntro, &[("years", &years)])}</p>
        <ul>{status.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
        <form method="post" action="/admin/calendar/notice" class="stack wide-form">
            <CsrfField/>
            <Field name="notice" label=Msg::AdminCalendarNotice help=Msg::AdminCalendarNoticeHelp kind="textarea" rows=10/>
            <button type="submit" class="secondary">{t(Msg::AdminCalendarPreview)}</button>
        </form>
        {preview.map(|(year, entries)| view! {
            <section class="calendar-preview" aria-labelledby="preview-h">
                <h2 id="preview-h">{tf(Msg::AdminCalendarPreviewTitle, &[("year", &year.to_string())])}</h2>
                <p>{t(Msg::AdminCalendarPreviewHelp)}" "{t(Msg::CalendarLegend)}</p>
                {year_grid(year, &entries)}
            </section>
        })}
        <form method="post" action="/admin/calendar" class="stack wide-form">
            <CsrfField/>
            <Field name="entries" label=Msg::AdminCalendarEntries kind="textarea" rows=16 value=entries_text/>
            <button type="submit">{t(Msg::Save)}</button>
        </form>
    }
}

/// The entries text with one year's lines (and any date the new entries list) replaced by
/// the new entries.
fn merge_year(
    existing: &str,
    year: i32,
    entries: &[crate::domain::calendar::CalendarEntry],
) -> String {
    let replaced = |line: &str| {
        let date = line.trim().get(..10).unwrap_or("");
        date.starts_with(&format!("{year}-")) || entries.iter().any(|e| e.date.to_string() == date)
    };
    let mut out: String = existing
        .lines()
        .filter(|l| !l.trim().is_empty() && !replaced(l))
        .map(|l| format!("{l}\n"))
        .collect();
    out.push_str(&crate::domain::calendar_notice::entries_csv(entries));
    out
}

/// A year as twelve month tables, the days off and the weekend days worked marked in words.
fn year_grid(
    year: i32,
    entries: &[crate::domain::calendar::CalendarEntry],
) -> impl IntoView + use<> {
    use chrono::{Datelike, NaiveDate};
    let cal = crate::domain::calendar::Calendar::default()
        .with_entries(entries.to_vec())
        .unwrap_or_default();
    let weekdays: Vec<String> = t(Msg::CalendarWeekdays)
        .split(',')
        .map(String::from)
        .collect();
    let months = (1..=12u32).filter_map(move |month| {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let days: Vec<NaiveDate> = first.iter_days().take_while(|d| d.month() == month).collect();
        let lead = first.weekday().num_days_from_monday() as usize;
        let mut cells: Vec<Option<NaiveDate>> = vec![None; lead];
        cells.extend(days.into_iter().map(Some));
        while !cells.len().is_multiple_of(7) {
            cells.push(None);
        }
        let rows: Vec<Vec<Option<NaiveDate>>> = cells.chunks(7).map(<[_]>::to_vec).collect();
        let caption = tf(Msg::CalendarMonth, &[("year", &year.to_string()), ("month", &month.to_string())]);
        let heads = weekdays.clone();
        let cal = cal.clone();
        Some(view! {
            <table class="month">
                <caption>{caption}</caption>
                <thead><tr>{heads.into_iter().map(|w| view! { <th scope="col">{w}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            {row.into_iter().map(|cell| match cell {
                                None => view! { <td></td> }.into_any(),
                                Some(d) => {
                                    let listed = cal.holiday_name(d).is_some();
                                    let (class, mark) = match (listed, cal.is_workday(d)) {
                                        (true, false) => ("off", Some(t(Msg::CalendarDayOff))),
                                        (true, true) => ("worked", Some(t(Msg::CalendarDayWorked))),
                                        _ => ("", None),
                                    };
                                    view! {
                                        <td class=class>
                                            {d.day()}
                                            {mark.map(|m| view! { <span class="mark">{m}</span> })}
                                        </td>
                                    }.into_any()
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })
    }).collect_view();
    view! { <div class="year-grid">{months}</div> }
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
        <div class="table-scroll" tabindex="0" role="region" aria-label=t(Msg::NavAdminUsers)>
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
