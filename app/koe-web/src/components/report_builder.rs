use koe_core::Command;
use koe_core::project::codebook::GroupId;
use koe_core::report::{SectionKind, Template};
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

/// Adding a section of any kind (for a chosen tag group where the kind needs one).
#[component]
pub fn LayoutBar() -> impl IntoView {
    let state = expect_project_state();
    let kind = RwSignal::new("distribution".to_owned());
    let group = RwSignal::new(None::<GroupId>);
    let r = move || state.texts().report;
    let needs_group = move || SectionKind::MENU.iter().any(|(slug, needs)| *slug == kind.get() && *needs);
    let groups = move || {
        state.with_project(|p| p.codebook().groups.iter().map(|g| (g.id, g.name.clone())).collect::<Vec<_>>())
    };
    let add = move |_| {
        let chosen_group = group.get_untracked().or_else(|| groups().first().map(|(id, _)| *id));
        if let Some(kind) = SectionKind::from_slug(&kind.get_untracked(), chosen_group) {
            ReportContext::edit_layout(state, |l| l.with_section(kind));
        }
    };
    view! {
        <fieldset class="koe-layout-bar">
            <legend>{move || r().add_section}</legend>
            <label>
                {move || r().section_kind}
                <select data-testid="section-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {SectionKind::MENU
                        .iter()
                        .enumerate()
                        .map(|(index, (slug, _))| {
                            view! { <option value=*slug selected=move || kind.get() == *slug>{move || r().kind_names[index]}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {move || r().section_group}
                <select
                    data-testid="section-group"
                    disabled=move || !needs_group()
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
            <button class="koe-button" data-testid="add-section" on:click=add>{move || r().add_section}</button>
        </fieldset>
    }
}
