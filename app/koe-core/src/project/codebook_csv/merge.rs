//! Merging a codebook file into the current codebook by group and tag name, keeping every
//! tag's identity, and finding the rows that cannot be applied without guessing.

use crate::project::codebook::TAG_PALETTE as PALETTE;
use crate::project::codebook::{Codebook, GroupId, Tag, TagGroup, TagId};
use std::collections::{HashMap, HashSet};

use super::*;

/// A row that passed [`plan`], and the existing tag it updates.
pub(super) struct Item<'a> {
    pub(super) row: Row<'a>,
    pub(super) existing: Option<TagId>,
}

impl Item<'_> {
    pub(super) fn is_tag(&self) -> bool {
        !self.row.tag.is_empty()
    }
}

/// Matches rows to existing tags and rejects those that contradict the codebook or an earlier
/// row: a tag in another group, the same tag twice, a group's choice both ways.
pub(super) fn plan<'a>(
    current: &Codebook,
    rows: Vec<Row<'a>>,
    reject: &mut dyn FnMut(&Row<'a>, ConflictKind),
) -> Vec<Item<'a>> {
    let group_name = |id: GroupId| current.group(id).map_or("", |g| g.name.as_str());
    let mut existing: HashMap<(&str, &str), TagId> = HashMap::new();
    let mut group_of: HashMap<&str, &str> = HashMap::new();
    for tag in &current.tags {
        existing.entry((group_name(tag.group), tag.name.as_str())).or_insert(tag.id);
        group_of.entry(tag.name.as_str()).or_insert(group_name(tag.group));
    }
    let mut seen: HashMap<(&str, &str), u64> = HashMap::new();
    let mut seen_group_of: HashMap<&str, &str> = HashMap::new();
    let mut choices: HashMap<&str, (bool, u64)> = HashMap::new();
    let mut items = Vec::new();
    for row in rows {
        let (group, tag, line) = (row.group, row.tag, row.raw.line);
        let matched = existing.get(&(group, tag)).copied();
        let conflict = if let Some(&first_line) = seen.get(&(group, tag)).filter(|_| !tag.is_empty()) {
            Some(ConflictKind::Duplicate { first_line })
        } else if let Some(other) = (!tag.is_empty() && matched.is_none())
            .then(|| group_of.get(tag).or_else(|| seen_group_of.get(tag)))
            .flatten()
            .filter(|other| **other != group)
        {
            Some(ConflictKind::OtherGroup { existing: (*other).to_owned(), in_file: group.to_owned() })
        } else {
            match (row.choice, choices.get(group)) {
                (Some(choice), Some(&(first, first_line))) if choice != first => {
                    Some(ConflictKind::ChoiceDiffers { first_line })
                }
                _ => None,
            }
        };
        if let Some(kind) = conflict {
            reject(&row, kind);
            continue;
        }
        if let Some(choice) = row.choice {
            choices.entry(group).or_insert((choice, line));
        }
        if !tag.is_empty() {
            seen.insert((group, tag), line);
            seen_group_of.entry(tag).or_insert(group);
        }
        items.push(Item { row, existing: matched });
    }
    items
}

/// A tag as it would be after the import, for checking parents and shortcuts.
pub(super) struct Entry<'a> {
    pub(super) group: &'a str,
    pub(super) name: &'a str,
    pub(super) parent: Option<&'a str>,
    pub(super) shortcut: Option<char>,
    /// The item that defines it; `None` for a tag the file leaves as it is.
    pub(super) item: Option<usize>,
}

/// The first accepted row, in file order, whose parent or shortcut does not fit the codebook
/// the accepted rows would make. Rejecting a row can break others (a parent it defined), so
/// the caller asks again until there is none.
pub(super) fn first_violation(
    current: &Codebook,
    items: &[Item],
    accepted: &[bool],
) -> Option<(usize, ConflictKind)> {
    let applied = || items.iter().enumerate().filter(|(i, item)| accepted[*i] && item.is_tag());
    let replaced: HashSet<TagId> = applied().filter_map(|(_, item)| item.existing).collect();
    let mut entries: Vec<Entry> = current
        .tags
        .iter()
        .filter(|tag| !replaced.contains(&tag.id))
        .map(|tag| Entry {
            group: current.group(tag.group).map_or("", |g| g.name.as_str()),
            name: &tag.name,
            parent: tag.parent.and_then(|p| current.tag(p)).map(|p| p.name.as_str()),
            shortcut: tag.shortcut,
            item: None,
        })
        .collect();
    entries.extend(applied().map(|(index, item)| Entry {
        group: item.row.group,
        name: item.row.tag,
        parent: item.row.parent,
        shortcut: item.row.shortcut,
        item: Some(index),
    }));
    let mut by_name: HashMap<(&str, &str), &Entry> = HashMap::new();
    let mut by_shortcut: HashMap<char, Vec<&Entry>> = HashMap::new();
    let mut untouched_children: HashMap<(&str, &str), &str> = HashMap::new();
    for entry in &entries {
        by_name.entry((entry.group, entry.name)).or_insert(entry);
        if let Some(key) = entry.shortcut {
            by_shortcut.entry(key).or_default().push(entry);
        }
        if let (Some(parent), None) = (entry.parent, entry.item) {
            untouched_children.entry((entry.group, parent)).or_insert(entry.name);
        }
    }
    for (index, item) in applied() {
        let row = &item.row;
        if let Some(parent) = row.parent {
            match by_name.get(&(row.group, parent)) {
                None => return Some((index, ConflictKind::UnknownParent { parent: parent.to_owned() })),
                Some(entry) if entry.parent.is_some() => {
                    return Some((index, ConflictKind::NestedParent { parent: parent.to_owned() }));
                }
                Some(_) => {}
            }
            if let Some(child) = untouched_children.get(&(row.group, row.tag)) {
                return Some((index, ConflictKind::HasChildren { child: (*child).to_owned() }));
            }
        }
        if let Some(key) = row.shortcut {
            let holders = by_shortcut.get(&key).map(Vec::as_slice).unwrap_or_default();
            if let Some(holder) = holders.iter().find(|e| e.item.is_none_or(|other| other < index)) {
                let by = holder.name.to_owned();
                return Some((index, ConflictKind::ShortcutTaken { shortcut: key, by }));
            }
        }
    }
    None
}

/// The codebook with the accepted rows applied, and how many tags were added and updated.
pub(super) fn merge(current: &Codebook, items: &[Item], accepted: &[bool]) -> (Codebook, usize, usize) {
    let mut codebook = current.clone();
    let applied = || items.iter().zip(accepted).filter(|(_, a)| **a).map(|(item, _)| item);
    let mut group_ids: HashMap<String, GroupId> = HashMap::new();
    for group in &current.groups {
        group_ids.entry(group.name.clone()).or_insert(group.id);
    }
    let mut tag_ids = Vec::new();
    let (mut added, mut updated) = (0, 0);
    for item in applied() {
        let row = &item.row;
        let group = match group_ids.get(row.group) {
            Some(id) => *id,
            None => {
                let id = codebook.next_group_id();
                codebook.groups.push(TagGroup { id, name: row.group.to_owned(), multiple: true });
                group_ids.insert(row.group.to_owned(), id);
                id
            }
        };
        if let Some(choice) = row.choice
            && let Some(slot) = codebook.groups.iter_mut().find(|g| g.id == group)
        {
            slot.multiple = choice;
        }
        if !item.is_tag() {
            continue;
        }
        let existing = item.existing.and_then(|id| codebook.tags.iter_mut().find(|t| t.id == id));
        if let Some(tag) = existing {
            if let Some(colour) = row.colour {
                colour.clone_into(&mut tag.colour);
            }
            tag.shortcut = row.shortcut;
            tag.rule = row.rule.clone();
            tag_ids.push((tag.id, group, row.parent));
            updated += 1;
        } else {
            let id = codebook.next_tag_id();
            let colour = row.colour.unwrap_or(PALETTE[id.0 as usize % PALETTE.len()]).to_owned();
            codebook.tags.push(Tag {
                id,
                group,
                name: row.tag.to_owned(),
                colour,
                parent: None,
                shortcut: row.shortcut,
                rule: row.rule.clone(),
            });
            tag_ids.push((id, group, row.parent));
            added += 1;
        }
    }
    // Parents last: a row may name a tag defined further down the file.
    for (id, group, parent) in tag_ids {
        let parent =
            parent.and_then(|p| codebook.tags.iter().find(|t| t.group == group && t.name == p)).map(|t| t.id);
        if let Some(tag) = codebook.tags.iter_mut().find(|t| t.id == id) {
            tag.parent = parent;
        }
    }
    (codebook, added, updated)
}
