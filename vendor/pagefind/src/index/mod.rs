use hashbrown::HashMap;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use crate::{
    fossick::{FossickedData, FossickedWord, MetaFossickedWord},
    index::index_metadata::MetaFilter,
    utils::full_hash,
    SearchOptions,
};
use anyhow::{bail, Result};
use index_filter::{FilterIndex, PackedValue};
use index_metadata::{MetaChunk, MetaIndex, MetaPage};
use index_words::{PackedPage, PackedVariant, PackedWord, WordIndex};

use self::index_metadata::MetaSort;

mod index_filter;
mod index_metadata;
mod index_words;
mod packing;

use packing::*;

pub struct PagefindIndexes {
    pub word_indexes: HashMap<String, Vec<u8>>,
    pub filter_indexes: HashMap<String, Vec<u8>>,
    pub meta_index: (String, Vec<u8>),
    pub fragments: Vec<(String, String)>,
    pub sorts: Vec<String>,
    pub language: String,
    pub word_count: usize,
    pub page_count: usize,
}

#[derive(Clone)]
struct IntermediaryPageData {
    full_hash: String,
    encoded_data: String,
    word_count: usize,
    page_number: usize,
}

#[derive(Debug)]
enum SortType {
    String,
    Number,
}

/// Results from processing a single page in parallel.
/// Contains the word map, filter entries, and encoded page data for one page.
/// Pages processed in parallel before their word maps are merged.
const PAGE_BATCH: usize = 256;

struct PageProcessingResult {
    word_map: HashMap<String, PackedWord>,
    filter_entries: Vec<(String, String, usize)>, // (filter, value, page_number)
    encoded_page: IntermediaryPageData,
}

pub async fn build_indexes(
    pages: Vec<&FossickedData>,
    language: String,
    options: &SearchOptions,
) -> Result<PagefindIndexes> {
    let mut meta = MetaIndex {
        version: options.version.into(),
        pages: Vec::new(),
        index_chunks: Vec::new(),
        filters: Vec::new(),
        sorts: Vec::new(),
        meta_fields: Vec::new(),
    };

    /*
        - Collect all sort keys
        - Sort `pages` by one of them and set `default_sort`
        - Do the main enumerate loop as an iter_mut and set page numbers
        - Later on, for each other sort key:
            - Sort the `pages` array and output the page numbers to `alternate_sorts`
    */

    let mut word_map: HashMap<String, PackedWord> = HashMap::new();
    let mut filter_map: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::new();
    let mut fragment_hashes: HashMap<String, IntermediaryPageData> = HashMap::new();
    let mut fragments: Vec<(usize, (String, IntermediaryPageData))> = Vec::new();

    // A page's number is its place in `pages`: the pages are borrowed, not
    // copied, so their fragments keep the numbers they were read with.

    // Get all possible sort keys
    let mut sorts: Vec<_> = pages
        .iter()
        .flat_map(|page| page.sort.keys().cloned())
        .collect();
    sorts.sort_unstable();
    sorts.dedup();

    // Determine the best sorting parser that fits all available values for each given key
    let mut sort_types: BTreeMap<String, SortType> = BTreeMap::new();
    for sort in sorts.iter() {
        let mut sort_values = pages.iter().flat_map(|page| page.sort.get(sort));
        sort_types.insert(
            sort.clone(),
            if sort_values.all(|v| parse_int_sort(v).is_some() || parse_float_sort(v).is_some()) {
                SortType::Number
            } else {
                SortType::String
            },
        );
    }

    for (sort_key, sort_type) in sort_types {
        let mut page_values: Vec<_> = pages
            .iter()
            .enumerate()
            .flat_map(|(page_number, page)| page.sort.get(&sort_key).map(|v| (v, page_number)))
            .collect();
        options.logger.v_info(format!(
            "Prebuilding sort order for {sort_key}, processed as type: {sort_type:#?}"
        ));
        match sort_type {
            SortType::String => page_values.sort_by_key(|p| p.0),
            SortType::Number => page_values.sort_by(|p1, p2| {
                let p1 = parse_int_sort(p1.0)
                    .map(|i| i as f32)
                    .unwrap_or_else(|| parse_float_sort(p1.0).unwrap_or_default());
                let p2 = parse_int_sort(p2.0)
                    .map(|i| i as f32)
                    .unwrap_or_else(|| parse_float_sort(p2.0).unwrap_or_default());

                p1.total_cmp(&p2)
            }),
        }
        meta.sorts.push(MetaSort {
            sort: sort_key,
            pages: page_values.into_iter().map(|p| p.1).collect(),
        });
    }

    let mut meta_fields_set: BTreeSet<String> = BTreeSet::new();
    for page in pages.iter() {
        meta_fields_set.extend(page.fragment.data.meta.keys().cloned());
    }
    meta.meta_fields = meta_fields_set.into_iter().collect();

    // Clone meta_fields for use in parallel processing
    let meta_fields_ref = meta.meta_fields.clone();
    let language_ref = language.clone();

    // Process pages in parallel - each page builds its own word map. Pages go
    // in batches, each merged before the next is processed, so that the
    // pages' own maps are never all held at once.
    for (batch_number, batch) in pages.chunks(PAGE_BATCH).enumerate() {
        let first_page_number = batch_number * PAGE_BATCH;
        let page_results: Vec<PageProcessingResult> = batch
            .into_par_iter()
            .enumerate()
            .map(|(batch_index, page)| {
                let page_number = first_page_number + batch_index;
                let mut local_word_map: HashMap<String, PackedWord> = HashMap::new();

                // Meta field IDs were assigned per-page,
                // but need to be remapped to the global meta_fields order.
                let page_field_order: Vec<&String> = page.fragment.data.meta.keys().collect();
                let field_id_map: Vec<u16> = page_field_order
                    .iter()
                    .map(|name| meta_fields_ref.iter().position(|f| f == *name).unwrap() as u16)
                    .collect();

                for (word, positions) in &page.word_data {
                    // Group positions by original_word for this page
                    let mut normalized_positions: Vec<FossickedWord> = Vec::new();
                    let mut variant_positions: BTreeMap<String, Vec<FossickedWord>> = BTreeMap::new();

                    for fossicked in positions.iter().cloned() {
                        if fossicked.original_word.is_none() {
                            // No diacritics - original matches normalized form
                            normalized_positions.push(fossicked);
                        } else {
                            // Original form differs (has diacritics) - stored instead in additional_variants
                            variant_positions
                                .entry(fossicked.original_word.clone().unwrap())
                                .or_default()
                                .push(fossicked);
                        }
                    }

                    let packed_word =
                        local_word_map
                            .entry(word.clone())
                            .or_insert_with(|| PackedWord {
                                word: word.clone(),
                                pages: Vec::new(),
                                additional_variants: Vec::new(),
                            });

                    if !normalized_positions.is_empty() {
                        packed_word.pages.push(positions_to_packed_page(
                            normalized_positions,
                            page_number,
                        ));
                    }

                    for (variant_form, variant_pos) in variant_positions {
                        let variant_page =
                            positions_to_packed_page(variant_pos, page_number);

                        if let Some(existing_variant) = packed_word
                            .additional_variants
                            .iter_mut()
                            .find(|v| v.form == variant_form)
                        {
                            existing_variant.pages.push(variant_page);
                        } else {
                            packed_word.additional_variants.push(PackedVariant {
                                form: variant_form,
                                pages: vec![variant_page],
                            });
                        }
                    }
                }

                for (word, meta_positions) in &page.meta_word_data {
                    let mut normalized_meta_positions: Vec<MetaFossickedWord> = Vec::new();
                    let mut variant_meta_positions: BTreeMap<String, Vec<MetaFossickedWord>> =
                        BTreeMap::new();

                    for mut meta_fossicked in meta_positions.iter().cloned() {
                        meta_fossicked.field_id = field_id_map[meta_fossicked.field_id as usize];
                        if let Some(original) = meta_fossicked.original_word.clone() {
                            variant_meta_positions
                                .entry(original)
                                .or_default()
                                .push(meta_fossicked);
                        } else {
                            normalized_meta_positions.push(meta_fossicked);
                        }
                    }

                    let packed_word =
                        local_word_map
                            .entry(word.clone())
                            .or_insert_with(|| PackedWord {
                                word: word.clone(),
                                pages: Vec::new(),
                                additional_variants: Vec::new(),
                            });

                    if !normalized_meta_positions.is_empty() {
                        let meta_locs = meta_positions_to_packed(normalized_meta_positions);

                        if let Some(existing_page) = packed_word
                            .pages
                            .iter_mut()
                            .find(|p| p.page_number == page_number)
                        {
                            existing_page.meta_locs = meta_locs;
                        } else {
                            packed_word.pages.push(PackedPage {
                                page_number: page_number,
                                locs: vec![],
                                meta_locs,
                            });
                        }
                    }

                    // Handle diacritic variants in meta
                    for (variant_form, variant_pos) in variant_meta_positions {
                        let meta_locs = meta_positions_to_packed(variant_pos);

                        if let Some(existing_variant) = packed_word
                            .additional_variants
                            .iter_mut()
                            .find(|v| v.form == variant_form)
                        {
                            if let Some(existing_page) = existing_variant
                                .pages
                                .iter_mut()
                                .find(|p| p.page_number == page_number)
                            {
                                existing_page.meta_locs = meta_locs;
                            } else {
                                existing_variant.pages.push(PackedPage {
                                    page_number: page_number,
                                    locs: vec![],
                                    meta_locs,
                                });
                            }
                        } else {
                            packed_word.additional_variants.push(PackedVariant {
                                form: variant_form,
                                pages: vec![PackedPage {
                                    page_number: page_number,
                                    locs: vec![],
                                    meta_locs,
                                }],
                            });
                        }
                    }
                }

                // Collect filter entries for this page
                let filter_entries: Vec<(String, String, usize)> = page
                    .fragment
                    .data
                    .filters
                    .iter()
                    .flat_map(|(filter, values)| {
                        values.iter().map(move |value| {
                            (filter.clone(), value.clone(), page_number)
                        })
                    })
                    .collect();

                // Compute encoded page data
                let encoded_data = serde_json::to_string(&page.fragment.data).unwrap();
                let encoded_page = IntermediaryPageData {
                    full_hash: format!("{}_{}", language_ref, full_hash(encoded_data.as_bytes())),
                    word_count: page.fragment.data.word_count,
                    page_number: page_number,
                    encoded_data,
                };

                PageProcessingResult {
                    word_map: local_word_map,
                    filter_entries,
                    encoded_page,
                }
            })
            .collect();

        // Merge results sequentially
        for result in page_results {
            // Merge word maps using Entry API to avoid unnecessary clones
            for (word, packed) in result.word_map {
                match word_map.entry(word) {
                    hashbrown::hash_map::Entry::Occupied(mut entry) => {
                        let existing = entry.get_mut();
                        existing.pages.extend(packed.pages); // Move, not clone
                                                             // Merge additional_variants
                        for variant in packed.additional_variants {
                            if let Some(existing_variant) = existing
                                .additional_variants
                                .iter_mut()
                                .find(|v| v.form == variant.form)
                            {
                                existing_variant.pages.extend(variant.pages);
                            } else {
                                existing.additional_variants.push(variant);
                            }
                        }
                    }
                    hashbrown::hash_map::Entry::Vacant(entry) => {
                        entry.insert(packed);
                    }
                }
            }

            // Merge filter entries using or_default for cleaner code
            for (filter, value, page_number) in result.filter_entries {
                filter_map
                    .entry(filter)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push(page_number);
            }

            // Handle fragment hashing (must be sequential due to collision handling)
            let encoded_page = result.encoded_page;
            let mut short_hash = &encoded_page.full_hash[0..=(language.len() + 7)];

            // If we hit a collision, extend one until we stop colliding
            // TODO: There are some collision issues here.
            // If two builds match a collision in different orders the hashes will swap,
            // which could return incorrect data due to files being cached.
            while let Some(collision) = fragment_hashes.get(short_hash) {
                if collision.full_hash == encoded_page.full_hash {
                    // These pages are identical. Add both under the same hash.
                    fragments.push((
                        collision.word_count,
                        (collision.full_hash.clone(), collision.clone()),
                    ));
                } else {
                    let new_length = short_hash.len();
                    short_hash = &encoded_page.full_hash[0..=new_length];
                }
            }
            fragment_hashes.insert(short_hash.to_string(), encoded_page);
        }
    }

    // Sort pages within each word by page_number to maintain correct order after parallel processing
    for packed_word in word_map.values_mut() {
        packed_word.pages.sort_by_key(|p| p.page_number);
        for variant in &mut packed_word.additional_variants {
            variant.pages.sort_by_key(|p| p.page_number);
        }
    }

    fragments.extend(
        fragment_hashes
            .into_iter()
            .map(|(hash, frag)| (frag.word_count, (hash, frag))),
    );
    fragments.sort_by_cached_key(|(_, (_, fragment))| fragment.page_number);

    let page_count = fragments.len();
    let mut final_fragments = Vec::new();

    if let Some(max_fragments) =
        options.max_fragments.filter(|&m| m > 0 && (m as usize) < fragments.len())
    {
        let group_size = (fragments.len() as f32 / max_fragments as f32).ceil() as usize;
        options.logger.info(format!(
            "Bundling {} fragments into groups of {}, resulting in {} files",
            fragments.len(),
            group_size,
            fragments.chunks(group_size).len()
        ));
        let mut group_hashes: BTreeSet<String> = BTreeSet::new();
        for chunk in fragments.chunks(group_size) {
            let mut group_map = BTreeMap::new();
            for (_, (hash, frag)) in chunk {
                let val: serde_json::Value = serde_json::from_str(&frag.encoded_data).unwrap();
                group_map.insert(hash.clone(), val);
            }
            let group_json = serde_json::to_string(&group_map).unwrap();
            let prefix = format!("{language}_group_");
            let group_hash = format!("{prefix}{}", full_hash(group_json.as_bytes()));

            // If we hit a collision, extend one hash until we stop colliding
            let mut hash_length = 7;
            let mut short_group_hash = &group_hash[..prefix.len() + hash_length];
            while group_hashes.contains(short_group_hash) && hash_length < 40 {
                hash_length += 1;
                short_group_hash = &group_hash[..prefix.len() + hash_length];
            }
            group_hashes.insert(short_group_hash.to_string());

            final_fragments.push((short_group_hash.to_string(), group_json));

            for (word_count, (hash, _)) in chunk {
                meta.pages.push(MetaPage {
                    hash: hash.clone(),
                    word_count: *word_count as u32,
                    group_hash: short_group_hash.to_string(),
                });
            }
        }
    } else {
        for (word_count, (hash, frag)) in fragments {
            final_fragments.push((hash.clone(), frag.encoded_data));
            meta.pages.push(MetaPage {
                hash: hash.clone(),
                word_count: word_count as u32,
                group_hash: "".into(),
            });
        }
    }

    // Encode filter indexes in parallel
    // Accumulate into HashMap for O(1) inserts, then sort once before encoding
    // to produce a stable hash without paying BTreeMap's per-insert overhead.
    let mut filter_map_vec: Vec<_> = filter_map.into_iter().collect();
    filter_map_vec.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    let encoded_filters: Vec<(String, Vec<u8>, String)> = filter_map_vec
        .into_par_iter()
        .map(|(filter, values)| {
            let mut sorted_values: Vec<_> = values.into_iter().collect();
            sorted_values.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
            let mut filter_index: Vec<u8> = Vec::new();
            let _ = minicbor::encode::<FilterIndex, &mut Vec<u8>>(
                FilterIndex {
                    filter: filter.clone(),
                    values: sorted_values
                        .into_iter()
                        .map(|(value, pages)| PackedValue { value, pages })
                        .collect(),
                },
                filter_index.as_mut(),
            );
            let hash = format!("{}_{}", language, full_hash(&filter_index));
            (filter, filter_index, hash)
        })
        .collect();

    // Handle hash collisions sequentially (required for correctness)
    let mut filter_indexes = HashMap::new();
    for (filter, filter_index, hash) in encoded_filters {
        let mut short_hash = &hash[0..=(language.len() + 7)];

        // If we hit a collision, extend one hash until we stop colliding
        // TODO: DRY
        while filter_indexes.contains_key(short_hash) {
            let new_length = short_hash.len() + 1;
            short_hash = &hash[0..=new_length];

            if short_hash.len() == hash.len() {
                break;
            }
        }
        filter_indexes.insert(short_hash.to_string(), filter_index);
        meta.filters.push(MetaFilter {
            filter,
            hash: short_hash.to_string(),
        })
    }

    if TryInto::<u32>::try_into(meta.pages.len()).is_err() {
        options.logger.error(format!(
            "Language {} has too many documents to index, must be < {}",
            language,
            u32::MAX
        ));
        bail!(
            "Language {language} has too many documents to index, must be < {}",
            u32::MAX
        );
    }

    // TODO: Parameterize these chunk sizes via byte size rather than word count
    let word_count = word_map.len();
    let chunks = chunk_index(word_map, options.index_chunk_size);
    meta.index_chunks = chunk_meta(&chunks);

    // Encode word index chunks in parallel (delta encoding + CBOR serialization)
    let encoded_chunks: Vec<(usize, Vec<u8>, String)> = chunks
        .into_par_iter()
        .enumerate()
        .map(|(i, chunk)| {
            // Delta-encode page numbers within each word's page list
            let delta_chunk: Vec<PackedWord> = chunk
                .into_iter()
                .map(|mut word| {
                    let mut last_page: usize = 0;
                    for page in &mut word.pages {
                        let delta = page.page_number - last_page;
                        last_page = page.page_number;
                        page.page_number = delta;
                    }
                    // Also handle additional_variants
                    for variant in &mut word.additional_variants {
                        let mut last_page: usize = 0;
                        for page in &mut variant.pages {
                            let delta = page.page_number - last_page;
                            last_page = page.page_number;
                            page.page_number = delta;
                        }
                    }
                    word
                })
                .collect();

            let mut word_index: Vec<u8> = Vec::new();
            let _ = minicbor::encode::<WordIndex, &mut Vec<u8>>(
                WordIndex { words: delta_chunk },
                word_index.as_mut(),
            );

            let hash = format!("{}_{}", language, full_hash(&word_index));
            (i, word_index, hash)
        })
        .collect();

    // Handle hash collisions sequentially (required for correctness)
    let mut word_indexes: HashMap<String, Vec<u8>> = HashMap::new();
    for (i, word_index, hash) in encoded_chunks {
        let mut short_hash = &hash[0..=(language.len() + 7)];

        // If we hit a collision, extend one hash until we stop colliding
        while word_indexes.contains_key(short_hash) {
            let new_length = short_hash.len() + 1;
            short_hash = &hash[0..=new_length];

            if short_hash.len() == hash.len() {
                break;
            }
        }
        word_indexes.insert(short_hash.to_string(), word_index);
        meta.index_chunks[i].hash = short_hash.into();
    }

    let mut meta_index: Vec<u8> = Vec::new();
    let _ = minicbor::encode::<MetaIndex, &mut Vec<u8>>(meta, meta_index.as_mut());

    let meta_hash = format!(
        "{}_{}",
        language,
        &full_hash(&meta_index)[0..=(language.len() + 7)]
    );

    Ok(PagefindIndexes {
        word_indexes,
        filter_indexes,
        sorts,
        meta_index: (meta_hash, meta_index),
        fragments: final_fragments,
        language,
        word_count,
        page_count,
    })
}

#[cfg(test)]
mod tests;
