//! The preview of a file: encoding, delimiter, sheet, the first rows, repeats, date
//! settings and the buttons that import or skip it.

use koe_core::import::dates::{DateSettings, NumberDates};
use koe_core::import::duplicates::{DuplicateScan, Repeat, RepeatCounts};
use koe_core::import::{DELIMITERS, MappingField, ReadOptions, SourceFormat, TextEncoding};
use koe_core::project::comment::NewComment;
use koe_core::worker::FilePreview;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::mapping::*;
use super::session::*;
use crate::state::expect_project_state;

#[component]
pub(super) fn ImportPreview(session: ImportSession) -> impl IntoView {
    let state = expect_project_state();
    let pending = session.pending;
    let Some((file, preview)) =
        pending.with_untracked(|p| p.as_ref().map(|p| (p.file.name.clone(), p.preview.clone())))
    else {
        return ().into_any();
    };
    let FilePreview {
        headers, rows, total_rows: total, replaced, format, encoding, delimiter, guess, ..
    } = preview;
    let other_texts: Vec<String> =
        guess.other_texts.iter().filter_map(|c| headers.get(*c).cloned()).collect();
    let shown: Vec<Vec<String>> = rows.into_iter().map(|row| row.to_vec()).collect();
    let shown_count = shown.len();
    // Duplicates depend on the file and its mapping only, not on the leave-out checkbox.
    let repeats = Memo::new(move |_| {
        pending.with(|p| {
            let converted = p.as_ref()?.converted.as_ref()?;
            Some(RepeatsShown::of(&converted.repeats, &converted.outcome.comments))
        })
    });
    let reread = move |options: ReadOptions| {
        if let Some(p) = pending.get_untracked() {
            session.worker().forget(p.job);
            session.pending.set(None);
            spawn_local(session.open(p.file, options));
        }
    };
    let current_options =
        move || pending.with_untracked(|p| p.as_ref().map(|p| p.options).unwrap_or_default());
    let detected_encoding = Some(encoding);
    let detected_delimiter = Some(delimiter);
    let idle = move || session.busy.with(Option::is_none);
    let read_only = move || state.editing().is_read_only();
    view! {
        <div class="koe-preview" data-testid="import-preview">
            <h3>{move || state.texts().preview_heading} " — " {file}</h3>
            <div class="koe-mapping">
                <label class="koe-mapping__field">
                    <span>{move || state.texts().encoding_label}</span>
                    <select
                        data-testid="import-encoding"
                        on:change=move |ev| {
                            let encoding = TextEncoding::from_label(&event_target_value(&ev));
                            reread(ReadOptions { encoding, ..current_options() });
                        }
                    >
                        {TextEncoding::ALL
                            .into_iter()
                            .map(|encoding| {
                                view! {
                                    <option value=encoding.label() selected=detected_encoding == Some(encoding)>
                                        {encoding.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                {sheet_select(&format, reread, current_options)}
                {(format == SourceFormat::Delimited)
                    .then(|| {
                        view! {
                            <label class="koe-mapping__field">
                                <span>{move || state.texts().delimiter_label}</span>
                                <select
                                    data-testid="import-delimiter"
                                    on:change=move |ev| {
                                        let delimiter = event_target_value(&ev).parse::<usize>().ok().and_then(|i| DELIMITERS.get(i).copied());
                                        reread(ReadOptions { delimiter, ..current_options() });
                                    }
                                >
                                    {DELIMITERS
                                        .into_iter()
                                        .enumerate()
                                        .map(|(index, delimiter)| {
                                            view! {
                                                <option value=index.to_string() selected=detected_delimiter == Some(delimiter)>
                                                    {move || state.texts().delimiter_names[index]}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </label>
                        }
                    })}
            </div>
            {replaced
                .map(|r| {
                    view! {
                        <p class="koe-notice koe-notice--error" role="alert" data-testid="import-mojibake">
                            {move || (state.texts().mojibake_warning)(r.count, r.line, r.column)}
                        </p>
                    }
                })}
            <DateSettingsChoice session />
            <div class="koe-mapping">
                {MappingField::ALL
                    .into_iter()
                    .map(|field| view! { <MappingSelect field headers=headers.clone() session /> })
                    .collect_view()}
            </div>
            {(!other_texts.is_empty())
                .then(|| {
                    view! {
                        <p class="koe-preview__note" data-testid="import-other-texts">
                            {move || (state.texts().other_texts_note)(&other_texts.join(state.lang().list_separator()))}
                        </p>
                    }
                })}
            <div class="koe-table-scroll" tabindex="0" role="region" aria-label=move || state.texts().preview_heading>
                <table class="koe-table">
                    <caption>{move || (state.texts().preview_caption)(shown_count, total)}</caption>
                    <thead>
                        <tr>{headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {shown
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {move || {
                repeats
                    .get()
                    .filter(|shown| shown.counts.proven() + shown.counts.same_text + shown.counts.quotes > 0)
                    .map(|shown| view! { <RepeatsNotice shown session /> })
            }}
            <div class="koe-preview__actions">
                <button
                    class="koe-button koe-button--primary"
                    data-testid="import-confirm"
                    prop:disabled=move || !idle() || read_only()
                    on:click=move |_| spawn_local(session.confirm())
                >
                    {move || state.texts().import_confirm}
                </button>
                <button
                    class="koe-button"
                    data-testid="import-cancel"
                    on:click=move |_| session.skip()
                >
                    {move || state.texts().import_cancel}
                </button>
            </div>
        </div>
    }
    .into_any()
}

/// Rows of the 同文 list the preview shows.
pub(super) const SAME_TEXT_ROWS_SHOWN: usize = 20;

/// What the preview says of repeated rows.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RepeatsShown {
    counts: RepeatCounts,
    rows: usize,
    suspicious: bool,
    /// The first rows marked 同文: line and text.
    same_texts: Vec<(u64, String)>,
}

impl RepeatsShown {
    pub(super) fn of(scan: &DuplicateScan, comments: &[NewComment]) -> Self {
        let same_texts = scan
            .found
            .iter()
            .filter(|(_, repeat)| *repeat == Repeat::SameText)
            .filter_map(|(index, _)| comments.get(*index))
            .take(SAME_TEXT_ROWS_SHOWN)
            .map(|c| (c.source.line, c.text.chars().take(80).collect()))
            .collect();
        RepeatsShown {
            counts: scan.counts(),
            rows: scan.scanned,
            suspicious: scan.is_suspicious(),
            same_texts,
        }
    }
}

/// Proven duplicates with the choice to leave them out, a warning when there are suspiciously
/// many, and the rows marked 同文 that are kept.
#[component]
pub(super) fn RepeatsNotice(shown: RepeatsShown, session: ImportSession) -> impl IntoView {
    let state = expect_project_state();
    let pending = session.pending;
    let RepeatsShown { counts, rows, suspicious, same_texts } = shown;
    let proven = counts.proven();
    let default_skip = !suspicious;
    let same_count = counts.same_text;
    let quotes = counts.quotes;
    view! {
        <div class="koe-preview__repeats" data-testid="import-duplicates" data-proven=proven.to_string() data-same-text=same_count.to_string()>
            {(proven > 0)
                .then(|| {
                    view! {
                        <p>{move || (state.texts().duplicates_found)(&counts)}</p>
                        {suspicious
                            .then(|| {
                                view! {
                                    <p class="koe-notice koe-notice--error" role="alert" data-testid="import-duplicates-warning">
                                        {move || (state.texts().duplicates_suspicious)(proven, rows)}
                                    </p>
                                }
                            })}
                        <label>
                            <input
                                type="checkbox"
                                data-testid="import-skip-duplicates"
                                prop:checked=move || pending.with(|p| p.as_ref().is_some_and(|p| p.skip_repeats.unwrap_or(default_skip)))
                                on:change=move |ev| {
                                    let skip = event_target_checked(&ev);
                                    pending.update(|p| {
                                        if let Some(p) = p {
                                            p.skip_repeats = Some(skip);
                                        }
                                    });
                                }
                            />
                            {move || state.texts().skip_duplicates}
                        </label>
                    }
                })}
            {(same_count + quotes > 0)
                .then(|| {
                    view! {
                        <p>{move || (state.texts().same_texts_kept)(same_count, quotes)}</p>
                        {(!same_texts.is_empty())
                            .then(|| {
                                view! {
                                    <details class="koe-preview__same-texts">
                                        <summary>{move || state.texts().same_texts_heading}</summary>
                                        <ul>
                                            {same_texts
                                                .into_iter()
                                                .map(|(line, text)| {
                                                    view! {
                                                        <li data-line=line.to_string()>
                                                            <span class="koe-tag koe-tag--muted">{move || state.texts().same_text_badge}</span>
                                                            {format!(" {line}: ")}
                                                            {text}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </details>
                                }
                            })}
                    }
                })}
        </div>
    }
}

/// What plain numbers in the date column mean, and the local time zone.
#[component]
pub(super) fn DateSettingsChoice(session: ImportSession) -> impl IntoView {
    let state = expect_project_state();
    let settings = move || session.pending.with(|p| p.as_ref().map(|p| p.mapping.dates).unwrap_or_default());
    let update =
        move |change: &dyn Fn(&mut DateSettings)| session.remap(|mapping| change(&mut mapping.dates));
    view! {
        <div class="koe-mapping">
            <label class="koe-mapping__field">
                <span>{move || state.texts().date_numbers_label}</span>
                <select
                    data-testid="import-date-numbers"
                    on:change=move |ev| {
                        let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                        let numbers = NumberDates::ALL.get(index).copied().unwrap_or_default();
                        update(&|d| d.numbers = numbers);
                    }
                >
                    {NumberDates::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(index, kind)| {
                            view! {
                                <option value=index.to_string() selected=move || settings().numbers == kind>
                                    {move || state.texts().date_numbers_names[index]}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="koe-mapping__field">
                <span>{move || state.texts().time_zone_label}</span>
                <select
                    data-testid="import-time-zone"
                    on:change=move |ev| {
                        let hours = event_target_value(&ev).parse::<i32>().unwrap_or(9);
                        update(&|d| d.offset_minutes = hours * 60);
                    }
                >
                    {(-12..=14)
                        .map(|hours: i32| {
                            view! {
                                <option value=hours.to_string() selected=move || settings().offset_minutes == hours * 60>
                                    {format!("UTC{hours:+03}:00")}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}

/// The sheet choice of a workbook with more than one sheet.
pub(super) fn sheet_select(
    format: &SourceFormat,
    reread: impl Fn(ReadOptions) + Copy + 'static,
    current_options: impl Fn() -> ReadOptions + Copy + 'static,
) -> Option<AnyView> {
    let state = expect_project_state();
    let SourceFormat::Workbook { sheet, sheets } = format else { return None };
    if sheets.len() < 2 {
        return None;
    }
    let options = sheets
        .iter()
        .enumerate()
        .map(|(index, name)| {
            view! { <option value=index.to_string() selected=name == sheet>{name.clone()}</option> }
        })
        .collect_view();
    Some(
        view! {
            <label class="koe-mapping__field">
                <span>{move || state.texts().sheet_label}</span>
                <select
                    data-testid="import-sheet"
                    on:change=move |ev| {
                        let sheet = event_target_value(&ev).parse::<usize>().ok();
                        reread(ReadOptions { sheet, ..current_options() });
                    }
                >
                    {options}
                </select>
            </label>
        }
        .into_any(),
    )
}
