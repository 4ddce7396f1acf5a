//! Small in-memory indexes shared by the unit tests.

use crate::{Date, Engine, IndexDocument, ZanIndex};

/// A decision with a title, one paragraph, an issuer and a number, dated 2023-05-01.
pub(crate) fn act(id: &str, title: &str, text: &str, issuer: &str, number: &str) -> IndexDocument {
    IndexDocument {
        id: id.to_owned(),
        title: title.to_owned(),
        paragraphs: IndexDocument::tag_paragraphs([text]),
        kind: Some("decision".to_owned()),
        number: Some(number.to_owned()),
        date: Date::parse_iso("2023-05-01"),
        issuer: Some(issuer.to_owned()),
        format: "txt".to_owned(),
        ..Default::default()
    }
}

/// Writes documents to an index in memory, one commit, and opens an engine over it.
pub(crate) fn engine_of(documents: &[IndexDocument]) -> (ZanIndex, Engine) {
    let index = ZanIndex::create_in_ram();
    let mut writer = index.writer(20_000_000).unwrap();
    for document in documents {
        writer.upsert(document).unwrap();
    }
    writer.commit().unwrap();
    let engine = Engine::new(index.clone()).unwrap();
    engine.reload().unwrap();
    (index, engine)
}

/// Ten acts of three issuers: six Russian budget decisions of the mayor's office, three
/// Kazakh decisions of the maslikhat, one of the city council with a typo in it.
pub(crate) fn city_acts() -> Vec<IndexDocument> {
    let mut acts = Vec::new();
    for n in 0..6 {
        acts.push(act(
            &format!("ru/budget-{n}.txt"),
            "О городском бюджете",
            "Утвердить бюджет города. Бюджет исполнять в срок.",
            "Мэрия города Жанатумар",
            &format!("№ 12-{n}"),
        ));
    }
    for n in 0..3 {
        acts.push(act(
            &format!("kk/maslikhat-{n}.txt"),
            "Қалалық мәслихаттың шешімі",
            "Қалалық мәслихат бюджет туралы шешім қабылдады.",
            "Жанатұмар қалалық мәслихаты",
            &format!("7-{n}"),
        ));
    }
    acts.push(act(
        "ru/budgetary.txt",
        "О бюджетной комиссии",
        "Бюджетная комиссия. Бюджт с опечаткой.",
        "Городской совет",
        "99/1",
    ));
    acts
}
