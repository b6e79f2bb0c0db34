// Theme files (viz/README.md): a house style as JSON, read and checked in full before anything
// is drawn. Every problem is reported, located by its JSON path and worded with its fix;
// problems of one kind are grouped in one message, so that a file with many of them gives a
// short list that is never cut (see kMaxReportedErrors: a theme has too few keys to reach it
// once grouped). The built-in themes are files too (viz/default.json, viz/print.json, compiled
// in by src/render/themes.cmake) and pass through the same checks.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "collabnet/diagnostic.hpp"
#include "load/builder.hpp"
#include "load/input_file.hpp"
#include "render/render_internal.hpp"

namespace collabnet::render {
namespace {

using load::did_you_mean;
using load::quote;
using nlohmann::json;

/// A theme file is a few kilobytes; anything much larger is not one.
constexpr std::size_t kMaxThemeBytes = std::size_t{1} << 20;

enum class Type { colour, shape, title_size, font, text };

/// One key of a theme file and the Theme member it sets.
struct Field {
  std::string path;
  Type type;
  std::string* text = nullptr;
  double* number = nullptr;
};

constexpr const char* kMarkKeys[] = {"plain", "isolated", "receive_only",
                                     "one_partner", "cut", "give_only"};

/// Every key a theme file may hold (but "base"), in the order viz/README.md lists them.
std::vector<Field> fields_of(Theme& t) {
  std::vector<Field> f;
  auto colour = [&f](std::string path, std::string& v) {
    f.push_back({std::move(path), Type::colour, &v, nullptr});
  };
  f.push_back({"font_family", Type::font, &t.font, nullptr});
  f.push_back({"title_size", Type::title_size, nullptr, &t.title_size});
  f.push_back({"logo_text", Type::text, &t.logo_text, nullptr});
  colour("background", t.background);
  colour("text", t.text);
  colour("muted_text", t.muted_text);
  for (int m = 0; m < static_cast<int>(SchoolMark::count); ++m) {
    const std::string p = std::string("findings.") + kMarkKeys[m];
    colour(p + ".fill", t.marks[m].fill);
    colour(p + ".line", t.marks[m].line);
    f.push_back({p + ".shape", Type::shape, &t.marks[m].shape, nullptr});
  }
  colour("links.mutual", t.link);
  colour("links.one_way", t.one_way);
  colour("links.bridge", t.bridge);
  colour("links.suggested", t.suggested);
  colour("links.disputed", t.disputed);
  colour("faded.fill", t.faded_fill);
  colour("faded.line", t.faded_line);
  colour("faded.link", t.faded_link);
  colour("focus_line", t.focus_line);
  colour("groupings.line", t.grouping_line);
  colour("groupings.fill", t.grouping_fill);
  colour("groupings.oversize_line", t.oversize_line);
  colour("overview.fill", t.overview_fill);
  colour("overview.line", t.overview_line);
  colour("basemap.land", t.land_fill);
  colour("basemap.sea", t.sea_fill);
  colour("basemap.area_line", t.area_line);
  ChangeColours& c = t.change;
  colour("change.background", c.background);
  colour("change.text", c.text);
  colour("change.gained", c.gained);
  colour("change.lost", c.lost);
  colour("change.same", c.same);
  colour("change.newly_isolated", c.newly_isolated);
  colour("change.newly_connected", c.newly_connected);
  colour("change.added", c.added);
  colour("change.school_fill", c.school_fill);
  colour("change.school_line", c.school_line);
  colour("change.marked_line", c.marked_line);
  colour("change.removed_line", c.removed_line);
  return f;
}

/// Kinds of problem, in the order they are reported.
enum class Kind {
  bad_base, duplicate, unknown_key, wrong_type, missing, bad_colour, bad_shape, bad_size, bad_text
};

struct Problem {
  Kind kind;
  std::string path;
  std::string alone;  ///< the message when it is the only one of its kind
  std::string item;   ///< its entry in a grouped message
};

std::string shape_list() {
  std::string s;
  for (const ShapeArea& a : kThemeShapes) s += (s.empty() ? "" : ", ") + std::string(a.shape);
  return s;
}

std::string builtin_list() {
  std::string s;
  for (const std::string& name : theme_names()) s += (s.empty() ? "" : ", ") + name;
  return s;
}

/// How a JSON value is named in messages: its type, and the value itself when short.
std::string describe(const json& v) {
  if (v.is_string()) return quote(v.get_ref<const std::string&>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return "the number " + v.dump();
  if (v.is_null()) return "null";
  if (v.is_array()) return "a list";
  return "an object";
}

std::string expected_of(Type t) {
  switch (t) {
    case Type::title_size: return "a number";
    default: return "a string";
  }
}

bool has_control(std::string_view s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7f) return true;
  return false;
}

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; });
}

/// `#rrggbb` as given; `#rgb` doubled to `#rrggbb` (Graphviz reads only the long form); a name
/// Graphviz knows as given. nullopt otherwise.
std::optional<std::string> colour_value(const std::string& s) {
  if (s.size() == 7 && s[0] == '#' && is_hex(std::string_view(s).substr(1))) return s;
  if (s.size() == 4 && s[0] == '#' && is_hex(std::string_view(s).substr(1)))
    return std::string{'#', s[1], s[1], s[2], s[2], s[3], s[3]};
  const bool word = !s.empty() && s.size() <= 40 &&
                    std::isalpha(static_cast<unsigned char>(s[0])) &&
                    std::all_of(s.begin(), s.end(), [](char ch) {
                      return std::isalnum(static_cast<unsigned char>(ch)) != 0;
                    });
  if (word && graphviz_colour_name(s)) return s;
  return std::nullopt;
}

class Checker {
 public:
  Checker(Theme& theme, bool built_in) : fields_(fields_of(theme)), built_in_(built_in) {
    for (const Field& f : fields_) {
      for (std::size_t dot = f.path.find('.'); dot != std::string::npos;
           dot = f.path.find('.', dot + 1))
        objects_.insert(f.path.substr(0, dot));
    }
  }

  /// Checks the top-level object and sets the theme's members from it.
  void check(const json& top) {
    walk(top, "");
    if (built_in_)
      for (const Field& f : fields_)
        if (!seen_.count(f.path) && f.type != Type::text)
          add(Kind::missing, f.path, "missing: a built-in theme gives every key",
              f.path);
  }

  std::vector<Problem>& problems() { return problems_; }

 private:
  /// The keys allowed directly in the object at `path` ("" for the top).
  std::vector<std::string> children(const std::string& path) const {
    std::vector<std::string> out;
    auto push = [&out](std::string k) {
      if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(std::move(k));
    };
    const std::string prefix = path.empty() ? "" : path + ".";
    if (path.empty() && !built_in_) push("base");
    for (const Field& f : fields_) {
      if (f.path.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string rest = f.path.substr(prefix.size());
      push(rest.substr(0, rest.find('.')));
    }
    return out;
  }

  void walk(const json& obj, const std::string& path) {
    const std::vector<std::string> allowed = children(path);
    for (const auto& [key, value] : obj.items()) {
      const std::string at = path.empty() ? key : path + "." + key;
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        unknown(key, at, path, allowed);
      } else if (objects_.count(at)) {
        if (!value.is_object())
          add(Kind::wrong_type, at, "must be an object {…}, got " + describe(value),
              at + " must be an object (got " + describe(value) + ")");
        else
          walk(value, at);
      } else if (at != "base") {
        value_of(*std::find_if(fields_.begin(), fields_.end(),
                               [&at](const Field& f) { return f.path == at; }),
                 value);
      }
    }
  }

  void unknown(const std::string& key, const std::string& at, const std::string& path,
               const std::vector<std::string>& allowed) {
    std::vector<std::string_view> candidates(allowed.begin(), allowed.end());
    std::string hint;
    if (auto near = did_you_mean(key, candidates)) hint = " (did you mean \"" + *near + "\"?)";
    std::string list;
    for (std::size_t i = 0; i < allowed.size(); ++i)
      list += (i == 0 ? "" : i + 1 == allowed.size() ? " and " : ", ") + allowed[i];
    add(Kind::unknown_key, at,
        "unknown key" + hint + "; " + (path.empty() ? std::string("a theme") : path) +
            " has only " + list,
        quote(at) + hint);
  }

  void value_of(const Field& f, const json& v) {
    seen_.insert(f.path);
    if (f.type == Type::title_size ? !(v.is_number()) : !v.is_string()) {
      add(Kind::wrong_type, f.path, "must be " + expected_of(f.type) + ", got " + describe(v),
          f.path + " must be " + expected_of(f.type) + " (got " + describe(v) + ")");
      return;
    }
    switch (f.type) {
      case Type::colour: {
        const std::string& s = v.get_ref<const std::string&>();
        if (auto c = colour_value(s)) {
          *f.text = *c;
        } else {
          add(Kind::bad_colour, f.path,
              describe(v) + " is not a colour; write #rrggbb, #rgb or a Graphviz colour name "
                            "such as navy",
              f.path + " (" + describe(v) + ")");
        }
        break;
      }
      case Type::shape: {
        const std::string& s = v.get_ref<const std::string&>();
        std::vector<std::string_view> shapes;
        for (const ShapeArea& a : kThemeShapes) shapes.emplace_back(a.shape);
        if (std::find(shapes.begin(), shapes.end(), s) != shapes.end()) {
          *f.text = s;
        } else {
          std::string hint;
          if (auto near = did_you_mean(s, shapes)) hint = " (did you mean \"" + *near + "\"?)";
          add(Kind::bad_shape, f.path,
              describe(v) + " is not a shape the legend draws" + hint + "; use " + shape_list(),
              f.path + " (" + describe(v) + ")" + hint);
        }
        break;
      }
      case Type::title_size: {
        const double d = v.get<double>();
        if (std::isfinite(d) && d >= kMinTitleSize && d <= kMaxTitleSize) {
          *f.number = d;
        } else {
          add(Kind::bad_size, f.path,
              "must be from 6 to 72 points, got " + v.dump() + "; 20 is the built-in size",
              f.path + " (" + v.dump() + ")");
        }
        break;
      }
      case Type::font:
      case Type::text: {
        const std::string& s = v.get_ref<const std::string&>();
        const bool empty = s.find_first_not_of(' ') == std::string::npos;
        const bool bad_chars =
            has_control(s) ||
            (f.type == Type::font && s.find_first_of("\"\\") != std::string::npos);
        const std::string why =
            f.type == Type::font
                ? "must name a font family (e.g. \"DejaVu Serif\"): not empty, without control "
                  "characters, quotes or backslashes"
                : "must be one line of text without control characters (leave the key out for "
                  "no logo line)";
        if ((f.type == Type::font && empty) || bad_chars) {
          add(Kind::bad_text, f.path, why + ", got " + describe(v),
              f.path + " (" + describe(v) + ")");
        } else {
          *f.text = f.type == Type::text ? clean_text(s) : s;
        }
        break;
      }
    }
  }

  void add(Kind kind, const std::string& path, std::string alone, std::string item) {
    problems_.push_back({kind, path, std::move(alone), std::move(item)});
  }

  std::vector<Field> fields_;
  std::set<std::string> objects_;
  std::set<std::string> seen_;
  bool built_in_;
  std::vector<Problem> problems_;
};

/// A grouped message's opening words and closing fix for problems of one kind.
std::pair<std::string, std::string> group_words(Kind kind) {
  switch (kind) {
    case Kind::duplicate:
      return {"keys given twice in the same object: ", "; keep one of each (the last would win)"};
    case Kind::unknown_key:
      return {"unknown keys ", "; viz/README.md lists every key a theme may hold"};
    case Kind::wrong_type: return {"wrong types: ", ""};
    case Kind::missing: return {"missing keys: ", "; a built-in theme gives every key"};
    case Kind::bad_colour:
      return {"not colours: ", "; write #rrggbb, #rgb or a Graphviz colour name such as navy"};
    case Kind::bad_shape:
      return {"not shapes the legend draws: ", "; use " + shape_list()};
    case Kind::bad_text:
      return {"texts that cannot be drawn: ",
              "; a font family names a font (e.g. \"DejaVu Serif\"), a logo line is one line "
              "of text without control characters"};
    default: return {"", ""};
  }
}

[[noreturn]] void fail(const std::string& file, std::vector<Problem> problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.kind < b.kind; });
  std::vector<Diagnostic> out;
  for (std::size_t i = 0; i < problems.size();) {
    std::size_t j = i;
    while (j < problems.size() && problems[j].kind == problems[i].kind) ++j;
    Diagnostic d;
    d.file = file;
    if (j - i == 1 || problems[i].kind == Kind::bad_size || problems[i].kind == Kind::bad_base) {
      for (std::size_t k = i; k < j; ++k) {
        Diagnostic one = d;
        one.where = problems[k].path;
        one.message = problems[k].alone;
        out.push_back(std::move(one));
      }
    } else {
      const auto [opening, fix] = group_words(problems[i].kind);
      d.message = opening;
      for (std::size_t k = i; k < j; ++k)
        d.message += (k == i ? "" : k + 1 == j ? " and " : ", ") + problems[k].item;
      d.message += fix;
      out.push_back(std::move(d));
    }
    i = j;
  }
  throw InputError(std::move(out));
}

/// nlohmann's syntax error as "FILE:LINE:COLUMN: syntax error …".
[[noreturn]] void syntax_error(const std::string& file, const json::parse_error& e) {
  std::string what = e.what();
  Diagnostic d;
  d.file = file;
  if (auto pos = what.find("at line "); pos != std::string::npos) {
    std::sscanf(what.c_str() + pos, "at line %zu, column %zu", &d.line, &d.column);
    if (auto colon = what.find(": ", pos); colon != std::string::npos)
      what = what.substr(colon + 2);
  } else if (auto bracket = what.find("] "); bracket != std::string::npos) {
    what = what.substr(bracket + 2);
  }
  const std::string q = quote(what, 400);
  d.message = q.substr(1, q.size() - 2) + "; a theme file is JSON (see viz/example-council.json)";
  throw InputError(std::vector<Diagnostic>{std::move(d)});
}

/// A parser callback that records every key given twice in one object (nlohmann would keep the
/// last silently), located by its JSON path.
json::parser_callback_t duplicate_finder(std::vector<Problem>& problems) {
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;  ///< the key being read (objects)
  };
  auto stack = std::make_shared<std::vector<Frame>>();
  return [stack, &problems](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: stack->push_back({true, {}, {}}); break;
      case json::parse_event_t::array_start: stack->push_back({false, {}, {}}); break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!stack->empty()) stack->pop_back();
        break;
      case json::parse_event_t::key: {
        if (stack->empty() || !parsed.is_string()) break;
        Frame& top = stack->back();
        top.key = parsed.get<std::string>();
        if (top.keys.insert(top.key).second) break;
        std::string path;
        for (const Frame& f : *stack)
          path += f.object ? (path.empty() ? "" : ".") + f.key : std::string("[]");
        problems.push_back({Kind::duplicate, path, "appears twice in the same object; keep one",
                            quote(path)});
        break;
      }
      case json::parse_event_t::value: break;
    }
    return true;
  };
}

/// nlohmann's "number overflow parsing '1e999'" (it gives no position): located at the first
/// place the number is written.
[[noreturn]] void number_overflow(const std::string& file, std::string_view text,
                                  const json::out_of_range& e) {
  const std::string what = e.what();
  Diagnostic d;
  d.file = file;
  const auto open = what.find('\'');
  const auto close = what.rfind('\'');
  if (open != std::string::npos && close > open + 1) {
    const std::string number = what.substr(open + 1, close - open - 1);
    if (const auto at = text.find(number); at != std::string_view::npos) {
      const auto before = text.substr(0, at);
      d.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
      const auto line_start = text.rfind('\n', at);
      d.column = at - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    }
    d.message = "the number " + quote(number, 40) + " is too large; a title size is from 6 to 72";
  } else {
    d.message = "a number is too large; a title size is from 6 to 72";
  }
  throw InputError(std::vector<Diagnostic>{std::move(d)});
}

void set_size_scales(Theme& t) {
  for (Mark& m : t.marks)
    for (const ShapeArea& a : kThemeShapes)
      if (m.shape == a.shape) m.size_scale = a.size_scale;
}

}  // namespace

Theme parse_theme(std::string_view text, const std::string& file, bool built_in) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError(file, "the file is empty; a theme file is a JSON object such as "
                           "{\"base\": \"print\", \"font_family\": \"DejaVu Serif\"} "
                           "(see viz/example-council.json)");
  json top;
  std::vector<Problem> early;  // an unknown base, keys given twice
  try {
    top = json::parse(text, duplicate_finder(early));
  } catch (const json::parse_error& e) {
    syntax_error(file, e);
  } catch (const json::out_of_range& e) {
    number_overflow(file, text, e);
  }
  if (!top.is_object())
    throw InputError(file, "a theme file is a JSON object {\"base\": \"print\", …}, got " +
                               describe(top) + " (see viz/example-council.json)");
  Theme theme;
  if (!built_in) {
    // An unknown base is reported with the rest, which are checked as if it were "default".
    const Theme* base = find_theme("default");
    if (auto b = top.find("base"); b != top.end()) {
      const Theme* found = b->is_string() ? find_theme(b->get_ref<const std::string&>()) : nullptr;
      if (found == nullptr) {
        const std::vector<std::string> builtins = theme_names();
        const std::vector<std::string_view> names(builtins.begin(), builtins.end());
        std::string hint;
        if (b->is_string())
          if (auto near = did_you_mean(b->get_ref<const std::string&>(), names))
            hint = " (did you mean \"" + *near + "\"?)";
        early.push_back({Kind::bad_base, "base",
                                describe(*b) + " is not a built-in theme" + hint + "; use " +
                                    builtin_list() + ", or leave base out to start from default",
                                ""});
      } else {
        base = found;
      }
    }
    theme = *base;
  }
  theme.name = file;
  Checker checker(theme, built_in);
  checker.problems() = std::move(early);
  checker.check(top);
  if (!checker.problems().empty()) fail(file, std::move(checker.problems()));
  set_size_scales(theme);
  return theme;
}

std::string logo_row(const Theme& theme, double points, int columns) {
  if (theme.logo_text.empty()) return {};
  std::string lines;
  for (const std::string& line : wrap_text(theme.logo_text, 90, 2)) {
    if (!lines.empty()) lines += "<br align=\"left\"/>";
    lines += html_text(line);
  }
  const std::string span = columns > 1 ? " colspan=\"" + std::to_string(columns) + "\"" : "";
  return "<tr><td align=\"left\" balign=\"left\"" + span + "><font point-size=\"" +
         dot_number(points, 1) +
         "\" color=\"" + theme.text + "\"><b>" + lines + "</b></font></td></tr>";
}

}  // namespace collabnet::render

namespace collabnet {

std::shared_ptr<const render::Theme> load_theme(const std::string& name_or_file) {
  if (const render::Theme* t = render::find_theme(name_or_file))
    return std::shared_ptr<const render::Theme>(std::shared_ptr<void>{}, t);
  std::error_code ec;
  if (!std::filesystem::exists(name_or_file, ec))
    throw InputError("--theme", load::quote(name_or_file) + " is neither a built-in theme (" +
                                    render::builtin_list() +
                                    ") nor a theme file that exists; name a built-in theme, or "
                                    "the path of a theme file such as viz/example-council.json");
  load::InputFile in(name_or_file, name_or_file,
                     "give a built-in theme (" + render::builtin_list() +
                         ") or a theme file (.json)");
  const std::string text = in.read_all(render::kMaxThemeBytes, render::kMaxThemeBytes);
  return std::make_shared<const render::Theme>(render::parse_theme(text, name_or_file, false));
}

}  // namespace collabnet
