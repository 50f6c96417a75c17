pub struct DemoSet {
    pub departments: Vec<DemoDepartment>,
    pub users: Vec<DemoUser>,
    pub policies: Vec<DemoPolicy>,
}
pub struct DemoDepartment {
    pub code: &'static str,
    pub name_zh_hans: &'static str,
    pub name_zh_hant: &'static str,
    pub name_en: &'static str,
}
pub struct DemoUser {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub department: Option<&'static str>,
    pub password: &'static str,
}
pub enum DemoDate {
    Fixed { y: i32, m: u32, d: u32 },
    WorkingDaysBeforeToday(u32),
}
pub enum InterpretationTiming {
    WithPolicy,
    WorkingDaysAfterPolicy(u32),
}
pub struct DemoPolicy {
    pub title: &'static str,
    pub doc_number: &'static str,
    pub department: &'static str,
    pub category: &'static str,
    pub signed_on: DemoDate,
    pub published_on: DemoDate,
    pub effective_on: Option<DemoDate>,
    pub body: &'static str,
    pub status: &'static str,
    pub interpretations: Vec<DemoInterpretation>,
}
pub struct DemoInterpretation {
    pub kind: &'static str,
    pub title: &'static str,
    pub body: &'static str,
    pub qa: Vec<(&'static str, &'static str)>,
    pub media_url: Option<&'static str>,
    pub timing: InterpretationTiming,
}
pub fn demo() -> DemoSet {
    DemoSet {
        departments: vec![],
        users: vec![],
        policies: vec![],
    }
}
