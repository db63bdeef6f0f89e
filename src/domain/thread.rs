//! Arranging a post's comments into threads for display.

use std::collections::HashMap;

use serde::Serialize;

use super::ids::CommentId;

/// Something that sits in a thread.
pub trait Threaded {
    fn id(&self) -> CommentId;
    fn parent_id(&self) -> Option<CommentId>;
}

/// Orders comments (given oldest first) as threads: each comment followed by
/// its replies, oldest first, with its depth (0 for a top-level comment).
/// Replies deeper than `max_depth` are shown at the deepest level; a reply
/// whose parent is not in the list is shown as a top-level comment.
pub fn arrange<T: Threaded>(comments: Vec<T>, max_depth: usize) -> Vec<(usize, T)> {
    let present: std::collections::HashSet<CommentId> = comments.iter().map(Threaded::id).collect();
    let mut children: HashMap<Option<CommentId>, Vec<T>> = HashMap::new();
    for comment in comments {
        let parent = comment
            .parent_id()
            .filter(|p| present.contains(p) && *p != comment.id());
        children.entry(parent).or_default().push(comment);
    }
    // Children lists are in input order; reverse so that `pop` takes the oldest first.
    for list in children.values_mut() {
        list.reverse();
    }
    let mut arranged = Vec::with_capacity(present.len());
    let mut stack: Vec<(usize, T)> = Vec::new();
    let mut push_children =
        |parent: Option<CommentId>, depth: usize, stack: &mut Vec<(usize, T)>| {
            if let Some(list) = children.remove(&parent) {
                // The stack is LIFO, so push in reverse of display order.
                stack.extend(list.into_iter().map(|c| (depth, c)));
            }
        };
    push_children(None, 0, &mut stack);
    while let Some((depth, comment)) = stack.pop() {
        let id = comment.id();
        arranged.push((depth.min(max_depth.saturating_sub(1)), comment));
        push_children(Some(id), depth + 1, &mut stack);
    }
    arranged
}

/// A comment and the replies nested inside it, as the page shows them.
#[derive(Debug, Serialize)]
pub struct Node<T> {
    #[serde(flatten)]
    pub item: T,
    pub replies: Vec<Node<T>>,
}

/// Nests comments in the order and at the depths [`arrange`] gives them: each
/// one becomes a reply of the nearest comment before it that is one level up.
/// (A depth that jumps by more than one level is taken as one level deeper.)
pub fn nest<T>(arranged: Vec<T>, depth_of: impl Fn(&T) -> usize) -> Vec<Node<T>> {
    fn close<T>(open: &mut Vec<Node<T>>, roots: &mut Vec<Node<T>>) {
        if let Some(node) = open.pop() {
            match open.last_mut() {
                Some(parent) => parent.replies.push(node),
                None => roots.push(node),
            }
        }
    }
    let mut roots = Vec::new();
    // The path from a top-level comment down to the one last placed.
    let mut open: Vec<Node<T>> = Vec::new();
    for item in arranged {
        let depth = depth_of(&item);
        while open.len() > depth {
            close(&mut open, &mut roots);
        }
        open.push(Node {
            item,
            replies: Vec::new(),
        });
    }
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct C(i64, Option<i64>);

    impl Threaded for C {
        fn id(&self) -> CommentId {
            CommentId::new(self.0)
        }
        fn parent_id(&self) -> Option<CommentId> {
            self.1.map(CommentId::new)
        }
    }

    /// 1 with replies 3 (itself answered by 5) and 4; then 2.
    fn two_threads() -> Vec<C> {
        vec![
            C(1, None),
            C(2, None),
            C(3, Some(1)),
            C(4, Some(1)),
            C(5, Some(3)),
        ]
    }

    fn ids(arranged: &[(usize, C)]) -> Vec<(usize, i64)> {
        arranged.iter().map(|(d, c)| (*d, c.0)).collect()
    }

    #[test]
    fn replies_follow_their_parent_oldest_first() {
        let comments = two_threads();
        let arranged = arrange(comments, 5);
        assert_eq!(ids(&arranged), vec![(0, 1), (1, 3), (2, 5), (1, 4), (0, 2)]);
    }

    #[test]
    fn replies_deeper_than_the_cap_stay_at_the_cap() {
        let comments = vec![C(1, None), C(2, Some(1)), C(3, Some(2)), C(4, Some(3))];
        let arranged = arrange(comments, 2);
        assert_eq!(ids(&arranged), vec![(0, 1), (1, 2), (1, 3), (1, 4)]);
    }

    #[test]
    fn a_reply_to_an_invisible_comment_is_shown_at_the_top_level() {
        let comments = vec![C(2, Some(1)), C(3, None)];
        let arranged = arrange(comments, 5);
        assert_eq!(ids(&arranged), vec![(0, 2), (0, 3)]);
    }

    fn shape(nodes: &[Node<(usize, C)>]) -> String {
        nodes
            .iter()
            .map(|n| {
                if n.replies.is_empty() {
                    n.item.1.0.to_string()
                } else {
                    format!("{}({})", n.item.1.0, shape(&n.replies))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn replies_nest_inside_their_parent() {
        let comments = two_threads();
        assert_eq!(
            shape(&nest(arrange(comments, 5), |(d, _)| *d)),
            "1(3(5) 4) 2"
        );
    }

    #[test]
    fn replies_beyond_the_cap_are_siblings_at_the_deepest_level() {
        let comments = vec![C(1, None), C(2, Some(1)), C(3, Some(2)), C(4, Some(3))];
        assert_eq!(shape(&nest(arrange(comments, 2), |(d, _)| *d)), "1(2 3 4)");
    }

    #[test]
    fn with_a_depth_of_one_nothing_nests() {
        let comments = vec![C(1, None), C(2, Some(1)), C(3, None)];
        assert_eq!(shape(&nest(arrange(comments, 1), |(d, _)| *d)), "1 2 3");
    }
}
