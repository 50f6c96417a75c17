//! The judged query set (`search-judgements.tsv`) and its measures: recall@10 and nDCG@10
//! of the portal's public search beside a character-bigram baseline (the classic CJK
//! analysis: overlapping pairs of the text as it is, BM25, tantivy's default query parser)
//! over the same documents.

use backend::search::analysis::BigramTokenizer;
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, TantivyDocument, doc};

/// Results looked at per query.
pub const CUTOFF: usize = 10;

/// One judged query.
pub struct Judged {
    pub category: String,
    pub query: String,
    /// Index keys with their grade: 2 should come first, 1 relevant.
    pub grades: HashMap<String, u32>,
}

/// The judged set, as written in the file.
pub fn judgements() -> Vec<Judged> {
    include_str!("search-judgements.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(
                (3..=4).contains(&cols.len()),
                "a judgement has a category, a query and documents: {line}"
            );
            let mut grades = HashMap::new();
            for key in cols[2].split_whitespace() {
                grades.insert(key.to_string(), 2);
            }
            for key in cols.get(3).copied().unwrap_or("").split_whitespace() {
                assert!(
                    grades.insert(key.to_string(), 1).is_none(),
                    "{key} twice: {line}"
                );
            }
            assert!(!grades.is_empty(), "no documents judged: {line}");
            Judged {
                category: cols[0].to_string(),
                query: cols[1].to_string(),
                grades,
            }
        })
        .collect()
}

/// Share of the relevant documents among the first [`CUTOFF`] results.
pub fn recall(ranked: &[String], grades: &HashMap<String, u32>) -> f64 {
    let found = ranked
        .iter()
        .take(CUTOFF)
        .filter(|k| grades.contains_key(*k))
        .count();
    found as f64 / grades.len() as f64
}

/// Normalised discounted cumulative gain over the first [`CUTOFF`] results, gain 2^grade − 1.
pub fn ndcg(ranked: &[String], grades: &HashMap<String, u32>) -> f64 {
    let gain = |g: u32| f64::from((1u32 << g) - 1);
    let dcg: f64 = ranked
        .iter()
        .take(CUTOFF)
        .enumerate()
        .map(|(i, k)| gain(grades.get(k).copied().unwrap_or(0)) / (i as f64 + 2.0).log2())
        .sum();
    let mut ideal: Vec<u32> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .into_iter()
        .take(CUTOFF)
        .enumerate()
        .map(|(i, g)| gain(g) / (i as f64 + 2.0).log2())
        .sum();
    // (A sum of nothing is −0.0.)
    if idcg == 0.0 { 0.0 } else { dcg / idcg + 0.0 }
}

/// The baseline: each document's title, and its document number, body and response as one
/// text, both cut into character bigrams without folding.
pub struct Baseline {
    index: Index,
    reader: IndexReader,
}

impl Baseline {
    /// `docs`: (key, title, text).
    pub fn build(docs: &[(String, String, String)]) -> Baseline {
        let mut b = Schema::builder();
        let grams = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("plain_grams")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let key = b.add_text_field("key", STRING | STORED);
        let title = b.add_text_field("title", grams.clone());
        let text = b.add_text_field("text", grams);
        let index = Index::create_in_ram(b.build());
        index
            .tokenizers()
            .register("plain_grams", BigramTokenizer::plain());
        let mut writer = index.writer(50_000_000).unwrap();
        for (k, t, x) in docs {
            writer
                .add_document(doc!(key => k.as_str(), title => t.as_str(), text => x.as_str()))
                .unwrap();
        }
        writer.commit().unwrap();
        let reader = index.reader().unwrap();
        Baseline { index, reader }
    }

    /// The keys of the first [`CUTOFF`] results.
    pub fn search(&self, q: &str) -> Vec<String> {
        let schema = self.index.schema();
        let field = |name| schema.get_field(name).unwrap();
        let parser = QueryParser::for_index(&self.index, vec![field("title"), field("text")]);
        let (query, _) = parser.parse_query_lenient(q);
        let searcher = self.reader.searcher();
        searcher
            .search(&query, &TopDocs::with_limit(CUTOFF).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(_, a)| {
                let d: TantivyDocument = searcher.doc(a).unwrap();
                d.get_first(field("key"))
                    .and_then(|v| v.as_str())
                    .unwrap()
                    .to_string()
            })
            .collect()
    }
}

#[test]
fn ndcg_and_recall_on_known_rankings() {
    let grades: HashMap<String, u32> = [("a".to_string(), 2), ("b".to_string(), 1)].into();
    let ranked = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<Vec<_>>();
    assert_eq!(ndcg(&ranked(&["a", "b"]), &grades), 1.0);
    assert_eq!(recall(&ranked(&["x", "b"]), &grades), 0.5);
    // b first, a second: (1/1 + 3/log2 3) / (3/1 + 1/log2 3)
    let swapped = ndcg(&ranked(&["b", "a"]), &grades);
    let expected = (1.0 + 3.0 / 3f64.log2()) / (3.0 + 1.0 / 3f64.log2());
    assert!((swapped - expected).abs() < 1e-12, "{swapped}");
    assert_eq!(ndcg(&ranked(&["x"]), &grades), 0.0);
}
