#include "carecast/diagnostic.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace carecast;

namespace {

SourceFiles one_file(const std::string& name, std::string text)
{
  SourceFiles sources;
  sources.add(name, std::move(text));
  return sources;
}

} // namespace

TEST_CASE("render gives the located message, the source line and a caret under the column")
{
  const SourceFiles sources = one_file("s.toml", "[lines.staffing]\nbsae = 10.0\n");
  const Diagnostic diagnostic{{"s.toml", 2, 1}, "unknown key 'bsae'"};
  CHECK(render(diagnostic, sources)
        == "carecast: error: s.toml:2:1: unknown key 'bsae'\n"
           "  bsae = 10.0\n"
           "  ^\n");
}

TEST_CASE("the caret stands under the column the diagnostic names")
{
  // Column 8 is the '"' of the value: 7 characters "base = " come before it, so the caret
  // line is the two-space indent, 7 spaces and the caret.
  const SourceFiles sources = one_file("s.toml", "[lines.staffing]\nbase = \"ten\"\n");
  const Diagnostic diagnostic{{"s.toml", 2, 8}, "'lines.staffing.base' must be a number"};
  CHECK(render(diagnostic, sources)
        == "carecast: error: s.toml:2:8: 'lines.staffing.base' must be a number\n"
           "  base = \"ten\"\n"
           "         ^\n");
}

TEST_CASE("a diagnostic at line 0 renders without a quote or a caret")
{
  const SourceFiles sources = one_file("s.toml", "[scenario]\n");
  const Diagnostic diagnostic{{"missing.toml", 0, 0}, "cannot read scenario file 'missing.toml'"};
  CHECK(render(diagnostic, sources)
        == "carecast: error: missing.toml: cannot read scenario file 'missing.toml'\n");
}

TEST_CASE("a diagnostic whose line is not among the sources renders without a quote")
{
  const SourceFiles sources = one_file("s.toml", "[scenario]\nname = \"x\"\n");
  CHECK(render({{"other.toml", 1, 1}, "problem"}, sources)
        == "carecast: error: other.toml:1:1: problem\n");
  CHECK(render({{"s.toml", 9, 1}, "problem"}, sources) == "carecast: error: s.toml:9:1: problem\n");
}

TEST_CASE("tabs before the column are kept in the caret line")
{
  // "\tbase = 1": the tab is column 1 and the '1' column 9, so the caret line keeps the tab
  // and has 7 spaces for "base = ".
  const SourceFiles sources = one_file("s.toml", "\tbase = 1\n");
  CHECK(render({{"s.toml", 1, 9}, "problem"}, sources)
        == "carecast: error: s.toml:1:9: problem\n"
           "  \tbase = 1\n"
           "  \t       ^\n");
}

TEST_CASE("the caret counts a non-ASCII character as one column, as TOML positions do")
{
  // toml++ counts columns in characters: in `unit = "£m"\tx` the 'x' is column 13 although
  // '£' takes two bytes. The caret line needs one space per character before it and keeps
  // the tab (column 12): 11 spaces, the tab, then the caret.
  const SourceFiles sources = one_file("s.toml", "unit = \"£m\"\tx\n");
  CHECK(render({{"s.toml", 1, 13}, "problem"}, sources)
        == "carecast: error: s.toml:1:13: problem\n"
           "  unit = \"£m\"\tx\n"
           "             \t^\n");
}

TEST_CASE("a source line is quoted without its newline or carriage return")
{
  const SourceFiles sources = one_file("s.toml", "[scenario]\r\nname = \"x\"\r\nlast = 1");
  CHECK(sources.line("s.toml", 1) == "[scenario]");
  CHECK(sources.line("s.toml", 2) == "name = \"x\"");
  CHECK(sources.line("s.toml", 3) == "last = 1"); // the last line has no newline at all
}

TEST_CASE("a line that does not exist is quoted as empty")
{
  const SourceFiles sources = one_file("s.toml", "one\ntwo\n");
  CHECK(sources.line("s.toml", 0).empty());
  CHECK(sources.line("s.toml", 4).empty()); // "one\ntwo\n" has lines 1, 2 and an empty 3
  CHECK(sources.line("unknown.toml", 1).empty());
}

TEST_CASE("did_you_mean suggests the candidate nearest to a misspelt word")
{
  const std::vector<std::string> keys{"name", "base", "demand", "prices", "until"};
  CHECK(did_you_mean("bsae", keys) == "; did you mean 'base'?");
  CHECK(did_you_mean("prics", keys) == "; did you mean 'prices'?");
}

TEST_CASE("did_you_mean returns an empty string when no candidate is close")
{
  const std::vector<std::string> keys{"name", "base", "demand", "prices", "until"};
  CHECK(did_you_mean("staffing", keys).empty());
  CHECK(did_you_mean("base", {}).empty());
}

TEST_CASE("did_you_mean prefers the closest candidate over the first one")
{
  // "demnad" is 1 edit (a swap) from "demand" and 2 from "demands".
  CHECK(did_you_mean("demnad", {"demands", "demand"}) == "; did you mean 'demand'?");
}

TEST_CASE("a swap of neighbouring letters counts as a single edit")
{
  // A 4-letter word may be 1 edit away (a third of 4, at least 1). "bsae" is a swap from
  // "base" but 2 substitutions, so it is only suggested if the swap counts as one edit.
  CHECK(did_you_mean("bsae", {"base"}) == "; did you mean 'base'?");
  CHECK(did_you_mean("bxye", {"base"}).empty()); // 2 substitutions
}

TEST_CASE("a suggestion is at most a third of the word's letters away, and at most 3 edits")
{
  // 6 letters: up to 2 edits.
  CHECK(did_you_mean("abcxyf", {"abcdef"}) == "; did you mean 'abcdef'?");
  CHECK(did_you_mean("axyzef", {"abcdef"}).empty());
  // 12 letters: a third would be 4, but the limit is 3.
  CHECK(did_you_mean("abcdefghiXYZ", {"abcdefghijkl"}) == "; did you mean 'abcdefghijkl'?");
  CHECK(did_you_mean("abcdefghWXYZ", {"abcdefghijkl"}).empty());
}

TEST_CASE("sort_by_position orders diagnostics by file, then line, then column")
{
  std::vector<Diagnostic> diagnostics{
    {{"b.toml", 1, 1}, "b 1:1"},   {{"a.toml", 10, 2}, "a 10:2"},     {{"a.toml", 2, 30}, "a 2:30"},
    {{"a.toml", 10, 1}, "a 10:1"}, {{"a.toml", 0, 0}, "a unlocated"},
  };
  sort_by_position(diagnostics);
  std::vector<std::string> order;
  for (const Diagnostic& diagnostic : diagnostics) {
    order.push_back(diagnostic.message);
  }
  // Line 10 comes after line 2 (numerically, not as text).
  CHECK(order == std::vector<std::string>{"a unlocated", "a 2:30", "a 10:1", "a 10:2", "b 1:1"});
}

TEST_CASE("sort_by_position keeps diagnostics at the same position in their order")
{
  std::vector<Diagnostic> diagnostics{
    {{"a.toml", 1, 1}, "second"}, {{"a.toml", 1, 1}, "first"}, {{"a.toml", 0, 0}, "zero"}};
  sort_by_position(diagnostics);
  CHECK(diagnostics[0].message == "zero");
  CHECK(diagnostics[1].message == "second");
  CHECK(diagnostics[2].message == "first");
}
