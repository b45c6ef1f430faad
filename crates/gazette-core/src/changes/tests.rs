use super::*;

fn article(n: usize, title: &str, text: &str) -> Article {
    Article {
        number: n,
        anchor: format!("article-{n}"),
        label: format!("Article {n}"),
        title: title.into(),
        text: text.into(),
    }
}

fn articles(items: &[(&str, &str)]) -> Vec<Article> {
    items
        .iter()
        .enumerate()
        .map(|(k, (t, x))| article(k + 1, t, x))
        .collect()
}

#[test]
fn long_articles_are_compared_by_paragraph() {
    // 200,000 words on each side, every word changed: word by word this
    // would be quadratic; by paragraph it is one replaced paragraph.
    let old: String = (0..200_000).map(|i| format!("w{i} ")).collect();
    let new: String = (0..200_000).map(|i| format!("v{i} ")).collect();
    let out = marked(&old, &new);
    assert!(out.starts_with("<del>w0 "), "{}", &out[..40]);
    assert!(out.contains("<ins>v0 "));
    // Short articles are still marked word by word.
    assert_eq!(marked("a b c", "a x c"), "a <del>b</del> <ins>x</ins> c");
}

#[test]
fn deleted_and_inserted_runs_are_kept_apart() {
    let out = marked(
        "The leading unit is chosen by rotation and meets twice a year.",
        "The leading unit rotates and meets every year.",
    );
    assert!(!out.contains("</del><ins>"), "{out}");
    assert!(!out.contains("</ins><del>"), "{out}");
    assert!(
        out.contains("<del>is chosen by rotation</del> <ins>rotates</ins>"),
        "{out}"
    );
    assert!(out.contains("<del>twice a</del> <ins>every</ins>"), "{out}");
    // Reading only the new text gives the new sentence.
    let without_del = out
        .split("<del>")
        .map(|p| p.split_once("</del>").map_or(p, |(_, rest)| rest))
        .collect::<String>()
        .replace("<ins>", "")
        .replace("</ins>", "");
    assert_eq!(
        without_del.split_whitespace().collect::<Vec<_>>().join(" "),
        "The leading unit rotates and meets every year."
    );
}

#[test]
fn chinese_is_compared_by_character() {
    assert_eq!(
        marked("每季度召开一次", "每半年召开一次"),
        "每<del>季度</del><ins>半年</ins>召开一次"
    );
}

#[test]
fn moved_article_is_matched_and_removed_keeps_its_old_number_and_place() {
    let old = articles(&[
        ("Purpose", "To unite."),
        ("Members", "Five members."),
        ("Meetings", "Quarterly."),
        ("Amendment", "By two thirds."),
        ("Trial period", "One year."),
        ("Final", "In force on adoption."),
    ]);
    let new = articles(&[
        ("Purpose", "To unite."),
        ("Members", "Six members."),
        ("Meetings", "Quarterly."),
        ("Decisions", "By consensus."),
        ("Final", "In force on adoption."),
        ("Amendment", "By two thirds."),
    ]);
    let changes = compare(&old, &[], &new, &[]);
    let row = |c: &ArticleChange| {
        (
            c.change,
            c.old_label.clone().unwrap_or_default(),
            c.new_label.clone().unwrap_or_default(),
            c.moved,
        )
    };
    let rows: Vec<_> = changes.iter().map(row).collect();
    let r = |k, o: &str, n: &str, m| (k, o.to_string(), n.to_string(), m);
    use ChangeKind::*;
    assert_eq!(
        rows,
        [
            r(Unchanged, "Article 1", "Article 1", false),
            r(Reworded, "Article 2", "Article 2", false),
            r(Unchanged, "Article 3", "Article 3", false),
            // Removed, under its old number, where it stood in the old order.
            r(Removed, "Article 5", "", false),
            r(Added, "", "Article 4", false),
            r(Unchanged, "Article 6", "Article 5", false),
            // Moved, not "unchanged at 6" nor removed and added.
            r(Unchanged, "Article 4", "Article 6", true),
        ]
    );
    assert!(changes[5].renumbered && !changes[0].renumbered);
    assert_eq!(changes[3].old_anchor.as_deref(), Some("article-5"));
    assert_eq!(
        changes[1].diff_html,
        "<p><del>Five</del> <ins>Six</ins> members.</p>"
    );
}

#[test]
fn a_retitled_article_is_matched_by_its_text() {
    let old = articles(&[
        ("Fees", "Members pay no fees to the consortium."),
        ("End", "x"),
    ]);
    let new = articles(&[
        ("Contributions", "Members pay no fees to the consortium."),
        ("End", "x"),
    ]);
    let changes = compare(&old, &[], &new, &[]);
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].change, ChangeKind::Reworded);
    assert_eq!(changes[0].old_title.as_deref(), Some("Fees"));
    // Different texts under different titles are not matched.
    let other = articles(&[("Contributions", "Something else entirely."), ("End", "x")]);
    let kinds: Vec<_> = compare(&old, &[], &other, &[])
        .iter()
        .map(|c| c.change)
        .collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::Removed,
            ChangeKind::Added,
            ChangeKind::Unchanged
        ]
    );
}

#[test]
fn fewer_and_more_articles() {
    let all = articles(&[("A", "1"), ("B", "2"), ("C", "3")]);
    let removed = compare(&all, &[], &all[..1], &[]);
    assert_eq!(
        removed
            .iter()
            .filter(|c| c.change == ChangeKind::Removed)
            .count(),
        2
    );
    let added = compare(&all[..1], &[], &all, &[]);
    assert_eq!(
        added
            .iter()
            .filter(|c| c.change == ChangeKind::Added)
            .count(),
        2
    );
}

#[test]
fn many_unmatched_articles_stay_fast() {
    // 1,000 different articles each side: a million pairs is over the limit,
    // so no similarity pass; the result is still every article removed and added.
    let old: Vec<Article> = (0..1000)
        .map(|k| article(k + 1, &format!("o{k}"), &format!("old text {k}")))
        .collect();
    let new: Vec<Article> = (0..1000)
        .map(|k| article(k + 1, &format!("n{k}"), &format!("new text {k}")))
        .collect();
    let changes = compare(&old, &[], &new, &[]);
    assert_eq!(changes.len(), 2000);
}
