//! Kyrgyz place names written as hyphenated compounds (issue 13): an act that says
//! "Ысык-Көлдө" ("at Issyk-Kul") is found by the name in its dictionary form, with the
//! word "облусу" ("region") after it, and ranks above acts that hold the parts apart.

use zan_engine::SearchRequest;
use zan_indexer::{index_corpus, IndexerConfig, NoProgress};
use zan_tests::engine;

/// Three small Kyrgyz acts written for this test: the one that names Issyk-Kul, one
/// with "ысык" ("hot") and "көл" ("lake") in other senses, and one about another region.
const ACTS: [(&str, &str); 3] = [
    (
        "ky-issyk-kul.txt",
        "ОБЛУСТУК КЕҢЕШТИН ТОКТОМУ\n\n№ 7-3\n\nЖээк тилкесин тазалоо жөнүндө\n\n\
         2024-жылы Ысык-Көлдө жээк тилкесин тазалоо боюнча иштер жүргүзүлсүн. \
         Эс алуу жайларынын ээлери таштандыларды өз убагында чыгарууга милдеттүү.",
    ),
    (
        "ky-hot-water.txt",
        "ШААРДЫК МЭРИЯНЫН БУЙРУГУ\n\n№ 15\n\nЫсык суу жөнүндө\n\n\
         Көл жээгиндеги көчөлөрдөгү үйлөргө ысык суу 15-майда берилсин. \
         Облустун жылуулук тармагы оңдолуп бүткөндөн кийин ысык суу үзгүлтүксүз болот.",
    ),
    (
        "ky-naryn.txt",
        "ОБЛУСТУК КЕҢЕШТИН ТОКТОМУ\n\n№ 4\n\nЖайыттар жөнүндө\n\n\
         Нарын облусунда Соң-Көл жайлоосундагы жайыттарды пайдалануунун тартиби бекитилсин. \
         Малчылар жайыттарды жыл сайын алмаштырып турууга милдеттүү.",
    ),
];

#[test]
fn test_issyk_kul_is_found_by_its_name_in_any_form() {
    let temp = tempfile::tempdir().expect("temporary folder");
    let corpus = temp.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus folder");
    for (name, text) in ACTS {
        std::fs::write(corpus.join(name), text).expect("act written");
    }
    let index = temp.path().join("index");
    let report =
        index_corpus(&IndexerConfig::new(&corpus, &index), &NoProgress).expect("acts index");
    assert_eq!(report.indexed, 3, "{report}");
    let engine = engine(&index);
    let ids = |query: &str| -> Vec<String> {
        let request = SearchRequest::text(query);
        engine.search(&request).expect("search runs").hits.into_iter().map(|hit| hit.id).collect()
    };
    for query in ["Ысык-Көл", "Ысык-Көл облусу", "ысык-көлдөгү", "Ысык-Көлдө жээк"]
    {
        let found = ids(query);
        assert_eq!(
            found.first().map(String::as_str),
            Some("ky-issyk-kul.txt"),
            "{query}: {found:?}"
        );
    }
    // The parts are words of their own: "ысык" alone finds both acts that have it.
    let hot = ids("ысык");
    assert!(
        hot.contains(&"ky-issyk-kul.txt".to_owned())
            && hot.contains(&"ky-hot-water.txt".to_owned())
    );
    // A number with a case ending is found by the number and by the word.
    assert_eq!(ids("2024-жыл").first().map(String::as_str), Some("ky-issyk-kul.txt"));
    assert!(ids("15-май").contains(&"ky-hot-water.txt".to_owned()));
}
