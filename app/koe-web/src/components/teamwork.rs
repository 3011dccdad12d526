use koe_core::project::merge::{MergePlan, plan_merge};
use koe_core::project::team_texts::team_texts;
use koe_core::query::agreement::{GroupAgreement, adopt_theirs, agreement};
use koe_core::{Command, Project};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use super::app::Page;
use crate::io::file_read::{files_of, read_file};
use crate::io::workspace::expect_workspace;
use crate::state::{BlindCoding, OpenComment, expect_project_state};

/// A project file read for merging, waiting for the member to confirm.
#[derive(Clone)]
struct Pending {
    file: String,
    theirs: Project,
}

/// Working together: the coder's name, merging another coder's project file (previewed, then
/// one undoable step), the blind option, and the agreement with every merged coder.
#[component]
pub fn Teamwork() -> impl IntoView {
    let state = expect_project_state();
    let t = move || team_texts(state.lang());
    let pending = StoredValue::new_local(None::<Pending>);
    let preview = RwSignal::new(None::<MergePlan>);
    let other_name = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let workspace = expect_workspace();
    let blind = use_context::<BlindCoding>().map(|b| b.0).unwrap_or_else(|| RwSignal::new(false));
    let coder = move || state.with_project(|p| p.team().coder.clone());
    let set_coder = move |name: String| {
        let team = state.with_project_untracked(|p| p.team().with_coder(&name));
        state.apply(Command::SetTeam(team));
    };
    // The preview is planned again whenever the other coder's name changes.
    let replan = move || {
        let name = other_name.get_untracked();
        let plan = pending.with_value(|p| {
            p.as_ref().map(|p| state.with_project_untracked(|ours| plan_merge(ours, &p.theirs, &name)))
        });
        preview.set(plan);
    };
    let on_file = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = files_of(input.files());
        input.set_value("");
        let Some(file) = files.into_iter().next() else { return };
        spawn_local(async move {
            let name = file.name();
            let Ok(chosen) = read_file(file).await else {
                message.set(Some((false, (state.texts().file_unreadable)(&name))));
                return;
            };
            match workspace.read_file(&chosen.name, chosen.bytes).await {
                Ok((_, theirs)) => {
                    let ours = state.with_project_untracked(|p| p.team().coder.clone());
                    let named = theirs.team().coder.trim().to_owned();
                    let stem = chosen.name.rsplit_once('.').map_or(chosen.name.as_str(), |(stem, _)| stem);
                    let suggested = if named.is_empty() || named == ours { stem.to_owned() } else { named };
                    other_name.set(suggested);
                    pending.set_value(Some(Pending { file: chosen.name.clone(), theirs }));
                    message.set(None);
                    replan();
                }
                Err(error) => message.set(Some((false, error))),
            }
        });
    };
    let cancel = move |_| {
        pending.set_value(None);
        preview.set(None);
    };
    let confirm = move |_| {
        let Some(plan) = preview.get_untracked() else { return };
        let ours = state.with_project_untracked(|p| p.team().coder.clone());
        if plan.coder.is_empty() || plan.coder == ours.trim() {
            message.set(Some((false, t().same_coder.to_owned())));
            return;
        }
        state.apply(plan.command.clone());
        message.set(Some((true, (t().merged)(&plan.coder, plan.added))));
        pending.set_value(None);
        preview.set(None);
    };
    view! {
        <section class="koe-panel koe-team" data-testid="teamwork">
            <h2>{move || t().heading}</h2>
            <p class="koe-note">{move || t().intro}</p>
            <div class="koe-team__row">
                <label>
                    {move || t().coder_name} " "
                    <input type="text" data-testid="coder-name" prop:value=coder on:change=move |ev| set_coder(event_target_value(&ev)) />
                </label>
                <label class="koe-button">
                    {move || t().merge_file}
                    <input type="file" accept=".koe,application/gzip,application/json" data-testid="project-merge" class="koe-visually-hidden" on:change=on_file />
                </label>
                <label class="koe-team__blind">
                    <input type="checkbox" data-testid="blind-coding" prop:checked=move || blind.get() on:change=move |ev| blind.set(event_target_checked(&ev)) />
                    " " {move || t().blind}
                </label>
            </div>
            <div aria-live="polite" data-testid="merge-notice">
                {move || message.get().map(|(ok, text)| {
                    if ok {
                        view! { <p class="koe-notice">{text}</p> }.into_any()
                    } else {
                        view! { <p class="koe-notice koe-notice--error" role="alert">{text}</p> }.into_any()
                    }
                })}
            </div>
            {move || preview.get().map(|plan| {
                let file = pending.with_value(|p| p.as_ref().map(|p| p.file.clone()).unwrap_or_default());
                let t = t();
                view! {
                    <div class="koe-team__preview" data-testid="merge-preview" data-matched=plan.matched.to_string() data-added=plan.added.to_string()>
                        <p>{(t.merge_summary)(&file, plan.matched, plan.added, plan.coded)}</p>
                        <label>
                            {t.merge_coder} " "
                            <input
                                type="text"
                                data-testid="merge-coder"
                                prop:value=move || other_name.get()
                                on:change=move |ev| {
                                    other_name.set(event_target_value(&ev));
                                    replan();
                                }
                            />
                        </label>
                        <p class="koe-note">{t.merge_coder_hint}</p>
                        {(!plan.new_tags.is_empty()).then(|| view! { <p>{(t.merge_new_tags)(&plan.new_tags.join("、"))}</p> })}
                        {(!plan.conflicts.is_empty()).then(|| view! {
                            <h3>{t.merge_conflicts}</h3>
                            <ul data-testid="merge-conflicts">
                                {plan.conflicts.iter().map(|c| view! { <li>{(t.conflict)(c)}</li> }).collect_view()}
                            </ul>
                        })}
                        <button class="koe-button koe-button--primary" data-testid="merge-confirm" on:click=confirm>{t.merge_confirm}</button>
                        <button class="koe-button" data-testid="merge-cancel" on:click=cancel>{t.merge_cancel}</button>
                    </div>
                }
            })}
            <Agreement />
        </section>
    }
}

/// The agreement with each merged coder, per tag group, and the comments to settle.
#[component]
fn Agreement() -> impl IntoView {
    let state = expect_project_state();
    move || {
        let t = team_texts(state.lang());
        let (ours, coders) = state.with_project(|p| {
            (p.team().coder.clone(), p.team().codings.iter().map(|c| c.coder.clone()).collect::<Vec<_>>())
        });
        if coders.is_empty() {
            return view! { <p class="koe-note" data-testid="agreement-empty">{t.no_codings}</p> }.into_any();
        }
        coders
            .into_iter()
            .map(|coder| {
                let groups = state.with_project(|p| agreement(p, &coder));
                let ours = if ours.is_empty() { "—".to_owned() } else { ours.clone() };
                view! {
                    <div class="koe-agreement" data-testid="agreement" data-coder=coder.clone()>
                        <h3>{(t.agreement_heading)(&ours, &coder)}</h3>
                        <table class="koe-table">
                            <thead>
                                <tr>{t.agreement_columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
                            </thead>
                            <tbody>{groups.iter().map(group_row).collect_view()}</tbody>
                        </table>
                        <p class="koe-note">{t.agreement_note}</p>
                        {groups.into_iter().map(|g| details(g, coder.clone(), ours.clone())).collect_view()}
                    </div>
                }
            })
            .collect_view()
            .into_any()
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or("—".to_owned(), |v| format!("{v:.2}"))
}

fn group_row(group: &GroupAgreement) -> impl IntoView + use<> {
    view! {
        <tr data-testid="agreement-group" data-group=group.name.clone() data-kappa=group.kappa.map(|k| format!("{k:.3}")).unwrap_or_default()>
            <th scope="row">{group.name.clone()}</th>
            <td class="koe-num">{group.both}</td>
            <td class="koe-num">{group.percent().map_or("—".to_owned(), |p| format!("{p:.1}%"))}</td>
            <td class="koe-num">{number(group.kappa)}</td>
            <td class="koe-num">{number(group.alpha)}</td>
        </tr>
    }
}

/// A group's confusion table (single-choice) and its disagreements, each to open or settle.
fn details(group: GroupAgreement, coder: String, ours: String) -> impl IntoView + use<> {
    let state = expect_project_state();
    let requested = use_context::<OpenComment>();
    let page = use_context::<RwSignal<Page>>();
    let t = team_texts(state.lang());
    let name_of = move |id| {
        state.with_project_untracked(|p| p.codebook().tag(id).map(|t| t.name.clone()).unwrap_or_default())
    };
    let names = move |set: &std::collections::BTreeSet<koe_core::TagId>| {
        set.iter().map(|id| name_of(*id)).collect::<Vec<_>>().join("、")
    };
    let confusion = (!group.multiple && group.both > 0).then(|| {
        let labels: Vec<String> = group.tags.iter().map(|id| name_of(*id)).collect();
        view! {
            <table class="koe-table koe-agreement__confusion" data-testid="agreement-confusion" data-group=group.name.clone()>
                <caption>{(t.confusion)(&group.name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{(t.confusion_corner)(&ours, &coder)}</th>
                        {labels.iter().map(|l| view! { <th scope="col">{l.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {group.confusion.iter().zip(&labels).map(|(row, label)| view! {
                        <tr>
                            <th scope="row">{label.clone()}</th>
                            {row.iter().map(|n| view! { <td class="koe-num">{*n}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    let count = group.disagreements.len();
    let list = group
        .disagreements
        .into_iter()
        .map(|disagreement| {
            let id = disagreement.comment;
            let line = (t.disagreement)(&group.name, &names(&disagreement.ours), &coder, &names(&disagreement.theirs));
            let text = state.with_project_untracked(|p| p.comment(id).map(|c| c.text.to_string()).unwrap_or_default());
            let settle = move |_| {
                if let Some(command) = state.with_project_untracked(|p| adopt_theirs(p, &disagreement)) {
                    state.apply(command);
                }
            };
            let open = move |_| {
                if let Some(OpenComment(requested)) = requested {
                    requested.set(Some(id));
                }
                if let Some(page) = page {
                    page.set(Page::Comments);
                }
            };
            view! {
                <li data-testid="disagreement" data-comment=id.0.to_string()>
                    <span>{line}</span>
                    <q class="koe-agreement__text">{text}</q>
                    <button class="koe-button" data-testid="disagreement-open" on:click=open>{t.open}</button>
                    <button class="koe-button" data-testid="disagreement-adopt" on:click=settle>{(t.adopt)(&coder)}</button>
                </li>
            }
        })
        .collect_view();
    view! {
        {confusion}
        {(count > 0).then(|| view! {
            <h4>{(t.disagreements)(count)}</h4>
            <ul class="koe-agreement__list" data-testid="disagreements" data-group=group.name.clone()>{list}</ul>
        })}
    }
}
