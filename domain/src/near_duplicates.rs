//! Near-duplicate comments (雷同意见): form letters and copy-paste campaigns with small edits.
//!
//! Each comment gets a MinHash [`Signature`] over character shingles; [`cluster`] groups
//! signatures with LSH banding, so editors can act on a whole group at once.
//!
//! * Text is [`normalize`]d first: lowercase, full-width ASCII folded to ASCII, whitespace and
//!   punctuation dropped, so re-punctuating or re-spacing a letter changes nothing.
//!   Traditional vs Simplified characters (“審批” vs “审批”) are out of scope: they count as
//!   different characters.
//! * Shingles are [`SHINGLE_CHARS`] = 3 consecutive characters. Chinese has no spaces, so
//!   character shingles need no word segmentation. Why 3: single characters (的、审、批) are
//!   shared by any two comments on the same draft, and most Chinese words are two characters,
//!   so bigrams are roughly a shared *vocabulary* (秒批、审批、建议) that makes unrelated
//!   comments on one topic look alike. Trigrams cross word boundaries and so capture shared
//!   *phrasing*, while one edited character still only touches 3 shingles; longer shingles
//!   would make each edit cost more and hurt short comments.
//! * Hash seeds are fixed constants: signatures are stored in the database and must be the
//!   same in every process, on the server and in wasm, and across versions. Changing any
//!   constant or hash here invalidates stored signatures (a test pins one value).

use std::collections::HashMap;
use std::fmt::Write;

/// Characters per shingle (see the module docs for why 3).
pub const SHINGLE_CHARS: usize = 3;
/// MinHash positions per signature.
pub const NUM_HASHES: usize = 64;
/// LSH bands; two signatures become candidates when any band matches exactly.
pub const BANDS: usize = 16;
/// Signature positions per band.
pub const ROWS: usize = 4;
const _: () = assert!(BANDS * ROWS == NUM_HASHES);

/// Minimum estimated Jaccard similarity (of 3-shingle sets) for two comments to be near
/// duplicates.
///
/// One edited character in a 100-character comment changes at most 3 of its ~98 shingles,
/// so the Jaccard similarity stays ≈ 0.94; a changed signature line (“市民张三” → “市民李四”)
/// is similar. Two independently written comments on the same draft share few 3-shingles
/// (typically < 0.1). 0.6 leaves room for several edits and for the estimate's noise
/// (standard deviation √(s(1−s)/64) ≈ 0.06 at s = 0.6).
///
/// Candidates come from LSH with 16 bands × 4 rows: a pair with similarity s becomes a
/// candidate with probability 1 − (1 − s⁴)¹⁶, i.e. s = 0.3 → 0.12, s = 0.5 → 0.64,
/// s = 0.6 → 0.89, s = 0.7 → 0.98, s = 0.8 → 0.9998. Pairs just above the threshold are
/// therefore sometimes missed directly, but large groups are usually still joined through
/// other members; pairs that are only candidates by chance are filtered by this threshold.
pub const SIMILARITY_THRESHOLD: f64 = 0.6;

/// Lowercase, fold full-width ASCII (U+FF01..U+FF5E) to ASCII, keep only letters and digits
/// (which includes CJK ideographs); whitespace and all punctuation are dropped.
pub fn normalize(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// MinHash signature: position i is the minimum of hash function i over the text's shingles.
/// Text that normalises to nothing has all positions `u32::MAX` ([`Signature::is_empty`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; NUM_HASHES]);

impl Signature {
    pub fn of(text: &str) -> Signature {
        let chars = normalize(text);
        let mut mins = [u32::MAX; NUM_HASHES];
        if chars.is_empty() {
            return Signature(mins);
        }
        // Shorter texts than a shingle yield one shingle: the whole text.
        for shingle in chars.windows(SHINGLE_CHARS.min(chars.len())) {
            let x = shingle_hash(shingle);
            for (m, seed) in mins.iter_mut().zip(SEEDS) {
                *m = (*m).min(splitmix64(x ^ seed) as u32);
            }
        }
        Signature(mins)
    }

    /// The signature of empty (or punctuation-only) text.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == u32::MAX)
    }

    /// Fraction of equal positions: an estimate of the Jaccard similarity of the shingle sets.
    /// 0.0 when either side is empty (empty text is similar to nothing).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let equal = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        equal as f64 / NUM_HASHES as f64
    }

    /// One key per band, hashing the band index and its [`ROWS`] values; the index is mixed in
    /// so that equal values in different bands give different keys (keys may share a column).
    pub fn band_keys(&self) -> [u64; BANDS] {
        let mut keys = [0; BANDS];
        for (band, (key, rows)) in keys.iter_mut().zip(self.0.chunks_exact(ROWS)).enumerate() {
            *key = rows.iter().fold(splitmix64(band as u64), |h, &v| {
                splitmix64(h ^ u64::from(v))
            });
        }
        keys
    }

    /// 512 lowercase hex characters, 8 per position, big-endian.
    pub fn to_hex(&self) -> String {
        let mut s = String::with_capacity(NUM_HASHES * 8);
        for v in self.0 {
            let _ = write!(s, "{v:08x}");
        }
        s
    }

    /// Inverse of [`Signature::to_hex`] (case-insensitive); `None` for anything else.
    pub fn from_hex(s: &str) -> Option<Signature> {
        let bytes = s.as_bytes();
        if bytes.len() != NUM_HASHES * 8 {
            return None;
        }
        let mut out = [0; NUM_HASHES];
        for (o, chunk) in out.iter_mut().zip(bytes.chunks_exact(8)) {
            // Bytes of multi-byte characters are never hex digits, so slicing bytes is safe.
            *o = chunk
                .iter()
                .try_fold(0u32, |acc, &b| Some(acc << 4 | char::from(b).to_digit(16)?))?;
        }
        Some(Signature(out))
    }
}

/// Similar enough to be grouped; empty signatures are never near duplicates, not even of
/// each other (empty comments should not form one giant group).
pub fn is_near_duplicate(a: &Signature, b: &Signature) -> bool {
    a.similarity(b) >= SIMILARITY_THRESHOLD
}

/// For each signature, the smallest index of its group (itself when alone or empty).
///
/// Pairs sharing a band key are candidates; candidates passing [`is_near_duplicate`] are
/// joined, transitively (A~B and B~C puts A, B, C in one group).
pub fn cluster(signatures: &[Signature]) -> Vec<usize> {
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, sig) in signatures.iter().enumerate() {
        if !sig.is_empty() {
            for (band, key) in sig.band_keys().into_iter().enumerate() {
                buckets.entry((band, key)).or_default().push(i);
            }
        }
    }
    let mut parent: Vec<usize> = (0..signatures.len()).collect();
    for bucket in buckets.values() {
        // Members of a bucket, partitioned into groups already known to be joined, so that a
        // campaign of thousands of copies costs one comparison per copy, not one per pair.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for &j in bucket {
            let mut mine = vec![j];
            let mut rest = Vec::with_capacity(groups.len());
            for mut g in groups {
                let joined = find(&mut parent, g[0]) == find(&mut parent, j)
                    || g.iter()
                        .any(|&k| is_near_duplicate(&signatures[k], &signatures[j]));
                if joined {
                    union(&mut parent, g[0], j);
                    if g.len() > mine.len() {
                        std::mem::swap(&mut g, &mut mine);
                    }
                    mine.append(&mut g);
                } else {
                    rest.push(g);
                }
            }
            rest.push(mine);
            groups = rest;
        }
    }
    (0..signatures.len())
        .map(|i| find(&mut parent, i))
        .collect()
}

/// Union-find root, with path halving.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// The smaller root becomes the parent, so every root is the smallest index of its group.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    parent[ra.max(rb)] = ra.min(rb);
}

/// splitmix64 finalizer: a fixed, well-mixing 64-bit permutation.
const fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Seed of hash function i: splitmix64(i).
const SEEDS: [u64; NUM_HASHES] = {
    let mut seeds = [0; NUM_HASHES];
    let mut i = 0;
    while i < NUM_HASHES {
        seeds[i] = splitmix64(i as u64);
        i += 1;
    }
    seeds
};

/// FNV-1a 64 over the shingle's UTF-8 bytes, then splitmix64 for avalanche.
fn shingle_hash(shingle: &[char]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    let mut buf = [0; 4];
    for c in shingle {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    splitmix64(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "我认为《深圳市政务服务“秒批”管理办法（征求意见稿）》方向正确，但第12条规定系统自动审批后由申请人自行承担信息不实的责任，建议补充明确：因部门数据共享接口错误导致的误批，应由数据提供部门承担责任，不得追究申请人。同时建议第15条增加人工复核通道，申请人对秒批结果有异议的，可在5个工作日内申请人工复核，复核期间不影响已取得的许可效力。另外，建议公开秒批事项清单及其所依据的数据来源，便于群众监督。";
    const OTHER1: &str = "对于征求意见稿中的秒批事项，我有几点看法。第一，老年人和残疾人不熟悉手机操作，应当保留线下窗口办理方式，不能把秒批作为唯一渠道。第二，个人信息在各部门之间共享，应明确数据使用范围和保存期限，防止泄露。第三，建议对秒批系统每年进行第三方评估，并向社会公布评估报告，接受群众监督。";
    const OTHER2: &str = "作为一家小微企业的负责人，我们去年通过秒批办理了营业执照变更，确实节省了很多时间。希望管理办法正式实施后把更多涉企事项纳入秒批范围，比如食品经营许可证延续、建筑工程施工许可等，并且在各区之间统一审批标准，避免同一事项在不同区要求不一样，让企业少跑腿。";
    const OTHER3: &str = "建议征求意见稿第12条修改为：秒批系统作出审批决定后，申请人提交的信息被发现不实的，由审批部门依法撤销许可，但申请人不是故意提供虚假材料的，不予处罚。同时建议明确秒批系统出现故障时的应急办理程序，避免群众白跑一趟。";
    const FORM: &str = "本人坚决支持《深圳市政务服务“秒批”管理办法》尽快出台实施。秒批让数据多跑路、群众少跑腿，是优化营商环境的重要举措，希望政府加大宣传力度，让更多市民知道并使用秒批服务。市民张三";

    fn sim(a: &str, b: &str) -> f64 {
        Signature::of(a).similarity(&Signature::of(b))
    }

    fn dup(a: &str, b: &str) -> bool {
        let (a, b) = (Signature::of(a), Signature::of(b));
        // Near duplicates must also be LSH candidates, or cluster() would never see them.
        let shared = a
            .band_keys()
            .iter()
            .zip(b.band_keys())
            .any(|(x, y)| *x == y);
        is_near_duplicate(&a, &b) && shared
    }

    #[test]
    fn normalize_drops_punctuation_and_folds_full_width() {
        let s: String = normalize("  第１２条，ＡＢＣ abc！“秒批”（试行）…… 《办法》")
            .into_iter()
            .collect();
        assert_eq!(s, "第12条abcabc秒批试行办法");
        assert!(normalize("，。、；：？！“”‘’（）《》【】—…·「」『』 \u{3000}\n").is_empty());
    }

    #[test]
    fn identical_and_reformatted_texts_are_duplicates() {
        assert!(dup(BASE, BASE));
        let reformatted = BASE
            .replace('，', " , ")
            .replace('。', ". ")
            .replace("12", "１２")
            .replace("5个", "５ 个")
            .replace(['“', '”'], "\"");
        assert_eq!(Signature::of(BASE), Signature::of(&reformatted));
    }

    #[test]
    fn small_edits_are_duplicates() {
        let edits = [
            BASE.replacen("群众监督", "公众监督", 1), // 1 substituted
            BASE.replacen("群众监督", "社会监督", 1)
                .replacen("效力", "效果", 1), // 2 substituted
            BASE.replacen("建议补充明确", "建议进一步补充明确", 1), // 3 inserted
            BASE.replacen("另外，", "", 1),           // 2 deleted
        ];
        for e in &edits {
            assert!(sim(BASE, e) >= 0.9, "{} for {e}", sim(BASE, e));
            assert!(dup(BASE, e));
        }
    }

    #[test]
    fn form_letter_with_another_signature_line_is_duplicate() {
        assert!(dup(FORM, &FORM.replace("张三", "李四")));
    }

    #[test]
    fn different_comments_on_the_same_draft_are_not_duplicates() {
        let all = [BASE, OTHER1, OTHER2, OTHER3, FORM];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(sim(a, b) < 0.1, "{} for {a} / {b}", sim(a, b));
                assert!(!dup(a, b));
            }
        }
    }

    #[test]
    fn short_texts() {
        // Identical short answers are a (tiny) form letter; one character more is not.
        assert!(dup("同意", "同意！"));
        assert!(dup("支持", " 支持。"));
        // Whole-text shingles of different lengths never match: similarity exactly 0.
        assert_eq!(sim("同意", "不同意"), 0.0);
        assert_eq!(sim("同意", "支持"), 0.0);
        assert!(sim("同意", "同意该办法") < SIMILARITY_THRESHOLD);
    }

    #[test]
    fn empty_text_is_never_a_duplicate() {
        let (a, b) = (Signature::of(""), Signature::of("。。。 ！"));
        assert!(a.is_empty() && b.is_empty() && a == b);
        assert_eq!(a.0, [u32::MAX; NUM_HASHES]);
        assert!(!is_near_duplicate(&a, &b));
        assert_eq!(a.similarity(&Signature::of(BASE)), 0.0);
        assert_eq!(cluster(&[a, b, Signature::of("")]), [0, 1, 2]);
    }

    #[test]
    fn hex_round_trip_and_rejection() {
        let s = Signature::of(BASE);
        let hex = s.to_hex();
        assert_eq!(hex.len(), 512);
        assert_eq!(Signature::from_hex(&hex), Some(s.clone()));
        assert_eq!(Signature::from_hex(&hex.to_uppercase()), Some(s));
        let e = Signature::of("");
        assert_eq!(Signature::from_hex(&e.to_hex()), Some(e));
        let bad = [
            String::new(),
            hex[..511].to_string(),
            format!("{hex}0"),
            format!("g{}", &hex[1..]),
            format!("+{}", &hex[1..]),
            format!("秒{}", &hex[3..]), // right byte length, not ASCII
            format!("{}秒", &hex[..509]),
        ];
        for b in &bad {
            assert_eq!(Signature::from_hex(b), None, "{b}");
        }
    }

    #[test]
    fn signatures_are_pinned() {
        // Stored in the database: any change of hash, seed or normalisation must fail here.
        let s = Signature::of("同意");
        assert_eq!(s.0[0], 0xf559_1a1c);
        assert_eq!(s.band_keys()[0], 0xda7e_6dfa_4421_c341);
        assert!(
            Signature::of(BASE)
                .to_hex()
                .starts_with("0092d38c00ae8daf00ee12e1")
        );
    }

    #[test]
    fn band_keys_depend_on_band_index() {
        let keys = Signature([7; NUM_HASHES]).band_keys();
        assert!(
            keys.iter()
                .enumerate()
                .all(|(i, k)| keys[i + 1..].iter().all(|o| o != k))
        );
    }

    #[test]
    fn cluster_is_transitive_with_smallest_representative() {
        // A~B (48/64 equal) and B~C (48/64) but A≁C (32/64): all three in one group.
        let a = Signature(std::array::from_fn(|i| i as u32));
        let b = Signature(std::array::from_fn(|i| {
            if i < 48 { i as u32 } else { 1000 + i as u32 }
        }));
        let c = Signature(std::array::from_fn(|i| {
            if i < 16 { 2000 + i as u32 } else { b.0[i] }
        }));
        assert!(
            is_near_duplicate(&a, &b) && is_near_duplicate(&b, &c) && !is_near_duplicate(&a, &c)
        );
        let sigs = [Signature::of(OTHER1), c, Signature::of(""), a.clone(), b, a];
        assert_eq!(cluster(&sigs), [0, 1, 2, 1, 1, 1]);
    }

    #[test]
    fn cluster_real_comments() {
        let texts = [
            OTHER1.to_string(),
            FORM.replace("张三", "李四"),
            BASE.to_string(),
            FORM.to_string(),
            OTHER2.to_string(),
            BASE.replacen("另外，", "", 1),
            "同意".to_string(),
            String::new(),
            "同意。".to_string(),
            OTHER3.to_string(),
            FORM.replace("张三", "王五").replace('，', ","),
        ];
        let sigs: Vec<_> = texts.iter().map(|t| Signature::of(t)).collect();
        assert_eq!(cluster(&sigs), [0, 1, 2, 1, 4, 2, 6, 7, 6, 9, 1]);
    }
}
