//! Acts as acts (issue 11): references resolved exactly, ambiguity reported, statuses on a
//! given day, and everything redone when an act is added or deleted.

use zan_analysis::Language;
use zan_engine::{
    ActReference, ActStatus, Date, Engine, IndexDocument, RelationKind, SearchRequest, ZanIndex,
};

fn date(iso: &str) -> Date {
    Date::parse_iso(iso).expect("a test date")
}

fn act(id: &str, kind: &str, number: &str, on: &str, lang: Language) -> IndexDocument {
    IndexDocument {
        id: id.to_owned(),
        title: format!("Акт {number}"),
        paragraphs: vec![(lang, format!("Текст акта {number} о благоустройстве"))],
        lang: Some(lang),
        kind: Some(kind.to_owned()),
        number: Some(number.to_owned()),
        date: Some(date(on)),
        format: "txt".to_owned(),
        ..IndexDocument::default()
    }
}

fn reference(relation: RelationKind, kind: Option<&str>, number: &str, on: &str) -> ActReference {
    ActReference {
        relation,
        kind: kind.map(str::to_owned),
        number: Some(number.to_owned()),
        date: Some(date(on)),
    }
}

fn engine_with(documents: &[IndexDocument]) -> (ZanIndex, Engine) {
    let index = ZanIndex::create_in_ram();
    let mut writer = index.writer(50_000_000).expect("writer");
    for document in documents {
        writer.upsert(document).expect("document is written");
    }
    writer.commit().expect("commit");
    let engine = Engine::new(index.clone()).expect("engine");
    engine.reload().expect("reload");
    (index, engine)
}

fn status_of(engine: &Engine, id: &str, today: &str) -> (ActStatus, Option<String>) {
    let document = engine.act_document(id, Some(date(today))).expect("document");
    (document.status, document.status_since)
}

#[test]
fn test_references_resolve_exactly_and_ambiguity_is_reported() {
    let base = act("base.txt", "decision", "15-3", "2023-12-14", Language::Ru);
    let same_number_other_date = act("other.txt", "decision", "15-3", "2023-12-15", Language::Ru);
    let resolution = act("resolution.txt", "resolution", "7", "2024-01-10", Language::Ru);
    let order = act("order.txt", "order", "7", "2024-01-10", Language::Ru);
    let mut citing = act("citing.txt", "decision", "17-2", "2024-03-12", Language::Ru);
    citing.references = vec![
        reference(RelationKind::Amends, Some("decision"), "№ 15-3", "2023-12-14"),
        // A law or a code has no kind: both acts numbered 7 of that day fit.
        reference(RelationKind::Cites, None, "7", "2024-01-10"),
        reference(RelationKind::Cites, Some("decision"), "99", "2020-01-01"),
    ];
    let (_, engine) = engine_with(&[base, same_number_other_date, resolution, order, citing]);
    let document = engine.act_document("citing.txt", Some(date("2025-01-01"))).expect("document");
    let relations: Vec<(&str, Option<&str>, bool, usize)> = document
        .relations
        .iter()
        .map(|r| (r.relation.as_str(), r.id.as_deref(), r.resolved, r.candidates.len()))
        .collect();
    assert_eq!(
        relations,
        [
            ("amends", Some("base.txt"), true, 0),
            ("cites", None, false, 2),
            ("cites", None, false, 0)
        ]
    );
    assert_eq!(document.relations[2].title, "решение № 99 от 01.01.2020");
    let base = engine.act_document("base.txt", Some(date("2025-01-01"))).expect("base");
    assert_eq!(base.status, ActStatus::Amended);
    assert_eq!(base.relations[0].relation, "amended_by");
    assert_eq!(base.relations[0].id.as_deref(), Some("citing.txt"));
    let other = engine.act_document("other.txt", Some(date("2025-01-01"))).expect("other");
    assert!(other.relations.is_empty(), "the date must agree: {:?}", other.relations);
}

#[test]
fn test_status_depends_on_the_day() {
    let mut fixed_term = act("term.txt", "order", "48", "2024-05-20", Language::Ky);
    fixed_term.in_force_until = Some(date("2024-12-31"));
    let mut future = act("future.txt", "decision", "30-2", "2025-09-18", Language::Ru);
    future.in_force_from = Some(date("2031-01-01"));
    let old = act("old.txt", "resolution", "45-п", "2020-03-03", Language::Ru);
    let mut repealing = act("new.txt", "resolution", "31-п", "2025-04-14", Language::Ky);
    repealing.references = vec![reference(RelationKind::Repeals, None, "45-п", "2020-03-03")];
    let (_, engine) = engine_with(&[fixed_term, future, old, repealing]);
    assert_eq!(status_of(&engine, "term.txt", "2024-06-01").0, ActStatus::InForce);
    assert_eq!(
        status_of(&engine, "term.txt", "2025-06-01"),
        (ActStatus::Expired, Some("2025-01-01".to_owned()))
    );
    assert_eq!(status_of(&engine, "future.txt", "2026-01-01").0, ActStatus::NotYetInForce);
    assert_eq!(status_of(&engine, "future.txt", "2031-01-01").0, ActStatus::InForce);
    // A repeal counts from the day the repealing act acts, not before.
    assert_eq!(status_of(&engine, "old.txt", "2025-01-01").0, ActStatus::InForce);
    assert_eq!(
        status_of(&engine, "old.txt", "2025-05-01"),
        (ActStatus::Repealed, Some("2025-04-14".to_owned()))
    );
    // The status filter and facet count acts on the day asked for.
    let request = |status: Option<ActStatus>| SearchRequest {
        text: "благоустройство".to_owned(),
        status,
        today: Some(date("2026-01-01")),
        limit: 10,
        ..SearchRequest::default()
    };
    let all = engine.search(&request(None)).expect("search");
    let facet: Vec<(String, u64)> =
        all.facets.status.iter().map(|count| (count.value.clone(), count.count)).collect();
    assert_eq!(
        facet,
        [
            ("expired".to_owned(), 1),
            ("in_force".to_owned(), 1),
            ("not_yet_in_force".to_owned(), 1),
            ("repealed".to_owned(), 1)
        ]
    );
    let repealed = engine.search(&request(Some(ActStatus::Repealed))).expect("search");
    assert_eq!(repealed.hits.iter().map(|hit| hit.id.as_str()).collect::<Vec<_>>(), ["old.txt"]);
    assert_eq!(repealed.hits[0].status, ActStatus::Repealed);
    assert_eq!(repealed.facets.status.len(), 4, "the status facet ignores its own filter");
}

#[test]
fn test_resolution_is_redone_when_acts_come_and_go() {
    let old = act("old.txt", "decision", "41-2", "2020-09-10", Language::Ru);
    let (index, engine) = engine_with(&[old]);
    assert_eq!(status_of(&engine, "old.txt", "2026-01-01").0, ActStatus::InForce);
    let mut repealing = act("kk.txt", "decision", "29-5", "2025-06-26", Language::Kk);
    repealing.references =
        vec![reference(RelationKind::Repeals, Some("decision"), "41-2", "2020-09-10")];
    let ru_version = act("ru.txt", "decision", "29-5", "2025-06-26", Language::Ru);
    let mut writer = index.writer(50_000_000).expect("writer");
    writer.upsert(&repealing).expect("written");
    writer.upsert(&ru_version).expect("written");
    writer.commit().expect("commit");
    engine.reload().expect("reload");
    let old = engine.act_document("old.txt", Some(date("2026-01-01"))).expect("old");
    assert_eq!(old.status, ActStatus::Repealed);
    // The link goes to the repealing act in the language of the document that is read.
    assert_eq!(old.relations[0].id.as_deref(), Some("ru.txt"));
    let kk = engine.act_document("kk.txt", Some(date("2026-01-01"))).expect("kk");
    assert_eq!(kk.language_versions.len(), 1);
    assert_eq!(kk.language_versions[0].id, "ru.txt");
    writer.delete("kk.txt");
    writer.commit().expect("commit");
    engine.reload().expect("reload");
    assert_eq!(status_of(&engine, "old.txt", "2026-01-01").0, ActStatus::InForce);
}

#[test]
fn test_editions_are_listed_by_date() {
    let original = act("rules.txt", "decision", "22-4", "2024-02-15", Language::Ru);
    let mut consolidated = act("rules-2.txt", "decision", "22-4", "2024-02-15", Language::Ru);
    consolidated.edition = Some(date("2024-10-10"));
    let (_, engine) = engine_with(&[original, consolidated]);
    let document = engine.act_document("rules.txt", None).expect("document");
    let editions: Vec<(&str, &str, bool)> =
        document.editions.iter().map(|e| (e.id.as_str(), e.date.as_str(), e.current)).collect();
    assert_eq!(editions, [("rules.txt", "2024-02-15", false), ("rules-2.txt", "2024-10-10", true)]);
}
