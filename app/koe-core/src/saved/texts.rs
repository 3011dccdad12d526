//! The storage part of the text catalogue (reached as `texts(lang).storage`): the project
//! list, project files, saving, and the privacy page.

/// Every text about keeping data, in one language.
#[derive(Debug)]
pub struct StorageTexts {
    /// Navigation: the projects and data page.
    pub nav: &'static str,
    /// Heading of the projects list.
    pub projects_heading: &'static str,
    /// Column headings: name, comments, size, last change.
    pub columns: [&'static str; 4],
    /// Marks the open project in the list.
    pub current: &'static str,
    /// Button: open a project.
    pub open: &'static str,
    /// Button: duplicate.
    pub duplicate: &'static str,
    /// Name of a copy.
    pub copy_name: fn(&str) -> String,
    /// Button: delete a project.
    pub delete: &'static str,
    /// Asks before deleting a project, with its name.
    pub delete_confirm: fn(&str) -> String,
    /// Button: yes, delete.
    pub delete_yes: &'static str,
    /// Button: no.
    pub cancel: &'static str,
    /// Label of the new project's name.
    pub new_name: &'static str,
    /// Button: new empty project.
    pub create: &'static str,
    /// Label of the open project's name field.
    pub rename_label: &'static str,
    /// Button: export the project file.
    pub export_file: &'static str,
    /// Label of the project file input.
    pub import_file: &'static str,
    /// After a project file was opened.
    pub imported: fn(&str, usize) -> String,
    /// Header status: everything is kept.
    pub saved: &'static str,
    /// Header status: not saved yet.
    pub not_saved: &'static str,
    /// Header status: a change is being saved.
    pub saving: &'static str,
    /// The browser promised to keep the data.
    pub persisted_yes: &'static str,
    /// The browser may clear the data when space runs low.
    pub persisted_no: &'static str,
    /// Heading of the privacy section.
    pub privacy_heading: &'static str,
    /// The privacy page's paragraphs.
    pub privacy_text: [&'static str; 4],
    /// Link: download the offline single file.
    pub offline_download: &'static str,
    /// What the offline file is for.
    pub offline_hint: &'static str,
    /// Button: delete all data on this device.
    pub wipe: &'static str,
    /// Asks before wiping.
    pub wipe_confirm: &'static str,
    /// Button: yes, delete everything.
    pub wipe_yes: &'static str,
    /// Deleting everything waits for another tab that keeps Koe's data open.
    pub wipe_blocked: &'static str,
    /// Banner while the stored project is restored (edits wait).
    pub restoring: &'static str,
    /// Banner: another tab edits this project; this one is read-only.
    pub read_only_other_tab: &'static str,
    /// Banner: another tab took over editing from this one.
    pub read_only_taken_over: &'static str,
    /// Button: edit in this tab (takes over from the other).
    pub take_over: &'static str,
    /// Banner: a new version of Koe is ready.
    pub update_available: &'static str,
    /// Button: reload into the new version.
    pub update_reload: &'static str,
    /// The browser refuses storage; the argument is its reason.
    pub store_unavailable: fn(&str) -> String,
    /// The storage quota is used up.
    pub store_full: &'static str,
    /// Saving failed for another reason, given as the argument.
    pub store_failed: fn(&str) -> String,
    /// The browser cancelled the save.
    pub store_aborted: &'static str,
    /// Koe's data was deleted in another tab.
    pub store_deleted_elsewhere: &'static str,
    /// The name of a new project.
    pub default_project_name: &'static str,
    /// The file name a codebook is exported under.
    pub codebook_file_name: &'static str,
}

/// Japanese.
pub const JA: StorageTexts = StorageTexts {
    nav: "プロジェクト",
    projects_heading: "このブラウザに保存されているプロジェクト",
    columns: ["名前", "コメント数", "サイズ", "最終更新"],
    current: "（作業中）",
    open: "開く",
    duplicate: "複製",
    copy_name: |name| format!("{name} のコピー"),
    delete: "削除",
    delete_confirm: |name| format!("「{name}」を削除します。元に戻せません。よろしいですか？"),
    delete_yes: "削除する",
    cancel: "やめる",
    new_name: "新しいプロジェクトの名前",
    create: "新しいプロジェクト",
    rename_label: "作業中のプロジェクトの名前",
    export_file: "プロジェクトファイルを書き出す（.koe）",
    import_file: "プロジェクトファイルを開く（.koe）",
    imported: |name, n| format!("「{name}」（コメント {n} 件）を開きました。"),
    saved: "このブラウザに保存済み",
    not_saved: "未保存",
    saving: "保存中…",
    persisted_yes: "ブラウザはこのデータを消さずに保持します。",
    persisted_no: "空き容量が少なくなると、ブラウザがこのデータを消すことがあります。大切な作業はプロジェクトファイルにも書き出してください。",
    privacy_heading: "データの保存場所とプライバシー",
    privacy_text: [
        "取り込んだコメント、タグ、コードブック、レポートの設定は、このパソコンのこのブラウザの中（IndexedDB）にだけ保存されます。",
        "Koe はどのサーバーにもデータを送りません。解析ツールや外部のフォントも使っていません。ページを開いた後はネットワークがなくても動きます。",
        "別のパソコンやブラウザで作業を続けるには「プロジェクトファイルを書き出す」で .koe ファイルを保存し、そちらで開いてください。ファイルの扱いは社内の個人情報の規程に従ってください。",
        "このパソコンからすべてのデータを消すには、下の「このブラウザの Koe のデータをすべて削除」を押してください。",
    ],
    offline_download: "オフライン版をダウンロード",
    offline_hint: "1つの HTML ファイル（koe.html）で、ネットワークなしでダブルクリックして開けます。データはそのファイルを開いたブラウザに保存されます。作業の受け渡しにはプロジェクトファイルを使ってください。",
    wipe: "このブラウザの Koe のデータをすべて削除",
    wipe_confirm: "すべてのプロジェクト、設定、保存されたページを削除します。元に戻せません。先にプロジェクトファイルを書き出しましたか？",
    wipe_yes: "すべて削除する",
    wipe_blocked: "別のタブで Koe が開いているため、削除を待っています。そのタブを閉じると削除が終わります。",
    restoring: "保存したプロジェクトを読み込んでいます…",
    read_only_other_tab: "このプロジェクトは別のタブで編集中のため、このタブでは読み取り専用です。",
    read_only_taken_over: "別のタブがこのプロジェクトの編集を引き継いだため、このタブは読み取り専用になりました。",
    take_over: "このタブで編集する",
    update_available: "新しいバージョンがあります。作業はすべて保存されています。",
    update_reload: "再読み込み",
    store_unavailable: |why| {
        format!(
            "このブラウザではデータを保存できません（{why}）。作業を続ける場合は、こまめに「プロジェクトファイルを書き出す」で保存してください。"
        )
    },
    store_full: "ブラウザの保存領域がいっぱいで、最新の変更を保存できませんでした。「プロジェクトファイルを書き出す」で保存し、使わないプロジェクトを削除してください。",
    store_failed: |why| {
        format!("保存に失敗しました（{why}）。「プロジェクトファイルを書き出す」で保存してください。")
    },
    store_aborted: "ブラウザが保存を取り消しました（保存領域が足りない可能性があります）。前回までの保存はそのままです。「プロジェクトファイルを書き出す」で今の作業を保存し、使わないプロジェクトを削除してください。",
    store_deleted_elsewhere: "Koe のデータは別のタブで削除されたため、このタブでは保存しません。ページを再読み込みしてください。",
    default_project_name: "マイプロジェクト",
    codebook_file_name: "コードブック.csv",
};

/// English.
pub const EN: StorageTexts = StorageTexts {
    nav: "Projects",
    projects_heading: "Projects kept in this browser",
    columns: ["Name", "Comments", "Size", "Last change"],
    current: "(open)",
    open: "Open",
    duplicate: "Duplicate",
    copy_name: |name| format!("Copy of {name}"),
    delete: "Delete",
    delete_confirm: |name| format!("Delete “{name}”? This cannot be undone."),
    delete_yes: "Delete",
    cancel: "Cancel",
    new_name: "Name of the new project",
    create: "New project",
    rename_label: "Name of the open project",
    export_file: "Export project file (.koe)",
    import_file: "Open a project file (.koe)",
    imported: |name, n| format!("Opened “{name}” ({n} comments)."),
    saved: "Saved in this browser",
    not_saved: "Not saved yet",
    saving: "Saving…",
    persisted_yes: "The browser keeps this data for good.",
    persisted_no: "The browser may clear this data when space runs low. Export important work as a project file too.",
    privacy_heading: "Where your data is kept, and privacy",
    privacy_text: [
        "Imported comments, tags, the codebook and report settings are kept only inside this browser on this computer (IndexedDB).",
        "Koe never sends data to any server. It uses no analytics and no outside fonts. Once the page is open it works without a network.",
        "To continue on another computer or browser, export the project file (.koe) and open it there. Handle the file under your company's personal-data rules.",
        "To remove every trace from this computer, press “Delete all Koe data in this browser” below.",
    ],
    offline_download: "Download the offline version",
    offline_hint: "One HTML file (koe.html) that opens with a double click, with no network. Its data stays in the browser that opens it; move work between copies with project files.",
    wipe: "Delete all Koe data in this browser",
    wipe_confirm: "This deletes every project, setting and stored page. It cannot be undone. Did you export your project files first?",
    wipe_yes: "Delete everything",
    wipe_blocked: "Another tab has Koe open, so deleting is waiting. Close that tab and the deletion finishes.",
    restoring: "Opening your saved project…",
    read_only_other_tab: "This project is being edited in another tab, so it is read-only here.",
    read_only_taken_over: "Another tab took over editing this project, so this tab is now read-only.",
    take_over: "Edit in this tab",
    update_available: "A new version of Koe is ready. All your work is saved.",
    update_reload: "Reload",
    store_unavailable: |why| {
        format!(
            "This browser does not let Koe keep data ({why}). To keep your work, export the project file regularly."
        )
    },
    store_full: "The browser's storage is full, so the latest changes could not be kept. Export the project file now and delete projects you no longer need.",
    store_failed: |why| format!("Saving failed ({why}). Please export the project file."),
    store_aborted: "The browser cancelled the save (its storage may be full). What was saved before is kept. Export the project file to keep your current work, and delete projects you no longer need.",
    store_deleted_elsewhere: "Koe's data was deleted in another tab, so this tab no longer saves. Please reload the page.",
    default_project_name: "My project",
    codebook_file_name: "codebook.csv",
};
