//! 全文检索: what the search page asks and receives.

use super::DepartmentInfo;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The search page's query string, as typed: the service parses it (and ignores what does
/// not parse — a search never fails on its input).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub year: Option<String>,
    #[serde(default)]
    pub consultation: Option<String>,
    /// `any`: policies with interpretation; `article`: with interpretation beside articles.
    #[serde(default)]
    pub interpreted: Option<String>,
    /// `date` for newest first; relevance otherwise.
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub page: Option<u32>,
}

/// A piece of a snippet: text, and whether it matched the query.
pub type SnippetPart = (String, bool);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// `policy`, `interpretation`, `consultation` or `comment`.
    pub kind: String,
    pub title: String,
    pub path: String,
    pub date: Option<NaiveDate>,
    pub department: Option<DepartmentInfo>,
    pub doc_number: Option<String>,
    pub snippet: Vec<SnippetPart>,
}

/// A facet value with the number of results that have it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The filter's value (`policy`, `zwfw`, `2026`, a consultation's id).
    pub value: String,
    /// What to show (the department's or consultation's name; the key otherwise).
    pub label: String,
    pub count: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    /// The query as it was searched (cleaned), and the filters that applied.
    pub q: String,
    pub kind: Option<String>,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub consultation: Option<i32>,
    /// `any` or `article` (the "has interpretation" filter).
    pub interpreted: Option<String>,
    pub by_date: bool,
    pub hits: Vec<SearchHit>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub kinds: Vec<FacetCount>,
    pub departments: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
    pub consultations: Vec<FacetCount>,
    /// Policies with interpretation (`any`) and with interpretation beside articles (`article`).
    pub interpretation: Vec<FacetCount>,
    /// The index is still being built: results may be missing.
    pub building: bool,
    /// Nothing matched the words as typed; these results match most of their characters
    /// (a one-character typo is forgiven).
    pub approximate: bool,
    /// Every department, for the department facet's names.
    pub all_departments: Vec<DepartmentInfo>,
}

impl SearchPage {
    /// Any filter set (the empty page suggests removing them).
    pub fn filtered(&self) -> bool {
        self.kind.is_some()
            || self.department.is_some()
            || self.year.is_some()
            || self.consultation.is_some()
            || self.interpreted.is_some()
    }
}
