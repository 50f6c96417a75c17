//! The home page: newest policies and interpretations, and what is due.

use super::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_home());
    view! {
        <Title text=""/>
        <h1 class="visually-hidden">{t(Msg::SiteName)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => home_view(d).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn home_view(d: HomeData) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="hero">
            <p class="hero-title">{t(Msg::SiteName)}</p>
            <p class="hero-tagline">{t(Msg::SiteTagline)}</p>
        </section>
        <div class="home-grid">
            <section aria-labelledby="due-h" class="panel due-panel">
                <h2 id="due-h">{t(Msg::HomeDue)}</h2>
                <p class="due-counter">
                    <strong data-testid="due-count">{tf(Msg::HomeDueCount, &[("n", &d.due_count.to_string())])}</strong>
                    {(d.overdue_count > 0).then(|| view! { " · "<span class="overdue-count">{tf(Msg::HomeOverdueCount, &[("n", &d.overdue_count.to_string())])}</span> })}
                </p>
                {if d.due.is_empty() {
                    view! { <p>{t(Msg::HomeNothingDue)}</p> }.into_any()
                } else {
                    view! { <PolicyList items=d.due.clone()/> }.into_any()
                }}
            </section>
            <section aria-labelledby="latest-h" class="panel">
                <h2 id="latest-h">{t(Msg::HomeLatestPolicies)}</h2>
                <PolicyList items=d.latest_policies.clone()/>
                <p><a href="/policies">{t(Msg::AllPolicies)}</a></p>
            </section>
            <section aria-labelledby="interp-h" class="panel">
                <h2 id="interp-h">{t(Msg::HomeLatestInterpretations)}</h2>
                <ul class="teaser-list">
                    {d.latest_interpretations
                        .into_iter()
                        .map(|i| {
                            view! {
                                <li>
                                    <span class="kind">{t(kind_msg(i.kind))}</span>
                                    <a href=format!("/policies/{}#interp-{}", i.policy_id, i.interpretation_id)>{i.title}</a>
                                    <span class="meta">{i.policy_title}" · "{i.published_on.map(|d| locale.date(d)).unwrap_or_default()}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </div>
    }
}
