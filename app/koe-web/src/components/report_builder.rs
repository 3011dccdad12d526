use koe_core::Command;
use koe_core::project::codebook::GroupId;
use koe_core::project::layout::{SectionChoice, SectionNeeds};
use koe_core::report::crosstab::{attribute_names, dimension_name};
use koe_core::report::{Dimension, SectionKind, Template};
use leptos::prelude::*;

use crate::io::clock::today;
use crate::state::expect_project_state;
use crate::state::report::{ReportContext, expect_report};

/// Value of the shipped template in the template menu (saved ones are their index).
const SHIPPED: &str = "shipped";

/// Choosing, applying and saving report templates.
#[component]
pub fn TemplateBar() -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    let chosen = RwSignal::new(SHIPPED.to_owned());
    let name = RwSignal::new(String::new());
    let r = move || state.texts().report;
    let template_of = move |value: &str| -> Option<Template> {
        state.with_project_untracked(|p| match value {
            SHIPPED => Some(Template::monthly_default(p.codebook(), state.lang())),
            index => index.parse::<usize>().ok().and_then(|i| p.templates().get(i).cloned()),
        })
    };
    let apply = move |_| {
        let Some(template) = template_of(&chosen.get_untracked()) else { return };
        ReportContext::edit_layout(state, |current| template.applied_to(current));
        context.fiscal_start.set(template.fiscal_start);
        let shown = context.period.get_untracked();
        context.period.set(shown.for_template(template.period, template.fiscal_start, today()));
    };
    let save = move |_| {
        let new_name = name.get_untracked();
        if new_name.trim().is_empty() {
            return;
        }
        let period = context.period.get_untracked().template_kind();
        let fiscal_start = context.fiscal_start.get_untracked();
        let templates = state.with_project_untracked(|p| {
            let template = Template::from_layout(&new_name, p.report(), period, fiscal_start);
            Template::saved_among(p.templates(), template)
        });
        state.apply(Command::SetTemplates(templates));
        name.set(String::new());
    };
    view! {
        <fieldset class="koe-templates">
            <legend>{move || r().templates_heading}</legend>
            <select
                data-testid="report-template"
                aria-label=move || r().templates_heading
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                <option value=SHIPPED selected=move || chosen.get() == SHIPPED>
                    {move || state.with_project(|p| Template::monthly_default(p.codebook(), state.lang()).name)}
                </option>
                {move || {
                    state
                        .with_project(|p| p.templates().iter().map(|t| t.name.clone()).collect::<Vec<_>>())
                        .into_iter()
                        .enumerate()
                        .map(|(index, name)| {
                            let value = index.to_string();
                            let selected = value.clone();
                            view! { <option value=value selected=move || chosen.get() == selected>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <button class="koe-button" data-testid="apply-template" on:click=apply>{move || r().apply_template}</button>
            <input
                type="text"
                data-testid="template-name"
                aria-label=move || r().template_name
                placeholder=move || r().template_name
                prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <button class="koe-button" data-testid="save-template" on:click=save>{move || r().save_template}</button>
        </fieldset>
    }
}

/// Adding a section of any kind, with what the kind needs chosen: a tag group, an attribute
/// column, or a cross-tab's rows and columns.
#[component]
pub fn LayoutBar() -> impl IntoView {
    let state = expect_project_state();
    let kind = RwSignal::new("distribution".to_owned());
    let group = RwSignal::new(None::<GroupId>);
    let attribute = RwSignal::new(None::<String>);
    let rows = RwSignal::new(None::<Dimension>);
    let columns = RwSignal::new(None::<Dimension>);
    let r = move || state.texts().report;
    let needs = move || {
        let chosen = kind.get();
        SectionKind::MENU.iter().find(|(slug, _)| *slug == chosen).map_or(SectionNeeds::Nothing, |(_, n)| *n)
    };
    let groups = move || {
        state.with_project(|p| p.codebook().groups.iter().map(|g| (g.id, g.name.clone())).collect::<Vec<_>>())
    };
    // The attribute columns are read from the comments only when comments come or go (not on
    // every tag edit of a big project).
    let attributes = Memo::new(move |_| {
        state.comments_generation();
        state.with_project_untracked(attribute_names)
    });
    // Every dimension a cross-tab can use: the tag groups, the channel, each attribute column.
    let dimensions = Memo::new(move |_| {
        let lang = state.lang();
        let names = attributes.get();
        state.with_project(|p| {
            let mut all: Vec<Dimension> =
                p.codebook().groups.iter().map(|g| Dimension::Group(g.id)).collect();
            all.push(Dimension::Channel);
            all.extend(names.into_iter().map(Dimension::Attribute));
            all.into_iter().map(|d| (d.value(), dimension_name(&d, p.codebook(), lang))).collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        let dimension_at = |index: usize| {
            dimensions.get_untracked().get(index).and_then(|(value, _)| Dimension::parse(value))
        };
        let choice = SectionChoice {
            group: group.get_untracked().or_else(|| groups().first().map(|(id, _)| *id)),
            attribute: attribute.get_untracked().or_else(|| attributes.get_untracked().first().cloned()),
            rows: rows.get_untracked().or_else(|| dimension_at(0)),
            columns: columns.get_untracked().or_else(|| dimension_at(1)),
        };
        if let Some(kind) = SectionKind::from_slug(&kind.get_untracked(), choice) {
            ReportContext::edit_layout(state, |l| l.with_section(kind));
        }
    };
    let dimension_options = move |chosen: RwSignal<Option<Dimension>>, default_index: usize| {
        dimensions
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, (value, name))| {
                let selected = value.clone();
                let is_selected = move || match chosen.get() {
                    Some(d) => d.value() == selected,
                    None => index == default_index,
                };
                view! { <option value=value selected=is_selected>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <fieldset class="koe-layout-bar">
            <legend>{move || r().add_section}</legend>
            <label>
                {move || r().section_kind}
                <select data-testid="section-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {SectionKind::MENU
                        .iter()
                        .map(|(slug, _)| {
                            view! { <option value=*slug selected=move || kind.get() == *slug>{move || (r().kind_name)(slug)}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label hidden=move || needs() != SectionNeeds::Group>
                {move || r().section_group}
                <select
                    data-testid="section-group"
                    disabled=move || needs() != SectionNeeds::Group
                    on:change=move |ev| group.set(event_target_value(&ev).parse().ok().map(GroupId))
                >
                    {move || {
                        groups()
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id.0.to_string() selected=move || group.get() == Some(id)>{name}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <label hidden=move || needs() != SectionNeeds::Attribute>
                {move || r().section_attribute}
                <select
                    data-testid="section-attribute"
                    disabled=move || needs() != SectionNeeds::Attribute
                    on:change=move |ev| attribute.set(Some(event_target_value(&ev)))
                >
                    {move || {
                        let names = attributes.get();
                        if names.is_empty() {
                            return view! { <option value="">{r().no_attributes}</option> }.into_any();
                        }
                        names
                            .into_iter()
                            .enumerate()
                            .map(|(index, name)| {
                                let selected = name.clone();
                                let is_selected = move || attribute.get().map_or(index == 0, |a| a == selected);
                                view! { <option value=name.clone() selected=is_selected>{name.clone()}</option> }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </select>
            </label>
            <label hidden=move || needs() != SectionNeeds::Dimensions>
                {move || r().section_rows}
                <select
                    data-testid="section-rows"
                    disabled=move || needs() != SectionNeeds::Dimensions
                    on:change=move |ev| rows.set(Dimension::parse(&event_target_value(&ev)))
                >
                    {move || dimension_options(rows, 0)}
                </select>
            </label>
            <label hidden=move || needs() != SectionNeeds::Dimensions>
                {move || r().section_columns}
                <select
                    data-testid="section-columns"
                    disabled=move || needs() != SectionNeeds::Dimensions
                    on:change=move |ev| columns.set(Dimension::parse(&event_target_value(&ev)))
                >
                    {move || dimension_options(columns, 1)}
                </select>
            </label>
            <button class="koe-button" data-testid="add-section" on:click=add>{move || r().add_section}</button>
        </fieldset>
    }
}
