//! One choice of the column mapping, with the reason for the guess.

use koe_core::import::MappingField;
use koe_core::ui::i18n::Texts;
use leptos::prelude::*;

use super::session::*;
use crate::state::expect_project_state;

/// One choice of the column mapping: which column plays this role.
#[component]
pub(super) fn MappingSelect(
    field: MappingField,
    headers: Vec<String>,
    session: ImportSession,
) -> impl IntoView {
    let state = expect_project_state();
    let current = move || session.pending.with(|p| p.as_ref().and_then(|p| p.mapping.get(field)));
    let label = move || field_label(state.texts(), field);
    let testid = match field {
        MappingField::Text => "map-text",
        MappingField::Date => "map-date",
        MappingField::Channel => "map-channel",
        MappingField::Author => "map-author",
        MappingField::Url => "map-url",
        MappingField::Id => "map-id",
    };
    let on_change = move |ev| {
        let column = event_target_value(&ev).parse::<usize>().ok();
        session.remap(|mapping| mapping.set(field, column));
    };
    // Why the column now chosen was chosen, while it is still the guessed or remembered one.
    let reason = move || {
        let lang = state.lang();
        session.pending.with(|p| {
            let p = p.as_ref()?;
            let column = p.mapping.get(field)?;
            if p.remembered {
                return Some(state.texts().guess_remembered.to_owned());
            }
            (p.preview.guess.mapping.get(field) == Some(column)).then_some(())?;
            let reasons = p.preview.guess.reasons_for(field);
            (!reasons.is_empty()).then(|| {
                reasons.iter().map(|r| r.message(lang)).collect::<Vec<_>>().join(lang.list_separator())
            })
        })
    };
    view! {
        <label class="koe-mapping__field">
            <span>{label}</span>
            <select data-testid=testid on:change=on_change>
                {field
                    .optional()
                    .then(|| {
                        view! {
                            <option value="" selected=move || current().is_none()>
                                {move || state.texts().column_none}
                            </option>
                        }
                    })}
                {headers
                    .into_iter()
                    .enumerate()
                    .map(|(index, header)| {
                        view! {
                            <option value=index.to_string() selected=move || current() == Some(index)>
                                {format!("{}: {}", index + 1, header)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {move || {
                reason()
                    .map(|why| {
                        view! {
                            <small class="koe-mapping__reason" data-testid="map-reason" data-field=testid>
                                {why}
                            </small>
                        }
                    })
            }}
        </label>
    }
}

pub(super) fn field_label(text: &'static Texts, field: MappingField) -> &'static str {
    match field {
        MappingField::Text => text.column_text,
        MappingField::Date => text.column_date,
        MappingField::Channel => text.column_channel,
        MappingField::Author => text.column_author,
        MappingField::Url => text.column_url,
        MappingField::Id => text.column_id,
    }
}
