//! Kazakh typed in Latin letters finds Cyrillic Kazakh text.

use zan_engine::{Engine, IndexDocument, SearchRequest, ZanIndex};

fn engine() -> Engine {
    let index = ZanIndex::create_in_ram();
    let mut writer = index.writer(20_000_000).unwrap();
    for (id, title, text) in [
        (
            "kk/school.txt",
            "Мектеп туралы",
            "Қалада жаңа мектеп ашылды. Мектептегі оқушылар саны өсті.",
        ),
        (
            "kk/budget.txt",
            "Қалалық бюджет туралы шешім",
            "Қалалық бюджеттің кірістері мен шығыстары бекітілсін.",
        ),
        ("ru/park.txt", "О парке", "Благоустроить городской парк и аллеи."),
    ] {
        writer
            .upsert(&IndexDocument {
                id: id.into(),
                title: title.into(),
                paragraphs: IndexDocument::tag_paragraphs([text]),
                format: "txt".into(),
                ..Default::default()
            })
            .unwrap();
    }
    writer.commit().unwrap();
    let engine = Engine::new(index).unwrap();
    engine.reload().unwrap();
    engine
}

fn ids(engine: &Engine, query: &str) -> Vec<String> {
    engine.search(&SearchRequest::text(query)).unwrap().hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn test_latin_kazakh_finds_cyrillic_documents() {
    let engine = engine();
    assert_eq!(ids(&engine, "mektep").first().map(String::as_str), Some("kk/school.txt"));
    assert_eq!(ids(&engine, "qalalyq budjet").first().map(String::as_str), Some("kk/budget.txt"));
    // Informal spelling without the letters of the 2021 alphabet.
    assert_eq!(ids(&engine, "kalalyk budjet").first().map(String::as_str), Some("kk/budget.txt"));
}

#[test]
fn test_latin_query_does_not_match_unrelated_documents() {
    let engine = engine();
    let hits = ids(&engine, "mektep");
    assert!(!hits.contains(&"ru/park.txt".to_owned()), "{hits:?}");
    assert!(!hits.contains(&"kk/budget.txt".to_owned()), "{hits:?}");
}
