//! How Chinese text becomes search terms: folded to Simplified one character for one
//! character (so Traditional and Simplified find each other, and offsets stay valid on the
//! original text), Latin lower-cased, segmented by jieba in its default mode (no overlapping
//! sub-words) with ordinal positions (so phrase queries work), punctuation dropped. Document
//! numbers get their own exact key. See ../shared/PITFALLS.md, "Chinese search with tantivy".

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use std::collections::HashMap;
use std::sync::LazyLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// jieba's dictionary, with the portal's policy vocabulary (words.txt) added.
static JIEBA: LazyLock<jieba_rs::Jieba> = LazyLock::new(|| {
    let mut jieba = jieba_rs::Jieba::new();
    for word in include_str!("words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        jieba.add_word(word, Some(100_000), None);
    }
    jieba
});

/// Traditional → Simplified, per character, from OpenCC's maintained data (t2s), with the
/// CJK compatibility ideographs first mapped to their unified forms. Only pairs of the same
/// UTF-8 length are kept: a folded text has every character at the same byte offset.
static FOLD: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    let t2s = OpenCC::from_config(BuiltinConfig::T2s).ok();
    let ranges = [
        0x3400..=0x4DBF, // extension A
        0x4E00..=0x9FFF, // unified ideographs
        0xF900..=0xFAFF, // compatibility ideographs
    ];
    for code in ranges.into_iter().flatten() {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let unified = compatibility_ideograph(c).unwrap_or(c);
        let folded = match &t2s {
            Some(t2s) => {
                let s = t2s.convert(&unified.to_string());
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(one), None) => one,
                    _ => unified,
                }
            }
            None => unified,
        };
        if folded != c && folded.len_utf8() == c.len_utf8() {
            map.insert(c, folded);
        }
    }
    map
});

/// The unified ideograph a compatibility ideograph (U+F900–U+FAFF) stands for.
fn compatibility_ideograph(c: char) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    if !('\u{F900}'..='\u{FAFF}').contains(&c) {
        return None;
    }
    let mut n = std::iter::once(c).nfc();
    match (n.next(), n.next()) {
        (Some(u), None) if u != c => Some(u),
        _ => None,
    }
}

/// One character folded: Simplified, ASCII lower-case. Same UTF-8 length as the input.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    FOLD.get(&c).copied().unwrap_or(c)
}

/// A text folded character by character; `fold(t).len() == t.len()` and every character
/// keeps its byte offset.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// A text in the three forms staff may need to match it literally: as typed, in Simplified
/// and in Traditional script (OpenCC, phrase by phrase).
pub fn script_variants(text: &str) -> Vec<String> {
    static S2T: LazyLock<Option<OpenCC>> =
        LazyLock::new(|| OpenCC::from_config(BuiltinConfig::S2t).ok());
    let simplified: String = text
        .chars()
        .map(|c| FOLD.get(&c).copied().unwrap_or(c))
        .collect();
    let mut forms = vec![text.to_string(), simplified.clone()];
    if let Some(s2t) = S2T.as_ref() {
        forms.push(s2t.convert(&simplified));
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Loads the dictionaries (a few hundred milliseconds) before the first search needs them.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
    LazyLock::force(&FOLD);
}

/// The terms of a text: (term, byte range in the text). Words of letters or digits only;
/// punctuation and spaces are not terms.
pub fn terms(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let folded = fold(text);
    JIEBA
        .cut(&folded, true)
        .into_iter()
        .filter(|t| t.word.chars().any(char::is_alphanumeric))
        .map(|t| (t.word.to_string(), t.byte_start..t.byte_end))
        .collect()
}

/// The tantivy tokenizer of every text field: [`terms`], with ordinal positions.
#[derive(Clone, Default)]
pub struct ChineseTokenizer;

pub struct TermStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = TermStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream {
        TermStream {
            tokens: to_tokens(terms(text)),
            next: 0,
        }
    }
}

impl TokenStream for TermStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Is this a CJK ideograph (the characters the bigram field pairs up)?
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The recall terms of a text: every pair of adjacent CJK characters (a lone one alone),
/// and each run of letters or digits as one lower-cased word, folded like [`terms`]. A
/// phrase of these is a substring match, so 政府 finds 深圳市政府 where jieba made one word
/// of it.
pub fn bigrams(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    plain_bigrams(&fold(text))
}

/// [`bigrams`] of the text as it is: no Traditional → Simplified folding, Latin words kept
/// as typed but lower-cased. The classic CJK bigram analysis, which the search evaluation
/// measures the portal's analysis against.
pub fn plain_bigrams(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let lower: String = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .collect();
    let folded = lower;
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    let end_of = |i: usize| chars.get(i + 1).map_or(folded.len(), |(at, _)| *at);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_cjk(c) {
            let mut j = i;
            while j + 1 < chars.len() && is_cjk(chars[j + 1].1) {
                j += 1;
            }
            if i == j {
                out.push((c.to_string(), at..end_of(i)));
            } else {
                for k in i..j {
                    let (from, _) = chars[k];
                    out.push((folded[from..end_of(k + 1)].to_string(), from..end_of(k + 1)));
                }
            }
            i = j + 1;
        } else if c.is_alphanumeric() {
            let mut j = i;
            while j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() && !is_cjk(chars[j + 1].1)
            {
                j += 1;
            }
            out.push((folded[at..end_of(j)].to_string(), at..end_of(j)));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The tantivy tokenizer of the recall fields: [`bigrams`] (or, for the evaluation's
/// baseline, [`plain_bigrams`]), with ordinal positions.
#[derive(Clone)]
pub struct BigramTokenizer {
    fold: bool,
}

impl BigramTokenizer {
    /// Traditional folded to Simplified: the index's recall fields.
    pub fn folded() -> BigramTokenizer {
        BigramTokenizer { fold: true }
    }

    /// The text as it is: the classic CJK bigram baseline.
    pub fn plain() -> BigramTokenizer {
        BigramTokenizer { fold: false }
    }
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = TermStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream {
        let terms = if self.fold {
            bigrams(text)
        } else {
            plain_bigrams(text)
        };
        TermStream {
            tokens: to_tokens(terms),
            next: 0,
        }
    }
}

fn to_tokens(terms: Vec<(String, std::ops::Range<usize>)>) -> Vec<Token> {
    terms
        .into_iter()
        .enumerate()
        .map(|(position, (text, range))| Token {
            offset_from: range.start,
            offset_to: range.end,
            position,
            text,
            position_length: 1,
        })
        .collect()
}

/// The exact key of a document number (文号), whatever its brackets, spacing or script:
/// 深府〔2020〕12号, 深府[2020]12号, 深府（2020）第12号 and "深府 2020 12" all give
/// `深府 2020 12`. `None` unless the text is an issuer, a year and a serial number.
pub fn doc_number_key(text: &str) -> Option<String> {
    // Full-width digits and letters to ASCII, then Simplified.
    let text: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .map(fold_char)
        .collect();
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let digit = c.is_ascii_digit();
        if !(digit || c.is_alphanumeric()) {
            // Brackets, spaces, punctuation: a boundary.
            runs.push((digit, String::new()));
            continue;
        }
        match runs.last_mut() {
            Some((d, run)) if *d == digit && !run.is_empty() => run.push(c),
            _ => runs.push((digit, c.to_string())),
        }
    }
    let runs: Vec<(bool, String)> = runs
        .into_iter()
        .filter(|(_, r)| !r.is_empty())
        .map(|(d, r)| {
            (
                d,
                if d {
                    r
                } else {
                    r.trim_end_matches(['第', '号']).to_string()
                },
            )
        })
        .filter(|(_, r)| !r.is_empty())
        .collect();
    match runs.as_slice() {
        [(false, issuer), (true, year), (true, serial)]
        | [(false, issuer), (true, year), (true, serial), ..]
            if year.len() == 4 && serial.len() <= 6 =>
        {
            let serial = serial.trim_start_matches('0');
            (!serial.is_empty()).then(|| format!("{issuer} {year} {serial}"))
        }
        _ => None,
    }
}

/// The keys of the document numbers a text cites (……依据国办公开办函〔2019〕60号……), so a
/// search for a number also finds the texts that cite it. Where the issuer begins is not
/// marked in running text, so every ending of the characters before the bracket is a key
/// (函, 办函, …, 和国办公开办函): the query's key is one of them.
pub fn cited_doc_number_keys(text: &str) -> Vec<String> {
    const OPEN: [char; 5] = ['〔', '[', '［', '（', '('];
    const CLOSE: [char; 5] = ['〕', ']', '］', '）', ')'];
    let chars: Vec<char> = text.chars().collect();
    let mut keys = Vec::new();
    for (at, c) in chars.iter().enumerate() {
        if !OPEN.contains(c) {
            continue;
        }
        // 〔year〕serial
        let digit = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c);
        let year = chars.get(at + 1..at + 5);
        if !year.is_some_and(|y| y.iter().all(digit))
            || !chars.get(at + 5).is_some_and(|c| CLOSE.contains(c))
        {
            continue;
        }
        let serial: String = chars[at + 6..]
            .iter()
            .take_while(|c| digit(c) || **c == '第')
            .collect();
        if !serial.chars().any(|c| digit(&c)) {
            continue;
        }
        let issuer: Vec<char> = chars[..at]
            .iter()
            .rev()
            .take_while(|c| is_cjk(**c))
            .take(12)
            .copied()
            .collect();
        let year: String = chars[at + 1..at + 5].iter().collect();
        for len in 1..=issuer.len() {
            let ending: String = issuer[..len].iter().rev().collect();
            if let Some(key) = doc_number_key(&format!("{ending}〔{year}〕{serial}号")) {
                keys.push(key);
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        terms(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn policy_vocabulary_is_segmented_into_words() {
        let w = words("深圳市政府信息公开工作年度报告");
        assert_eq!(w, ["深圳市", "政府信息公开", "工作", "年度报告"]);
        // No punctuation, no spaces; Latin lower-cased.
        let w = words("“秒批”改革，API 接口！不见面审批");
        assert!(w.contains(&"秒批".to_string()), "{w:?}");
        assert!(w.contains(&"api".to_string()), "{w:?}");
        assert!(w.contains(&"不见面审批".to_string()), "{w:?}");
        assert!(w.iter().all(|t| t.chars().any(char::is_alphanumeric)));
    }

    #[test]
    fn traditional_and_simplified_fold_to_one_form_with_offsets_on_the_original() {
        let traditional = "深圳市人民政府2020年政府信息公開工作年度報告";
        let simplified = "深圳市人民政府2020年政府信息公开工作年度报告";
        assert_eq!(fold(traditional), simplified);
        assert_eq!(words(traditional), words(simplified));
        // Every term's range, read on the Traditional original, is that word in Traditional.
        for (term, range) in terms(traditional) {
            let original = &traditional[range];
            assert_eq!(fold(original), term, "{original}");
        }
        let (_, range) = terms(traditional)
            .into_iter()
            .find(|(t, _)| t.contains("报告"))
            .unwrap();
        assert!(traditional[range].contains("報告"));
        // Compatibility ideographs fold too (U+F9B5 例 → 例).
        assert_eq!(fold("\u{F9B5}"), "例");
    }

    #[test]
    fn positions_are_ordinal_so_phrases_match() {
        let mut t = ChineseTokenizer;
        let mut stream = t.token_stream("政务服务“秒批”管理办法");
        let mut positions = Vec::new();
        while stream.advance() {
            positions.push(stream.token().position);
        }
        assert_eq!(positions, (0..positions.len()).collect::<Vec<_>>());
        assert!(positions.len() >= 3);
    }

    #[test]
    fn bigrams_pair_cjk_and_keep_words_whole() {
        let b: Vec<String> = bigrams("市政府信息公開 API 3.6")
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            b,
            [
                "市政", "政府", "府信", "信息", "息公", "公开", "api", "3", "6"
            ]
        );
        // Offsets on the Traditional original.
        let text = "信息公開";
        let (_, r) = bigrams(text)
            .into_iter()
            .find(|(t, _)| t == "公开")
            .unwrap();
        assert_eq!(&text[r], "公開");
        assert_eq!(bigrams("政").len(), 1);
    }

    #[test]
    fn document_numbers_have_one_key() {
        let key = Some("深府 2020 12".to_string());
        for form in [
            "深府〔2020〕12号",
            "深府[2020]12号",
            "深府 2020 12",
            "深府（２０２０）第12号",
            "深府【2020】012号",
        ] {
            assert_eq!(doc_number_key(form), key, "{form}");
        }
        assert_eq!(
            doc_number_key("深府辦函〔2019〕35號"),
            Some("深府办函 2019 35".into())
        );
        assert_eq!(doc_number_key("政府信息公开"), None);
        // Cited in running text: the query's key is among the text's keys.
        let cited = cited_doc_number_keys(
            "根據《條例》(國務院令第711號)和國辦公開辦函〔2019〕60號要求，又見深府[2020]第12号。",
        );
        for query in [
            "国办公开办函〔2019〕60号",
            "國辦公開辦函[2019]60號",
            "深府 2020 12",
        ] {
            let key = doc_number_key(query).unwrap();
            assert!(cited.contains(&key), "{query}: {cited:?}");
        }
        assert!(cited_doc_number_keys("2019年〔2019〕号 令第711号").is_empty());
        assert_eq!(doc_number_key("2020 12"), None);
        assert_eq!(doc_number_key("深府〔20〕12号"), None);
    }
}
