//! The request's logical structure, for tagged PDF: which drawn pieces form the title, each
//! question's heading and answer, the lists, the signature block, in reading order.
//!
//! The layout builds it as it lays rows out ([`Structure::open`], [`Structure::leaf`],
//! [`Structure::close`]), before anything is drawn: each line of text gets a [`Leaf`]. Drawing
//! marks the line's content on its page and records krilla's identifier for the leaf
//! ([`Marks`]); the tree krilla writes is made from both at the end ([`Structure::into_tree`]).
//! Page footers and rules are artifacts and have no leaf.

use krilla::tagging::{Identifier, Node, TagGroup, TagKind, TagTree};

/// One drawn piece of content in the structure: a line of text, or a signature field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Leaf(usize);

enum Item {
    Group(Group),
    Leaf(Leaf),
}

struct Group {
    kind: TagKind,
    items: Vec<Item>,
}

/// The structure tree as far as it is laid out: the groups still open, innermost last.
pub(super) struct Structure {
    top: Vec<Item>,
    open: Vec<Group>,
    leaves: usize,
}

impl Structure {
    pub(super) fn new() -> Structure {
        Structure {
            top: Vec::new(),
            open: Vec::new(),
            leaves: 0,
        }
    }

    /// Opens a group inside the innermost open one; what follows goes into it until
    /// [`Structure::close`].
    pub(super) fn open(&mut self, kind: impl Into<TagKind>) {
        self.open.push(Group {
            kind: kind.into(),
            items: Vec::new(),
        });
    }

    /// Closes the innermost open group.
    pub(super) fn close(&mut self) {
        if let Some(group) = self.open.pop() {
            self.push(Item::Group(group));
        }
    }

    /// A new leaf, the next piece of the innermost open group.
    pub(super) fn leaf(&mut self) -> Leaf {
        let leaf = Leaf(self.leaves);
        self.leaves += 1;
        self.push(Item::Leaf(leaf));
        leaf
    }

    fn push(&mut self, item: Item) {
        match self.open.last_mut() {
            Some(group) => group.items.push(item),
            None => self.top.push(item),
        }
    }

    /// How many leaves there are.
    pub(super) fn len(&self) -> usize {
        self.leaves
    }

    /// krilla's tag tree, each leaf the content marked for it; a leaf that was never drawn is
    /// left out (krilla refuses an identifier without a parent, not a group without a leaf).
    pub(super) fn into_tree(mut self, marks: &Marks, lang: &str) -> TagTree {
        while !self.open.is_empty() {
            self.close();
        }
        let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
        for item in self.top {
            if let Some(node) = node(item, marks) {
                tree.push(node);
            }
        }
        tree
    }
}

fn node(item: Item, marks: &Marks) -> Option<Node> {
    match item {
        Item::Leaf(leaf) => marks.get(leaf).map(Node::Leaf),
        Item::Group(group) => {
            let children: Vec<Node> = group
                .items
                .into_iter()
                .filter_map(|item| node(item, marks))
                .collect();
            (!children.is_empty())
                .then(|| Node::Group(TagGroup::with_children(group.kind, children)))
        }
    }
}

/// krilla's identifier of each leaf's content, as drawn.
pub(super) struct Marks(Vec<Option<Identifier>>);

impl Marks {
    pub(super) fn new(leaves: usize) -> Marks {
        Marks(vec![None; leaves])
    }

    pub(super) fn set(&mut self, leaf: Leaf, id: Identifier) {
        if let Some(slot) = self.0.get_mut(leaf.0) {
            *slot = Some(id);
        }
    }

    fn get(&self, leaf: Leaf) -> Option<Identifier> {
        self.0.get(leaf.0).copied().flatten()
    }
}
