//! Public pages: home, policy list, policy page, department page, timeliness dashboard.

use crate::api::*;
use crate::components::*;
use crate::domain::policy::{CATEGORIES, InterpretationKind, InterpretationState};
use crate::i18n::Msg;
use crate::model::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

mod articles;
mod changes;
mod departments;
mod home;
mod policies;
mod search;
mod statistics;
mod timeliness;

pub use articles::ArticlePage;
pub(crate) use articles::{ArticleQuotes, BodyBlockView};
pub use changes::PolicyChangesPage;
pub(crate) use changes::{change_counts_text, change_ref_text};
pub use departments::*;
pub use home::*;
pub use policies::*;
pub use search::*;
pub use statistics::*;
pub use timeliness::*;

#[component]
pub(crate) fn CountsTable(
    rows: Vec<(String, TimelinessCounts)>,
    first_col: Msg,
    #[prop(optional)] links: Vec<String>,
) -> impl IntoView {
    // Scrolls sideways when the text is large (a phone, the reading mode): reachable and
    // scrollable by keyboard too.
    let region = format!("{}（{}）", t(Msg::NavTimeliness), t(first_col));
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="counts">
                <thead>
                    <tr>
                        <th scope="col">{t(first_col)}</th>
                        <th scope="col">{t(Msg::ColPolicies)}</th>
                        <th scope="col">{t(Msg::TimelyWithPolicy)}</th>
                        <th scope="col">{t(Msg::TimelyOnTime)}</th>
                        <th scope="col">{t(Msg::TimelyLate)}</th>
                        <th scope="col">{t(Msg::TimelyOverdue)}</th>
                        <th scope="col">{t(Msg::TimelyDue)}</th>
                        <th scope="col">{t(Msg::ColRate)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, (name, c))| {
                        let rate = c.on_time_rate().map(|r| format!("{r}%")).unwrap_or_else(|| "—".into());
                        let head = match links.get(i) {
                            Some(href) => view! { <a href=href.clone()>{name}</a> }.into_any(),
                            None => view! { {name} }.into_any(),
                        };
                        view! {
                            <tr>
                                <th scope="row">{head}</th>
                                <td>{c.policies}</td>
                                <td>{c.with_policy}</td>
                                <td>{c.on_time}</td>
                                <td>{c.late}</td>
                                <td>{c.overdue}</td>
                                <td>{c.due}</td>
                                <td>{rate}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
