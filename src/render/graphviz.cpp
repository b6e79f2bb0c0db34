// The only file that touches Graphviz's C API: parse DOT text with cgraph, lay it out and render
// it with gvc. Each C object lives in a small owner so that every path frees it; Graphviz's
// messages are captured instead of going to stderr, and the previous handler is restored.
// Graphviz keeps global state (error handler, random seed, plugin tables): one render at a time.

#include <cgraph.h>
#include <color.h>  // gvcolor_t, for colorxlate
#include <gvc.h>

#include <stdlib.h>    // srand48 (POSIX)
#include <sys/mman.h>  // mmap (POSIX)

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/render_internal.hpp"

namespace collabnet::render {
namespace {

// Graphviz's error hook takes no user pointer, so the capture target is a global, guarded by
// the render mutex below.
std::string* g_messages = nullptr;

int capture_message(char* message) {
  if (g_messages != nullptr && message != nullptr) g_messages->append(message);
  return 0;
}

/// Routes Graphviz's warnings and errors into a string for the lifetime of the object.
class MessageCapture {
 public:
  MessageCapture() : previous_handler_(agseterrf(&capture_message)), previous_level_(agseterr(AGWARN)) {
    g_messages = &text_;
    agreseterrors();
  }
  ~MessageCapture() {
    g_messages = nullptr;
    agseterrf(previous_handler_);
    agseterr(previous_level_);
  }
  MessageCapture(const MessageCapture&) = delete;
  MessageCapture& operator=(const MessageCapture&) = delete;
  std::string text() const {
    std::string t = text_;
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
    return t.empty() ? std::string("no message from Graphviz") : t;
  }

 private:
  std::string text_;
  agusererrf previous_handler_;
  agerrlevel_t previous_level_;
};

class Context {
 public:
  Context() : gvc_(gvContext()) {
    if (gvc_ == nullptr) throw std::runtime_error("Graphviz: cannot create a context");
  }
  ~Context() { gvFreeContext(gvc_); }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  GVC_t* get() const { return gvc_; }

 private:
  GVC_t* gvc_;
};

// cgraph's default id discipline uses the address of a name's interned string as the object id,
// and keeps subgraphs ordered by id: the order in which clusters are drawn (and so the SVG bytes)
// then depended on where malloc put the names, and a second render in one process could differ
// from the first. This discipline numbers named objects in order of first appearance instead.
struct IdTable {
  std::unordered_map<std::string, IDTYPE> ids;
  std::deque<std::string> names;  // stable addresses for print()
  IDTYPE next_anonymous = 1;      // anonymous objects: odd ids, as cgraph's own discipline
};

void* id_open(Agraph_t*, Agdisc_t*) { return new IdTable; }

long id_map(void* state, int, char* name, IDTYPE* id, int create) {
  auto* table = static_cast<IdTable*>(state);
  if (name == nullptr) {
    *id = table->next_anonymous;
    table->next_anonymous += 2;
    return 1;
  }
  if (auto it = table->ids.find(name); it != table->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (create == 0) return 0;
  table->names.emplace_back(name);
  *id = 2 * static_cast<IDTYPE>(table->names.size());  // named objects: even ids, in order
  table->ids.emplace(name, *id);
  return 1;
}

long id_alloc(void*, int, IDTYPE request) { return (request & 1) == 0 ? 1 : 0; }
void id_free(void*, int, IDTYPE) {}

char* id_print(void* state, int, IDTYPE id) {
  auto* table = static_cast<IdTable*>(state);
  if (id % 2 != 0 || id == 0 || id / 2 > table->names.size()) return nullptr;
  return table->names[id / 2 - 1].data();
}

void id_close(void* state) { delete static_cast<IdTable*>(state); }
void id_register(void*, int, void*) {}

Agiddisc_t g_ordered_ids = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};

// fdp is not repeatable within a process with cgraph's own allocator: its derived graphs
// (lib/fdpgen/layout.c, deriveGraph) are opened with the default discipline and orient each of
// their edges by comparing node *addresses* (`if (hd > tl) agedge(dg, tl, hd, ...)`), and port
// nodes likewise (`if (dn > m)`); the orientation decides which node's edge list an edge sits
// in, hence the order in which forces are summed, hence the last bits of every position. In a
// fresh process malloc happens to hand out rising addresses, so runs agree; after other work
// has freed memory they do not. While fdp runs, cgraph's default memory discipline is replaced
// by an arena that hands out addresses in order of allocation from one reservation of address
// space, so those comparisons follow creation order and a drawing is the same bytes in every
// render. The arena frees nothing until the render ends (fdp's graphs live for one layout).
// It has no `close`: with one, agclose skips freeing each object (and so leaks cdt's
// dictionaries and skips the id discipline's close). If the address space cannot be reserved,
// or runs out, allocation falls back to calloc: still correct, only not repeatable in-process.
constexpr std::size_t kArenaReserve = std::size_t{1} << 36;  // address space; pages on first touch

struct Arena {
  char* base = nullptr;
  std::size_t used = 0;
};
Arena g_arena;  // guarded by the render mutex, like the rest of Graphviz

bool in_arena(const void* p) {
  const char* c = static_cast<const char*>(p);
  return g_arena.base != nullptr && c >= g_arena.base && c < g_arena.base + kArenaReserve;
}

void* arena_open(Agdisc_t*) { return &g_arena; }

void* arena_alloc(void*, std::size_t request) {
  const std::size_t size = (std::max<std::size_t>(request, 1) + 15) & ~std::size_t{15};
  if (g_arena.base != nullptr && size <= kArenaReserve - g_arena.used) {
    void* p = g_arena.base + g_arena.used;  // fresh pages read as zero, as agalloc promises
    g_arena.used += size;
    return p;
  }
  return std::calloc(1, size);
}

void* arena_resize(void* state, void* ptr, std::size_t old_size, std::size_t request) {
  if (ptr == nullptr) return arena_alloc(state, request);
  if (!in_arena(ptr)) {  // a calloc fallback: grow it the way cgraph's own discipline does
    void* p = std::realloc(ptr, std::max<std::size_t>(request, 1));
    if (p != nullptr && request > old_size)
      std::memset(static_cast<char*>(p) + old_size, 0, request - old_size);
    return p;
  }
  void* p = arena_alloc(state, request);
  if (p != nullptr) std::memcpy(p, ptr, std::min(old_size, request));
  return p;
}

void arena_free(void*, void* ptr) {
  if (!in_arena(ptr)) std::free(ptr);
}

/// Installs the arena as cgraph's default memory discipline for its lifetime (under the render
/// mutex) and releases it at the end. Declare it before every graph it serves: a graph opened
/// under it must be closed under it.
class OrderedAllocation {
 public:
  explicit OrderedAllocation(bool on) : on_(on), saved_(AgMemDisc) {
    if (!on_) return;
    void* p = mmap(nullptr, kArenaReserve, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    g_arena = Arena{p == MAP_FAILED ? nullptr : static_cast<char*>(p), 0};
    AgMemDisc = Agmemdisc_t{arena_open, arena_alloc, arena_resize, arena_free, nullptr};
  }
  ~OrderedAllocation() {
    if (!on_) return;
    AgMemDisc = saved_;
    if (g_arena.base != nullptr) munmap(g_arena.base, kArenaReserve);
    g_arena = Arena{};
  }
  OrderedAllocation(const OrderedAllocation&) = delete;
  OrderedAllocation& operator=(const OrderedAllocation&) = delete;

 private:
  bool on_;
  Agmemdisc_t saved_;
};

/// Parses DOT text with the ordered id discipline; nullptr on a syntax error.
Agraph_t* read_dot(const std::string& dot) {
  std::FILE* in = fmemopen(const_cast<char*>(dot.data()), dot.size(), "r");
  if (in == nullptr) return nullptr;
  Agdisc_t disc = {&AgMemDisc, &g_ordered_ids, &AgIoDisc};
  Agraph_t* g = agread(in, &disc);
  std::fclose(in);
  return g;
}

class Graph {
 public:
  explicit Graph(Agraph_t* g) : g_(g) {}
  ~Graph() {
    if (g_ != nullptr) agclose(g_);
  }
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  Agraph_t* get() const { return g_; }

 private:
  Agraph_t* g_;
};

/// A layout attached to a graph; freed before the graph is closed (declare after the Graph).
class Layout {
 public:
  Layout(GVC_t* gvc, Agraph_t* g) : gvc_(gvc), g_(g) {}
  ~Layout() { gvFreeLayout(gvc_, g_); }
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;

 private:
  GVC_t* gvc_;
  Agraph_t* g_;
};

class RenderBuffer {
 public:
  RenderBuffer() = default;
  ~RenderBuffer() {
    if (data_ != nullptr) gvFreeRenderData(data_);
  }
  RenderBuffer(const RenderBuffer&) = delete;
  RenderBuffer& operator=(const RenderBuffer&) = delete;
  char** data() { return &data_; }
  unsigned int* length() { return &length_; }
  std::string bytes() const { return data_ == nullptr ? std::string() : std::string(data_, length_); }

 private:
  char* data_ = nullptr;
  unsigned int length_ = 0;
};

// --- school names -----------------------------------------------------------------------------
// Graphviz places xlabels during layout (a corner of the node's box, wherever free); they are
// moved here, after layout and before rendering, to the places place_labels chooses, and the
// drawing's bounding box and title follow. Nodes and lines are not moved.

// lib/common/const.h (not installed): where the root graph label goes, and its padding (PAD).
constexpr int kLabelAtTop = 1, kLabelAtLeft = 2, kLabelAtRight = 4;
constexpr double kRootLabelPadX = 16, kRootLabelPadY = 8;

/// A legend mark (legend_marks.cpp), not a school.
bool is_legend(Agnode_t* n) { return std::strncmp(agnameof(n), "legend_", 7) == 0; }

bool invisible(void* obj) {
  const char* style = agget(obj, const_cast<char*>("style"));
  return style != nullptr && std::strstr(style, "invis") != nullptr;
}

double pen_width_of(Agnode_t* n) {
  const char* v = agget(n, const_cast<char*>("penwidth"));
  if (v == nullptr || *v == '\0') return 1.0;
  const double w = std::strtod(v, nullptr);
  return std::isfinite(w) && w >= 0 ? std::min(w, 100.0) : 1.0;
}

Box text_box(const textlabel_t* lp) {
  return {lp->pos.x - lp->dimen.x / 2, lp->pos.y - lp->dimen.y / 2, lp->pos.x + lp->dimen.x / 2,
          lp->pos.y + lp->dimen.y / 2};
}

/// A plain label's width as drawn: its widest line. (`dimen` adds a margin on either side, which
/// would hold a name a few points off its school.) HTML labels: `dimen`.
double text_width(const textlabel_t* lp) {
  if (lp->html || lp->u.txt.span == nullptr || lp->u.txt.nspans <= 0) return lp->dimen.x;
  double width = 0;
  for (short k = 0; k < lp->u.txt.nspans; ++k) width = std::max(width, lp->u.txt.span[k].size.x);
  return width > 0 ? width : lp->dimen.x;
}

LabelProblem::Node node_geometry(Agnode_t* n) {
  LabelProblem::Node node;
  node.centre = {ND_coord(n).x, ND_coord(n).y};
  node.half_w = (ND_lw(n) + ND_rw(n)) / 2;
  node.half_h = ND_ht(n) / 2;
  const double pen = pen_width_of(n);
  node.gap = pen / 2 + 2;
  const std::string shape = ND_shape(n) != nullptr && ND_shape(n)->name != nullptr
                                ? std::string(ND_shape(n)->name)
                                : std::string("circle");
  if (shape == "box" || shape == "rect" || shape == "rectangle" || shape == "square" ||
      shape == "plaintext" || shape == "plain" || shape == "none") {
    node.round = false;
    node.half_w += pen / 2;
    node.half_h += pen / 2;
    node.gap = 2;
  } else if (shape == "circle" || shape == "doublecircle" || shape == "ellipse" ||
             shape == "oval" || shape == "point") {
    node.radius = std::max(node.half_w, node.half_h);
  } else {
    // Other polygons (diamond, triangles): the farthest vertex of the outer periphery.
    node.radius = std::max(node.half_w, node.half_h);
    const auto* poly = static_cast<const polygon_t*>(ND_shape_info(n));
    if (poly != nullptr && poly->sides >= 3 && poly->vertices != nullptr) {
      const int first = std::max(poly->peripheries - 1, 0) * poly->sides;
      double reach = 0;
      for (int k = first; k < first + poly->sides; ++k)
        reach = std::max(reach, std::hypot(poly->vertices[k].x, poly->vertices[k].y));
      node.radius = std::clamp(reach, std::min(node.half_w, node.half_h),
                               std::hypot(node.half_w, node.half_h));
    }
  }
  if (const textlabel_t* lp = ND_xlabel(n); lp != nullptr) {
    node.labelled = true;
    node.label_w = text_width(lp);
    node.label_h = lp->dimen.y;
  }
  return node;
}

void add_clusters(Agraph_t* g, std::size_t parent, LabelProblem& problem,
                  const std::unordered_map<Agnode_t*, std::size_t>& index,
                  std::vector<Agraph_t*>& boxes) {
  for (int c = 1; c <= GD_n_cluster(g); ++c) {
    Agraph_t* sub = GD_clust(g)[c];
    const std::size_t me = problem.clusters.size();
    boxes.push_back(sub);
    const boxf bb = GD_bb(sub);
    problem.clusters.push_back({bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y});
    problem.cluster_parent.push_back(parent);
    if (GD_label(sub) != nullptr && GD_label(sub)->set) problem.fixed.push_back(text_box(GD_label(sub)));
    for (Agnode_t* n = agfstnode(sub); n != nullptr; n = agnxtnode(sub, n))
      if (const auto it = index.find(n); it != index.end()) problem.nodes[it->second].cluster = me;
    add_clusters(sub, me, problem, index, boxes);
  }
}

/// A grouping box grown to `to` (place_labels grows boxes to hold their members' names); its
/// label keeps its place relative to the box's edges (left, right or centred; top or bottom).
void grow_box(Agraph_t* sub, const Box& to) {
  const boxf from = GD_bb(sub);
  if (from.LL.x == to.x0 && from.LL.y == to.y0 && from.UR.x == to.x1 && from.UR.y == to.y1) return;
  if (textlabel_t* lp = GD_label(sub); lp != nullptr && lp->set) {
    const double left = lp->pos.x - from.LL.x, right = from.UR.x - lp->pos.x;
    const char* just = agget(sub, const_cast<char*>("labeljust"));
    if (just != nullptr && (*just == 'l' || *just == 'L'))
      lp->pos.x = to.x0 + left;
    else if (just != nullptr && (*just == 'r' || *just == 'R'))
      lp->pos.x = to.x1 - right;
    else
      lp->pos.x = (to.x0 + to.x1) / 2;
    lp->pos.y += lp->pos.y < (from.LL.y + from.UR.y) / 2 ? to.y0 - from.LL.y : to.y1 - from.UR.y;
  }
  GD_bb(sub).LL = {to.x0, to.y0};
  GD_bb(sub).UR = {to.x1, to.y1};
}

void add_edge_texts(Agedge_t* e, std::vector<Box>& out) {
  for (const textlabel_t* lp : {ED_label(e), ED_xlabel(e), ED_head_label(e), ED_tail_label(e)})
    if (lp != nullptr && lp->set) out.push_back(text_box(lp));
}

/// The drawing's bounding box after the names moved, as Graphviz computes it (nodes, lines,
/// texts, boxes), then room for the title as gv_postprocess makes it, and the title placed.
void refit_drawing(Agraph_t* g) {
  Box bb{1e300, 1e300, -1e300, -1e300};
  const auto cover = [&bb](double x0, double y0, double x1, double y1) {
    bb = {std::min(bb.x0, x0), std::min(bb.y0, y0), std::max(bb.x1, x1), std::max(bb.y1, y1)};
  };
  const auto cover_box = [&cover](const Box& b) { cover(b.x0, b.y0, b.x1, b.y1); };
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    const pointf c = ND_coord(n);
    cover(c.x - ND_lw(n), c.y - ND_ht(n) / 2, c.x + ND_rw(n), c.y + ND_ht(n) / 2);
    if (ND_xlabel(n) != nullptr && ND_xlabel(n)->set) cover_box(text_box(ND_xlabel(n)));
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e)) {
      std::vector<Box> texts;
      add_edge_texts(e, texts);
      for (const Box& b : texts) cover_box(b);
      const splines* spl = ED_spl(e);
      if (spl == nullptr) continue;
      for (int i = 0; i < spl->size; ++i) {
        const bezier& bz = spl->list[i];
        for (int k = 0; k < bz.size; ++k) cover(bz.list[k].x, bz.list[k].y, bz.list[k].x, bz.list[k].y);
        if (bz.sflag) cover(bz.sp.x, bz.sp.y, bz.sp.x, bz.sp.y);
        if (bz.eflag) cover(bz.ep.x, bz.ep.y, bz.ep.x, bz.ep.y);
      }
    }
  }
  for (int c = 1; c <= GD_n_cluster(g); ++c) {
    const boxf b = GD_bb(GD_clust(g)[c]);
    cover(b.LL.x, b.LL.y, b.UR.x, b.UR.y);
  }
  if (bb.x0 > bb.x1) return;  // nothing drawn
  textlabel_t* title = GD_label(g);
  if (title != nullptr) {
    const double dx = title->dimen.x + kRootLabelPadX, dy = title->dimen.y + kRootLabelPadY;
    if (GD_label_pos(g) & kLabelAtTop)
      bb.y1 += dy;
    else
      bb.y0 -= dy;
    if (dx > bb.x1 - bb.x0) {
      // A left-justified title keeps the drawing (and the legend rows) at its left edge.
      const double widen = (dx - (bb.x1 - bb.x0)) / 2;
      const bool left = (GD_label_pos(g) & kLabelAtLeft) != 0;
      bb.x0 -= left ? 0 : widen;
      bb.x1 += left ? 2 * widen : widen;
    }
    pointf p;
    if (GD_label_pos(g) & kLabelAtRight)
      p.x = bb.x1 - dx / 2;
    else if (GD_label_pos(g) & kLabelAtLeft)
      p.x = bb.x0 + dx / 2;
    else
      p.x = (bb.x0 + bb.x1) / 2;
    p.y = (GD_label_pos(g) & kLabelAtTop) ? bb.y1 - dy / 2 : bb.y0 + dy / 2;
    title->pos = p;
  }
  GD_bb(g).LL = {bb.x0, bb.y0};
  GD_bb(g).UR = {bb.x1, bb.y1};
}

// lib/common/labels.c (exported by libgvc, declared in headers that are not installed): makes a
// label as Graphviz does while laying out, measured with the same text layout plugin, and frees
// one. Used to swap a school's name for its number and to remake the title with the key.
extern "C" textlabel_t* make_label(void* obj, char* str, int kind, double fontsize,
                                   char* fontname, char* fontcolor);
extern "C" void free_label(textlabel_t* label);
constexpr int kLabelPlain = 0, kLabelHtml = 1 << 1;  // lib/common/const.h: LT_NONE, LT_HTML

/// The attribute's value as the graph holds it: make_label keeps the font name and colour
/// pointers, so they must live as long as the graph (never a temporary).
char* attr_or(void* obj, const char* name, const char* fallback) {
  char* v = agget(obj, const_cast<char*>(name));
  return v != nullptr && *v != '\0' ? v : const_cast<char*>(fallback);
}

double number_attr(void* obj, const char* name, double fallback) {
  const char* v = agget(obj, const_cast<char*>(name));
  if (v == nullptr || *v == '\0') return fallback;
  const double d = std::strtod(v, nullptr);
  return std::isfinite(d) && d > 0 ? d : fallback;
}

/// The node's xlabel replaced by `text` (plain, measured as Graphviz measures labels).
void relabel(Agnode_t* n, const std::string& text) {
  std::string str = text;
  textlabel_t* fresh = make_label(n, str.data(), kLabelPlain, number_attr(n, "fontsize", 14),
                                  attr_or(n, "fontname", "Times-Roman"),
                                  attr_or(n, "fontcolor", "black"));
  free_label(ND_xlabel(n));
  ND_xlabel(n) = fresh;
  agsafeset(n, const_cast<char*>("xlabel"), str.data(), const_cast<char*>(""));
}

/// The title (an HTML-like table, as SceneBuilder writes it) with `row` (a whole <tr>) added:
/// after its first `after` rows, or last. (Untrusted text in it is escaped, so a "</tr>" in the
/// table ends one of its rows: the first two are the title's and the subtitle's.)
void add_title_row(Agraph_t* g, const std::string& row, std::size_t after = SIZE_MAX) {
  char* old = agget(g, const_cast<char*>("label"));
  if (old == nullptr || !aghtmlstr(old) || GD_label(g) == nullptr) return;
  std::string html = old;
  std::size_t end = html.rfind("</table>");
  if (end == std::string::npos) return;
  if (after != SIZE_MAX) {
    std::size_t at = 0;
    for (std::size_t k = 0; k < after && at != std::string::npos; ++k) {
      at = html.find("</tr>", at);
      if (at != std::string::npos) at += 5;
    }
    if (at != std::string::npos && at <= end) end = at;
  }
  html.insert(end, row);
  textlabel_t* fresh = make_label(g, html.data(), kLabelHtml, number_attr(g, "fontsize", 14),
                                  attr_or(g, "fontname", "Times-Roman"),
                                  attr_or(g, "fontcolor", "black"));
  if (fresh == nullptr) return;
  fresh->set = GD_label(g)->set;
  free_label(GD_label(g));
  GD_label(g) = fresh;
  char* value = agstrdup_html(g, html.data());
  agxset(g, agattr(g, AGRAPH, const_cast<char*>("label"), nullptr), value);
  agstrfree(g, value);
}

/// Moves every node's xlabel to the place place_labels chooses. A name with no clear place
/// becomes a number in the key (see name_key.cpp); a number with no clear place either is not
/// drawn and its name is listed as too crowded. Does nothing when no node has an xlabel (then
/// the drawing is Graphviz's own, byte for byte).
void place_school_names(Agraph_t* g, const NameKey& key) {
  LabelProblem problem;
  std::vector<Agnode_t*> labelled_nodes;
  std::unordered_map<Agnode_t*, std::size_t> index;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    if (invisible(n) || is_legend(n)) continue;  // the legend goes above, after the names
    index.emplace(n, problem.nodes.size());
    problem.nodes.push_back(node_geometry(n));
    labelled_nodes.push_back(problem.nodes.back().labelled ? n : nullptr);
  }
  if (std::none_of(labelled_nodes.begin(), labelled_nodes.end(),
                   [](Agnode_t* n) { return n != nullptr; }))
    return;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n))
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e)) {
      if (invisible(e)) continue;
      add_edge_texts(e, problem.fixed);
      const splines* spl = ED_spl(e);
      if (spl == nullptr) continue;
      for (int i = 0; i < spl->size; ++i) {
        const bezier& bz = spl->list[i];
        std::vector<Point> line;
        if (bz.sflag) line.push_back({bz.sp.x, bz.sp.y});
        for (int k = 0; k < bz.size; ++k) line.push_back({bz.list[k].x, bz.list[k].y});
        if (bz.eflag) line.push_back({bz.ep.x, bz.ep.y});
        if (line.size() >= 2) problem.lines.push_back(std::move(line));
      }
    }
  std::vector<Agraph_t*> boxes;
  add_clusters(g, SIZE_MAX, problem, index, boxes);
  if (!key.ranked.empty()) {  // a large view: names in the scene's order, where they fit
    std::unordered_map<std::string_view, std::size_t> by_id;
    for (std::size_t i = 0; i < labelled_nodes.size(); ++i)
      if (labelled_nodes[i] != nullptr) by_id.emplace(agnameof(labelled_nodes[i]), i);
    for (const std::string& id : key.ranked)
      if (const auto it = by_id.find(id); it != by_id.end()) problem.ranked.push_back(it->second);
  }
  LabelPlacement placed = place_labels(problem);
  // Names without a clear place: numbers where the key holds the name, placed among the names
  // that stay (fixed now), in the boxes as the names grew them.
  std::unordered_map<std::string, const std::string*> key_names;
  for (const auto& [id, name] : key.names) key_names.emplace(id, &name);
  std::vector<std::pair<std::size_t, std::string>> numbered;
  std::vector<std::string> unmarked;
  std::vector<std::size_t> numbered_node;
  LabelProblem again = problem;
  again.clusters = placed.clusters;
  for (std::size_t i = 0; i < labelled_nodes.size(); ++i) {
    if (labelled_nodes[i] == nullptr) continue;
    LabelProblem::Node& node = again.nodes[i];
    node.labelled = false;
    if (placed.clear[i]) {
      again.fixed.push_back({placed.names[i].x - node.label_w / 2, placed.names[i].y - node.label_h / 2,
                             placed.names[i].x + node.label_w / 2, placed.names[i].y + node.label_h / 2});
      continue;
    }
    const auto it = key_names.find(agnameof(labelled_nodes[i]));
    if (it == key_names.end()) {
      ND_xlabel(labelled_nodes[i])->set = FALSE;
      labelled_nodes[i] = nullptr;
      continue;
    }
    numbered.emplace_back(numbered.size() + 1, *it->second);
    numbered_node.push_back(i);
    relabel(labelled_nodes[i], std::to_string(numbered.size()));
    node.labelled = true;
    node.label_w = text_width(ND_xlabel(labelled_nodes[i]));
    node.label_h = ND_xlabel(labelled_nodes[i])->dimen.y;
  }
  if (!numbered.empty()) {
    const LabelPlacement second = place_labels(again);
    for (std::size_t i : numbered_node) {
      placed.names[i] = second.names[i];
      if (second.clear[i]) continue;
      ND_xlabel(labelled_nodes[i])->set = FALSE;
      labelled_nodes[i] = nullptr;
    }
    // Numbers in drawing order, without gaps: those not drawn leave the numbered list.
    std::vector<std::pair<std::size_t, std::string>> kept;
    for (std::size_t k = 0; k < numbered.size(); ++k) {
      const std::size_t i = numbered_node[k];
      if (labelled_nodes[i] == nullptr) {
        unmarked.push_back(numbered[k].second);
        continue;
      }
      kept.emplace_back(kept.size() + 1, numbered[k].second);
      if (kept.back().first == numbered[k].first) continue;
      // A smaller number: its box shrinks towards the school, keeping the edge nearest it, so
      // it stays touching and clear.
      const double old_w = again.nodes[i].label_w;
      relabel(labelled_nodes[i], std::to_string(kept.back().first));
      const double new_w = text_width(ND_xlabel(labelled_nodes[i]));
      const double cx = again.nodes[i].centre.x;
      Point& at = placed.names[i];
      if (at.x - old_w / 2 > cx - 0.01)
        at.x = at.x - old_w / 2 + new_w / 2;
      else if (at.x + old_w / 2 < cx + 0.01)
        at.x = at.x + old_w / 2 - new_w / 2;
    }
    numbered = std::move(kept);
    placed.clusters = second.clusters;
  }
  for (std::size_t i = 0; i < labelled_nodes.size(); ++i) {
    if (labelled_nodes[i] == nullptr) continue;
    textlabel_t* lp = ND_xlabel(labelled_nodes[i]);
    lp->pos = {placed.names[i].x, placed.names[i].y};
    lp->set = TRUE;
  }
  for (std::size_t k = 0; k < boxes.size(); ++k) grow_box(boxes[k], placed.clusters[k]);
  if (const std::string table = key_html(numbered, unmarked, key.point_size, key.colour); !table.empty())
    add_title_row(g, "<tr><td align=\"left\">" + table + "</td></tr>");
  if (key.chosen_of > 0) {
    std::size_t named = 0;
    for (std::size_t i = 0; i < labelled_nodes.size(); ++i)
      named += labelled_nodes[i] != nullptr && ND_xlabel(labelled_nodes[i])->set ? 1 : 0;
    add_title_row(g, naming_note_row(named, key.chosen_of, key.flag_hints, key.note_point_size, key.note_colour), 2);
  }
  refit_drawing(g);
}

// --- legend marks and the strip of unlinked schools ---------------------------------------------
// Nodes the scene adds for the legend ("legend_N") and unlinked schools it marks `_strip` are
// laid out by Graphviz wherever it likes; here, after layout and before the names are placed,
// the legend marks go in a row above the drawing (each with its words to its right) and the
// unlinked schools in rows below it, under their caption node ("strip_caption"), so that the
// network itself fills the drawing.

Box node_box(Agnode_t* n) {
  const pointf c = ND_coord(n);
  return {c.x - ND_lw(n), c.y - ND_ht(n) / 2, c.x + ND_rw(n), c.y + ND_ht(n) / 2};
}

constexpr double kSpace = 14;  // between the drawing, the strip and the legend rows

bool in_strip(Agnode_t* n) {
  const char* v = agget(n, const_cast<char*>("_strip"));
  return v != nullptr && std::strcmp(v, "1") == 0;
}

void move_node(Agnode_t* n, Point to) {
  ND_coord(n) = {to.x, to.y};
  if (ND_label(n) != nullptr) ND_label(n)->pos = {to.x, to.y};
}

/// The drawing's extent without the legend marks (and, with `strip`, without the strip).
Box drawing_extent(Agraph_t* g, bool without_strip) {
  Box rest{1e300, 1e300, -1e300, -1e300};
  const auto cover = [&rest](const Box& b) {
    rest = {std::min(rest.x0, b.x0), std::min(rest.y0, b.y0), std::max(rest.x1, b.x1),
            std::max(rest.y1, b.y1)};
  };
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    if (invisible(n) || is_legend(n)) continue;
    if (without_strip && (in_strip(n) || std::strcmp(agnameof(n), "strip_caption") == 0)) continue;
    cover(node_box(n));
    if (ND_xlabel(n) != nullptr && ND_xlabel(n)->set) cover(text_box(ND_xlabel(n)));
  }
  for (int c = 1; c <= GD_n_cluster(g); ++c) {
    const boxf b = GD_bb(GD_clust(g)[c]);
    cover({b.LL.x, b.LL.y, b.UR.x, b.UR.y});
  }
  if (rest.x0 > rest.x1) rest = {0, 0, 300, 0};
  return rest;
}

/// The unlinked schools: a grid of cells wide and tall enough for a school and its name, below
/// the drawing, under their caption. Before the names are placed (they are placed in the grid).
void arrange_strip(Agraph_t* g) {
  std::vector<Agnode_t*> strip;
  Agnode_t* caption = nullptr;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    if (std::strcmp(agnameof(n), "strip_caption") == 0) caption = n;
    if (in_strip(n)) strip.push_back(n);
  }
  if (strip.empty()) return;
  const Box rest = drawing_extent(g, true);
  const double width = std::max(rest.x1 - rest.x0, 300.0);
  double y = rest.y0 - 2 * kSpace;
  if (caption != nullptr) {
    const double w = ND_lw(caption) + ND_rw(caption), h = ND_ht(caption);
    move_node(caption, {rest.x0 + w / 2, y - h / 2});
    y -= h + kSpace / 2;
  }
  double cell_w = 0, cell_h = 0;
  for (Agnode_t* n : strip) {
    const textlabel_t* lp = ND_xlabel(n);
    const double lw = lp != nullptr ? text_width(lp) : 0, lh = lp != nullptr ? lp->dimen.y : 0;
    cell_w = std::max(cell_w, std::max(ND_lw(n) + ND_rw(n), lw) + kSpace);
    cell_h = std::max(cell_h, ND_ht(n) + lh + kSpace);
  }
  const auto columns = static_cast<std::size_t>(std::max(1.0, std::floor(width / cell_w)));
  for (std::size_t k = 0; k < strip.size(); ++k) {
    const double cx = rest.x0 + cell_w * (static_cast<double>(k % columns) + 0.5);
    const double top = y - cell_h * static_cast<double>(k / columns);
    move_node(strip[k], {cx, top - kSpace / 2 - ND_ht(strip[k]) / 2});
  }
  refit_drawing(g);
}

/// The legend marks in rows under the title, from its left edge and no wider than it (or the
/// drawing), each mark's words to its right. After the names: nothing else moves.
void arrange_legend(Agraph_t* g) {
  std::vector<Agnode_t*> legend;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n))
    if (is_legend(n)) legend.push_back(n);
  if (legend.empty()) return;
  // In the scene's order (legend_0, legend_1, …), whatever order cgraph keeps them in.
  std::sort(legend.begin(), legend.end(), [](Agnode_t* a, Agnode_t* b) {
    return std::strtoul(agnameof(a) + 7, nullptr, 10) < std::strtoul(agnameof(b) + 7, nullptr, 10);
  });
  const Box rest = drawing_extent(g, false);
  const double title_w = GD_label(g) != nullptr ? GD_label(g)->dimen.x : 0;
  const double width = std::max({rest.x1 - rest.x0, title_w, 300.0});
  // Under the title's first letter (refit_drawing keeps a left-justified title at the left).
  const double left = rest.x0 + kRootLabelPadX / 2;
  double x = left, row_h = 0, y = rest.y1 + 2 * kSpace;
  std::vector<std::pair<Agnode_t*, double>> row;
  const auto flush = [&] {
    for (auto& [n, at] : row) {
      move_node(n, {at + ND_lw(n), y + row_h / 2});
      if (textlabel_t* lp = ND_xlabel(n); lp != nullptr) {
        lp->pos = {at + ND_lw(n) + ND_rw(n) + 5 + text_width(lp) / 2, y + row_h / 2};
        lp->set = TRUE;
      }
    }
    y += row_h + kSpace / 2;
    row.clear();
    row_h = 0;
    x = left;
  };
  for (Agnode_t* n : legend) {
    const textlabel_t* lp = ND_xlabel(n);
    const double w = ND_lw(n) + ND_rw(n) + (lp != nullptr ? 5 + text_width(lp) : 0);
    if (!row.empty() && x + w > left + width) flush();
    row.emplace_back(n, x);
    row_h = std::max({row_h, ND_ht(n), lp != nullptr ? lp->dimen.y : 0.0});
    x += w + 2 * kSpace;
  }
  if (!row.empty()) flush();
  refit_drawing(g);
}

std::mutex g_render_mutex;

}  // namespace

std::string graphviz_render(const std::string& dot, const std::string& engine,
                            const std::string& format, const NameKey& key) {
  const std::lock_guard<std::mutex> lock(g_render_mutex);
  MessageCapture messages;
  // One context for the whole process: the pango text-layout plugin keeps font data between
  // contexts, and a second context in the same process read freed memory (seen under ASan).
  static Context gvc;
  // Before the graph: it is read, laid out and closed with the allocator fdp needs (see Arena).
  const OrderedAllocation ordered(engine == "fdp");
  Graph graph(read_dot(dot));
  if (graph.get() == nullptr)
    throw std::runtime_error("Graphviz could not read the diagram: " + messages.text());
  // sfdp draws from libc's rand() and drand48() without seeding them (start= is ignored), so a
  // second render in one process would differ from the first. Reset both to the state of a fresh
  // process: the drawing is then the one `sfdp -Tsvg` gives for the same DOT.
  srand48(0x1234ABCD);
  std::srand(1);
  if (gvLayout(gvc.get(), graph.get(), engine.c_str()) != 0)
    throw std::runtime_error("Graphviz layout \"" + engine + "\" failed: " + messages.text());
  Layout layout(gvc.get(), graph.get());
  arrange_strip(graph.get());
  place_school_names(graph.get(), key);
  arrange_legend(graph.get());
  RenderBuffer buffer;
  // gvRenderData can fail and still leave a buffer, which RenderBuffer frees.
  if (gvRenderData(gvc.get(), graph.get(), format.c_str(), buffer.data(), buffer.length()) != 0)
    throw std::runtime_error("Graphviz could not render " + format + ": " + messages.text());
  return buffer.bytes();
}

// lib/common/colxlate.c (exported by libgvc; its header is not installed): a colour name in the
// current scheme (X11 unless a graph says otherwise) to its value; COLOR_UNKNOWN for a name it
// does not know.
extern "C" int colorxlate(char* str, gvcolor_t* color, color_type_t target_type);

bool graphviz_colour_name(const std::string& name) {
  std::string str = name;
  gvcolor_t colour{};
  return colorxlate(str.data(), &colour, RGBA_BYTE) == COLOR_OK;
}

}  // namespace collabnet::render
