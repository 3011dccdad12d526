use leptos::prelude::*;

use super::{CommentList, ImportPanel};

/// Import on top, the comments to tag below.
#[component]
pub fn CommentsPage() -> impl IntoView {
    view! {
        <div class="koe-page" data-testid="comments-page">
            <ImportPanel />
            <CommentList />
        </div>
    }
}
