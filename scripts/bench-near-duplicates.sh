#!/usr/bin/env bash
# Near-duplicate clustering throughput: MinHash signatures and LSH clustering of synthetic
# Chinese comments (windows of the demo seed texts as unique comments, plus copy-paste
# campaigns with small edits). Compiles the pure module alone with rustc -O: no cargo build.
# Usage: scripts/bench-near-duplicates.sh [number of comments, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/bench.rs" <<RS
#[path = "$PWD/domain/src/near_duplicates.rs"]
#[allow(dead_code)]
mod near_duplicates;
use near_duplicates::*;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20000);
    // Unique comments: four random clauses of the seed texts each (two comments rarely
    // share more than one clause, so they stay below the threshold as real ones do).
    let sentences: Vec<String> = std::fs::read_dir("server/demo/seeds")
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .collect::<String>()
        .split(['。', '\n', '，', '；'])
        .map(|s| s.trim().to_string())
        .filter(|s| s.chars().count() >= 8)
        .collect();
    let campaigns = [
        "我们强烈建议第三条增加人工复核程序：自动审批不予通过的，申请人可以在五个工作日内申请人工复核，复核结果应当书面告知。",
        "坚决反对第五条的收费规定，建议取消一切附加费用，保障低收入群体的合法权益，请政府认真听取群众意见。",
    ];
    // A simple deterministic generator, so runs are comparable.
    let mut seed: u64 = 42;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut texts = Vec::with_capacity(n);
    for i in 0..n {
        if i % 3 == 0 {
            // Campaign copies with an edit: a signature line and a changed character.
            let base = campaigns[(next() % 2) as usize];
            let mut chars: Vec<char> = base.chars().collect();
            let at = (next() as usize) % chars.len();
            chars[at] = '的';
            texts.push(format!("{}市民{}", chars.iter().collect::<String>(), next() % 1000));
        } else {
            let pick = |r: u64| sentences[(r as usize) % sentences.len()].as_str();
            texts.push(format!("{}，{}；{}，{}。", pick(next()), pick(next()), pick(next()), pick(next())));
        }
    }
    let t = Instant::now();
    let sigs: Vec<Signature> = texts.iter().map(|t| Signature::of(t)).collect();
    let sig_time = t.elapsed();
    let t = Instant::now();
    let reps = cluster(&sigs);
    let cluster_time = t.elapsed();
    let mut groups: std::collections::HashMap<usize, usize> = Default::default();
    for r in &reps {
        *groups.entry(*r).or_default() += 1;
    }
    let mut sizes: Vec<usize> = groups.values().copied().collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    println!("comments:            {n} ({} seed clauses)", sentences.len());
    println!("signatures:          {:?} total, {:.1} µs per comment", sig_time, sig_time.as_secs_f64() * 1e6 / n as f64);
    println!("clustering:          {:?}", cluster_time);
    println!("groups:              {}", groups.len());
    println!("largest groups:      {:?}", &sizes[..sizes.len().min(4)]);
}
RS
rustc --edition 2024 -O -o "$work/bench" "$work/bench.rs" 2>&1
"$work/bench" "$n"
