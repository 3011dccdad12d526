//! The app's addresses: which page, and for the report which month, written in the URL's
//! fragment (`#/report/2026-10`) so they work on GitHub Pages' sub-path and from `koe.html` on
//! disk alike, with no server to answer other paths. Leptos' router reads only paths, so the
//! fragment is parsed here and kept in step by the page.

/// A page of the app, as its address names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Import and tag comments (`#/comments`, also the empty address).
    Comments,
    /// The codebook (`#/codebook`).
    Codebook,
    /// The report, with the month it shows when the address names one (`#/report/2026-10`).
    Report(Option<(i32, u32)>),
    /// Projects and data (`#/projects`).
    Projects,
    /// Help (`#/help`).
    Help,
}

impl Route {
    /// Reads a fragment (`#/report/2026-10`, with or without `#`); an unknown address opens
    /// the comments page.
    pub fn parse(fragment: &str) -> Route {
        let path = fragment.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        match parts.next() {
            Some("codebook") => Route::Codebook,
            Some("projects") => Route::Projects,
            Some("help") => Route::Help,
            Some("report") => Route::Report(parts.next().and_then(parse_month)),
            _ => Route::Comments,
        }
    }

    /// The fragment of this address, `#/…`.
    pub fn to_fragment(self) -> String {
        match self {
            Route::Comments => "#/comments".to_owned(),
            Route::Codebook => "#/codebook".to_owned(),
            Route::Report(Some((year, month))) => format!("#/report/{year:04}-{month:02}"),
            Route::Report(None) => "#/report".to_owned(),
            Route::Projects => "#/projects".to_owned(),
            Route::Help => "#/help".to_owned(),
        }
    }

    /// Whether two addresses show the same page (the report's month aside).
    pub fn same_page(self, other: Route) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }
}

fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.split_once('-')?;
    let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
    ((1900..=9999).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(fragment: &str, expected: Route) {
        assert_eq!(Route::parse(fragment), expected, "{fragment}");
    }

    #[test]
    fn addresses_read_and_write_back() {
        check("", Route::Comments);
        check("#/", Route::Comments);
        check("#/comments", Route::Comments);
        check("#/codebook", Route::Codebook);
        check("#/report", Route::Report(None));
        check("#/report/2026-10", Route::Report(Some((2026, 10))));
        check("#/report/2026-13", Route::Report(None));
        check("#/report/<script>", Route::Report(None));
        check("#/projects", Route::Projects);
        check("#/help/", Route::Help);
        check("#/nowhere", Route::Comments);
        for route in [
            Route::Comments,
            Route::Codebook,
            Route::Report(None),
            Route::Report(Some((2026, 1))),
            Route::Projects,
            Route::Help,
        ] {
            assert_eq!(Route::parse(&route.to_fragment()), route);
        }
        assert!(Route::Report(Some((2026, 1))).same_page(Route::Report(None)));
        assert!(!Route::Help.same_page(Route::Projects));
    }
}
