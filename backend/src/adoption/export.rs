//! The published report as open data (CSV and JSON): one row per published comment with its
//! decision, read in pages of ids so a download of any size keeps memory flat. No email,
//! client address or moderator's note is ever part of it. The columns are documented in
//! docs/open-data.md.

use super::*;
use serde::Serialize;

pub use crate::domain::adoption::EXPORT_COLUMNS;

/// One published comment and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportRow {
    pub tracking_number: String,
    /// The article's anchor (`art-3`); `None` for the draft as a whole.
    pub article: Option<String>,
    pub article_label: Option<String>,
    pub display_name: String,
    /// The published text (redacted where personal data was hidden).
    pub comment: String,
    /// `online`, `paper` or `letter`.
    pub channel: &'static str,
    /// In China's time.
    pub submitted_on: NaiveDate,
    /// `adopted`, `partly_adopted`, `not_adopted`, `already_reflected`, `out_of_scope`.
    pub outcome: &'static str,
    pub response: Option<String>,
}

impl ExportRow {
    /// The row's values in `EXPORT_COLUMNS` order (empty for none).
    pub fn values(&self) -> [String; 9] {
        [
            self.tracking_number.clone(),
            self.article.clone().unwrap_or_default(),
            self.article_label.clone().unwrap_or_default(),
            self.display_name.clone(),
            self.comment.clone(),
            self.channel.to_string(),
            self.submitted_on.to_string(),
            self.outcome.to_string(),
            self.response.clone().unwrap_or_default(),
        ]
    }
}

/// What a download starts with: the consultation, and its draft's article labels.
pub struct ExportSource {
    pub consultation_id: i32,
    pub title: String,
    pub published_at: Option<DateTime<Utc>>,
    labels: HashMap<String, String>,
}

/// The consultation behind a download; `NotFound` unless its report is published.
pub async fn export_source(state: &AppState, id: i32) -> Result<ExportSource, ServiceError> {
    let c = find_consultation(&state.db, id).await?;
    if !c.released || !c.report_published {
        return Err(ServiceError::NotFound);
    }
    Ok(ExportSource {
        consultation_id: c.id,
        labels: article_labels(&c.draft_text).into_iter().collect(),
        title: c.title,
        published_at: c.report_published_at,
    })
}

/// Up to `limit` rows after comment id `after`, in id order; the last id read comes with
/// them (the next page starts there).
pub async fn export_rows(
    state: &AppState,
    source: &ExportSource,
    after: i32,
    limit: u64,
) -> Result<(Vec<ExportRow>, Option<i32>), ServiceError> {
    let rows = published_of(source.consultation_id)
        .filter(comment::Column::Id.gt(after))
        .find_also_related(decision::Entity)
        .order_by_asc(comment::Column::Id)
        .limit(limit)
        .all(&state.db)
        .await?;
    let last = rows.last().map(|(c, _)| c.id);
    let out = rows
        .into_iter()
        .filter_map(|(c, d)| {
            let d = d?;
            Some(ExportRow {
                article_label: c
                    .article_anchor
                    .as_ref()
                    .and_then(|a| source.labels.get(a).cloned()),
                article: c.article_anchor,
                tracking_number: c.tracking_number,
                display_name: c.display_name,
                comment: c.redacted_body.unwrap_or(c.body),
                channel: c.channel.as_str(),
                submitted_on: china_date(c.created_at),
                outcome: d.outcome.as_str(),
                response: d.response,
            })
        })
        .collect();
    Ok((out, last))
}

/// A CSV field (RFC 4180): quoted when it holds a separator, quote or line break. A value
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading
/// apostrophe: comments are written by the public.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One CSV line (CRLF-terminated).
pub fn csv_line<S: AsRef<str>>(values: &[S]) -> String {
    let mut line = values
        .iter()
        .map(|v| csv_field(v.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("建议延长期限"), "建议延长期限");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("说\"好\""), "\"说\"\"好\"\"\"");
        assert_eq!(csv_field("第一行\n第二行"), "\"第一行\n第二行\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_line(&["a", "b,c"]), "a,\"b,c\"\r\n");
    }
}
