//! The counts beside the results (分面计数): how many matches of each kind, department, year,
//! consultation and interpretation, in one pass over the matches that reads the columns of
//! those fields. A broad query matches most of the index, so this runs over up to every document:
//! it counts into arrays indexed by the column's term ordinals, years and ids (no hashing,
//! no string per document) and turns them into names once per segment.

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The counts of one search.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tallies {
    pub total: u64,
    pub kinds: HashMap<String, u64>,
    pub departments: HashMap<String, u64>,
    pub years: HashMap<i32, u64>,
    pub consultations: HashMap<i32, u64>,
    /// Policies with interpretation (`[1]`) and with interpretation beside articles (`[2]`).
    pub interpreted: [u64; 3],
}

impl Tallies {
    fn add(&mut self, other: Tallies) {
        self.total += other.total;
        for (k, n) in other.kinds {
            *self.kinds.entry(k).or_default() += n;
        }
        for (k, n) in other.departments {
            *self.departments.entry(k).or_default() += n;
        }
        for (k, n) in other.years {
            *self.years.entry(k).or_default() += n;
        }
        for (k, n) in other.consultations {
            *self.consultations.entry(k).or_default() += n;
        }
        for (mine, n) in self.interpreted.iter_mut().zip(other.interpreted) {
            *mine += n;
        }
    }
}

/// The collector. Needs no scores, so alone it runs over the matches without scoring them.
pub struct Tally;

/// Years counted: 1900 to 2155 (a date outside is not counted in the year facet).
const FIRST_YEAR: i32 = 1900;
const YEARS: usize = 256;

pub struct SegmentTally {
    kind: Option<StrColumn>,
    kinds: Vec<u64>,
    department: Option<StrColumn>,
    departments: Vec<u64>,
    day: Column<i64>,
    years: [u64; YEARS],
    consultation: Column<i64>,
    /// Counts of ids `first_id..first_id + DENSE`; ids beyond (rare) in `sparse`.
    first_id: i64,
    consultations: Vec<u64>,
    sparse: HashMap<i64, u64>,
    interpreted_column: Column<i64>,
    interpreted: [u64; 3],
    total: u64,
}

/// Consultation ids counted in an array per segment.
const DENSE: i64 = 1 << 16;

/// The civil year of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`): a few
/// integer operations, where a calendar type per document would cost more than the rest.
fn year_of(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
}

impl Collector for Tally {
    type Fruit = Tallies;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let ff = reader.fast_fields();
        let kind = ff.str("kind")?;
        let department = ff.str("department")?;
        let consultation = ff.i64("consultation")?;
        // Ids are few and close together: an array over this segment's range, bounded.
        let first_id = consultation.min_value();
        let span = (consultation.max_value() - first_id + 1).clamp(0, DENSE);
        Ok(SegmentTally {
            kinds: vec![0; kind.as_ref().map_or(0, |c| c.num_terms())],
            kind,
            departments: vec![0; department.as_ref().map_or(0, |c| c.num_terms())],
            department,
            day: ff.i64("day")?,
            years: [0; YEARS],
            consultations: vec![0; usize::try_from(span).unwrap_or(0)],
            first_id,
            sparse: HashMap::new(),
            consultation,
            interpreted_column: ff.i64("interpreted")?,
            interpreted: [0; 3],
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallies>) -> tantivy::Result<Tallies> {
        let mut all = Tallies::default();
        for f in fruits {
            all.add(f);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallies;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.total += 1;
        if let Some(ord) = self.kind.as_ref().and_then(|c| c.ords().first(doc)) {
            self.kinds[ord as usize] += 1;
        }
        if let Some(ord) = self.department.as_ref().and_then(|c| c.ords().first(doc)) {
            self.departments[ord as usize] += 1;
        }
        // Day 0 is "no date".
        if let Some(day) = self.day.first(doc).filter(|d| *d != 0) {
            let at = year_of(day) - i64::from(FIRST_YEAR);
            if let Ok(at @ 0..YEARS) = usize::try_from(at) {
                self.years[at] += 1;
            }
        }
        if let Some(id) = self.consultation.first(doc) {
            match usize::try_from(id - self.first_id)
                .ok()
                .and_then(|at| self.consultations.get_mut(at))
            {
                Some(n) => *n += 1,
                None => *self.sparse.entry(id).or_default() += 1,
            }
        }
        for level in self.interpreted_column.values_for_doc(doc) {
            if let Some(n) = usize::try_from(level)
                .ok()
                .and_then(|at| self.interpreted.get_mut(at))
            {
                *n += 1;
            }
        }
    }

    fn harvest(self) -> Tallies {
        let names = |column: &Option<StrColumn>, counts: Vec<u64>| {
            let mut out = HashMap::new();
            let Some(column) = column else {
                return out;
            };
            for (ord, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                let mut name = String::new();
                if column.ord_to_str(ord as u64, &mut name).unwrap_or(false) {
                    out.insert(name, n);
                }
            }
            out
        };
        Tallies {
            total: self.total,
            kinds: names(&self.kind, self.kinds),
            departments: names(&self.department, self.departments),
            years: self
                .years
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(at, n)| (FIRST_YEAR + at as i32, *n))
                .collect(),
            consultations: self
                .consultations
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(at, n)| (self.first_id + at as i64, *n))
                .chain(self.sparse)
                .filter_map(|(id, n)| Some((i32::try_from(id).ok()?, n)))
                .collect(),
            interpreted: self.interpreted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::year_of;
    use chrono::{Datelike, NaiveDate};

    #[test]
    fn years_of_days_match_the_calendar() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        for y in [1900, 1969, 1970, 1999, 2000, 2024, 2026, 2100, 2155] {
            for (m, d) in [(1, 1), (2, 28), (2, 29), (3, 1), (12, 31)] {
                let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
                    continue;
                };
                let days = (date - epoch).num_days();
                assert_eq!(year_of(days), i64::from(date.year()), "{date}");
            }
        }
    }
}
