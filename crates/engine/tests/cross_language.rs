//! Search across the three languages through the legal glossary (issue 11, item 5): a
//! Russian query finds Kazakh and Kyrgyz acts on the same subject and the other way
//! round, never above the acts that the words as typed find, and `cross_lang: false`
//! turns it off.

use zan_analysis::Language;
use zan_engine::{Engine, IndexDocument, SearchRequest, ZanIndex, PROXIMITY_WINDOW};

fn act(id: &str, lang: Language, title: &str, body: &[&str]) -> IndexDocument {
    IndexDocument {
        id: id.to_owned(),
        title: title.to_owned(),
        paragraphs: body.iter().map(|text| (lang, (*text).to_owned())).collect(),
        lang: Some(lang),
        format: "txt".to_owned(),
        ..IndexDocument::default()
    }
}

/// Acts on land plots in each language, some weak matches, and acts on other subjects.
fn engine() -> Engine {
    let acts = [
        act(
            "ru/land-plots.txt",
            Language::Ru,
            "О предоставлении земельных участков",
            &["Предоставить гражданам земельные участки для индивидуального жилищного \
               строительства. Земельный участок предоставляется бесплатно."],
        ),
        act(
            "ru/land-auction.txt",
            Language::Ru,
            "О проведении аукциона",
            &["Провести аукцион на право аренды земельного участка по улице Вокзальной."],
        ),
        act(
            "ru/plot-weak.txt",
            Language::Ru,
            "О благоустройстве",
            &["Благоустройство дворов, озеленение скверов, ремонт тротуаров и освещение \
               улиц. Пришкольный участок огородить. Установить скамейки и урны во дворах \
               многоквартирных домов, покрасить ограждения, высадить деревья."],
        ),
        act(
            "ru/budget.txt",
            Language::Ru,
            "О городском бюджете",
            &["Утвердить бюджет города на 2024 год по доходам и расходам."],
        ),
        act(
            "kk/land-plots.txt",
            Language::Kk,
            "Жер учаскелерін беру туралы",
            &["Азаматтарға жеке тұрғын үй құрылысы үшін жер учаскелері берілсін. Жер \
               учаскесі тегін беріледі. Жер учаскесінің кадастрлық нөмірі көрсетілсін."],
        ),
        act(
            "kk/schools.txt",
            Language::Kk,
            "Мектептерді жөндеу туралы",
            &["Қала мектептерін күрделі жөндеу жұмыстары жүргізілсін."],
        ),
        act(
            "ky/land-plots.txt",
            Language::Ky,
            "Жер участокторун ижарага берүү жөнүндө",
            &["Жер участогун ижарага алуу укугун сатуу боюнча аукцион өткөрүлсүн. Ар бир \
               жер участогунун баштапкы баасы аныкталсын."],
        ),
        act(
            "ky/markets.txt",
            Language::Ky,
            "Базарлардын иштөө тартиби жөнүндө",
            &["Шаардык базарлардын иштөө убактысы белгиленсин."],
        ),
    ];
    engine_of(&acts)
}

/// An engine over `acts`.
fn engine_of(acts: &[IndexDocument]) -> Engine {
    let index = ZanIndex::create_in_ram();
    let mut writer = index.writer(20_000_000).expect("writer");
    for document in acts {
        writer.upsert(document).expect("document is written");
    }
    writer.commit().expect("commit");
    let engine = Engine::new(index).expect("engine");
    engine.reload().expect("reload");
    engine
}

/// The acts a query finds, without those that only similar spellings find (the typo
/// fallback runs when few acts are found, so with the glossary it may not run).
fn ids(engine: &Engine, text: &str, cross_lang: bool) -> Vec<String> {
    let request =
        SearchRequest { text: text.to_owned(), limit: 20, cross_lang, ..SearchRequest::default() };
    let results = engine.search(&request).expect("search runs");
    let found = results.exact_total.unwrap_or(results.hits.len());
    results.hits.into_iter().take(found).map(|hit| hit.id).collect()
}

/// The hits found with the glossary keep the order they have without it, and all of
/// them come before every hit that only the glossary finds.
fn assert_glossary_pushes_nothing_down(engine: &Engine, text: &str) -> Vec<String> {
    let without = ids(engine, text, false);
    let with = ids(engine, text, true);
    let kept: Vec<&String> = with.iter().filter(|id| without.contains(id)).collect();
    assert_eq!(kept, without.iter().collect::<Vec<_>>(), "{text:?}: order changed: {with:?}");
    assert_eq!(&with[..without.len()], without.as_slice(), "{text:?}: {with:?} vs {without:?}");
    with
}

#[test]
fn test_russian_query_finds_kazakh_and_kyrgyz_acts() {
    let engine = engine();
    let with = assert_glossary_pushes_nothing_down(&engine, "земельный участок");
    for expected in ["kk/land-plots.txt", "ky/land-plots.txt"] {
        assert!(with.iter().any(|id| id == expected), "{expected} not in {with:?}");
    }
    for russian in ["ru/land-plots.txt", "ru/land-auction.txt", "ru/plot-weak.txt"] {
        let russian_rank = with.iter().position(|id| id == russian);
        let kazakh_rank = with.iter().position(|id| id == "kk/land-plots.txt");
        assert!(russian_rank < kazakh_rank, "{russian} after the Kazakh act: {with:?}");
    }
    assert!(!with.iter().any(|id| id == "kk/schools.txt" || id == "ru/budget.txt"), "{with:?}");
    // An inflected query, and a phrase, find the same.
    for text in ["земельных участков", "\"земельного участка\""] {
        let found = ids(&engine, text, true);
        assert!(found.iter().any(|id| id == "kk/land-plots.txt"), "{text:?}: {found:?}");
    }
}

#[test]
fn test_kazakh_and_kyrgyz_queries_find_russian_acts() {
    let engine = engine();
    for text in ["жер учаскелерін беру", "жер участогу"] {
        let with = assert_glossary_pushes_nothing_down(&engine, text);
        assert!(with.iter().any(|id| id == "ru/land-plots.txt"), "{text:?}: {with:?}");
        assert!(with.iter().any(|id| id == "ru/land-auction.txt"), "{text:?}: {with:?}");
    }
    let with = assert_glossary_pushes_nothing_down(&engine, "мектептерди оңдоо");
    assert_eq!(with.first().map(String::as_str), Some("kk/schools.txt"), "{with:?}");
    let with = assert_glossary_pushes_nothing_down(&engine, "базар");
    assert_eq!(with.first().map(String::as_str), Some("ky/markets.txt"), "{with:?}");
}

#[test]
fn test_cross_lang_false_turns_it_off() {
    let engine = engine();
    let without = ids(&engine, "земельный участок", false);
    assert!(!without.iter().any(|id| id == "kk/land-plots.txt"), "{without:?}");
    let without = ids(&engine, "жер учаскелері", false);
    assert!(!without.iter().any(|id| id.starts_with("ru/")), "{without:?}");
}

#[test]
fn test_glossary_hit_marks_the_equivalent_in_its_snippet() {
    let engine = engine();
    let request = SearchRequest::text("земельный участок");
    let results = engine.search(&request).expect("search runs");
    let kazakh = results.hits.iter().find(|hit| hit.id == "kk/land-plots.txt").expect("found");
    assert!(kazakh.snippet.contains("<mark>"), "{}", kazakh.snippet);
}

/// With more acts found as typed than a page needs, the acts only the glossary finds
/// are counted apart from the ranking (a second collection without scores): the total
/// and the facets are the same as when the page reaches those acts and one collection
/// ranks them all.
#[test]
fn test_glossary_acts_counted_alike_on_every_page() {
    // More acts found as typed than the first page's collection keeps (at least the
    // proximity window), so the glossary acts are counted apart there.
    let typed = PROXIMITY_WINDOW + 12;
    let mut acts = Vec::new();
    for n in 0..typed {
        let kind = if n % 3 == 0 { "order" } else { "decision" };
        let mut act = act(
            &format!("ru/plot-{n:03}.txt"),
            Language::Ru,
            &format!("О земельном участке № {n}"),
            &["Земельный участок по улице Садовой предоставить в аренду."],
        );
        act.kind = Some(kind.to_owned());
        acts.push(act);
    }
    for n in 0..9 {
        let mut act = act(
            &format!("kk/plot-{n}.txt"),
            Language::Kk,
            "Жер учаскесін беру туралы",
            &["Жер учаскесі жалға берілсін."],
        );
        act.kind = Some("resolution".to_owned());
        acts.push(act);
    }
    let engine = engine_of(&acts);
    let page = |offset: usize| {
        let request = SearchRequest {
            text: "земельный участок".to_owned(),
            offset,
            limit: 10,
            cross_lang: true,
            ..SearchRequest::default()
        };
        engine.search(&request).expect("search runs")
    };
    let (first, last) = (page(0), page(typed + 3));
    assert_eq!(first.total, typed + 9);
    assert_eq!(last.total, first.total);
    assert!(first.hits.iter().all(|hit| hit.id.starts_with("ru/")), "{:?}", first.hits);
    let last_ids: Vec<&str> = last.hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(last_ids.len(), 6, "{last_ids:?}");
    assert!(last_ids.iter().all(|id| id.starts_with("kk/")), "{last_ids:?}");
    for facets in [&first.facets, &last.facets] {
        let lang: Vec<(&str, u64)> =
            facets.lang.iter().map(|count| (count.value.as_str(), count.count)).collect();
        assert_eq!(lang, [("ru", typed as u64), ("kk", 9)]);
        let kind: Vec<(&str, u64)> =
            facets.kind.iter().map(|count| (count.value.as_str(), count.count)).collect();
        let orders = typed.div_ceil(3) as u64;
        assert_eq!(
            kind,
            [("decision", typed as u64 - orders), ("order", orders), ("resolution", 9)]
        );
    }
}
