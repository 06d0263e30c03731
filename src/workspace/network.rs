//! The attribution network: which outlets carry which speakers, and whom the speakers'
//! claims are about. Nodes stand in three columns (outlet → speaker → actor named), sized
//! by their claims; edges are as wide as the claims that run along them. The layout is a
//! force-directed one held to its columns, computed once from a fixed start, so the same
//! work always draws the same picture.

use std::collections::HashMap;

use super::Workspace;

/// The most nodes of a column ever drawn (the ones with the most claims).
pub const MAX_NODES_PER_COLUMN: usize = 40;
/// Rounds of the force-directed layout.
const LAYOUT_ROUNDS: usize = 240;
/// Where each column stands across the picture (0 to 1).
const COLUMN_X: [f32; 3] = [0.08, 0.5, 0.92];
/// How hard a node is pulled back to its column's line.
const COLUMN_PULL: f32 = 0.5;

/// A node's column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// The outlet that published the claim.
    Outlet,
    /// Who the claim is attributed to.
    Speaker,
    /// An actor the claim names (other than its speaker).
    About,
}

impl Layer {
    fn column(self) -> usize {
        match self {
            Layer::Outlet => 0,
            Layer::Speaker => 1,
            Layer::About => 2,
        }
    }

    /// Where the column stands across the picture (0 to 1).
    pub fn x(self) -> f32 {
        COLUMN_X[self.column()]
    }

    /// The column's heading.
    pub fn title(self) -> &'static str {
        match self {
            Layer::Outlet => "Outlet",
            Layer::Speaker => "Speaker",
            Layer::About => "About",
        }
    }
}

/// What a node stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeKey {
    /// An outlet by name; `None` for documents that name none.
    Outlet(Option<String>),
    /// A curated actor (index into the workspace's actors) as speaker.
    Speaker(usize),
    /// A curated actor as named in claims.
    About(usize),
}

/// One node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What it stands for.
    pub key: NodeKey,
    /// Its column.
    pub layer: Layer,
    /// Its name as shown.
    pub label: String,
    /// Attributed claims through it.
    pub claims: usize,
    /// Where it stands, each coordinate from 0 to 1.
    pub position: [f32; 2],
}

/// One edge between nodes of neighbouring columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Node index on the left.
    pub from: usize,
    /// Node index on the right.
    pub to: usize,
    /// Claims along it.
    pub claims: usize,
}

/// The network of a workspace's attributed claims.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    /// Nodes, column by column, most claims first.
    pub nodes: Vec<Node>,
    /// Edges.
    pub edges: Vec<Edge>,
    /// Nodes left out of each column for want of room.
    pub left_out: [usize; 3],
    /// Claims with a speaker, all of which the network is made of.
    pub attributed: usize,
}

impl Network {
    /// Builds the network of every attributed claim, keeping at most `per_column` nodes
    /// in a column (and never more than [`MAX_NODES_PER_COLUMN`]), and lays it out.
    pub fn build(ws: &Workspace, per_column: usize) -> Self {
        Self::from_counts(&Counts::of(ws), per_column)
    }

    /// The network of `counts`, keeping at most `per_column` nodes a column, laid out.
    pub fn from_counts(counts: &Counts, per_column: usize) -> Self {
        let per_column = per_column.clamp(1, MAX_NODES_PER_COLUMN);
        let mut network = Network {
            attributed: counts.attributed,
            ..Network::default()
        };
        let mut index: HashMap<&NodeKey, usize> = HashMap::new();
        for (column, nodes) in counts.columns.iter().enumerate() {
            network.left_out[column] = nodes.len().saturating_sub(per_column);
            let kept = &nodes[..nodes.len().min(per_column)];
            for (rank, (key, claims, label)) in kept.iter().enumerate() {
                let layer = match key {
                    NodeKey::Outlet(_) => Layer::Outlet,
                    NodeKey::Speaker(_) => Layer::Speaker,
                    NodeKey::About(_) => Layer::About,
                };
                index.insert(key, network.nodes.len());
                network.nodes.push(Node {
                    label: label.clone(),
                    key: key.clone(),
                    layer,
                    claims: *claims,
                    position: [COLUMN_X[column], (rank as f32 + 0.5) / kept.len() as f32],
                });
            }
        }
        let mut edges: Vec<Edge> = counts
            .edges
            .iter()
            .filter_map(|((a, b), claims)| {
                Some(Edge {
                    from: *index.get(a)?,
                    to: *index.get(b)?,
                    claims: *claims,
                })
            })
            .collect();
        edges.sort_by_key(|e| (e.from, e.to));
        network.edges = edges;
        network.lay_out();
        network
    }
}

/// What the network is drawn from: every node with its claims and name, each column
/// most claims first, and every edge's claims. One pass over the claims; choosing the
/// nodes that fit and laying them out is done from it.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    columns: [Vec<(NodeKey, usize, String)>; 3],
    edges: Vec<((NodeKey, NodeKey), usize)>,
    attributed: usize,
}

impl Counts {
    /// Counts the attributed claims of `ws`.
    pub fn of(ws: &Workspace) -> Self {
        // Counted with small integer keys: outlets numbered once per document, actors by
        // index; names are looked at only for the nodes kept.
        let mut outlet_names: Vec<Option<String>> = Vec::new();
        let mut outlet_number: HashMap<Option<&str>, usize> = HashMap::new();
        let document_outlet: Vec<usize> = ws
            .corpus()
            .documents
            .iter()
            .map(|d| {
                let name = d.meta.outlet.as_deref();
                *outlet_number.entry(name).or_insert_with(|| {
                    outlet_names.push(name.map(str::to_string));
                    outlet_names.len() - 1
                })
            })
            .collect();
        let actors = ws.actors().len();
        let mut outlet_claims = vec![0usize; outlet_names.len()];
        let mut speaker_claims = vec![0usize; actors];
        let mut about_claims = vec![0usize; actors];
        let mut said_in: HashMap<(usize, usize), usize> = HashMap::new();
        let mut said_about: HashMap<(usize, usize), usize> = HashMap::new();
        let mut attributed = 0;
        let mut about: Vec<usize> = Vec::new();
        for row in ws.rows() {
            // A hidden actor is left out of the picture, as speaker as well as named.
            let Some(speaker) = row.speaker.filter(|&s| !ws.actors()[s].hidden) else {
                continue;
            };
            attributed += 1;
            let outlet = document_outlet[row.document];
            outlet_claims[outlet] += 1;
            speaker_claims[speaker] += 1;
            *said_in.entry((outlet, speaker)).or_default() += 1;
            about.clear();
            about.extend(
                row.claim
                    .about
                    .iter()
                    .filter_map(|id| ws.curated_actor(id))
                    .filter(|&a| a != speaker && !ws.actors()[a].hidden),
            );
            about.sort_unstable();
            about.dedup();
            for &a in &about {
                about_claims[a] += 1;
                *said_about.entry((speaker, a)).or_default() += 1;
            }
        }
        let nonzero = |counts: &[usize]| -> Vec<(usize, usize)> {
            counts
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(i, &n)| (i, n))
                .collect()
        };
        let counts: [Vec<(NodeKey, usize)>; 3] = [
            nonzero(&outlet_claims)
                .into_iter()
                .map(|(i, n)| (NodeKey::Outlet(outlet_names[i].clone()), n))
                .collect(),
            nonzero(&speaker_claims)
                .into_iter()
                .map(|(i, n)| (NodeKey::Speaker(i), n))
                .collect(),
            nonzero(&about_claims)
                .into_iter()
                .map(|(i, n)| (NodeKey::About(i), n))
                .collect(),
        ];
        let mut edge_counts: Vec<((NodeKey, NodeKey), usize)> = Vec::new();
        for ((o, sp), n) in said_in {
            edge_counts.push((
                (
                    NodeKey::Outlet(outlet_names[o].clone()),
                    NodeKey::Speaker(sp),
                ),
                n,
            ));
        }
        for ((sp, a), n) in said_about {
            edge_counts.push(((NodeKey::Speaker(sp), NodeKey::About(a)), n));
        }
        // Most claims first; ties by name (named once each), so the order never depends
        // on hashing.
        let columns = counts.map(|nodes| {
            let mut named: Vec<(NodeKey, usize, String)> = nodes
                .into_iter()
                .map(|(k, n)| {
                    let label = label_of(ws, &k);
                    (k, n, label)
                })
                .collect();
            named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
            named
        });
        Counts {
            columns,
            edges: edge_counts,
            attributed,
        }
    }
}

impl Network {
    /// The node standing for `key`.
    pub fn node_of(&self, key: &NodeKey) -> Option<usize> {
        self.nodes.iter().position(|n| &n.key == key)
    }

    /// The most claims of any node, for sizing.
    pub fn most_claims(&self) -> usize {
        self.nodes.iter().map(|n| n.claims).max().unwrap_or(0)
    }

    /// A force-directed layout (Fruchterman and Reingold) in which each node is also
    /// pulled back to its column, so the chain reads left to right; vertical places come
    /// out of the forces. Deterministic: the same network always lands the same way.
    fn lay_out(&mut self) {
        let n = self.nodes.len();
        if n < 2 {
            return;
        }
        let k = (1.0 / n as f32).sqrt(); // the ideal distance between nodes
        let mut temperature = 0.1f32;
        let cooling = temperature / LAYOUT_ROUNDS as f32;
        let mut shift = vec![[0.0f32; 2]; n];
        for _ in 0..LAYOUT_ROUNDS {
            shift.iter_mut().for_each(|s| *s = [0.0, 0.0]);
            for i in 0..n {
                for j in i + 1..n {
                    let (pi, pj) = (self.nodes[i].position, self.nodes[j].position);
                    let d = [pi[0] - pj[0], pi[1] - pj[1]];
                    let dist = (d[0] * d[0] + d[1] * d[1]).sqrt().max(1e-3);
                    let push = k * k / dist;
                    for c in 0..2 {
                        shift[i][c] += d[c] / dist * push;
                        shift[j][c] -= d[c] / dist * push;
                    }
                }
            }
            for e in &self.edges {
                let (pa, pb) = (self.nodes[e.from].position, self.nodes[e.to].position);
                let d = [pa[0] - pb[0], pa[1] - pb[1]];
                let dist = (d[0] * d[0] + d[1] * d[1]).sqrt().max(1e-3);
                let pull = dist * dist / k * (1.0 + (e.claims as f32).ln());
                for c in 0..2 {
                    shift[e.from][c] -= d[c] / dist * pull;
                    shift[e.to][c] += d[c] / dist * pull;
                }
            }
            for (node, s) in self.nodes.iter_mut().zip(&shift) {
                let column_x = COLUMN_X[node.layer.column()];
                let s = [s[0] + (column_x - node.position[0]) * COLUMN_PULL / k, s[1]];
                let len = (s[0] * s[0] + s[1] * s[1]).sqrt().max(1e-6);
                let step = len.min(temperature);
                node.position[0] = (node.position[0] + s[0] / len * step).clamp(0.0, 1.0);
                node.position[1] = (node.position[1] + s[1] / len * step).clamp(0.02, 0.98);
            }
            temperature = (temperature - cooling).max(0.002);
        }
        // Columns stay columns, and the forces give each column its order (few edges
        // crossing); the nodes are then spaced evenly in that order so no label lies on
        // another.
        for (column, &x) in COLUMN_X.iter().enumerate() {
            let mut members: Vec<usize> = (0..n)
                .filter(|&i| self.nodes[i].layer.column() == column)
                .collect();
            members
                .sort_by(|&a, &b| self.nodes[a].position[1].total_cmp(&self.nodes[b].position[1]));
            let count = members.len() as f32;
            for (rank, i) in members.into_iter().enumerate() {
                self.nodes[i].position = [x, (rank as f32 + 0.5) / count];
            }
        }
    }
}

fn label_of(ws: &Workspace, key: &NodeKey) -> String {
    match key {
        NodeKey::Outlet(Some(name)) => name.clone(),
        NodeKey::Outlet(None) => "Outlet not given".to_string(),
        NodeKey::Speaker(a) | NodeKey::About(a) => ws.actors()[*a].name.clone(),
    }
}
