//! 全文检索: the search page. A GET form (works without JavaScript), facets as links that
//! add or remove one filter, results with the matched words marked.

use super::*;

fn kind_msg(kind: &str) -> Option<Msg> {
    Some(match kind {
        "policy" => Msg::SearchKindPolicy,
        "interpretation" => Msg::SearchKindInterpretation,
        "consultation" => Msg::SearchKindConsultation,
        "comment" => Msg::SearchKindComment,
        _ => return None,
    })
}

/// The page's address with one filter set (`Some`) or removed (`None`), on page 1.
fn href_with(p: &SearchPage, name: &str, value: Option<&str>) -> String {
    let year = p.year.map(|y| y.to_string());
    let consultation = p.consultation.map(|c| c.to_string());
    let mut pairs: Vec<(&str, Option<&str>)> = vec![
        ("q", Some(p.q.as_str())),
        ("kind", p.kind.as_deref()),
        ("department", p.department.as_deref()),
        ("year", year.as_deref()),
        ("consultation", consultation.as_deref()),
        ("interpreted", p.interpreted.as_deref()),
        ("sort", p.by_date.then_some("date")),
    ];
    for pair in pairs.iter_mut() {
        if pair.0 == name {
            pair.1 = value;
        }
    }
    let query: Vec<String> = pairs
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", crate::urlencode(v)))
        })
        .collect();
    format!("/search?{}", query.join("&"))
}

fn page_href(p: &SearchPage, page: u32) -> String {
    format!("{}&page={page}", href_with(p, "page", None))
}

#[component]
pub fn SearchResultsPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| {
        query.with(|m| SearchParams {
            q: m.get("q").unwrap_or_default(),
            kind: m.get("kind"),
            department: m.get("department"),
            year: m.get("year"),
            consultation: m.get("consultation"),
            interpreted: m.get("interpreted"),
            sort: m.get("sort"),
            page: m.get("page").and_then(|p| p.parse().ok()),
        })
    });
    let data = Resource::new(move || params.get(), get_search);
    view! {
        <Title text=t(Msg::SearchTitle)/>
        <h1>{t(Msg::SearchTitle)}</h1>
        <SearchForm params=params.get_untracked()/>
        // What the search-as-you-type island says after it puts new results in place (the
        // results region is replaced as a whole, so its own text would not be announced).
        <p id="search-announce" class="visually-hidden" role="status"></p>
        <div id="search-live">
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => search_view(p).into_any(),
                        Err(e) => app_error_view(e),
                    }
                })}
            </Suspense>
        </div>
        <crate::islands::IslandScripts/>
    }
}

/// The search form: a plain GET form. With JavaScript, its input (an island) makes the
/// results follow the typing.
#[component]
fn SearchForm(params: SearchParams) -> impl IntoView {
    let sort_options = vec![
        (String::new(), t(Msg::SearchSortRelevance).to_string()),
        ("date".to_string(), t(Msg::SearchSortDate).to_string()),
    ];
    let sort = params
        .sort
        .clone()
        .filter(|s| s == "date")
        .unwrap_or_default();
    let hidden = |name: &'static str, value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .map(|v| view! { <input type="hidden" name=name value=v/> })
    };
    view! {
        <form method="get" action="/search" role="search" class="search-form" aria-label=t(Msg::SearchTitle)>
            <div class="field">
                <label for="search-q">{t(Msg::SearchLabel)}</label>
                <crate::islands::SearchInput value=params.q.clone()/>
            </div>
            <SelectField name="sort" label=Msg::SearchSort options=sort_options value=sort/>
            {hidden("kind", params.kind)}
            {hidden("department", params.department)}
            {hidden("year", params.year)}
            {hidden("consultation", params.consultation)}
            {hidden("interpreted", params.interpreted)}
            <button type="submit">{t(Msg::SearchButton)}</button>
        </form>
    }
}

/// One facet: its values as links that set the filter, or the way to remove it.
fn facet_group(
    p: &SearchPage,
    title: Msg,
    name: &'static str,
    active: Option<String>,
    values: Vec<FacetCount>,
    label: &dyn Fn(&FacetCount) -> String,
) -> impl IntoView + use<> {
    let heading = format!("facet-{name}");
    let clear = active.as_ref().map(|_| href_with(p, name, None));
    let items: Vec<(String, String, u64, bool)> = values
        .iter()
        .map(|v| {
            let on = active.as_deref() == Some(v.value.as_str());
            (href_with(p, name, Some(&v.value)), label(v), v.count, on)
        })
        .collect();
    let labelled_by = heading.clone();
    (!items.is_empty() || clear.is_some()).then(|| {
        view! {
            <section class="facet" aria-labelledby=labelled_by>
                <h3 id=heading>{t(title)}</h3>
                <ul>
                    {items.into_iter().map(|(href, label, count, on)| view! {
                        <li>
                            <a href=href aria-current=on.then_some("true")>{label}</a>
                            " "<span class="count">{format!("({count})")}</span>
                        </li>
                    }).collect_view()}
                </ul>
                {clear.map(|href| view! { <p><a href=href class="clear-filter">{t(Msg::SearchClearFilter)}</a></p> })}
            </section>
        }
    })
}

pub(crate) fn search_view(p: SearchPage) -> impl IntoView {
    let locale = use_locale();
    let names = p.all_departments.clone();
    let dept_name = move |f: &FacetCount| {
        names
            .iter()
            .find(|d| d.code == f.value)
            .map(|d| d.name(locale).to_string())
            .unwrap_or_else(|| f.value.clone())
    };
    let facets = view! {
        {facet_group(&p, Msg::SearchFacetKind, "kind", p.kind.clone(), p.kinds.clone(),
            &|f| kind_msg(&f.value).map(|m| t(m).to_string()).unwrap_or_else(|| f.value.clone()))}
        {facet_group(&p, Msg::SearchFacetDepartment, "department", p.department.clone(), p.departments.clone(), &dept_name)}
        {facet_group(&p, Msg::SearchFacetYear, "year", p.year.map(|y| y.to_string()), p.years.clone(), &|f| f.label.clone())}
        {facet_group(&p, Msg::SearchFacetConsultation, "consultation", p.consultation.map(|c| c.to_string()), p.consultations.clone(), &|f| f.label.clone())}
        {facet_group(&p, Msg::SearchFacetInterpretation, "interpreted", p.interpreted.clone(), p.interpretation.clone(),
            &|f| t(if f.value == "article" { Msg::SearchInterpretedArticle } else { Msg::SearchInterpretedAny }).to_string())}
    };
    let searched = p.q.chars().any(char::is_alphanumeric);
    let unfiltered = href_with(
        &SearchPage {
            kind: None,
            department: None,
            year: None,
            consultation: None,
            interpreted: None,
            ..p.clone()
        },
        "q",
        Some(&p.q),
    );
    let count = tf(Msg::SearchCount, &[("n", &p.total.to_string())]);
    let p2 = p.clone();
    view! {
        {p.building.then(|| view! { <p class="notice" role="status">{t(Msg::SearchBuilding)}</p> })}
        {if !searched {
            view! { <p class="lead">{t(Msg::SearchEnterQuery)}</p> }.into_any()
        } else {
            view! {
                <p class="result-count">{count}</p>
                {p.approximate.then(|| view! { <p class="notice approximate">{t(Msg::SearchApproximate)}</p> })}
                <div class="search-layout">
                    <aside class="facets" aria-labelledby="facets-h">
                        <h2 id="facets-h" class="visually-hidden">{t(Msg::SearchFilters)}</h2>
                        {facets}
                    </aside>
                    <section class="search-results" aria-labelledby="results-h">
                        <h2 id="results-h" class="visually-hidden">{t(Msg::SearchResults)}</h2>
                        {if p.hits.is_empty() {
                            view! {
                                <p>{t(Msg::SearchNone)}</p>
                                {p.filtered().then(|| view! { <p><a href=unfiltered.clone()>{t(Msg::SearchRemoveFilters)}</a></p> })}
                            }.into_any()
                        } else {
                            view! {
                                <ol class="search-hits">
                                    {p.hits.iter().cloned().map(|h| {
                                        let kind = kind_msg(&h.kind).map(t).unwrap_or_default();
                                        let meta: Vec<String> = [
                                            h.doc_number.clone(),
                                            h.department.as_ref().map(|d| d.name(locale).to_string()),
                                            h.date.map(|d| locale.date(d)),
                                        ].into_iter().flatten().collect();
                                        view! {
                                            <li class="hit">
                                                <p class="hit-kind"><span class="badge">{kind}</span></p>
                                                <h3><a href=h.path.clone()>{h.title.clone()}</a></h3>
                                                <p class="hit-meta">{meta.join(" · ")}</p>
                                                <p class="snippet">
                                                    {h.snippet.into_iter().map(|(text, marked)| if marked {
                                                        view! { <mark>{text}</mark> }.into_any()
                                                    } else {
                                                        view! { <span>{text}</span> }.into_any()
                                                    }).collect_view()}
                                                </p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                                <Pagination page=p.page pages=p.pages href=move |n| page_href(&p2, n)/>
                            }.into_any()
                        }}
                    </section>
                </div>
            }.into_any()
        }}
    }
}
