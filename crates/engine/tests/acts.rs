//! One act is one unit: paging, totals, facets and the typo fallback count acts, and
//! every file is reachable through the hit of its act. Regression tests for issue 10,
//! items 2 ("Numbers disagree"), 3 ("Deep pages cannot be reached") and 4 ("An exact
//! match ranks below fuzzy ones").

use std::collections::{HashMap, HashSet};

use zan_analysis::Language;
use zan_engine::{Date, Engine, IndexDocument, SearchRequest, SearchResults, SortOrder, ZanIndex};

/// One file to index: its id, the act it belongs to (`None`: a file of its own) and text.
struct File {
    document: IndexDocument,
    act: Option<usize>,
}

fn file(id: String, text: &str, act: Option<usize>) -> File {
    let document = IndexDocument {
        title: format!("Документ {id}"),
        paragraphs: vec![(Language::Ru, text.to_owned())],
        lang: Some(Language::Ru),
        format: "txt".to_owned(),
        id,
        ..IndexDocument::default()
    };
    File { document, act }
}

/// Indexes files in batches, one commit (one segment at least) per batch.
fn engine_of(batches: &[Vec<&File>]) -> Engine {
    let index = ZanIndex::create_in_ram();
    let mut writer = index.writer(50_000_000).expect("writer");
    for batch in batches {
        for file in batch {
            writer.upsert(&file.document).expect("document is written");
        }
        writer.commit().expect("commit");
    }
    let engine = Engine::new(index).expect("engine");
    engine.reload().expect("reload");
    engine
}

/// 3,150 files that all contain "благоустройство": 900 acts kept in two or three files
/// (same kind, number, date and language) and 900 files of their own. The files of one
/// act go to different commits, so they sit in different segments.
fn paging_corpus() -> Vec<File> {
    let mut files = Vec::new();
    for act in 0..900_usize {
        let copies = 2 + act % 2;
        for copy in 0..copies {
            // Few distinct texts, so many scores tie and the tie order is tested too.
            let repeats = 1 + (act + copy) % 4;
            let text = format!("{} парка и сквера", "благоустройство ".repeat(repeats));
            let mut one = file(format!("acts/{act:04}-{copy}.txt"), &text, Some(act));
            one.document.kind = Some("decision".to_owned());
            one.document.number = Some(format!("{act}-р"));
            one.document.date =
                Date::parse_iso(&format!("20{:02}-03-{:02}", act % 20, 1 + act % 28));
            files.push(one);
        }
    }
    for single in 0..900_usize {
        let text = format!("Заметка {single}: {}", "благоустройство двора ".repeat(1 + single % 3));
        let mut one = file(format!("clippings/{single:04}.txt"), &text, None);
        one.document.kind = Some("clipping".to_owned());
        files.push(one);
    }
    files
}

/// Splits files into three commits: the first, second and third file of each act.
fn in_three_commits(files: &[File]) -> Vec<Vec<&File>> {
    let mut batches = vec![Vec::new(), Vec::new(), Vec::new()];
    let mut seen_of_act: HashMap<usize, usize> = HashMap::new();
    for (position, one) in files.iter().enumerate() {
        let batch = match one.act {
            Some(act) => {
                let seen = seen_of_act.entry(act).or_default();
                *seen += 1;
                *seen - 1
            }
            None => position % 3,
        };
        batches[batch].push(one);
    }
    batches
}

/// Walks every page and returns the hits in order, checking that the total never changes.
fn walk(engine: &Engine, request: &SearchRequest) -> (usize, Vec<zan_engine::Hit>) {
    let first = engine.search(request).expect("search runs");
    let total = first.total;
    let mut hits = Vec::new();
    let mut offset = 0;
    while offset < total {
        let page = SearchRequest { offset, ..request.clone() };
        let results = engine.search(&page).expect("search runs");
        assert_eq!(results.total, total, "total changed at offset {offset}");
        let expected = request.limit.min(total - offset);
        assert_eq!(results.hits.len(), expected, "short page at offset {offset}");
        hits.extend(results.hits);
        offset += request.limit;
    }
    let past_the_end = engine.search(&SearchRequest { offset, ..request.clone() }).unwrap();
    assert!(past_the_end.hits.is_empty());
    assert_eq!(past_the_end.total, total, "total past the end");
    (total, hits)
}

#[test]
fn test_issue_10_every_act_is_reached_once_by_paging() {
    let files = paging_corpus();
    assert!(files.len() >= 3000);
    let engine = engine_of(&in_three_commits(&files));
    let act_of: HashMap<&str, Option<usize>> =
        files.iter().map(|one| (one.document.id.as_str(), one.act)).collect();
    let acts = files.iter().filter_map(|one| one.act).collect::<HashSet<_>>().len();
    let singles = files.iter().filter(|one| one.act.is_none()).count();
    let sorts = [
        (SortOrder::Relevance, 7),
        (SortOrder::Relevance, 10),
        (SortOrder::Relevance, 100),
        (SortOrder::DateDesc, 10),
        (SortOrder::DateAsc, 100),
    ];
    for (sort, limit) in sorts {
        let request = SearchRequest {
            text: "благоустройство".to_owned(),
            sort,
            limit,
            snippet_chars: 0,
            ..SearchRequest::default()
        };
        let (total, hits) = walk(&engine, &request);
        assert_eq!(total, acts + singles, "{sort:?} {limit}: total counts acts");
        let mut reached_files = HashSet::new();
        let mut reached_acts = HashSet::new();
        for hit in &hits {
            let act = act_of[hit.id.as_str()];
            if let Some(act) = act {
                assert!(reached_acts.insert(act), "{sort:?} {limit}: act {act} twice");
            }
            for id in std::iter::once(&hit.id).chain(hit.versions.iter().map(|v| &v.id)) {
                assert_eq!(act_of[id.as_str()], act, "{id} is not a file of {}", hit.id);
                assert!(reached_files.insert(id.clone()), "{sort:?} {limit}: {id} twice");
            }
        }
        assert_eq!(reached_files.len(), files.len(), "{sort:?} {limit}: every file reached");
        if sort == SortOrder::Relevance {
            let scores: Vec<f32> = hits.iter().map(|hit| hit.score).collect();
            assert!(scores.windows(2).all(|pair| pair[0] >= pair[1]), "{sort:?}: scores rise");
        } else {
            let dates: Vec<&str> = hits.iter().filter_map(|hit| hit.date.as_deref()).collect();
            let ordered = |pair: &[&str]| match sort {
                SortOrder::DateAsc => pair[0] <= pair[1],
                _ => pair[0] >= pair[1],
            };
            assert!(dates.windows(2).all(ordered), "{sort:?}: dates out of order");
            let undated = hits.iter().position(|hit| hit.date.is_none()).unwrap_or(hits.len());
            assert!(hits[undated..].iter().all(|hit| hit.date.is_none()), "undated come last");
        }
    }
}

/// Acts of three kinds in two languages, dated over four years, by two issuers; each act
/// of kind decision or order is kept in two files.
fn facet_corpus() -> Vec<File> {
    let mut files = Vec::new();
    let kinds = ["decision", "order", "decree", "clipping"];
    for act in 0..60_usize {
        let kind = kinds[act % 4];
        let copies = if kind == "decision" || kind == "order" { 2 } else { 1 };
        let (language, text) = if act % 5 == 0 {
            (Language::Kk, "Қала бюджеті туралы бюджет шешімі")
        } else {
            (Language::Ru, "Об исполнении городского бюджета")
        };
        for copy in 0..copies {
            let mut one = file(format!("acts/{act:02}-{copy}.txt"), text, Some(act));
            one.document.kind = Some(kind.to_owned());
            one.document.lang = Some(language);
            one.document.paragraphs = vec![(language, text.to_owned())];
            if kind != "clipping" {
                one.document.number = Some(format!("{act}"));
                one.document.date = Date::parse_iso(&format!("{}-05-10", 2020 + (act / 4) % 4));
            }
            one.document.issuer = Some(
                if act % 3 == 0 {
                    "Городской маслихат"
                } else {
                    "Акимат города"
                }
                .to_owned(),
            );
            files.push(one);
        }
    }
    files
}

fn count_of(counts: &[zan_engine::FacetCount], value: &str) -> u64 {
    counts.iter().find(|count| count.value == value).map_or(0, |count| count.count)
}

fn sum(counts: &[zan_engine::FacetCount]) -> u64 {
    counts.iter().map(|count| count.count).sum()
}

fn search(engine: &Engine, request: &SearchRequest) -> SearchResults {
    engine.search(request).expect("search runs")
}

#[test]
fn test_issue_10_total_and_facets_count_the_same_acts() {
    let files = facet_corpus();
    let engine = engine_of(&in_three_commits(&files));
    let base = SearchRequest {
        text: "бюджет".to_owned(),
        from: Date::parse_iso("2021-01-01"),
        to: Date::parse_iso("2022-12-31"),
        ..SearchRequest::default()
    };
    // The total does not depend on the page.
    let totals: HashSet<usize> = [1, 3, 10, 100]
        .into_iter()
        .flat_map(|limit| [0, 2, 50].map(|offset| (limit, offset)))
        .map(|(limit, offset)| {
            search(&engine, &SearchRequest { limit, offset, ..base.clone() }).total
        })
        .collect();
    assert_eq!(totals.len(), 1, "total depends on limit or offset: {totals:?}");

    // Without a filter of their own, kind and language add up to the total.
    let all = search(&engine, &base);
    assert_eq!(sum(&all.facets.kind), all.total as u64, "{:?}", all.facets.kind);
    assert_eq!(sum(&all.facets.lang), all.total as u64, "{:?}", all.facets.lang);

    // With a kind chosen, its count is the total and the other kinds stay, each with the
    // total that choosing it gives.
    let decisions =
        search(&engine, &SearchRequest { kind: Some("decision".to_owned()), ..base.clone() });
    assert!(decisions.total > 0);
    assert_eq!(count_of(&decisions.facets.kind, "decision"), decisions.total as u64);
    assert_eq!(decisions.facets.kind, all.facets.kind, "siblings of the chosen kind");
    for sibling in &decisions.facets.kind {
        let chosen = SearchRequest { kind: Some(sibling.value.clone()), ..base.clone() };
        assert_eq!(search(&engine, &chosen).total as u64, sibling.count, "{}", sibling.value);
    }
    assert_eq!(sum(&decisions.facets.lang), decisions.total as u64);

    // The same for a language, and for an issuer chosen with a kind.
    let kazakh = search(&engine, &SearchRequest { lang: Some(Language::Kk), ..base.clone() });
    assert!(kazakh.total > 0);
    assert_eq!(count_of(&kazakh.facets.lang, "kk"), kazakh.total as u64);
    assert_eq!(sum(&kazakh.facets.kind), kazakh.total as u64);
    let both = SearchRequest {
        kind: Some("order".to_owned()),
        issuer: Some("Акимат города".to_owned()),
        ..base.clone()
    };
    let chosen = search(&engine, &both);
    assert!(chosen.total > 0);
    assert_eq!(count_of(&chosen.facets.kind, "order"), chosen.total as u64);
    assert_eq!(count_of(&chosen.facets.issuer, "Акимат города"), chosen.total as u64);
    assert!(chosen.facets.issuer.len() > 1, "the other issuer stays: {:?}", chosen.facets);
}

/// A long act with the query word once, kept in two files (the second only with a
/// misspelling), and short notes that hold only misspellings of it, many times.
fn fallback_corpus() -> Vec<File> {
    let filler = "Городской совет рассмотрел вопросы работы транспорта и связи. ".repeat(60);
    let mut files = Vec::new();
    for (copy, word) in ["отопительного", "отапительного"].into_iter().enumerate()
    {
        let text = format!("{filler} Начало {word} сезона. {filler}");
        let mut one = file(format!("acts/heating-{copy}.txt"), &text, Some(0));
        one.document.kind = Some("decision".to_owned());
        one.document.number = Some("7-р".to_owned());
        one.document.date = Date::parse_iso("2023-10-01");
        files.push(one);
    }
    for note in 0..20_usize {
        let text = format!("Отапительного сезона {note}. Отапительного отапительного.");
        files.push(file(format!("notes/{note:02}.txt"), &text, None));
    }
    files
}

#[test]
fn test_issue_10_exact_match_ranks_above_similar_spellings() {
    let files = fallback_corpus();
    let engine = engine_of(&in_three_commits(&files));
    let request =
        SearchRequest {
            text: "отопительного".to_owned(), limit: 1, ..SearchRequest::default()
        };
    let (total, hits) = walk(&engine, &request);
    assert_eq!(total, 21, "the act and the 20 notes: {hits:?}");
    assert_eq!(hits[0].id, "acts/heating-0.txt", "the exact match comes first");
    assert_eq!(hits[0].versions.len(), 1, "the misspelt file of the act is its version");
    assert!(hits[1..].iter().all(|hit| hit.id.starts_with("notes/")));
    let scores: Vec<f32> = hits.iter().map(|hit| hit.score).collect();
    assert!(scores.windows(2).all(|pair| pair[0] >= pair[1]), "scores rise: {scores:?}");

    let results = search(&engine, &request);
    let json = serde_json::to_value(&results).expect("serialises");
    assert_eq!(json["fallback"], "typo", "{json}");
    assert_eq!(json["exact_total"], 1, "{json}");
    assert!(results.notice.is_some());
    assert_eq!(sum(&results.facets.kind), total as u64, "facets count both tiers");

    // Enough exact matches: no fallback.
    let plenty = search(&engine, &SearchRequest::text("сезона"));
    let json = serde_json::to_value(&plenty).expect("serialises");
    assert!(json.get("fallback").is_none(), "{json}");
}
