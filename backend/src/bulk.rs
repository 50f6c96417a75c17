//! 全部公开数据: one archive (`.tar.gz`) of everything the public can read — departments,
//! published policies and interpretations, released consultations, and every published
//! comment with its decision once the report is out — as CSV files with a README. Rows are
//! read in pages by id and written straight to temporary files, then packed and compressed
//! from those files: memory stays flat whatever the size (tested on 1,000,000 comments, see
//! docs/benchmarks.md). No email, client address or moderator's note is ever read.

use crate::adoption::csv_line;
use crate::consultations::article_labels;
use crate::domain::consultation::{china_date, state_at};
use crate::entities::department;
use crate::error::ServiceError;
use crate::public;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{EntityTrait, QueryOrder};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The archive's file name, in `<data dir>/exports/`, served at `/open-data/<name>`.
pub const ARCHIVE_NAME: &str = "huiyin-open-data.tar.gz";

/// Rows read per query.
const BATCH: u64 = 2_000;

/// Where the server keeps the latest archive.
pub fn archive_path(state: &AppState) -> PathBuf {
    state.config.data_dir.join("exports").join(ARCHIVE_NAME)
}

/// What an export wrote: each file with its number of rows, and the archive's size.
#[derive(Debug, Default)]
pub struct ExportSummary {
    pub files: Vec<(&'static str, u64)>,
    pub bytes: u64,
}

/// One CSV file being written, a row at a time.
struct Table {
    name: &'static str,
    out: BufWriter<File>,
    rows: u64,
}

impl Table {
    fn create(dir: &Path, name: &'static str, columns: &[&str]) -> Result<Table, ServiceError> {
        let file = File::create(dir.join(name)).map_err(io)?;
        let mut out = BufWriter::with_capacity(256 * 1024, file);
        // A byte-order mark: spreadsheets then read the Chinese right.
        out.write_all("\u{feff}".as_bytes()).map_err(io)?;
        out.write_all(csv_line(columns).as_bytes()).map_err(io)?;
        Ok(Table { name, out, rows: 0 })
    }

    fn row(&mut self, values: &[String]) -> Result<(), ServiceError> {
        self.rows += 1;
        self.out.write_all(csv_line(values).as_bytes()).map_err(io)
    }

    fn finish(mut self) -> Result<(&'static str, u64), ServiceError> {
        self.out.flush().map_err(io)?;
        Ok((self.name, self.rows))
    }
}

fn io(e: std::io::Error) -> ServiceError {
    ServiceError::Internal(format!("export: {e}"))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

const DEPARTMENTS: [&str; 4] = ["code", "name_zh_hans", "name_zh_hant", "name_en"];
const POLICIES: [&str; 12] = [
    "id",
    "title",
    "doc_number",
    "department",
    "category",
    "signed_on",
    "published_on",
    "effective_on",
    "interpretation_deadline",
    "first_interpretation_on",
    "url",
    "body",
];
const INTERPRETATIONS: [&str; 9] = [
    "id",
    "policy_id",
    "department",
    "kind",
    "title",
    "published_on",
    "media_url",
    "url",
    "body",
];
const CONSULTATIONS: [&str; 10] = [
    "id",
    "title",
    "department",
    "state",
    "opens_at",
    "closes_at",
    "report_published_at",
    "final_policy_id",
    "url",
    "draft_text",
];
const COMMENTS: [&str; 10] = [
    "tracking_number",
    "consultation_id",
    "article",
    "article_label",
    "display_name",
    "comment",
    "channel",
    "submitted_on",
    "outcome",
    "response",
];

/// Writes the archive to `out` (through `out.tmp`, renamed when complete: a reader never
/// sees half an archive).
pub async fn export_archive(state: &AppState, out: &Path) -> Result<ExportSummary, ServiceError> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io)?;
    let work = parent.join(format!(".export-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(io)?;
    let result = write_tables(state, &work).await;
    let result = match result {
        Ok(files) => {
            let (work2, out2) = (work.clone(), out.to_path_buf());
            let generated = state.now();
            tokio::task::spawn_blocking(move || pack(&work2, &out2, &files, generated))
                .await
                .map_err(|e| ServiceError::Internal(format!("export: {e}")))?
        }
        Err(e) => Err(e),
    };
    let _ = std::fs::remove_dir_all(&work);
    result
}

async fn write_tables(
    state: &AppState,
    dir: &Path,
) -> Result<Vec<(&'static str, u64)>, ServiceError> {
    let db = &state.db;
    let site = &state.config.site_url;
    let codes: HashMap<i32, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.code))
        .collect();
    let code = |id: i32| codes.get(&id).cloned().unwrap_or_default();
    let mut files = Vec::new();

    let mut t = Table::create(dir, "departments.csv", &DEPARTMENTS)?;
    for d in department::Entity::find()
        .order_by_asc(department::Column::Code)
        .all(db)
        .await?
    {
        t.row(&[d.code, d.name_zh_hans, d.name_zh_hant, d.name_en])?;
    }
    files.push(t.finish()?);

    let mut t = Table::create(dir, "policies.csv", &POLICIES)?;
    let mut after = 0;
    loop {
        let rows = public::policies_after(db, after, BATCH).await?;
        let Some(last) = rows.last().map(|p| p.id) else {
            break;
        };
        for p in rows {
            t.row(&[
                p.id.to_string(),
                p.title,
                p.doc_number,
                code(p.department_id),
                p.category,
                opt(p.signed_on),
                opt(p.published_on),
                opt(p.effective_on),
                opt(p.interpretation_deadline),
                opt(p.first_interpretation_on),
                format!("{site}/policies/{}", p.id),
                p.body,
            ])?;
        }
        after = last;
    }
    files.push(t.finish()?);

    let mut t = Table::create(dir, "interpretations.csv", &INTERPRETATIONS)?;
    let mut after = 0;
    loop {
        let rows = public::interpretations_after(db, after, BATCH).await?;
        let Some(last) = rows.last().map(|i| i.id) else {
            break;
        };
        for i in rows {
            t.row(&[
                i.id.to_string(),
                i.policy_id.to_string(),
                code(i.department_id),
                i.kind.as_str().to_string(),
                i.title,
                opt(i.published_on),
                opt(i.media_url),
                format!("{site}/policies/{}#interp-{}", i.policy_id, i.id),
                i.body,
            ])?;
        }
        after = last;
    }
    files.push(t.finish()?);

    // Consultations are few (a city holds hundreds a year): what the comments need of
    // them — whether decisions are public, the articles' labels — is kept while writing.
    let mut t = Table::create(dir, "consultations.csv", &CONSULTATIONS)?;
    let mut labels: HashMap<i32, HashMap<String, String>> = HashMap::new();
    let now = state.now();
    let mut after = 0;
    loop {
        let rows = public::consultations_after(db, after, BATCH).await?;
        let Some(last) = rows.last().map(|c| c.id) else {
            break;
        };
        for c in rows {
            let state_now = state_at(c.released, c.opens_at, c.closes_at, c.report_published, now);
            labels.insert(c.id, article_labels(&c.draft_text).into_iter().collect());
            t.row(&[
                c.id.to_string(),
                c.title,
                code(c.department_id),
                state_now.key().to_string(),
                c.opens_at.to_rfc3339(),
                c.closes_at.to_rfc3339(),
                opt(c
                    .report_published_at
                    .filter(|_| c.report_published)
                    .map(|t| t.to_rfc3339())),
                opt(c.final_policy_id),
                format!("{site}/consultations/{}", c.id),
                c.draft_text,
            ])?;
        }
        after = last;
    }
    files.push(t.finish()?);

    let mut t = Table::create(dir, "comments.csv", &COMMENTS)?;
    let mut after = 0;
    loop {
        let rows = public::comments_after(db, after, BATCH).await?;
        let Some(last) = rows.last().map(|(c, _)| c.id) else {
            break;
        };
        for (c, d) in rows {
            let label = c
                .article_anchor
                .as_ref()
                .and_then(|a| labels.get(&c.consultation_id)?.get(a).cloned());
            t.row(&[
                c.tracking_number,
                c.consultation_id.to_string(),
                opt(c.article_anchor),
                opt(label),
                c.display_name,
                c.redacted_body.unwrap_or(c.body),
                c.channel.as_str().to_string(),
                china_date(c.created_at).to_string(),
                opt(d.as_ref().map(|d| d.outcome.as_str())),
                opt(d.and_then(|d| d.response)),
            ])?;
        }
        after = last;
    }
    files.push(t.finish()?);
    Ok(files)
}

/// The README at the top of the archive: what each file holds.
fn readme(files: &[(&'static str, u64)], generated: DateTime<Utc>) -> String {
    let mut s = format!(
        "回音 Huiyin — 全部公开数据 / all public data\n生成时间 generated: {}\n\n\
         UTF-8 CSV (RFC 4180) with a byte-order mark; a value a spreadsheet would run as a\n\
         formula starts with '. No email address, client address or moderator's note.\n\
         Decisions (outcome, response) appear once the consultation's adoption report is\n\
         published. Columns: docs/open-data.md in the source, and the first line of each file.\n\n",
        generated.to_rfc3339()
    );
    for (name, rows) in files {
        s.push_str(&format!("{name}: {rows} rows\n"));
    }
    s
}

fn pack(
    dir: &Path,
    out: &Path,
    files: &[(&'static str, u64)],
    generated: DateTime<Utc>,
) -> Result<ExportSummary, ServiceError> {
    let tmp = out.with_extension("tmp");
    let file = File::create(&tmp).map_err(io)?;
    let gz = flate2::write::GzEncoder::new(BufWriter::new(file), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mtime = u64::try_from(generated.timestamp()).unwrap_or(0);
    let header = |size: u64| {
        let mut h = tar::Header::new_gnu();
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(mtime);
        h
    };
    let text = readme(files, generated);
    let mut h = header(text.len() as u64);
    tar.append_data(&mut h, "huiyin-open-data/README.txt", text.as_bytes())
        .map_err(io)?;
    for (name, _) in files {
        let path = dir.join(name);
        let size = std::fs::metadata(&path).map_err(io)?.len();
        let mut h = header(size);
        let f = File::open(&path).map_err(io)?;
        tar.append_data(&mut h, format!("huiyin-open-data/{name}"), f)
            .map_err(io)?;
    }
    let gz = tar.into_inner().map_err(io)?;
    let mut buffered = gz.finish().map_err(io)?;
    buffered.flush().map_err(io)?;
    buffered
        .into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)?;
    std::fs::rename(&tmp, out).map_err(io)?;
    Ok(ExportSummary {
        files: files.to_vec(),
        bytes: std::fs::metadata(out).map_err(io)?.len(),
    })
}
