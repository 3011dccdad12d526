use leptos::prelude::*;

use super::app::Page;
use crate::state::expect_project_state;

/// The first-run view: the three steps; the import panel under it holds the two actions
/// (「サンプルデータで試す」 and the file picker).
#[component]
pub fn Welcome() -> impl IntoView {
    let state = expect_project_state();
    let page = use_context::<RwSignal<Page>>();
    let h = move || state.texts().help;
    view! {
        <section class="koe-panel koe-welcome" data-testid="welcome" aria-labelledby="koe-welcome-heading">
            <h2 id="koe-welcome-heading">{move || h().welcome_heading}</h2>
            <p>{move || h().welcome_intro}</p>
            <ol class="koe-welcome__steps">
                {move || {
                    h().steps
                        .iter()
                        .map(|(title, text)| view! {
                            <li>
                                <strong>{*title}</strong>
                                <span>{*text}</span>
                            </li>
                        })
                        .collect_view()
                }}
            </ol>
            {page.map(|page| view! {
                <button class="koe-button" data-testid="open-help" on:click=move |_| page.set(Page::Help)>
                    {move || h().open_help}
                </button>
            })}
        </section>
    }
}

/// The help page: exporting from Excel and tools, the codebook file, keys, and the five stages.
#[component]
pub fn HelpPage() -> impl IntoView {
    let state = expect_project_state();
    let h = move || state.texts().help;
    view! {
        <div class="koe-page koe-help" data-testid="help-page">
            <section class="koe-panel">
                <h2>{move || h().heading}</h2>
                <nav aria-label=move || h().heading>
                    <ul class="koe-help__toc">
                        {move || h().sections.iter().map(|s| view! { <li><a href=format!("#help-{}", s.id)>{s.title}</a></li> }).collect_view()}
                    </ul>
                </nav>
            </section>
            {move || {
                h().sections
                    .iter()
                    .map(|section| view! {
                        <section class="koe-panel" id=format!("help-{}", section.id) data-section=section.id>
                            <h3>{section.title}</h3>
                            {section.paragraphs.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
                            {section.example.map(|example| view! { <pre class="koe-help__example"><code>{example}</code></pre> })}
                        </section>
                    })
                    .collect_view()
            }}
        </div>
    }
}
