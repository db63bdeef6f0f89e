//! Which rows one page of a long list shows (`?page=N`), read so that a deep
//! page costs what the first one does.
//!
//! A list is kept newest first, each row placed by a time and its id. The
//! links to the next and previous pages carry the place of the last (first)
//! row shown (`after=`, `before=`), and the page is read from there through
//! the index ("keyset" pagination): no row before it is stepped over. A page
//! asked for by number alone is read from the nearer end of the list, so the
//! last page is as cheap as the first and the middle costs half a scan.

/// Rows on one page of an admin list.
pub const ADMIN_PAGE_SIZE: i64 = 50;

/// A row's place in a newest-first list: its time, then its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: i64,
    pub id: i64,
}

impl Cursor {
    /// Before every row, from the newest end.
    pub const NEWEST: Self = Self {
        at: i64::MAX,
        id: i64::MAX,
    };
    /// Before every row, from the oldest end.
    pub const OLDEST: Self = Self {
        at: i64::MIN,
        id: i64::MIN,
    };

    pub fn new(at: i64, id: i64) -> Self {
        Self { at, id }
    }

    /// A cursor as a link writes it (`1733580000.42`); `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        let (at, id) = raw.split_once('.')?;
        Some(Self {
            at: at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }

    pub fn to_param(self) -> String {
        format!("{}.{}", self.at, self.id)
    }
}

/// The end of the list a page is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Newest,
    Oldest,
}

/// How to read one page: from an end of the list, starting past a row (or at
/// the end itself), skipping some rows, taking at most some.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: End,
    pub past: Cursor,
    pub skip: i64,
    pub take: i64,
}

/// What a request asks for: a page number, and the place the link it followed came from.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageRequest<'a> {
    pub page: Option<&'a str>,
    pub after: Option<&'a str>,
    pub before: Option<&'a str>,
}

/// What a list can do besides reading from its newest end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// `skip` rows from the newest end only (a short list, or one without a
    /// second index order); cursors are ignored.
    Offset,
    /// Cursors, and from either end (its count is exact).
    Keyset,
    /// Cursors, from the newest end only (its count may stop at a cap).
    KeysetNewestOnly,
}

/// One page of a list of `total` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPage {
    page: i64,
    per_page: i64,
    total: i64,
    last_page: i64,
    window: Window,
}

/// A page's number and the list's sizes, for choosing how to read the page.
#[derive(Debug, Clone, Copy)]
struct Shape {
    page: i64,
    per_page: i64,
    total: i64,
    last_page: i64,
}

impl Shape {
    /// How to read the page: past the row the link to it came from (a keyset
    /// list), else from the nearer end of the list.
    fn window(self, request: PageRequest<'_>, reading: Reading) -> Window {
        let Self {
            page,
            per_page,
            total,
            last_page,
        } = self;
        let rows_on_page = (total - (page - 1) * per_page).clamp(0, per_page);
        let cursor = |raw: Option<&str>| {
            if reading == Reading::Offset {
                None
            } else {
                raw.and_then(Cursor::parse)
            }
        };
        if let Some(after) = cursor(request.after) {
            Window {
                from: End::Newest,
                past: after,
                skip: 0,
                take: per_page,
            }
        } else if let Some(before) = cursor(request.before) {
            Window {
                from: End::Oldest,
                past: before,
                skip: 0,
                take: per_page,
            }
        } else if reading == Reading::Keyset && page > (last_page + 1) / 2 {
            Window {
                from: End::Oldest,
                past: Cursor::OLDEST,
                skip: (total - page * per_page).max(0),
                take: rows_on_page,
            }
        } else {
            Window {
                from: End::Newest,
                past: Cursor::NEWEST,
                skip: (page - 1) * per_page,
                take: per_page,
            }
        }
    }
}

impl ListPage {
    /// The page asked for, or `None` when its number is not one of the list's
    /// pages (a list without rows has one, empty, page).
    pub fn locate(
        request: PageRequest<'_>,
        total: i64,
        per_page: i64,
        reading: Reading,
    ) -> Option<Self> {
        let page = match request.page {
            None | Some("") => 1,
            Some(raw) => raw.parse::<i64>().ok().filter(|n| *n >= 1)?,
        };
        let per_page = per_page.max(1);
        let total = total.max(0);
        let last_page = ((total + per_page - 1) / per_page).max(1);
        if page > last_page {
            return None;
        }
        let shape = Shape {
            page,
            per_page,
            total,
            last_page,
        };
        let window = shape.window(request, reading);
        Some(Self {
            page,
            per_page,
            total,
            last_page,
            window,
        })
    }

    pub fn window(&self) -> Window {
        self.window
    }

    pub fn page(&self) -> i64 {
        self.page
    }

    pub fn last_page(&self) -> i64 {
        self.last_page
    }

    pub fn total(&self) -> i64 {
        self.total
    }

    /// The place in the whole list of the first and last row of this page
    /// (counted from 1), as "51–100 of 5,000" shows them; `None` on an empty page.
    pub fn rows_shown(&self, rows_on_page: usize) -> Option<(i64, i64)> {
        let shown = i64::try_from(rows_on_page).ok().filter(|n| *n > 0)?;
        let first = (self.page - 1) * self.per_page + 1;
        Some((first, first + shown - 1))
    }

    pub fn newer(&self) -> Option<i64> {
        (self.page > 1).then_some(self.page - 1)
    }

    pub fn older(&self) -> Option<i64> {
        (self.page < self.last_page).then_some(self.page + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(page: &str) -> PageRequest<'_> {
        PageRequest {
            page: Some(page),
            ..PageRequest::default()
        }
    }

    #[test]
    fn the_first_page_is_read_from_the_newest_end() {
        let page = ListPage::locate(PageRequest::default(), 120, 50, Reading::Keyset).unwrap();
        assert_eq!(page.page(), 1);
        assert_eq!(page.last_page(), 3);
        assert_eq!(
            page.window(),
            Window {
                from: End::Newest,
                past: Cursor::NEWEST,
                skip: 0,
                take: 50
            }
        );
    }

    #[test]
    fn a_page_past_the_middle_is_read_from_the_oldest_end() {
        let last = ListPage::locate(ask("3"), 120, 50, Reading::Keyset).unwrap();
        assert_eq!(
            last.window(),
            Window {
                from: End::Oldest,
                past: Cursor::OLDEST,
                skip: 0,
                take: 20
            }
        );
        let deep = ListPage::locate(ask("3999"), 200_000, 50, Reading::Keyset).unwrap();
        assert_eq!(deep.window().from, End::Oldest);
        assert_eq!(deep.window().skip, 50);
        assert_eq!(deep.window().take, 50);
    }

    #[test]
    fn a_list_without_keyset_reading_skips_from_the_newest_end() {
        let page = ListPage::locate(ask("3"), 120, 50, Reading::Offset).unwrap();
        assert_eq!(page.window().from, End::Newest);
        assert_eq!(page.window().skip, 100);
        let followed = ListPage::locate(
            PageRequest {
                page: Some("2"),
                after: Some("5.5"),
                before: None,
            },
            120,
            50,
            Reading::Offset,
        )
        .unwrap();
        assert_eq!(followed.window().skip, 50, "cursors are ignored");
    }

    #[test]
    fn a_link_with_a_cursor_is_read_from_that_row_on() {
        let next = ListPage::locate(
            PageRequest {
                page: Some("2"),
                after: Some("1733580000.42"),
                before: None,
            },
            120,
            50,
            Reading::Keyset,
        )
        .unwrap();
        assert_eq!(
            next.window(),
            Window {
                from: End::Newest,
                past: Cursor::new(1_733_580_000, 42),
                skip: 0,
                take: 50
            }
        );
        let previous = ListPage::locate(
            PageRequest {
                page: Some("1"),
                after: None,
                before: Some("17.3"),
            },
            120,
            50,
            Reading::KeysetNewestOnly,
        )
        .unwrap();
        assert_eq!(previous.window().from, End::Oldest);
        assert_eq!(previous.window().past, Cursor::new(17, 3));
    }

    #[test]
    fn a_list_capped_in_its_count_never_reads_from_the_oldest_end() {
        let page = ListPage::locate(ask("200"), 10_000, 50, Reading::KeysetNewestOnly).unwrap();
        assert_eq!(page.window().from, End::Newest);
        assert_eq!(page.window().skip, 9_950);
    }

    #[test]
    fn a_page_number_that_is_no_page_is_refused() {
        for raw in ["0", "-1", "x", "4", "1.5"] {
            assert!(
                ListPage::locate(ask(raw), 120, 50, Reading::Keyset).is_none(),
                "{raw}"
            );
        }
        assert!(ListPage::locate(ask("1"), 0, 50, Reading::Keyset).is_some());
        assert!(ListPage::locate(ask("2"), 0, 50, Reading::Keyset).is_none());
    }

    #[test]
    fn a_cursor_that_is_no_cursor_is_ignored() {
        let page = ListPage::locate(
            PageRequest {
                page: Some("2"),
                after: Some("junk"),
                before: None,
            },
            120,
            50,
            Reading::Keyset,
        )
        .unwrap();
        assert_eq!(page.window().skip, 50);
        assert_eq!(Cursor::parse("1.2.3"), None);
        assert_eq!(Cursor::parse("-5.7"), Some(Cursor::new(-5, 7)));
        assert_eq!(Cursor::new(9, 8).to_param(), "9.8");
    }

    #[test]
    fn the_rows_shown_are_counted_from_one() {
        let page = ListPage::locate(ask("2"), 120, 50, Reading::Keyset).unwrap();
        assert_eq!(page.rows_shown(50), Some((51, 100)));
        assert_eq!(page.rows_shown(0), None);
        assert_eq!(page.newer(), Some(1));
        assert_eq!(page.older(), Some(3));
    }
}
