//! Searching the public index: any input is a query (syntax errors fall back to plain terms,
//! control characters are dropped, length is capped), ranked by BM25 with the title and the
//! document number boosted, or by date; snippets with the matched words marked; facets
//! counted over the results.

use super::analysis::{bigrams, doc_number_key, is_cjk};
use super::documents::DocKind;
use super::tally::{Tallies, Tally};
use super::{Fields, Opened, err};
use crate::error::ServiceError;
use crate::model::{FacetCount, SearchHit, SearchPage, SearchParams};
use crate::state::AppState;
use chrono::NaiveDate;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

/// Results per page.
pub const SEARCH_PAGE: u32 = 10;
/// The longest query searched, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// Pages one may go to (deep pages cost more than they are worth).
pub const MAX_PAGES: u32 = 50;
/// Snippet length in characters (tantivy counts bytes: CJK takes three).
pub const SNIPPET_CHARS: usize = 90;

/// A search, typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub q: String,
    pub kind: Option<DocKind>,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub consultation: Option<i32>,
    /// 1: policies with interpretation; 2: with interpretation beside articles.
    pub interpreted: Option<u8>,
    pub by_date: bool,
    pub page: u32,
}

impl SearchQuery {
    /// Whatever was typed becomes a query: control characters dropped, length capped,
    /// filters that do not parse ignored.
    pub fn from_params(p: &SearchParams) -> SearchQuery {
        let q: String =
            p.q.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .take(MAX_QUERY_CHARS)
                .collect();
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty() && v.len() <= 64)
                .map(String::from)
        };
        SearchQuery {
            q: q.split_whitespace().collect::<Vec<_>>().join(" "),
            kind: clean(&p.kind).as_deref().and_then(DocKind::parse),
            department: clean(&p.department),
            year: clean(&p.year)
                .and_then(|y| y.parse().ok())
                .filter(|y| (1949..=2100).contains(y)),
            consultation: clean(&p.consultation)
                .and_then(|c| c.parse().ok())
                .filter(|c| *c > 0),
            interpreted: match clean(&p.interpreted).as_deref() {
                Some("any") => Some(1),
                Some("article") => Some(2),
                _ => None,
            },
            by_date: p.sort.as_deref() == Some("date"),
            page: p.page.unwrap_or(1).clamp(1, MAX_PAGES),
        }
    }
}

/// The text query: the words in title, body, response and document number (title and
/// number boosted), all required; quotes make a phrase; a document number in any notation
/// also finds its document exactly.
fn text_query(opened: &Opened, q: &str) -> Box<dyn Query> {
    let f = opened.fields;
    let mut parser = QueryParser::for_index(
        &opened.index,
        vec![
            f.title,
            f.body,
            f.response,
            f.doc_number,
            f.title_grams,
            f.body_grams,
            f.response_grams,
        ],
    );
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, 3.0);
    parser.set_field_boost(f.title_grams, 2.0);
    parser.set_field_boost(f.doc_number, 3.0);
    // Never an error: what does not parse is searched as plain terms.
    let (query, _errors) = parser.parse_query_lenient(q);
    let exact = |field, key: &str, boost| -> (Occur, Box<dyn Query>) {
        (
            Occur::Should,
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(field, key),
                    IndexRecordOption::Basic,
                )),
                boost,
            )),
        )
    };
    match doc_number_key(q) {
        // The document itself first, then the texts that cite it.
        Some(key) => Box::new(BooleanQuery::new(vec![
            (Occur::Should, query),
            exact(f.doc_key, &key, 10.0),
            exact(f.cited_key, &key, 3.0),
        ])),
        None => query,
    }
}

/// The query that forgives a one-character typo, tried when the words as typed match
/// nothing. Each word matches as typed, or with any one of its Chinese characters replaced:
/// the character pairs around that character are left out of the word's phrase and the
/// rest must stand where they stood (高龄老人津帖 finds 高龄老人津贴). A variant needs two
/// pairs left, so a short word is never loosened into a common one. `None` when no word can
/// vary, or when quotes ask for the exact text.
fn approximate_query(opened: &Opened, q: &str) -> Option<Box<dyn Query>> {
    if q.contains('"') {
        return None;
    }
    let f = opened.fields;
    let fields = [
        (f.title_grams, 2.0),
        (f.body_grams, 1.0),
        (f.response_grams, 1.0),
    ];
    let mut forgiving = false;
    let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in q.split_whitespace() {
        let tokens = bigrams(word);
        if tokens.is_empty() {
            continue;
        }
        let all: Vec<(usize, &str)> = tokens
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (i, t.as_str()))
            .collect();
        let mut variants = vec![all];
        for (at, _) in word.char_indices().filter(|(_, c)| is_cjk(*c)) {
            let kept: Vec<(usize, &str)> = tokens
                .iter()
                .enumerate()
                .filter(|(_, (_, r))| !r.contains(&at))
                .map(|(i, (t, _))| (i, t.as_str()))
                .collect();
            if kept.len() >= 2 && kept.len() < tokens.len() && !variants.contains(&kept) {
                variants.push(kept);
                forgiving = true;
            }
        }
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for kept in &variants {
            for (field, boost) in fields {
                let terms: Vec<(usize, Term)> = kept
                    .iter()
                    .map(|(i, t)| (*i, Term::from_field_text(field, t)))
                    .collect();
                let query: Box<dyn Query> = if terms.len() == 1 {
                    Box::new(TermQuery::new(
                        terms[0].1.clone(),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new_with_offset(terms))
                };
                alternatives.push((Occur::Should, Box::new(BoostQuery::new(query, boost))));
            }
        }
        words.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
    }
    forgiving.then(|| Box::new(BooleanQuery::new(words)) as Box<dyn Query>)
}

fn filters(f: &Fields, s: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
    let term =
        |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
    let mut out = Vec::new();
    if let Some(k) = s.kind {
        out.push((Occur::Must, term(Term::from_field_text(f.kind, k.key()))));
    }
    if let Some(d) = &s.department {
        out.push((Occur::Must, term(Term::from_field_text(f.department, d))));
    }
    if let Some(y) = s.year {
        out.push((
            Occur::Must,
            term(Term::from_field_i64(f.year, i64::from(y))),
        ));
    }
    if let Some(c) = s.consultation {
        out.push((
            Occur::Must,
            term(Term::from_field_i64(f.consultation, i64::from(c))),
        ));
    }
    if let Some(level) = s.interpreted {
        out.push((
            Occur::Must,
            term(Term::from_field_i64(f.interpreted, i64::from(level))),
        ));
    }
    out
}

/// The filter's value for a level of `interpreted`.
fn interpreted_key(level: u8) -> &'static str {
    if level >= 2 { "article" } else { "any" }
}

/// Counts as the page shows them: most first, then by value.
fn facet_counts<K: ToString>(
    counts: std::collections::HashMap<K, u64>,
    label: impl Fn(&str) -> String,
) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| (value.to_string(), count))
        .filter(|(value, _)| !value.is_empty())
        .map(|(value, count)| FacetCount {
            label: label(&value),
            value,
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    out
}

fn day_to_date(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day + 719_163).ok()?).filter(|_| day != 0)
}

/// Marks the matched words of a stored text.
fn snippet_parts(generator: &SnippetGenerator, text: &str) -> Vec<(String, bool)> {
    let snippet = generator.snippet(text);
    let fragment = snippet.fragment();
    if fragment.is_empty() {
        // No match in this field: the text's beginning.
        let head: String = text.chars().take(SNIPPET_CHARS).collect();
        return if head.is_empty() {
            Vec::new()
        } else {
            vec![(head, false)]
        };
    }
    // Bigram matches overlap (信息, 息公, 公开): one mark for each run of them.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut ranges = snippet.highlighted().to_vec();
    ranges.sort_by_key(|r| r.start);
    for r in ranges {
        match runs.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => runs.push(r),
        }
    }
    let mut parts = Vec::new();
    let mut at = 0;
    for r in &runs {
        if r.start > at {
            parts.push((fragment[at..r.start].to_string(), false));
        }
        parts.push((fragment[r.clone()].to_string(), true));
        at = r.end;
    }
    if at < fragment.len() {
        parts.push((fragment[at..].to_string(), false));
    }
    parts
}

/// Searches the public index. An empty query (or one of punctuation only) finds nothing and
/// says so; it never fails on what was typed.
pub async fn search(state: &AppState, params: &SearchParams) -> Result<SearchPage, ServiceError> {
    let s = SearchQuery::from_params(params);
    let departments = crate::departments::departments(&state.db).await?;
    let mut page = SearchPage {
        q: s.q.clone(),
        kind: s.kind.map(|k| k.key().to_string()),
        department: s.department.clone(),
        year: s.year,
        consultation: s.consultation,
        interpreted: s.interpreted.map(|l| interpreted_key(l).to_string()),
        by_date: s.by_date,
        page: s.page,
        pages: 1,
        ..SearchPage::default()
    };
    let Some(opened) = state.search.opened() else {
        page.building = true;
        return Ok(page);
    };
    if !s.q.chars().any(char::is_alphanumeric) {
        return Ok(page);
    }
    let searched = tokio::task::spawn_blocking(move || run(&opened, &s))
        .await
        .map_err(|e| ServiceError::Internal(format!("search: {e}")))??;
    let dept = |code: &str| departments.iter().find(|d| d.code == code).cloned();
    page.all_departments = departments.clone();
    page.total = searched.tallies.total;
    page.approximate = searched.approximate;
    page.pages = u32::try_from(searched.tallies.total.div_ceil(u64::from(SEARCH_PAGE)))
        .unwrap_or(u32::MAX)
        .clamp(1, MAX_PAGES);
    page.hits = searched
        .hits
        .into_iter()
        .map(|h| SearchHit {
            department: dept(&h.department),
            kind: h.kind,
            title: h.title,
            path: h.path,
            date: h.date,
            doc_number: h.doc_number,
            snippet: h.snippet,
        })
        .collect();
    let tallies = searched.tallies;
    page.kinds = facet_counts(tallies.kinds, str::to_string);
    // Named by the page, in the reader's language.
    page.departments = facet_counts(tallies.departments, str::to_string);
    page.interpretation = [1u8, 2]
        .into_iter()
        .filter(|l| tallies.interpreted[usize::from(*l)] > 0)
        .map(|l| FacetCount {
            value: interpreted_key(l).to_string(),
            label: interpreted_key(l).to_string(),
            count: tallies.interpreted[usize::from(l)],
        })
        .collect();
    page.years = facet_counts(tallies.years, str::to_string);
    page.years.sort_by(|a, b| b.value.cmp(&a.value));
    // Titles for the consultations in the facet only (a page's worth, not every one).
    let mut facet_ids: Vec<(i32, u64)> = tallies
        .consultations
        .iter()
        .map(|(id, n)| (*id, *n))
        .collect();
    facet_ids.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let consultation_titles: std::collections::HashMap<i32, String> = {
        use crate::entities::consultation;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        consultation::Entity::find()
            .filter(consultation::Column::Released.eq(true))
            .filter(consultation::Column::Id.is_in(facet_ids.iter().map(|(id, _)| *id).take(200)))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect()
    };
    page.consultations = facet_counts(tallies.consultations, |id| {
        id.parse()
            .ok()
            .and_then(|id: i32| consultation_titles.get(&id).cloned())
            .unwrap_or_else(|| id.to_string())
    });
    Ok(page)
}

struct RawHit {
    kind: String,
    title: String,
    path: String,
    date: Option<NaiveDate>,
    department: String,
    doc_number: Option<String>,
    snippet: Vec<(String, bool)>,
}

struct Searched {
    hits: Vec<RawHit>,
    tallies: Tallies,
    approximate: bool,
}

/// One page of results of a query, and the counts of all its matches.
fn collect(
    searcher: &Searcher,
    text: &dyn Query,
    f: &Fields,
    s: &SearchQuery,
) -> Result<(Vec<DocAddress>, Tallies), ServiceError> {
    let mut clauses = vec![(Occur::Must, text.box_clone())];
    clauses.extend(filters(f, s));
    let query = BooleanQuery::new(clauses);
    let limit = SEARCH_PAGE as usize;
    let offset = ((s.page - 1) * SEARCH_PAGE) as usize;
    // One pass: the page and the counts together (the matches are found once).
    let (addresses, tallies) = if s.by_date {
        let top = TopDocs::with_limit(limit)
            .and_offset(offset)
            .order_by_fast_field::<i64>("day", Order::Desc);
        let (docs, tallies) = searcher.search(&query, &(top, Tally)).map_err(err)?;
        (docs.into_iter().map(|(_, a)| a).collect(), tallies)
    } else {
        let top = TopDocs::with_limit(limit)
            .and_offset(offset)
            .order_by_score();
        let (docs, tallies) = searcher.search(&query, &(top, Tally)).map_err(err)?;
        (docs.into_iter().map(|(_, a)| a).collect(), tallies)
    };
    Ok((addresses, tallies))
}

fn run(opened: &Opened, s: &SearchQuery) -> Result<Searched, ServiceError> {
    let f = opened.fields;
    let searcher: Searcher = opened.reader.searcher();
    let mut text = text_query(opened, &s.q);
    let mut approximate = false;
    let (mut addresses, mut tallies) = collect(&searcher, &*text, &f, s)?;
    if tallies.total == 0
        && let Some(relaxed) = approximate_query(opened, &s.q)
    {
        (addresses, tallies) = collect(&searcher, &*relaxed, &f, s)?;
        text = relaxed;
        approximate = tallies.total > 0;
    }
    // Snippets from the bigram fields: their matches are substrings of the stored text.
    let mut body_snippets =
        SnippetGenerator::create(&searcher, &*text, f.body_grams).map_err(err)?;
    body_snippets.set_max_num_chars(SNIPPET_CHARS * 3);
    let mut response_snippets =
        SnippetGenerator::create(&searcher, &*text, f.response_grams).map_err(err)?;
    response_snippets.set_max_num_chars(SNIPPET_CHARS * 3);
    let mut hits = Vec::with_capacity(addresses.len());
    for a in addresses {
        let doc: TantivyDocument = searcher.doc(a).map_err(err)?;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let body = text_of(f.body);
        let response = text_of(f.response);
        let mut snippet = snippet_parts(&body_snippets, &body);
        if !snippet.iter().any(|(_, m)| *m) && !response.is_empty() {
            let in_response = snippet_parts(&response_snippets, &response);
            if in_response.iter().any(|(_, m)| *m) {
                snippet = in_response;
            }
        }
        let doc_number = text_of(f.doc_number);
        hits.push(RawHit {
            kind: text_of(f.kind),
            title: text_of(f.heading),
            path: text_of(f.path),
            date: doc
                .get_first(f.day)
                .and_then(|v| v.as_i64())
                .and_then(day_to_date),
            department: text_of(f.department),
            doc_number: (!doc_number.is_empty()).then_some(doc_number),
            snippet,
        });
    }
    Ok(Searched {
        hits,
        tallies,
        approximate,
    })
}
