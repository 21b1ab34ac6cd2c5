//! Splicing: the edits that turn the file's text into the new value, one
//! value at a time, writing new entries like their neighbours.

use super::diff::{Op, diff};
use unicode_width::UnicodeWidthStr;

use super::text::{
    Container, LineKind, closer, comma_after, house_string, indent_of, is_divider, line_kinds,
    line_start, open_after, opener, trail_end,
};
use super::{Edit, MAX_COMPACT_WIDTH};
use crate::store::spans::{self, Node, NodeKind};

/// A field or list item to be written new.
pub(super) enum NewEntry<'n> {
    Item(&'n Node),
    Field(&'n str, &'n Node),
}

/// Collects the edits that turn the original text into the new value.
pub(super) struct Splicer<'a> {
    pub(super) o: &'a str,
    pub(super) co: &'a str,
    pub(super) cn: &'a str,
    pub(super) nl: &'static str,
    pub(super) unit: String,
    /// New values are written without fields holding an empty list.
    pub(super) omit_empty: bool,
    pub(super) edits: Vec<Edit>,
}

impl<'a> Splicer<'a> {
    pub(super) fn new(
        o: &'a str,
        co: &'a str,
        cn: &'a str,
        nl: &'static str,
        unit: String,
    ) -> Self {
        Splicer {
            o,
            co,
            cn,
            nl,
            unit,
            omit_empty: false,
            edits: Vec::new(),
        }
    }

    pub(super) fn edit(&mut self, start: usize, end: usize, text: String) {
        self.edits.push(Edit { start, end, text });
    }

    pub(super) fn co_text(&self, n: &Node) -> &'a str {
        &self.co[n.start..n.end]
    }

    pub(super) fn cn_text(&self, n: &Node) -> &'a str {
        &self.cn[n.start..n.end]
    }

    /// Makes the original value `o` (whose value serialises as `co`) into `cn`.
    pub(super) fn merge(&mut self, o: &Node, co: &Node, cn: &Node) {
        if self.co_text(co) == self.cn_text(cn) {
            return;
        }
        match (&o.kind, &co.kind, &cn.kind) {
            (NodeKind::Fields(of), NodeKind::Fields(cof), NodeKind::Fields(cnf))
                if opener(self.co, co) == opener(self.cn, cn) =>
            {
                self.merge_fields(o, of, cof, cnf);
            }
            (NodeKind::Items(oi), NodeKind::Items(coi), NodeKind::Items(cni))
                if oi.len() == coi.len()
                    && opener(self.co, co) == opener(self.cn, cn)
                    && self.o[open_after(self.o, o).saturating_sub(1)..]
                        .chars()
                        .next()
                        == opener(self.co, co).chars().last() =>
            {
                self.merge_items(o, coi, cni);
            }
            _ => self.replace(o, cn),
        }
    }

    /// Replaces a whole value, keeping its layout: one line stays one line.
    /// A value that was on one line but whose new text is too wide for one
    /// goes over several lines.
    pub(super) fn replace(&mut self, o: &Node, cn: &Node) {
        let indent = indent_of(self.o, o.start).to_owned();
        let one = self.compact(cn);
        let line_so_far = &self.o[line_start(self.o, o.start)..o.start];
        let fits = line_so_far.width() + one.width() < MAX_COMPACT_WIDTH;
        let text = if self.o[o.start..o.end].contains('\n') || !fits {
            self.pretty(cn, &indent)
        } else {
            one
        };
        self.edit(o.start, o.end, text);
    }

    pub(super) fn merge_fields(
        &mut self,
        o: &Node,
        of: &[spans::Field],
        cof: &[spans::Field],
        cnf: &[spans::Field],
    ) {
        let mut names: Vec<&str> = cnf.iter().map(|f| f.name.as_str()).collect();
        for f in cof {
            if !names.contains(&f.name.as_str()) {
                names.push(&f.name);
            }
        }
        let mut deleted = vec![false; of.len()];
        let mut inserts: Vec<(Option<usize>, NewEntry)> = Vec::new();
        for name in names {
            let co_f = cof.iter().find(|f| f.name == name);
            let cn_i = cnf.iter().position(|f| f.name == name);
            let cn_f = cn_i.map(|i| &cnf[i]);
            let o_i = of.iter().position(|f| f.name == name);
            let same = match (co_f, cn_f) {
                (Some(a), Some(b)) => self.co_text(&a.value) == self.cn_text(&b.value),
                (None, None) => true,
                _ => false,
            };
            if same {
                continue;
            }
            match (o_i, cn_f, cn_i) {
                (Some(oi), Some(nf), _) => match co_f {
                    Some(cf) => self.merge(&of[oi].value, &cf.value, &nf.value),
                    None => self.replace(&of[oi].value, &nf.value),
                },
                (Some(oi), None, _) => deleted[oi] = true,
                (None, Some(nf), Some(ni)) => {
                    // After the nearest earlier field (in the new order) the file has.
                    let anchor = cnf[..ni].iter().rev().find_map(|p| {
                        of.iter()
                            .position(|f| f.name == p.name)
                            .filter(|&k| !deleted[k])
                    });
                    inserts.push((anchor, NewEntry::Field(&nf.name, &nf.value)));
                }
                _ => {}
            }
        }
        let c = Container::of(self.o, o);
        self.delete_entries(&c, &deleted);
        self.insert_entries(&c, &deleted, &inserts);
    }

    pub(super) fn merge_items(&mut self, o: &Node, coi: &[Node], cni: &[Node]) {
        let NodeKind::Items(oi) = &o.kind else {
            return;
        };
        let a: Vec<&str> = coi.iter().map(|n| self.co_text(n)).collect();
        let b: Vec<&str> = cni.iter().map(|n| self.cn_text(n)).collect();
        let ops = diff(&a, &b);
        let mut deleted = vec![false; coi.len()];
        let mut inserts: Vec<(Option<usize>, NewEntry)> = Vec::new();
        let mut anchor: Option<usize> = None;
        let mut k = 0;
        while k < ops.len() {
            if let Op::Keep(i) = ops[k] {
                anchor = Some(i);
                k += 1;
                continue;
            }
            let (mut dels, mut ins) = (Vec::new(), Vec::new());
            while k < ops.len() {
                match ops[k] {
                    Op::Keep(_) => break,
                    Op::Del(i) => dels.push(i),
                    Op::Ins(j) => ins.push(j),
                }
                k += 1;
            }
            // An item that was changed, not replaced, keeps its place and comments.
            let mut from = 0;
            let mut partner: Vec<Option<usize>> = vec![None; ins.len()];
            for (x, &j) in ins.iter().enumerate() {
                if let Some(q) = (from..dels.len()).find(|&q| self.similar(&coi[dels[q]], &cni[j]))
                {
                    partner[x] = Some(dels[q]);
                    from = q + 1;
                }
            }
            for &i in &dels {
                deleted[i] = true;
            }
            for i in partner.iter().flatten() {
                deleted[*i] = false;
            }
            for (x, &j) in ins.iter().enumerate() {
                match partner[x] {
                    Some(i) => {
                        self.merge(&oi[i], &coi[i], &cni[j]);
                        anchor = Some(i);
                    }
                    None => inserts.push((anchor, NewEntry::Item(&cni[j]))),
                }
            }
        }
        let c = Container::of(self.o, o);
        self.delete_entries(&c, &deleted);
        self.insert_entries(&c, &deleted, &inserts);
    }

    /// Whether a new item is the old one changed (same kind, same first
    /// field or at least half its fields), rather than another item.
    pub(super) fn similar(&self, co: &Node, cn: &Node) -> bool {
        match (&co.kind, &cn.kind) {
            (NodeKind::Scalar, NodeKind::Scalar) | (NodeKind::Items(_), NodeKind::Items(_)) => true,
            (NodeKind::Fields(a), NodeKind::Fields(b)) => {
                if opener(self.co, co) != opener(self.cn, cn) {
                    return false;
                }
                let equal = |x: &spans::Field, y: &spans::Field| {
                    x.name == y.name && self.co_text(&x.value) == self.cn_text(&y.value)
                };
                let first = matches!((a.first(), b.first()), (Some(x), Some(y)) if equal(x, y));
                let same = a.iter().filter(|x| b.iter().any(|y| equal(x, y))).count();
                first || 2 * same >= a.len().max(b.len())
            }
            _ => false,
        }
    }

    /// Where the comment lines directly above entry `k` begin (its own line
    /// if there are none): up to a blank line, code, or a divider comment.
    /// Only used for entries on their own lines.
    pub(super) fn block_start(&self, c: &Container, k: usize) -> usize {
        let (s, _) = c.entries[k];
        let region = if k == 0 {
            trail_end(self.o, c.open_after)
        } else {
            trail_end(self.o, c.entries[k - 1].1)
        };
        let own = line_start(self.o, s);
        let Some(region) = region.filter(|r| *r <= own) else {
            return own;
        };
        let mut start = own;
        for (ls, kind) in line_kinds(self.o.as_bytes(), region, own).into_iter().rev() {
            let line = self.o[ls..].lines().next().unwrap_or("");
            if kind != LineKind::Comment || is_divider(line) {
                break;
            }
            start = ls;
        }
        start
    }

    /// Removes entries; on their own lines with their leading comment lines
    /// and trailing `,` and comment, else just the entry and one separator.
    pub(super) fn delete_entries(&mut self, c: &Container, deleted: &[bool]) {
        let n = c.entries.len();
        if c.lines {
            for k in (0..n).filter(|&k| deleted[k]) {
                let start = self.block_start(c, k);
                let end = trail_end(self.o, c.entries[k].1).unwrap_or(c.entries[k].1);
                self.edit(start, end, String::new());
            }
            return;
        }
        let mut i = 0;
        while i < n {
            if !deleted[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < n && deleted[j + 1] {
                j += 1;
            }
            let (_, e_j) = c.entries[j];
            let comma_j = comma_after(self.o, e_j);
            let (start, end) = if i > 0 {
                let (_, e_p) = c.entries[i - 1];
                let end = comma_j.map_or(e_j, |q| q + 1);
                let start = if j == n - 1 && comma_j.is_none() {
                    e_p
                } else {
                    comma_after(self.o, e_p).map_or(e_p, |q| q + 1)
                };
                (start, end)
            } else {
                let mut end = comma_j.map_or(e_j, |q| q + 1);
                if j < n - 1 {
                    let b = self.o.as_bytes();
                    while end < b.len() && matches!(b[end], b' ' | b'\t') {
                        end += 1;
                    }
                }
                (c.entries[0].0, end)
            };
            self.edit(start, end, String::new());
            i = j + 1;
        }
    }

    pub(super) fn insert_entries(
        &mut self,
        c: &Container,
        deleted: &[bool],
        inserts: &[(Option<usize>, NewEntry)],
    ) {
        if inserts.is_empty() {
            return;
        }
        if c.entries.is_empty() {
            self.fill_empty(c, inserts);
            return;
        }
        let last = c.entries.len() - 1;
        let last_comma = comma_after(self.o, c.entries[last].1).is_some();
        let final_new_at_end = inserts.iter().rposition(|(a, _)| *a == Some(last));
        let mut comma_added = false;
        for (x, (anchor, entry)) in inserts.iter().enumerate() {
            let reference = anchor.unwrap_or(0);
            let (rs, re) = c.entries[reference];
            if c.lines {
                let indent = indent_of(self.o, rs).to_owned();
                let multiline = self.o[rs..re].contains('\n');
                let body = self.like_sibling(entry, rs, &indent, multiline);
                let comma = if final_new_at_end == Some(x) && !last_comma {
                    ""
                } else {
                    ","
                };
                let text = format!("{indent}{body}{comma}{}", self.nl);
                if let Some(k) = anchor {
                    let (_, e) = c.entries[*k];
                    if *k == last && !last_comma && !comma_added {
                        // The old last entry had no `,`: it is no longer last.
                        self.edit(e, e, ",".into());
                        comma_added = true;
                    }
                    let pos = trail_end(self.o, e).unwrap_or(e);
                    self.edit(pos, pos, text);
                } else {
                    let pos = self.block_start(c, 0);
                    self.edit(pos, pos, text);
                }
            } else {
                let body = self.like_sibling(entry, rs, "", false);
                match anchor {
                    Some(k) => {
                        let e = c.entries[*k].1;
                        self.edit(e, e, format!(", {body}"));
                    }
                    // Before the first entry; when every old entry goes,
                    // the last new one needs no separator.
                    None if deleted.iter().all(|d| *d)
                        && !inserts[x + 1..].iter().any(|(a, _)| a.is_none()) =>
                    {
                        self.edit(rs, rs, body);
                    }
                    None => self.edit(rs, rs, format!("{body}, ")),
                }
            }
        }
    }

    /// New entries into `[]` or `Name()` with nothing in it yet.
    pub(super) fn fill_empty(&mut self, c: &Container, inserts: &[(Option<usize>, NewEntry)]) {
        let inner = &self.o[c.open_after..c.close];
        let all_scalar = inserts.iter().all(|(_, e)| match e {
            NewEntry::Item(n) => matches!(n.kind, NodeKind::Scalar),
            NewEntry::Field(..) => false,
        });
        if all_scalar && inner.trim().is_empty() {
            let parts: Vec<String> = inserts
                .iter()
                .map(|(_, e)| self.entry_text(e, "", false))
                .collect();
            self.edit(c.open_after, c.close, parts.join(", "));
            return;
        }
        let outer = indent_of(self.o, c.close).to_owned();
        let indent = format!("{outer}{}", self.unit);
        let mut lines = String::new();
        for (_, e) in inserts {
            let body = match e {
                NewEntry::Item(n) => self.item(n, &indent),
                NewEntry::Field(..) => self.entry_text(e, &indent, true),
            };
            lines.push_str(&format!("{indent}{body},{}", self.nl));
        }
        if inner.contains('\n') {
            let pos = line_start(self.o, c.close);
            self.edit(pos, pos, lines);
        } else {
            let open_indent = indent_of(self.o, c.open_after - 1).to_owned();
            let kept = inner.trim();
            let kept = if kept.is_empty() {
                String::new()
            } else {
                format!(" {kept}")
            };
            let nl = self.nl;
            self.edit(
                c.open_after,
                c.close,
                format!("{kept}{nl}{lines}{open_indent}"),
            );
        }
    }

    /// A new entry written like the sibling at `rs`: without the struct
    /// name when the sibling leaves it out (`(name: "…", seats: 40)`). Only
    /// plain structs can leave it out, and all items of a list are of one
    /// type, so the new one can too.
    pub(super) fn like_sibling(
        &self,
        e: &NewEntry,
        rs: usize,
        indent: &str,
        multiline: bool,
    ) -> String {
        let text = self.entry_text(e, indent, multiline);
        if matches!(e, NewEntry::Item(_))
            && self.o[rs..].starts_with('(')
            && let Some(i) = text.find('(')
            && i > 0
            && text[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return text[i..].to_owned();
        }
        text
    }

    /// The text of a new entry. `multiline`: as its line-mode siblings are
    /// (several lines each) or, for fields, a struct with a field per line.
    pub(super) fn entry_text(&self, e: &NewEntry, indent: &str, multiline: bool) -> String {
        match e {
            NewEntry::Item(n) => {
                if multiline {
                    self.pretty(n, indent)
                } else {
                    self.compact(n)
                }
            }
            NewEntry::Field(name, v) => {
                let value = if multiline || !indent.is_empty() {
                    self.pretty(v, indent)
                } else {
                    self.compact(v)
                };
                format!("{name}: {value}")
            }
        }
    }

    /// A canonical scalar as staff write it.
    pub(super) fn scalar(&self, n: &Node) -> String {
        let tok = self.cn_text(n);
        if tok.starts_with('"')
            && let Ok(s) = ron::from_str::<String>(tok)
        {
            return house_string(&s);
        }
        tok.to_owned()
    }

    /// A new value on one line: `Film(id: "F01", title: "…")`.
    pub(super) fn compact(&self, n: &Node) -> String {
        match &n.kind {
            NodeKind::Scalar => self.scalar(n),
            NodeKind::Fields(fields) => {
                let parts: Vec<String> = self
                    .written_fields(fields)
                    .map(|f| format!("{}: {}", f.name, self.compact(&f.value)))
                    .collect();
                format!("{}{})", opener(self.cn, n), parts.join(", "))
            }
            NodeKind::Items(items) => {
                let open = opener(self.cn, n);
                let parts: Vec<String> = if open.ends_with('{') {
                    items
                        .chunks(2)
                        .map(|kv| {
                            let v = kv.get(1).map(|v| self.compact(v)).unwrap_or_default();
                            format!("{}: {v}", self.compact(&kv[0]))
                        })
                        .collect()
                } else {
                    items.iter().map(|x| self.compact(x)).collect()
                };
                format!("{open}{}{}", parts.join(", "), closer(self.cn, n))
            }
        }
    }

    /// The fields of a new value that are written.
    pub(super) fn written_fields<'f>(
        &self,
        fields: &'f [spans::Field],
    ) -> impl Iterator<Item = &'f spans::Field> + use<'f, 'a> {
        let cn = self.cn;
        let omit = self.omit_empty;
        fields.iter().filter(move |f| {
            !(omit
                && matches!(&f.value.kind, NodeKind::Items(i) if i.is_empty())
                && opener(cn, &f.value) == "[")
        })
    }

    /// A new list item: on one line when it fits, else over several.
    pub(super) fn item(&self, n: &Node, indent: &str) -> String {
        let one = self.compact(n);
        if indent.width() + one.width() < MAX_COMPACT_WIDTH {
            one
        } else {
            self.pretty(n, indent)
        }
    }

    /// A new value over several lines in the house style: a field per line,
    /// lists of plain values on one line, list items on one line each when
    /// they fit.
    pub(super) fn pretty(&self, n: &Node, indent: &str) -> String {
        let nl = self.nl;
        let inner = format!("{indent}{}", self.unit);
        match &n.kind {
            NodeKind::Scalar => self.scalar(n),
            NodeKind::Fields(fields) => {
                let mut s = format!("{}{nl}", opener(self.cn, n));
                for f in self.written_fields(fields) {
                    s.push_str(&format!(
                        "{inner}{}: {},{nl}",
                        f.name,
                        self.pretty(&f.value, &inner)
                    ));
                }
                s.push_str(indent);
                s.push(')');
                s
            }
            NodeKind::Items(items) => {
                let open = opener(self.cn, n);
                if items.is_empty()
                    || open.ends_with('{')
                    || items.iter().all(|x| matches!(x.kind, NodeKind::Scalar))
                {
                    return self.compact(n);
                }
                let mut s = format!("{open}{nl}");
                for x in items {
                    s.push_str(&format!("{inner}{},{nl}", self.item(x, &inner)));
                }
                s.push_str(indent);
                s.push_str(closer(self.cn, n));
                s
            }
        }
    }
}
