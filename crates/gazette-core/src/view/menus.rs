//! The menus of one language's pages: the items `site.yaml` lists (or the
//! theme's sections when it lists none) and the documents whose front matter
//! asks for a place, in order of weight.

use super::url_path;
use crate::config::{Config, MenuItem};
use crate::site::Site;
use serde::Serialize;

/// One link of a menu.
#[derive(Debug, Serialize)]
pub struct MenuLink {
    /// The text; `None` for a section item, which shows the theme's name for it.
    pub name: Option<String>,
    /// The section linked (`news` …), so the theme can name it and mark it current.
    pub section: Option<String>,
    pub url: String,
    /// An address outside the site.
    pub external: bool,
    /// The linked page's language, when it is not the reader's (an untranslated page).
    pub lang: Option<String>,
}

/// `site.menus` in templates.
#[derive(Debug, Serialize)]
pub struct MenusView {
    pub main: Vec<MenuLink>,
    pub footer: Vec<MenuLink>,
}

/// The header when `site.yaml` lists no main menu: the kinds' sections, each
/// channel after the news (by weight), then search.
fn default_main(config: &Config) -> Vec<String> {
    let mut out = Vec::new();
    for kind in crate::kinds::KINDS.iter().filter(|k| k.in_default_menu) {
        out.extend(kind.section.map(str::to_string));
        if kind.kind == crate::kinds::Kind::News {
            out.extend(config.channels.iter().map(|c| c.name.clone()));
        }
    }
    out.push("search".into());
    out
}

pub fn menus(config: &Config, lib: &Site, lang: &str) -> MenusView {
    let settings = &config.settings(lang).menus;
    let defaults: Vec<MenuItem>;
    let main_items = match &settings.main {
        Some(items) => items,
        None => {
            defaults = default_main(config)
                .into_iter()
                .map(|s| MenuItem {
                    name: None,
                    section: Some(s),
                    url: None,
                    weight: 0,
                    position: Default::default(),
                })
                .collect();
            &defaults
        }
    };
    MenusView {
        main: menu(config, lib, lang, "main", main_items),
        footer: menu(config, lib, lang, "footer", &settings.footer),
    }
}

fn menu(config: &Config, lib: &Site, lang: &str, name: &str, items: &[MenuItem]) -> Vec<MenuLink> {
    let prefix = config.lang_prefix(lang);
    let mut links: Vec<(i64, MenuLink)> = items
        .iter()
        .filter(|item| config.search || item.section.as_deref() != Some("search"))
        .filter_map(|item| Some((item.weight, link(config, lib, lang, &prefix, item)?)))
        .collect();
    for (i, doc) in lib.docs.enumerate() {
        if doc.common.menus.is_empty() || !lib.is_shown_in(i, lang) {
            continue;
        }
        for place in doc.common.menus.iter().filter(|p| p.menu == name) {
            links.push((
                place.weight,
                MenuLink {
                    name: Some(
                        place
                            .name
                            .clone()
                            .unwrap_or_else(|| doc.common.title.clone()),
                    ),
                    section: None,
                    url: url_path(config, &doc.url_path),
                    external: false,
                    lang: (doc.lang != lang).then(|| doc.lang.clone()),
                },
            ));
        }
    }
    // Stable: items of equal weight keep the order written, site.yaml's first.
    links.sort_by_key(|(weight, _)| *weight);
    links.into_iter().map(|(_, link)| link).collect()
}

fn link(
    config: &Config,
    lib: &Site,
    lang: &str,
    prefix: &str,
    item: &MenuItem,
) -> Option<MenuLink> {
    if let Some(section) = &item.section {
        return Some(MenuLink {
            name: item.name.clone(),
            section: Some(section.clone()),
            url: url_path(config, &format!("{prefix}{section}/")),
            external: false,
            lang: None,
        });
    }
    let url = item.url.as_deref()?;
    let (url, lang_of_target) = if let Some(target) = url.strip_prefix("@/") {
        let (path, anchor) = target
            .split_once('#')
            .map_or((target, None), |(p, a)| (p, Some(a)));
        let i = lib.document_in(path, lang)?;
        let doc = &lib.docs[i];
        let mut u = url_path(config, &doc.url_path);
        if let Some(a) = anchor {
            u = format!("{u}#{a}");
        }
        (u, (doc.lang != lang).then(|| doc.lang.clone()))
    } else if let Some(path) = url.strip_prefix('/') {
        (url_path(config, path), None)
    } else {
        (url.to_string(), None)
    };
    Some(MenuLink {
        name: item.name.clone(),
        section: None,
        external: item
            .url
            .as_deref()
            .is_some_and(|u| u.contains("://") || u.starts_with("mailto:")),
        url,
        lang: lang_of_target,
    })
}
