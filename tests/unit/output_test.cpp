// write_output: the formats, and the writer and destination each content and format
// get.

#include "carecast/output.hpp"
#include "carecast/provenance.hpp"
#include "carecast/writers.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

std::string read(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

carecast::BatchSummary summary()
{
  return {{{"s", "a", 21.5, 20.0, "b"}, {"s", "b", 21.0, 19.5, "b"}}, {}};
}

} // namespace

TEST_CASE("an output file's extension implies csv, json or xlsx in any case, and nothing else")
{
  using carecast::Format;
  using carecast::format_of;
  CHECK(format_of("results/transfer.csv") == Format::csv);
  CHECK(format_of("compare.JSON") == Format::json);
  CHECK(format_of("/tmp/dcst.Xlsx") == Format::xlsx);
  CHECK_FALSE(format_of("report.txt"));
  CHECK_FALSE(format_of("report.table")); // table is a format, but no file type
  CHECK_FALSE(format_of("no_extension"));
  CHECK_FALSE(format_of("csv")); // a name, not an extension
  CHECK_FALSE(format_of("-"));
  CHECK_FALSE(format_of("/dev/null"));
  CHECK_FALSE(format_of("archive.csv.gz"));
}

TEST_CASE("each format's name gives the format back, and no other name gives one")
{
  using carecast::Format;
  for (const Format format : carecast::k_formats) {
    CHECK(carecast::format_named(carecast::format_name(format)) == format);
  }
  CHECK_FALSE(carecast::format_named("CSV"));
  CHECK_FALSE(carecast::format_named(""));
  CHECK_FALSE(carecast::format_named("xls"));
}

TEST_CASE("a CSV written to a file gets a record of the run ending with the CSV's digest")
{
  const TempDir dir;
  const carecast::BatchSummary content = summary();
  carecast::RunProvenance provenance;
  provenance.arguments = {"batch", "scenarios"};
  const fs::path target = dir.path() / "summary.csv";
  carecast::write_output(&content, carecast::Format::csv, {target, {}}, provenance);
  const std::string csv = read(target);
  CHECK(csv == carecast::write_csv(content));
  // The record is the run's provenance with the output's path and SHA-256 (the digest
  // function is checked against sha256sum in tests/provenance).
  CHECK(read(target.string() + ".meta.json")
        == carecast::output_record(provenance, {target.string(), carecast::sha256_hex(csv)})
             + "\n");
  CHECK(dir.entries() == std::vector<std::string>{"summary.csv", "summary.csv.meta.json"});
}

TEST_CASE("a byte-order mark starts a CSV file, and its record's digest covers it")
{
  const TempDir dir;
  const carecast::BatchSummary content = summary();
  carecast::RunProvenance provenance;
  const fs::path target = dir.path() / "summary.csv";
  carecast::write_output(&content, carecast::Format::csv, {target, {}, true}, provenance);
  const std::string csv = read(target);
  CHECK(csv == "\xEF\xBB\xBF" + carecast::write_csv(content));
  CHECK(read(target.string() + ".meta.json")
        == carecast::output_record(provenance, {target.string(), carecast::sha256_hex(csv)})
             + "\n");
}

TEST_CASE("a byte-order mark on another format than CSV is the caller's mistake")
{
  const TempDir dir;
  carecast::Report report;
  const fs::path target = dir.path() / "report.json";
  CHECK_THROWS_AS(carecast::write_output(&report, carecast::Format::json, {target, {}, true}, {}),
                  std::logic_error);
  CHECK(dir.entries().empty());
}

TEST_CASE("JSON and table files get no record beside them")
{
  const TempDir dir;
  carecast::Report report;
  report.scenario = "s";
  const fs::path target = dir.path() / "report.json";
  carecast::write_output(&report, carecast::Format::json, {target, {}}, {});
  CHECK(read(target).starts_with("{\n  \"schema_version\": 1,\n  \"provenance\": "));
  CHECK(dir.entries() == std::vector<std::string>{"report.json"});
}

TEST_CASE("a content and format without a writer are the caller's mistake, and write nothing")
{
  const TempDir dir;
  const carecast::BatchSummary content = summary();
  const fs::path target = dir.path() / "summary.txt";
  CHECK_THROWS_AS(carecast::write_output(&content, carecast::Format::table, {target, {}}, {}),
                  std::logic_error);
  CHECK_THROWS_AS(
    carecast::write_output(&content, carecast::Format::xlsx, {target, {}}, {}),
    std::logic_error);
  const carecast::Workbook book;
  CHECK_THROWS_AS(carecast::write_output(&book, carecast::Format::csv, {target, {}}, {}),
                  std::logic_error);
  CHECK(dir.entries().empty());
}
